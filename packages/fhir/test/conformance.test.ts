import { expect } from '@open-wc/testing';
import { demoCase } from '@odkit/core/demo';
import { CODE_SYSTEM, EXT, toFhir, type Bundle, type FhirResource } from '@odkit/fhir';
import { conformanceResources } from '../src/conformance.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { loadDefinitions, validationErrors } from './support.js';

const RESOURCES = new URL('../resources/', import.meta.url);
const fetchJson = async (file: string) => (await fetch(new URL(file, RESOURCES))).json() as Promise<FhirResource>;

/** Every `url` of an extension and every coding `system` used in a value, anywhere in it. */
function used(
  value: unknown,
  urls = new Set<string>(),
  systems = new Set<string>(),
): { urls: Set<string>; systems: Set<string> } {
  if (Array.isArray(value)) for (const v of value) used(v, urls, systems);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.url === 'string' && o.url.includes('/StructureDefinition/')) urls.add(o.url);
    if (typeof o.system === 'string' && typeof o.code === 'string') systems.add(o.system);
    for (const v of Object.values(o)) used(v, urls, systems);
  }
  return { urls, systems };
}

describe('conformance resources shipped in @odkit/fhir/resources', () => {
  guardConsole();
  before(async function () {
    this.timeout(60_000);
    await loadDefinitions();
  });

  it('ship as JSON exactly as src/conformance.ts defines them (run scripts/write-conformance.mjs after a change)', async () => {
    const expected = conformanceResources();
    const bundle = (await fetchJson('odkit-conformance.json')) as Bundle;
    expect(bundle.entry!.map((e) => e.resource)).to.deep.equal(expected);
    for (const r of expected)
      expect(await fetchJson(`${r.resourceType}-${r.id}.json`), r.url as string).to.deep.equal(r);
  });

  it('define every extension and CodeSystem, each valid R4', () => {
    const resources = conformanceResources();
    const urls = new Set(resources.map((r) => r.url));
    for (const url of [...Object.values(EXT), ...Object.values(CODE_SYSTEM)]) expect(urls.has(url), url).to.equal(true);
    for (const r of resources) expect(validationErrors(r), String(r.url)).to.deep.equal([]);
  });

  it('cover every kit extension and code the demo case maps to', () => {
    const { urls, systems } = used(toFhir(demoCase));
    const defined = new Set(conformanceResources().map((r) => r.url));
    const codes = new Map(
      conformanceResources()
        .filter((r) => r.resourceType === 'CodeSystem')
        // The audience CodeSystem lists no codes (content "not-present": each service's own audience ids).
        .map((r) => [r.url, new Set(((r.concept as { code: string }[] | undefined) ?? []).map((c) => c.code))]),
    );
    for (const url of urls)
      if (url.startsWith('https://fhir.opendialoguekit.org/')) expect(defined.has(url), url).to.equal(true);
    for (const system of systems)
      if (system.startsWith('https://fhir.opendialoguekit.org/')) expect(codes.has(system), system).to.equal(true);
  });
});
