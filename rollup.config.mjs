// Builds every package's entries (from its package.json "exports") to ESM in dist/.
// Dependencies stay external: hosts' bundlers dedupe Lit and zod. Types come from `tsc -b`.
// Packages that declare "odkit.bundles" also get single-file bundles (see scripts/bundle.mjs).
// The size of each entry with its dependencies inlined is checked by scripts/size.mjs.
import esbuild from 'rollup-plugin-esbuild';
import { basename, relative } from 'node:path';
import { workspacePackages } from './scripts/packages.mjs';
import { minifyTemplates, singleFileBundles } from './scripts/bundle.mjs';

// A package with no source entries (the Prototype Kit plugin builds itself) has nothing for rollup.
const libraries = workspacePackages()
  .filter(({ entries }) => entries.length > 0)
  .map(({ dir, entries }) => ({
    input: Object.fromEntries(entries.map((e) => [basename(e.output, '.js'), e.source])),
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
    // Templates minified here too: hosts' bundlers minify JavaScript but rarely what is inside html`` and css``.
    plugins: [esbuild({ target: 'es2022', tsconfig: 'tsconfig.base.json' }), minifyTemplates()],
    output: {
      dir: `${relative(process.cwd(), dir)}/dist`,
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      // No hoisted `import 'x'` lines: they would make an entry that only re-exports (like
      // @odkit/react's index) import every define module, so nothing could be tree-shaken.
      hoistTransitiveImports: false,
    },
    onwarn(warning, warn) {
      if (warning.code === 'CIRCULAR_DEPENDENCY') throw new Error(warning.message);
      warn(warning);
    },
  }));

export default [...libraries, ...singleFileBundles()];
