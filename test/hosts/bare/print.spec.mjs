// Print layouts on a host page, in Chromium's print media emulation: the timeline (its
// meetings and measures) and the checklist (items with the answers chosen, and the scores)
// print without their controls. Screenshots of both go to docs/images/ for the docs.
import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { openHostPage } from '../support/host-page.mjs';
import { expectCleanConsole } from '../support/page-watch.mjs';

const images = join(import.meta.dirname, '..', '..', '..', 'docs', 'images');

test('bare page printed: the timeline and checklist print their content, not their controls', async ({ page }) => {
  const watched = await openHostPage(page, '/test/hosts/bare/');
  const timeline = page.locator('od-meeting-timeline');
  const checklist = page.locator('od-principles-checklist');
  await expect(timeline.locator('.row').first()).toBeVisible();
  await expect(checklist.locator('.item').first()).toBeVisible();
  await expect(timeline.locator('.toolbar')).toBeVisible();
  await expect(checklist.locator('.actions')).toBeVisible();

  await page.emulateMedia({ media: 'print' });
  await expect(timeline.locator('.toolbar')).toBeHidden();
  await expect(timeline.locator('.axis')).toBeHidden();
  await expect(timeline.locator('.summary')).toBeVisible();
  await expect(checklist.locator('.actions')).toBeHidden();
  await expect(checklist.locator('.print-scores table')).toBeVisible();
  const total = Number(await timeline.locator('.row').first().getAttribute('aria-setsize'));
  await expect(timeline.locator('.row:visible')).toHaveCount(total);
  await page.setViewportSize({ width: 760, height: 900 });
  await timeline.screenshot({ path: join(images, 'print-timeline.png') });
  await checklist.screenshot({ path: join(images, 'print-checklist.png') });
  expectCleanConsole(watched);
});
