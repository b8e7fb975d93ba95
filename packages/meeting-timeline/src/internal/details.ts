import { renderHeading } from '@odkit/elements';
/**
 * One meeting's details beside the list: when, where, status, measures, who was there,
 * notes, and (when editable) the edit and cancel buttons. A pure view: "Changed by …"
 * comes in already rendered, since it reads the element's history controller.
 */
import type { CaseRecord, Meeting } from '@odkit/core';
import { html, nothing, type TemplateResult } from 'lit';

import type { TimelineModel } from './model.js';
import { HOUR } from './time.js';
import { MODE_ICONS, type T, type TimelineFormats, type TimelineHandlers } from './view-kit.js';

export interface DetailsView {
  readonly record: CaseRecord;
  readonly model: TimelineModel;
  readonly meeting: Meeting;
  readonly editable: boolean;
  readonly changedBy: TemplateResult | typeof nothing;
}

export type DetailsHandlers = Pick<
  TimelineHandlers,
  'sideKey' | 'close' | 'edit' | 'cancelMeeting' | 'attendeeFocus' | 'attendeeBlur' | 'selectMember'
>;

export function renderDetails(v: DetailsView, t: T, f: TimelineFormats, on: DetailsHandlers): TemplateResult {
  const { record, model, meeting: m } = v;
  const time = Date.parse(m.start);
  const fidelity = model.fidelity.get(m.id) ?? [];
  const groups = (['facilitator', 'peer-worker', 'network', 'other'] as const)
    .map((role) => ({ role, list: m.attendees.filter((a) => a.role === role) }))
    .filter((g) => g.list.length);
  const attendance = (present: boolean) =>
    m.status === 'held' ? t(present ? 'details.present' : 'details.absent') : t('details.invited');
  const yesNo = (value: boolean) => t(value ? 'details.yes' : 'details.no');
  const next = m.nextMeeting;
  const h3 = f.headingLevel(1);
  const h4 = f.headingLevel(2);
  return html`<section id="details" class="details" part="details" aria-labelledby="details-title" @keydown=${on.sideKey}>
      <div class="details__head">
        ${renderHeading(h3, t('details.title', { date: f.date(time) }), { id: 'details-title', class: 'section-title', focusable: true })}
        <button type="button" class="od-button od-button--secondary close" data-action="close" @click=${() => on.close()}>
          ${t('details.close')}
        </button>
      </div>
      <dl class="facts">
        <dt>${t('details.when')}</dt>
        <dd><time datetime=${m.start}>${f.dateTime(time)}</time>${m.end ? html`–<time datetime=${m.end}>${f.time(Date.parse(m.end))}</time>` : nothing}</dd>
        ${m.end ? html`<dt>${t('details.duration')}</dt><dd>${f.duration((Date.parse(m.end) - time) / HOUR)}</dd>` : nothing}
        <dt>${t('details.status')}</dt>
        <dd>${t(`meetingStatus.${m.status}`)}${m.id === model.firstMeetingId ? ` · ${t('meeting.first')}` : ''}</dd>
        <dt>${t('details.place')}</dt>
        <dd><span aria-hidden="true">${MODE_ICONS[m.mode]}</span> ${t(`meetingMode.${m.mode}`)}${m.place ? `: ${m.place}` : ''}</dd>
        ${m.cancellationReason ? html`<dt>${t('details.reason')}</dt><dd>${m.cancellationReason}</dd>` : nothing}
        ${
          m.status === 'held'
            ? html`<dt>${t('details.reflecting')}</dt><dd>${yesNo(m.reflectingConversation)}</dd>
              <dt>${t('details.continuity')}</dt>
              <dd>${m.id === model.firstMeetingId ? t('meeting.first') : t(model.continuity.has(m.id) ? 'meeting.continuity' : 'meeting.noContinuity')}</dd>
              ${fidelity.map(
                (
                  s,
                ) => html`<dt>${model.instrumentsScored > 1 ? t('details.fidelityOf', { instrument: f.text(s.title) }) : t('details.fidelity')}</dt>
                  <dd>${s.share === null ? t('summary.none') : t('details.fidelityValue', { score: f.percent(s.share), count: s.count })}</dd>`,
              )}
              <dt>${t('meeting.next')}</dt>
              <dd>
                ${
                  next?.kind === 'date'
                    ? html`<time datetime=${next.at}>${f.dateTime(Date.parse(next.at))}</time>`
                    : next?.kind === 'open'
                      ? t('meeting.nextOpen')
                      : t('meeting.nextNone')
                }
              </dd>`
            : nothing
        }
      </dl>
      ${v.changedBy}
      ${renderHeading(h4, t(m.status === 'held' ? 'details.attendees' : 'details.invitees'), { class: 'sub-title' })}
      <ul class="attendees" @focusin=${on.attendeeFocus} @focusout=${on.attendeeBlur}>
        <li>
          <span class="who">${record.person.name}</span>
          <span class="role">${t('details.subject')}</span>
          ${m.status === 'held' ? html`<span class="presence">${attendance(m.personPresent)}</span>` : nothing}
        </li>
        ${groups.flatMap((g) =>
          g.list.map((a) => {
            const member = model.members.get(a.memberId);
            return html`<li class=${a.present || m.status !== 'held' ? '' : 'absent'}>
              <button type="button" class="who member" data-member=${a.memberId} @click=${() => member && on.selectMember(member)}>
                ${member?.name ?? a.memberId}
              </button>
              <span class="role">${t(`role.${a.role}`)}</span>
              <span class="presence">${attendance(a.present)}</span>
            </li>`;
          }),
        )}
      </ul>
      ${m.notes ? html`${renderHeading(h4, t('details.notes'), { class: 'sub-title' })}<p class="notes">${m.notes}</p>` : nothing}
      ${
        v.editable && m.status !== 'cancelled'
          ? html`<div class="od-button-group">
            <button type="button" class="od-button od-button--secondary" data-action="edit" @click=${() => on.edit(m.id)}>
              ${t('details.edit')}
            </button>
            ${
              m.status === 'planned'
                ? html`<button type="button" class="od-button od-button--warning" data-action="cancel-meeting" @click=${() => on.cancelMeeting(m.id)}>
                  ${t('details.cancelMeeting')}
                </button>`
                : nothing
            }
          </div>`
          : nothing
      }
    </section>`;
}
