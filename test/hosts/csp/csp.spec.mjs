// The strict-CSP page: everything a person does with the widgets, under
//   default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'
// with zero securitypolicyviolation events and no CSP or Trusted Types report in the console.
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import {
  expectCleanConsole,
  expectNoAxeViolations,
  expectOnlyRequests,
  CASE_WIDGETS,
  kitFiles,
  saveScreenshot,
  watchPage,
  widgetsReady,
} from '../support/page-watch.mjs';

const POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'";

/** Every console message (any level) that is a CSP or Trusted Types report. */
function watchCspReports(page) {
  const reports = [];
  page.on('console', (msg) => {
    if (/content security policy|trusted ?type|refused to/i.test(msg.text()))
      reports.push(`${msg.type()}: ${msg.text()}`);
  });
  return reports;
}

/** The store's record, read in the page (the host left its store on window). */
const record = (page) => page.evaluate(() => window.odkitStore.snapshot.record);

test('the page really is served with the strict policy', async ({ request }) => {
  const res = await request.get('/test/hosts/csp/');
  expect(res.headers()['content-security-policy']).toBe(POLICY);
});

test('under a strict CSP with Trusted Types every widget works: edit, rate, export, tables, Welsh', async ({
  page,
}) => {
  const watched = await watchPage(page);
  const reports = watchCspReports(page);
  await page.goto('/test/hosts/csp/');
  await widgetsReady(page);
  const map = page.locator('od-network-map');
  const timeline = page.locator('od-meeting-timeline');
  const checklist = page.locator('od-principles-checklist');
  await expect(map.getByRole('button', { name: /Sarah Lewis/ }).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'csp');

  // Map: add a member through the form.
  await map.getByRole('button', { name: 'Add a member' }).click();
  await map.locator('#member-name').fill('Ffion Rees');
  await map.locator('#member-relationship').fill('Cousin');
  await map.getByRole('button', { name: 'Save' }).click();
  await expect(map.locator('[role="status"]')).toHaveText('Saved.');
  expect((await record(page)).members.some((m) => m.name === 'Ffion Rees' && m.relationship.text === 'Cousin')).toBe(
    true,
  );
  await expect(map.getByRole('button', { name: /Ffion Rees/ }).first()).toBeVisible();

  // Timeline: open a meeting, edit its place, save.
  await timeline.locator('#meeting-mt-14').click();
  await timeline.locator('[data-action="edit"]').click();
  await timeline.locator('#mt-place').fill('College library');
  await timeline.locator('.side form button[type="submit"]').click();
  await expect
    .poll(async () => (await record(page)).meetings.find((m) => m.id === 'mt-14').place)
    .toBe('College library');

  // Checklist: rate an item and name the rater; it saves as you go.
  await checklist.locator('#rater-name').fill('Jo Whitfield');
  const fully = await checklist
    .locator('input[type=radio][name="item-immediate-help"]')
    .and(checklist.getByRole('radio', { name: 'Fully' }))
    .getAttribute('id');
  await checklist.locator(`label[for="${fully}"]`).click();
  await expect
    .poll(
      async () =>
        (await record(page)).assessments.find(
          (a) => a.meetingId === 'mt-13' && a.instrumentId === 'od-seven-principles',
        )?.ratings,
    )
    .toEqual([{ itemId: 'immediate-help', value: 4 }]);
  await expect(checklist.locator('.save-status')).toHaveText(/Saved as you go\. Last saved \d\d:\d\d\./);

  // Map export: SVG (serialised text) and PNG (painted on a canvas, no image loading).
  const [svg] = await Promise.all([
    page.waitForEvent('download'),
    map.getByRole('button', { name: 'Download SVG' }).click(),
  ]);
  expect(svg.suggestedFilename()).toMatch(/\.svg$/);
  const svgText = await readFile(await svg.path(), 'utf8');
  expect(svgText.startsWith('<?xml')).toBe(true);
  expect(svgText).toContain('<svg');
  expect(svgText).toContain('Ffion Rees');
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    map.getByRole('button', { name: 'Download PNG' }).click(),
  ]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  const bytes = await readFile(await png.path());
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // IHDR: width and height, big-endian, at bytes 16 and 20; drawn at scale 2.
  expect(bytes.readUInt32BE(16)).toBeGreaterThan(400);
  expect(bytes.readUInt32BE(20)).toBeGreaterThan(400);
  // Not a blank canvas: a real picture compresses to more than a few hundred bytes.
  expect(bytes.length).toBeGreaterThan(10_000);

  // Table views.
  await map.getByRole('button', { name: 'View as table' }).click();
  const rows = map.locator('table[part="table"] tbody tr');
  await expect(rows).toHaveCount((await record(page)).members.length);
  await timeline.getByRole('button', { name: 'Attendance matrix' }).click();
  await expect(timeline.locator('table')).toBeVisible();

  // Welsh, from the provider.
  await page.locator('od-provider').evaluate((p) => p.setAttribute('locale', 'cy'));
  await expect(map.getByRole('button', { name: 'Gweld fel map' })).toBeVisible();
  await expect(timeline.getByRole('button', { name: 'Tabl presenoldeb' })).toBeVisible();
  await expect(checklist.locator('.progress')).toHaveText(/1 o 7/);
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'csp-cy-tables');

  expectCleanConsole(watched);
  expect(reports, 'CSP / Trusted Types reports in the console').toEqual([]);
  // After all that, the only requests were the page's own files: the widgets fetched nothing.
  expectOnlyRequests(page, watched, [
    '/test/hosts/csp/',
    '/test/hosts/csp/page.css',
    '/test/hosts/csp/main.js',
    // The map's PNG painter too: the test downloads a PNG.
    ...kitFiles(CASE_WIDGETS, { welsh: true, editing: true, onUse: ['network-map'] }),
    '/test/hosts/.generated/demo.js',
  ]);
});

