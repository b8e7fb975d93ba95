// Playwright's global setup for the host pages: builds what the pages load, as a host
// would have it — the kit's single-file bundles and the demo case as a plain ES module
// (the host's own data; it is not in the kit's bundle).
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

export default async function buildHostPages() {
  const bundle = spawnSync(process.execPath, ['scripts/bundle.mjs'], { cwd: root, stdio: 'inherit' });
  if (bundle.status !== 0) throw new Error('host pages: building the kit bundle failed');
  await build({
    entryPoints: [join(root, 'packages/core/src/demo/index.ts')],
    outfile: join(root, 'test/hosts/.generated/demo.js'),
    bundle: true,
    format: 'esm',
    conditions: ['source'],
    // The demo case is plain data; core's schemas it imports for types are not needed at run time.
    external: ['zod', 'zod/*'],
    logLevel: 'warning',
  });
  writeNhsCss();
}

/**
 * NHS.UK frontend's compiled CSS loads the Frutiger web font from assets.nhs.uk, which
 * only NHS.UK may use and which these loopback pages must not request. This is the CSS a
 * non-NHS.UK service compiles with `$nhsuk-include-font-face: false`: the published file
 * with its `@font-face` rules left out (text falls back to Arial, as the preset expects).
 */
function writeNhsCss() {
  const css = readFileSync(join(root, 'node_modules/nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css'), 'utf8');
  const withoutFonts = css.replace(/@font-face\{[^}]*\}/g, '');
  if (withoutFonts.includes('assets.nhs.uk')) throw new Error('host pages: the NHS.UK CSS still refers to assets.nhs.uk');
  mkdirSync(join(root, 'test/hosts/.generated'), { recursive: true });
  writeFileSync(join(root, 'test/hosts/.generated/nhsuk-frontend.css'), withoutFonts);
}

if (process.argv[1] === import.meta.filename) await buildHostPages();
