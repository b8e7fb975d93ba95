// Size budget check: bundles each package's budgeted entry with every dependency
// inlined (Lit, zod, sibling packages), minifies it as a host's production build
// would, gzips it and fails when it is over the package's budget
// (package.json "odkit.sizeBudget": { "entry", "gzipKb" }).
import { rollup } from 'rollup';
import { inlinedPlugins, minifier } from './bundle.mjs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { workspacePackages } from './packages.mjs';

export async function measure(entry) {
  const bundle = await rollup({
    input: entry,
    plugins: inlinedPlugins(),
    onwarn: () => {},
  });
  const { output } = await bundle.generate({ format: 'es', plugins: [minifier()] });
  await bundle.close();
  const code = output
    .filter((c) => c.type === 'chunk')
    .map((c) => c.code)
    .join('\n');
  return { minified: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length };
}

const kb = (bytes) => (bytes / 1000).toFixed(1);
let failed = false;
const rows = [];
for (const { name, dir, pkg } of workspacePackages()) {
  const budget = pkg.odkit?.sizeBudget;
  if (!budget) continue;
  const { minified, gzip } = await measure(join(dir, budget.entry));
  const ok = gzip <= budget.gzipKb * 1000;
  failed ||= !ok;
  rows.push([
    name,
    budget.entry,
    `${kb(minified)} kB`,
    `${kb(gzip)} kB`,
    `${budget.gzipKb} kB`,
    ok ? 'ok' : 'OVER BUDGET',
  ]);
}
const header = ['package', 'entry (with dependencies)', 'minified', 'gzip', 'budget', ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const row of [header, ...rows]) console.log(row.map((c, i) => c.padEnd(widths[i])).join('  '));
if (failed) {
  console.error('\nSize check failed: an entry is over its gzip budget.');
  process.exit(1);
}
