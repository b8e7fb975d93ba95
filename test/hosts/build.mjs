// Playwright's global setup for the host pages: builds what the pages load, as a host
// would have it — the kit's single-file bundles, the demo case as a plain ES module
// (the host's own data; it is not in the kit's bundle), and the React app with Vite.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { singleFileBundle, singleFileBundles, writeBundle, writeServerBundle } from '../../scripts/bundle.mjs';

const root = join(import.meta.dirname, '..', '..');

export default async function buildHostPages() {
  for (const config of singleFileBundles()) await writeBundle(config);
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
  // The FhirStore page's host script, and the home-visit page's (SyncedStore over FhirStore),
  // each bundled as an EHR would: @odkit/fhir inlined, and @odkit/core taken from the kit's
  // bundle on the page (one SDK, one set of error classes): odkit.js, and odkit-offline.js
  // for the stores that keep the case on the device.
  for (const [entry, out] of [
    ['test/hosts/fhir/host.js', 'fhir-host.js'],
    ['test/hosts/offline/host.js', 'offline-host.js'],
  ]) {
    await build({
      entryPoints: [join(root, entry)],
      outfile: join(root, 'test/hosts/.generated', out),
      bundle: true,
      format: 'esm',
      target: 'es2022',
      minify: true,
      conditions: ['source'],
      plugins: [coreFromKitBundle],
      logLevel: 'warning',
    });
  }
  // The NHS.UK service page's host script: its fictional caseload (the test fixtures'
  // generator) and its answer to od-open-cases; NHS.UK frontend stays a URL import.
  await build({
    entryPoints: [join(root, 'test/hosts/nhs/service/host.js')],
    outfile: join(root, 'test/hosts/.generated/nhs-service-host.js'),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    external: ['/node_modules/*'],
    logLevel: 'warning',
  });
  await buildSecondKitVersion();
  // The EHR's data, written by the tests (in Node) before the FhirStore page opens.
  await build({
    entryPoints: [join(root, 'test/hosts/fhir/seed.ts')],
    outfile: join(root, 'test/hosts/.generated/fhir-seed.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    conditions: ['source'],
    logLevel: 'warning',
  });
  writeNhsCss();
  // The server-rendered pages (@odkit/ssr and core's assessmentFromForm), for server.mjs to import.
  // Its templates minified as the kit's bundle minifies them, or the page could not hydrate.
  await writeServerBundle({
    input: join(root, 'test/hosts/ssr/pages.ts'),
    file: join(root, 'test/hosts/.generated/ssr-pages.mjs'),
  });
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
  if (withoutFonts.includes('assets.nhs.uk'))
    throw new Error('host pages: the NHS.UK CSS still refers to assets.nhs.uk');
  mkdirSync(join(root, 'test/hosts/.generated'), { recursive: true });
  writeFileSync(join(root, 'test/hosts/.generated/nhsuk-frontend.css'), withoutFonts);
}

/** The kit version the two-versions page's second kit claims to be. */
export const SECOND_VERSION = '2.0.0-test';

/**
 * A real second kit version for the two-versions page: the classes bundle (registers nothing)
 * built as scripts/bundle.mjs builds it, with another VERSION compiled in — its own Lit, its
 * own element classes, its own store classes, as a portal's older or newer copy would be.
 */
async function buildSecondKitVersion() {
  const version = join(root, 'packages/elements/src/version.ts');
  const secondVersion = {
    name: 'second-kit-version',
    load: (id) => (id === version ? `export const VERSION = ${JSON.stringify(SECOND_VERSION)};` : null),
  };
  const output = join(root, 'test/hosts/.generated/odkit-classes-v2.js');
  await writeBundle(singleFileBundle(join(root, 'packages/kit/src/index.ts'), output, { plugins: [secondVersion] }));
}

/**
 * Resolves `@odkit/core` to the kit bundle's URL, and leaves the kit's own files named by URL
 * (`/packages/kit/dist/odkit-offline.js`), as imports for the browser.
 */
const coreFromKitBundle = {
  name: 'odkit-core-from-kit-bundle',
  setup(b) {
    b.onResolve({ filter: /^@odkit\/core$/ }, () => ({ path: '/packages/kit/dist/odkit.js', external: true }));
    b.onResolve({ filter: /^\/packages\/kit\/dist\// }, ({ path }) => ({ path, external: true }));
  },
};

if (process.argv[1] === import.meta.filename) await buildHostPages();
