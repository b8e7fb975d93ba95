// node --test scripts/chunked-bundle.test.mjs (part of `npm run test:node`): the kit's chunked
// bundle as scripts/bundle.mjs writes it, built into a folder of its own. Its file list names
// every file it wrote and no other; no English page fetches Welsh (no -cy file is imported
// statically); each widget's chunk is fetched together with the chunks it imports; the
// offline stores are in odkit-offline.js alone, which imports the rest from odkit.js; and the
// edit forms, the timeline's date filter, the map's PNG painter and the review panel for
// conflicts are files no widget page imports statically.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMPILE_HINT, chunkedBundle, writeBundle } from './bundle.mjs';
import { root } from './packages.mjs';

const dir = mkdtempSync(join(tmpdir(), 'odkit-chunked-'));
// A file from an older build, which the build must delete rather than leave to be served, and
// another bundle of the package in the same folder, which it must leave alone.
writeFileSync(join(dir, 'odkit-stale.js'), 'export {};');
writeFileSync(join(dir, 'odkit-classes.js'), 'export {};');
await writeBundle(
  chunkedBundle(join(root, 'packages/kit/src/bundle.ts'), join(dir, 'odkit.js'), {
    entries: { 'odkit-offline.js': join(root, 'packages/kit/src/offline.ts') },
    keep: ['odkit-classes.js'],
  }),
);
const list = JSON.parse(readFileSync(join(dir, 'odkit.files.json'), 'utf8'));
const code = (file) => readFileSync(join(dir, file), 'utf8');
/** The files `file` imports statically (`from"./x.js"`, `import"./x.js"`). */
const staticImports = (file) =>
  [...code(file).matchAll(/(?:from|import)\s*"\.\/([\w-]+\.js)"/g)].map((m) => m[1]).filter((f) => f !== file);
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('odkit.files.json lists every file written and nothing else; an older build’s file is gone, another bundle’s kept', () => {
  const written = readdirSync(dir)
    .filter((f) => f.endsWith('.js') && f !== 'odkit-classes.js')
    .sort();
  assert.deepEqual(list.files, written);
  assert.ok(!list.files.includes('odkit-stale.js'));
  assert.equal(code('odkit-classes.js'), 'export {};');
  assert.equal(list.entry, 'odkit.js');
  assert.deepEqual(Object.keys(list.widgets).sort(), [
    'meeting-timeline',
    'network-map',
    'principles-checklist',
    'service-dashboard',
  ]);
});

test('no file an English page fetches imports Welsh statically: Welsh files are only imported lazily', () => {
  const english = new Set([list.entry, ...Object.values(list.widgets).flat()]);
  for (const file of english) {
    assert.equal(/-cy\.js$/.test(file), false, `${file} is fetched for English`);
    for (const imported of staticImports(file))
      assert.doesNotMatch(imported, /-cy\.js$/, `${file} imports ${imported}`);
  }
  for (const [widget, files] of Object.entries(list.welsh)) {
    assert.ok(files.length > 0 && files.every((f) => /-cy\.js$/.test(f)), `${widget}'s Welsh: ${files}`);
  }
});

test('each widget’s chunk is fetched together with the shared chunks it imports (one round trip, not two)', () => {
  const entry = code(list.entry);
  for (const [widget, files] of Object.entries(list.widgets)) {
    const chunk = `odkit-${widget}.js`;
    const shared = files.filter((f) => f !== chunk).sort();
    assert.deepEqual(
      staticImports(chunk)
        .filter((f) => f !== list.entry)
        .sort(),
      shared,
      `${chunk}'s imports`,
    );
    // The entry's import() of the chunk is preceded, in the same expression, by import()s of each shared file.
    const call = new RegExp(
      `\\(((?:import\\("\\./[\\w-]+\\.js"\\)\\.catch\\([^)]*\\)[^,]*,)*)import\\("\\./${chunk}"\\)`,
    );
    const found = call.exec(entry);
    assert.ok(found, `the entry imports ${chunk}`);
    const early = [...found[1].matchAll(/import\("\.\/([\w-]+\.js)"\)/g)].map((m) => m[1]).sort();
    assert.deepEqual(early, shared, `fetched with ${chunk}`);
  }
});

