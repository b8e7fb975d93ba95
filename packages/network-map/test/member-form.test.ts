// Every field of a network member can be set from the map's form, by keyboard, and reaches FHIR: the coded
// relationship (a searchable list of the kit's codes, free text still allowed), organisation, how critical, how often
// in contact, known since, who it is hidden from and notes.
import { expect, fixture, html } from '@open-wc/testing';
import { applyChange, isValidNhsNumber, parseCaseRecord, TEXT_LIMITS, ValidationError } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { formErrorsFrom, type OdProvider } from '@odkit/elements';
import '@odkit/elements/define.js';
import '@odkit/network-map/define.js';
import { RELATIONSHIP_CODES } from '../src/internal/relationships.js';
import { memberFieldFor } from '../src/internal/member-form.js';
import { personFieldFor } from '../src/internal/person-form.js';
import { tieFieldFor } from '../src/internal/tie-form.js';
import { FhirStore, KIT_RELATIONSHIPS, V3_RELATIONSHIPS } from '@odkit/fhir';
import { sendKeys } from '@web/test-runner-commands';
import { until } from '../../../test/support/dom.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { mapPage } from '../../../test/support/map-page.js';
import { demoFor, FHIR_URL, http, testAuthor, uniqueId } from '../../fhir/test/support.js';

/** Replaces what a text box holds by keyboard (its text selected, deleted, then typed). */
async function typeInto(control: HTMLInputElement | HTMLTextAreaElement, text: string): Promise<void> {
  control.focus();
  control.select();
  await sendKeys({ press: 'Backspace' });
  if (text) await sendKeys({ type: text });
}

/** Chooses an option of a select by keyboard: focus, then type its label's start (as a person does). */
async function choose(select: HTMLSelectElement, label: string): Promise<void> {
  select.focus();
  await sendKeys({ type: label });
  await until(() => select.selectedOptions[0]?.textContent?.trim() === label, `"${label}" is chosen`);
}

/** An editable map over a FhirStore seeded with the demo case for a new patient on the repo's FHIR engine. */
async function overFhir() {
  const record = demoFor(uniqueId('pt'));
  const options = { baseUrl: FHIR_URL, patientId: record.person.id, http, author: testAuthor };
  const store = await FhirStore.open({ ...options, initial: record });
  const provider = await fixture<OdProvider>(
    html`<od-provider .store=${store}><od-network-map sectors editable></od-network-map></od-provider>`,
  );
  const el = provider.querySelector('od-network-map')!;
  await until(() => el.shownRecord, 'the record is shown');
  // And drawn: the picture is drawn once its size is measured (before the first paint).
  await el.updateComplete;
  return { page: mapPage(el), store, options, record };
}

/** Priya Shah's member form open on an editable map over FHIR; `part` is a date input's field by its id. */
async function editingPriya() {
  const { page, options } = await overFhir();
  const part = (id: string) => page.el.shadowRoot!.getElementById(id) as HTMLInputElement;
  await page.focusMember('Priya Shah');
  page.detailsButton('Edit member').click();
  await page.el.updateComplete;
  return { page, options, part };
}

