import { html, nothing, type TemplateResult } from 'lit';
import type { Translate } from '../i18n/messages.js';
import type { SharedStrings } from '../i18n/shared-strings.js';

/**
 * Keeps an open edit form's typed values when the thing it edits changes underneath it (another tab, another
 * writer, a server's newer copy). The form is drawn once from the values it opened with, so a new record never
 * re-renders over what the person typed; each change from elsewhere is then merged field by field, three ways:
 * - a field the person has not touched takes the new value (written into the control, nothing to decide);
 * - a field both changed, to different values, waits for the person's choice: theirs, or keep mine.
 * Saving is refused while a choice is open, so nobody's words are overwritten without being seen.
 */

/** A form's values by control name, as text: a checkbox group is its checked values, sorted, one per line. */
export type FieldValues = Readonly<Record<string, string>>;

/** The controls named `name` in `form` (one for a text box or select, several for radios and checkboxes). */
function controls(form: HTMLFormElement, name: string): (HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement)[] {
  return [...form.elements].filter(
    (c): c is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement =>
      (c instanceof HTMLInputElement || c instanceof HTMLSelectElement || c instanceof HTMLTextAreaElement) &&
      c.name === name,
  );
}

const checkable = (c: Element): c is HTMLInputElement =>
  c instanceof HTMLInputElement && (c.type === 'checkbox' || c.type === 'radio');

/** What a control (or group) holds now, in the form {@link FieldValues} use. */
export function readField(form: HTMLFormElement, name: string): string {
  const found = controls(form, name);
  if (found.length && found.every(checkable)) {
    return found
      .filter((c) => c.checked)
      .map((c) => c.value)
      .sort()
      .join('\n');
  }
  return found[0]?.value ?? '';
}

/** Puts `value` into a control (or group), as {@link readField} reads it back. */
export function writeField(form: HTMLFormElement, name: string, value: string): void {
  const chosen = new Set(value.split('\n'));
  for (const c of controls(form, name)) {
    if (checkable(c)) c.checked = chosen.has(c.value);
    else c.value = value;
  }
}

/** Where the person's own values are: an HTML form's controls, or a widget's draft of the form. */
export interface FieldAccess {
  read(name: string): string;
  write(name: string, value: string): void;
}

/** The person's values in `form`'s controls. */
export const formAccess = (form: HTMLFormElement): FieldAccess => ({
  read: (name) => readField(form, name),
  write: (name, value) => writeField(form, name, value),
});

/** One open form's merge state: the values it is based on, and the fields waiting for the person's choice. */
export class EditedUnderneath {
  #base: FieldValues;
  /** Fields whose base is not known (a draft kept by an older version): a different value saved elsewhere waits. */
  #unknown: ReadonlySet<string>;
  /** Field name → the value saved elsewhere, where the person typed something else. */
  readonly #waiting = new Map<string, string>();

  /**
   * `opened`: the values the form is based on. `unknown`: fields whose base is not known (a draft restored without
   * one); until the next merge, a value saved elsewhere that differs from the person's waits for their choice.
   */
  constructor(opened: FieldValues, unknown: Iterable<string> = []) {
    this.#base = opened;
    this.#unknown = new Set(unknown);
  }

  /** The fields waiting for a choice, with the value saved elsewhere. */
  get waiting(): ReadonlyMap<string, string> {
    return this.#waiting;
  }

  /** The values the form is based on now (what was saved, as last merged or saved by the person). */
  get base(): FieldValues {
    return this.#base;
  }

  /**
   * Merges what is saved now into the open form. Returns the fields that newly wait for a choice (empty when the
   * change touched nothing the person typed).
   */
  merge(mine: FieldAccess, theirs: FieldValues): string[] {
    const fresh: string[] = [];
    for (const [name, value] of Object.entries(theirs)) {
      const known = !this.#unknown.has(name);
      const base = this.#base[name] ?? '';
      if (known && value === base) continue;
      const typed = mine.read(name);
      if (typed === value) this.#waiting.delete(name);
      else if (known && typed === base && !this.#waiting.has(name)) mine.write(name, value);
      else {
        if (this.#waiting.get(name) !== value) fresh.push(name);
        this.#waiting.set(name, value);
      }
    }
    this.#base = theirs;
    this.#unknown = new Set();
    return fresh;
  }

  /**
   * The person's own values were saved (a form that saves as it goes): the next change from elsewhere is compared
   * with them, so a save of the person's own that comes back is never taken for someone else's.
   */
  saved(values: FieldValues): void {
    this.#base = { ...this.#base, ...values };
  }

  /** The person chose the value saved elsewhere for `name`. */
  useTheirs(mine: FieldAccess, name: string): void {
    const theirs = this.#waiting.get(name);
    if (theirs === undefined) return;
    mine.write(name, theirs);
    this.#waiting.delete(name);
  }

  /** The person chose to keep what they typed in `name`. */
  keepMine(name: string): void {
    this.#waiting.delete(name);
  }
}

export interface TheirsOptions {
  /** The control's name (and id), so the buttons can say which field they are for. */
  readonly field: string;
  /** The field's label, when the value is shown away from its field (a list above the form). */
  readonly label?: string | undefined;
  /** The value saved elsewhere as the person reads it (a choice by its label); '' for nothing. */
  readonly shown: string;
  readonly onUseTheirs: () => void;
  readonly onKeepMine: () => void;
}

/**
 * The value saved elsewhere, beside the person's own in the field, with the two choices. The box is
 * `${field}-theirs`, its "Use theirs" button `${field}-theirs-use` (where an error summary can link).
 */
export function renderTheirs(t: Translate<SharedStrings>, o: TheirsOptions): TemplateResult {
  const id = `${o.field}-theirs`;
  return html`<div class="od-theirs" part="theirs" id=${id}>
    ${o.label ? html`<p class="od-label">${o.label}</p>` : nothing}
    <p class="od-theirs__value">${o.shown ? t('form.theirs', { value: o.shown }) : t('form.theirsEmpty')}</p>
    <div class="od-button-group">
      <button
        type="button"
        class="od-button od-button--secondary"
        id=${`${id}-use`}
        aria-describedby=${id}
        @click=${o.onUseTheirs}
      >
        ${t('form.useTheirs')}
      </button>
      <button type="button" class="od-button od-button--secondary" aria-describedby=${id} @click=${o.onKeepMine}>
        ${t('form.keepMine')}
      </button>
    </div>
  </div>`;
}

/**
 * Above a form with fields waiting for a choice: what happened, and that nothing typed was lost; `content` follows
 * (the timeline lists the fields here; the map shows each beside its field). `body`: what it says instead of the
 * shared words, where the form can say more (the checklist, when the other writer completed the assessment).
 */
export function renderChangedUnderneath(
  t: Translate<SharedStrings>,
  content: unknown = nothing,
  body: string = t('form.changedBody'),
): TemplateResult {
  return html`<div class="od-theirs" part="changed-underneath">
    <p class="od-label">${t('form.changedTitle')}</p>
    <p class="od-theirs__value">${body}</p>
    ${content}
  </div>`;
}
