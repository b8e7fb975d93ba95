/**
 * The timeline's header: the person, first contact and the time-to-first-meeting badge.
 * A pure view (model in, template out), apart from the element so the badge's wording
 * can be read and changed in one place.
 */
import type { CaseRecord, Episode } from '@odkit/core';
import { renderHeading } from '@odkit/elements';
import { html, nothing, type TemplateResult } from 'lit';
import type { EpisodeFormKind } from './episode-form.js';
import type { TimelineModel } from './model.js';
import type { T, TimelineFormats } from './view-kit.js';

/** The button that opens each episode form (focus goes back to it when the form is cancelled). */
export const episodeActionId = (kind: EpisodeFormKind) => `ep-action-${kind}`;

/** Opens an episode form (given only when the timeline is editable). */
export type EpisodeAction = (kind: EpisodeFormKind) => void;

export function renderHeader(
  record: CaseRecord,
  model: TimelineModel,
  t: T,
  f: TimelineFormats,
  episodeAction?: EpisodeAction,
): TemplateResult {
  const first = model.summary.timeToFirstMeeting[0];
  const contact = Date.parse(model.episode.firstContact);
  let badge: TemplateResult = html``;
  if (first) {
    const d = (hours: number) => f.duration(hours);
    let kind: 'met' | 'missed' | 'waiting' | 'overdue';
    let text: string;
    if (first.hours !== null) {
      kind = first.withinTarget ? 'met' : 'missed';
      text = first.withinTarget
        ? t('badge.met', { time: d(first.hours) })
        : t('badge.missed', { time: d(first.hours), over: d(first.hours - 24) });
    } else {
      const waited = first.awaitingHours ?? 0;
      kind = waited > 24 ? 'overdue' : 'waiting';
      text =
        kind === 'overdue'
          ? t('badge.overdue', { time: d(waited), over: d(waited - 24) })
          : t('badge.waiting', { time: d(waited), left: d(24 - waited) });
    }
    const icon = kind === 'met' ? '✓' : kind === 'waiting' ? '◷' : '✗';
    badge = html`<p class="badge badge--${kind}" part="badge" data-state=${kind}>
        <span class="badge__icon" aria-hidden="true">${icon}</span>
        <span><span class="visually-hidden">${t('badge.label')}: </span>${text}</span>
      </p>`;
  }
  // The title at the host's heading level; a host may replace its words (slot "heading") and add a hint under it.
  return html`<header class="header" part="header">
      ${renderHeading(f.headingLevel(0), html`<slot name="heading">${t('timeline.label')}: ${record.person.name}</slot>`, { id: 'tl-title', class: 'title', focusable: true })}
      <slot name="hint"></slot>
      <p class="first-contact">
        <span class="marker-contact" aria-hidden="true">◆</span>
        ${t('timeline.firstContact')}:
        <time datetime=${model.episode.firstContact}>${f.dateTime(contact)}</time>
        · ${model.episode.responsibleTeam}${model.episode.referralSource ? html` · ${model.episode.referralSource}` : nothing}
      </p>
      ${renderEpisodeHistory(model.episode, t, f)} ${badge}
      ${episodeAction ? renderEpisodeActions(record, model.episode, t, episodeAction) : nothing}
    </header>`;
}

/** Each hand-over of responsibility, then the end, each on a line of its own under first contact. */
function renderEpisodeHistory(episode: Episode, t: T, f: TimelineFormats): TemplateResult {
  const at = (iso: string) => html`<time datetime=${iso}>${f.dateTime(Date.parse(iso))}</time>`;
  return html`${(episode.handovers ?? []).map((h) => {
    const words = h.reason
      ? t('episode.handedOverWhy', { team: h.to, date: '\0', reason: h.reason })
      : t('episode.handedOver', { team: h.to, date: '\0' });
    // The date goes in as a <time> where the message puts it, never as markup in the message.
    const [before, after = ''] = words.split('\0');
    return html`<p class="episode-line">${before}${at(h.at)}${after}</p>`;
  })}
  ${episode.end ? html`<p class="episode-line">${t('episode.ended')}: ${at(episode.end)}</p>` : nothing}`;
}

/**
 * What a practitioner can do with episodes: hand over or finish the episode shown while it runs, and open a new one
 * once no episode of the record is still running (a new crisis after a finished one).
 */
export function renderEpisodeActions(
  record: CaseRecord,
  episode: Episode | undefined,
  t: T,
  action: EpisodeAction,
): TemplateResult {
  const running = episode && episode.status !== 'finished';
  const canOpen = record.episodes.every((e) => e.status === 'finished');
  const button = (kind: EpisodeFormKind, label: string) =>
    html`<button type="button" class="od-button od-button--secondary" id=${episodeActionId(kind)} @click=${() => action(kind)}>${label}</button>`;
  return html`<div class="od-button-group episode-actions" role="group" aria-label=${t('episode.actions')}>
    ${running ? button('handover', t('episode.handover')) : nothing} ${running ? button('finish', t('episode.finish')) : nothing}
    ${canOpen ? button('open', t('episode.open')) : nothing}
  </div>`;
}
