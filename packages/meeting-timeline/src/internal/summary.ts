/**
 * The measures panel: core's meeting measures for the episode as of "now", as a
 * description list each entry of which names its metric. A pure view.
 */
import { renderHeading } from '@odkit/elements';
import { html, type TemplateResult } from 'lit';

import type { TimelineModel } from './model.js';
import { MODE_ICONS, type T, type TimelineFormats } from './view-kit.js';

export function renderSummary(model: TimelineModel, now: number, t: T, f: TimelineFormats): TemplateResult {
  const s = model.summary;
  const rate = (r: { perWeek: number | null }) =>
    r.perWeek === null ? t('summary.none') : f.number(r.perWeek, { maximumFractionDigits: 1 });
  const row = (label: string, metric: string, value: string) =>
    html`<dt>${label}</dt><dd data-metric=${metric}>${value}</dd>`;
  const distinct = s.continuity.distinctPractitioners[0]?.count ?? 0;
  return html`<section class="summary" part="summary" aria-labelledby="summary-title">
      ${renderHeading(f.headingLevel(1), t('summary.title'), { id: 'summary-title', class: 'section-title' })}
      <p class="as-of">${t('summary.asOf', { date: f.dateTime(now) })}</p>
      <dl>
        ${row(t('summary.counts'), 'counts', t('summary.countsValue', { held: s.heldMeetings, planned: s.plannedMeetings, cancelled: s.cancelledMeetings }))}
        ${row(t('summary.firstMeeting'), 'firstMeetingWithinTarget', f.ratio(s.firstMeetingWithinTarget))}
        ${row(t('summary.perWeekEarly'), 'meetingsPerWeek.early', rate(s.meetingsPerWeek.early))}
        ${row(t('summary.perWeekLater'), 'meetingsPerWeek.later', rate(s.meetingsPerWeek.later))}
        ${row(t('summary.twoPractitioners'), 'twoOrMorePractitioners', f.ratio(s.twoOrMorePractitioners))}
        ${row(t('summary.peerWorker'), 'withPeerWorker', f.ratio(s.withPeerWorker))}
        ${row(t('summary.networkMember'), 'withNetworkMember', f.ratio(s.withNetworkMember))}
        ${row(
          t('summary.meanNetwork'),
          'meanNetworkMembersPresent',
          s.meanNetworkMembersPresent === null
            ? t('summary.none')
            : f.number(s.meanNetworkMembersPresent, { maximumFractionDigits: 1 }),
        )}
        <dt>${t('summary.placeMix')}</dt>
        <dd data-metric="placeMix">
          <ul class="mix">
            ${(['home', 'clinic', 'remote', 'other'] as const).map(
              (mode) =>
                html`<li data-mode=${mode}><span aria-hidden="true">${MODE_ICONS[mode]}</span> ${t(`meetingMode.${mode}`)}: ${f.ratio(s.placeMix[mode])}</li>`,
            )}
          </ul>
        </dd>
        ${row(t('summary.continuity'), 'continuity.firstMeetingPractitioner', f.ratio(s.continuity.firstMeetingPractitioner))}
        ${row(t('summary.distinct'), 'continuity.distinctPractitioners', f.number(distinct))}
        ${row(t('summary.reflecting'), 'reflectingConversationRate', f.ratio(s.reflectingConversationRate))}
      </dl>
    </section>`;
}
