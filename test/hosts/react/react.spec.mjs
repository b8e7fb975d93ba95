import { test, expect } from '@playwright/test';
import {
  expectCleanConsole,
  expectNoAxeViolations,
  saveScreenshot,
  watchPage,
  widgetsReady,
} from '../support/page-watch.mjs';
import { expectAccessible, saveScreenshots } from '../support/host-page.mjs';
import { expectHostileRulesDefeated } from '../support/hostile-checks.mjs';
import { focused, tabTo } from '../support/keyboard.mjs';

/**
 * The app's stylesheet sets `* { font-size: 62.5% }`, which compounds down the page: the
 * widgets must keep their own text size (1rem, the --od-sys-font-size default), not shrink with it.
 */
async function expectOwnTextSize(page) {
  const sizes = await page.evaluate(() =>
    ['od-network-map', 'od-meeting-timeline', 'od-principles-checklist'].map((t) => [
      t,
      getComputedStyle(document.querySelector(t)).fontSize,
    ]),
  );
  expect(sizes).toEqual([
    ['od-network-map', '16px'],
    ['od-meeting-timeline', '16px'],
    ['od-principles-checklist', '16px'],
  ]);
}

/** Every request went to the page's own origin, for the app's own files (the widgets made none). */
function expectOnlyOwnFiles(watched, baseURL) {
  const foreign = watched.requests.filter((url) => !url.startsWith(`${baseURL}/test/hosts/react/dist/`));
  expect(foreign, 'requests other than the app’s own files').toEqual([]);
}

test('a React 19 app with @odkit/react: a keyboard user selects a member, opens a meeting, rates and sends the checklist', async ({
  page,
  baseURL,
}) => {
  const watched = await watchPage(page);
  await page.goto('/test/hosts/react/dist/');
  await widgetsReady(page);
  await expect(
    page
      .locator('od-network-map')
      .getByRole('button', { name: /Sarah Lewis/ })
      .first(),
  ).toBeVisible();
  await expect(page.locator('#selection')).toHaveText('Nothing selected');
  await expectOwnTextSize(page);

  // The map: one tab stop, arrows between members, Enter selects; React state shows the selection.
  const node = await tabTo(page, (f) => f.widget === 'od-network-map' && f.classes.includes('node'), {
    what: 'a member on the map',
  });
  expect(node.key).toBe(':person');
  await page.keyboard.press('ArrowRight');
  const member = await focused(page);
  expect(member.key).not.toBe(':person');
  const name = member.label.split(':')[0];
  await page.keyboard.press('Enter');
  await expect(page.locator('#selection')).toHaveText(`Selected: ${name}`);

  // The timeline: Tab on to its list of meetings, arrow down to the next one, Enter opens it.
  await tabTo(page, (f) => f.widget === 'od-meeting-timeline' && f.classes.includes('meeting'), {
    what: 'a meeting on the timeline',
  });
  await page.keyboard.press('ArrowDown');
  const meeting = await focused(page);
  const meetingId = meeting.id.replace(/^meeting-/, '');
  await page.keyboard.press('Enter');
  await expect(page.locator('#selection')).toHaveText(
    new RegExp(`^Selected: meeting ${meetingId} on \\d{4}-\\d{2}-\\d{2}$`),
  );
  await expect(page.locator('od-meeting-timeline').locator('#details')).toBeVisible();
  await page.keyboard.press('Escape');

  // The checklist, inside the app's form: Tab through it, Space rates each item not yet rated,
  // until the app's own submit button; Enter sends the form.
  const checklist = page.locator('od-principles-checklist');
  let rated = 0;
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f?.tag === 'button' && f.text === 'Send fidelity check') break;
    if (
      f?.widget === 'od-principles-checklist' &&
      f.type === 'radio' &&
      f.name.startsWith('item-') &&
      !f.groupChecked
    ) {
      await page.keyboard.press('Space');
      rated++;
    }
  }
  expect(rated).toBe(7);
  expect((await focused(page)).text).toBe('Send fidelity check');
  await expect(checklist.locator('.progress')).toHaveText('7 of 7 items rated');
  await page.keyboard.press('Enter');
  await expect(page.locator('#submitted')).toHaveText('Sent: 7 ratings');
  await expect(page.locator('#errors')).toHaveCount(0);

  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'react');
  expectCleanConsole(watched);
  expectOnlyOwnFiles(watched, baseURL);
});

