/**
 * The instrument's items, group by group: a fieldset of ratings and a comment per item
 * while the assessment is a draft, the answers as text once it is complete.
 */
import { TEXT_LIMITS, type Instrument } from '@odkit/core';
import { renderFieldError, renderTheirs, type FormError, renderHeading } from '@odkit/elements';
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { ABOUT_FIELDS, fieldName, fieldOf, theirsText, type AssessmentUnderneath } from './assessment-underneath.js';
import type { Draft, RatingValue } from './draft.js';
import {
  radioId,
  textOf,
  valueLabel,
  type ChecklistFormat,
  type ChecklistT,
  type ChecklistViewFormat,
} from './view-kit.js';

type Item = Instrument['items'][number];

export interface ItemsView {
  readonly value: Draft;
  readonly instrument: Instrument;
  readonly readOnly: boolean;
  readonly disabled: boolean;
  readonly errors: readonly FormError[];
  /** Changes someone else saved meanwhile: where both changed an item's rating or comment, theirs is beside it. */
  readonly underneath?: Pick<AssessmentUnderneath, 'waiting'> | undefined;
}

/** What a person does to an item. `commit` on a comment: the field was left (a `change`), not a key press. */
export interface ItemEdits {
  rate(itemId: string, value: RatingValue): void;
  comment(itemId: string, comment: string, commit: boolean): void;
  /** For a field both changed (`rating-<item>`, `comment-<item>`): take the value someone else saved. */
  useTheirs(field: string): void;
  /** For a field both changed: keep this person's own value (saved on top of theirs). */
  keepMine(field: string): void;
}

/** Beside a field someone else changed too: what they saved, with the two choices; `id` is the box's, or ''. */
export interface TheirsBox {
  readonly box: TemplateResult | typeof nothing;
  readonly id: string;
}

/** What someone else saved for a field (an item's rating or comment, a rater's detail) where both changed it. */
export function theirsFor(
  view: Pick<ItemsView, 'underneath' | 'instrument'>,
  field: string,
  t: ChecklistT,
  f: ChecklistFormat,
  edits: Pick<ItemEdits, 'useTheirs' | 'keepMine'>,
): TheirsBox {
  const theirs = view.underneath?.waiting.get(field);
  if (theirs === undefined) return { box: nothing, id: '' };
  return {
    box: renderTheirs(t, {
      field,
      shown: theirsText(field, theirs, view.instrument, t, f),
      onUseTheirs: () => edits.useTheirs(field),
      onKeepMine: () => edits.keepMine(field),
    }),
    id: `${field}-theirs`,
  };
}

/**
 * Focuses a field after a choice: a comment box or the rater's name, or a group of radios' checked one (else its
 * first): an item's rating, the rater's role, the evidence.
 */
export function focusField(root: ParentNode, field: string): void {
  const item = fieldOf(field);
  const choices = field === ABOUT_FIELDS.raterRole || field === ABOUT_FIELDS.evidence;
  const radios = item?.part === 'rating' ? `item-${item.itemId}` : choices ? field : undefined;
  const target = radios
    ? (root.querySelector<HTMLElement>(`input[name="${CSS.escape(radios)}"]:checked`) ??
      root.querySelector<HTMLElement>(`input[name="${CSS.escape(radios)}"]`))
    : root.querySelector<HTMLElement>(`#${CSS.escape(field)}`);
  target?.focus();
}

export function renderGroups(
  view: ItemsView,
  t: ChecklistT,
  f: ChecklistViewFormat,
  edits: ItemEdits,
): (TemplateResult | typeof nothing)[] {
  const { instrument } = view;
  return instrument.groups.map((group) => {
    const items = instrument.items.filter((i) => i.groupId === group.id);
    if (!items.length) return nothing;
    return html`<section class="group" part="group" aria-labelledby=${`group-${group.id}`}>
      ${renderHeading(f.headingLevel(1), textOf(f, group.title), { class: 'group-title', id: `group-${group.id}` })}
      ${group.description ? html`<p class="od-hint">${textOf(f, group.description)}</p>` : nothing}
      ${items.map((item) => (view.readOnly ? renderItemReadOnly(view, item, t, f) : renderItem(view, item, t, f, edits)))}
    </section>`;
  });
}

