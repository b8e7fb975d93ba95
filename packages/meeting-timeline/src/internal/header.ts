/**
 * The timeline's header: the person, first contact and the time-to-first-meeting badge.
 * A pure view (model in, template out), apart from the element so the badge's wording
 * can be read and changed in one place.
 */
import type { CaseRecord } from '@odkit/core';
import { renderHeading } from '@odkit/elements';
import { html, nothing, type TemplateResult } from 'lit';

import type { TimelineModel } from './model.js';
import type { T, TimelineFormats } from './view-kit.js';

export function renderHeader(record: CaseRecord, model: TimelineModel, t: T, f: TimelineFormats): TemplateResult {
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
      ${badge}
    </header>`;
}
