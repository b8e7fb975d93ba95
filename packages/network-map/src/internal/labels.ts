/**
 * Where the map's text goes: the person's name inside their circle, each member's name beside their node, the
 * sector names outside the outer ring, so that no name sits on a node, on another name or on a tie. Pure (names,
 * positions and a text measure in, boxes out), in map units; `unit` is map units per CSS pixel of text, so text is
 * drawn at its CSS size (never below 12 px) whatever the map's scale on screen.
 *
 * Names are placed greedily, the person first, then the sectors, then members ring by ring (the closest first), each
 * at the first free spot around its node, outward first. A name with no free spot is left out of the picture (its
 * node keeps its accessible name, the details and the table name it): on a crowded map the names that fit are shown.
 */
import { FIRST_RING, NODE_R, PERSON_R, round, type Point } from './layout.js';

/** Text sizes in CSS px. */
export const LABEL_PX = 12;
export const TITLE_PX = 14;
/** Line height, in ems. */
const LINE = 1.25;
/** Widest a name runs before it wraps, in ems. */
const WRAP_EM = 9;
const MAX_LINES = 3;
/** Room kept round a name (px), beyond its halo. */
export const GAP_PX = 3;

/** Width of `text` at `size` map units, bold or not. */
export type Measure = (text: string, size: number, bold: boolean) => number;

export interface TextBox {
  /** Centre of the box. */
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** The lines, each drawn centred at `x` with its middle at `y`. */
  readonly lines: readonly { readonly text: string; readonly y: number }[];
  /** A line from the node to a name set off from it: x1, y1, x2, y2. */
  readonly leader?: readonly [number, number, number, number];
}

/** From the edge of the node at `at` to the nearest point of the name's box. */
function leaderTo(at: Point, r: Rect, nodeR: number): [number, number, number, number] {
  const x = Math.max(r.l, Math.min(at.x, r.r));
  const y = Math.max(r.t, Math.min(at.y, r.b));
  const d = Math.hypot(x - at.x, y - at.y) || 1;
  const k = (nodeR + 2) / d;
  return [round(at.x + (x - at.x) * k), round(at.y + (y - at.y) * k), round(x), round(y)];
}

export interface LabelInput {
  readonly person: string;
  /** Members in the order they claim space (the closest ring first). */
  readonly members: readonly { readonly id: string; readonly name: string; readonly at: Point }[];
  /** Ties as segments between centres. */
  readonly ties: readonly (readonly [Point, Point])[];
  /** Sector names by angle, when the map shows sectors. */
  readonly sectors: readonly { readonly id: string; readonly name: string; readonly angle: number }[];
  /** Radius of the outer ring. */
  readonly outer: number;
  /** Map units per CSS px of text. */
  readonly unit: number;
}

export interface LabelPlan {
  /** The person's name, inside their circle, and the circle's radius. */
  readonly person: TextBox & { readonly r: number };
  readonly members: ReadonlyMap<string, TextBox>;
  readonly sectors: ReadonlyMap<string, TextBox>;
  /** Text size in map units for names, and for the person's and sectors' names. */
  readonly size: number;
  readonly titleSize: number;
  /** Halo width in map units. */
  readonly halo: number;
}

/** Splits `text` into lines no wider than `max` (a longer word keeps its own line), at most `MAX_LINES`. */
export function wrap(text: string, max: number, width: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/u).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && width(next) > max) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  if (lines.length <= MAX_LINES) return lines;
  const kept = lines.slice(0, MAX_LINES);
  kept[MAX_LINES - 1] = `${kept[MAX_LINES - 1]}…`;
  return kept;
}

interface Rect {
  l: number;
  t: number;
  r: number;
  b: number;
}

const rectOf = (cx: number, cy: number, w: number, h: number, pad: number): Rect => ({
  l: cx - w / 2 - pad,
  t: cy - h / 2 - pad,
  r: cx + w / 2 + pad,
  b: cy + h / 2 + pad,
});

/** Distance from a point to a rectangle (0 inside). */
const distTo = (p: Point, r: Rect) => Math.hypot(Math.max(r.l - p.x, 0, p.x - r.r), Math.max(r.t - p.y, 0, p.y - r.b));

/** How far a tie's drawing strays from its centre line (zigzags, hatching, bars, arrowheads), in map units. */
export const TIE_REACH = 8;

