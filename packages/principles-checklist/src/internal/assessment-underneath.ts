/**
 * The assessment being rated as field values, for merging a change someone else saved to it while this person was
 * rating it (EditedUnderneath in @odkit/elements): each item's rating and its comment is a field, named as
 * `rating-<item>` and `comment-<item>` (the comment's box has that id), and so is each of the rater's details
 * (`rater-name`, `rater-role`, `evidence`, as their controls are named). Fields only they changed are taken, fields
 * only this person changed stay theirs, and where both changed one, it waits for the person's choice and is not saved
 * until they make it. Apart from the autosave so that what a field is, and how it reads, are in one place.
 */
import type { Assessment, Instrument } from '@odkit/core';
import { EditedUnderneath, type FieldAccess, type FieldValues } from '@odkit/elements';
import type { Draft, RatingValue } from './draft.js';
import type { RaterEdit } from './rater-view.js';
import { valueLabel, type ChecklistFormat, type ChecklistT } from './view-kit.js';

/** Which half of an item a field is. */
export type ItemPart = 'rating' | 'comment';

/** The field name of an item's rating or comment. */
export const fieldName = (part: ItemPart, itemId: string): string => `${part}-${itemId}`;

/** The item and part a field name is of, or undefined for a name that is neither. */
export function fieldOf(name: string): { part: ItemPart; itemId: string } | undefined {
  const match = /^(rating|comment)-(.+)$/.exec(name);
  return match ? { part: match[1] as ItemPart, itemId: match[2]! } : undefined;
}

/** The rater's details as fields: each one's field name (its control's name). */
export const ABOUT_FIELDS = { name: 'rater-name', raterRole: 'rater-role', evidence: 'evidence' } as const;

/** Which of the rater's details a field name is, or undefined for a name that is none of them. */
export const aboutKeyOf = (name: string): keyof RaterEdit | undefined =>
  (Object.keys(ABOUT_FIELDS) as (keyof RaterEdit)[]).find((key) => ABOUT_FIELDS[key] === name);

/** One of the rater's details in `assessment`, as its field holds it. */
export function aboutIn(assessment: Draft | undefined, key: keyof RaterEdit): string {
  if (!assessment) return '';
  return key === 'name' ? assessment.rater.name : assessment[key];
}

/** A rating as a field holds it: '' unrated, the scale value, or 'na'. */
export const ratingText = (value: RatingValue | null | undefined): string =>
  value === undefined || value === null ? '' : String(value);

/** The rating a field's text stands for (null: unrated). */
export const ratingFrom = (text: string): RatingValue | null =>
  text === '' ? null : text === 'na' ? 'na' : Number(text);

/** What an item's field holds in `assessment`. */
export function valueIn(assessment: Draft | undefined, part: ItemPart, itemId: string): string {
  const rating = assessment?.ratings.find((r) => r.itemId === itemId);
  return part === 'rating' ? ratingText(rating?.value) : (rating?.comment ?? '');
}

/** Every item's rating and comment in `assessment`, by field name (an item not rated yet holds ''). */
export function assessmentValues(assessment: Draft, instrument: Instrument): FieldValues {
  const values: Record<string, string> = {};
  for (const { id } of instrument.items) {
    values[fieldName('rating', id)] = valueIn(assessment, 'rating', id);
    values[fieldName('comment', id)] = valueIn(assessment, 'comment', id);
  }
  for (const [key, name] of Object.entries(ABOUT_FIELDS)) values[name] = aboutIn(assessment, key as keyof RaterEdit);
  return values;
}

/** A field's value as a person reads it (a rating by its label), or '' for nothing. */
export function theirsText(
  name: string,
  value: string,
  instrument: Instrument,
  t: ChecklistT,
  f: ChecklistFormat,
): string {
  if (value === '') return value;
  if (name === ABOUT_FIELDS.raterRole) return t(`raterRole.${value as Draft['raterRole']}`);
  if (name === ABOUT_FIELDS.evidence) return t(`evidence.${value as Draft['evidence']}`);
  if (fieldOf(name)?.part !== 'rating') return value;
  return valueLabel(t, f, instrument, ratingFrom(value) ?? undefined);
}

/** What the merge needs from the autosave. */
export interface UnderneathSource {
  /** The assessment as stored now (undefined before it is started). */
  stored(): Assessment | undefined;
  instrument(): Instrument | undefined;
  /** A save of the person's own is on its way (the store may show it already): nothing is merged until it is back. */
  busy(): boolean;
  /** The person's values: their edits not saved yet, else what is stored. */
  readonly mine: FieldAccess;
}

