// Nothing typed is lost on a reload. The bare page keeps its case in a MemoryStore (gone with the
// page) and gives the checklist no rater's name: today's kit has nowhere to save a rating made
// before the name is typed, nor a comment still in its pause. A real reload within 100 ms of the
// last key press: the checklist puts both back from the draft it kept on this device, says so
// plainly, and the draft goes when the assessment is completed.
import { test, expect } from '@playwright/test';
import { expectCleanConsole, expectNoAxeViolations, watchPage, widgetsReady } from '../support/page-watch.mjs';

/** The checklist's item whose legend starts with `title`. */
const item = (checklist, title) => checklist.getByRole('group', { name: new RegExp(`^${title}`) });
/** An item's comment: beside its rating's group, named "Comment: <item>". */
const commentOf = (checklist, title) => checklist.getByRole('textbox', { name: new RegExp(`^Comment ?: ${title}`) });

/** The drafts kept on this device (their keys), read from the page's localStorage. */
const draftKeys = (page) =>
  page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('odkit-draft/')));

test('bare page: a rating (no rater’s name yet) and a comment typed just before a reload are there after it', async ({
  page,
}) => {
  const watched = await watchPage(page);
  await page.goto('/test/hosts/bare/');
  await widgetsReady(page);
  const checklist = page.locator('od-principles-checklist');

  await item(checklist, 'Immediate help').getByText('Fully', { exact: true }).click();
  const comment = commentOf(checklist, 'Psychological continuity');
  await comment.click();
  // The page notes when its last key was pressed and when it reloaded (sessionStorage outlasts the reload),
  // and reloads itself as the last key is let go: the comment is in its 600 ms pause, whatever the machine's load.
  await page.evaluate(() => {
    addEventListener('keydown', () => sessionStorage.setItem('test-last-key', String(Date.now())), true);
    addEventListener(
      'keyup',
      (event) => {
        if (event.composedPath()[0]?.value !== 'Same two workers') return;
        sessionStorage.setItem('test-reload', String(Date.now()));
        location.reload();
      },
      true,
    );
  });
  const reloaded = page.waitForEvent('load');
  await comment.pressSequentially('Same two workers');
  await reloaded;

  await widgetsReady(page);
  const again = page.locator('od-principles-checklist');
  await expect(commentOf(again, 'Psychological continuity')).toHaveValue('Same two workers');
  await expect(item(again, 'Immediate help').getByRole('radio', { name: 'Fully' })).toBeChecked();
  await expect(again.locator('[part~="draft-status"]')).toHaveText(
    'What you entered before was restored from this device. Your draft is kept on this device until you complete the assessment.',
  );
  expect(await draftKeys(page)).toHaveLength(1);
  await expectNoAxeViolations(page, { include: ['od-principles-checklist'] });
  // The reload began within 100 ms of the last key press (measured in the page, not assumed).
  const gap = await page.evaluate(
    () => Number(sessionStorage.getItem('test-reload')) - Number(sessionStorage.getItem('test-last-key')),
  );
  expect(gap).toBeGreaterThanOrEqual(0);
  expect(gap).toBeLessThan(100);

  // Completed: the draft leaves this device.
  await again.getByRole('textbox', { name: /Rater’s name/ }).fill('Jo Whitfield');
  for (const title of [
    'Social network perspective',
    'Flexibility and mobility',
    'Responsibility',
    'Psychological continuity',
    'Tolerance of uncertainty',
    'Dialogism',
  ]) {
    await item(again, title).getByText('Largely', { exact: true }).click();
  }
  await again.getByRole('button', { name: 'Complete assessment' }).click();
  await expect(again.getByText(/This assessment is read-only/)).toBeVisible();
  await expect.poll(() => draftKeys(page)).toEqual([]);
  expectCleanConsole(watched);
});
