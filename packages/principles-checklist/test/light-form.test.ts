import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import { demoCase as sharedDemo } from '@odkit/core/demo';
import { forgetDrafts, ownCase } from '../../../test/support/own-case.js';
import '@odkit/elements/define.js';
import '@odkit/principles-checklist/define.js';
import type { OdPrinciplesChecklist } from '@odkit/principles-checklist';
import { guardConsole } from '../../../test/support/console-guard.js';
import { until } from '../../../test/support/dom.js';

// A case id of this file's own: checklists here keep drafts on the device, keyed by case (see own-case.ts).
const demoCase = ownCase(sharedDemo);
beforeEach(() => forgetDrafts(demoCase.id));

/**
 * The form @odkit/ssr renders inside a checklist for pages without script (ordinary fields
 * in the light DOM, named by core's assessmentFieldNames), as a person left it before the
 * script arrived: a name typed, a role and one rating chosen, a comment written.
 */
const serverForm = html`<fieldset data-od-fallback>
  <input name="assessment.rater-name" value="Nia Roberts" />
  <input type="radio" name="assessment.rater-role" value="self" />
  <input type="radio" name="assessment.rater-role" value="supervisor" checked />
  <input type="radio" name="assessment.evidence" value="live" checked />
  <input type="radio" name="assessment.rating.immediate-help" value="3" checked />
  <input type="radio" name="assessment.rating.dialogism" value="9" checked />
  <input type="radio" name="assessment.rating.not-an-item" value="2" checked />
  <textarea name="assessment.comment.immediate-help">Seen the next day</textarea>
  <textarea name="assessment.comment.flexibility"></textarea>
</fieldset>`;

describe('<od-principles-checklist> taking over its server-rendered form', () => {
  guardConsole();

  it('disables the server’s fields, keeps what was entered in them (checked again), and the form sends its value once', async () => {
    const form = fixtureSync<HTMLFormElement>(html`<form @submit=${(e: Event) => e.preventDefault()}>
      <od-principles-checklist name="assessment" meeting-id="mt-13" .record=${structuredClone(demoCase)}>${serverForm}</od-principles-checklist>
    </form>`);
    const el = form.querySelector<OdPrinciplesChecklist>('od-principles-checklist')!;
    await el.updateComplete;
    const fieldset = el.querySelector('fieldset')!;
    expect(fieldset.disabled, 'the server’s fields are disabled').to.equal(true);
    // The carried-over edits are applied after the first render.
    await until(() => el.assessment?.ratings.length, 'the carried-over rating');
    await el.updateComplete;
    const value = el.assessment!;
    expect(value.rater.name).to.equal('Nia Roberts');
    expect(value.raterRole).to.equal('supervisor');
    expect(value.ratings).to.deep.equal([{ itemId: 'immediate-help', value: 3, comment: 'Seen the next day' }]);
    // Only the element's own value is in the form's data: nothing is sent twice.
    const sent = [...new FormData(form).keys()];
    expect(sent).to.deep.equal(['assessment']);
  });

  it('leaves a checklist without such a form alone', async () => {
    const el = await fixture<OdPrinciplesChecklist>(
      html`<od-principles-checklist name="assessment" meeting-id="mt-13" .record=${structuredClone(demoCase)}></od-principles-checklist>`,
    );
    await el.updateComplete;
    expect(el.assessment?.ratings).to.deep.equal([]);
    expect(el.assessment?.rater.name).to.equal('');
  });
});
