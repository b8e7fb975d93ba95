import type { MeetingFidelity } from '@odkit/core';
import { html, svg, type TemplateResult } from 'lit';

const WIDTH = 320;
const HEIGHT = 120;
const PAD = 12;
/** Room on the start side for the 0%, 50% and 100% labels. */
const LABELS = 40;

/**
 * A small line chart of each meeting's score (0–100%), earliest first. Decorative for
 * assistive technology (`aria-hidden`): the table next to it carries the same figures.
 * Geometry is set with SVG attributes only (no inline styles, strict CSP).
 */
export function renderTrendChart(trend: readonly MeetingFidelity[], percent: (share: number) => string): TemplateResult {
  const points = trend
    .map((m, i) => ({ m, i }))
    .filter(({ m }) => m.share !== null)
    .map(({ m, i }) => ({
      x: trend.length === 1 ? (WIDTH + LABELS) / 2 : LABELS + (i * (WIDTH - LABELS - PAD)) / (trend.length - 1),
      y: HEIGHT - PAD - (m.share ?? 0) * (HEIGHT - 2 * PAD),
    }));
  const line = points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
  const grid = [0, 0.5, 1].map((share) => ({ share, y: HEIGHT - PAD - share * (HEIGHT - 2 * PAD) }));
  return html`<svg class="trend-chart" part="trend-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" aria-hidden="true" focusable="false">
    ${grid.map(
      ({ share, y }) => svg`<line class="trend-grid" x1=${LABELS} x2=${WIDTH - PAD} y1=${y} y2=${y}></line>
        <text class="trend-label" x=${LABELS - 6} y=${y + 4} text-anchor="end">${percent(share)}</text>`,
    )}
    ${points.length > 1 ? svg`<polyline class="trend-line" points=${line}></polyline>` : ''}
    ${points.map((p) => svg`<circle class="trend-point" cx=${p.x} cy=${p.y} r="4"></circle>`)}
  </svg>`;
}
