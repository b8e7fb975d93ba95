import { test, expect } from '@playwright/test';
import {
  completeCoreTasksByKeyboard,
  expectAccessible,
  expectCleanConsole,
  expectHostileCssHarmless,
  expectNoAxeViolations,
  expectOnlyLocalRequests,
  expectPreset,
  expectSubmittedAssessment,
  openHostPage,
  saveScreenshot,
  saveScreenshots,
} from '../support/host-page.mjs';

// Each test drives a whole page (axe twice, the layout with and without the hostile CSS,
// or dozens of key presses and a form submit): more than the default minute on a busy machine.
test.describe.configure({ timeout: 180_000 });

async function expectGovukFrontendRunning(page) {
  // GOV.UK Frontend is really running: its CSS is on and its own JS initialised the page.
  await expect(page.locator('body')).toHaveClass(/govuk-frontend-supported/);
  await expect(page.locator('.govuk-skip-link')).toHaveAttribute('data-govuk-skip-link-init', '');
  expect(await page.locator('.govuk-generic-header').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
    'rgb(11, 12, 12)',
  );
}

async function expectWelsh(page) {
  const map = page.locator('od-network-map');
  await expect(map.getByRole('button', { name: 'Gweld fel tabl' })).toBeVisible();
  await expect(map.locator('[aria-roledescription="map rhwydwaith"]')).toHaveCount(1);
  const timeline = page.locator('od-meeting-timeline');
  await expect(timeline.getByRole('button', { name: 'Cyfarfodydd', exact: true })).toBeVisible();
  // Dates in Welsh too (Debian's Chromium has no Welsh date data: the kit's fallback names the months).
  await expect(timeline.locator('button.meeting').first()).toContainText('Chwef');
  const checklist = page.locator('od-principles-checklist');
  await expect(checklist.locator('label[for="rater-name"]')).toHaveText('Enw’r sgoriwr');
  await expect(checklist.getByRole('heading', { name: 'Saith egwyddor y Ddeialog Agored' })).toBeVisible();
}

for (const { name, path, screenshot, submit, welsh } of [
  { name: 'GOV.UK page', path: '/test/hosts/govuk/', screenshot: 'govuk', submit: 'Submit assessment', welsh: false },
  {
    name: 'GOV.UK page in Welsh (lang="cy")',
    path: '/test/hosts/govuk/cy.html',
    screenshot: 'govuk-cy',
    submit: 'Cyflwyno’r asesiad',
    welsh: true,
  },
]) {
  test.describe(name, () => {
    test('GOV.UK Frontend and the govuk preset, no axe violations, hostile CSS changes nothing in the widgets', async ({
      page,
    }) => {
      const watched = await openHostPage(page, path);
      await expectGovukFrontendRunning(page);
      if (welsh) await expectWelsh(page);
      await expectPreset(page, { primary: '#1d70b8', font: 'GDS Transport' });
      await expectAccessible(page);
      await expectHostileCssHarmless(page);
      await saveScreenshots(page, screenshot);
      expectCleanConsole(watched);
      expectOnlyLocalRequests(watched);
    });

    test('a keyboard-only user selects a member, opens a meeting, rates the checklist and submits the form', async ({
      page,
    }) => {
      const watched = await openHostPage(page, path);
      const done = await completeCoreTasksByKeyboard(page, { submitName: submit });
      expect(done.sent.get('case')).toBe('case-123');
      const assessment = expectSubmittedAssessment(done.sent, { items: done.items });

      // The host's "submitted" page lists what arrived.
      const rows = page.locator('#submitted .govuk-summary-list__row');
      await expect(rows).toHaveCount(2 + assessment.ratings.length);
      await expect(rows.nth(1)).toContainText('Nia Roberts');
      await expect(rows.nth(2)).toContainText('Immediate help');
      await expect(rows.nth(2)).toContainText('Fully');
      await expectNoAxeViolations(page);
      if (!welsh) await saveScreenshot(page, 'govuk-submitted');
      expectCleanConsole(watched);
      expectOnlyLocalRequests(watched);
    });
  });
}
