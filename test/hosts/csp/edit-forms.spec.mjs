// The map's and the timeline's edit forms are files of their own (odkit-network-map-forms.js,
// odkit-meeting-timeline-forms.js), fetched once the widget is editable: a form opened before its
// file has arrived opens when it does, with focus in it; a page that cannot fetch it says so and
// opens the form once it can.
import { test, expect } from '@playwright/test';
import {
  expectCleanConsole,
  expectNoAxeViolations,
  expectOnlyFailedFetches,
  kitFileList,
  watchPage,
  widgetsReady,
} from '../support/page-watch.mjs';

/** Holds every request for `widget`'s forms file until `release()`; `requested` counts them. */
async function holdForms(page, widget = 'network-map') {
  const [file] = kitFileList().editing[widget].filter((f) => f.endsWith('-forms.js'));
  let release;
  const released = new Promise((resolve) => (release = resolve));
  const held = { requested: 0, release, mode: 'hold' };
  await page.route(`**/packages/kit/dist/${file}`, async (route) => {
    held.requested++;
    if (held.mode === 'fail') return route.abort('internetdisconnected');
    await released;
    await route.continue();
  });
  return held;
}

/**
 * Opens the strict-CSP page with `widget`'s forms file held back (or refused, with `fail`), once
 * the widgets are ready and the editable widget has asked for its forms, as it does after its
 * first paint.
 */
async function openHolding(page, widget = 'network-map', { fail = false } = {}) {
  const held = await holdForms(page, widget);
  if (fail) {
    held.mode = 'fail';
    held.release();
  }
  await page.goto('/test/hosts/csp/');
  await widgetsReady(page);
  await expect.poll(() => held.requested).toBe(1);
  return held;
}

const UNAVAILABLE =
  'The form could not be opened: this page could not fetch it. Check the connection and try again, or reload the page.';

test('"Add a member" pressed before the forms have arrived opens the form once they do, focus on its name', async ({
  page,
}) => {
  const watched = await watchPage(page);
  const held = await openHolding(page);
  const map = page.locator('od-network-map');
  await map.getByRole('button', { name: 'Add a member' }).focus();
  await page.keyboard.press('Enter');
  await expect(map.locator('form')).toHaveCount(0);
  held.release();
  await expect(map.locator('#member-name')).toBeFocused();
  await page.keyboard.type('Ffion Rees');
  await map.locator('#member-relationship').fill('Cousin');
  await map.getByRole('button', { name: 'Save' }).click();
  await expect(map.locator('[role="status"]')).toHaveText('Saved.');
  expect(held.requested).toBe(1);
  expectCleanConsole(watched);
});

test('a page that cannot fetch the forms says so, keeps the map working, and opens the form once it can', async ({
  page,
}) => {
  const watched = await watchPage(page);
  const held = await openHolding(page, 'network-map', { fail: true });
  const map = page.locator('od-network-map');
  await map.getByRole('button', { name: 'Add a member' }).click();
  await expect(map.locator('[role="status"]')).toHaveText(UNAVAILABLE);
  // Seen as well as heard: the details panel's error summary says it, and takes focus.
  await expect(map.locator('.od-error-summary')).toContainText(UNAVAILABLE);
  await expect(map.locator('.od-error-summary')).toBeFocused();
  await expect(map.locator('form')).toHaveCount(0);
  await expectNoAxeViolations(page, { include: ['od-network-map'] });
  // The message stays until the person closes it; then the map itself still works: a member's details open.
  await map.locator('.panel').getByRole('button', { name: 'Cancel' }).click();
  await expect(map.locator('.od-error-summary')).toHaveCount(0);
  await map
    .getByRole('button', { name: /Sarah Lewis/ })
    .first()
    .click();
  await expect(map.locator('.panel')).toContainText('Sarah Lewis');
  held.mode = 'pass';
  await map.getByRole('button', { name: 'Add a member' }).click();
  await expect(map.locator('#member-name')).toBeFocused();
  expectOnlyFailedFetches(watched);
});

test('"Record a meeting" pressed before the timeline’s forms have arrived opens the form once they do', async ({
  page,
}) => {
  const watched = await watchPage(page);
  const held = await openHolding(page, 'meeting-timeline');
  const timeline = page.locator('od-meeting-timeline');
  await timeline.getByRole('button', { name: 'Record a meeting' }).focus();
  await page.keyboard.press('Enter');
  await expect(timeline.locator('form')).toHaveCount(0);
  held.release();
  await expect(timeline.locator('#form-title')).toBeFocused();
  await expect(timeline.locator('#form-title')).toHaveText('Record a meeting');
  expect(held.requested).toBe(1);
  expectCleanConsole(watched);
});

test('while the forms load, the last form asked for opens; one the person moved on from does not', async ({ page }) => {
  const held = await openHolding(page);
  const map = page.locator('od-network-map');
  await map
    .getByRole('button', { name: /Sarah Lewis/ })
    .first()
    .click();
  await expect(map.locator('.panel')).toContainText('Sarah Lewis');
  // "Add a member", then Sarah's "Edit member": the edit is the one that opens.
  await map.getByRole('button', { name: 'Add a member' }).click();
  await map.locator('.panel').getByRole('button', { name: 'Edit member' }).click();
  held.release();
  await expect(map.locator('#member-name')).toHaveValue('Sarah Lewis');
  await expect(map.locator('#member-name')).toBeFocused();
  await map.locator('.panel').getByRole('button', { name: 'Cancel' }).click();
  await expect(map.locator('form')).toHaveCount(0);
});

test('a form asked for while the forms load is dropped when the person opens something else meanwhile', async ({
  page,
}) => {
  const held = await openHolding(page);
  const map = page.locator('od-network-map');
  await map
    .getByRole('button', { name: /Sarah Lewis/ })
    .first()
    .click();
  await map.locator('.panel').getByRole('button', { name: 'Edit member' }).click();
  // Then "Remove member": its question is what the panel shows, and stays when the forms arrive.
  await map.locator('.panel').getByRole('button', { name: 'Remove member' }).click();
  await expect(map.locator('.panel')).toContainText('Remove');
  held.release();
  await page.evaluate(() => document.querySelector('od-network-map').updateComplete);
  await expect(map.locator('.panel form')).toHaveCount(0);
  await expect(map.locator('.panel').getByRole('button', { name: 'Cancel' })).toBeVisible();
});

test('the timeline says so when its forms cannot be fetched, seen and heard, and opens the form once they can', async ({
  page,
}) => {
  const watched = await watchPage(page);
  const held = await openHolding(page, 'meeting-timeline', { fail: true });
  const timeline = page.locator('od-meeting-timeline');
  const record = timeline.getByRole('button', { name: 'Record a meeting' });
  await record.click();
  await expect(timeline.locator('.od-error-summary')).toContainText(UNAVAILABLE);
  await expect(timeline.locator('.od-error-summary')).toBeFocused();
  await expect(timeline.locator('[role="status"]')).toHaveText(UNAVAILABLE);
  await expectNoAxeViolations(page, { include: ['od-meeting-timeline'] });
  // Cancel goes back to where the person was.
  await timeline.locator('#details').getByRole('button', { name: 'Cancel' }).click();
  await expect(record).toBeFocused();
  await expect(timeline.locator('.od-error-summary')).toHaveCount(0);
  held.mode = 'pass';
  await page.keyboard.press('Enter');
  await expect(timeline.locator('#form-title')).toBeFocused();
  expectOnlyFailedFetches(watched);
});
