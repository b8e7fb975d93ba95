// Every package as a consumer gets it: installed from its packed tarball (see setup.mjs),
// never from the workspace's source. Node, TypeScript and Chromium each use only what
// the tarballs hold.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile, realpath } from 'node:fs/promises';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, sep } from 'node:path';
import { expectCleanConsole, watchPage, widgetsReady } from '../hosts/support/page-watch.mjs';
import { isWorkerScript } from './setup.mjs';

const root = join(import.meta.dirname, '..', '..');
/** The kit's chunked bundle as the test pages load it from the installed tarball. */
const KIT_BUNDLE = '/node_modules/@odkit/kit/dist/odkit.js';
const project = process.env.ODKIT_PACKED_PROJECT;
const packages = JSON.parse(process.env.ODKIT_PACKED ?? '[]');

test('every workspace package was packed and installed from its tarball', () => {
  expect(project, 'setup.mjs ran').toBeTruthy();
  const names = packages.map((p) => p.name);
  for (const name of [
    '@odkit/core',
    '@odkit/elements',
    '@odkit/fhir',
    '@odkit/kit',
    '@odkit/meeting-timeline',
    '@odkit/network-map',
    '@odkit/principles-checklist',
  ]) {
    expect(names).toContain(name);
  }
  for (const { name, version } of packages) {
    const installed = JSON.parse(readFileSync(join(project, 'node_modules', name, 'package.json'), 'utf8'));
    expect(installed.version, name).toBe(version);
    expect(JSON.stringify(installed), `${name}: no workspace: ranges, no source condition`).not.toMatch(
      /workspace:|"source"/,
    );
  }
  console.log(
    `installed from tarballs: ${packages.map((p) => `${p.name}@${p.version} (${p.files} files)`).join(', ')}`,
  );
});

