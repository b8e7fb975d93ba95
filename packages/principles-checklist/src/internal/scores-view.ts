import { renderHeading } from '@odkit/elements';
/**
 * The summary view's scores: rated, not applicable, unrated, mean and score for each
 * group and overall, worked out by core's `scoreAssessment`.
 */
import { scoreAssessment, type Instrument, type Score } from '@odkit/core';
import { html, type TemplateResult } from 'lit';
import type { Draft } from './draft.js';
import { percentOrNone, textOf, type ChecklistViewFormat, type ChecklistT } from './view-kit.js';

export function renderScores(
  value: Draft,
  instrument: Instrument,
  t: ChecklistT,
  f: ChecklistViewFormat,
): TemplateResult {
  const score = scoreAssessment({ ...value, meetingId: value.meetingId ?? '' }, instrument);
  const row = (label: string, s: Score, head = false) =>
    html`<tr class=${head ? 'overall' : ''}>
      <th scope="row">${label}</th>
      <td>${f.number(s.rated)}</td>
      <td>${f.number(s.notApplicable)}</td>
      <td>${f.number(s.unrated)}</td>
      <td>${s.mean === null ? t('summary.none') : f.number(s.mean, { maximumFractionDigits: 2 })}</td>
      <td>${percentOrNone(t, f, s.share)}</td>
    </tr>`;
  const groups = new Map(instrument.groups.map((g) => [g.id, g]));
  return html`<section class="summary" part="summary" aria-labelledby="summary-title">
    ${renderHeading(f.headingLevel(1), t('summary.title'), { id: 'summary-title', class: 'section-title' })}
    <div class="table-wrap">
      <table>
        <caption>
          ${t('summary.caption', { rater: value.rater.name || '–' })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('summary.group')}</th>
            <th scope="col">${t('summary.rated')}</th>
            <th scope="col">${t('summary.na')}</th>
            <th scope="col">${t('summary.unrated')}</th>
            <th scope="col">${t('summary.mean')}</th>
            <th scope="col">${t('summary.score')}</th>
          </tr>
        </thead>
        <tbody>
          ${score.groups.map((g) => row(textOf(f, groups.get(g.groupId)?.title ?? g.groupId), g))}
        </tbody>
        <tfoot>
          ${row(t('summary.overall'), score.overall, true)}
        </tfoot>
      </table>
    </div>
    <p class="od-hint">${t('summary.scoreHint')}</p>
  </section>`;
}
