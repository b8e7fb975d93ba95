import { expect, waitUntil } from '@open-wc/testing';
import { demoCase } from '@odkit/core/demo';
import { MemoryStore } from '@odkit/core';
import type { OdMeetingTimeline, OdNetworkMap, OdProvider } from '@odkit/kit';
import { defineOdkit, loadOdkit } from '../src/lazy-define.js';
import { guardConsole } from '../../../test/support/console-guard.js';

// The chunked bundle's registration (dist/odkit.js): the provider at once, each widget when
// its tag first appears. Each test uses a prefix of its own, since registrations are forever.
describe('defineOdkit in the chunked bundle (registration on first use)', () => {
  guardConsole();

  it('registers the provider at once and a widget only once its tag is in the document', async () => {
    const tags = defineOdkit({ prefix: 'lazy-a' });
    expect(tags).to.deep.equal({
      provider: 'lazy-a-provider',
      'network-map': 'lazy-a-network-map',
      'meeting-timeline': 'lazy-a-meeting-timeline',
      'principles-checklist': 'lazy-a-principles-checklist',
      'service-dashboard': 'lazy-a-service-dashboard',
    });
    expect(customElements.get('lazy-a-provider')).to.not.equal(undefined);
    expect(customElements.get('lazy-a-network-map')).to.equal(undefined);

    // As a host writes it: data set before the element is registered is kept.
    const provider = document.createElement('lazy-a-provider') as OdProvider;
    provider.store = new MemoryStore(structuredClone(demoCase));
    const map = document.createElement('lazy-a-network-map') as OdNetworkMap;
    map.sectors = true;
    provider.append(map);
    document.body.append(provider);
    try {
      await customElements.whenDefined('lazy-a-network-map');
      await waitUntil(
        () => map.shadowRoot?.querySelectorAll('.nodes .node').length === demoCase.members.length + 1,
        'the map renders the provider’s case',
        { timeout: 20_000 },
      );
      expect(map.sectors).to.equal(true);
      // Only what was used: the other widgets are still unregistered.
      expect(customElements.get('lazy-a-meeting-timeline')).to.equal(undefined);
      expect(customElements.get('lazy-a-principles-checklist')).to.equal(undefined);
    } finally {
      provider.remove();
    }
  });

  it('finds a widget already in the document when it is called', async () => {
    const timeline = document.createElement('lazy-b-meeting-timeline') as OdMeetingTimeline;
    timeline.record = structuredClone(demoCase);
    const wrapper = document.createElement('div');
    wrapper.append(timeline);
    document.body.append(wrapper);
    try {
      defineOdkit({ prefix: 'lazy-b' });
      await customElements.whenDefined('lazy-b-meeting-timeline');
      await timeline.updateComplete;
      expect(timeline.shadowRoot!.textContent).to.contain('Maya');
    } finally {
      wrapper.remove();
    }
  });

  it('loadOdkit registers widgets the document cannot see (inside a shadow root)', async () => {
    defineOdkit({ prefix: 'lazy-c' });
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    const checklist = document.createElement('lazy-c-principles-checklist');
    root.append(checklist);
    document.body.append(host);
    try {
      // The document's observer does not see into the shadow root...
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(customElements.get('lazy-c-principles-checklist')).to.equal(undefined);
      // ...loadOdkit fetches and registers it.
      await loadOdkit(['principles-checklist'], { prefix: 'lazy-c' });
      expect(customElements.get('lazy-c-principles-checklist')).to.not.equal(undefined);
      expect(checklist.shadowRoot).to.not.equal(null);
      expect(customElements.get('lazy-c-network-map')).to.equal(undefined);
      // Asking again, or for widgets already loaded, resolves at once.
      await loadOdkit(['principles-checklist'], { prefix: 'lazy-c' });
    } finally {
      host.remove();
    }
  });

  it('refuses a bad prefix with a clear TypeError', () => {
    expect(() => defineOdkit({ prefix: 'Bad Prefix' })).to.throw(TypeError, /lowercase ASCII/);
    expect(() => defineOdkit({ prefix: 'od-' })).to.throw(TypeError, /not ending with "-"/);
  });
});