/**
 * Whether the segment a–b, grown by its reach, passes through the rectangle `box` (left, top, right, bottom: see
 * Grid's `spot`), by Liang–Barsky clipping.
 */
function crosses(a: Point, b: Point, box: Float64Array): boolean {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  // The four edges in turn (left, right, top, bottom), of the box grown by the tie's reach (the same as growing the
  // tie), without building a list of them: this runs for every tie near every spot tried for every name.
  let t0 = 0;
  let t1 = 1;
  for (let edge = 0; edge < 4; edge++) {
    const p = edge === 0 ? -dx : edge === 1 ? dx : edge === 2 ? -dy : dy;
    const q =
      edge === 0
        ? a.x - (box[0]! - TIE_REACH)
        : edge === 1
          ? box[2]! + TIE_REACH - a.x
          : edge === 2
            ? a.y - (box[1]! - TIE_REACH)
            : box[3]! + TIE_REACH - a.y;
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

type Obstacle = Rect | { a: Point; b: Point };

/** An obstacle in the grid, listed in every cell it touches; `pass` marks it tested in the current `clear`. */
interface Entry {
  readonly o: Obstacle;
  pass: number;
}

/**
 * Obstacles (boxes, and ties as segments with their reach) in a grid of square cells, so a name tests only what is
 * near it: a thousand members and their ties stay a few milliseconds' work. `clear` runs for every spot tried for
 * every name, so it allocates nothing: cells are walked by their coordinates and an obstacle met in a second cell
 * is skipped by its mark, not looked up in a set.
 */
class Grid {
  /** The cells, column by column: `#span` a side, the first at `#first` (in cells from the centre). */
  readonly #cells: (Entry[] | undefined)[];
  readonly #size: number;
  readonly #first: number;
  readonly #span: number;
  #pass = 0;

  /**
   * The box `clear` tests: left, top, right, bottom. Written here rather than passed: numbers passed to a call are
   * boxed, and this is tested for every spot tried for every name (a hundred thousand on a crowded map).
   */
  readonly spot = new Float64Array(4);

  /**
   * Cells `size` map units square, covering `extent` from the centre each way. What lies beyond is listed in the
   * cells at the edge: two boxes that overlap still share a cell, so a bound too small only costs time. An array
   * rather than a map keyed by the cell: the lookup is made for every cell of every spot tried.
   */
  constructor(size: number, extent: number) {
    // At most 512 cells a side (a map far larger than any network shares its edge cells).
    const reach = Math.min(Number.isFinite(extent) ? Math.max(extent, 0) : 0, 256 * size);
    this.#size = size;
    this.#first = Math.floor(-reach / size);
    this.#span = Math.floor(reach / size) - this.#first + 1;
    this.#cells = new Array<Entry[] | undefined>(this.#span * this.#span);
  }

  /** The column or row of `v` (map units), within the grid. */
  #cell(v: number): number {
    return Math.min(this.#span - 1, Math.max(0, Math.floor(v / this.#size) - this.#first));
  }

  add(o: Obstacle): void {
    const r = 'a' in o ? segmentBox(o.a, o.b) : o;
    const entry: Entry = { o, pass: 0 };
    const top = this.#cell(r.t);
    const right = this.#cell(r.r);
    const bottom = this.#cell(r.b);
    for (let i = this.#cell(r.l); i <= right; i++) {
      for (let j = top; j <= bottom; j++) {
        const key = i * this.#span + j;
        const cell = this.#cells[key];
        if (cell) cell.push(entry);
        else this.#cells[key] = [entry];
      }
    }
  }

  /** Whether `spot` is clear of every obstacle. */
  clear(): boolean {
    const pass = ++this.#pass;
    const spot = this.spot;
    const l = spot[0]!;
    const t = spot[1]!;
    const r = spot[2]!;
    const b = spot[3]!;
    const span = this.#span;
    const top = this.#cell(t);
    const right = this.#cell(r);
    const bottom = this.#cell(b);
    for (let i = this.#cell(l); i <= right; i++) {
      for (let j = top; j <= bottom; j++) {
        const cell = this.#cells[i * span + j];
        if (!cell) continue;
        // By index: a for…of makes an iterator object each time, until the engine has optimised this.
        for (let k = 0; k < cell.length; k++) {
          const entry = cell[k]!;
          if (entry.pass === pass) continue;
          entry.pass = pass;
          const o = entry.o;
          if ('a' in o ? crosses(o.a, o.b, spot) : o.l < r && l < o.r && o.t < b && t < o.b) return false;
        }
      }
    }
    return true;
  }
}

const segmentBox = (a: Point, b: Point): Rect => ({
  l: Math.min(a.x, b.x) - TIE_REACH,
  t: Math.min(a.y, b.y) - TIE_REACH,
  r: Math.max(a.x, b.x) + TIE_REACH,
  b: Math.max(a.y, b.y) + TIE_REACH,
});

function box(lines: string[], cx: number, cy: number, w: number, h: number, lineH: number): TextBox {
  const top = cy - h / 2;
  return {
    x: round(cx),
    y: round(cy),
    w,
    h,
    lines: lines.map((text, i) => ({ text, y: round(top + lineH * (i + 0.5)) })),
  };
}

/** Plans every name on the map. */
export function planLabels(input: LabelInput, measure: Measure): LabelPlan {
  const u = input.unit;
  const size = LABEL_PX * u;
  const titleSize = TITLE_PX * u;
  const gap = GAP_PX * u;
  const taken: Rect[] = [];

  // The person: inside their circle, on one line or two, whichever needs the smaller circle.
  const titleWidth = (s: string) => measure(s, titleSize, true);
  const fits = [Infinity, 0].map((max) => {
    const lines = max === Infinity ? [input.person] : wrap(input.person, 1, titleWidth);
    const w = Math.max(...lines.map(titleWidth));
    const h = lines.length * titleSize * LINE;
    return { lines, w, h, r: Math.hypot(w / 2, h / 2) + 2 * u };
  });
  const best = fits.reduce((a, b) => (b.r < a.r ? b : a));
  const cap = FIRST_RING - 6;
  const personR = Math.min(cap, Math.max(PERSON_R, best.r));
  let personLines = best.lines;
  if (best.r > cap) {
    // A name too long for the circle: cut, with an ellipsis (the full name is in the node's accessible name).
    const room = 2 * Math.sqrt(Math.max(0, cap * cap - (best.h / 2) ** 2)) - 4 * u;
    personLines = best.lines.map((line) => {
      let s = line;
      while (s.length > 1 && titleWidth(`${s}…`) > room) s = s.slice(0, -1);
      return s === line ? line : `${s}…`;
    });
  }
  const person = { ...box(personLines, 0, 0, best.w, best.h, titleSize * LINE), r: round(personR) };
  taken.push(rectOf(0, 0, 2 * personR, 2 * personR, 0));

  // The sector names: outside the outer ring, pushed out until the box's nearest point clears it.
  const sectors = new Map<string, TextBox>();
  for (const s of input.sectors) {
    const lines = wrap(s.name, 8 * titleSize, titleWidth);
    const w = Math.max(...lines.map(titleWidth));
    const h = lines.length * titleSize * LINE;
    const cos = Math.cos(s.angle);
    const sin = Math.sin(s.angle);
    let d = input.outer + gap;
    let c = { x: 0, y: 0 };
    for (let i = 0; i < 40; i++) {
      c = { x: cos * (d + (w / 2) * Math.abs(cos)), y: sin * (d + (h / 2) * Math.abs(sin)) };
      if (distTo({ x: 0, y: 0 }, rectOf(c.x, c.y, w, h, 0)) > input.outer + 2 * gap) break;
      d += 2 * u;
    }
    sectors.set(s.id, box(lines, c.x, c.y, w, h, titleSize * LINE));
    taken.push(rectOf(c.x, c.y, w, h, gap));
  }

  // The members' names.
  const nodeR = NODE_R + 3;
  const width = (s: string) => measure(s, size, false);
  const members = new Map<string, TextBox>();
  // Names lie within the outer ring and a name's width beyond it (the sector names and an outer member's name).
  const grid = new Grid(64, input.outer + 300 * u);
  for (const t of taken) grid.add(t);
  for (const m of input.members) grid.add(rectOf(m.at.x, m.at.y, 2 * nodeR, 2 * nodeR, gap));
  for (const [a, b] of input.ties) grid.add({ a, b });
  // Outward first (away from the tie to the person), then turning either way, every 20°; out to six distances.
  const turns = [0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6, 7, -7, 8, -8, 9].map((k) => (k * Math.PI) / 9);
  const distances = [0, 6, 14, 26, 40, 56].map((k) => nodeR + gap + k * u);
  for (const m of input.members) {
    const lines = wrap(m.name, WRAP_EM * size, width);
    const w = Math.max(...lines.map(width));
    const h = lines.length * size * LINE;
    const out = Math.atan2(m.at.y, m.at.x);
    // Each direction's cosine and sine once per name, not once per spot tried: a crowded map tries about a hundred
    // spots for most names, and finds none for most of them.
    const cos = turns.map((turn) => Math.cos(out + turn));
    const sin = turns.map((turn) => Math.sin(out + turn));
    const spot = firstClearSpot(grid, m.at, cos, sin, distances, w, h);
    if (spot < 0) continue;
    const d = distances[Math.floor(spot / turns.length)]!;
    const k = spot % turns.length;
    const cx = m.at.x + cos[k]! * (d + w / 2);
    const cy = m.at.y + sin[k]! * (d + h / 2);
    const r = rectOf(cx, cy, w, h, 0);
    const placed = box(lines, cx, cy, w, h, size * LINE);
    // A name set off from its node is tied to it by a leader line, so it is never read as a neighbour's.
    const far = distTo(m.at, r) > nodeR + gap + 7 * u;
    members.set(m.id, far ? { ...placed, leader: leaderTo(m.at, r, nodeR) } : placed);
    grid.add(rectOf(cx, cy, w, h, gap));
  }
  return { person, members, sectors, size: round(size), titleSize: round(titleSize), halo: round(3 * u) };
}

/**
 * The first spot around `at` where a `w` × `h` name is clear, outward first: its index (distance × directions +
 * direction), or -1. A function of its own, called once a name, so that the engine optimises this loop (the one a
 * crowded map runs a hundred thousand times) early rather than running it unoptimised inside one long call.
 */
function firstClearSpot(
  grid: Grid,
  at: Point,
  cos: readonly number[],
  sin: readonly number[],
  distances: readonly number[],
  w: number,
  h: number,
): number {
  const spot = grid.spot;
  for (let i = 0; i < distances.length; i++) {
    const d = distances[i]!;
    for (let k = 0; k < cos.length; k++) {
      const cx = at.x + cos[k]! * (d + w / 2);
      const cy = at.y + sin[k]! * (d + h / 2);
      spot[0] = cx - w / 2;
      spot[1] = cy - h / 2;
      spot[2] = cx + w / 2;
      spot[3] = cy + h / 2;
      if (grid.clear()) return i * cos.length + k;
    }
  }
  return -1;
}

/** Where a member's name goes when the plan had no room for it but the member is selected or focused: below. */
export function fallbackLabel(name: string, at: Point, unit: number, measure: Measure): TextBox {
  const size = LABEL_PX * unit;
  const lines = wrap(name, WRAP_EM * size, (s) => measure(s, size, false));
  const w = Math.max(...lines.map((s) => measure(s, size, false)));
  const h = lines.length * size * LINE;
  return box(lines, at.x, at.y + NODE_R + 3 + GAP_PX * unit + h / 2, w, h, size * LINE);
}

let context: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null | undefined;
const widths = new Map<string, number>();

/**
 * An estimate from the number of characters: what the server renders with, and the first render in the browser too
 * (before the picture's font is known), so that the browser takes over the server's markup unchanged.
 */
export const estimate: Measure = (text, size, bold) => [...text].length * (bold ? 0.64 : 0.6) * size;

/** A text measure in `family`, from a canvas (no layout is read); without a canvas, the estimate. */
export function canvasMeasure(family: string | undefined): Measure {
  if (family === undefined) return estimate;
  if (context === undefined) {
    context =
      typeof OffscreenCanvas !== 'undefined'
        ? new OffscreenCanvas(1, 1).getContext('2d')
        : typeof document !== 'undefined'
          ? document.createElement('canvas').getContext('2d')
          : null;
  }
  return (text, size, bold) => {
    const key = `${bold ? 'b' : ''}${family}|${text}`;
    let w = widths.get(key);
    if (w === undefined) {
      if (context) {
        context.font = `${bold ? 700 : 400} 100px ${family}`;
        w = context.measureText(text).width / 100;
      } else w = estimate(text, 1, bold);
      if (widths.size > 5000) widths.clear();
      widths.set(key, w);
    }
    return w * size;
  };
}
