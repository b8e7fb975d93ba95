/**
 * docs/api.md's table holds the whole public API, and the API keeps the shared vocabulary:
 * read from the kit's custom-elements manifest (what Storybook, the React wrappers and hosts'
 * editors read), so a new attribute, event, part, slot or token cannot ship undocumented.
 */
import { expect } from '@open-wc/testing';

interface Named {
  name: string;
  description?: string;
}
interface Declaration {
  tagName?: string;
  attributes?: Named[];
  events?: Named[];
  cssParts?: Named[];
  slots?: Named[];
  cssProperties?: Named[];
}
interface Manifest {
  modules: { declarations?: Declaration[] }[];
}

async function elements(): Promise<Declaration[]> {
  const response = await fetch('/packages/kit/custom-elements.json');
  expect(response.ok, 'packages/kit/custom-elements.json (written by scripts/manifest.mjs)').to.equal(true);
  const manifest = (await response.json()) as Manifest;
  return manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
}

async function apiRows(): Promise<Map<string, string>> {
  const response = await fetch('/docs/api.md');
  expect(response.ok, 'docs/api.md').to.equal(true);
  const rows = new Map<string, string>();
  for (const line of (await response.text()).split('\n')) {
    const tag = /^\| `<(od-[a-z-]+)>`/.exec(line)?.[1];
    if (tag) rows.set(tag, line);
  }
  return rows;
}

describe('docs/api.md and the shared vocabulary', () => {
  it('lists every element with each attribute, event, part, slot and token the manifest gives it', async () => {
    const rows = await apiRows();
    const declared = await elements();
    expect(declared.length).to.be.greaterThan(4);
    const missing: string[] = [];
    for (const element of declared) {
      const tag = element.tagName!;
      const row = rows.get(tag);
      if (!row) {
        missing.push(`<${tag}>: no row`);
        continue;
      }
      const named = [
        ...(element.attributes ?? []),
        ...(element.events ?? []),
        ...(element.cssParts ?? []),
        ...(element.slots ?? []).filter((s) => s.name),
        ...(element.cssProperties ?? []).filter((p) => !p.name.startsWith('--od-sys-')),
      ];
      for (const { name } of named) if (!row.includes(`\`${name}\``)) missing.push(`<${tag}>: ${name}`);
    }
    expect(missing).to.deep.equal([]);
  });

  it('gives every widget a base part and names its component tokens after its tag', async () => {
    for (const element of await elements()) {
      const tag = element.tagName!;
      if (tag === 'od-provider') continue; // draws nothing (display: contents)
      expect(
        (element.cssParts ?? []).map((p) => p.name),
        tag,
      ).to.include('base');
      for (const { name } of element.cssProperties ?? []) expect(name, tag).to.match(new RegExp(`^--${tag}-`));
    }
  });

  it('says the same about od-change on every widget: an edit to the record without a store, not a value change', async () => {
    const said = new Set<string>();
    for (const element of await elements()) {
      const odChange = (element.events ?? []).find((e) => e.name === 'od-change');
      if (odChange) said.add((odChange.description ?? '').replace(/ Not "the value changed".*$/, ''));
    }
    expect([...said]).to.have.length(1);
    expect([...said][0]).to.match(/^An edit to the case record .* fired only without a store/);
  });
});
