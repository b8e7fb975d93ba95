import { expect, fixture, html } from '@open-wc/testing';
import { sevenPrinciples } from '@odkit/core';
import '@odkit/elements/define.js';
import '@odkit/principles-checklist/define.js';
import type { OdPrinciplesChecklist } from '@odkit/principles-checklist';
import { sendKeys } from '@web/test-runner-commands';
import { guardConsole } from '../../../test/support/console-guard.js';
import { PrinciplesChecklistPage } from '../../../test/support/principles-checklist-page.js';
import { $$, click, labelOf, radio, shadow, text } from './support.js';

type Value = {
  ratings: { itemId: string; value?: number | 'na'; comment?: string }[];
  rater: { name: string };
  status: string;
  meetingId?: string;
};
const valueOf = (el: OdPrinciplesChecklist) => JSON.parse(el.value) as Value;
const formValue = (form: HTMLFormElement, name = 'assessment') => {
  const raw = new FormData(form).get(name);
  return raw === null ? null : (JSON.parse(raw as string) as Value);
};

/**
 * Mounts `template` inside a storeless <od-provider>: a Lit root, so the fixture waits for
 * its update rather than for an animation frame (which a background tab never gets
 * when test files run side by side).
 */
async function mountForm(template: unknown): Promise<HTMLFormElement> {
  const provider = await fixture(html`<od-provider>${template}</od-provider>`);
  return provider.querySelector('form')!;
}

async function formWith(attrs = 'required'): Promise<{ form: HTMLFormElement; el: OdPrinciplesChecklist }> {
  const form = await mountForm(html`<form @submit=${(e: Event) => e.preventDefault()}>
    <label for="check">Fidelity of this meeting</label>
    ${
      attrs === 'required'
        ? html`<od-principles-checklist id="check" name="assessment" meeting-id="mt-13" required></od-principles-checklist>`
        : html`<od-principles-checklist id="check" name="assessment"></od-principles-checklist>`
    }
    <button>Send</button>
  </form>`);
  const el = form.querySelector('od-principles-checklist')!;
  await el.updateComplete;
  return { form, el };
}

/** Rates every item of the seven principles with its first option, by clicking each label. */
async function rateAll(el: OdPrinciplesChecklist) {
  for (const item of sevenPrinciples.items) {
    await click(labelOf(el, radio(el, item.id, 'Largely')));
  }
  await el.updateComplete;
}

