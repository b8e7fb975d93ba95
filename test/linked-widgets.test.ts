/**
 * Widgets cooperate only through the store and events (a component never imports
 * another): the map, the timeline and the checklist under one <od-provider>.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MemoryStore, sevenPrinciples, type NetworkMember } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import type { OdProvider } from '@odkit/elements';
import '@odkit/elements/define.js';
import '@odkit/meeting-timeline/define.js';
import '@odkit/network-map/define.js';
import '@odkit/principles-checklist/define.js';
import { sendKeys } from '@web/test-runner-commands';
import { DEMO_NOW } from './fixtures/index.js';
import { guardConsole } from './support/console-guard.js';
const inShadow = (host: Element, selector: string) => host.shadowRoot!.querySelector<HTMLElement>(selector);

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
    inShadow(timeline, '#meeting-mt-01')!.focus();
    await sendKeys({ press: 'Enter' });
    await timeline.updateComplete;
    const attendee = inShadow(timeline, '#details button.member[data-member="m-sarah"]')!;
    attendee.focus();
    await map.updateComplete;
    expect(inShadow(map, '.node.linked')?.dataset.key).to.equal('m-sarah');

    await sendKeys({ press: 'Escape' });
    await map.updateComplete;
    expect(inShadow(map, '.node.linked')).to.equal(null);
  });

  it('a member selected on the map by keyboard highlights their meetings in the timeline, in text, until the selection is cleared', async () => {
    const { store, map, timeline } = await page();
    const theirs = store
      .snapshot!.record.meetings.filter((m) => m.attendees.some((a) => a.memberId === 'm-sarah'))
      .map((m) => m.id);
    expect(theirs.length).to.be.greaterThan(0);
    const sarah = inShadow(map, '.node[data-key="m-sarah"]')!;
    sarah.focus();
    await sendKeys({ press: 'Enter' });
    await timeline.updateComplete;
    const highlighted = () =>
      [...timeline.shadowRoot!.querySelectorAll<HTMLElement>('.row--linked')].map((r) => r.dataset.id);
    expect(highlighted()).to.have.members(theirs);
    // Not colour alone: each highlighted meeting names the member in its text (and so in the button's name)...
    for (const id of theirs) expect(inShadow(timeline, `#meeting-${id}`)!.textContent).to.contain('With Sarah');
    // ...and the change is announced.
    expect(inShadow(timeline, '[role="status"]')!.textContent).to.match(
      new RegExp(`Sarah.*${theirs.length} meetings? highlighted`),
    );
    await expect(timeline).shadowDom.to.be.accessible();

    // Leaving the map keeps the selection pointed at.
    await sendKeys({ press: 'Tab' });
    await timeline.updateComplete;
    expect(highlighted()).to.have.members(theirs);

    // The attendance matrix highlights their row, with text.
    timeline.view = 'matrix';
    await timeline.updateComplete;
    const row = inShadow(timeline, 'tr.linked')!;
    expect(row.querySelector('[data-member]')!.getAttribute('data-member')).to.equal('m-sarah');
    expect(row.querySelector('th')!.textContent).to.contain('Selected');
    expect(timeline.shadowRoot!.querySelectorAll('tr.linked')).to.have.length(1);
    await expect(timeline).shadowDom.to.be.accessible();

    // Escape on the map clears the selection, and the highlight with it.
    inShadow(map, '.node[data-key="m-sarah"]')!.focus();
    await sendKeys({ press: 'Escape' });
    await timeline.updateComplete;
    expect(timeline.shadowRoot!.querySelectorAll('tr.linked')).to.have.length(0);
    timeline.view = 'list';
    await timeline.updateComplete;
    expect(highlighted()).to.have.length(0);
    expect(inShadow(timeline, '[role="status"]')!.textContent).to.contain('Highlight cleared');
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
    inShadow(map, '.node[data-key="m-sarah"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => inShadow(timeline, '.row--linked'), 'no meeting was highlighted');
    expect(inShadow(timeline, '.row--linked .tag--linked')!.textContent).to.contain('Gyda Sarah');
    expect(inShadow(timeline, '[role="status"]')!.textContent).to.contain('wedi’u hamlygu');
  });

  it('an edit through the store shows in both widgets', async () => {
    const { store, map, timeline } = await page();
    const sarah = store.snapshot!.record.members.find((m) => m.id === 'm-sarah') as NetworkMember;
    await store.apply({ type: 'member/update', member: { ...sarah, name: 'Sarah Lewis-Hart' } });
    await Promise.all([map.updateComplete, timeline.updateComplete]);
    expect(inShadow(map, '.node[data-key="m-sarah"]')!.getAttribute('aria-label')).to.contain('Sarah Lewis-Hart');
    inShadow(timeline, '#meeting-mt-01')!.click();
    await timeline.updateComplete;
    expect(inShadow(timeline, '#details button.member[data-member="m-sarah"]')!.textContent).to.contain(
      'Sarah Lewis-Hart',
    );
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
    const row = () => (inShadow(timeline, 'li[data-id="mt-13"]')?.textContent ?? '').replace(/\s+/g, ' ');
    await waitUntil(() => inShadow(timeline, 'li[data-id="mt-13"]'), 'the timeline shows mt-13');
    expect(row()).not.to.contain('The seven principles of Open Dialogue');

    // Every principle rated "Fully" (4 of 4) by clicking its label, then completed.
    await waitUntil(() => checklist.shadowRoot!.querySelector('input[type=radio]'), 'the checklist is ready');
    for (const item of sevenPrinciples.items) {
      const option = [...checklist.shadowRoot!.querySelectorAll<HTMLLabelElement>('label')].find(
        (l) => l.htmlFor.startsWith(`${item.id}--`) && l.textContent!.trim() === 'Fully',
      )!;
      option.click();
    }
    inShadow(checklist, 'button[data-action=complete]')!.click();
    await waitUntil(
      () => store.snapshot!.record.assessments.some((a) => a.meetingId === 'mt-13' && a.status === 'complete'),
      'the assessment is completed in the store',
    );
    await waitUntil(() => row().includes('The seven principles of Open Dialogue: fidelity 100%'), row());
  });
});
