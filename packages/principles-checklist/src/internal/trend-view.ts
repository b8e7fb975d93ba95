import { renderHeading } from '@odkit/elements';
/**
 * The summary view's trend: each meeting's score across the episode, as a chart
 * (trend-chart.ts, hidden from assistive technology) and a table with the same figures.
 */
import type { MeetingFidelity } from '@odkit/core';
import { html, type TemplateResult } from 'lit';
import { renderTrendChart } from './trend-chart.js';
import { percentOrNone, type ChecklistViewFormat, type ChecklistT } from './view-kit.js';

/** "8 Apr": the chart's x-axis dates, in the widget's language and time zone. */
const shortDate = (f: ChecklistViewFormat, start: string) =>
  new Intl.DateTimeFormat(f.locale, {
    day: 'numeric',
    month: 'short',
    ...(f.timeZone ? { timeZone: f.timeZone } : {}),
  }).format(Date.parse(start));

/** `trend`: core's `fidelityTrend` for the episode; `currentMeetingId`: the row marked as the meeting shown. */
export function renderTrend(
  trend: readonly MeetingFidelity[],
  currentMeetingId: string,
  t: ChecklistT,
  f: ChecklistViewFormat,
): TemplateResult {
  return html`<section class="trend" part="trend" aria-labelledby="trend-title">
    ${renderHeading(f.headingLevel(1), t('trend.title'), { id: 'trend-title', class: 'section-title' })}
    ${
      trend.length === 0
        ? html`<p class="empty"><slot name="empty">${t('trend.empty')}</slot></p>`
        : html`${renderTrendChart(
            trend,
            (share) => f.percent(share),
            (start) => shortDate(f, start),
          )}
          <div class="table-wrap">
            <table>
              <caption>
                ${t('trend.caption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t('trend.date')}</th>
                  <th scope="col">${t('trend.assessments')}</th>
                  <th scope="col">${t('trend.score')}</th>
                </tr>
              </thead>
              <tbody>
                ${trend.map(
                  (m) => html`<tr class=${m.meetingId === currentMeetingId ? 'current' : ''}>
                    <th scope="row">${f.date(m.start)}</th>
                    <td>${f.number(m.scores.length)}</td>
                    <td>${percentOrNone(t, f, m.share)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
  </section>`;
}
