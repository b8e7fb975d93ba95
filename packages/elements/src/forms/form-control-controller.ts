/**
 * Form association for a widget that is a form control: the ElementInternals plumbing a
 * native control has (form, validity, the submitted value, reset, disabled fieldsets,
 * restored state), in one reusable controller rather than in each widget. Apart from
 * form-kit.ts, which holds the pieces of forms rendered inside a widget.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Why a control's value cannot be submitted now. */
export interface FormControlValidity {
  /** The validity flags to set, e.g. `{ valueMissing: true }`. */
  readonly flags: ValidityStateFlags;
  /** What `validationMessage` says and the browser shows. */
  readonly message: string;
  /** The inner control the browser points its message at (default: the host). */
  readonly anchor?: HTMLElement | undefined;
}

/** What a widget gives its {@link FormControlController}. */
export interface FormControlOptions {
  /** What the form submits under the host's `name` (and the state saved with the page); `null` submits nothing. */
  value(): string | null;
  /** Why the value cannot be submitted now, or undefined when it can. Checked after every render. */
  validity?(): FormControlValidity | undefined;
  /** The form was reset: put back what the control started with. */
  reset?(): void;
  /**
   * The browser gives back a state saved with the page (back/forward navigation, session restore) or autofill:
   * what `value` gave, or anything a host passes. Check it before using it.
   */
  restore?(state: unknown, mode: 'restore' | 'autocomplete'): void;
  /** The host's ARIA role, e.g. `group` for a control made of several fields. */
  role?: string;
}

/**
 * Makes a Lit element behave as a native form control. The element declares
 * `static formAssociated = true`, creates the controller in its constructor (it calls
 * `attachInternals()`), exposes the getters below as its own and forwards the three form
 * callbacks, which the browser looks up on the element's class:
 *
 * ```ts
 * readonly #form = new FormControlController(this, { value: () => this.value || null });
 * get form() { return this.#form.form; }
 * formResetCallback() { this.#form.formResetCallback(); }
 * formDisabledCallback(disabled: boolean) { this.#form.formDisabledCallback(disabled); }
 * formStateRestoreCallback(state: unknown, mode: 'restore' | 'autocomplete') {
 *   this.#form.formStateRestoreCallback(state, mode);
 * }
 * ```
 *
 * The value and validity are given to the form after every render, and at once with
 * {@link FormControlController.updateValue} (before an `input` or `change` event, as a
 * native control does).
 */
export class FormControlController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: FormControlOptions;
  readonly #internals: ElementInternals;
  #formDisabled = false;

  constructor(host: ReactiveControllerHost & HTMLElement, options: FormControlOptions) {
    this.#host = host;
    this.#options = options;
    this.#internals = host.attachInternals();
    if (options.role) this.#internals.role = options.role;
    host.addController(this);
  }

  /** The form the control belongs to, as on a native control. */
  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }
  get validity(): ValidityState {
    return this.#internals.validity;
  }
  get validationMessage(): string {
    return this.#internals.validationMessage;
  }
  get willValidate(): boolean {
    return this.#internals.willValidate;
  }
  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }
  reportValidity(): boolean {
    return this.#internals.reportValidity();
  }

  /** Whether a disabled `<fieldset>` (or form) around the host disables it: the host disables its controls too. */
  get formDisabled(): boolean {
    return this.#formDisabled;
  }

  /** Gives the form the value now (validity follows with the next render, which it may point into). */
  updateValue(): void {
    this.#internals.setFormValue(this.#options.value());
  }

  hostUpdated(): void {
    const value = this.#options.value();
    this.#internals.setFormValue(value, value);
    const invalid = this.#options.validity?.();
    if (invalid) this.#internals.setValidity(invalid.flags, invalid.message, invalid.anchor);
    else if (!this.#internals.validity.valid) this.#internals.setValidity({});
  }

  /** Forward the element's `formResetCallback` here. */
  formResetCallback(): void {
    this.#options.reset?.();
  }

  /** Forward the element's `formDisabledCallback` here. */
  formDisabledCallback(disabled: boolean): void {
    if (disabled === this.#formDisabled) return;
    this.#formDisabled = disabled;
    this.#host.requestUpdate();
  }

  /** Forward the element's `formStateRestoreCallback` here. */
  formStateRestoreCallback(state: unknown, mode: 'restore' | 'autocomplete' = 'restore'): void {
    this.#options.restore?.(state, mode);
  }
}
