import { test, expect } from '@playwright/test';
import { expectCleanConsole, expectNoAxeViolations, saveScreenshot, watchPage, widgetsReady } from '../support/page-watch.mjs';

test('a bare page loading only the single-file bundle shows all three widgets', async ({ page }) => {
  const watched = await watchPage(page);
  await page.goto('/test/hosts/bare/');
  await widgetsReady(page);
  await expect(page.locator('od-network-map').getByRole('button', { name: /Sarah Lewis/ }).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'bare');
  expectCleanConsole(watched);
});
