#!/usr/bin/env node
// Runs the tests that belong in node, not in a browser (@odkit/ssr renders on a server):
// every packages/*/test/**/*.node.test.ts is bundled with esbuild (the "source" export
// condition, so @odkit/* resolves to TypeScript source, and node's own builds of Lit) and
// run with node's test runner. web-test-runner leaves these files alone.
//
//   node scripts/node-test.mjs           all node tests
//   node scripts/node-test.mjs ssr       only files whose path contains "ssr"
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { root } from './packages.mjs';

const filters = process.argv.slice(2);
// node 20 has no fs.globSync: packages/<name>/test/ and its folders, walked by hand.
const files = readdirSync(join(root, 'packages'))
  .flatMap((name) => {
    try {
      return readdirSync(join(root, 'packages', name, 'test'), { recursive: true }).map((f) =>
        join('packages', name, 'test', String(f)),
      );
    } catch {
      return [];
    }
  })
  .filter((f) => f.endsWith('.node.test.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (!files.length) {
  console.error(
    `No node tests (packages/*/test/**/*.node.test.ts)${filters.length ? ` matching ${filters.join(', ')}` : ''}.`,
  );
  process.exit(1);
}
const out = mkdtempSync(join(tmpdir(), 'odkit-node-test-'));
let status = 0;
try {
  const outfiles = [];
  for (const file of files) {
    const outfile = join(out, relative('packages', file).replaceAll('/', '__').replace(/\.ts$/, '.mjs'));
    await build({
      entryPoints: [join(root, file)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      conditions: ['source'],
      // Only what cannot be bundled stays outside (none today); node: built-ins are external on platform node.
      logLevel: 'warning',
      // esbuild's ESM output for node needs a require for CommonJS dependencies (parse5 and friends).
      banner: {
        js: "import { createRequire as __odkitRequire } from 'node:module'; const require = __odkitRequire(import.meta.url);",
      },
    });
    outfiles.push(outfile);
  }
  // The spec reporter for people; TAP into a file for the closing count line CI reads.
  const tap = join(out, 'results.tap');
  const run = spawnSync(
    process.execPath,
    [
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...outfiles,
    ],
    { stdio: 'inherit', cwd: root },
  );
  status = run.status ?? 1;
  let text = '';
  try {
    text = readFileSync(tap, 'utf8');
  } catch {
    // No results at all: counted as one failure below.
  }
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + (status !== 0 && count('fail') === 0 ? 1 : 0);
  console.log(`\nnode tests: ${passed} passed, ${failed} failed`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exit(status);
