// The bare page opens with no network: its service worker (./sw.js, the example a host can
// copy) answers the page's own files from its cache, the widgets render the case, and the
// console stays clean. The worker caches nothing else and deletes only its own older caches.
import { test, expect } from '@playwright/test';
import { expectCleanConsole, kitFileList, watchPage, widgetsReady } from '../support/page-watch.mjs';

/** What the worker caches: the page's files and every file of the kit the build lists. A function:
 * the list exists once the build has run. */
const cached = () => [
  '/test/hosts/bare/',
  '/test/hosts/bare/main.js',
  '/test/hosts/bare/register-sw.js',
  '/test/hosts/support/hostile.css',
  '/test/hosts/.generated/demo.js',
  ...kitFileList().files.map((file) => `/packages/kit/dist/${file}`),
];

/** The page's worker is active, and controls the page once it has been reloaded. */
const workerReady = (page) => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);

/** Every cache on the origin and the paths each holds. */
const cacheContents = (page) =>
  page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      const keys = await (await caches.open(name)).keys();
      out[name] = keys.map((r) => new URL(r.url).pathname).sort();
    }
    return out;
  });

test('bare page: loaded once, then offline, a reload renders the case from the service worker’s cache with a clean console', async ({
  page,
  context,
}) => {
  // Caches left on the origin before the page's worker first runs: an older version of this
  // page's cache (deleted on activation) and another app's cache (left alone).
  await page.goto('/test/hosts/not-a-page');
  await page.evaluate(async () => {
    await (await caches.open('odkit-bare-page-v0')).put('/old', new Response('old'));
    await (await caches.open('someone-elses-cache')).put('/theirs', new Response('theirs'));
  });

  const watched = await watchPage(page);
  await page.goto('/test/hosts/bare/');
  await widgetsReady(page);
  expect(await workerReady(page)).toMatch(/\/test\/hosts\/bare\/sw\.js$/);
  // Activation has finished once `ready` resolves: the old cache is gone, the other app's kept.
  await expect
    .poll(() => cacheContents(page))
    .toEqual({ 'odkit-bare-page-v1': cached().sort(), 'someone-elses-cache': ['/theirs'] });

  await context.setOffline(true);
  // Really offline, for the page and its worker: an unlisted file cannot be fetched.
  expect(
    await page.evaluate(() =>
      fetch('/test/hosts/bare/bare.spec.mjs').then(
        () => 'fetched',
        () => 'failed',
      ),
    ),
  ).toBe('failed');
  expect(watched.consoleErrors).toEqual(['Failed to load resource: net::ERR_INTERNET_DISCONNECTED']);
  watched.consoleErrors.length = 0;

  await page.reload();
  await widgetsReady(page);
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await expect(
    page
      .locator('od-network-map')
      .getByRole('button', { name: /Sarah Lewis/ })
      .first(),
  ).toBeVisible();
  await expect(page.locator('od-meeting-timeline #meeting-mt-14')).toBeVisible();
  await expect(page.locator('od-principles-checklist')).toContainText('Open Dialogue');
  // The worker still caches only the page's own files: nothing it passed through was added.
  expect((await cacheContents(page))['odkit-bare-page-v1']).toEqual(cached().sort());
  expectCleanConsole(watched);
  await context.setOffline(false);
});

test("the worker registers under the strict CSP (worker-src falls back to script-src 'self'; its URL goes through a Trusted Types policy)", async ({
  page,
}) => {
  const watched = await watchPage(page);
  const res = await page.goto('/test/hosts/csp/');
  expect(res.headers()['content-security-policy']).toMatch(/script-src 'self'.*require-trusted-types-for 'script'/);
  await widgetsReady(page);
  // A bare string is refused by Trusted Types: the reason the page's script uses a policy.
  const bare = await page.evaluate(() =>
    navigator.serviceWorker.register('/test/hosts/bare/sw.js', { scope: '/test/hosts/bare/' }).then(
      () => 'registered',
      (e) => e.name,
    ),
  );
  expect(bare).toBe('TypeError');
  expect(watched.consoleErrors).toEqual([
    "This document requires 'TrustedScriptURL' assignment. The action has been blocked.",
  ]);
  watched.consoleErrors.length = 0;
  watched.cspViolations.length = 0;
  const scope = await page.evaluate(async () => {
    const { registerServiceWorker } = await import('/test/hosts/bare/register-sw.js');
    const registration = await registerServiceWorker();
    const scope = registration.scope;
    await registration.unregister();
    return scope;
  });
  expect(new URL(scope).pathname).toBe('/test/hosts/bare/');
  expectCleanConsole(watched);
});