test('a read-only page never fetches the edit forms: they are imported lazily, and listed under `editing`', () => {
  const readOnly = new Set([list.entry, ...Object.values(list.widgets).flat()]);
  const forms = list.files.filter((f) => /-forms\.js$/.test(f));
  assert.deepEqual(forms, ['odkit-meeting-timeline-forms.js', 'odkit-network-map-forms.js']);
  for (const file of readOnly) {
    assert.ok(!forms.includes(file), `${file} is fetched read-only`);
    for (const imported of staticImports(file)) assert.ok(!forms.includes(imported), `${file} imports ${imported}`);
  }
  for (const widget of ['network-map', 'meeting-timeline']) {
    const file = `odkit-${widget}-forms.js`;
    assert.ok(list.editing[widget].includes(file), `${widget}'s editing files`);
    assert.ok(code(`odkit-${widget}.js`).includes(`import("./${file}")`), `odkit-${widget}.js imports ${file}`);
    // Listed once: what the widget's first paint already fetched is not listed again.
    for (const f of list.editing[widget]) assert.ok(!list.widgets[widget].includes(f), f);
  }
  // The timeline's meeting and episode edits come with its forms: only they read an open form back
  // (`.details.form form`, `#episode-form`) to merge a change saved elsewhere. So do the words only
  // the forms use (one of them here).
  for (const marker of ['.details.form form', '#episode-form', 'Enter why responsibility is handed over']) {
    assert.ok(code('odkit-meeting-timeline-forms.js').includes(marker), `the forms file reads ${marker}`);
    for (const file of readOnly) assert.ok(!code(file).includes(marker), `${file} holds the timeline's edits`);
  }
  // The map's words only its forms use come with them too (two of them here).
  for (const marker of ['Enter the relationship to the person', 'Relationship to the person']) {
    assert.ok(code('odkit-network-map-forms.js').includes(marker), `the map's forms file holds "${marker}"`);
    for (const file of readOnly) assert.ok(!code(file).includes(marker), `${file} holds "${marker}"`);
  }
});

test('a timeline paints without its date filter form, a map without its PNG painter: files of their own, listed under `onUse`', () => {
  const firstPaint = new Set([list.entry, ...Object.values(list.widgets).flat()]);
  assert.deepEqual(list.onUse, {
    'network-map': ['odkit-network-map-png.js'],
    'meeting-timeline': ['odkit-meeting-timeline-range.js'],
    'principles-checklist': [],
    'service-dashboard': [],
  });
  // Only the PNG painter draws text on a canvas with an outline (strokeText).
  assert.ok(code('odkit-network-map-png.js').includes('strokeText'));
  for (const file of firstPaint) {
    assert.ok(!code(file).includes('strokeText'), `${file} holds the PNG painter`);
    assert.ok(!staticImports(file).includes('odkit-network-map-png.js'), `${file} imports it`);
  }
  // Only the form's template writes its <form id="range" novalidate>.
  const form = 'id="range" novalidate';
  assert.ok(code('odkit-meeting-timeline-range.js').includes(form));
  for (const file of firstPaint) {
    assert.ok(!code(file).includes(form), `${file} holds the date filter form`);
    assert.ok(!staticImports(file).includes('odkit-meeting-timeline-range.js'), `${file} imports it`);
  }
  assert.ok(code('odkit-meeting-timeline.js').includes('import("./odkit-meeting-timeline-range.js")'));
});

/** The names a built file exports (its `export{a as Name,…}`). */
const exportNames = (file) =>
  [...code(file).matchAll(/export\{([^}]*)\}/g)]
    .flatMap((m) => m[1].split(','))
    .map((binding) => binding.split(' as ').at(-1).trim())
    .sort();
const OFFLINE = ['IndexedDbStore', 'SyncedStore', 'UnsentEditsError', 'clearFromDevice', 'openFromHost'];

test('the offline stores are in odkit-offline.js alone, which takes everything else from odkit.js', () => {
  assert.deepEqual(list.entries, { 'odkit-offline.js': ['odkit-offline.js'] });
  assert.deepEqual(exportNames('odkit-offline.js'), OFFLINE);
  // One more file for a page with an offline store, not two: the SDK it shares with the widgets is odkit.js's.
  assert.deepEqual(staticImports('odkit-offline.js'), ['odkit.js']);
  const entry = exportNames('odkit.js');
  assert.ok(entry.includes('MemoryStore') && entry.includes('parseCaseRecord'), 'odkit.js exports the SDK');
  for (const name of OFFLINE) assert.ok(!entry.includes(name), `odkit.js exports ${name}`);
  // No file a widget page fetches holds the offline stores' code: their errors' names are written out in it.
  const widgetPage = new Set([list.entry, ...Object.values(list.widgets).flat()]);
  for (const file of widgetPage) {
    assert.doesNotMatch(code(file), /UnsentEditsError|odkit-sync/, `${file} holds offline code`);
    assert.ok(!staticImports(file).includes('odkit-offline.js'), `${file} imports odkit-offline.js`);
  }
});

