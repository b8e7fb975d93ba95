// The bare page: no framework, no bundler, only the single-file bundle and the page's own
// script — and the same hostile global CSS as the framework pages.
import { test, expect } from '@playwright/test';
import { expectAccessible, expectHostileCssHarmless, openHostPage, saveScreenshots } from '../support/host-page.mjs';
import { openMeetingByKeyboard, rateChecklistByKeyboard, selectMemberByKeyboard, tabTo } from '../support/keyboard.mjs';
import { expectCleanConsole, expectNoAxeViolations } from '../support/page-watch.mjs';

test.describe.configure({ timeout: 180_000 });

test('a bare page loading only the single-file bundle shows all three widgets; hostile CSS changes nothing', async ({
  page,
}) => {
  const watched = await openHostPage(page, '/test/hosts/bare/');
  await expect(
    page
      .locator('od-network-map')
      .getByRole('button', { name: /Sarah Lewis/ })
      .first(),
  ).toBeVisible();
  await expectAccessible(page);
  await expectHostileCssHarmless(page);
  await saveScreenshots(page, 'bare');
  expectCleanConsole(watched);
});

test('bare page: a keyboard-only user selects a member, opens a meeting, rates the checklist and completes it', async ({
  page,
}) => {
  const watched = await openHostPage(page, '/test/hosts/bare/');
  await selectMemberByKeyboard(page);
  await openMeetingByKeyboard(page);
  const items = await rateChecklistByKeyboard(page, { raterName: 'Nia Roberts', ratings: [4, 3, 4, 2, 3, 4, 1] });
  await tabTo(
    page,
    (f) => f.widget === 'od-principles-checklist' && f.tag === 'button' && f.text === 'Complete assessment',
    {
      what: 'Complete assessment',
    },
  );
  await page.keyboard.press('Enter');
  const checklist = page.locator('od-principles-checklist');
  await expect(checklist.getByText(/This assessment is read-only/)).toBeVisible();
  // Saved in the host's store, complete, with the ratings the user chose.
  const saved = await page.evaluate(() =>
    document.querySelector('od-provider').store.snapshot.record.assessments.find((a) => a.meetingId === 'mt-13'),
  );
  expect(saved).toMatchObject({ status: 'complete', rater: { name: 'Nia Roberts' } });
  expect(saved.ratings.map((r) => [r.itemId, r.value])).toEqual(items.map((id, i) => [id, [4, 3, 4, 2, 3, 4, 1][i]]));
  await expectNoAxeViolations(page);
  expectCleanConsole(watched);
});
