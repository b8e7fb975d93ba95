// Builds what the plugin ships: server/odkit-render.cjs (the macros' renderer: @odkit/ssr and
// everything it needs, as one CommonJS file the Prototype Kit can require), dist/odkit-hydrate.js
// (the kit's hydrating single-file bundle) and dist/prototype.js (the browser glue).
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { singleFileBundle, writeBundle, writeServerBundle } from '../../../scripts/bundle.mjs';

const here = join(import.meta.dirname, '..');
const root = join(here, '..', '..');

export async function buildPlugin() {
  // Templates minified as in dist/odkit-hydrate.js: the browser can only hydrate what matches.
  await writeServerBundle({
    input: join(here, 'src/render.ts'),
    file: join(here, 'server/odkit-render.cjs'),
    format: 'cjs',
  });
  await writeBundle(singleFileBundle(join(root, 'packages/kit/src/hydrate.ts'), join(here, 'dist/odkit-hydrate.js')));
  mkdirSync(join(here, 'dist'), { recursive: true });
  copyFileSync(join(here, 'src/prototype.js'), join(here, 'dist/prototype.js'));
}

if (process.argv[1] === import.meta.filename) await buildPlugin();