describe('<od-network-map> member form: every field', () => {
  guardConsole();

  it('puts what core refuses in a member, the person or a tie at the field it concerns', () => {
    const record = parseCaseRecord(structuredClone(demoCase));
    /** The issues core finds with `change` to the demo case, by the form field each is put at. */
    const fieldsOf = (change: unknown, fieldFor: (path: readonly (string | number)[]) => string | undefined) => {
      try {
        applyChange(record, change);
      } catch (error) {
        if (error instanceof ValidationError) return formErrorsFrom(error, fieldFor, 'Not saved').map((e) => e.field);
        throw error;
      }
      throw new Error(`core took ${JSON.stringify(change)}`);
    };
    const long = 'x'.repeat(TEXT_LIMITS.short + 1);
    const member = record.members[0]!;
    const tie = record.ties[0]!;
    expect(fieldsOf({ type: 'member/update', member: { ...member, name: long } }, memberFieldFor)).to.deep.equal([
      'member-name',
    ]);
    expect(
      fieldsOf({ type: 'member/update', member: { ...member, knownSince: '2026-02-30' } }, memberFieldFor),
    ).to.deep.equal(['member-known-since']);
    expect(
      fieldsOf({ type: 'person/update', person: { ...record.person, nhsNumber: '9434765918' } }, personFieldFor),
    ).to.deep.equal(['person-nhs-number']);
    expect(fieldsOf({ type: 'tie/update', tie: { ...tie, label: long } }, tieFieldFor)).to.deep.equal(['tie-label']);
    // The record's own check, after the change (someone removed the member meanwhile): its path is the record's.
    expect(fieldsOf({ type: 'tie/update', tie: { ...tie, to: 'm-nobody' } }, tieFieldFor)).to.deep.equal(['tie-to']);
  });

  it('offers only codes the FHIR mapping declares', () => {
    const declared = new Set([...V3_RELATIONSHIPS, ...KIT_RELATIONSHIPS.map(([code]) => code)]);
    expect(RELATIONSHIP_CODES.filter((code) => !declared.has(code))).to.deep.equal([]);
  });

  it('fills every field by keyboard; a fresh FhirStore reads the member back whole; passes axe', async () => {
    const { page, options } = await overFhir();
    page.toolbarButton('Add a member').focus();
    await sendKeys({ press: 'Enter' });
    await page.el.updateComplete;
    await typeInto(page.field('Name'), 'Mererid Hughes');
    await typeInto(page.field('Type of relationship'), 'grandmother (mother’s side)');
    await typeInto(page.field('Relationship to the person'), 'Nain');
    await typeInto(page.field('Organisation or team (optional)'), 'Capel Bethel');
    await choose(page.field<HTMLSelectElement>('How often they are critical of the person (optional)'), 'Hardly ever');
    await choose(page.field<HTMLSelectElement>('How often they are in contact (optional)'), 'Weekly');
    await typeInto(page.field('Known since (optional)'), '1998');
    await typeInto(page.field('Hidden from (optional)'), 'family, school');
    await typeInto(page.field<HTMLTextAreaElement>('Notes (optional)'), 'Speaks Welsh at home.');
    await expect(page.el).to.be.accessible();
    page.field('Name').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => page.formOrNull() === null, 'the form closes once saved');

    const fresh = await FhirStore.open(options);
    const saved = fresh.snapshot!.record.members.find((m) => m.name === 'Mererid Hughes')!;
    expect(saved).to.deep.include({
      relationship: { code: 'MGRMTH', text: 'Nain' },
      organisation: 'Capel Bethel',
      critical: 'hardly-ever',
      contactFrequency: 'weekly',
      knownSince: '1998',
      hiddenFrom: ['family', 'school'],
      notes: 'Speaks Welsh at home.',
    });
  });

  it('clears optional fields a person empties, and names each field that is wrong', async () => {
    const { page, options } = await overFhir();
    await page.focusMember('Sarah Lewis');
    page.detailsButton('Edit member').click();
    await page.el.updateComplete;
    expect(page.field('Type of relationship').value).to.equal('Mother');
    await typeInto(page.field('Type of relationship'), 'second cousin');
    await typeInto(page.field('Known since (optional)'), 'last spring');
    await typeInto(page.field('Hidden from (optional)'), 'family & friends');
    page.form().requestSubmit();
    await until(() => page.errorSummaryItems().length === 3, 'three problems listed');
    expect(page.errorSummaryItems()).to.deep.equal([
      'Choose a type of relationship from the list, or leave it empty and describe it below',
      'Enter a year, or a year and month, such as 2013 or 2013-09',
      'Each audience must be 1 to 64 letters, digits, hyphens or full stops',
    ]);
    await expect(page.el).to.be.accessible();

    await typeInto(page.field('Type of relationship'), '');
    await typeInto(page.field('Known since (optional)'), '');
    await typeInto(page.field('Hidden from (optional)'), '');
    await typeInto(page.field<HTMLTextAreaElement>('Notes (optional)'), '');
    page.form().requestSubmit();
    await until(() => page.formOrNull() === null, 'the form closes once saved');
    const sarah = (await FhirStore.open(options)).snapshot!.record.members.find((m) => m.id === 'm-sarah')!;
    expect(sarah.relationship).to.deep.equal({ text: 'Mum' });
    expect(sarah).to.not.have.any.keys('knownSince', 'notes');
    expect(sarah.hiddenFrom).to.deep.equal([]);
  });

  it('dates membership with GOV.UK date inputs; marking someone no longer in touch dates it today', async () => {
    const { page, options, part } = await editingPriya();
    await typeInto(part('member-since-day'), '1');
    await typeInto(part('member-since-month'), '9');
    await typeInto(part('member-since-year'), '2013');
    await typeInto(part('member-until-day'), '1');
    await typeInto(part('member-until-month'), '9');
    await typeInto(part('member-until-year'), '2012');
    page.form().requestSubmit();
    await until(() => page.errorSummaryItems().length === 1, 'the dates refused');
    expect(page.errorSummaryItems()).to.deep.equal([
      'The date they left must be the same as or after the date they joined',
    ]);
    await expect(page.el).to.be.accessible();
    for (const id of ['member-until-day', 'member-until-month', 'member-until-year']) await typeInto(part(id), '');
    await choose(page.field<HTMLSelectElement>('Status'), 'No longer in touch');
    page.form().requestSubmit();
    await until(() => page.formOrNull() === null, 'the form closes once saved');
    const priya = (await FhirStore.open(options)).snapshot!.record.members.find((m) => m.id === 'm-priya')!;
    // Today in the map's time zone (Europe/London, the default), the zone `as-of` is read in.
    const today = new Date().toLocaleDateString('sv', { timeZone: 'Europe/London' });
    expect(priya).to.deep.include({ status: 'past', since: '2013-09-01', until: today });
  });

  it('says which part of a membership date is missing, and saves nothing', async () => {
    const { page, options, part } = await editingPriya();
    await typeInto(part('member-since-day'), '1');
    await typeInto(part('member-since-year'), '2013');
    page.form().requestSubmit();
    await until(() => page.errorSummaryItems().length === 1, 'the date refused');
    expect(page.errorSummaryItems()).to.deep.equal(['The date they joined the network must include a month']);
    expect(part('member-since-month').getAttribute('aria-invalid')).to.equal('true');
    expect(part('member-since-day').getAttribute('aria-invalid')).to.equal(null);
    const priya = (await FhirStore.open(options)).snapshot!.record.members.find((m) => m.id === 'm-priya')!;
    expect(priya).not.to.have.property('since');
  });

  it('reads in Welsh: the Welsh label chooses the same code', async () => {
    const { page, options } = await overFhir();
    page.el.setAttribute('lang', 'cy');
    // The Welsh strings are fetched on the way (a render waits for them).
    await until(() => page.toolbarButtons().includes('Chwyddo i mewn'), 'the map shown in Welsh');
    await page.focusMember('Sarah Lewis');
    page.detailsButton('Golygu aelod').click();
    await page.el.updateComplete;
    expect(page.field('Math o berthynas').value).to.equal('Mam');
    await typeInto(page.field('Math o berthynas'), 'Llysfam');
    page.form().requestSubmit();
    await until(() => page.formOrNull() === null, 'the form closes once saved');
    const sarah = (await FhirStore.open(options)).snapshot!.record.members.find((m) => m.id === 'm-sarah')!;
    expect(sarah.relationship.code).to.equal('STPMTH');
  });
});

