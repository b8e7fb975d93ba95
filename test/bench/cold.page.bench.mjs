#!/usr/bin/env node
// The cold-page benchmark: what a practitioner feels when a host page opens a case.
// Each sample is a fresh browser context (empty cache, no compiled code, no Intl data
// warmed) loading a page whose one script is the production bundle,
// packages/kit/dist/odkit.js (built first, as `npm run build` builds it). The first
// widget on that freshly loaded page is timed from the record being set until the frame
// showing its last render has painted (see paintInPage); medians of COLD_RUNS fresh pages.
// Beside each cold figure, the warm one: the same widget made again on the same page (what
// the other browser benchmarks time), and the cold figure with the widget's code fetched
// before the record is set ("code ahead": a page whose HTML holds the tag, or loadOdkit()
// called early; the same as cold for a one-file build), with the layouts and style
// recalculations Chromium counted in that sample (medians: counts hold still on a busy
// machine where times do not). Then the JavaScript fetched before
// the first paint, gzipped at level 9 (what a server compressing its files sends), for the
// three widgets together and for each alone, in English, read-only, and for the three with the
// case kept on the device (odkit-offline.js, which a build before it had not: skipped there),
// and beside each, how much of it ran before that paint (V8's block coverage, each file's
// bytes that ran gzipped as the file is): the least that page could fetch while that code runs.
//
//   node test/bench/cold.page.bench.mjs          (run.mjs runs it with the other benchmarks)
//   COLD_RUNS=20 node test/bench/cold.page.bench.mjs
//   node test/bench/cold.page.bench.mjs map bytes   only the rows whose name contains "map", and the bytes
//   COLD_DIST=/tmp/before node test/bench/cold.page.bench.mjs   another build's odkit.js (and chunks), not rebuilt
//
// Exits non-zero when a median misses its target (issue 15).
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { singleFileBundles, writeBundle } from '../../scripts/bundle.mjs';

const root = resolve(import.meta.dirname, '../..');
// COLD_DIST=<folder> serves another build of odkit.js (say, an earlier commit's) as it is, for a before/after.
const dist = process.env.COLD_DIST ? resolve(process.env.COLD_DIST) : join(root, 'packages/kit/dist');
const RUNS = Number(process.env.COLD_RUNS ?? 10);
const WARM_RUNS = 5;

// The production bundle, built as the build builds it (and its chunks, when it has them).
const builds = process.env.COLD_DIST
  ? []
  : singleFileBundles().filter(
      // A chunked bundle's input is its entry by name ({ odkit: '…/src/bundle.ts' }).
      (c) => (c.output.file ?? c.output.dir).startsWith(dist) && c.input.odkit?.endsWith('bundle.ts'),
    );
for (const config of builds) {
  await writeBundle(config);
}

// The fixtures are TypeScript importing only types: bundle them for node.
const tmp = mkdtempSync(join(tmpdir(), 'odkit-cold-'));
const fixturesFile = join(tmp, 'fixtures.mjs');
await build({
  stdin: {
    contents: "export { generateCase, demoCase } from './index.ts'; export { longHistory } from './long-history.ts';",
    resolveDir: join(root, 'test/fixtures'),
    loader: 'ts',
  },
  outfile: fixturesFile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  conditions: ['source'],
  logLevel: 'warning',
});
const { generateCase, longHistory, demoCase } = await import(pathToFileURL(fixturesFile).href);
rmSync(tmp, { recursive: true, force: true });
// The record as a host hands it over: plain JSON values.
const plain = (record) => JSON.parse(JSON.stringify(record));

const AS_OF = '2300-01-01T12:00:00+00:00';
const map = (members) => ({
  tag: 'od-network-map',
  attributes: { sectors: '' },
  record: plain(generateCase({ members, meetings: 20, seed: 1 })),
});
const timeline = (meetings) => ({
  tag: 'od-meeting-timeline',
  attributes: { 'as-of': AS_OF, 'time-zone': 'Europe/London' },
  record: plain(longHistory(meetings)),
});
const checklist = () => ({
  tag: 'od-principles-checklist',
  attributes: { 'meeting-id': 'mt-14', 'instrument-id': 'od-key-elements' },
  record: plain(demoCase),
});

