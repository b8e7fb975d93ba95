import { quadtree, type QuadtreeInternalNode, type QuadtreeLeaf } from 'd3-quadtree';
import type { LayoutForce, Node } from './layout.js';

type Quad = QuadtreeInternalNode<Node> | QuadtreeLeaf<Node>;

/**
 * d3-force's `forceCollide(radius).iterations(1)`, for nodes that all have this one radius, with exactly its
 * arithmetic and in exactly its order, so the layout stays the same to the bit (relax.test.ts holds the two to it).
 *
 * The tree is d3-quadtree's, built as d3-force builds it. Only the walk is ours: d3's `visit` allocates an object for
 * every quad it passes, for every node, on every tick, and calls back for each. On a cold page, where none of this
 * code is compiled yet, that walk was the larger part of the map's layout (a 1,000-member layout's first run took
 * 58–69 ms with d3's, 37–38 with this, in node). The walk is the same: depth first, children in d3's order, a quad
 * skipped when it lies beyond both radii of the node, and of a leaf only its first point (d3 leaves coincident points
 * chained behind it alone, and so does this).
 */
export function collide(radius: number): LayoutForce {
  let nodes: Node[] = [];
  let random: () => number = Math.random;
  const ri2 = radius * radius;
  // d3 reads each quad's radius as the largest of the nodes under it: with one radius it is always this one.
  const reach = radius + radius;
  // What d3's `apply` closes over: the node being moved and where it is headed.
  let node: Node;
  let xi = 0;
  let yi = 0;

  const visit = (quad: Quad, x0: number, y0: number, x1: number, y1: number): void => {
    if (!quad.length) {
      const data = quad.data;
      if (data.index! > node.index!) {
        let x = xi - data.x! - data.vx!;
        let y = yi - data.y! - data.vy!;
        let l = x * x + y * y;
        let r = reach;
        if (l < r * r) {
          if (x === 0) {
            x = jiggle(random);
            l += x * x;
          }
          if (y === 0) {
            y = jiggle(random);
            l += y * y;
          }
          // d3 multiplies by its strength here, 1: exact, so left out.
          l = (r - (l = Math.sqrt(l))) / l;
          let rj = radius;
          node.vx! += (x *= l) * (r = (rj *= rj) / (ri2 + rj));
          node.vy! += (y *= l) * r;
          data.vx! -= x * (r = 1 - r);
          data.vy! -= y * r;
        }
      }
      return;
    }
    if (x0 > xi + reach || x1 < xi - reach || y0 > yi + reach || y1 < yi - reach) return;
    const xm = (x0 + x1) / 2;
    const ym = (y0 + y1) / 2;
    if (quad[0]) visit(quad[0], x0, y0, xm, ym);
    if (quad[1]) visit(quad[1], xm, y0, x1, ym);
    if (quad[2]) visit(quad[2], x0, ym, xm, y1);
    if (quad[3]) visit(quad[3], xm, ym, x1, y1);
  };

  const force = () => {
    const tree = quadtree(
      nodes,
      (d) => d.x! + d.vx!,
      (d) => d.y! + d.vy!,
    );
    const root = tree.root() as Quad | undefined;
    const extent = tree.extent();
    if (!root || !extent) return;
    const [[x0, y0], [x1, y1]] = extent;
    for (node of nodes) {
      xi = node.x! + node.vx!;
      yi = node.y! + node.vy!;
      visit(root, x0, y0, x1, y1);
    }
  };
  force.initialize = (initial: Node[], source: () => number) => {
    nodes = initial;
    random = source;
  };
  return force;
}

/** d3-force's `jiggle`: a tiny step off a coincident point, from the simulation's seeded random source. */
const jiggle = (random: () => number) => (random() - 0.5) * 1e-6;