describe('<od-network-map> person form (the centre of the map)', () => {
  guardConsole();

  it('edits the person by keyboard from the centre, checks the NHS number, and FHIR has it; passes axe', async () => {
    const { page, options, record } = await overFhir();
    await page.focusNode(page.person());
    page.detailsButton('Edit the person’s details').focus();
    await sendKeys({ press: 'Enter' });
    await page.el.updateComplete;
    const name = page.field('Name');
    expect(name.value).to.equal(record.person.name);
    expect(page.field('NHS number (optional)').value).to.equal(record.person.nhsNumber);

    expect(isValidNhsNumber('1234567890')).to.equal(false);
    await typeInto(page.field('NHS number (optional)'), '123 456 7890');
    await typeInto(page.field('Preferred language (optional)'), 'Welsh');
    page.form().requestSubmit();
    await until(() => page.errorSummaryItems().length === 2, 'two problems listed');
    expect(page.errorSummaryItems()).to.deep.equal([
      'Enter a valid NHS number: 10 digits, for example 999 123 4567',
      'Enter a language tag, such as cy or en-GB',
    ]);
    await expect(page.el).to.be.accessible();

    const part = (id: string) => page.el.shadowRoot!.getElementById(id) as HTMLInputElement;
    await typeInto(part('person-birth-date-day'), '14');
    await typeInto(part('person-birth-date-month'), '2');
    await typeInto(part('person-birth-date-year'), '2004');
    await typeInto(page.field('NHS number (optional)'), '999 218 5635');
    await typeInto(page.field('Preferred language (optional)'), 'cy');
    await typeInto(page.field('Pronouns (optional)'), 'she/her');
    await typeInto(name, 'Maya L.');
    await sendKeys({ press: 'Enter' });
    await until(() => page.formOrNull() === null, 'the form closes once saved');
    const person = (await FhirStore.open(options)).snapshot!.record.person;
    expect(person).to.deep.include({
      name: 'Maya L.',
      nhsNumber: '9992185635',
      preferredLanguage: 'cy',
      pronouns: 'she/her',
      birthDate: '2004-02-14',
    });
  });

  it('keeps the name being typed when another widget saves the person, and takes their other change', async () => {
    const { page, store } = await overFhir();
    await page.focusNode(page.person());
    page.detailsButton('Edit the person’s details').click();
    await page.el.updateComplete;
    await typeInto(page.field('Name'), 'Maya L.');
    await store.apply({ type: 'person/update', person: { ...store.snapshot!.record.person, pronouns: 'they/them' } });
    await until(() => page.field('Pronouns (optional)').value === 'they/them', 'their pronouns are in the form');
    expect(page.field('Name').value).to.equal('Maya L.');
    expect(page.theirs()).to.have.length(0);
  });
});