test('Node: @odkit/ssr renders the demo case from the installed packages (declarative shadow DOM, the checklist as form fields)', () => {
  writeFileSync(
    join(project, 'ssr-check.mjs'),
    `
    import { renderCase } from '@odkit/ssr';
    import { demoCase } from '@odkit/core/demo';
    const html = renderCase({ record: demoCase, theme: 'govuk', widgets: { checklist: { name: 'assessment', meetingId: 'mt-13' } } });
    console.log(JSON.stringify({
      resolved: import.meta.resolve('@odkit/ssr'),
      shadowRoots: html.split('shadowrootmode="open"').length - 1,
      sarah: html.includes('Sarah Lewis'),
      field: html.includes('name="assessment.rating.dialogism"'),
    }));
  `,
  );
  const run = spawnSync(process.execPath, ['ssr-check.mjs'], { cwd: project, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const out = JSON.parse(run.stdout);
  expect(out.resolved).toContain(`${project}/node_modules/@odkit/ssr/`);
  expect(out).toMatchObject({ shadowRoots: 3, sarah: true, field: true });
});

test('Node: @odkit/core and @odkit/fhir parse the demo case and round-trip it through FHIR', () => {
  writeFileSync(
    join(project, 'node-check.mjs'),
    `
    import { parseCaseRecord, MemoryStore } from '@odkit/core';
    import { demoCase } from '@odkit/core/demo';
    import { toFhir, fromFhir } from '@odkit/fhir';
    import { readFileSync } from 'node:fs';
    import { fileURLToPath } from 'node:url';
    import { isDeepStrictEqual } from 'node:util';

    const record = parseCaseRecord(structuredClone(demoCase));
    const store = new MemoryStore(record); if (!store) throw new Error('no store');
    const bundle = JSON.parse(JSON.stringify(toFhir(record)));
    const { record: back, warnings } = fromFhir(bundle);
    let message = '';
    try { parseCaseRecord({ schemaVersion: 1, id: 'x', person: { id: 'p', name: 3 } }); }
    catch (error) { message = error.constructor.name + ': ' + error.message; }
    const conformance = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('@odkit/fhir/resources/odkit-conformance.json')), 'utf8'));
    console.log(JSON.stringify({
      resolved: [import.meta.resolve('@odkit/core'), import.meta.resolve('@odkit/fhir')],
      person: record.person.name, members: record.members.length, meetings: record.meetings.length,
      resources: bundle.entry.length, roundTrip: isDeepStrictEqual(back, record), warnings: warnings.length,
      message, conformance: conformance.resourceType + ' of ' + conformance.entry.length,
    }));
  `,
  );
  const run = spawnSync(process.execPath, ['node-check.mjs'], { cwd: project, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const out = JSON.parse(run.stdout);
  for (const url of out.resolved) expect(url).toContain(`${project}/node_modules/@odkit/`);
  expect(out.person).toBe('Maya Lewis');
  expect(out.members).toBeGreaterThan(5);
  expect(out.meetings).toBeGreaterThan(5);
  expect(out.resources).toBeGreaterThan(out.members);
  expect(out.roundTrip, 'fromFhir(toFhir(record)).record deep-equals record').toBe(true);
  expect(out.warnings).toBe(0);
  // zod is configured (readable messages, jitless) in a plain Node import too.
  expect(out.message).toContain('ValidationError: Case record is invalid: person.name expected text, got the number 3');
  expect(out.conformance).toMatch(/^Bundle of \d+$/);
  console.log(
    `node: demo case ${out.members} members, ${out.meetings} meetings -> ${out.resources} FHIR resources -> round trip equal; ${out.conformance} conformance resources`,
  );
});

test('Node (server rendering): the define modules and the React wrappers load without a document', () => {
  // Next.js and other server renderers import the kit in Node, where Lit's DOM shim provides
  // customElements and HTMLElement but there is no document.
  writeFileSync(
    join(project, 'ssr-check.mjs'),
    `
    await import('@odkit/kit/define.js');
    const react = await import('@odkit/react');
    console.log(JSON.stringify({
      defined: ['od-provider', 'od-network-map', 'od-meeting-timeline', 'od-principles-checklist', 'od-service-dashboard'].filter((t) => customElements.get(t)),
      wrappers: Object.keys(react).filter((k) => k.startsWith('Od')).sort(),
    }));
  `,
  );
  const run = spawnSync(process.execPath, ['ssr-check.mjs'], { cwd: project, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const out = JSON.parse(run.stdout);
  expect(out.defined).toEqual([
    'od-provider',
    'od-network-map',
    'od-meeting-timeline',
    'od-principles-checklist',
    'od-service-dashboard',
  ]);
  expect(out.wrappers).toEqual([
    'OdMeetingTimeline',
    'OdNetworkMap',
    'OdPrinciplesChecklist',
    'OdProvider',
    'OdServiceDashboard',
  ]);
  console.log(
    `node, no document: ${out.defined.length} tags defined on Lit's shim, ${out.wrappers.length} React wrappers loaded`,
  );
});

/** The packages a page loads; @odkit/ssr ("odkit": { "platform": "node" }) runs only in node. */
const browserPackages = packages.filter((p) => p.platform !== 'node');

test('TypeScript: every export resolves to real types (bundler and NodeNext resolution)', () => {
  const subpaths = browserPackages.flatMap((p) => p.subpaths);
  const known = (name) => packages.some((p) => p.name === name);
  const lines = [
    // Every JavaScript export of every package, generically (a package added later is covered).
    ...subpaths.map(({ specifier }, i) => `import type * as all${i} from '${specifier}';`),
    `export type All = [${subpaths.map((_, i) => `typeof all${i}`).join(', ')}];`,
    // What a consumer writes with the packages that exist today; wrong types must be errors.
    `import { parseCaseRecord, MemoryStore, type CaseRecord } from '@odkit/core';`,
    `import { demoCase } from '@odkit/core/demo';`,
    `import { toFhir, fromFhir, type Bundle } from '@odkit/fhir';`,
    `import { openSmartFhirStore } from '@odkit/fhir/smart';`,
    `import '@odkit/elements/define.js';`,
    `import '@odkit/network-map/define.js';`,
    `import '@odkit/meeting-timeline/define.js';`,
    `import '@odkit/principles-checklist/define.js';`,
    `import { defineOdkit, type OdNetworkMap, type OdMeetingTimeline, type OdPrinciplesChecklist, type OdProvider, type OdkitElementName } from '@odkit/kit';`,
    `import * as singleFile from '@odkit/kit/odkit.js';`,
    `import * as offlineFile from '@odkit/kit/odkit-offline.js';`,
    `const record: CaseRecord = parseCaseRecord(demoCase);`,
    `const bundle: Bundle = toFhir(record);`,
    `const back: CaseRecord = fromFhir(bundle).record;`,
    `const map: OdNetworkMap = document.createElement('od-network-map');`,
    `const timeline: OdMeetingTimeline = document.createElement('od-meeting-timeline');`,
    `const checklist: OdPrinciplesChecklist = document.createElement('od-principles-checklist');`,
    `const provider: OdProvider = document.createElement('od-provider');`,
    `provider.store = new MemoryStore(record);`,
    `const tags: Record<OdkitElementName, string> = defineOdkit({ prefix: 'acme-od' });`,
    `const fromSingleFile: typeof defineOdkit = singleFile.defineOdkit;`,
    `const fromOfflineFile: typeof offlineFile.SyncedStore.open = offlineFile.SyncedStore.open;`,
    `// @ts-expect-error odkit.js leaves the offline stores to odkit-offline.js`,
    `const notInSingleFile = singleFile.SyncedStore;`,
    `const launch: typeof openSmartFhirStore = openSmartFhirStore;`,
    `// @ts-expect-error a case record is not a string`,
    `const notText: string = parseCaseRecord(demoCase);`,
    `// @ts-expect-error <od-network-map> is not a checklist`,
    `const notChecklist: OdPrinciplesChecklist = document.createElement('od-network-map');`,
    `export { back, map, timeline, checklist, tags, fromSingleFile, fromOfflineFile, notInSingleFile, launch, notText, notChecklist };`,
  ];
  expect(known('@odkit/kit') && known('@odkit/fhir')).toBe(true);
  writeFileSync(join(project, 'types-check.ts'), `${lines.join('\n')}\n`);
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const [label, module, moduleResolution] of [
    ['bundler', 'ESNext', 'Bundler'],
    ['nodenext', 'NodeNext', 'NodeNext'],
  ]) {
    const config = `tsconfig.${label}.json`;
    writeFileSync(
      join(project, config),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module,
          moduleResolution,
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ['types-check.ts'],
      }),
    );
    const run = spawnSync(process.execPath, [tsc, '-p', config, '--listFiles'], { cwd: project, encoding: 'utf8' });
    const errors = run.stdout.split('\n').filter((l) => l.includes('error TS'));
    expect(errors, `tsc (${label})`).toEqual([]);
    expect(run.status, `tsc (${label})`).toBe(0);
    const ours = run.stdout.split('\n').filter((f) => f.includes('/node_modules/@odkit/'));
    expect(
      ours.every((f) => f.startsWith(join(project, 'node_modules')) || f.startsWith(project)),
      'types come from the installed tarballs',
    ).toBe(true);
    expect(
      ours.some((f) => f.includes('/src/')),
      'no source files',
    ).toBe(false);
    console.log(
      `tsc (${label} resolution, skipLibCheck off): ${subpaths.length} exports, ${ours.length} @odkit declaration files, 0 errors`,
    );
  }
});

test("TypeScript: the node-only packages' types, for a node consumer (with @types/node)", () => {
  const subpaths = packages.filter((p) => p.platform === 'node').flatMap((p) => p.subpaths);
  expect(subpaths.map((s) => s.specifier)).toContain('@odkit/ssr');
  const lines = [
    ...subpaths.map(({ specifier }, i) => `import type * as all${i} from '${specifier}';`),
    `export type All = [${subpaths.map((_, i) => `typeof all${i}`).join(', ')}];`,
    `import type { Readable } from 'node:stream';`,
    `import { renderCase, renderCaseStream } from '@odkit/ssr';`,
    `import { demoCase } from '@odkit/core/demo';`,
    `const html: string = renderCase({ record: demoCase, theme: 'govuk' });`,
    `const stream: Readable = renderCaseStream({ record: demoCase });`,
    `// @ts-expect-error the theme is one of the kit's`,
    `renderCase({ record: demoCase, theme: 'bootstrap' });`,
    `export { html, stream };`,
  ];
  writeFileSync(join(project, 'node-types-check.ts'), `${lines.join('\n')}\n`);
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  writeFileSync(
    join(project, 'tsconfig.node.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        // Lit's types name DOM types, on a server too.
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: ['node'],
      },
      files: ['node-types-check.ts'],
    }),
  );
  const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.node.json'], { cwd: project, encoding: 'utf8' });
  expect(
    run.stdout.split('\n').filter((l) => l.includes('error TS')),
    'tsc (node)',
  ).toEqual([]);
  expect(run.status, 'tsc (node)').toBe(0);
  console.log(`tsc (node, NodeNext resolution, skipLibCheck off): ${subpaths.length} exports, 0 errors`);
});

// The pages: served from the temporary project under a strict CSP (what an EHR sends).
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'";
let server;
let base;

test.describe('in Chromium, from the installed tarballs', () => {
  test.beforeAll(async () => {
    const top = await realpath(project);
    server = createServer(async (req, res) => {
      try {
        const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
        // Browsers ask for a favicon on their own; the pages have none.
        if (path === '/favicon.ico') return void res.writeHead(204).end();
        const file = await realpath(join(top, path));
        if (!file.startsWith(top + sep)) throw new Error('outside the project');
        const type =
          { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' }[extname(file)] ??
          'application/octet-stream';
        res.writeHead(200, { 'Content-Type': type, 'Content-Security-Policy': csp, 'Cache-Control': 'no-store' });
        res.end(await readFile(file));
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${server.address().port}`;
  });
  test.afterAll(() => new Promise((resolve) => server.close(resolve)));

  /** Tags every installed package's custom-elements.json declares. */
  function declaredTags() {
    return packages
      .filter((p) => p.customElements)
      .flatMap((p) => JSON.parse(readFileSync(join(project, 'node_modules', p.name, p.customElements), 'utf8')).modules)
      .flatMap((m) => m.declarations ?? [])
      .map((d) => d.tagName)
      .filter(Boolean);
  }

  /** `chunked`: the page loads the kit's odkit.js, which registers a widget once its tag is in the document. */
  async function expectDemoCaseRendered(page, name, what, { chunked = false } = {}) {
    const watched = await watchPage(page);
    await page.goto(`${base}/site/${name}.html`); // resolves on "load", after the module scripts ran
    // The page shows no dashboard: loadOdkit() fetches every widget's chunk from the tarball's dist/.
    if (chunked) await page.evaluate((url) => import(url).then((kit) => kit.loadOdkit()), KIT_BUNDLE);
    const tags = [...new Set(declaredTags())].sort();
    expect(tags).toEqual([
      'od-meeting-timeline',
      'od-network-map',
      'od-principles-checklist',
      'od-provider',
      'od-service-dashboard',
    ]);
    // Checked before waiting for rendering, so a dropped define module fails here, by name. The
    // chunked odkit.js registers each widget once its chunk has arrived: polled, not read once.
    await expect
      .poll(() => page.evaluate((t) => t.filter((tag) => customElements.get(tag)), tags), {
        message: 'every element in the manifests is defined',
      })
      .toEqual(tags);
    await widgetsReady(page);
    await expect(
      page
        .locator('od-network-map')
        .getByRole('button', { name: /Sarah Lewis/ })
        .first(),
    ).toBeVisible();
    await expect(page.locator('od-meeting-timeline').getByRole('button').first()).toBeVisible();
    await expect(page.locator('od-principles-checklist').getByRole('radio').first()).toBeVisible();
    const text = await page.evaluate(() =>
      ['od-network-map', 'od-meeting-timeline', 'od-principles-checklist'].map(
        (t) => document.querySelector(t).shadowRoot.textContent.replace(/\s+/g, ' ').length,
      ),
    );
    expect(Math.min(...text), 'each widget rendered text').toBeGreaterThan(100);
    expectCleanConsole(watched);
    const requests = watched.requests.filter(
      (url) => !url.startsWith(`${base}/site/`) && !url.startsWith(`${base}/node_modules/@odkit/`),
    );
    expect(requests, 'no requests beyond the page and the packed files').toEqual([]);
    console.log(
      `${what}: ${tags.map((t) => `<${t}>`).join(', ')} defined, demo case rendered, no console errors or CSP violations (${watched.requests.length} requests, all to the page)`,
    );
  }

  test("a host's bundle (esbuild, no source condition) of the widgets' define modules", async ({ page }) => {
    await expectDemoCaseRendered(page, 'host', 'host bundle of the define modules + @odkit/core');
  });

  test('a bundle using only @odkit/kit', async ({ page }) => {
    await expectDemoCaseRendered(page, 'kit', '@odkit/kit/define.js + @odkit/kit');
  });

  test('a bundle importing every export of every package', async ({ page }) => {
    await expectDemoCaseRendered(page, 'all', 'every export of every package');
    const modules = await page.evaluate(() => window.__odkitModules);
    const expected = browserPackages
      .flatMap((p) => p.subpaths.map((s) => s.specifier))
      .filter((specifier) => !isWorkerScript(specifier))
      .sort();
    expect(Object.keys(modules).sort()).toEqual(expected);
    for (const [specifier, names] of Object.entries(modules)) {
      if (!specifier.endsWith('/define.js')) expect(names.length, `${specifier} exports something`).toBeGreaterThan(0);
    }
    console.log(`every export: ${expected.join(', ')}`);
  });

  test("the kit's packed bundle (odkit.js and its sibling chunks) on a page without a bundler", async ({ page }) => {
    // Every file the build lists (each widget, the shared code, the Welsh) is in the tarball.
    const dist = join(project, 'node_modules/@odkit/kit/dist');
    const { files } = JSON.parse(readFileSync(join(dist, 'odkit.files.json'), 'utf8'));
    expect(
      files.filter((file) => !existsSync(join(dist, file))),
      'listed files missing from the tarball',
    ).toEqual([]);
    // The licences of the code each bundle holds travel with it (the minified files keep no comments).
    for (const bundle of ['odkit.js', 'odkit-classes.js', 'odkit-hydrate.js']) {
      expect(readFileSync(join(dist, `${bundle}.LICENSE.txt`), 'utf8'), bundle).toContain('lit-html');
    }
    await expectDemoCaseRendered(page, 'single-file', 'dist/odkit.js from the @odkit/kit tarball', { chunked: true });
  });
});
