// The map's PNG painter is a file of its own (`onUse` in odkit.files.json), fetched the first time
// a PNG is made, under the strict CSP: a page that cannot fetch it says so under the toolbar (and
// tells the host with od-error), and makes the PNG once it can.
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import {
  expectNoAxeViolations,
  expectOnlyFailedFetches,
  refuseOnUse,
  watchPage,
  widgetsReady,
} from '../support/page-watch.mjs';

const UNAVAILABLE =
  'The PNG could not be made: this page could not fetch the code that draws it. Check the connection and try again, or reload the page.';

test('"Download PNG" fetches its painter on first use; a page that cannot fetch it says so, and makes the PNG once it can', async ({
  page,
}) => {
  const watched = await watchPage(page);
  const fetches = await refuseOnUse(page, 'network-map');
  await page.goto('/test/hosts/csp/');
  await widgetsReady(page);
  const map = page.locator('od-network-map');
  const download = map.getByRole('button', { name: 'Download PNG' });
  await expect(download).toBeVisible();
  // Painted (and editable, its forms fetched): the painter not asked for.
  expect(fetches.requests).toBe(0);
  await map.evaluate((el) => {
    window.mapErrors = [];
    el.addEventListener('od-error', (event) => window.mapErrors.push(event.error.message));
  });

  await download.focus();
  await page.keyboard.press('Enter');
  const unavailable = map.getByRole('alert').filter({ hasText: UNAVAILABLE });
  await expect(unavailable).toBeVisible();
  await expect(download).toBeFocused();
  expect(await page.evaluate(() => window.mapErrors)).toEqual([
    '<od-network-map>: the PNG could not be made: this page could not fetch the code that paints it. Check the connection and try again.',
  ]);
  await expectNoAxeViolations(page, { include: ['od-network-map'] });
  await page.screenshot({ path: test.info().outputPath('png-unavailable.png') });

  // The connection is back: the next press fetches it and the PNG is offered.
  fetches.refuse = false;
  const [png] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  const bytes = await readFile(await png.path());
  expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  await expect(unavailable).toHaveCount(0);
  expect(fetches.requests).toBe(2);
  expectOnlyFailedFetches(watched);
});