const filters = process.argv.slice(2);
const wanted = (name) => filters.length === 0 || filters.some((f) => name.includes(f));
const benchmarks = [
  { name: 'map, 50 members', target: 50, ...map(50) },
  { name: 'map, 1,000 members', target: 250, ...map(1000) },
  { name: 'timeline, 100 meetings', target: 50, ...timeline(100) },
  { name: 'timeline, 1,000 meetings', target: 100, ...timeline(1000) },
  { name: 'checklist, 12 items', target: 40, ...checklist() },
];

// A plain static server: the page, and the kit's dist/ folder as a host would copy it.
const PAGE =
  '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>cold</title><link rel="icon" href="data:,">' +
  '<script type="module" src="/dist/odkit.js"></script></head><body></body></html>';
const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/') return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE);
  const file = normalize(join(dist, path.replace(/^\/dist\//, '')));
  if (!path.startsWith('/dist/') || !file.startsWith(dist + sep)) return void res.writeHead(404).end();
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
    res.writeHead(200, {
      'Content-Type': extname(file) === '.js' ? 'text/javascript' : 'application/octet-stream',
      'Cache-Control': 'no-store',
    });
    res.end(readFileSync(file));
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${server.address().port}`;

/**
 * In the page: make the widgets, set their records, and time until the frame showing their last render has painted.
 * A frame has painted when a task posted from its animation-frame callback runs; the last render is the last change
 * to a widget's shadow DOM (a MutationObserver), or the widget's definition when its chunk arrives inside the window
 * (its first render comes with it). The time is the first such painted frame after the last render, taken once every
 * widget's `updateComplete` has resolved. A render inside a frame (the map draws its picture in the frame whose
 * resize observation gives its size, and its `updateComplete` resolves after that frame) shows in that frame.
 */
async function paintInPage(widgets) {
  const start = performance.now();
  let last = start;
  const painted = [];
  let running = true;
  const frame = () =>
    requestAnimationFrame(() =>
      setTimeout(() => {
        painted.push(performance.now());
        if (running) frame();
      }),
    );
  frame();
  const changed = () => (last = performance.now());
  const changes = new MutationObserver(changed);
  const watched = new Set();
  const watch = (el) => {
    if (watched.has(el) || !el.shadowRoot) return;
    watched.add(el);
    changes.observe(el.shadowRoot, { subtree: true, childList: true, attributes: true, characterData: true });
  };
  const elements = widgets.map(({ tag, attributes, record }) => {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    el.record = record;
    document.body.append(el);
    watch(el);
    return el;
  });
  for (const el of elements) {
    if (!watched.has(el)) {
      // Defined once its chunk has come: its first render came with its definition, before it could be watched.
      await customElements.whenDefined(el.localName);
      changed();
      watch(el);
    }
    await el.updateComplete;
  }
  // A change not yet delivered to the observer counts as made now (later than it was: the figure errs long).
  if (changes.takeRecords().length) changed();
  let shown;
  while ((shown = painted.find((t) => t > last)) === undefined)
    await new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
  running = false;
  changes.disconnect();
  for (const el of elements) if (!el.shadowRoot?.childElementCount) throw new Error(`${el.localName} rendered nothing`);
  return shown - start;
}

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });

/**
 * A fresh context and page with the bundle loaded; `scripts` collects every script response. With `coverage`, V8's
 * block coverage runs from before the page loads: `takeCoverage()` then says which bytes of each script ran.
 */
async function freshPage({ coverage = false } = {}) {
  const context = await browser.newContext();
  // The timing function, given to the page without a request (it is not the kit's code).
  await context.addInitScript({ content: `window.paintInPage = ${paintInPage.toString()};` });
  const page = await context.newPage();
  let takeCoverage;
  if (coverage) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.startPreciseCoverage', { detailed: true });
    takeCoverage = async () => (await cdp.send('Profiler.takePreciseCoverage')).result;
  }
  const scripts = [];
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('response', (response) => {
    // A body not read before the context closes (a timing sample does not wait for them) is left out.
    if (response.request().resourceType() === 'script')
      scripts.push(
        response.body().then(
          (body) => ({ url: response.url(), body }),
          () => null,
        ),
      );
  });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  page.on('console', (message) => message.type() === 'error' && errors.push(new Error(message.text())));
  await page.goto(`${origin}/`);
  return { context, page, scripts, requests, errors, takeCoverage };
}

/**
 * The part of a script's text that ran, by V8's block coverage of it (`functions`): each range is a function or a
 * block inside one with its count, an inner range after the one holding it, so painting them in order leaves each
 * byte marked by the innermost range around it. A function that was compiled but never called did not run; a string
 * table evaluated at load did, every entry of it.
 */
function ranText(text, functions) {
  const ran = new Uint8Array(text.length);
  const ranges = functions.flatMap((f) => f.ranges);
  ranges.sort((a, b) => a.startOffset - b.startOffset || b.endOffset - a.endOffset);
  for (const { startOffset, endOffset, count } of ranges) ran.fill(count > 0 ? 1 : 0, startOffset, endOffset);
  let out = '';
  for (let i = 0; i < text.length;) {
    const start = i;
    while (i < text.length && ran[i] === ran[start]) i++;
    if (ran[start]) out += text.slice(start, i);
  }
  return out;
}

const median = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

let missed = 0;
const rows = [];
try {
  for (const bench of benchmarks.filter((b) => wanted(b.name))) {
    const cold = [];
    const ahead = [];
    const layouts = [];
    const styles = [];
    const warm = [];
    const widget = { tag: bench.tag, attributes: bench.attributes, record: bench.record };
    for (let i = 0; i < RUNS; i++) {
      // Code fetched ahead: as on a page whose HTML holds the tag (odkit.js fetches its chunk as
      // it runs) or a host calling loadOdkit() early; nothing to fetch with a one-file build.
      const early = await freshPage();
      await early.page.evaluate(
        (tag) => import('/dist/odkit.js').then((kit) => kit.loadOdkit?.([tag.replace(/^od-/, '')])),
        bench.tag,
      );
      // Chromium's own counts of layouts and style recalculations in the sample: unlike times, they hold still on a
      // busy machine, and a layout forced inside an update shows as one more.
      const cdp = await early.context.newCDPSession(early.page);
      await cdp.send('Performance.enable');
      const counts = async () => {
        const { metrics } = await cdp.send('Performance.getMetrics');
        const count = (name) => metrics.find((m) => m.name === name)?.value ?? NaN;
        return { layouts: count('LayoutCount'), styles: count('RecalcStyleCount') };
      };
      const before = await counts();
      ahead.push(await early.page.evaluate((w) => window.paintInPage(w), [widget]));
      const after = await counts();
      layouts.push(after.layouts - before.layouts);
      styles.push(after.styles - before.styles);
      await early.context.close();
      if (early.errors.length)
        throw new Error(`${bench.name}: the page reported ${early.errors.map(String).join('; ')}`);

      const { context, page, errors } = await freshPage();
      cold.push(await page.evaluate((w) => window.paintInPage(w), [widget]));
      // Warm: the same widget again on the same page, once the first is gone (two untimed).
      if (i === 0) {
        for (let w = 0; w < WARM_RUNS + 2; w++) {
          const ms = await page.evaluate(
            (args) => {
              for (const el of document.body.querySelectorAll(args.tag)) el.remove();
              return window.paintInPage(args.widgets);
            },
            { tag: bench.tag, widgets: [widget] },
          );
          if (w >= 2) warm.push(ms);
        }
      }
      await context.close();
      if (errors.length) throw new Error(`${bench.name}: the page reported ${errors.map(String).join('; ')}`);
    }
    const coldMedian = median(cold);
    const ok = coldMedian <= bench.target;
    if (!ok) missed++;
    rows.push([
      bench.name,
      coldMedian.toFixed(1),
      Math.min(...cold).toFixed(1),
      median(ahead).toFixed(1),
      `${median(layouts)} / ${median(styles)}`,
      median(warm).toFixed(1),
      `≤ ${bench.target}`,
      ok ? 'PASS' : 'FAIL',
    ]);
  }
} catch (error) {
  await browser.close();
  server.close();
  throw error;
}

function table(head, body) {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of body) console.log(line(row));
}

console.log(
  `Cold page (fresh browser context, dist/odkit.js): record set → painted, median of ${RUNS} pages; warm: the same widget again on the page, median of ${WARM_RUNS}`,
);
table(
  [
    'first widget on a fresh page',
    'cold median ms',
    'cold min ms',
    'code ahead ms',
    'layouts / styles',
    'warm median ms',
    'target ms',
    '',
  ],
  rows,
);

// Bytes: every script fetched until the widgets have painted, English, read-only.
const byteCases = [
  { name: 'all three widgets', widgets: [benchmarks[0], benchmarks[2], benchmarks[4]], target: 55 },
  { name: 'network map alone', widgets: [benchmarks[0]], target: 35 },
  { name: 'meeting timeline alone', widgets: [benchmarks[2]], target: 35 },
  { name: 'principles checklist alone', widgets: [benchmarks[4]], target: 35 },
  // What a host keeping the case on the device adds (its script imports openFromHost): no target of its own.
  { name: 'all three, case on the device', widgets: [benchmarks[0], benchmarks[2], benchmarks[4]], offline: true },
];
const byteRows = [];
for (const { name, widgets, target, offline } of wanted('bytes') ? byteCases : []) {
  if (offline && !existsSync(join(dist, 'odkit-offline.js'))) continue;
  const { context, page, scripts, requests, errors, takeCoverage } = await freshPage({ coverage: true });
  if (offline) await page.evaluate(() => import('/dist/odkit-offline.js'));
  await page.evaluate(
    (w) => window.paintInPage(w),
    widgets.map(({ tag, attributes, record }) => ({ tag, attributes, record })),
  );
  const coverage = await takeCoverage();
  const bodies = (await Promise.all(scripts)).filter(Boolean);
  await context.close();
  if (errors.length) throw new Error(`${name}: the page reported ${errors.map(String).join('; ')}`);
  const gzip = bodies.reduce((sum, { body }) => sum + gzipSync(body, { level: 9 }).length, 0);
  // What ran of each file, gzipped as the file is: the least any split by module could fetch for this page.
  const ranGzip = bodies.reduce((sum, { url, body }) => {
    const script = coverage.find((c) => c.url === url);
    if (!script) throw new Error(`${name}: no coverage of ${url}`);
    return sum + gzipSync(ranText(body.toString('utf8'), script.functions), { level: 9 }).length;
  }, 0);
  const raw = bodies.reduce((sum, { body }) => sum + body.length, 0);
  const files = bodies.map(({ url }) => new URL(url).pathname.replace('/dist/', '')).join(' ');
  const kb = gzip / 1000;
  if (kb > target) missed++;
  byteRows.push([
    name,
    (raw / 1000).toFixed(1),
    kb.toFixed(1),
    (ranGzip / 1000).toFixed(1),
    target === undefined ? '' : `≤ ${target}`,
    target === undefined ? '' : kb <= target ? 'PASS' : 'FAIL',
    `${requests.length - 1} requests: ${files}`,
  ]);
}
console.log('\nJavaScript fetched before the first paint (English, read-only), kB');
table(['page shows', 'minified', 'gzip', 'of it ran', 'target', '', 'files'], byteRows);
console.log(
  '"Of it ran": the gzip of only the bytes that ran before the first paint (V8 block coverage), file by file: the ' +
    'floor for these pages until less code runs on them.',
);

await browser.close();
server.close();
if (missed) {
  console.log(`\n${missed} figure(s) over target.`);
  process.exitCode = 1;
}
