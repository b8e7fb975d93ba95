// Guards the one module-level side effect @odkit/core has: configuring zod
// (jitless for strict CSP, readable messages). A host's bundler honours the
// package's "sideEffects" list; if that list ever drops src/internal/z.ts, a
// bundle keeps the schemas but loses the configuration. Checked on a bundle of
// the source (as a host bundler with the "source" condition makes it) and on dist.
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './packages.mjs';

const probe = `
  import { parseCaseRecord } from '@odkit/core';
  try { parseCaseRecord({ schemaVersion: 1, id: 'x', person: { id: 'p', name: 3 } }); }
  catch (error) { globalThis.__message = error.message; }
`;
const dir = mkdtempSync(join(tmpdir(), 'odkit-zod-check-'));
let failed = false;
try {
  for (const [label, conditions] of [['source', ['source']], ['dist', []]]) {
    const entry = join(dir, `${label}-entry.mjs`);
    const out = join(dir, `${label}.mjs`);
    writeFileSync(entry, probe);
    await build({ entryPoints: [entry], outfile: out, bundle: true, format: 'esm', platform: 'node', conditions, nodePaths: [join(root, 'node_modules')], logLevel: 'error' });
    globalThis.__message = undefined;
    await import(pathToFileURL(out).href);
    const message = String(globalThis.__message);
    const ok = message.includes('person.name expected text, got the number 3');
    failed ||= !ok;
    console.log(`${ok ? 'ok  ' : 'FAIL'} zod configured in a ${label} bundle: ${message.slice(0, 100)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (failed) process.exit(1);
