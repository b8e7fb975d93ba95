// Playwright's global setup for the host pages: builds what the pages load, as a host
// would have it — the kit's single-file bundles, the demo case as a plain ES module
// (the host's own data; it is not in the kit's bundle), and the React app with Vite.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
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
  // The React 19 host app (test/hosts/react/), built as its developers would, into its dist/.
  await viteBuild({ configFile: join(root, 'test/hosts/react/vite.config.mjs') });
}

if (process.argv[1] === import.meta.filename) await buildHostPages();
