// The custom-elements manifests describe the public API: Storybook's controls, the React
// wrappers and hosts' editors read them. No private, protected or #private member may appear.
import { expect } from '@open-wc/testing';

interface Member {
  name: string;
  privacy?: string;
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
