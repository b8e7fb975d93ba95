import { expect, fixture, html } from '@open-wc/testing';
import { ValidationError } from '@odkit/core';
import {
  ariaInvalid,
  datePartsOf,
  describedBy,
  errorFor,
  focusErrorSummary,
  formErrorsFrom,
  formStyles,
  OdElement,
  pathInside,
  renderErrorSummary,
  parseDateParts,
  renderField,
  type DateMessages,
  type DateMissingKey,
  type FormError,
} from '@odkit/elements';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import '@odkit/elements/define.js';
import { html as litHtml } from 'lit';
import { state } from 'lit/decorators.js';
import { guardConsole } from '../../../test/support/console-guard.js';

/** A one-field form built from the kit's form pieces. */
class FormWidget extends OdElement {
  static override styles = [...OdElement.styles, formStyles];
  @state() errors: FormError[] = [];

  protected override render() {
    const error = errorFor(this.errors, 'name');
    return litHtml`${renderErrorSummary({ title: 'There is a problem', errors: this.errors, root: this.renderRoot as ShadowRoot })}
      <form novalidate @submit=${this.#submit}>
        ${renderField({
          id: 'name',
          label: 'Name',
          hint: 'As they like to be called',
          error,
          errorPrefix: 'Error:',
          control: litHtml`<input class="od-input" id="name" name="name" aria-describedby=${describedBy('name', { hint: true, error }) ?? ''} aria-invalid=${ariaInvalid(error)} />`,
        })}
        <button class="od-button">Save</button>
      </form>`;
  }

  async #submit(event: Event) {
    event.preventDefault();
    const value = this.renderRoot.querySelector('input')!.value;
    this.errors = value.trim() ? [] : [{ field: 'name', message: 'Enter a name' }, { message: 'Nothing was saved' }];
    await this.updateComplete;
    focusErrorSummary(this.renderRoot);
  }
}
FormWidget.define('od-test-form');

/** A fieldset as the widgets' forms write it: legend, hint and a labelled control. */
class FieldsetWidget extends OdElement {
  static override styles = [...OdElement.styles, formStyles];
  protected override render() {
    return litHtml`<fieldset class="od-fieldset">
      <legend class="od-legend">How did the meeting take place?</legend>
      <p class="od-hint">Choose one</p>
      <label class="od-label" for="place">Place</label>
      <input class="od-input" id="place" />
    </fieldset>`;
  }
}
FieldsetWidget.define('od-test-fieldset');

