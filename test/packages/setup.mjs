// Global setup for the packed-package test: packs every published workspace package
// (scripts/pack-check.mjs's packAll, i.e. pnpm pack), installs the tarballs into a fresh
// temporary project with npm (third-party dependencies come from the registry), and
// bundles a page entry from that project's node_modules with esbuild — no "source"
// condition, so only what the tarballs hold can be used. The project's path reaches the
// tests as ODKIT_PACKED_PROJECT; what was packed as ODKIT_PACKED (JSON).
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packAll } from '../../scripts/pack-check.mjs';

/** The exports of a packed package that a consumer imports as JavaScript (not data, not the single-file bundles). */
export function codeSubpaths(packed, bundles) {
  return Object.entries(packed.exports ?? {})
    .filter(
      ([subpath, entry]) =>
        !subpath.includes('*') && typeof entry === 'object' && String(entry.default).endsWith('.js'),
    )
    .filter(([, entry]) => !bundles.includes(entry.default.replace(/^\.\//, '')))
    .map(([subpath, entry]) => ({
      specifier: subpath === '.' ? packed.name : `${packed.name}${subpath.slice(1)}`,
      types: entry.types,
    }));
}

/**
 * A worker script (`@odkit/core/summary-worker`): started with `new Worker(url)`, never imported by a
 * page (it takes over the global scope's onmessage), so the page bundles leave it out.
 */
export const isWorkerScript = (specifier) => specifier.endsWith('-worker');

/** The @types/node the workspace builds @odkit/ssr with. */
const NODE_TYPES = JSON.parse(readFileSync(new URL('../../packages/ssr/package.json', import.meta.url), 'utf8'))
  .devDependencies['@types/node'];

export default async function setup() {
  const started = Date.now();
  const project = mkdtempSync(join(tmpdir(), 'odkit-packed-'));
  const packages = packAll(join(project, 'tarballs'));
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'odkit-packed-consumer', private: true, type: 'module' }, null, 2),
  );
  const install = spawnSync(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      ...packages.map((p) => p.tarball),
      // What a node consumer of @odkit/ssr has: its types name node:stream (renderCaseStream's Readable).
      `@types/node@${NODE_TYPES}`,
    ],
    {
      cwd: project,
      encoding: 'utf8',
    },
  );
  if (install.status !== 0)
    throw new Error(`npm install of the tarballs failed:\n${install.stdout}\n${install.stderr}`);

  const site = join(project, 'site');
  mkdirSync(site);
  const bundlesOf = (p) => Object.keys(p.odkit?.bundles ?? {}).map((b) => `dist/${b}`);
  // Browser entries leave out the packages that run only in node (@odkit/ssr: "odkit": { "platform": "node" }).
  const subpaths = packages
    .filter(({ pkg }) => pkg.odkit?.platform !== 'node')
    .flatMap(({ packed }) => codeSubpaths(packed, bundlesOf(packed)))
    .filter(({ specifier }) => !isWorkerScript(specifier));
  const defines = subpaths.filter((s) => s.specifier.endsWith('/define.js'));
  const useStore = (from) => [
    `import { MemoryStore } from '${from}';`,
    `import { demoCase } from '@odkit/core/demo';`,
    `document.querySelector('od-provider').store = new MemoryStore(structuredClone(demoCase));`,
  ];
  const entries = {
    // A host with a bundler: the widgets' define modules (imported for their side effect only,
    // so a too-narrow "sideEffects" drops them) and a store from @odkit/core.
    host: [
      ...defines.filter((s) => !s.specifier.startsWith('@odkit/kit/')).map((s) => `import '${s.specifier}';`),
      ...useStore('@odkit/core'),
    ],
    // A host using only @odkit/kit.
    kit: [`import '@odkit/kit/define.js';`, ...useStore('@odkit/kit')],
    // Every JavaScript export of every package, each module's export names kept for the test.
    all: [
      ...subpaths.map(({ specifier }, i) => `import * as m${i} from '${specifier}';`),
      `window.__odkitModules = { ${subpaths.map(({ specifier }, i) => `'${specifier}': Object.keys(m${i})`).join(', ')} };`,
      ...useStore('@odkit/core'),
    ],
  };
  for (const [name, lines] of Object.entries(entries)) {
    writeFileSync(join(project, `${name}-entry.js`), `${lines.join('\n')}\n`);
    await build({
      entryPoints: [join(project, `${name}-entry.js`)],
      outfile: join(site, `${name}.js`),
      absWorkingDir: project,
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      define: { 'process.env.NODE_ENV': '"production"' },
      // @odkit/fhir/smart loads fhirclient (an optional peer, not installed here) only when a launch starts.
      external: ['fhirclient'],
      logLevel: 'error',
    });
    writeFileSync(join(site, `${name}.html`), page(`<script type="module" src="./${name}.js"></script>`));
  }
  // A page without a bundler: the kit's packed single file, and the host's own data module.
  writeFileSync(
    join(site, 'single-file.js'),
    [
      `import { MemoryStore } from '/node_modules/@odkit/kit/dist/odkit.js';`,
      `import { demoCase } from '/node_modules/@odkit/core/dist/demo.js';`,
      `document.querySelector('od-provider').store = new MemoryStore(structuredClone(demoCase));`,
    ].join('\n'),
  );
  writeFileSync(
    join(site, 'single-file.html'),
    page(
      `<script type="module" src="/node_modules/@odkit/kit/dist/odkit.js"></script>\n    <script type="module" src="./single-file.js"></script>`,
    ),
  );

  process.env.ODKIT_PACKED_PROJECT = project;
  process.env.ODKIT_PACKED = JSON.stringify(
    packages.map(({ name, pkg, packed, files }) => ({
      name,
      version: packed.version,
      platform: pkg.odkit?.platform ?? 'browser',
      files: files.length,
      subpaths: codeSubpaths(packed, bundlesOf(packed)),
      customElements: packed.customElements ?? null,
    })),
  );
  console.log(
    `packed ${packages.length} packages and installed them in ${project} in ${((Date.now() - started) / 1000).toFixed(0)} s: ${packages.map((p) => `${p.name}@${p.packed.version}`).join(', ')}`,
  );
  return () => rmSync(project, { recursive: true, force: true });
}

function page(scripts) {
  return `<!doctype html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8" />
    <title>Open Dialogue Kit from its packed packages</title>
    ${scripts}
  </head>
  <body>
    <main>
      <h1>Maya Lewis: network meetings</h1>
      <od-provider>
        <od-network-map sectors></od-network-map>
        <od-meeting-timeline as-of="2026-04-10T12:00:00+01:00"></od-meeting-timeline>
        <od-principles-checklist meeting-id="mt-13" instrument-id="od-seven-principles"></od-principles-checklist>
      </od-provider>
    </main>
  </body>
</html>
`;
}
