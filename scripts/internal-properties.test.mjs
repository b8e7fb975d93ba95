// node --test scripts/internal-properties.test.mjs (part of `npm run test:node`): the minifier
// renames the listed internal property names, only those, and the build refuses a listed name
// that renaming would break.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rollup } from 'rollup';
import { minifier } from './bundle.mjs';

/** Minifies `code` (the entry module; `modules` by name for others) as the single-file bundles are minified. */
async function minify(code, modules = {}) {
  const bundle = await rollup({
    input: 'entry',
    plugins: [{ name: 'entry', resolveId: (id) => id, load: (id) => modules[id] ?? code }],
  });
  try {
    const { output } = await bundle.generate({ format: 'es', plugins: [minifier()] });
    return output[0].code;
  } finally {
    await bundle.close();
  }
}

test('listed internal names are renamed; public names, record fields and DOM names are kept', async () => {
  const out = await minify(`
    const on = { zoomIn: () => 1, toggleView: () => 2 };
    export const handlers = { run: () => on.zoomIn() + on.toggleView() };
    export const record = { members: [], status: 'active' };
    export const focus = (el) => el.focus();
  `);
  assert.doesNotMatch(out, /zoomIn|toggleView/);
  assert.match(out, /run:/);
  assert.match(out, /members:/);
  assert.match(out, /status:"active"/);
  assert.match(out, /\.focus\(\)/);
});

test('a listed name in a string (a decorator, an attribute, a key read by name) stops the build', async () => {
  await assert.rejects(
    minify(`export const has = (o) => 'zoomIn' in o; export const on = { zoomIn: () => 1 };`),
    /'zoomIn' is in a string/,
  );
  await assert.rejects(
    minify('export const view = (t) => `<button data-action="toggleView">${t}</button>`;'),
    /'toggleView' is in a string/,
  );
});

test('a listed name used in two chunks (each renamed on its own) stops the build', async () => {
  await assert.rejects(
    minify(`export const on = { zoomIn: () => 1 }; export const later = () => import('later');`, {
      later: 'export const zoom = (on) => on.zoomIn();',
    }),
    /'zoomIn' is used in .* as well/,
  );
});
