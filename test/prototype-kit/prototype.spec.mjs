// A real GOV.UK Prototype Kit project with the plugin installed from its packed tarball:
// the macros render the widgets on the server, the page works with JavaScript off (content,
// and the checklist posts every rating) and on (the kit hydrates the server's HTML).
// Every step is bounded; the figures (how long create, install and start took) are printed.
// The prototype is made and started once, by setup.mjs (Playwright's global setup).
import { test, expect } from '@playwright/test';

const base = process.env.ODKIT_PROTOTYPE_URL;

test.describe('JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the macros’ widgets are on the page and the checklist posts its ratings', async ({ page }) => {
    await page.goto(`${base}/odkit`);
    const map = page.locator('od-network-map');
    await expect(map.locator('[part="map"]')).toBeVisible();
    await expect(map.locator('[part="node"][aria-label^="Sarah Lewis"]')).toBeVisible();
    await expect(page.locator('od-meeting-timeline #meeting-mt-13')).toContainText('1 Apr 2026');
    await page.locator('input[name="assessment.rater-name"]').fill('Nia Roberts');
    await page.locator('label[for="assessment-rating-immediate-help-3"]').click();
    await page.getByRole('button', { name: 'Submit assessment' }).click();
    await expect(page.locator('h1')).toHaveText('Submitted');
    const sent = page.locator('#sent');
    await expect(sent).toContainText('Nia Roberts');
    await expect(sent.locator('.govuk-summary-list__row').nth(1)).toContainText('4');
  });
});

test.describe('JavaScript on', () => {
  test('the kit takes over the server’s HTML and the checklist posts its value', async ({ page }) => {
    const errors = [];
    page.on('console', (m) => ['error', 'warning'].includes(m.type()) && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${base}/odkit`);
    const svg = await page.locator('od-network-map').evaluateHandle((el) => el.shadowRoot.querySelector('svg'));
    await page.waitForFunction(() =>
      ['od-network-map', 'od-meeting-timeline', 'od-principles-checklist'].every(
        (t) => document.querySelector(t)?.hasUpdated,
      ),
    );
    expect(
      await page.locator('od-network-map').evaluate((el, before) => el.shadowRoot.querySelector('svg') === before, svg),
    ).toBe(true);
    const map = page.locator('od-network-map');
    await map.getByRole('button', { name: 'View as table' }).click();
    await expect(map.locator('[part="table"]')).toBeVisible();
    const checklist = page.locator('od-principles-checklist');
    await checklist.locator('#rater-name').fill('Nia Roberts');
    await page.getByRole('button', { name: 'Submit assessment' }).click();
    await expect(page.locator('h1')).toHaveText('Submitted');
    await expect(page.locator('#json')).toContainText('"rater":{"name":"Nia Roberts"}');
    expect(errors).toEqual([]);
  });
});
