import { test, expect } from '@playwright/test';
import { focused, tabTo } from '../support/keyboard.mjs';
import { expectCleanConsole, expectNoAxeViolations, saveScreenshot, watchPage } from '../support/page-watch.mjs';
import { expectOnlyLocalRequests } from '../support/host-page.mjs';

// The page summarises 200 cases in the browser before it is ready: more than a minute on a busy machine.
test.describe.configure({ timeout: 180_000 });

const DASHBOARD = 'od-service-dashboard';

/** Opens the service page and waits until the dashboard has summarised the host's records. */
async function openServicePage(page) {
  const watched = await watchPage(page);
  await page.goto('/test/hosts/nhs/service/');
  await expect(page.locator(DASHBOARD).locator('.tile').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.locator(DASHBOARD).locator('.dashboard')).toHaveAttribute('aria-busy', 'false');
  return watched;
}

/**
 * Turns the page's hostile sheet off or on and lets the dashboard settle (hostile-checks.mjs's waits on the case
 * widgets).
 */
async function setHostileCss(page, on) {
  await page.evaluate(
    async ({ on, tag }) => {
      document.getElementById('hostile-css').disabled = !on;
      for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
      await document.querySelector(tag).updateComplete;
    },
    { on, tag: DASHBOARD },
  );
}

/** The dashboard's text styles and tile boxes, to compare with the page's hostile sheet on and off. */
const dashboardLook = (page) =>
  page.evaluate((tag) => {
    const root = document.querySelector(tag).shadowRoot;
    const host = document.querySelector(tag).getBoundingClientRect();
    return [...root.querySelectorAll('h2, .scope, .tile, .tile-value, .od-select, .open, caption, th, td')]
      .slice(0, 60)
      .map((el) => {
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return [
          el.localName,
          s.fontSize,
          s.textTransform,
          s.letterSpacing,
          Math.round(r.left - host.left),
          Math.round(r.width),
        ].join(' ');
      });
  }, DASHBOARD);

test('NHS.UK service page: the dashboard in the nhs preset under a strict CSP with Trusted Types, axe-clean, hostile CSS changes nothing', async ({
  page,
  request,
}) => {
  const csp = (await request.get('/test/hosts/nhs/service/')).headers()['content-security-policy'];
  expect(csp).toContain("require-trusted-types-for 'script'");
  expect(csp).toContain("style-src 'self'");
  const watched = await openServicePage(page);
  await expect(page.locator('body')).toHaveClass(/nhsuk-frontend-supported/);
  const dashboard = page.locator(DASHBOARD);
  // The provider's NHS.UK preset reaches the dashboard.
  expect(await dashboard.evaluate((el) => getComputedStyle(el).getPropertyValue('--_od-color-primary').trim())).toBe(
    '#005eb8',
  );
  expect(await dashboard.evaluate((el) => getComputedStyle(el).fontFamily)).toContain('Frutiger W01');
  await expect(dashboard.locator('.scope')).toHaveText(/^200 cases, \d+ episodes of care$/);
  await expect(dashboard.locator('.tile[data-measure=firstMeetingWithinTarget] .tile-value')).toHaveText(
    /^\d+% \(\d+ of \d+\)$/,
  );
  await expect(dashboard.locator('.tile[data-measure=firstMeetingWithinTarget] .tile-goal')).toContainText(
    'Goal: 80% or more',
  );
  expect(await dashboard.locator('.trend svg.chart').count()).toBeGreaterThan(6);
  // No inline style in the dashboard (the policy would refuse one), and Lit's the only Trusted Types policy in play.
  expect(await dashboard.evaluate((el) => el.shadowRoot.querySelectorAll('[style]').length)).toBe(0);

  await setHostileCss(page, false);
  const plain = await dashboardLook(page);
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'nhs-service');
  await setHostileCss(page, true);
  expect(await dashboardLook(page), 'the dashboard looks the same with the page’s hostile CSS').toEqual(plain);
  await expectNoAxeViolations(page, { include: [DASHBOARD] });
  expectCleanConsole(watched);
  expectOnlyLocalRequests(watched);
});

test('NHS.UK service page: a keyboard-only manager picks a team and a period, and opens the cases behind a figure', async ({
  page,
}) => {
  const watched = await openServicePage(page);
  const dashboard = page.locator(DASHBOARD);
  const scope = await dashboard.locator('.scope').textContent();

  // The team: Tab to its select, an arrow key to the first team.
  await tabTo(page, (f) => f.widget === DASHBOARD && f.id === 'filter-team', { what: 'the team filter' });
  await page.keyboard.press('ArrowDown');
  const team = await dashboard.locator('#filter-team').evaluate((s) => s.selectedOptions[0].text);
  expect(team).not.toBe('All teams');
  await expect(dashboard).toHaveAttribute('team', team);
  await expect(dashboard.locator('.scope')).not.toHaveText(scope);
  await expect(dashboard.locator('.dashboard')).toHaveAttribute('aria-busy', 'false');

  // The period: "From" is before "Team" in the form; the second month.
  await tabTo(page, (f) => f.widget === DASHBOARD && f.id === 'filter-from', { back: true, what: 'the from filter' });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const from = await dashboard.locator('#filter-from').inputValue();
  await expect(dashboard).toHaveAttribute('from', from);
  await expect(dashboard.locator('.dashboard')).toHaveAttribute('aria-busy', 'false');
  await expect(dashboard.locator('.scope')).toHaveText(/episodes of care\. From 1 \w+ 2026 to \d+ \w+ 20\d\d$/);

  // Open the cases behind the first tile: the host lists them.
  const f = await tabTo(
    page,
    (x) =>
      x.widget === DASHBOARD &&
      x.tag === 'button' &&
      x.label === 'Open the cases behind “First meeting within 24 hours”',
    {
      what: 'the first tile’s button',
    },
  );
  expect(f.text).toBe('Open the cases');
  await page.keyboard.press('Enter');
  const opened = page.locator('#opened');
  await expect(opened).toBeVisible();
  await expect(opened).toHaveAttribute('data-measure', 'firstMeetingWithinTarget');
  await expect(page.locator('#opened-title')).toHaveText(`Cases behind “firstMeetingWithinTarget” for ${team}`);
  expect(Number(await opened.getAttribute('data-count'))).toBeGreaterThan(0);
  expect((await focused(page)).widget).toBe(DASHBOARD);
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'nhs-service-opened');
  expectCleanConsole(watched);
  expectOnlyLocalRequests(watched);
});
