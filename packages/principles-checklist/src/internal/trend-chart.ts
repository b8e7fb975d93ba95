import type { MeetingFidelity } from '@odkit/core';
import { html, svg, type TemplateResult } from 'lit';

const WIDTH = 320;
const HEIGHT = 120;
const PAD = 12;
/** Room below the plot for the dates along the x axis. */
const DATES = 20;
/** At most this many dates along the x axis (every nth meeting when there are more). */
const MAX_DATES = 6;
/** Room on the start side for the 0%, 50% and 100% labels. */
const LABELS = 40;

/**
 * A small line chart of each meeting's score (0–100%), earliest first. Decorative for
 * assistive technology (`aria-hidden`): the table next to it carries the same figures.
 * Geometry is set with SVG attributes only (no inline styles, strict CSP).
 */
export function renderTrendChart(
  trend: readonly MeetingFidelity[],
  percent: (share: number) => string,
  day: (start: string) => string,
): TemplateResult {
  const xOf = (i: number) =>
    trend.length === 1 ? (WIDTH + LABELS) / 2 : LABELS + (i * (WIDTH - LABELS - PAD)) / (trend.length - 1);
  const points = trend
    .map((m, i) => ({ m, i }))
    .filter(({ m }) => m.share !== null)
    .map(({ m, i }) => ({ x: xOf(i), y: HEIGHT - PAD - (m.share ?? 0) * (HEIGHT - 2 * PAD) }));
  const every = Math.ceil(trend.length / MAX_DATES);
  // The rightmost date ends at its point rather than centring on it, so it stays inside the chart.
  const dates = trend
    .map((m, i) => ({ x: xOf(i), text: day(m.start), anchor: i > 0 && i === trend.length - 1 ? 'end' : 'middle' }))
    .filter((_, i) => i % every === 0);
  const line = points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
  const grid = [0, 0.5, 1].map((share) => ({ share, y: HEIGHT - PAD - share * (HEIGHT - 2 * PAD) }));
  return html`<svg class="trend-chart" part="trend-chart" viewBox="0 0 ${WIDTH} ${HEIGHT + DATES}" aria-hidden="true" focusable="false">
    ${grid.map(
      ({ share, y }) => svg`<line class="trend-grid" x1=${LABELS} x2=${WIDTH - PAD} y1=${y} y2=${y}></line>
        <text class="trend-label" x=${LABELS - 6} y=${y + 4} text-anchor="end">${percent(share)}</text>`,
    )}
    ${dates.map((d) => svg`<text class="trend-label trend-date" x=${d.anchor === 'end' ? d.x + 4 : d.x} y=${HEIGHT + DATES - 4} text-anchor=${d.anchor}>${d.text}</text>`)}
    ${points.length > 1 ? svg`<polyline class="trend-line" points=${line}></polyline>` : ''}
    ${points.map((p) => svg`<circle class="trend-point" cx=${p.x} cy=${p.y} r="4"></circle>`)}
  </svg>`;
}
