/**
 * What the checklist's view modules share: their formatting and translating inputs,
 * labels for a rating and a score, and the header every view starts with. Views are
 * pure functions of what they are given (no element, no `this`).
 */
import { localise, type Instrument, type LocalisedText, type Meeting } from '@odkit/core';
import {
  headingLevelAt,
  type HeadingLevel,
  type LocaleController,
  type Translate,
  renderHeading,
} from '@odkit/elements';
import { html, nothing, type TemplateResult } from 'lit';
import { ratedCount, type Draft, type RatingValue } from './draft.js';
import type { ChecklistStrings } from './strings.js';

/** The checklist's translator. */
export type ChecklistT = Translate<ChecklistStrings>;

/** Dates, numbers and an instrument's own text in the language shown (the element's LocaleController). */
export type ChecklistFormat = Pick<
  LocaleController<ChecklistStrings>,
  'locale' | 'timeZone' | 'date' | 'dateTime' | 'time' | 'number' | 'percent'
>;

/** The views' format: the locale's, and the tags of headings below the checklist's title (its `heading-level`). */
export interface ChecklistViewFormat extends ChecklistFormat {
  /** The level of a heading `depth` levels below the title. */
  headingLevel(depth: number): HeadingLevel;
}

/** The views' format for the element's locale controller and its `heading-level` (both read at each call). */
export function checklistViewFormat(i18n: ChecklistFormat, level: () => unknown): ChecklistViewFormat {
  return {
    get locale() {
      return i18n.locale;
    },
    get timeZone() {
      return i18n.timeZone;
    },
    date: (...a) => i18n.date(...a),
    dateTime: (...a) => i18n.dateTime(...a),
    time: (...a) => i18n.time(...a),
    number: (...a) => i18n.number(...a),
    percent: (...a) => i18n.percent(...a),
    headingLevel: (depth) => headingLevelAt(level(), depth),
  };
}

/** An instrument's text (title, item, scale label) in the language shown. */
export const textOf = (f: ChecklistFormat, text: LocalisedText | undefined): string =>
  text === undefined ? '' : localise(text, f.locale);

/** The id of an item's `index`th radio (the first is where its error links to). */
export const radioId = (itemId: string, index: number) => `${itemId}--${index}`;

/** A rating as read out: the scale label and its value, "Not applicable" or "Not rated". */
export function valueLabel(t: ChecklistT, f: ChecklistFormat, instrument: Instrument, value: RatingValue): string {
  if (value === undefined) return t('checklist.notRated');
  if (value === 'na') return t('notApplicable');
  const option = instrument.scale.options.find((o) => o.value === value);
  return option ? `${textOf(f, option.label)} (${value})` : String(value);
}

/** A score as a percentage, or "none" when nothing was rated. */
export const percentOrNone = (t: ChecklistT, f: ChecklistFormat, share: number | null): string =>
  share === null ? t('summary.none') : f.percent(share);

/** The header of every view: title, description, meeting, who changed it last and (rating) progress. */
export function renderHeader(
  header: {
    value: Draft;
    instrument: Instrument;
    meeting: Meeting | undefined;
    changedBy: TemplateResult | typeof nothing;
    progress: boolean;
  },
  t: ChecklistT,
  f: ChecklistViewFormat,
): TemplateResult {
  const { value, instrument, meeting } = header;
  const rated = ratedCount(value, instrument);
  // The title at the host's heading level; a host may replace its words (slot "heading") and add a hint under it.
  return html`<header class="header" part="header">
    ${renderHeading(f.headingLevel(0), html`<slot name="heading">${textOf(f, instrument.title)}</slot>`, { class: 'title' })}
    <slot name="hint"></slot>
    ${instrument.description ? html`<p class="od-hint">${textOf(f, instrument.description)}</p>` : nothing}
    ${meeting ? html`<p class="meta">${t('checklist.meeting', { date: f.dateTime(meeting.start) })}</p>` : nothing}
    ${header.changedBy}
    ${
      header.progress
        ? html`<p class="progress" part="progress" role="status">
          ${t('checklist.progress', { rated, count: instrument.items.length })}
        </p>`
        : nothing
    }
  </header>`;
}
