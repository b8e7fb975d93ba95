/**
 * The attendance matrix: network members by meeting, as a table. A pure view. A table
 * is not virtualised: a long history shows its latest meetings, and the range reaches the rest.
 */
import type { CaseRecord, Meeting } from '@odkit/core';
import { html, nothing, type TemplateResult } from 'lit';
import type { TimelineModel } from './model.js';
import type { T, TimelineFormats, TimelineHandlers } from './view-kit.js';

/** The most meetings (columns) the attendance matrix shows at once. */
const MATRIX_MAX = 100;

export function renderMatrix(
  record: CaseRecord,
  model: TimelineModel,
  shown: readonly Meeting[],
  t: T,
  f: TimelineFormats,
  on: Pick<TimelineHandlers, 'attendeeFocus' | 'attendeeBlur' | 'selectMember'>,
  linkedId?: string,
): TemplateResult {
  if (shown.length === 0) return html`<p class="empty">${t('matrix.empty')}</p>`;
  const total = shown.length;
  if (total > MATRIX_MAX) shown = shown.slice(-MATRIX_MAX);
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const m of shown) {
    for (const a of m.attendees) {
      if (seen.has(a.memberId)) continue;
      seen.add(a.memberId);
      ids.push(a.memberId);
    }
  }
  const cell = (state: 'present' | 'absent' | 'none') =>
    html`<td class="cell cell--${state}"><span aria-hidden="true">${state === 'present' ? '●' : state === 'absent' ? '○' : '–'}</span><span class="visually-hidden">${t(`matrix.${state === 'none' ? 'notInvited' : state}`)}</span></td>`;
  return html`${total > shown.length ? html`<p class="limited">${t('matrix.limited', { shown: shown.length, total })}</p>` : nothing}
      <div class="matrix-wrap" part="matrix" tabindex="0" role="region" aria-labelledby="matrix-caption">
        <table class="matrix">
          <caption id="matrix-caption">${t('matrix.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">${t('matrix.member')}</th>
              ${shown.map(
                (m) => html`<th scope="col" class="col col--${m.status}">
                  <time datetime=${m.start}>${f.dateTime(model.times.get(m.id)!)}</time>
                  ${m.status === 'held' ? nothing : html`<span class="col__status">${t(`meetingStatus.${m.status}`)}</span>`}
                </th>`,
              )}
            </tr>
          </thead>
          <tbody @focusin=${on.attendeeFocus} @focusout=${on.attendeeBlur}>
            <tr>
              <th scope="row">${record.person.name} <span class="role">${t('details.subject')}</span></th>
              ${shown.map((m) => (m.status === 'held' ? cell(m.personPresent ? 'present' : 'absent') : cell('none')))}
            </tr>
            ${ids.map((id) => {
              const member = model.members.get(id);
              const linked = id === linkedId;
              return html`<tr class=${linked ? 'linked' : ''}>
                <th scope="row">
                  <button type="button" class="who member" data-member=${id} @click=${() => member && on.selectMember(member)}>${member?.name ?? id}</button>
                  ${linked ? html`<span class="tag tag--linked"><span aria-hidden="true">◆</span> ${t('linked.row')}</span>` : nothing}
                </th>
                ${shown.map((m) => {
                  const a = m.attendees.find((x) => x.memberId === id);
                  return cell(!a || m.status !== 'held' ? 'none' : a.present ? 'present' : 'absent');
                })}
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      <p class="legend">
        <span><span aria-hidden="true">●</span> ${t('matrix.present')}</span>
        <span><span aria-hidden="true">○</span> ${t('matrix.absent')}</span>
        <span><span aria-hidden="true">–</span> ${t('matrix.notInvited')}</span>
      </p>`;
}
