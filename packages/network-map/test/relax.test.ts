// The map's layout drives d3-force's forces by hand (relax) instead of running
// forceSimulation, to keep d3-timer and d3-dispatch out of every bundle, and walks the
// collision force's quadtree itself (collide.ts), which a cold page runs much faster. The docs
// promise the same layout to the last bit: this holds relax with the map's forces to
// forceSimulation().stop().tick(n) with d3-force's own forceCollide, on generated networks, as
// fast-parse is held to zod.
import { expect } from '@open-wc/testing';
import { forceCollide, forceSimulation } from 'd3-force';
import fc from 'fast-check';
import { COLLIDE_RADIUS, layoutForces, relax, type LayoutForce, type Node } from '../src/internal/layout.js';

/**
 * A seeded node as computeLayout makes them: on a ring row (radius from 84 out) at some
 * angle, sometimes exactly on top of another (d3 jiggles those with its seeded random
 * source). Not arbitrary doubles: points a subnormal distance apart make d3-quadtree
 * subdivide until memory runs out, and the layout never seeds such points.
 */
const node = fc
  .record({
    r: fc.integer({ min: 84, max: 900 }),
    angle: fc.integer({ min: -3141, max: 3141 }).map((a) => a / 1000),
    shift: fc.integer({ min: -200, max: 200 }),
  })
  .map(({ r, angle, shift }) => ({
    r,
    angle,
    x: (r + shift) * Math.cos(angle),
    y: (r + shift) * Math.sin(angle),
    inner: 84,
    outer: 960,
    wedge: [-Math.PI / 2, Math.PI] as [number, number],
  }));
const network = fc.array(node, { minLength: 1, maxLength: 120 }).chain((nodes) =>
  // Some members stacked exactly on others' places.
  fc
    .array(fc.nat(nodes.length - 1), { maxLength: 5 })
    .map((stacked) => [...nodes, ...stacked.map((i) => ({ ...nodes[i]! }))]),
);

const copy = (nodes: readonly Omit<Node, 'id'>[]): Node[] =>
  nodes.map((n, i) => ({ ...n, id: `m${i}`, wedge: [...n.wedge] as [number, number] }));

/** The map's forces with d3-force's own collision force in place of the map's walk of it (the last of the three). */
function d3Forces(sectors: boolean): LayoutForce[] {
  const forces = layoutForces(sectors);
  expect(forces).to.have.length(3);
  return [...forces.slice(0, 2), forceCollide<Node>(COLLIDE_RADIUS).iterations(1)];
}

/** The first difference between relax() with the map's forces and forceSimulation with d3's, or undefined. */
function differs(seeded: readonly Omit<Node, 'id'>[], sectors: boolean, ticks: number): string | undefined {
  const ours = copy(seeded);
  relax(ours, layoutForces(sectors), ticks);
  const theirs = copy(seeded);
  const simulation = forceSimulation(theirs).stop();
  d3Forces(sectors).forEach((force, i) => simulation.force(`f${i}`, force));
  simulation.tick(ticks);
  for (let i = 0; i < ours.length; i++) {
    // Object.is: the same to the bit (and -0 is not 0).
    for (const key of ['x', 'y', 'vx', 'vy'] as const) {
      if (!Object.is(ours[i]![key], theirs[i]![key])) {
        return `node ${i} ${key}: relax gave ${ours[i]![key]}, forceSimulation ${theirs[i]![key]} (${ticks} ticks, sectors ${sectors})`;
      }
    }
  }
  return undefined;
}

describe('relax() against d3-force forceSimulation', () => {
  it('moves every node exactly as forceSimulation().stop().tick(n) does, on generated networks', () => {
    fc.assert(
      fc.property(network, fc.boolean(), fc.integer({ min: 1, max: 30 }), (seeded, sectors, ticks) => {
        const difference = differs(seeded, sectors, ticks);
        if (difference) throw new Error(difference);
      }),
      { numRuns: 100 },
    );
  });

  it('does so on networks as large as a big service has (hundreds of members, a deep quadtree)', () => {
    fc.assert(
      fc.property(fc.array(node, { minLength: 200, maxLength: 1000 }), fc.boolean(), (seeded, sectors) => {
        const difference = differs(seeded, sectors, 10);
        if (difference) throw new Error(difference);
      }),
      // No shrinking: each try relaxes hundreds of nodes, and the message already names the node and the field.
      { numRuns: 8, endOnFailure: true },
    );
  });

  it('would notice a difference: one tick fewer moves the nodes elsewhere', () => {
    const seeded = copy([
      { r: 100, angle: 0.3, x: 90, y: 20, inner: 84, outer: 300, wedge: [-1, 1] },
      { r: 100, angle: 0.4, x: 90, y: 22, inner: 84, outer: 300, wedge: [-1, 1] },
    ]);
    const ours = copy(seeded);
    relax(ours, layoutForces(true), 5);
    const theirs = copy(seeded);
    const simulation = forceSimulation(theirs).stop();
    d3Forces(true).forEach((force, i) => simulation.force(`f${i}`, force));
    simulation.tick(4);
    expect(ours[0]!.x).to.not.equal(theirs[0]!.x);
  });
});
