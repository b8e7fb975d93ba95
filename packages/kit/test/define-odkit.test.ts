import { expect, fixture, html } from '@open-wc/testing';
import { demoCase } from '@odkit/core/demo';
import { VERSION } from '@odkit/elements';
import {
  MemoryStore,
  OdMeetingTimeline,
  OdNetworkMap,
  OdPrinciplesChecklist,
  OdProvider,
  OdServiceDashboard,
  defineOdkit,
} from '@odkit/kit';
import { guardConsole } from '../../../test/support/console-guard.js';

const TAGS = ['provider', 'network-map', 'meeting-timeline', 'principles-checklist', 'service-dashboard'] as const;
const CLASSES = {
  provider: OdProvider,
  'network-map': OdNetworkMap,
  'meeting-timeline': OdMeetingTimeline,
  'principles-checklist': OdPrinciplesChecklist,
  'service-dashboard': OdServiceDashboard,
};

describe('defineOdkit', () => {
  const console = guardConsole();

  it('registers the od-* tags by default and returns them', () => {
    const tags = defineOdkit();
    expect(tags).to.deep.equal({
      provider: 'od-provider',
      'network-map': 'od-network-map',
      'meeting-timeline': 'od-meeting-timeline',
      'principles-checklist': 'od-principles-checklist',
      'service-dashboard': 'od-service-dashboard',
    });
    for (const name of TAGS) expect(customElements.get(`od-${name}`), name).to.equal(CLASSES[name]);
  });

  it('registers every element under a prefix, as working widgets of this version', async () => {
    defineOdkit();
    const tags = defineOdkit({ prefix: 'acme-od' });
    expect(tags.provider).to.equal('acme-od-provider');
    for (const name of TAGS) {
      const ctor = customElements.get(`acme-od-${name}`) as CustomElementConstructor & { kitVersion: string };
      // One constructor per tag: under a second tag the platform needs a subclass.
      expect(ctor.prototype, name).to.be.instanceOf(CLASSES[name]);
      expect(ctor.kitVersion).to.equal(VERSION);
    }
    const provider =
      await fixture<OdProvider>(html`<acme-od-provider .store=${new MemoryStore(structuredClone(demoCase))}>
      <acme-od-network-map></acme-od-network-map>
    </acme-od-provider>`);
    const map = provider.querySelector<OdNetworkMap>('acme-od-network-map')!;
    await map.updateComplete;
    expect(map.shadowRoot!.querySelectorAll('.nodes .node').length).to.equal(demoCase.members.length + 1);
  });

  it('defines into the registry it is given', () => {
    const registry = new CustomElementRegistry();
    defineOdkit({ prefix: 'scoped-od', registry });
    expect(registry.get('scoped-od-network-map')).to.not.equal(undefined);
    expect(customElements.get('scoped-od-network-map')).to.equal(undefined);
  });

  it('rejects a prefix that cannot make a custom element name, with a TypeError naming the rule', () => {
    for (const prefix of ['', 'Acme', '1od', '-od', 'od-', 'a b', 'od<x', 'ód', 7, null]) {
      expect(() => defineOdkit({ prefix: prefix as string }), String(prefix)).to.throw(
        TypeError,
        /defineOdkit\(\{ prefix \}\) must be lowercase ASCII letters, digits, "\.", "_" or "-", starting with a letter and not ending with "-"/,
      );
    }
    expect(customElements.get('Acme-network-map')).to.equal(undefined);
  });

  it('is silent when called again (a host loading the kit twice)', () => {
    defineOdkit();
    defineOdkit();
    defineOdkit({ prefix: 'again-od' });
    expect(() => defineOdkit({ prefix: 'again-od' })).not.to.throw();
    // guardConsole fails the test on any warning.
  });

  it('warns, naming both versions, when a tag is taken by another kit version, and keeps the first', () => {
    class OtherVersion extends HTMLElement {
      static kitVersion = '0.0.1-other';
    }
    customElements.define('old-od-network-map', OtherVersion);
    console.expectWarning(
      new RegExp(
        `<old-od-network-map> is already registered by version 0\\.0\\.1-other; version ${VERSION.replace(/\./g, '\\.')} was not registered`,
      ),
    );
    const tags = defineOdkit({ prefix: 'old-od' });
    expect(tags['network-map']).to.equal('old-od-network-map');
    expect(customElements.get('old-od-network-map')).to.equal(OtherVersion);
    // The other tags were free and are this version's.
    expect((customElements.get('old-od-provider') as unknown as { kitVersion: string }).kitVersion).to.equal(VERSION);
  });
});
