/**
 * The checklist's rater is the signed-in user: after a SMART launch (the store's author,
 * from fhirUser), or as a host sets it (`rater`); the name then shows read-only.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MemoryStore, ValidationError } from '@odkit/core';
import { demoCase as sharedDemo } from '@odkit/core/demo';
import { forgetDrafts, ownCase } from './support/own-case.js';
import '@odkit/elements/define.js';
import type { OdErrorEvent, OdProvider } from '@odkit/elements';
import { openSmartFhirStore } from '@odkit/fhir/smart';
import '@odkit/principles-checklist/define.js';
import type { OdPrinciplesChecklist } from '@odkit/principles-checklist';
import { create, fakeLaunch, seededPatient } from '../packages/fhir/test/smart-support.js';
import { guardConsole } from './support/console-guard.js';

// A case id of this file's own: checklists here keep drafts on the device, keyed by case (see own-case.ts).
const demoCase = ownCase(sharedDemo);
beforeEach(() => forgetDrafts(demoCase.id));

const inShadow = (host: Element, selector: string) => host.shadowRoot!.querySelector<HTMLElement>(selector);
const nameField = (el: Element) => inShadow(el, '#rater-name') as HTMLInputElement | null;

describe('the checklist’s rater is the signed-in user', () => {
  guardConsole();

  it('after a SMART launch, the launch’s user (fhirUser) rates: name and role shown, the name read-only and saved with the rating', async () => {
    const patientId = await seededPatient();
    const practitioner = await create({ resourceType: 'Practitioner', name: [{ text: 'Sam Okafor' }] });
    const role = await create({
      resourceType: 'PractitionerRole',
      practitioner: { reference: `Practitioner/${practitioner.id}` },
      code: [{ text: 'Family therapist' }],
    });
    const store = await openSmartFhirStore({}, fakeLaunch(patientId, `PractitionerRole/${role.id}`));
    const provider = await fixture<OdProvider>(html`<od-provider .store=${store}>
      <od-principles-checklist meeting-id="mt-13" instrument-id="od-seven-principles"></od-principles-checklist>
    </od-provider>`);
    const el = provider.querySelector<OdPrinciplesChecklist>('od-principles-checklist')!;
    await waitUntil(() => nameField(el), 'the checklist did not render', { timeout: 20_000 });
    expect(nameField(el)!.readOnly).to.equal(true);
    expect(nameField(el)!.value).to.equal('Sam Okafor');
    expect(inShadow(el, '#rater-name-hint')!.textContent).to.contain('Sam Okafor (Family therapist)');
    await expect(el).shadowDom.to.be.accessible();

    // A rating is saved under the signed-in user's name, with no name typed.
    const radio = el.shadowRoot!.querySelector<HTMLInputElement>('.scale input[type="radio"]:not(:checked)')!;
    radio.click();
    await waitUntil(
      () => store.snapshot!.record.assessments.some((a) => a.meetingId === 'mt-13' && a.rater.name === 'Sam Okafor'),
      'the rating was not saved under the signed-in name',
      { timeout: 20_000 },
    );
  });

  it('a host without SMART sets the rater; it wins over the store’s author, and shows in Welsh', async () => {
    const store = new MemoryStore(demoCase);
    store.author = { id: 'user-9', name: 'Author Name' };
    const provider = await fixture<OdProvider>(html`<od-provider locale="cy" .store=${store}>
      <od-principles-checklist meeting-id="mt-13" .rater=${{ id: 'staff-1', name: 'Nia Roberts' }}></od-principles-checklist>
    </od-provider>`);
    const el = provider.querySelector<OdPrinciplesChecklist>('od-principles-checklist')!;
    await waitUntil(() => nameField(el), 'the checklist did not render', { timeout: 20_000 });
    expect(nameField(el)!.value).to.equal('Nia Roberts');
    expect(nameField(el)!.readOnly).to.equal(true);
    expect(inShadow(el, '#rater-name-hint')!.textContent).to.contain('Rydych wedi mewngofnodi fel Nia Roberts');
    await expect(el).shadowDom.to.be.accessible();

    // Cleared: the store's author rates.
    el.rater = undefined;
    await waitUntil(() => nameField(el)?.value === 'Author Name', 'the store author did not take over', {
      timeout: 20_000,
    });
  });

  it('without a signed-in user the name is typed, as before', async () => {
    const el = await fixture<OdPrinciplesChecklist>(
      html`<od-principles-checklist .record=${demoCase} meeting-id="mt-13"></od-principles-checklist>`,
    );
    await waitUntil(() => nameField(el), 'the checklist did not render', { timeout: 20_000 });
    expect(nameField(el)!.readOnly).to.equal(false);
    expect(nameField(el)!.value).to.equal('');
  });

  it('an invalid rater is a ValidationError naming the field, never quoting it; the error state shows', async () => {
    const errors: OdErrorEvent[] = [];
    const el = await fixture<OdPrinciplesChecklist>(html`<od-principles-checklist
      .record=${demoCase}
      meeting-id="mt-13"
      .rater=${{ name: 'x'.repeat(201), role: 'Secret role text' }}
      @od-error=${(e: OdErrorEvent) => errors.push(e)}
    ></od-principles-checklist>`);
    await waitUntil(() => errors.length > 0, 'no od-error', { timeout: 20_000 });
    expect(errors[0]!.error).to.be.instanceOf(ValidationError);
    expect(errors[0]!.error.message).to.contain('name');
    expect(errors[0]!.error.message).not.to.contain('xxxx');
    for (const bad of [null, 'Nia', { name: '' }, { name: 'Nia', colour: 'red' }, { name: 'Nia', id: 5 }]) {
      errors.length = 0;
      el.rater = bad;
      await el.updateComplete;
      if (bad === null) expect(errors).to.have.length(0);
      else {
        await waitUntil(() => errors.length > 0, `no od-error for ${JSON.stringify(bad)}`, { timeout: 20_000 });
        expect(errors[0]!.error).to.be.instanceOf(ValidationError);
      }
    }
  });
});
