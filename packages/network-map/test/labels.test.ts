// The map's names (internal/labels.ts) are placed greedily through a grid of cells that only
// narrows what each spot is tested against. These hold the plan itself to its promise on
// generated maps, checked pair by pair without the grid: no name on a node, on a tie or on
// another name; and the grid's bounds change nothing (what lies beyond them shares the edge
// cells), so a plan whose grid covers nothing of the map is the same plan.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { GAP_PX, TIE_REACH, estimate, planLabels, type LabelInput, type LabelPlan } from '../src/internal/labels.js';
import { NODE_R, type Point } from '../src/internal/layout.js';

interface Box {
  l: number;
  t: number;
  r: number;
  b: number;
}

const boxOf = (n: { x: number; y: number; w: number; h: number }, pad = 0): Box => ({
  l: n.x - n.w / 2 - pad,
  t: n.y - n.h / 2 - pad,
  r: n.x + n.w / 2 + pad,
  b: n.y + n.h / 2 + pad,
});
const overlap = (a: Box, b: Box) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;

/** Whether the segment p–q meets the closed box (Liang–Barsky). */
function meets(p: Point, q: Point, box: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  for (const [d, room] of [
    [-dx, p.x - box.l],
    [dx, box.r - p.x],
    [-dy, p.y - box.t],
    [dy, box.b - p.y],
  ] as const) {
    if (d === 0) {
      if (room < 0) return false;
    } else if (d < 0) t0 = Math.max(t0, room / d);
    else t1 = Math.min(t1, room / d);
    if (t0 > t1) return false;
  }
  return true;
}

/** What is wrong with the members' names of `input`'s plan: each name against the person, each node, tie and name. */
function problems(input: LabelInput, plan: LabelPlan): string[] {
  const names = plan.members;
  const found: string[] = [];
  // The person's circle as the plan keeps names from it (its radius is given rounded to a tenth too).
  const person = boxOf({ x: 0, y: 0, w: 2 * plan.person.r, h: 2 * plan.person.r }, -0.051);
  const gap = GAP_PX * input.unit;
  const node = 2 * (NODE_R + 3);
  const placed = [...names];
  placed.forEach(([id, name], i) => {
    // A name's centre is given rounded to a tenth: its box as placed may lie 0.05 from the one given.
    const box = boxOf(name, -0.051);
    if (overlap(box, person)) found.push(`${id}'s name is on the person`);
    for (const m of input.members)
      if (overlap(box, boxOf({ ...m.at, w: node, h: node }, gap))) found.push(`${id}'s name is on ${m.id}`);
    const grown = { l: box.l - TIE_REACH, t: box.t - TIE_REACH, r: box.r + TIE_REACH, b: box.b + TIE_REACH };
    for (const [a, b] of input.ties) if (meets(a, b, grown)) found.push(`${id}'s name is on a tie`);
    for (const [other, name2] of placed.slice(i + 1))
      if (overlap(box, boxOf(name2, gap - 0.051))) found.push(`${id}'s and ${other}'s names meet`);
  });
  return found;
}

/** A map: members scattered round the person (some far beyond the outer ring), ties between some of them. */
const map = fc
  .record({
    spread: fc.integer({ min: 100, max: 3000 }),
    points: fc.array(fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 })), {
      minLength: 1,
      maxLength: 150,
    }),
    names: fc.array(fc.constantFrom('Ann', 'Bartholomew Jones', 'Dr Chidi Okonkwo-Smith', 'Li', 'Aunt Mary Rose'), {
      minLength: 150,
      maxLength: 150,
    }),
    ties: fc.array(fc.tuple(fc.nat(149), fc.nat(149)), { maxLength: 120 }),
    unit: fc.constantFrom(0.5, 1, 1.7, 3),
  })
  .map(({ spread, points, names, ties, unit }): LabelInput => {
    const members = points.map(([x, y], i) => ({
      id: `m${i}`,
      name: names[i]!,
      at: { x: (x * spread) / 1000, y: (y * spread) / 1000 },
    }));
    const at = (i: number) => members[i % members.length]!.at;
    return {
      person: 'Alex Morgan',
      members,
      ties: ties.map(([a, b]) => [at(a), at(b)] as const),
      sectors: [],
      outer: spread,
      unit,
    };
  });

describe('map names', () => {
  it('never puts a name on a node, a tie or another name', () => {
    fc.assert(
      fc.property(map, (input) => {
        expect(problems(input, planLabels(input, estimate))).to.deep.equal([]);
      }),
      { numRuns: 150 },
    );
  });

  it('places the same names when the grid covers little or none of the map (all of it in the edge cells)', () => {
    const plain = (input: LabelInput) => {
      const plan = planLabels(input, estimate);
      return JSON.stringify([[...plan.members], plan.person]);
    };
    fc.assert(
      fc.property(map, (input) => {
        const whole = plain(input);
        expect(plain({ ...input, outer: 0 })).to.equal(whole);
        expect(plain({ ...input, outer: input.outer / 8 })).to.equal(whole);
      }),
      { numRuns: 100 },
    );
  });
});
