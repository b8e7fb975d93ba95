// The React host page as its own Vite app: built once by the host-page tests' global setup
// (test/hosts/build.mjs) into dist/, which the host-page server serves.
import { defaultClientConditions, defineConfig } from 'vite';
import { resolve } from 'node:path';

const here = import.meta.dirname;

export default defineConfig({
  root: here,
  // Served from /test/hosts/react/dist/ by test/hosts/server.mjs.
  base: './',
  logLevel: 'warn',
  // The kit's packages resolve to their TypeScript source (no package build needed first),
  // as in Storybook; a real host gets the published dist/ through the default conditions.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    // Readable output for test traces; a host would minify.
    minify: false,
    rollupOptions: {
      input: { index: resolve(here, 'index.html'), direct: resolve(here, 'direct.html') },
    },
  },
});