describe('<od-principles-checklist> as a form control (standalone, no record)', () => {
  guardConsole();

  it('lists every item of the instrument in its groups, with progress, and is accessible', async () => {
    const { el } = await formWith();
    const page = new PrinciplesChecklistPage(el);
    const groups = page.groups;
    expect(groups.map((g) => page.groupTitle(g))).to.deep.equal([
      'How the service is organised',
      'Practice in the meeting',
    ]);
    expect(groups.map((g) => page.itemsIn(g).length)).to.deep.equal([5, 2]);
    expect(page.items.map((item) => page.itemTitle(item))).to.deep.equal(
      sevenPrinciples.items.map((i) => i.title['en-GB' as never]),
    );
    expect(page.progress).to.equal('0 of 7 items rated');
    // Each item: its scale and "Not applicable", native radios in one group per item, a hint tied to the fieldset.
    const first = page.ratingGroup(page.items[0]!);
    expect(first.localName).to.equal('fieldset');
    expect(
      [...first.querySelectorAll('input[type=radio]')].map((r) => labelOf(el, r).textContent!.trim()),
    ).to.deep.equal(['Not in place', 'Partly', 'Largely', 'Fully', 'Not applicable']);
    expect(first.getAttribute('aria-describedby')).to.equal('hint-immediate-help');
    await expect(el).to.be.accessible();
  });

  it('rates with real clicks and key presses, firing input and change like a native control', async () => {
    const { form, el } = await formWith();
    const events: string[] = [];
    el.addEventListener('input', () => events.push('input'));
    el.addEventListener('change', () => events.push(`change:${formValue(form)?.ratings.length}`));

    await click(labelOf(el, radio(el, 'immediate-help', 'Fully')));
    expect(radio(el, 'immediate-help', 'Fully').checked).to.equal(true);
    // The form value is up to date when change is heard.
    expect(events).to.deep.equal(['input', 'change:1']);
    await el.updateComplete;
    expect(new PrinciplesChecklistPage(el).progress).to.equal('1 of 7 items rated');

    // Keyboard: arrows move within the item's radios and choose as they go.
    radio(el, 'immediate-help', 'Fully').focus();
    await sendKeys({ press: 'ArrowLeft' });
    expect(radio(el, 'immediate-help', 'Largely').checked).to.equal(true);
    expect(valueOf(el).ratings).to.deep.equal([{ itemId: 'immediate-help', value: 3 }]);
    // Tab moves on to the comment, then the next item's radios.
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement?.id).to.equal('comment-immediate-help');
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement?.getAttribute('name')).to.equal('item-social-network');
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(valueOf(el).ratings.map((r) => r.itemId)).to.deep.equal(['immediate-help', 'social-network']);
    expect(formValue(form)!.ratings[1]!.value).to.equal(1);
  });

  it('records not applicable and comments; an emptied comment is removed', async () => {
    const { el } = await formWith();
    await click(labelOf(el, radio(el, 'continuity', 'Not applicable')));
    const comment = new PrinciplesChecklistPage(el).comment('continuity');
    comment.focus();
    await sendKeys({ type: 'Too early to say.' });
    expect(valueOf(el).ratings).to.deep.equal([{ itemId: 'continuity', value: 'na', comment: 'Too early to say.' }]);
    comment.select();
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Tab' });
    expect(valueOf(el).ratings).to.deep.equal([{ itemId: 'continuity', value: 'na' }]);
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  describe('validity when required', () => {
    /** Types the rater's name, with real key presses. */
    async function named(el: OdPrinciplesChecklist) {
      const name = new PrinciplesChecklistPage(el).raterName;
      name.focus();
      await sendKeys({ type: 'Sam Rater' });
      await el.updateComplete;
    }

    /** Counts the form's submits that get through validation. */
    function countSubmits(form: HTMLFormElement) {
      const submitted = { count: 0 };
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        submitted.count++;
      });
      return submitted;
    }

    it('is invalid without the rater’s name, and says so first', async () => {
      const { form, el } = await formWith();
      expect(el.willValidate).to.equal(true);
      expect(form.checkValidity()).to.equal(false);
      expect(el.validity.valueMissing).to.equal(true);
      expect(el.validationMessage).to.equal('Enter the rater’s name');
    });

    it('with a name, the message names the first unrated item', async () => {
      const { el } = await formWith();
      await named(el);
      expect(el.validationMessage).to.equal('Select a rating for “Immediate help”');
    });

    it('reportValidity shows the errors next to the items and focuses the first radio in error', async () => {
      const { form, el } = await formWith();
      await named(el);
      expect(form.reportValidity()).to.equal(false);
      await el.updateComplete;
      expect(shadow(el).activeElement?.id).to.equal('immediate-help--0');
      const page = new PrinciplesChecklistPage(el);
      expect(page.fieldErrors).to.deep.equal(
        sevenPrinciples.items.map(
          (i) => `Error: Select a rating for “${(i.title as Record<string, string>)['en-GB']}”`,
        ),
      );
      expect(page.ratingGroup(page.items[0]!).getAttribute('aria-describedby')).to.equal(
        'hint-immediate-help immediate-help--0-error',
      );
      await expect(el).to.be.accessible();
    });

    it('its own reportValidity and checkValidity answer as a native control’s; reportValidity shows where', async () => {
      const { el } = await formWith();
      await named(el);
      const page = new PrinciplesChecklistPage(el);
      const invalid: Event[] = [];
      el.addEventListener('invalid', (e) => invalid.push(e));
      expect(page.fieldErrors).to.have.length(0);
      expect(el.reportValidity()).to.equal(false);
      expect(invalid).to.have.length(1);
      await el.updateComplete;
      expect(page.fieldErrors).to.have.length(sevenPrinciples.items.length);
      expect(shadow(el).activeElement?.id, 'focus on the first radio in error').to.equal('immediate-help--0');
      expect(el.checkValidity()).to.equal(false);
      expect(invalid).to.have.length(2);
      await rateAll(el);
      expect(el.reportValidity()).to.equal(true);
      expect(el.checkValidity()).to.equal(true);
      expect(invalid, 'no invalid event once valid').to.have.length(2);
    });

    it('a submit is blocked while invalid', async () => {
      const { form, el } = await formWith();
      await named(el);
      const submitted = countSubmits(form);
      form.requestSubmit();
      expect(submitted.count).to.equal(0);
    });

    it('once every item is rated it is valid, its errors go, and it submits its value', async () => {
      const { form, el } = await formWith();
      await named(el);
      const submitted = countSubmits(form);
      expect(form.reportValidity()).to.equal(false);
      await el.updateComplete;
      await rateAll(el);
      expect(form.checkValidity()).to.equal(true);
      expect(el.validationMessage).to.equal('');
      expect(new PrinciplesChecklistPage(el).fieldErrors).to.have.length(0);
      form.requestSubmit();
      expect(submitted.count).to.equal(1);
      const value = formValue(form)!;
      expect(value.rater.name).to.equal('Sam Rater');
      expect(value.meetingId).to.equal('mt-13');
      expect(value.ratings.map((r) => r.value)).to.deep.equal([3, 3, 3, 3, 3, 3, 3]);
    });
  });

  it('is valid when not required, and submits its JSON value under its name', async () => {
    const { form, el } = await formWith('optional');
    expect(form.checkValidity()).to.equal(true);
    const value = formValue(form)!;
    expect(value).to.include({ status: 'draft' });
    expect(value.meetingId).to.equal(undefined);
    expect(value.ratings).to.deep.equal([]);
    expect(el.form === form).to.equal(true);
  });

  it('form.reset() restores the initial value', async () => {
    const { form, el } = await formWith();
    await click(labelOf(el, radio(el, 'flexibility', 'Partly')));
    expect(valueOf(el).ratings).to.have.length(1);
    form.reset();
    await el.updateComplete;
    expect(valueOf(el).ratings).to.deep.equal([]);
    expect(radio(el, 'flexibility', 'Partly').checked).to.equal(false);
    expect(formValue(form)!.ratings).to.deep.equal([]);
  });

  describe('disabled', () => {
    async function inFieldset() {
      const form = await mountForm(html`<form @submit=${(e: Event) => e.preventDefault()}>
        <fieldset>
          <od-principles-checklist name="assessment" required></od-principles-checklist>
        </fieldset>
      </form>`);
      const el = form.querySelector('od-principles-checklist')!;
      const fieldset = form.querySelector('fieldset')!;
      await el.updateComplete;
      return { form, el, fieldset };
    }

    it('inside a disabled fieldset: every control disabled, not submitted, not validated, clicks change nothing', async () => {
      const { form, el, fieldset } = await inFieldset();
      fieldset.disabled = true;
      await el.updateComplete;
      expect($$<HTMLInputElement>(el, 'input, textarea, button').every((c) => c.disabled)).to.equal(true);
      expect(new FormData(form).has('assessment')).to.equal(false);
      expect(form.checkValidity()).to.equal(true);
      // A click on a disabled radio changes nothing.
      await click(labelOf(el, radio(el, 'dialogism', 'Fully')));
      expect(valueOf(el).ratings).to.deep.equal([]);
      await expect(el).to.be.accessible();
    });

    it('enabled again when the fieldset is', async () => {
      const { el, fieldset } = await inFieldset();
      fieldset.disabled = true;
      await el.updateComplete;
      fieldset.disabled = false;
      await el.updateComplete;
      expect($$<HTMLInputElement>(el, 'input').some((c) => c.disabled)).to.equal(false);
    });

    it('by its own disabled property, reflected, and not submitted', async () => {
      const { form, el } = await inFieldset();
      el.disabled = true;
      await el.updateComplete;
      expect(el.hasAttribute('disabled')).to.equal(true);
      expect($$<HTMLInputElement>(el, 'input').every((c) => c.disabled)).to.equal(true);
      expect(new FormData(form).has('assessment')).to.equal(false);
    });
  });

  it('a <label for> names it and a click on the label moves focus into it', async () => {
    const { form, el } = await formWith();
    await click(form.querySelector('label')!);
    expect(document.activeElement?.id).to.equal('check'); // focus is inside its shadow root
    expect(shadow(el).activeElement?.id).to.equal('rater-name');
    // The label gives the control its accessible name (axe checks the group's label too).
    expect(el.form === form).to.equal(true);
    await expect(form).to.be.accessible();
  });

  it('restores a saved draft from form state, and ignores state that is not a draft of this instrument', async () => {
    const { el } = await formWith();
    const saved = JSON.stringify({
      ...valueOf(el),
      rater: { name: 'Ali' },
      ratings: [{ itemId: 'dialogism', value: 4, comment: 'Everyone was answered.' }],
    });
    el.formStateRestoreCallback(saved);
    await el.updateComplete;
    await el.updateComplete;
    expect(valueOf(el).ratings).to.deep.equal([{ itemId: 'dialogism', value: 4, comment: 'Everyone was answered.' }]);
    expect(radio(el, 'dialogism', 'Fully').checked).to.equal(true);
    expect(new PrinciplesChecklistPage(el).comment('dialogism').value).to.equal('Everyone was answered.');

    for (const bad of [
      'not json',
      JSON.stringify({ ...JSON.parse(saved), ratings: [{ itemId: 'nope', value: 1 }] }),
      JSON.stringify({ ...JSON.parse(saved), ratings: [{ itemId: 'dialogism', value: 9 }] }),
    ]) {
      el.formStateRestoreCallback(bad);
      await el.updateComplete;
      await el.updateComplete;
      expect(valueOf(el).ratings[0]!.value).to.equal(4);
    }
  });

  it('complete with items unrated shows an error summary whose links focus the item', async () => {
    const { el } = await formWith();
    const page = new PrinciplesChecklistPage(el);
    const complete = page.actionButton;
    expect(text(complete)).to.equal('Complete assessment');
    await click(complete);
    await el.updateComplete;
    const summary = page.errorSummary!;
    expect(shadow(el).activeElement).to.equal(summary);
    expect(page.errorSummaryEntries).to.deep.equal([
      'Enter the rater’s name',
      ...sevenPrinciples.items.map((i) => `Select a rating for “${(i.title as Record<string, string>)['en-GB']}”`),
    ]);
    expect(valueOf(el).status).to.equal('draft');
    await expect(el).to.be.accessible();
    // The second link goes to the first item's first radio.
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    expect(shadow(el).activeElement?.id).to.equal('immediate-help--0');
  });

  it('never marks an unrated item’s optional comment box as an error (no red border or bar, not in the error’s group)', async () => {
    const { el } = await formWith();
    const page = new PrinciplesChecklistPage(el);
    await click(page.actionButton);
    await el.updateComplete;
    const item = page.items.find((i) => i.querySelector('input[name="item-continuity"]'))!;
    const error = [...item.querySelectorAll<HTMLElement>('[id$="-error"]')].find((e) => text(e).includes('Select'))!;
    const red = getComputedStyle(error).color;
    const comment = page.comment('continuity');
    expect(comment.getAttribute('aria-invalid')).to.equal(null);
    expect(getComputedStyle(comment).borderInlineStartColor).to.not.equal(red);
    // No box from the comment up to the item draws the error's bar beside it.
    for (let box: Element | null = comment; box && box !== item.parentElement; box = box.parentElement) {
      const s = getComputedStyle(box);
      expect(s.borderInlineStartColor === red && parseFloat(s.borderInlineStartWidth) > 0, box.localName).to.equal(
        false,
      );
    }
    // Nor is the comment in the group the error describes (a screen reader would read the error there).
    const group = page.ratingGroup(item);
    expect(group.getAttribute('aria-describedby')).to.include(error.id);
    expect(group.contains(comment)).to.equal(false);
    expect(comment.labels![0]!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Comment: Psychological continuity (optional)',
    );
    await expect(el).to.be.accessible();
  });

  describe('once completed', () => {
    /** Names the rater, rates every item and completes the assessment, with real key presses and clicks. */
    async function completed() {
      const { el } = await formWith();
      const page = new PrinciplesChecklistPage(el);
      page.raterName.focus();
      await sendKeys({ type: 'Jo' });
      await rateAll(el);
      await click(page.actionButton);
      await el.updateComplete;
      return { el, page };
    }

    it('is read-only, says so, and moves focus to Reopen', async () => {
      const { el, page } = await completed();
      expect(valueOf(el).status).to.equal('complete');
      expect($$(el, 'input, textarea')).to.have.length(0);
      expect(page.completedNotice).to.match(/^Completed on .+\. This assessment is read-only\.$/);
      // Focus is on the action that is left: reopen.
      expect(shadow(el).activeElement).to.equal(page.actionButton);
      expect(text(page.actionButton)).to.equal('Reopen to change it');
      await expect(el).to.be.accessible();
    });

    it('Reopen makes it a draft again, with its ratings', async () => {
      const { el, page } = await completed();
      expect(shadow(el).activeElement).to.equal(page.actionButton);
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(valueOf(el).status).to.equal('draft');
      expect(radio(el, 'immediate-help', 'Largely').checked).to.equal(true);
    });
  });

  it('every target is at least 24 by 24 pixels', async () => {
    const { el } = await formWith();
    for (const control of $$(el, 'input[type=radio], button, textarea, input#rater-name')) {
      const r = control.getBoundingClientRect();
      expect(r.width, control.id).to.be.at.least(24);
      expect(r.height, control.id).to.be.at.least(24);
    }
  });
});
