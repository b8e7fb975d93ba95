import { renderHeading, type LocaleController } from '@odkit/elements';
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { DashboardStrings } from '../strings.js';
import { amount, countText, scaleOf, valueText } from './figure-text.js';
import { countOf, plotted, type Trend } from './view-model.js';

export type TrendView = 'both' | 'chart' | 'table';

export interface TrendsContext {
  readonly i18n: LocaleController<DashboardStrings>;
  /** The level of a heading `depth` levels below the dashboard's title (its `heading-level`). */
  readonly headingLevel: (depth: number) => number;
  readonly view: TrendView;
  readonly name: (trend: Pick<Trend, 'measure' | 'instrumentId'>) => string;
  /** A note under the title (trends for all teams while a team is chosen). */
  readonly note?: string | undefined;
}

const WIDTH = 360;
const HEIGHT = 160;
const PAD = 8;
/** Room on the start side for the axis labels, and below for the months. */
const LABELS = 64;
const BOTTOM = 24;

export const trendId = (trend: Pick<Trend, 'measure' | 'instrumentId'>) =>
  `trend-${trend.measure}${trend.instrumentId ? `-${trend.instrumentId.replace(/[^\w-]/g, '_')}` : ''}`;

/**
 * Monthly trends: one column chart per measure with its table equivalent. `both` shows
 * the chart (hidden from assistive technology) above the table; `chart` shows the chart
 * alone as an image named with its first and last figures (the table is a switch away);
 * `table` shows the tables alone.
 */
export function renderTrends(trends: readonly Trend[], ctx: TrendsContext): TemplateResult {
  const { i18n, view } = ctx;
  const h = ctx.headingLevel(1);
  return html`<section class="trends-section" part="trends" aria-labelledby="trends-title">
    ${renderHeading(h, i18n.t('trends.title'), { id: 'trends-title', class: 'section-title' })}
    <fieldset class="view-switch">
      <legend class="od-legend">${i18n.t('trends.view')}</legend>
      ${(['both', 'chart', 'table'] as const).map(
        (option) => html`<span class="od-choice">
          <input type="radio" id=${`trend-view-${option}`} name="trend-view" value=${option} .checked=${view === option} />
          <label for=${`trend-view-${option}`}>${i18n.t(`trends.${option}`)}</label>
        </span>`,
      )}
    </fieldset>
    ${ctx.note ? html`<p class="note">${ctx.note}</p>` : nothing}
    <div class="trends">${trends.map((trend) => renderTrend(trend, ctx))}</div>
  </section>`;
}

function renderTrend(trend: Trend, ctx: TrendsContext): TemplateResult {
  const { i18n, view } = ctx;
  const id = trendId(trend);
  const name = ctx.name(trend);
  const caption = i18n.t(trend.by === 'meeting' ? 'trends.captionMeeting' : 'trends.caption', { measure: name });
  const withData = trend.points.filter((p) => plotted(p.figure) !== null);
  const h = ctx.headingLevel(2);
  return html`<section class="trend" part="trend" data-measure=${trend.measure} aria-labelledby=${`${id}-title`}>
    ${renderHeading(h, name, { class: 'trend-title', id: `${id}-title` })}
    ${
      withData.length === 0
        ? html`<p>${i18n.t('trends.empty')}</p>`
        : html`${view !== 'table' ? renderChart(trend, name, ctx) : nothing} ${view !== 'chart' ? renderTable(trend, caption, ctx) : nothing}`
    }
  </section>`;
}

function renderChart(trend: Trend, name: string, ctx: TrendsContext): TemplateResult {
  const { i18n } = ctx;
  const points = trend.points;
  const scale = scaleOf(points[0]!.figure);
  const values = points.map((p) => plotted(p.figure));
  const max = scale === 'share' ? 1 : niceMax(Math.max(0, ...values.map((v) => v ?? 0)), scale);
  const plotHeight = HEIGHT - BOTTOM - 2 * PAD;
  const y = (v: number) => PAD + plotHeight - (v / max) * plotHeight;
  const slot = (WIDTH - LABELS - PAD) / points.length;
  const barWidth = Math.max(2, Math.min(32, slot * 0.7));
  // Label every month when there is room, otherwise every few, always the first and the last.
  const every = Math.ceil(points.length / 8);
  const first = points.find((p) => plotted(p.figure) !== null)!;
  const last = points.findLast((p) => plotted(p.figure) !== null)!;
  const label =
    ctx.view === 'chart'
      ? i18n.t('trends.chartLabel', {
          measure: name,
          from: i18n.month(first.month),
          first: valueText(first.figure, i18n),
          to: i18n.month(last.month),
          last: valueText(last.figure, i18n),
        })
      : undefined;
  return html`<svg
    class="chart"
    part="chart"
    viewBox="0 0 ${WIDTH} ${HEIGHT}"
    role=${label ? 'img' : 'presentation'}
    aria-label=${label ?? nothing}
    aria-hidden=${label ? nothing : 'true'}
    focusable="false"
  >
    ${[0, 0.5, 1].map(
      (
        share,
      ) => svg`<line class="chart-grid" x1=${LABELS} x2=${WIDTH - PAD} y1=${y(share * max)} y2=${y(share * max)}></line>
        <text class="chart-label" x=${LABELS - 6} y=${y(share * max) + 4} text-anchor="end">${amount(share * max, scale, i18n)}</text>`,
    )}
    ${points.map((p, i) => {
      const v = values[i] ?? null;
      const x = LABELS + i * slot + (slot - barWidth) / 2;
      const showLabel = i % every === 0 || i === points.length - 1;
      return svg`${v === null ? svg`<text class="chart-none" x=${x + barWidth / 2} y=${y(0) - 4} text-anchor="middle">–</text>` : svg`<rect class="chart-bar" x=${x} y=${y(v)} width=${barWidth} height=${Math.max(0, y(0) - y(v))}></rect>`}
        ${showLabel ? svg`<text class="chart-label" x=${x + barWidth / 2} y=${HEIGHT - 6} text-anchor="middle">${i18n.month(p.month, true)}</text>` : nothing}`;
    })}
  </svg>`;
}

function renderTable(trend: Trend, caption: string, ctx: TrendsContext): TemplateResult {
  const { i18n } = ctx;
  const id = trendId(trend);
  return html`<div class="table-wrap">
    <table>
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${i18n.t('trends.month')}</th>
          <th scope="col">${i18n.t('trends.value')}</th>
          <th scope="col">${i18n.t('trends.count')}</th>
          <th scope="col"><span class="visually-hidden">${i18n.t('tiles.open')}</span></th>
        </tr>
      </thead>
      <tbody>
        ${trend.points.map((p) => {
          const month = i18n.month(p.month);
          const count = countOf(p.figure);
          return html`<tr>
            <th scope="row">${month}</th>
            <td>${valueText(p.figure, i18n)}</td>
            <td>${countText(p.figure, count, i18n)}</td>
            <td>
              <button type="button" class="open open--row" data-open=${id} data-month=${p.month} ?disabled=${count === 0}>
                ${i18n.t('trends.openMonth', { month })}
              </button>
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}

/** A round top for the value axis: whole days for hours, a whole number for counts. */
function niceMax(value: number, scale: 'hours' | 'count' | 'share'): number {
  if (value <= 0) return 1;
  if (scale === 'hours') return value <= 24 ? 24 : Math.ceil(value / 24) * 24;
  return Math.ceil(value);
}