/** Serves the CSP page with `policy` in place of the server's, for the Trusted Types proofs below. */
async function servePageWithPolicy(page, policy) {
  await page.route('**/test/hosts/csp/', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': policy } });
  });
}

test('the only Trusted Types policy on the page is Lit’s own "lit-html"; the host writes none', async ({ page }) => {
  const watched = await watchPage(page);
  await page.addInitScript(() => {
    window.__policies = [];
    const create = trustedTypes.createPolicy.bind(trustedTypes);
    trustedTypes.createPolicy = (name, rules) => (window.__policies.push(name), create(name, rules));
  });
  await page.goto('/test/hosts/csp/');
  await widgetsReady(page);
  // lit-html makes it (production build too) for its templates' developer-written HTML:
  // createHTML is the identity, and record text never reaches it (text is bound as text).
  expect(await page.evaluate(() => window.__policies)).toEqual(['lit-html']);
  expectCleanConsole(watched);
});

test("a host that forbids every policy (trusted-types 'none') gets no widgets: the kit needs Lit's policy", async ({
  page,
}) => {
  const watched = await watchPage(page);
  await servePageWithPolicy(page, `${POLICY}; trusted-types 'none'`);
  await page.goto('/test/hosts/csp/');
  await expect.poll(() => watched.pageErrors.join('\n')).toMatch(/lit-html/);
  expect(await page.evaluate(() => customElements.get('od-network-map'))).toBeUndefined();
  expect(watched.cspViolations.join('\n')).toMatch(/trusted-types/);
});

test("a host that allows only Lit's policy (trusted-types lit-html) gets every widget, with no violation", async ({
  page,
}) => {
  const watched = await watchPage(page);
  const reports = watchCspReports(page);
  await servePageWithPolicy(page, `${POLICY}; trusted-types lit-html`);
  await page.goto('/test/hosts/csp/');
  await widgetsReady(page);
  await expect(
    page
      .locator('od-network-map')
      .getByRole('button', { name: /Sarah Lewis/ })
      .first(),
  ).toBeVisible();
  // Open a form too: templates made after load go through the same policy.
  await page.locator('od-network-map').getByRole('button', { name: 'Add a member' }).click();
  await expect(page.locator('od-network-map #member-name')).toBeFocused();
  expectCleanConsole(watched);
  expect(reports).toEqual([]);
});
