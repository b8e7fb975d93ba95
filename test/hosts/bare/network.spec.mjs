// The privacy proof on the bare page: loading and using the widgets requests nothing but the
// page's own files (no fonts, images, analytics, source maps, nothing from another origin).
import { test, expect } from '@playwright/test';
import { expectCleanConsole, expectOnlyRequests, kitFiles, watchPage, widgetsReady } from '../support/page-watch.mjs';

test('the widgets make no network request of their own on the bare page', async ({ page }) => {
  const watched = await watchPage(page);
  await page.goto('/test/hosts/bare/');
  await widgetsReady(page);
  const map = page.locator('od-network-map');
  // Select a member, open a meeting, rate an item, switch to the tables: whatever might load lazily.
  await map
    .getByRole('button', { name: /Sarah Lewis/ })
    .first()
    .click();
  await expect(map.locator('.panel')).toContainText('Sarah Lewis');
  await page.locator('od-meeting-timeline #meeting-mt-14').click();
  await expect(page.locator('od-meeting-timeline [data-action="edit"]')).toHaveCount(0);
  const checklist = page.locator('od-principles-checklist');
  const fully = await checklist
    .locator('input[type=radio][name="item-immediate-help"]')
    .and(checklist.getByRole('radio', { name: 'Fully' }))
    .getAttribute('id');
  await checklist.locator(`label[for="${fully}"]`).click();
  await expect(checklist.locator('.progress')).toHaveText(/1 of 7/);
  await map.getByRole('button', { name: 'View as table' }).click();
  await expect(map.getByRole('table', { name: /^Network of/ })).toBeVisible();
  await page.locator('od-meeting-timeline').getByRole('button', { name: 'Attendance matrix' }).click();
  await expect(page.locator('od-meeting-timeline table')).toBeVisible();
  expectOnlyRequests(page, watched, [
    '/test/hosts/bare/',
    '/test/hosts/bare/main.js',
    '/test/hosts/bare/register-sw.js',
    '/test/hosts/support/hostile.css',
    ...kitFiles(),
    '/test/hosts/.generated/demo.js',
  ]);
  expectCleanConsole(watched);
});
