import type { TieDirection, TieQuality } from '@odkit/core';
import type { Point } from './layout.js';

const f = (v: number) => (Math.round(v * 10) / 10).toString();

/**
 * The path of a tie between two shapes (radii `ra`, `rb`), in ecomap style: a
 * straight line; hatch marks across it for a stressful tie; a zigzag for conflict;
 * a gap with two bars for a cut-off tie. Strength is drawn by CSS (width, dashes).
 * Everything is geometry, so it survives greyscale, forced colours and export.
 */
export function tiePath(a: Point, b: Point, ra: number, rb: number, quality: TieQuality): string {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy);
  if (len <= ra + rb + 2) return '';
  const ux = dx / len;
  const uy = dy / len;
  // Normal to the line.
  const nx = -uy;
  const ny = ux;
  const start = { x: a.x + ux * ra, y: a.y + uy * ra };
  const length = len - ra - rb - 2;
  const at = (t: number, off = 0) => `${f(start.x + ux * t + nx * off)} ${f(start.y + uy * t + ny * off)}`;
  switch (quality) {
    case 'conflictual': {
      const step = 8;
      const n = Math.max(2, Math.floor(length / step));
      const parts = [`M${at(0)}`];
      for (let i = 1; i < n; i++) parts.push(`L${at((length * i) / n, i % 2 ? 5 : -5)}`);
      parts.push(`L${at(length)}`);
      return parts.join(' ');
    }
    case 'stressful': {
      const parts = [`M${at(0)} L${at(length)}`];
      for (let t = 10; t < length - 6; t += 10) parts.push(`M${at(t - 3, -6)} L${at(t + 3, 6)}`);
      return parts.join(' ');
    }
    case 'cut-off': {
      const mid = length / 2;
      const gap = Math.min(8, length / 6);
      return `M${at(0)} L${at(mid - gap)} M${at(mid + gap)} L${at(length)} M${at(mid - gap, -7)} L${at(mid - gap, 7)} M${at(mid + gap, -7)} L${at(mid + gap, 7)}`;
    }
    default:
      return `M${at(0)} L${at(length)}`;
  }
}

/** Arrowheads for the direction of support (`to`: towards `b`; `from`: towards `a`; `both`). */
export function arrowHeads(a: Point, b: Point, ra: number, rb: number, direction: TieDirection): string[] {
  if (direction === 'none') return [];
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy);
  if (len <= ra + rb + 12) return [];
  const ux = dx / len;
  const uy = dy / len;
  const head = (tip: Point, dirX: number, dirY: number) => {
    const bx = tip.x - dirX * 10;
    const by = tip.y - dirY * 10;
    return `${f(tip.x)},${f(tip.y)} ${f(bx - dirY * 5)},${f(by + dirX * 5)} ${f(bx + dirY * 5)},${f(by - dirX * 5)}`;
  };
  const heads: string[] = [];
  if (direction === 'to' || direction === 'both')
    heads.push(head({ x: b.x - ux * (rb + 2), y: b.y - uy * (rb + 2) }, ux, uy));
  if (direction === 'from' || direction === 'both')
    heads.push(head({ x: a.x + ux * (ra + 2), y: a.y + uy * (ra + 2) }, -ux, -uy));
  return heads;
}

/**
 * The member nearest to `from` in an arrow key's direction: candidates within 60°
 * of the direction, scored by distance with a penalty for being off-axis.
 */
export function nearestInDirection(
  from: Point,
  direction: Point,
  candidates: Iterable<[string, Point]>,
): string | undefined {
  const list = [...candidates];
  // Within 60° of the direction first; failing that, anything on that side, so every member can be reached.
  return nearest(from, direction, list, 1.8) ?? nearest(from, direction, list, Infinity);
}

function nearest(
  from: Point,
  direction: Point,
  candidates: readonly [string, Point][],
  maxSlope: number,
): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const [id, p] of candidates) {
    const dx = p.x - from.x;
    const dy = p.y - from.y;
    const along = dx * direction.x + dy * direction.y;
    if (along <= 0.5) continue;
    const across = Math.abs(dx * direction.y - dy * direction.x);
    if (across > along * maxSlope) continue;
    const score = along + across * 2;
    if (score < bestScore || (score === bestScore && best !== undefined && id < best)) {
      best = id;
      bestScore = score;
    }
  }
  return best;
}