describe('form kit', () => {
  guardConsole();

  it('shows errors at the field and in a focused summary whose link focuses the field', async () => {
    const el = await fixture<FormWidget>(html`<od-test-form></od-test-form>`);
    const root = el.shadowRoot!;
    await expect(el).to.be.accessible();
    root.querySelector('button')!.click();
    await el.updateComplete;

    const summary = root.querySelector<HTMLElement>('.od-error-summary')!;
    expect(summary.getAttribute('role')).to.equal('alert');
    expect(root.activeElement).to.equal(summary);
    expect([...summary.querySelectorAll('li')].map((li) => li.textContent!.trim())).to.deep.equal([
      'Enter a name',
      'Nothing was saved',
    ]);

    const input = root.querySelector('input')!;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.equal('name-hint name-error');
    expect(root.getElementById('name-error')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Error: Enter a name');
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Tab' });
    expect(root.activeElement?.tagName).to.equal('A');
    await sendKeys({ press: 'Enter' });
    expect(root.activeElement).to.equal(input);

    await sendKeys({ type: 'Jo' });
    root.querySelector('button')!.click();
    await el.updateComplete;
    expect(root.querySelector('.od-error-summary')).to.equal(null);
    expect(input.hasAttribute('aria-invalid')).to.equal(false);
    expect(input.getAttribute('aria-describedby')).to.equal('name-hint');
  });

  it('maps a core validation error to fields, keeping unmapped issues for the summary', () => {
    const error = new ValidationError('Change', [
      { path: ['member', 'name'], message: 'must not be empty' },
      { path: ['member', 'ring'], message: 'must be 1, 2 or 3' },
    ]);
    const errors = formErrorsFrom(error, (path) => (path[1] === 'name' ? 'member-name' : undefined), 'Not saved');
    expect(errors).to.deep.equal([
      { field: 'member-name', message: 'must not be empty' },
      { message: 'must be 1, 2 or 3' },
    ]);
    expect(formErrorsFrom(new Error('offline'), () => undefined, 'Not saved')).to.deep.equal([
      { message: 'Not saved' },
    ]);
  });

  it('reads an issue inside the entity a form edits, from a change’s path or the record’s', () => {
    expect(pathInside(['tie', 'to'], 'tie')).to.deep.equal(['to']);
    expect(pathInside(['ties', 3, 'to'], 'tie')).to.deep.equal(['to']);
    expect(pathInside(['meetings', 0, 'attendees', 2, 'role'], 'meeting')).to.deep.equal(['attendees', 2, 'role']);
    expect(pathInside(['reason'], 'meeting')).to.deep.equal(['reason']);
  });

  it('lines a fieldset legend up with the hint and labels under it (no 2 px browser padding)', async () => {
    const el = await fixture(html`<od-test-fieldset></od-test-fieldset>`);
    const left = (selector: string) => {
      const range = document.createRange();
      range.selectNodeContents(el.shadowRoot!.querySelector(selector)!);
      return range.getBoundingClientRect().left;
    };
    expect(left('.od-legend')).to.equal(left('.od-label'));
    expect(left('.od-legend')).to.equal(left('.od-hint'));
  });
});

describe('form kit in the GOV.UK and NHS.UK presets', () => {
  guardConsole();

  async function inTheme(theme: string) {
    const provider = await fixture(html`<od-provider theme=${theme}><od-test-form></od-test-form></od-provider>`);
    const form = provider.querySelector('od-test-form') as FormWidget;
    await form.updateComplete;
    return { form, save: form.shadowRoot!.querySelector('button')! };
  }

  it('draws the primary action as GOV.UK’s green button: #00703c, #005a30 on hover, a 2px #002d18 bar under it', async () => {
    const { save } = await inTheme('govuk');
    expect(getComputedStyle(save).backgroundColor).to.equal('rgb(0, 112, 60)');
    expect(getComputedStyle(save).color).to.equal('rgb(255, 255, 255)');
    expect(getComputedStyle(save).boxShadow).to.equal('rgb(0, 45, 24) 0px 2px 0px 0px');
    const box = save.getBoundingClientRect();
    await sendMouse({
      type: 'move',
      position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
    });
    try {
      expect(getComputedStyle(save).backgroundColor).to.equal('rgb(0, 90, 48)');
    } finally {
      await resetMouse();
    }
  });

  it('draws the primary action as NHS.UK’s green button (#007f3b), the default preset’s in its primary colour', async () => {
    expect(getComputedStyle((await inTheme('nhs')).save).backgroundColor).to.equal('rgb(0, 127, 59)');
    expect(getComputedStyle((await inTheme('default')).save).backgroundColor).to.equal('rgb(29, 95, 168)');
  });

  it('spaces widgets on the host’s scale: GOV.UK’s unit 6 (30px on a wide page), NHS.UK’s (40px), 24px by default', async () => {
    const margin = async (theme: string) => getComputedStyle((await inTheme(theme)).form).marginBlockEnd;
    expect(window.innerWidth).to.be.greaterThan(640);
    expect(await margin('govuk')).to.equal('30px');
    expect(await margin('nhs')).to.equal('40px');
    expect(await margin('default')).to.equal('24px');
  });
});

describe('date input (GOV.UK day, month and year)', () => {
  const messages = {
    required: 'Enter the date',
    missing: (key: DateMissingKey) => key,
    invalid: 'The date must be a real date',
  };
  const parse = (day: string, month: string, year: string, m: DateMessages = messages) =>
    parseDateParts('d', { day, month, year }, m);

  it('reads "9 4 2026" and " 09 04 2026 " as 2026-04-09, and shows a stored date without leading zeros', () => {
    expect(parse('9', '4', '2026')).to.deep.equal({ iso: '2026-04-09' });
    expect(parse(' 09', '04 ', '2026')).to.deep.equal({ iso: '2026-04-09' });
    expect(datePartsOf('2026-04-09')).to.deep.equal({ day: '9', month: '4', year: '2026' });
    expect(datePartsOf(undefined)).to.deep.equal({ day: '', month: '', year: '' });
  });

  it('gives the one error GOV.UK would, linked to the first part it is about', () => {
    expect(parse('', '', '')).to.deep.equal({
      error: { field: 'd-day', message: 'Enter the date', parts: ['day', 'month', 'year'] },
    });
    expect(parse('', '', '', { ...messages, required: undefined })).to.deep.equal({ iso: '' });
    expect(parse('9', '', '')).to.deep.equal({
      error: { field: 'd-month', message: 'date.missing.month-year', parts: ['month', 'year'] },
    });
    expect(parse('9', 'April', '2026')).to.deep.equal({
      error: { field: 'd-month', message: 'The date must be a real date', parts: ['month'] },
    });
    expect(parse('9', '4', '26')).to.deep.equal({
      error: { field: 'd-year', message: 'The date must be a real date', parts: ['year'] },
    });
    expect(parse('31', '2', '2026')).to.deep.equal({
      error: { field: 'd-day', message: 'The date must be a real date', parts: ['day', 'month', 'year'] },
    });
  });
});