function renderItem(view: ItemsView, item: Item, t: ChecklistT, f: ChecklistFormat, edits: ItemEdits): TemplateResult {
  const { value, instrument, disabled } = view;
  const rating = value.ratings.find((r) => r.itemId === item.id);
  const field = radioId(item.id, 0);
  const error = view.errors.find((e) => e.field === field);
  const hint = item.text ? `hint-${item.id}` : '';
  const theirRating = theirsFor(view, fieldName('rating', item.id), t, f, edits);
  const theirComment = theirsFor(view, fieldName('comment', item.id), t, f, edits);
  const described = [hint, error ? `${field}-error` : '', theirRating.id].filter(Boolean).join(' ');
  const options: { value: RatingValue; label: string; id: string }[] = instrument.scale.options.map((o, i) => ({
    value: o.value,
    label: textOf(f, o.label),
    id: radioId(item.id, i),
  }));
  if (instrument.scale.notApplicable) options.push({ value: 'na', label: t('notApplicable'), id: `${item.id}--na` });
  // The comment sits beside the rating's fieldset, not in it: an unanswered rating marks its
  // own group as an error (GOV.UK's red bar, the error in its description), never the optional comment.
  return html`<div class="item" part="item"><fieldset class="od-fieldset item-rating ${error ? 'od-field od-field--error' : ''}" aria-describedby=${described || nothing}>
    <legend class="od-legend item-title">
      ${textOf(f, item.title)}${item.required ? nothing : html` <span class="optional">${t('form.optional')}</span>`}
    </legend>
    ${item.text ? html`<p class="od-hint" id=${hint}>${textOf(f, item.text)}</p>` : nothing}
    ${renderFieldError(field, error, t('form.errorPrefix'))}
    <div class="choices scale">
      ${options.map(
        (o) => html`<div class="od-choice">
          <input
            type="radio"
            id=${o.id}
            name=${`item-${item.id}`}
            .checked=${live(rating?.value === o.value)}
            ?disabled=${disabled}
            @change=${() => edits.rate(item.id, o.value)}
          />
          <label for=${o.id}>${o.label}</label>
        </div>`,
      )}
    </div>
    </fieldset>
    ${theirRating.box}
    <div class="od-field comment">
      <label class="od-label comment-label" for=${`comment-${item.id}`}>
        ${t('checklist.comment')}<span class="visually-hidden">: ${textOf(f, item.title)}</span>
        <span class="optional">${t('form.optional')}</span>
      </label>
      <textarea
        class="od-textarea"
        id=${`comment-${item.id}`}
        rows="2"
        maxlength=${TEXT_LIMITS.long}
        .value=${live(rating?.comment ?? '')}
        aria-describedby=${theirComment.id || nothing}
        ?disabled=${disabled}
        @input=${(e: Event) => edits.comment(item.id, (e.target as HTMLTextAreaElement).value, false)}
        @change=${(e: Event) => edits.comment(item.id, (e.target as HTMLTextAreaElement).value, true)}
      ></textarea>
      ${theirComment.box}
    </div>
  </div>`;
}

function renderItemReadOnly(view: ItemsView, item: Item, t: ChecklistT, f: ChecklistViewFormat): TemplateResult {
  const rating = view.value.ratings.find((r) => r.itemId === item.id);
  return html`<div class="item item--read-only" part="item">
    ${renderHeading(f.headingLevel(2), textOf(f, item.title), { class: 'item-title' })}
    <p class="answer">${valueLabel(t, f, view.instrument, rating?.value)}</p>
    ${rating?.comment ? html`<p class="comment-text">${rating.comment}</p>` : nothing}
  </div>`;
}
