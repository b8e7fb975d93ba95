#!/usr/bin/env node
// Writes the kit's StructureDefinitions and CodeSystems (src/conformance.ts) to resources/ as
// JSON: one file per resource, and all of them in resources/odkit-conformance.json (a collection
// Bundle). Run after changing src/vocabulary.ts or src/conformance.ts; a test checks the files match.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(here, '../resources');
const bundled = join(tmpdir(), `odkit-conformance-${process.pid}.mjs`);
await build({
  entryPoints: [resolve(here, '../src/conformance.ts')],
  bundle: true,
  format: 'esm',
  platform: 'node',
  conditions: ['source'],
  outfile: bundled,
  logLevel: 'warning',
});
const { conformanceResources } = await import(pathToFileURL(bundled).href);
rmSync(bundled);

mkdirSync(out, { recursive: true });
for (const file of readdirSync(out)) if (file.endsWith('.json')) rmSync(join(out, file));
const resources = conformanceResources();
const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
for (const r of resources) writeFileSync(join(out, `${r.resourceType}-${r.id}.json`), json(r));
writeFileSync(
  join(out, 'odkit-conformance.json'),
  json({
    resourceType: 'Bundle',
    id: 'odkit-conformance',
    type: 'collection',
    entry: resources.map((resource) => ({ fullUrl: resource.url, resource })),
  }),
);
console.log(`Wrote ${resources.length} resources to ${out}`);
