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

// Whole-page tests: more than the default minute on a busy machine (see govuk.spec.mjs).
test.describe.configure({ timeout: 180_000 });

test('NHS.UK page: NHS.UK frontend and the nhs preset, no axe violations, hostile CSS changes nothing in the widgets', async ({
  page,
}) => {
  const watched = await openHostPage(page, '/test/hosts/nhs/');
  // NHS.UK frontend is really running: its CSS is on and its own JS initialised the page.
  await expect(page.locator('body')).toHaveClass(/nhsuk-frontend-supported/);
  await expect(page.locator('.nhsuk-skip-link')).toHaveAttribute('data-nhsuk-skip-link-init', '');
  expect(await page.locator('.nhsuk-header').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
    'rgb(0, 94, 184)',
  );
  await expectPreset(page, { primary: '#005eb8', font: 'Frutiger W01' });
  await expectAccessible(page);
  await expectHostileCssHarmless(page);
  await saveScreenshots(page, 'nhs');
  expectCleanConsole(watched);
  // Nothing asked of the NHS.UK font server, or of anything off this machine.
  expectOnlyLocalRequests(watched);
});

test('NHS.UK page: a keyboard-only user selects a member, opens a meeting, rates the checklist and submits the form', async ({
  page,
}) => {
  const watched = await openHostPage(page, '/test/hosts/nhs/');
  const done = await completeCoreTasksByKeyboard(page, { submitName: 'Submit assessment' });
  expect(done.sent.get('case')).toBe('case-123');
  const assessment = expectSubmittedAssessment(done.sent, { items: done.items });

  const rows = page.locator('#submitted .nhsuk-summary-list__row');
  await expect(rows).toHaveCount(2 + assessment.ratings.length);
  await expect(rows.nth(1)).toContainText('Nia Roberts');
  await expect(rows.nth(2)).toContainText('Immediate help');
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'nhs-submitted');
  expectCleanConsole(watched);
  expectOnlyLocalRequests(watched);
});