const NONE: ReadonlyMap<string, string> = new Map();

export class AssessmentUnderneath {
  readonly #source: UnderneathSource;
  #edit: EditedUnderneath | undefined;
  /** The stored assessment last merged. */
  #merged: Assessment | undefined;
  /** How many fields waited for a choice when someone else's change last arrived (0 once the person chooses). */
  announced = 0;

  constructor(source: UnderneathSource) {
    this.#source = source;
  }

  /** The fields waiting for the person's choice, with the value saved elsewhere. */
  get waiting(): ReadonlyMap<string, string> {
    return this.#edit?.waiting ?? NONE;
  }

  /** Whether an item's rating or comment waits for a choice (and so is not saved). */
  holds(part: ItemPart, itemId: string): boolean {
    return this.waiting.has(fieldName(part, itemId));
  }

  /** Whether one of the rater's details waits for a choice (and so is not saved). */
  holdsAbout(key: keyof RaterEdit): boolean {
    return this.waiting.has(ABOUT_FIELDS[key]);
  }

  /**
   * Merges what is stored now into what the person sees, when someone else changed it. Returns true when fields
   * newly wait for a choice.
   */
  reconcile(): boolean {
    const stored = this.#source.stored();
    const instrument = this.#source.instrument();
    if (!stored || !instrument || stored.status !== 'draft') {
      if (stored?.id !== this.#merged?.id) this.reset();
      return false;
    }
    if (!this.#edit || stored.id !== this.#merged?.id) {
      this.reset();
      this.#edit = new EditedUnderneath(assessmentValues(stored, instrument));
      this.#merged = stored;
      return false;
    }
    if (stored === this.#merged || this.#source.busy()) return false;
    this.#merged = stored;
    const fresh = this.#edit.merge(this.#source.mine, assessmentValues(stored, instrument));
    if (fresh.length) this.announced = this.waiting.size;
    else if (!this.waiting.size) this.announced = 0;
    return fresh.length > 0;
  }

  /**
   * What a draft of these fields kept on this device is based on: each one's stored value as the person last saw it.
   * A field waiting for their choice is left out (on restore it asks again, wherever the stored value differs).
   */
  baseOf(names: readonly string[]): Record<string, string> {
    const stored = this.#source.stored();
    const instrument = this.#source.instrument();
    const known = this.#edit?.base ?? (stored && instrument ? assessmentValues(stored, instrument) : {});
    const base: Record<string, string> = {};
    for (const name of names) if (!this.waiting.has(name)) base[name] = known[name] ?? '';
    return base;
  }

  /**
   * A draft kept on this device is put back over `stored` (the person's values are in `mine` already), merged three
   * ways exactly as a change from elsewhere is: against `base`, what the draft was based on for the fields in
   * `fields` (undefined: a draft from before bases, where each field's base is not known).
   */
  resume(stored: Assessment, instrument: Instrument, fields: readonly string[], base: FieldValues | undefined): void {
    const theirs = assessmentValues(stored, instrument);
    const opened: Record<string, string> = { ...theirs };
    const unknown: string[] = [];
    for (const name of fields) {
      const was = base?.[name];
      if (was === undefined) unknown.push(name);
      else opened[name] = was;
    }
    this.reset();
    this.#edit = new EditedUnderneath(opened, unknown);
    this.#merged = stored;
    this.#edit.merge(this.#source.mine, theirs);
    this.announced = this.waiting.size;
  }

  /** The person's own values for these fields were saved: a change from elsewhere is compared with them from now. */
  saved(values: FieldValues): void {
    this.#edit?.saved(values);
  }

  /** The person chose the value saved elsewhere for `field`. */
  useTheirs(field: string): void {
    this.#edit?.useTheirs(this.#source.mine, field);
    this.announced = 0; // said once; the box lists what is left
  }

  /** The person chose to keep their own value in `field` (saved next, on top of theirs). */
  keepMine(field: string): void {
    this.#edit?.keepMine(field);
    this.announced = 0;
  }

  /** Another assessment is shown (or none): nothing to merge, nothing waiting. */
  reset(): void {
    this.#edit = undefined;
    this.#merged = undefined;
    this.announced = 0;
  }
}
