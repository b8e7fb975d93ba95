/**
 * Widgets cooperate only through the store and events (a component never imports
 * another): the map, the timeline and the checklist under one <od-provider>.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { localise, MemoryStore, sevenPrinciples, type NetworkMember } from '@odkit/core';
import { demoCase as sharedDemo } from '@odkit/core/demo';
import { forgetDrafts, ownCase } from './support/own-case.js';
import type { OdProvider } from '@odkit/elements';
import '@odkit/elements/define.js';
import '@odkit/meeting-timeline/define.js';
import '@odkit/network-map/define.js';
import '@odkit/principles-checklist/define.js';
import { sendKeys } from '@web/test-runner-commands';
import { DEMO_NOW } from './fixtures/index.js';
import { guardConsole } from './support/console-guard.js';
import { text, until } from './support/dom.js';
import { mapPage } from './support/map-page.js';
import { PrinciplesChecklistPage } from './support/principles-checklist-page.js';
import { timelinePage } from './support/timeline-page.js';

// A case id of this file's own: checklists here keep drafts on the device, keyed by case (see own-case.ts).
const demoCase = ownCase(sharedDemo);
beforeEach(() => forgetDrafts(demoCase.id));

async function page() {
  const store = new MemoryStore(demoCase);
  const provider = await fixture<OdProvider>(html`<od-provider .store=${store}>
    <od-network-map sectors></od-network-map>
    <od-meeting-timeline as-of=${DEMO_NOW}></od-meeting-timeline>
  </od-provider>`);
  const map = provider.querySelector('od-network-map')!;
  const timeline = provider.querySelector('od-meeting-timeline')!;
  await Promise.all([map.updateComplete, timeline.updateComplete]);
  return { store, map, timeline };
}

describe('map and timeline under one provider', () => {
  guardConsole();

  it('an attendee focused in the timeline is ringed on the map, and let go when focus leaves', async () => {
    const { map, timeline } = await page();
    const tl = timelinePage(timeline);
    tl.meeting('mt-01').focus();
    await sendKeys({ press: 'Enter' });
    await timeline.updateComplete;
    tl.detailsButton(/^Sarah Lewis/).focus();
    await map.updateComplete;
    expect(mapPage(map).linkedKeys()).to.deep.equal(['m-sarah']);

    await sendKeys({ press: 'Escape' });
    await map.updateComplete;
    expect(mapPage(map).linkedKeys()).to.deep.equal([]);
  });

  it('a member selected on the map by keyboard highlights their meetings in the timeline, in text, until the selection is cleared', async () => {
    const { store, map, timeline } = await page();
    const theirs = store
      .snapshot!.record.meetings.filter((m) => m.attendees.some((a) => a.memberId === 'm-sarah'))
      .map((m) => m.id);
    expect(theirs.length).to.be.greaterThan(0);
    const tl = timelinePage(timeline);
    mapPage(map).member('Sarah Lewis').focus();
    await sendKeys({ press: 'Enter' });
    await timeline.updateComplete;
    const highlighted = () => tl.highlightedIds();
    expect(highlighted()).to.have.members(theirs);
    // Not colour alone: each highlighted meeting names the member in its text (and so in the button's name)...
    for (const id of theirs) expect(tl.meeting(id).textContent).to.contain('With Sarah');
    // ...and the change is announced.
    expect(tl.announcement()).to.match(new RegExp(`Sarah.*${theirs.length} meetings? highlighted`));
    await expect(timeline).shadowDom.to.be.accessible();

    // Leaving the map keeps the selection pointed at.
    await sendKeys({ press: 'Tab' });
    await timeline.updateComplete;
    expect(highlighted()).to.have.members(theirs);

    // The attendance matrix highlights their row, with text.
    timeline.view = 'matrix';
    await timeline.updateComplete;
    const rows = tl.highlightedMatrixRows();
    expect(rows).to.have.length(1);
    expect(rows[0]!.querySelector('th')!.textContent).to.contain('Sarah Lewis').and.contain('Selected');
    await expect(timeline).shadowDom.to.be.accessible();

    // Escape on the map clears the selection, and the highlight with it.
    mapPage(map).member('Sarah Lewis').focus();
    await sendKeys({ press: 'Escape' });
    await timeline.updateComplete;
    expect(tl.highlightedMatrixRows()).to.have.length(0);
    timeline.view = 'list';
    await timeline.updateComplete;
    expect(highlighted()).to.have.length(0);
    expect(tl.announcement()).to.contain('Highlight cleared');
  });

  it('the highlight is in Welsh under a Welsh provider', async () => {
    const store = new MemoryStore(demoCase);
    const provider = await fixture<OdProvider>(html`<od-provider locale="cy" .store=${store}>
      <od-network-map></od-network-map>
      <od-meeting-timeline as-of=${DEMO_NOW}></od-meeting-timeline>
    </od-provider>`);
    const map = provider.querySelector('od-network-map')!;
    const timeline = provider.querySelector('od-meeting-timeline')!;
    await Promise.all([map.updateComplete, timeline.updateComplete]);
    const tl = timelinePage(timeline);
    mapPage(map).member('Sarah Lewis').focus();
    await sendKeys({ press: 'Enter' });
    const first = await until(() => tl.highlightedIds()[0], 'a highlighted meeting');
    expect(tl.meeting(first).textContent).to.contain('Gyda Sarah');
    expect(tl.announcement()).to.contain('wedi’u hamlygu');
  });

  it('an edit through the store shows in both widgets', async () => {
    const { store, map, timeline } = await page();
    const sarah = store.snapshot!.record.members.find((m) => m.id === 'm-sarah') as NetworkMember;
    await store.apply({ type: 'member/update', member: { ...sarah, name: 'Sarah Lewis-Hart' } });
    await Promise.all([map.updateComplete, timeline.updateComplete]);
    expect(mapPage(map).memberOrNull('Sarah Lewis-Hart')).not.to.equal(null);
    const tl = timelinePage(timeline);
    tl.meeting('mt-01').click();
    await timeline.updateComplete;
    expect(text(tl.detailsButton(/^Sarah Lewis-Hart/))).to.contain('Sarah Lewis-Hart');
  });
});

describe('checklist and timeline under one provider', () => {
  guardConsole();

  it('a seven-principles assessment completed in the checklist shows in the timeline with the default settings', async () => {
    const store = new MemoryStore(demoCase);
    const provider = await fixture<OdProvider>(html`<od-provider .store=${store}>
      <od-principles-checklist meeting-id="mt-13" rater-name="Jo Whitfield"></od-principles-checklist>
      <od-meeting-timeline as-of=${DEMO_NOW}></od-meeting-timeline>
    </od-provider>`);
    const checklist = provider.querySelector('od-principles-checklist')!;
    const timeline = provider.querySelector('od-meeting-timeline')!;
    const tl = timelinePage(timeline);
    const row = () => text(tl.row('mt-13'));
    await until(() => row(), 'the timeline shows mt-13');
    expect(row()).not.to.contain('The seven principles of Open Dialogue');

    // Every principle rated "Fully" (4 of 4), then completed.
    const form = new PrinciplesChecklistPage(checklist);
    await until(() => form.items.length === sevenPrinciples.items.length, 'the checklist is ready');
    for (const item of sevenPrinciples.items) form.choice(localise(item.title, 'en-GB'), 'Fully').click();
    form.actionButton.click();
    await until(
      () => store.snapshot!.record.assessments.some((a) => a.meetingId === 'mt-13' && a.status === 'complete'),
      'the assessment is completed in the store',
    );
    await until(
      () => row().includes('The seven principles of Open Dialogue: fidelity 100%'),
      'the score in the timeline',
    );
  });
});
