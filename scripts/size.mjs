// Size budget check: bundles each package's budgeted entry with every dependency
// inlined (Lit, zod, sibling packages), minifies it as a host's production build
// would, gzips it and fails when it is over the package's budget
// (package.json "odkit.sizeBudget": { "entry", "gzipKb" }). An entry with dynamic imports (the
// kit's chunked bundle) is measured split as the build splits it: "gzipKb" holds the sum of
// its files (a page using every part), "entryGzipKb" the entry file alone, and each file is
// listed on a line of its own. A chunked bundle's further entries ("odkit.chunked") are
// measured with it, as the build writes them.
import { rollup } from 'rollup';
import { chunkedEntries, chunkedOutput, furtherEntries, inlinedPlugins } from './bundle.mjs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { workspacePackages } from './packages.mjs';

/**
 * `entry` with every dependency inlined, split and minified as the build does, with its further `entries`; with
 * `compileHint`, as the kit's own chunked bundle ships (each file starting with V8's compile hint).
 */
export async function measure(entry, entries = {}, { compileHint = false } = {}) {
  const bundle = await rollup({
    input: { entry },
    plugins: [...inlinedPlugins(), furtherEntries(entry, entries)],
    preserveEntrySignatures: 'allow-extension',
    onwarn: () => {},
    onLog: () => {},
  });
  // Split as the build splits a chunked bundle (the same output options), so each file measured is one that ships.
  const { output } = await bundle.generate(chunkedOutput('entry', { compileHint }));
  await bundle.close();
  const chunks = output
    .filter((c) => c.type === 'chunk')
    .map((c) => ({
      name: c.fileName.replace(/^entry-|\.js$/g, ''),
      minified: Buffer.byteLength(c.code),
      gzip: gzipSync(c.code, { level: 9 }).length,
    }));
  // Each file gzipped on its own, as a server sends them.
  const sum = (key) => chunks.reduce((total, c) => total + c[key], 0);
  return { minified: sum('minified'), gzip: sum('gzip'), chunks };
}

const kb = (bytes) => (bytes / 1000).toFixed(1);
// The exact bytes, so a new budget can be the size rounded up to the next 0.1 kB.
const over = (bytes, limitKb) =>
  `OVER BUDGET (${bytes.toLocaleString('en-GB')} B > ${(limitKb * 1000).toLocaleString('en-GB')})`;
let failed = false;
const rows = [];
for (const workspace of workspacePackages()) {
  const { name, dir, pkg } = workspace;
  const budget = pkg.odkit?.sizeBudget;
  if (!budget) continue;
  // The further entries of the chunked bundle built from this entry, if it is one.
  const bundled = Object.entries(pkg.odkit?.bundles ?? {}).find(([, source]) => source === budget.entry)?.[0];
  // The kit's chunked bundle is measured as it ships; another package's entry as a host's build would make it.
  const entries = chunkedEntries(workspace, bundled);
  const { minified, gzip, chunks } = await measure(join(dir, budget.entry), entries, { compileHint: Boolean(entries) });
  const ok = gzip <= budget.gzipKb * 1000;
  failed ||= !ok;
  rows.push([
    name,
    budget.entry + (chunks.length > 1 ? ` (${chunks.length} files)` : ''),
    `${kb(minified)} kB`,
    `${kb(gzip)} kB`,
    `${budget.gzipKb} kB`,
    ok ? 'ok' : over(gzip, budget.gzipKb),
  ]);
  if (chunks.length > 1) {
    for (const chunk of chunks) {
      const limit = chunk.name === 'entry' ? budget.entryGzipKb : undefined;
      const fits = limit === undefined || chunk.gzip <= limit * 1000;
      failed ||= !fits;
      rows.push([
        '',
        `  ${chunk.name}`,
        `${kb(chunk.minified)} kB`,
        `${kb(chunk.gzip)} kB`,
        limit === undefined ? '' : `${limit} kB`,
        fits ? '' : over(chunk.gzip, limit),
      ]);
    }
  }
}
const header = ['package', 'entry (with dependencies)', 'minified', 'gzip', 'budget', ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const row of [header, ...rows]) console.log(row.map((c, i) => c.padEnd(widths[i])).join('  '));
if (failed) {
  console.error('\nSize check failed: an entry is over its gzip budget.');
  process.exit(1);
}
