import type { MeetingFidelity } from '@odkit/core';
import { html, svg, type TemplateResult } from 'lit';

const WIDTH = 320;
const HEIGHT = 120;
const PAD = 12;

/**
 * A small line chart of each meeting's score (0–100%), earliest first. Decorative for
 * assistive technology (`aria-hidden`): the table next to it carries the same figures.
 * Geometry is set with SVG attributes only (no inline styles, strict CSP).
 */
export function renderTrendChart(trend: readonly MeetingFidelity[]): TemplateResult {
  const points = trend
    .map((m, i) => ({ m, i }))
    .filter(({ m }) => m.share !== null)
    .map(({ m, i }) => ({
      x: trend.length === 1 ? WIDTH / 2 : PAD + (i * (WIDTH - 2 * PAD)) / (trend.length - 1),
      y: HEIGHT - PAD - (m.share ?? 0) * (HEIGHT - 2 * PAD),
    }));
  const line = points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
  const grid = [0, 0.5, 1].map((share) => HEIGHT - PAD - share * (HEIGHT - 2 * PAD));
  return html`<svg class="trend-chart" part="trend-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" aria-hidden="true" focusable="false">
    ${grid.map((y) => svg`<line class="trend-grid" x1=${PAD} x2=${WIDTH - PAD} y1=${y} y2=${y}></line>`)}
    ${points.length > 1 ? svg`<polyline class="trend-line" points=${line}></polyline>` : ''}
    ${points.map((p) => svg`<circle class="trend-point" cx=${p.x} cy=${p.y} r="4"></circle>`)}
  </svg>`;
}
