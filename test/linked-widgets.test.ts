/**
 * Widgets cooperate only through the store and events (a component never imports
 * another): the map and the timeline under one <od-provider>.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { MemoryStore, type NetworkMember } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import type { OdProvider } from '@odkit/elements';
import '@odkit/elements/define.js';
import '@odkit/meeting-timeline/define.js';
import '@odkit/network-map/define.js';
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

  it('an edit through the store shows in both widgets', async () => {
    const { store, map, timeline } = await page();
    const sarah = store.snapshot!.record.members.find((m) => m.id === 'm-sarah') as NetworkMember;
    await store.apply({ type: 'member/update', member: { ...sarah, name: 'Sarah Lewis-Hart' } });
    await Promise.all([map.updateComplete, timeline.updateComplete]);
    expect(inShadow(map, '.node[data-key="m-sarah"]')!.getAttribute('aria-label')).to.contain('Sarah Lewis-Hart');
    inShadow(timeline, '#meeting-mt-01')!.click();
    await timeline.updateComplete;
    expect(inShadow(timeline, '#details button.member[data-member="m-sarah"]')!.textContent).to.contain('Sarah Lewis-Hart');
  });
});