test('a page whose store has no conflict never fetches the review panel: it is imported lazily, and listed under `conflicts`', () => {
  const panel = list.files.filter((f) => /-review-panel\.js$/.test(f));
  assert.deepEqual(panel, ['odkit-review-panel.js']);
  // The panel's template is the only code that writes the Keep mine / Keep theirs buttons (data-keep).
  assert.match(code('odkit-review-panel.js'), /data-keep/);
  const page = new Set([list.entry, ...Object.values(list.entries).flat(), ...Object.values(list.widgets).flat()]);
  for (const file of page) {
    assert.doesNotMatch(code(file), /data-keep/, `${file} holds the review panel`);
    assert.ok(!staticImports(file).includes('odkit-review-panel.js'), `${file} imports the review panel`);
  }
  // Every widget that shows the sync status line lists it, with what it imports that the widget's first paint
  // did not fetch (listed once); the dashboard shows none.
  assert.deepEqual(list.conflicts['service-dashboard'], []);
  for (const widget of ['network-map', 'meeting-timeline', 'principles-checklist']) {
    const files = list.conflicts[widget];
    assert.ok(files.includes('odkit-review-panel.js'), `${widget} lists the panel`);
    for (const imported of staticImports('odkit-review-panel.js').filter((f) => f !== list.entry))
      assert.ok(files.includes(imported) || list.widgets[widget].includes(imported), `${widget}: ${imported}`);
    for (const f of files) assert.ok(!list.widgets[widget].includes(f), `${widget} lists ${f} twice`);
  }
});

test("every file starts with V8's compile hint, on a line of its own, so its functions are compiled as it loads", () => {
  for (const file of list.files) {
    assert.ok(
      code(file).startsWith(`${COMPILE_HINT}\n`),
      `${file} starts with ${JSON.stringify(code(file).slice(0, 40))}`,
    );
  }
  // Written once per file, and not into another bundle left in the folder.
  for (const file of list.files) assert.equal(code(file).split(COMPILE_HINT).length, 2, `${file} holds it once`);
  assert.equal(code('odkit-classes.js'), 'export {};');
});

test('the licences of the code bundled are in odkit.js.LICENSE.txt beside it, and in no file a page fetches', () => {
  const notices = readFileSync(join(dir, 'odkit.js.LICENSE.txt'), 'utf8');
  // Every package with code in the bundle, by name, version and licence, followed by its licence's text.
  for (const [name, licence, holder] of [
    ['lit-html', 'BSD-3-Clause', 'Google LLC'],
    ['lit-element', 'BSD-3-Clause', 'Google LLC'],
    ['@lit/reactive-element', 'BSD-3-Clause', 'Google LLC'],
    ['@lit/context', 'BSD-3-Clause', 'Google LLC'],
    ['zod', 'MIT', 'Colin McDonnell'],
    ['d3-force', 'ISC', 'Mike Bostock'],
    ['d3-quadtree', 'ISC', 'Mike Bostock'],
    ['@odkit/core', 'MIT', 'Open Dialogue Kit contributors'],
  ]) {
    const heading = new RegExp(`\\n${name.replace('/', '\\/')} \\d+\\.\\d+\\.\\d+ \\(${licence}\\)\\n`).exec(notices);
    assert.ok(heading, `${name} is listed, with its version and licence`);
    const text = notices.slice(heading.index).split('\n---\n')[0];
    assert.match(text, new RegExp(`Copyright .*${holder}`), `${name}'s notice is copied`);
  }
  // No package is listed that the bundle does not hold (d3's timer and dispatch are not in it).
  assert.doesNotMatch(notices, /\nd3-timer /);
  for (const file of list.files) assert.doesNotMatch(code(file), /@license|Copyright/, `${file} holds no notice`);
});
