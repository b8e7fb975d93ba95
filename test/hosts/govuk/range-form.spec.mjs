// The timeline's date filter form is a file of its own (`onUse` in odkit.files.json), fetched the
// first time a person opens it: on the council portal's read-only timeline, a page that cannot
// fetch it says so beside the button, and opens it once it can. (An editable timeline fetches the
// file with its edit forms, which share the date input it holds.)
import { test, expect } from '@playwright/test';
import {
  expectNoAxeViolations,
  expectOnlyFailedFetches,
  refuseOnUse,
  watchPage,
  widgetsReady,
} from '../support/page-watch.mjs';

const UNAVAILABLE =
  'The form could not be opened: this page could not fetch it. Check the connection and try again, or reload the page.';

test('the date filter is fetched when first opened; a page that cannot fetch it says so, and opens it once it can', async ({
  page,
}) => {
  const watched = await watchPage(page);
  const fetches = await refuseOnUse(page, 'meeting-timeline');
  await page.goto('/test/hosts/govuk/');
  await widgetsReady(page);
  const timeline = page.locator('od-meeting-timeline');
  const choose = timeline.getByRole('button', { name: 'Choose dates' });
  // Painted: the date filter's file not asked for.
  await expect(choose).toBeVisible();
  expect(fetches.requests).toBe(0);

  await choose.focus();
  await page.keyboard.press('Enter');
  const unavailable = timeline.getByRole('alert').filter({ hasText: UNAVAILABLE });
  await expect(unavailable).toBeVisible();
  await expect(choose).toHaveAttribute('aria-expanded', 'false');
  await expect(choose).toBeFocused();
  await expectNoAxeViolations(page, { include: ['od-meeting-timeline'] });
  await page.screenshot({ path: test.info().outputPath('range-unavailable.png') });

  // The connection is back: the next press fetches it again and opens the form, focus on its first field.
  fetches.refuse = false;
  await page.keyboard.press('Enter');
  await expect(timeline.locator('#range-from-day')).toBeFocused();
  await expect(choose).toHaveAttribute('aria-expanded', 'true');
  await expect(unavailable).toHaveCount(0);
  expect(fetches.requests).toBe(2);
  await page.keyboard.type('1');
  await page.keyboard.press('Tab');
  await page.keyboard.type('3');
  await page.keyboard.press('Tab');
  await page.keyboard.type('2026');
  await timeline.getByRole('button', { name: 'Show' }).click();
  await expect(timeline.getByText(/^Showing meetings from 1 March 2026/)).toBeVisible();
  expectOnlyFailedFetches(watched);
});