test('the app’s form will not send the checklist while a required item is unrated', async ({ page }) => {
  const watched = await watchPage(page);
  await page.goto('/test/hosts/react/dist/');
  await widgetsReady(page);
  await tabTo(page, (f) => f.tag === 'button' && f.text === 'Send fidelity check', { what: 'the send button' });
  await page.keyboard.press('Enter');
  await expect(page.locator('#submitted')).toHaveText('');
  expect(await page.locator('od-principles-checklist').evaluate((el) => el.checkValidity())).toBe(false);
  expectCleanConsole(watched);
});

test('React 19 with the tags directly: properties, on<event> props and a keyboard selection, no wrapper', async ({
  page,
  baseURL,
}) => {
  const watched = await watchPage(page);
  await page.goto('/test/hosts/react/dist/direct.html');
  await widgetsReady(page);
  // React set the store and the checklist's options as properties, the timeline's as-of as an attribute.
  const set = await page.evaluate(() => {
    const provider = document.querySelector('od-provider');
    const checklist = document.querySelector('od-principles-checklist');
    const timeline = document.querySelector('od-meeting-timeline');
    return {
      store: typeof provider.store?.apply === 'function',
      storeAttribute: provider.hasAttribute('store'),
      meetingId: checklist.meetingId,
      raterName: checklist.raterName,
      sectors: document.querySelector('od-network-map').sectors,
      asOf: timeline.asOf,
    };
  });
  await expectOwnTextSize(page);
  expect(set).toEqual({
    store: true,
    storeAttribute: false,
    meetingId: 'mt-13',
    raterName: 'Jo Whitfield',
    sectors: true,
    asOf: '2026-04-10T12:00:00+01:00',
  });

  await tabTo(page, (f) => f.widget === 'od-network-map' && f.classes.includes('node'), {
    what: 'a member on the map',
  });
  await page.keyboard.press('ArrowRight');
  const name = (await focused(page)).label.split(':')[0];
  await page.keyboard.press('Enter');
  await expect(page.locator('#selection')).toHaveText(`Selected: ${name}`);

  await tabTo(page, (f) => f.widget === 'od-principles-checklist' && f.type === 'radio' && f.name.startsWith('item-'), {
    what: 'a checklist rating',
  });
  await page.keyboard.press('Space');
  await expect(page.locator('#changes')).toHaveText('1 checklist changes');

  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'react-direct');
  expectCleanConsole(watched);
  expectOnlyOwnFiles(watched, baseURL);
});

test('the React app under the shared hostile sheet too: its rules do not reach inside the widgets; axe finds nothing', async ({
  page,
}) => {
  const watched = await watchPage(page);
  await page.goto('/test/hosts/react/dist/');
  await widgetsReady(page);
  // The same sheet the other host pages load, added as the app would add a stray global stylesheet.
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const link = Object.assign(document.createElement('link'), {
          id: 'hostile-css',
          rel: 'stylesheet',
          href: '/test/hosts/support/hostile.css',
        });
        link.onload = resolve;
        link.onerror = () => reject(new Error('hostile.css did not load'));
        document.head.append(link);
      }),
  );
  // The direct checks only: this app sizes its own columns in rem, so the sheet's 62.5% root
  // rightly narrows the widgets' boxes (their layout is the host's); what is inside must not change.
  await expectHostileRulesDefeated(page);
  await expectAccessible(page);
  await saveScreenshots(page, 'react-shared-hostile');
  expectCleanConsole(watched);
});
