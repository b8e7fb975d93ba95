/**
 * The semantic list of meetings (an `<ol>` of buttons with a roving tab stop), whole or
 * as the window a VirtualListController gives. A pure view: rows in, template out.
 */
import type { Meeting } from '@odkit/core';
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { InstrumentFidelity, TimelineModel } from './model.js';
import type { ListWindow } from './virtual-list-controller.js';
import { MODE_ICONS, type T, type TimelineFormats, type TimelineHandlers } from './view-kit.js';

export interface ListView {
  readonly model: TimelineModel;
  readonly shown: readonly Meeting[];
  /** The rows to render; `virtual` puts them in a scrolling viewport. */
  readonly window: ListWindow;
  readonly focusedId: string | undefined;
  readonly openId: string | undefined;
  /**
   * The member another widget points at (`od-member-focus`): their meetings are highlighted, with their name in text.
   */
  readonly linked: { readonly id: string; readonly name: string } | undefined;
  /**
   * Everything else a row's text depends on (locale, zone, string overrides): a row is rendered again only when these
   * change.
   */
  readonly deps: readonly unknown[];
}

export type ListHandlers = Pick<TimelineHandlers, 'listKey' | 'listFocus' | 'listScroll' | 'open'>;

export function renderList(v: ListView, t: T, f: TimelineFormats, on: ListHandlers): TemplateResult {
  const { model, shown } = v;
  // A host may say it in its own words (slot "empty").
  if (model.meetings.length === 0)
    return html`<p class="empty"><slot name="empty">${t('timeline.noMeetings')}</slot></p>`;
  if (shown.length === 0) return html`<p class="empty">${t('timeline.noneInRange')}</p>`;
  const focusIndex = Math.max(
    0,
    shown.findIndex((m) => m.id === v.focusedId),
  );
  const focusId = shown[focusIndex]!.id;
  const { virtual, first, last } = v.window;
  const rows = shown.slice(first, last);
  const list = html`<ol
      class="list"
      part="list"
      start=${first + 1}
      aria-labelledby="tl-title"
      @keydown=${on.listKey}
      @focusin=${on.listFocus}
    >
      ${repeat(
        rows,
        (m) => m.id,
        // A row is rendered again only when something it shows changes: scrolling renders just the rows coming into
        // view.
        (m, i) =>
          guard([m, model, first + i, shown.length, m.id === focusId, v.openId === m.id, v.linked, ...v.deps], () =>
            renderRow(
              model,
              m,
              first + i,
              shown.length,
              m.id === focusId,
              v.openId === m.id,
              linkedName(m, v.linked),
              t,
              f,
              on.open,
            ),
          ),
      )}
    </ol>`;
  return virtual
    ? html`<div class="viewport" data-virtual data-first=${first} data-last=${last} @scroll=${on.listScroll}>${list}</div>`
    : list;
}

/** Says in words what the linked member's highlight shows: whose meetings, and how many of those shown. */
export function linkedAnnouncement(
  model: TimelineModel,
  shown: readonly Meeting[],
  id: string | undefined,
  t: T,
): string {
  const name = id && model.members.get(id)?.name;
  if (!id || !name) return t('linked.cleared');
  const count = shown.filter((m) => m.attendees.some((a) => a.memberId === id)).length;
  return t('linked.announce', { name, count });
}

/** The linked member's name if they were invited to this meeting, else undefined. */
function linkedName(m: Meeting, linked: ListView['linked']): string | undefined {
  return linked && m.attendees.some((a) => a.memberId === linked.id) ? linked.name : undefined;
}

/** "Fidelity 63%", naming the instrument when the episode's scores come from more than one. */
function fidelityText(model: TimelineModel, s: InstrumentFidelity, share: number, t: T, f: TimelineFormats): string {
  const score = f.percent(share);
  return model.instrumentsScored > 1
    ? t('meeting.fidelityOf', { instrument: f.text(s.title), score })
    : t('meeting.fidelity', { score });
}

function renderRow(
  model: TimelineModel,
  m: Meeting,
  index: number,
  size: number,
  tabbable: boolean,
  open: boolean,
  linked: string | undefined,
  t: T,
  f: TimelineFormats,
  onOpen: (id: string) => void,
): TemplateResult {
  const time = model.times.get(m.id)!;
  const present = m.attendees.filter((a) => a.present).length + (m.personPresent ? 1 : 0);
  const fidelity = model.fidelity.get(m.id) ?? [];
  const isFirst = m.id === model.firstMeetingId;
  const statusIcon = m.status === 'held' ? '●' : m.status === 'planned' ? '○' : '✕';
  return html`<li class="row row--${m.status}${linked === undefined ? '' : ' row--linked'}" aria-posinset=${index + 1} aria-setsize=${size} data-id=${m.id}>
      <button
        type="button"
        class="meeting"
        part="meeting"
        id=${`meeting-${m.id}`}
        tabindex=${tabbable ? '0' : '-1'}
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls=${open ? 'details' : nothing}
        @click=${() => onOpen(m.id)}
      >
        <span class="meeting__line">
          <time class="meeting__when" datetime=${m.start}>${f.dateTime(time)}</time>
          <span class="status status--${m.status}"><span aria-hidden="true">${statusIcon}</span> ${t(`meetingStatus.${m.status}`)}</span>
          ${isFirst ? html`<span class="tag">${t('meeting.first')}</span>` : nothing}
          ${linked === undefined ? nothing : html`<span class="tag tag--linked"><span aria-hidden="true">◆</span> ${t('linked.tag', { name: linked })}</span>`}
        </span>
        <span class="meeting__line meeting__facts">
          <span class="mode"><span class="mode__icon" aria-hidden="true">${MODE_ICONS[m.mode]}</span> ${t(`meetingMode.${m.mode}`)}${m.place ? `: ${m.place}` : ''}</span>
          ${
            m.status === 'held'
              ? html`<span>${t('meeting.attendance', { count: present })}</span>
                <span>${m.reflectingConversation ? html`<span aria-hidden="true">↻</span> ${t('meeting.reflecting')}` : t('meeting.noReflecting')}</span>
                ${model.continuity.has(m.id) ? html`<span class="continuity"><span aria-hidden="true">⟳</span> ${t('meeting.continuity')}</span>` : nothing}
                ${fidelity.map((s) => (s.share === null ? nothing : html`<span>${fidelityText(model, s, s.share, t, f)}</span> `))}`
              : nothing
          }
        </span>
      </button>
    </li>`;
}
