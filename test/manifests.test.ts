// The custom-elements manifests describe the public API: Storybook's controls, the React
// wrappers and hosts' editors read them. No private, protected or #private member may appear.
import { expect } from '@open-wc/testing';
import '@odkit/elements/define.js';
import '@odkit/network-map/define.js';
import '@odkit/meeting-timeline/define.js';
import '@odkit/principles-checklist/define.js';
import '@odkit/service-dashboard/define.js';

interface Member {
  name: string;
  privacy?: string;
  kind?: string;
  static?: boolean;
  readonly?: boolean;
}
interface Manifest {
  modules: { declarations?: { name: string; tagName?: string; members?: Member[] }[] }[];
}

const PACKAGES = ['elements', 'network-map', 'meeting-timeline', 'principles-checklist', 'service-dashboard', 'kit'];

async function elements(pkg: string) {
  const response = await fetch(`/packages/${pkg}/custom-elements.json`);
  expect(response.ok, `${pkg}/custom-elements.json (written by scripts/manifest.mjs)`).to.equal(true);
  const manifest = (await response.json()) as Manifest;
  return manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
}

describe('custom-elements manifests', () => {
  for (const pkg of PACKAGES) {
    it(`@odkit/${pkg} lists only public members`, async () => {
      const declared = await elements(pkg);
      expect(declared.length).to.be.greaterThan(0);
      for (const element of declared) {
        const hidden = (element.members ?? []).filter(
          (m) => m.privacy === 'private' || m.privacy === 'protected' || m.name.startsWith('#'),
        );
        expect(
          hidden.map((m) => m.name),
          element.name,
        ).to.deep.equal([]);
      }
    });
  }

  // Each widget declares its reactive properties in one static table, the doc comment on the field: a field left
  // out of the table would take a host's value and never render it.
  it('makes every public field a host can set reactive', async () => {
    // The checklist's form value is a getter and setter over the assessment shown, which is reactive itself.
    const accessors = new Set(['od-principles-checklist.value']);
    for (const pkg of PACKAGES.filter((p) => p !== 'kit')) {
      for (const element of await elements(pkg)) {
        const reactive = (
          customElements.get(element.tagName!) as unknown as { elementProperties: Map<string, unknown> }
        ).elementProperties;
        const settable = (element.members ?? []).filter((m) => m.kind === 'field' && !m.static && !m.readonly);
        expect(settable.length, element.tagName).to.be.greaterThan(0);
        const missing = settable.filter((m) => !reactive.has(m.name) && !accessors.has(`${element.tagName}.${m.name}`));
        expect(
          missing.map((m) => m.name),
          element.tagName,
        ).to.deep.equal([]);
      }
    }
  });

  it('keeps the public API a designer and a host use', async () => {
    const names = async (pkg: string, tag: string) =>
      ((await elements(pkg)).find((d) => d.tagName === tag)?.members ?? []).map((m) => m.name);
    expect(await names('network-map', 'od-network-map')).to.include.members([
      'record',
      'editable',
      'initialsOnly',
      'toSVG',
    ]);
    expect(await names('elements', 'od-provider')).to.include.members(['store', 'theme', 'syncStatus']);
    expect(await names('principles-checklist', 'od-principles-checklist')).to.include.members([
      'value',
      'checkValidity',
    ]);
    expect(await names('service-dashboard', 'od-service-dashboard')).to.include.members([
      'summary',
      'records',
      'team',
      'from',
      'to',
      'goals',
      'trendView',
    ]);
  });
});
