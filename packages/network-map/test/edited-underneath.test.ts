// An open member form never loses what the person typed when the member changes underneath it: two "tabs"
// (two IndexedDbStores on one database, told of each other's writes by BroadcastChannel) and two FhirStore clients
// against the repo's FHIR engine. Fields the person had not touched take the other writer's values; where both
// changed a field, theirs is shown beside the person's own and nothing is saved until they choose.
import { expect, fixture, html } from '@open-wc/testing';
import { IndexedDbStore, type CaseRecord, type CaseStore, type NetworkMember } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import type { OdProvider } from '@odkit/elements';
import '@odkit/elements/define.js';
import '@odkit/network-map/define.js';
import { FhirStore } from '@odkit/fhir';
import { byRoleIn, text, until } from '../../../test/support/dom.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { expectFocused } from '../../../test/support/keyboard.js';
import { mapPage, type MapPage } from '../../../test/support/map-page.js';
import { demoFor, FHIR_URL, http, testAuthor, uniqueId } from '../../fhir/test/support.js';

const priyaIn = (record: CaseRecord) => record.members.find((m) => m.id === 'm-priya')!;

async function mapOver(store: CaseStore): Promise<MapPage> {
  const provider = await fixture<OdProvider>(
    html`<od-provider .store=${store}><od-network-map sectors editable></od-network-map></od-provider>`,
  );
  const el = provider.querySelector('od-network-map')!;
  await until(() => el.shownRecord, 'the record is shown');
  // And drawn: the picture is drawn once its size is measured (before the first paint).
  await el.updateComplete;
  return mapPage(el);
}

/** Opens the edit form on Priya Shah and types a new name, as a person would (without saving). */
async function typeNewName(page: MapPage, name: string): Promise<HTMLInputElement> {
  await page.focusMember('Priya Shah');
  page.detailsButton('Edit member').click();
  await page.el.updateComplete;
  const input = page.field('Name');
  input.value = name;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  return input;
}

/** What another writer saves: a new name (the person changed it too) and a new ring (the person did not). */
const theirChange = (priya: NetworkMember): NetworkMember => ({ ...priya, name: 'Priya Shah-Jones', ring: 3 });

