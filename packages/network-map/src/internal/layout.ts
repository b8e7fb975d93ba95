import { forceRadial } from 'd3-force';
import { SECTORS, type NetworkMember, type Ring, type Sector } from '@odkit/core';
import { collide } from './collide.js';

/** Radius of a member's shape, in map units (a 32-unit target at zoom 1). */
export const NODE_R = 16;
/** Radius of the person at the centre. */
export const PERSON_R = 26;
const SPACING = 46;
/** Inner radius of the first ring (the person's circle stays inside it). */
export const FIRST_RING = 84;
const MIN_BAND = 70;
/**
 * Relaxation ticks: the seeded rows are nearly settled already, so large networks need fewer (collision is the cost).
 */
const ticksFor = (n: number) => (n <= 100 ? 24 : n <= 400 ? 16 : 10);
const START = -Math.PI / 2;
const TAU = Math.PI * 2;

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Layout {
  /** Member id → position (the person is at 0,0). */
  readonly positions: ReadonlyMap<string, Point>;
  /** Outer radius of rings 1, 2 and 3. */
  readonly rings: readonly [number, number, number];
  /** Whether members are grouped into sectors (wedges). */
  readonly sectors: boolean;
}

/**
 * A member as the layout moves it: d3-force's node fields, written out so that the
 * published declarations need no d3 types (d3-force ships none of its own).
 */
export interface Node {
  index?: number;
  x?: number;
  y?: number;
  vx?: number;
  vy?: number;
  id: string;
  r: number;
  angle: number;
  inner: number;
  outer: number;
  wedge: [number, number];
}

type LayoutMember = Pick<NetworkMember, 'id' | 'ring' | 'sector'>;

const wedgeOf = (sector: Sector): [number, number] => {
  const i = SECTORS.indexOf(sector);
  const size = TAU / SECTORS.length;
  return [START + i * size, START + (i + 1) * size];
};

/** Layouts by owner (a record's members array, frozen and replaced on every change) and by view key. */
const layoutCache = new WeakMap<object, Map<string, Layout>>();

/** The layout of `members()` for this owner and key, computed once. */
export function cachedLayout(
  owner: object,
  key: string,
  members: () => readonly LayoutMember[],
  sectors: boolean,
): Layout {
  let byKey = layoutCache.get(owner);
  if (!byKey) layoutCache.set(owner, (byKey = new Map()));
  let layout = byKey.get(key);
  if (!layout) byKey.set(key, (layout = computeLayout(members(), sectors)));
  return layout;
}
/**
 * Places members in their ring and (with `sectors`) their sector's wedge: seeded
 * row by row from what is known, then relaxed by a few d3-force ticks (radial,
 * angular and collision forces), driven synchronously so the layout is ready
 * before the first paint. The same members always give the same layout.
 */
export function computeLayout(members: readonly LayoutMember[], sectors: boolean): Layout {
  const sorted = [...members].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const nodes: Node[] = [];
  const rings: number[] = [];
  let start = FIRST_RING;
  for (const ring of [1, 2, 3] as Ring[]) {
    const inRing = sorted.filter((m) => m.ring === ring);
    const groups: { wedge: [number, number]; members: LayoutMember[] }[] = sectors
      ? SECTORS.map((s) => ({ wedge: wedgeOf(s), members: inRing.filter((m) => m.sector === s) }))
      : [
          {
            wedge: [START, START + TAU],
            members: [...inRing].sort((a, b) => SECTORS.indexOf(a.sector) - SECTORS.indexOf(b.sector)),
          },
        ];
    let rho = start + SPACING / 2;
    let last = rho;
    const offsets = groups.map(() => 0);
    while (groups.some((g, i) => offsets[i]! < g.members.length)) {
      groups.forEach((g, i) => {
        const from = offsets[i]!;
        if (from >= g.members.length) return;
        const span = g.wedge[1] - g.wedge[0];
        const cap = Math.max(1, Math.floor((span * rho) / SPACING));
        const row = g.members.slice(from, from + cap);
        offsets[i] = from + row.length;
        row.forEach((m, j) => {
          const angle = g.wedge[0] + (span * (j + 0.5)) / row.length;
          nodes.push({
            id: m.id,
            r: rho,
            angle,
            inner: start,
            outer: 0,
            wedge: g.wedge,
            x: rho * Math.cos(angle),
            y: rho * Math.sin(angle),
          });
        });
      });
      last = rho;
      rho += SPACING * 0.9;
    }
    const outer = Math.max(start + MIN_BAND, last + SPACING / 2 + 4);
    for (const n of nodes) if (n.outer === 0) n.outer = outer;
    rings.push(outer);
    start = outer;
  }

  if (nodes.length) {
    relax(nodes, layoutForces(sectors), ticksFor(nodes.length));
  }

  const positions = new Map<string, Point>();
  for (const n of nodes) {
    // Keep every member inside its ring (and wedge) whatever the forces did.
    const x = n.x ?? 0;
    const y = n.y ?? 0;
    let angle = Math.atan2(y, x);
    if (sectors) angle = clampAngle(angle, n.wedge[0] + 0.02, n.wedge[1] - 0.02);
    const dist = Math.min(Math.max(Math.hypot(x, y), n.inner + NODE_R + 2), n.outer - NODE_R - 2);
    positions.set(n.id, { x: round(dist * Math.cos(angle)), y: round(dist * Math.sin(angle)) });
  }
  return { positions, rings: rings as [number, number, number], sectors };
}

