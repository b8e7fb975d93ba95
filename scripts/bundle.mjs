// Single-file bundles: for each package.json "odkit.bundles" entry ({ "<file>.js": "<source>" }),
// one minified ES module in the package's dist/ with Lit and every dependency inlined —
// what a page without a bundler loads with one <script type="module">.
// `node scripts/bundle.mjs` builds just these (the host-page tests use it).
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, workspacePackages } from './packages.mjs';

/** Plugins shared by the single-file bundles and the size check, so both measure the same thing. */
export function inlinedPlugins() {
  return [
    nodeResolve({ exportConditions: ['source', 'production', 'browser'] }),
    esbuild({ target: 'es2022', tsconfig: join(root, 'tsconfig.base.json') }),
  ];
}

export const minifier = () => terser({ module: true, compress: { passes: 2 } });

export function singleFileBundles() {
  return workspacePackages().flatMap(({ dir, pkg }) =>
    Object.entries(pkg.odkit?.bundles ?? {}).map(([file, source]) => ({
      input: join(dir, source),
      plugins: inlinedPlugins(),
      output: {
        file: relative(process.cwd(), join(dir, 'dist', file)),
        format: 'es',
        inlineDynamicImports: true,
        plugins: [minifier()],
      },
      onwarn(warning, warn) {
        // Third-party modules' own circular imports and comment placement are theirs, not ours.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules'))) return;
        warn(warning);
      },
    })),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const config of singleFileBundles()) {
    const bundle = await rollup(config);
    await bundle.write(config.output);
    await bundle.close();
    console.log(`bundled ${config.output.file}`);
  }
}
