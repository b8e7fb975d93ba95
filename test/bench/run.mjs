#!/usr/bin/env node
// Runs the node benchmarks: every test/bench/*.node.bench.ts is bundled with esbuild
// (the "source" export condition, so @odkit/* resolves to TypeScript source) into a
// temporary file and run in a node process of its own. Then the browser benchmarks
// (*.browser.bench.ts: widgets rendered in Chromium, Lit's production build) run
// through web-test-runner with test/bench/browser.config.mjs; each prints its table
// with the page's console and fails its test when it misses a target. Last, the cold-page
// benchmarks (*.page.bench.mjs: plain node scripts driving fresh Chromium pages that load
// the production bundle) run in node processes of their own.
//
//   node test/bench/run.mjs            all benchmarks
//   node test/bench/run.mjs core       only files whose name contains "core"
//
// Exits non-zero when a benchmark misses its target (the bench sets its exit code),
// fails to build or crashes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const filters = process.argv.slice(2);

const matching = (suffix) =>
  readdirSync(here)
    .filter((f) => f.endsWith(suffix))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort();
const benches = matching('.node.bench.ts');
const browserBenches = matching('.browser.bench.ts');
const pageBenches = matching('.page.bench.mjs');

if (benches.length + browserBenches.length + pageBenches.length === 0) {
  console.error(
    `No benchmarks (*.node.bench.ts, *.browser.bench.ts, *.page.bench.mjs) in ${here}${filters.length ? ` matching ${filters.join(', ')}` : ''}.`,
  );
  process.exit(1);
}

const cpu = cpus();
console.log(
  `Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; ` +
    `node ${process.version}; ${platform()} ${release()}`,
);

const out = mkdtempSync(join(tmpdir(), 'odkit-bench-'));
let failed = 0;
try {
  for (const file of benches) {
    console.log(`\n== ${file}`);
    const outfile = join(out, basename(file).replace(/\.ts$/, '.mjs'));
    try {
      await build({
        entryPoints: [join(here, file)],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        conditions: ['source'],
        logLevel: 'warning',
      });
    } catch (error) {
      console.error(`Could not bundle ${file}: ${error instanceof Error ? error.message : String(error)}`);
      failed++;
      continue;
    }
    const run = spawnSync(process.execPath, ['--expose-gc', outfile], { stdio: 'inherit', cwd: root });
    if (run.error) console.error(`Could not run ${file}: ${run.error.message}`);
    if (run.status !== 0) failed++;
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}

if (browserBenches.length) {
  console.log(`\n== browser: ${browserBenches.join(', ')} (Chromium, Lit production build)`);
  const wtr = join(root, 'node_modules', '.bin', 'web-test-runner');
  const files = browserBenches.map((f) => join('test/bench', f));
  const run = spawnSync(wtr, ['--config', join(here, 'browser.config.mjs'), '--files', ...files], {
    stdio: 'inherit',
    cwd: root,
  });
  if (run.error) console.error(`Could not run the browser benchmarks: ${run.error.message}`);
  if (run.status !== 0) {
    console.error('\nA browser benchmark missed a target or failed (marked ❌ above).');
    failed++;
  }
}

for (const file of pageBenches) {
  console.log(`\n== ${file} (fresh Chromium pages, production bundle)`);
  const run = spawnSync(process.execPath, [join(here, file)], { stdio: 'inherit', cwd: root });
  if (run.error) console.error(`Could not run ${file}: ${run.error.message}`);
  if (run.status !== 0) failed++;
}

if (failed)
  console.error(
    `\n${failed} benchmark run(s) missed a target or failed: ${benches.length} node file(s), the browser files together, ${pageBenches.length} page file(s).`,
  );
process.exit(failed ? 1 : 0);