/** A d3-force force, as `relax` drives it (d3's `Force` type, without needing d3's types). */
export interface LayoutForce {
  (alpha: number): void;
  initialize?(nodes: Node[], random: () => number): void;
}

/** How close two members' centres come before the layout pushes them apart (d3-force's collision radius, each). */
export const COLLIDE_RADIUS = NODE_R + 5;

/**
 * The forces that relax the seeded rows: to the seeded radius, toward the seeded angle, apart (d3-force's
 * `forceCollide(COLLIDE_RADIUS)`, one iteration, walked as in collide.ts).
 */
export function layoutForces(sectors: boolean): LayoutForce[] {
  return [forceRadial<Node>((n) => n.r).strength(0.6), angularForce(sectors ? 0.2 : 0.05), collide(COLLIDE_RADIUS)];
}

/**
 * `ticks` ticks of d3-force's `forceSimulation` (v3) driven by hand, with exactly its arithmetic:
 * nodes indexed and at rest, forces initialised in order with its seeded random source, then per
 * tick alpha decays toward 0, every force runs, and nodes move with velocity decay 0.6. We never
 * let the simulation run on its own, so doing this here keeps d3-timer and d3-dispatch (and the
 * rest of the simulation) out of every page's bundle; the layout is the same to the last bit.
 */
export function relax(nodes: Node[], forces: LayoutForce[], ticks: number): void {
  // d3-force's `lcg`: coincident nodes are jiggled apart with it, so it must be the same sequence.
  let seed = 1;
  const random = () => (seed = (1664525 * seed + 1013904223) % 4294967296) / 4294967296;
  nodes.forEach((n, i) => {
    n.index = i;
    n.vx = n.vy = 0;
  });
  for (const force of forces) force.initialize?.(nodes, random);
  const decay = 1 - Math.pow(0.001, 1 / 300);
  let alpha = 1;
  for (let k = 0; k < ticks; k++) {
    alpha += (0 - alpha) * decay;
    for (const force of forces) force(alpha);
    for (const n of nodes) {
      n.x! += n.vx! *= 0.6;
      n.y! += n.vy! *= 0.6;
    }
  }
}

/** Pulls each node along the tangent toward its seeded angle (its place in its sector). */
function angularForce(strength: number): LayoutForce {
  let nodes: Node[] = [];
  const force = (alpha: number) => {
    for (const n of nodes) {
      const x = n.x ?? 0;
      const y = n.y ?? 0;
      const rho = Math.hypot(x, y) || 1;
      const delta = wrap(n.angle - Math.atan2(y, x));
      const k = delta * rho * strength * alpha;
      n.vx = (n.vx ?? 0) - (y / rho) * k;
      n.vy = (n.vy ?? 0) + (x / rho) * k;
    }
  };
  force.initialize = (n: Node[]) => {
    nodes = n;
  };
  return force;
}

const wrap = (a: number) => Math.atan2(Math.sin(a), Math.cos(a));
/** Rounds to one decimal: short attribute values, stable across renders. */
export const round = (v: number) => Math.round(v * 10) / 10;

function clampAngle(angle: number, lo: number, hi: number): number {
  // Bring the angle into [lo, lo + 2π) first.
  let a = angle;
  while (a < lo) a += TAU;
  while (a >= lo + TAU) a -= TAU;
  if (a <= hi) return a;
  // Outside the wedge: the nearer edge.
  return a - hi < lo + TAU - a ? hi : lo;
}

const spacings = new WeakMap<Layout, number>();

/**
 * The least distance between two centres on the map (the person's included), in map units: what the map's scale on
 * screen must keep at 24 px or more (WCAG 2.2 target spacing). Computed once per layout.
 */
export function minSpacing(layout: Layout): number {
  let d = spacings.get(layout);
  if (d !== undefined) return d;
  const points = [{ x: 0, y: 0 }, ...layout.positions.values()];
  d = Infinity;
  for (let i = 0; i < points.length; i++) {
    const a = points[i]!;
    for (let j = i + 1; j < points.length; j++) {
      const b = points[j]!;
      const dx = a.x - b.x;
      // A cheap reject on one axis saves the square root for most pairs.
      if (Math.abs(dx) >= d) continue;
      d = Math.min(d, Math.hypot(dx, a.y - b.y));
    }
  }
  spacings.set(layout, d);
  return d;
}

/** The ring and sector a point falls in (for dragging a member to a new place). */
export function placeAt(layout: Layout, point: Point): { ring: Ring; sector: Sector | undefined } {
  const dist = Math.hypot(point.x, point.y);
  const ring = (dist <= layout.rings[0] ? 1 : dist <= layout.rings[1] ? 2 : 3) as Ring;
  if (!layout.sectors) return { ring, sector: undefined };
  let a = Math.atan2(point.y, point.x) - START;
  while (a < 0) a += TAU;
  const index = Math.min(SECTORS.length - 1, Math.floor(a / (TAU / SECTORS.length)));
  return { ring, sector: SECTORS[index] };
}

/** Middle angle of a sector's wedge (for its label). */
export function sectorAngle(sector: Sector): number {
  const [a, b] = wedgeOf(sector);
  return (a + b) / 2;
}

/** The wedges' boundary angles, for the sector lines. */
export function sectorBoundaries(): number[] {
  return SECTORS.map((_, i) => START + (i * TAU) / SECTORS.length);
}
