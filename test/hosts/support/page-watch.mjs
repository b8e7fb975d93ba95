// What every host-page test watches for: console errors, uncaught exceptions, CSP
// violations and every network request the page makes — so a test can prove the
// widgets made none of their own.
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const kitDist = join(import.meta.dirname, '..', '..', '..', 'packages', 'kit', 'dist');
const screenshots = join(import.meta.dirname, '..', '..', '..', 'test-results', 'hosts', 'screenshots');

/** Starts watching `page`; call before `page.goto`. */
export async function watchPage(page) {
  const watched = { consoleErrors: [], pageErrors: [], cspViolations: [], requests: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') watched.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (error) => watched.pageErrors.push(String(error)));
  page.on('request', (request) => watched.requests.push(request.url()));
  await page.exposeFunction('__odkitCspViolation', (v) => watched.cspViolations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__odkitCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
      ),
    );
  });
  return watched;
}

/** Fails on any console error, uncaught exception or CSP violation seen so far. */
export function expectCleanConsole(watched) {
  expect(watched.pageErrors, 'uncaught exceptions').toEqual([]);
  expect(watched.consoleErrors, 'console errors').toEqual([]);
  expect(watched.cspViolations, 'securitypolicyviolation events').toEqual([]);
}

/**
 * Runs axe (WCAG 2.2 AA and best practice) over the whole page, shadow roots included,
 * or only over the elements matching `include` (CSS selectors).
 */
export async function expectNoAxeViolations(page, { include = [] } = {}) {
  let builder = new AxeBuilder({ page }).withTags([
    'wcag2a',
    'wcag2aa',
    'wcag21a',
    'wcag21aa',
    'wcag22aa',
    'best-practice',
  ]);
  for (const selector of include) builder = builder.include(selector);
  const results = await builder.analyze();
  const found = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(found, 'axe violations').toEqual([]);
}

/** Writes a full-page screenshot to test-results/hosts/screenshots/<name>.png. */
export async function saveScreenshot(page, name) {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

/** Waits until every kit element on the page has rendered its shadow root. */
export async function widgetsReady(page, tags = ['od-network-map', 'od-meeting-timeline', 'od-principles-checklist']) {
  for (const tag of tags) {
    await page.waitForFunction((t) => {
      const el = document.querySelector(t);
      return !!el?.shadowRoot && el.shadowRoot.childElementCount > 0 && el.updateComplete !== undefined;
    }, tag);
    await page.evaluate((t) => document.querySelector(t).updateComplete, tag);
  }
}

/** The three case widgets, each a chunk of the chunked bundle (dist/odkit.js). */
export const CASE_WIDGETS = ['network-map', 'meeting-timeline', 'principles-checklist'];

/** The chunked bundle's file list, written by the build beside it (see scripts/bundle.mjs). */
export function kitFileList() {
  return JSON.parse(readFileSync(join(kitDist, 'odkit.files.json'), 'utf8'));
}

/** The fetches a test refused are the only console errors: nothing was thrown into the page. */
export function expectOnlyFailedFetches(watched) {
  expect(watched.pageErrors, 'uncaught exceptions').toEqual([]);
  expect(watched.consoleErrors.filter((text) => !/Failed to load resource/.test(text))).toEqual([]);
}

/**
 * Refuses `widget`'s one file fetched on first use (`onUse` in the file list), as a page whose
 * connection has gone would, until `refuse` is set false; `requests` counts the fetches asked for.
 */
export async function refuseOnUse(page, widget) {
  const files = kitFileList().onUse[widget];
  expect(files, `${widget}'s files fetched on first use`).toHaveLength(1);
  const state = { requests: 0, refuse: true };
  await page.route(`**/packages/kit/dist/${files[0]}`, (route) => {
    state.requests++;
    return state.refuse ? route.abort('internetdisconnected') : route.continue();
  });
  return state;
}

/**
 * What a page loading dist/odkit.js fetches of the kit: odkit.js, each widget's chunk with
 * the shared chunks it imports, once the widgets have shown Welsh their Welsh chunks, and
 * once they are editable their edit forms (`editing`: true for every widget given, or the list of
 * those that are editable), once a person has used what comes on first use (`onUse`, the same
 * way: the map's PNG painter, the timeline's date filter), and with `offline` odkit-offline.js
 * and what it imports (a host script's offline store). Read from the build's own file list, so
 * a test fails on a request the list does not name.
 */
export function kitFiles(
  widgets = CASE_WIDGETS,
  { welsh = false, editing = false, onUse = false, offline = false } = {},
) {
  const list = kitFileList();
  const files = new Set([list.entry, ...(offline ? list.entries['odkit-offline.js'] : [])]);
  for (const widget of widgets) {
    for (const file of list.widgets[widget]) files.add(file);
    if (welsh) for (const file of list.welsh[widget]) files.add(file);
    const given = (option) => option === true || (Array.isArray(option) && option.includes(widget));
    if (given(editing)) for (const file of list.editing[widget]) files.add(file);
    if (given(onUse)) for (const file of list.onUse[widget]) files.add(file);
  }
  return [...files].map((file) => `/packages/kit/dist/${file}`);
}

/**
 * Fails unless the page requested exactly `expected` (paths, query strings included) apart
 * from requests `extra(url)` accepts — the proof that the widgets fetch nothing of their
 * own (no fonts, images, analytics, source maps). Downloads the page offers are local
 * `blob:` URLs of its own origin, which are no network request; they are accepted too.
 */
export function expectOnlyRequests(page, watched, expected, extra = () => false) {
  const origin = new URL(page.url()).origin;
  const network = watched.requests.filter((url) => !url.startsWith(`blob:${origin}/`));
  const own = [
    ...new Set(
      network
        .filter((url) => !extra(url))
        .map((url) => (url.startsWith(`${origin}/`) ? url.slice(origin.length) : url)),
    ),
  ];
  expect(own.sort(), 'requests beyond the page’s own files').toEqual([...expected].sort());
}