describe('<od-network-map> member form, edited underneath', () => {
  guardConsole();

  async function twoTabs() {
    const where = { caseId: demoCase.id, databaseName: uniqueId('underneath') };
    const mine = await IndexedDbStore.open({ ...where, initial: demoCase });
    const theirs = await IndexedDbStore.open(where);
    return { mine, theirs, page: await mapOver(mine) };
  }

  it('keeps what was typed, takes their other fields, and asks which name to keep (another tab); passes axe', async () => {
    const { mine, theirs, page } = await twoTabs();
    const name = await typeNewName(page, 'Priya S.');
    await theirs.apply({ type: 'member/update', member: theirChange(priyaIn(theirs.snapshot!.record)) });

    await until(() => page.theirs().length === 1, 'their name is shown beside mine');
    expect(page.field('Name')).to.equal(name);
    expect(name.value).to.equal('Priya S.');
    expect(text(page.theirs()[0]!)).to.contain('They saved: Priya Shah-Jones');
    // The ring, which this person had not touched, now shows theirs.
    expect(page.field('Less close').checked).to.equal(true);
    expect(page.announcement()).to.equal(
      'Someone else saved a change while you were editing. 1 field needs your choice.',
    );
    await expect(page.el).to.be.accessible();

    // Saving before choosing is refused, and says where.
    page.form().requestSubmit();
    await until(() => page.errorSummaryItems().length, 'the error summary');
    expect(page.errorSummaryItems()).to.deep.equal(['Someone else changed this field: keep yours or use theirs']);
    expect(priyaIn(mine.snapshot!.record).name).to.equal('Priya Shah-Jones');
    await expect(page.el).to.be.accessible();

    byRoleIn(page.theirs()[0]!, 'button', 'Keep mine').click();
    await page.el.updateComplete;
    expectFocused(page.el, name);
    expect(page.theirs()).to.have.length(0);
    page.form().requestSubmit();
    await until(() => priyaIn(mine.snapshot!.record).name === 'Priya S.', 'my name is saved');
    // Their ring stays: my save did not put back the ring the form opened with.
    expect(priyaIn(mine.snapshot!.record).ring).to.equal(3);
    await until(() => priyaIn(theirs.snapshot!.record).name === 'Priya S.', 'the other tab hears of it');
    mine.close();
    theirs.close();
  });

  it('"Use theirs" puts their value in the field, and saving keeps it', async () => {
    const { mine, theirs, page } = await twoTabs();
    const name = await typeNewName(page, 'Priya S.');
    await theirs.apply({ type: 'member/update', member: theirChange(priyaIn(theirs.snapshot!.record)) });
    await until(() => page.theirs().length === 1, 'their name is shown beside mine');
    byRoleIn(page.theirs()[0]!, 'button', 'Use theirs').click();
    await page.el.updateComplete;
    expect(name.value).to.equal('Priya Shah-Jones');
    expectFocused(page.el, name);
    page.form().requestSubmit();
    await until(() => page.formOrNull() === null, 'the form closes once saved');
    expect(priyaIn(mine.snapshot!.record)).to.include({ name: 'Priya Shah-Jones', ring: 3 });
    mine.close();
    theirs.close();
  });

  it('a change to a field the person did not touch is taken quietly, with nothing to choose', async () => {
    const { mine, theirs, page } = await twoTabs();
    const name = await typeNewName(page, 'Priya S.');
    const priya = priyaIn(theirs.snapshot!.record);
    await theirs.apply({ type: 'member/update', member: { ...priya, status: 'past' } });
    await until(() => page.field<HTMLSelectElement>('Status').value === 'past', 'their status is in the form');
    expect(name.value).to.equal('Priya S.');
    expect(page.theirs()).to.have.length(0);
    page.form().requestSubmit();
    await until(() => priyaIn(mine.snapshot!.record).name === 'Priya S.', 'my name is saved');
    expect(priyaIn(mine.snapshot!.record).status).to.equal('past');
    mine.close();
    theirs.close();
  });

  it('the tie form too: a label both changed waits for a choice, their strength is taken', async () => {
    const { mine, theirs, page } = await twoTabs();
    await page.focusMember('Sarah Lewis');
    page.detailsButtons('Edit tie')[0]!.click();
    await page.el.updateComplete;
    const label = page.field('Label (optional)');
    const tie = theirs.snapshot!.record.ties.find((x) => (x.label ?? '') === label.value)!;
    label.value = 'Sees her every day';
    await theirs.apply({ type: 'tie/update', tie: { ...tie, label: 'Lives with her', strength: 'tenuous' } });

    await until(() => page.theirs().length === 1, 'their label is shown beside mine');
    expect(label.value).to.equal('Sees her every day');
    expect(text(page.theirs()[0]!)).to.contain('They saved: Lives with her');
    expect(page.field<HTMLSelectElement>('Strength').value).to.equal('tenuous');
    await expect(page.el).to.be.accessible();
    byRoleIn(page.theirs()[0]!, 'button', 'Keep mine').click();
    await page.el.updateComplete;
    page.form().requestSubmit();
    const saved = () => mine.snapshot!.record.ties.find((x) => x.id === tie.id)!;
    await until(() => saved().label === 'Sees her every day', 'my label is saved');
    expect(saved().strength).to.equal('tenuous');
    mine.close();
    theirs.close();
  });

  it('two FhirStore clients: a save refused with 412 keeps what was typed and shows their value beside it', async () => {
    const record = demoFor(uniqueId('pt'));
    const options = { baseUrl: FHIR_URL, patientId: record.person.id, http, author: testAuthor };
    const mine = await FhirStore.open({ ...options, initial: record });
    const theirs = await FhirStore.open(options);
    const page = await mapOver(mine);
    const name = await typeNewName(page, 'Priya S.');
    // Their client saves first; mine learns of it only when the server refuses my save (412).
    await theirs.apply({ type: 'member/update', member: theirChange(priyaIn(theirs.snapshot!.record)) });
    page.form().requestSubmit();

    await until(() => page.theirs().length === 1, 'their name is shown beside mine');
    expect(name.value).to.equal('Priya S.');
    expect(page.errorSummaryItems()).to.deep.equal(['Someone else changed this field: keep yours or use theirs']);
    await expect(page.el).to.be.accessible();
    byRoleIn(page.theirs()[0]!, 'button', 'Keep mine').click();
    await page.el.updateComplete;
    page.form().requestSubmit();
    await until(() => priyaIn(mine.snapshot!.record).name === 'Priya S.', 'my name is saved');
    const fresh = await FhirStore.open(options);
    expect(priyaIn(fresh.snapshot!.record)).to.include({ name: 'Priya S.', ring: 3 });
  });
});
