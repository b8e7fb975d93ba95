import { expect, fixture, html } from '@open-wc/testing';
import { FormControlController, OdElement } from '@odkit/elements';
import { sendKeys } from '@web/test-runner-commands';
import { html as litHtml, render, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { guardConsole } from '../../../test/support/console-guard.js';

/** A tiny form-associated control: one text field inside, its text the value. */
class TestControl extends OdElement {
  static formAssociated = true;
  @property({ reflect: true }) name: string | undefined;
  @property({ type: Boolean }) required = false;
  @property({ attribute: false }) text = '';
  initial = '';
  restored: unknown[] = [];

  readonly #form = new FormControlController(this, {
    role: 'group',
    value: () => this.text || null,
    validity: () =>
      this.required && !this.text
        ? {
            flags: { valueMissing: true },
            message: 'Enter some text',
            anchor: this.renderRoot.querySelector('input') ?? undefined,
          }
        : undefined,
    reset: () => {
      this.text = this.initial;
    },
    restore: (state, mode) => {
      this.restored.push([state, mode]);
      if (typeof state === 'string') this.text = state;
    },
  });

  get form() {
    return this.#form.form;
  }
  get validity() {
    return this.#form.validity;
  }
  get validationMessage() {
    return this.#form.validationMessage;
  }
  get willValidate() {
    return this.#form.willValidate;
  }
  checkValidity() {
    return this.#form.checkValidity();
  }
  reportValidity() {
    return this.#form.reportValidity();
  }
  formResetCallback() {
    this.#form.formResetCallback();
  }
  formDisabledCallback(disabled: boolean) {
    this.#form.formDisabledCallback(disabled);
  }
  formStateRestoreCallback(state: unknown, mode: 'restore' | 'autocomplete') {
    this.#form.formStateRestoreCallback(state, mode);
  }

  protected override render() {
    return litHtml`<label for="text">Text</label>
      <input id="text" .value=${this.text} ?disabled=${this.#form.formDisabled} @input=${this.#input} />`;
  }

  #input(event: Event) {
    event.stopPropagation();
    this.text = (event.target as HTMLInputElement).value;
    this.#form.updateValue();
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }
}
TestControl.define('od-test-control');

const inner = (el: TestControl) => el.shadowRoot!.querySelector('input')!;

const forms: HTMLFormElement[] = [];
/**
 * A form holding the control, in the page. Not open-wc's fixture: for an element that is
 * not a Lit element it waits for an animation frame, which a background tab (tests run two
 * pages at a time) may not get.
 */
async function inForm(content: TemplateResult): Promise<{ form: HTMLFormElement; el: TestControl }> {
  const form = document.createElement('form');
  render(content, form);
  document.body.append(form);
  forms.push(form);
  const el = form.querySelector<TestControl>('od-test-control')!;
  await el.updateComplete;
  return { form, el };
}

describe('FormControlController', () => {
  guardConsole();
  afterEach(() => forms.splice(0).forEach((form) => form.remove()));

  it('is a form control: form, value under its name, validity with a message pointing inside', async () => {
    const { form, el } = await inForm(html`<od-test-control name="notes" required></od-test-control>`);
    expect(el.form).to.equal(form);
    expect(el.willValidate).to.equal(true);
    expect(el.checkValidity()).to.equal(false);
    expect(el.validity.valueMissing).to.equal(true);
    expect(el.validationMessage).to.equal('Enter some text');
    expect(form.checkValidity()).to.equal(false);
    expect(new FormData(form).has('notes')).to.equal(false);

    el.text = 'Seen twice';
    await el.updateComplete;
    expect(el.checkValidity()).to.equal(true);
    expect(el.validity.valid).to.equal(true);
    expect(el.validationMessage).to.equal('');
    expect(new FormData(form).get('notes')).to.equal('Seen twice');
    await expect(el).to.be.accessible();
  });

  it('gives the form the value before its input event is heard', async () => {
    const { form, el } = await inForm(html`<od-test-control name="notes"></od-test-control>`);
    const heard: (string | null)[] = [];
    el.addEventListener('input', () => heard.push(new FormData(form).get('notes') as string | null));
    inner(el).focus();
    await sendKeys({ type: 'ab' });
    expect(heard).to.deep.equal(['a', 'ab']);
  });

  it('reset puts back what it started with; a disabled fieldset disables it and its inner controls', async () => {
    const { form, el } = await inForm(html`<fieldset><od-test-control name="notes"></od-test-control></fieldset>`);
    el.initial = 'first';
    el.text = 'changed';
    await el.updateComplete;
    form.reset();
    await el.updateComplete;
    expect(el.text).to.equal('first');
    expect(new FormData(form).get('notes')).to.equal('first');

    form.querySelector('fieldset')!.disabled = true;
    await el.updateComplete;
    expect(inner(el).disabled).to.equal(true);
    expect(el.matches(':disabled')).to.equal(true);
    expect(new FormData(form).has('notes')).to.equal(false);
    form.querySelector('fieldset')!.disabled = false;
    await el.updateComplete;
    expect(inner(el).disabled).to.equal(false);
  });

  it('hands a restored state to the widget', async () => {
    const el = await fixture<TestControl>(html`<od-test-control></od-test-control>`);
    el.formStateRestoreCallback('kept', 'restore');
    await el.updateComplete;
    expect(el.restored).to.deep.equal([['kept', 'restore']]);
    expect(inner(el).value).to.equal('kept');
  });
});
