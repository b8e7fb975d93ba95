/**
 * One tie on the map, in ecomap line styles (strength, quality, direction, and whether it joins
 * two members): a pure view, data in and SVG template out, apart from the nodes it runs between.
 */
import { svg, type SVGTemplateResult } from 'lit';
import { arrowHeads, tiePath } from './geometry.js';
import type { Point } from './layout.js';
import type { ShownTie } from './view.js';

export function renderTie(
  t: ShownTie,
  pos: (id: string) => Point,
  radius: (id: string) => number,
  highlighted: string | undefined,
): SVGTemplateResult {
  const { tie } = t;
  const a = pos(tie.from);
  const b = pos(tie.to);
  const ra = radius(tie.from);
  const rb = radius(tie.to);
  const on = highlighted !== undefined && (tie.from === highlighted || tie.to === highlighted);
  const cls = `tie strength-${tie.strength} quality-${tie.quality} ${t.between ? 'between' : 'to-person'} ${on ? 'highlight' : ''}`;
  return svg`<g part="tie" class=${cls} data-tie=${tie.id}>
      <path d=${tiePath(a, b, ra, rb, tie.quality)}></path>
      ${arrowHeads(a, b, ra, rb, tie.direction).map((points) => svg`<polygon class="arrow" points=${points}></polygon>`)}
    </g>`;
}
