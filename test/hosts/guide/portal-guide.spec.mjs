// The portal guide's page, built from the guide's own text (docs/embedding-portal.md, section 3):
// its HTML and its page script are taken from the markdown as written and served at the paths
// they name (/css/…, /js/…, /api/cases/123), mapped to GOV.UK Frontend's and the kit's files and
// the demo case. If the guide's page stops working (a missing class, a wrong import, a heading
// out of order), this fails.
import { test, expect } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expectCleanConsole, expectNoAxeViolations, watchPage, widgetsReady } from '../support/page-watch.mjs';

const root = join(import.meta.dirname, '..', '..', '..');
const guide = readFileSync(join(root, 'docs/embedding-portal.md'), 'utf8');
const blocks = [...guide.matchAll(/^```(\w+)\n([\s\S]*?)^```/gm)].map(([, lang, body]) => ({ lang, body }));

/** The one block of `lang` that `test` picks, failing clearly when the guide has none or several. */
function block(lang, pick, what) {
  const found = blocks.filter((b) => b.lang === lang && pick(b.body));
  expect(found.length, `one ${what} in docs/embedding-portal.md`).toBe(1);
  return found[0].body;
}

const pageHtml = block('html', (b) => b.startsWith('<!doctype html>') && b.includes('govuk-template'), 'GOV.UK page');
const pageJs = block('js', (b) => b.includes("from '/js/govuk-frontend.min.js'"), 'page script (/js/page.js)');

/** What the guide's paths are on this server: the files a host would have copied there. */
const files = {
  '/css/govuk-frontend.min.css': 'node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css',
  '/js/govuk-frontend.min.js': 'node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js',
};
/** The kit's folder, copied as the guide says: /js/odkit/ holds dist/'s odkit*.js files. */
const kitFolder = '/js/odkit/';

test.describe.configure({ timeout: 120_000 });

test('the portal guide’s GOV.UK page, as written, renders the widgets under its headings with no axe violations', async ({
  page,
  baseURL,
}) => {
  const { demoCase } = await import(pathToFileURL(join(root, 'test/hosts/.generated/demo.js')).href);
  const watched = await watchPage(page);
  await page.route(`${baseURL}/guide/`, (route) => route.fulfill({ body: pageHtml, contentType: 'text/html' }));
  await page.route(`${baseURL}/js/page.js`, (route) => route.fulfill({ body: pageJs, contentType: 'text/javascript' }));
  for (const [path, file] of Object.entries(files)) {
    await page.route(`${baseURL}${path}`, (route) => route.fulfill({ path: join(root, file) }));
  }
  await page.route(`${baseURL}${kitFolder}*`, (route) => {
    const name = new URL(route.request().url()).pathname.slice(kitFolder.length);
    return /^odkit[\w-]*\.js$/.test(name)
      ? route.fulfill({ path: join(root, 'packages/kit/dist', name) })
      : route.fulfill({ status: 404 });
  });
  // The host's case 123 (the guide opens it under its own id, `caseId: record.id`).
  await page.route(`${baseURL}/api/cases/123`, (route) =>
    route.fulfill({ json: { record: { ...demoCase, id: 'case-123' }, version: 1 } }),
  );

  await page.goto('/guide/');
  await widgetsReady(page);

  // GOV.UK Frontend started: its supported class (the guide's inline script) and its own JavaScript ran.
  await expect(page.locator('body')).toHaveClass(/govuk-frontend-supported/);
  await expect(page.locator('.govuk-skip-link')).toHaveAttribute('data-govuk-skip-link-init', '');
  // The case reached the widgets through the guide's store code.
  await expect(
    page.locator('od-meeting-timeline').getByRole('heading', { level: 3, name: /Maya Lewis/ }),
  ).toBeVisible();
  // heading-level="3": the widgets' titles sit under the page's h2s.
  await expect(page.locator('od-principles-checklist').getByRole('heading', { level: 3 })).toHaveCount(1);
  await expect(page.locator('od-network-map').getByRole('heading', { level: 3 })).toHaveCount(1);
  // The primary action is GOV.UK's green button.
  const complete = page.locator('od-principles-checklist').getByRole('button', { name: 'Complete assessment' });
  expect(await complete.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(0, 112, 60)');

  await expectNoAxeViolations(page);
  expectCleanConsole(watched);

  // The CSP hash the guide gives is the inline script's, exactly as written there.
  const inline = /<script>([^<]*)<\/script>/.exec(pageHtml)[1];
  const hash = createHash('sha256').update(inline).digest('base64');
  expect(guide).toContain(`'sha256-${hash}'`);
});
