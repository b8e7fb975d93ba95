// The checks every framework host page (GOV.UK, NHS.UK) goes through: the preset is on,
// the hostile CSS changes nothing, a keyboard-only user completes the core tasks and
// submits the checklist with the page's own form, axe finds nothing, the console stays clean.
import { expect } from '@playwright/test';
import {
  expectHostileRulesDefeated,
  expectSameWithAndWithoutHostileCss,
  setHostileCss,
  WIDGETS,
} from './hostile-checks.mjs';
import {
  focused,
  kitEvents,
  openMeetingByKeyboard,
  rateChecklistByKeyboard,
  recordKitEvents,
  selectMemberByKeyboard,
  tabTo,
} from './keyboard.mjs';
import { expectCleanConsole, expectNoAxeViolations, saveScreenshot, watchPage, widgetsReady } from './page-watch.mjs';

/** Opens a host page with everything watched, and waits for the widgets. */
export async function openHostPage(page, path) {
  const watched = await watchPage(page);
  await recordKitEvents(page);
  await page.goto(path);
  await widgetsReady(page);
  return watched;
}

/** The provider's preset reaches every widget: its primary colour and font family. */
export async function expectPreset(page, { primary, font }) {
  const tokens = await page.evaluate(() =>
    ['od-network-map', 'od-meeting-timeline', 'od-principles-checklist'].map((tag) => {
      const s = getComputedStyle(document.querySelector(tag));
      return { primary: s.getPropertyValue('--_od-color-primary').trim(), font: s.fontFamily };
    }),
  );
  for (const t of tokens) {
    expect(t.primary).toBe(primary);
    expect(t.font).toContain(font);
  }
}

/**
 * axe over the whole page as its author meant it (hostile sheet off: the host markup
 * must be clean too), then over the widgets with the hostile sheet on (it breaks the
 * host's own text and targets, which is not the kit's to fix; the widgets must stay clean).
 */
export async function expectAccessible(page) {
  await setHostileCss(page, false);
  await expectNoAxeViolations(page);
  await setHostileCss(page, true);
  await expectNoAxeViolations(page, { include: WIDGETS });
}

/** Full-page screenshots: `<name>.png` as the host designed the page, `<name>-hostile.png` with the hostile sheet. */
export async function saveScreenshots(page, name) {
  await setHostileCss(page, false);
  await saveScreenshot(page, name);
  await setHostileCss(page, true);
  await saveScreenshot(page, `${name}-hostile`);
}

/** The hostile-CSS proof: direct checks, then the same boxes and text with the sheet off. */
export async function expectHostileCssHarmless(page) {
  await expectHostileRulesDefeated(page);
  await expectSameWithAndWithoutHostileCss(page);
}

const RATINGS = [4, 3, 4, 2, 3, 4, 1];

/**
 * The core tasks with the keyboard only: select a member, open and close a meeting, try
 * to submit before rating (the form refuses), rate every item, submit with the page's
 * button. Returns what the browser sent (the query string of the GET form). The page's
 * hostile sheet is on, as the page loads it: the tasks and focus rings must work under it.
 */
export async function completeCoreTasksByKeyboard(page, { submitName, raterName = 'Nia Roberts' }) {
  const member = await selectMemberByKeyboard(page);
  const meeting = await openMeetingByKeyboard(page);

  // Submitting an unrated, required checklist: the form stays, the checklist says why.
  const url = page.url();
  await tabTo(page, (f) => f.widget === null && f.tag === 'button' && f.text === submitName, {
    what: 'the submit button',
  });
  await page.keyboard.press('Enter');
  const checklist = page.locator('od-principles-checklist');
  await expect(checklist.locator('#rater-name-error')).toBeVisible();
  expect(page.url(), 'an invalid checklist blocks the submit').toBe(url);

  // Back up to the checklist (Shift+Tab), unless the browser took focus there itself, and rate it.
  const isName = (f) => f.widget === 'od-principles-checklist' && f.id === 'rater-name';
  if (!isName(await focused(page))) await tabTo(page, isName, { back: true, what: 'the rater’s name' });
  const items = await rateChecklistByKeyboard(page, { raterName, ratings: RATINGS });
  await expect(checklist.locator('[part="progress"]')).toContainText(`${items.length}`);

  const navigation = page.waitForURL(/submitted\.html\?/);
  await tabTo(page, (f) => f.widget === null && f.tag === 'button' && f.text === submitName, {
    what: 'the submit button',
  });
  await page.keyboard.press('Enter');
  await navigation;
  const sent = new URL(page.url()).searchParams;
  return { member, meeting, items, sent, events: await kitEvents(page) };
}

/** What the form delivered is the checklist's assessment, rated as the user did. */
export function expectSubmittedAssessment(sent, { items, raterName = 'Nia Roberts', meetingId = 'mt-13' }) {
  const assessment = JSON.parse(sent.get('assessment'));
  expect(assessment).toMatchObject({ meetingId, instrumentId: 'od-seven-principles', rater: { name: raterName } });
  expect(assessment.ratings.map((r) => [r.itemId, r.value])).toEqual(items.map((id, i) => [id, RATINGS[i]]));
  return assessment;
}

/** Nothing was asked of any server but this loopback one (fonts, icons, analytics…). */
export function expectOnlyLocalRequests(watched) {
  expect(watched.requests.filter((url) => !url.startsWith('http://127.0.0.1:'))).toEqual([]);
}

export { expectCleanConsole, expectNoAxeViolations, saveScreenshot };
