// Guards zod's configuration in a host's bundle: jitless (zod never constructs a Function,
// which a strict CSP reports), and the kit's readable messages on a failed parse.
// @odkit/core is "sideEffects": false, so a bundler may drop any core module whose
// exports go unused; src/internal/z.ts configures zod and is only kept because the
// schemas use builders it declares itself (see that file). Checked with esbuild and
// rollup (what Vite builds with), each honouring core's "sideEffects", on core's source
// (as a host bundler with the "source" condition takes it) and on dist.
import { build } from 'esbuild';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuildPlugin from 'rollup-plugin-esbuild';
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

/**
 * Counts `new Function(…)` while the probe runs: a strict CSP reports every one, even a caught
 * probe. (zod's JIT object parsers are built that way; core sets jitless, and zod/mini's
 * objects do not JIT today, so this guards against a zod upgrade or a full-zod import.)
 */
function countFunctionConstructions() {
  const original = globalThis.Function;
  const counter = { count: 0, stop: () => (globalThis.Function = original) };
  globalThis.Function = new Proxy(original, {
    construct(target, args) {
      counter.count++;
      return Reflect.construct(target, args);
    },
  });
  return counter;
}

const bundlers = {
  async esbuild(entry, out, conditions) {
    await build({
      entryPoints: [entry],
      outfile: out,
      bundle: true,
      format: 'esm',
      platform: 'node',
      conditions,
      nodePaths: [join(root, 'node_modules')],
      logLevel: 'error',
    });
  },
  async rollup(entry, out, conditions) {
    const bundle = await rollup({
      input: entry,
      plugins: [
        nodeResolve({ exportConditions: conditions, modulePaths: [join(root, 'node_modules')] }),
        esbuildPlugin({ target: 'es2022', tsconfig: join(root, 'tsconfig.base.json') }),
      ],
      onwarn: () => {},
    });
    await bundle.write({ file: out, format: 'es' });
    await bundle.close();
  },
};

const dir = mkdtempSync(join(tmpdir(), 'odkit-zod-check-'));
let failed = false;
try {
  for (const [tool, bundle] of Object.entries(bundlers)) {
    for (const [label, conditions] of [
      ['source', ['source']],
      ['dist', []],
    ]) {
      const entry = join(dir, `${tool}-${label}-entry.mjs`);
      const out = join(dir, `${tool}-${label}.mjs`);
      writeFileSync(entry, probe);
      await bundle(entry, out, conditions);
      globalThis.__message = undefined;
      const functions = countFunctionConstructions();
      try {
        await import(pathToFileURL(out).href);
      } finally {
        functions.stop();
      }
      const message = String(globalThis.__message);
      const ok = message.includes('person.name expected text, got the number 3') && functions.count === 0;
      failed ||= !ok;
      console.log(
        `${ok ? 'ok  ' : 'FAIL'} zod configured in a ${tool} bundle of core's ${label}: ` +
          `${functions.count} Function constructions; ${message.slice(0, 60)}`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (failed) process.exit(1);
