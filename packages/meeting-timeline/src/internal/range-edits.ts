/**
 * The date-range filter's state (open or not, its errors) and what its buttons do. The form itself (range-form.ts,
 * with the elements' date input) is fetched the first time a person opens it: most visits never filter by date, and
 * nothing else in a timeline's first paint needs it. Held by the element, like TimelineEditing; renders it again
 * when its state changes.
 */
import { OnDemand, OnDemandUse, type FormError, type GatedHost } from '@odkit/elements';
import { html, nothing, type TemplateResult } from 'lit';
import type * as RangeForm from './range-form.js';
import type { T, TimelineHandlers } from './view-kit.js';

type RangeFormModule = typeof RangeForm;

/** The form's code, fetched once for every timeline on the page. */
const rangeForm = new OnDemand<RangeFormModule>(() => import('./range-form.js'));

export interface RangeEditsOptions {
  readonly t: T;
  /** Focus goes to this element id after the next render. */
  readonly focus: (id: string) => void;
  /** The range chosen (undefined ends: open), to show from now on. */
  readonly apply: (from: string | undefined, to: string | undefined) => void;
}

export class RangeEdits {
  /** The form is shown. */
  open = false;
  /** The fields' problems, from the last apply. */
  errors: FormError[] = [];
  /** The form could not be fetched when the person opened it: the toolbar says so until they try again. */
  unavailable = false;
  readonly #form: OnDemandUse<RangeFormModule>;
  readonly #host: GatedHost;
  readonly #o: RangeEditsOptions;

  constructor(host: GatedHost, options: RangeEditsOptions) {
    this.#host = host;
    this.#o = options;
    this.#form = new OnDemandUse(host, rangeForm, () => this.#set({ unavailable: true }));
  }

  #set(state: Partial<Pick<RangeEdits, 'open' | 'errors' | 'unavailable'>>): void {
    Object.assign(this, state);
    this.#host.requestUpdate();
  }

  /** The range form's part of the element's handler table, built once (listeners keep their identity). */
  readonly rangeHandlers: Pick<TimelineHandlers, 'toggleRange' | 'applyRange' | 'clearRange'> = {
    toggleRange: () => this.toggle(),
    applyRange: (event) => this.apply(event),
    clearRange: () => this.clear(),
  };

  /**
   * Opens the form (once its code is here: the render waits for it, up to 3 s, so `updateComplete` covers it) or
   * closes it.
   */
  toggle(): void {
    if (this.open) return this.#set({ open: false, errors: [] });
    if (this.unavailable) this.#set({ unavailable: false });
    this.#form.whenLoaded(({ RANGE_FIRST_FIELD }) => {
      this.#set({ open: true });
      this.#o.focus(RANGE_FIRST_FIELD);
    });
  }

  apply(event: SubmitEvent): void {
    event.preventDefault();
    const { readRangeForm } = this.#loaded();
    const range = readRangeForm(event.currentTarget as HTMLFormElement, this.#o.t);
    this.#set({ errors: range.errors });
    if (range.errors.length) return this.#o.focus(range.errors[0]!.field!);
    this.#o.apply(range.from, range.to);
  }

  clear(): void {
    this.#set({ errors: [] });
    this.#o.apply(undefined, undefined);
    this.#o.focus(this.#loaded().RANGE_FIRST_FIELD);
  }

  /** The form while open, or why it could not open (beside the button that opens it). */
  render(from: string | undefined, to: string | undefined, on: TimelineHandlers): TemplateResult | typeof nothing {
    const module = this.#form.module;
    if (this.open && module) return module.renderRangeForm({ from, to, errors: this.errors }, this.#o.t, on);
    if (!this.unavailable) return nothing;
    return html`<p class="od-field-error range-unavailable" role="alert">${this.#o.t('edit.formsUnavailable')}</p>`;
  }

  /** The form's module, which an open form was drawn by. */
  #loaded(): RangeFormModule {
    const module = this.#form.module;
    if (!module) throw new Error('The date-range form was used before it was loaded');
    return module;
  }
}
