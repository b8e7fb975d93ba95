// Server-rendered GOV.UK and NHS.UK pages (@odkit/ssr; see pages.ts): with JavaScript off
// the widgets' content is there, axe finds nothing, the hostile sheet changes nothing in the
// shadow roots, and a keyboard-only user rates the checklist and posts the form (the server
// reads every rating with assessmentFromForm). With JavaScript on, the kit hydrates the
// server's DOM (the same nodes), under a strict CSP with Trusted Types, with a clean console,
// and the form posts the element's value once.
import { test, expect } from '@playwright/test';
import {
  expectCleanConsole,
  expectHostileRulesDefeatedSsr,
  expectNoAxeViolationsWithoutScript,
  expectSameWithAndWithoutHostileCssWithoutScript,
  saveScreenshot,
  setHostileCssWithoutScript,
  watchPage,
} from './ssr-support.mjs';
import {
  focused,
  openMeetingByKeyboard,
  rateChecklistByKeyboard,
  recordKitEvents,
  selectMemberByKeyboard,
  tabTo,
} from '../support/keyboard.mjs';

test.describe.configure({ timeout: 180_000 });

const SHADOW_WIDGETS = ['od-network-map', 'od-meeting-timeline'];
const RATINGS = [4, 3, 4, 2, 3, 4, 1];
const ITEMS = [
  'immediate-help',
  'social-network',
  'flexibility',
  'responsibility',
  'continuity',
  'uncertainty',
  'dialogism',
];

/** The last POST the server read (its field names, and the assessment or the issues). */
const lastSubmission = async (request) => (await request.get('/test/hosts/ssr/last-submission')).json();

for (const framework of ['govuk', 'nhs']) {
  const path = `/test/hosts/ssr/${framework}/`;

  test.describe(`${framework} page rendered on the server, JavaScript off`, () => {
    test.use({ javaScriptEnabled: false });

    test('shows names, rings, meetings, measures and items; the hostile sheet changes nothing in the widgets', async ({
      page,
    }) => {
      const watched = await watchPage(page);
      await page.goto(path);
      // No script ran: the elements are not defined, and their content is the server's.
      expect(await page.evaluate(() => customElements.get('od-network-map'))).toBeUndefined();
      const map = page.locator('od-network-map');
      await expect(map.locator('[part="map"]')).toBeVisible();
      await expect(map.locator('.ring')).toHaveCount(3);
      for (const name of ['Maya Lewis', 'Sarah Lewis', 'Dr Anjali Patel'])
        await expect(map.locator(`[part="node"][aria-label^="${name}"]`)).toBeVisible();
      await expect(map.locator('[part="legend"]')).toBeVisible();
      await expect(map.locator('[part="summary"]')).toContainText('18 network members');
      // Buttons that need script are not offered.
      await expect(map.locator('[part="toolbar"]')).toBeHidden();
      const timeline = page.locator('od-meeting-timeline');
      await expect(timeline.locator('#meeting-mt-13')).toContainText('1 Apr 2026');
      await expect(timeline.locator('[part="summary"]')).toContainText('With two or more practitioners');
      const form = page.locator('od-principles-checklist fieldset[data-od-fallback]');
      await expect(form).toBeVisible();
      await expect(form.locator('legend').first()).toHaveText('The seven principles of Open Dialogue');
      for (const item of ITEMS) await expect(page.locator(`input[name="assessment.rating.${item}"]`)).toHaveCount(5);

      await expectHostileRulesDefeatedSsr(page);
      await expectSameWithAndWithoutHostileCssWithoutScript(page, SHADOW_WIDGETS);
      await setHostileCssWithoutScript(page, false);
      await saveScreenshot(page, `ssr-${framework}-no-js`);
      expectCleanConsole(watched);
    });

    test('a keyboard-only user rates the checklist and submits; the server receives every rating, comment and the rater’s details', async ({
      page,
      request,
    }) => {
      await page.goto(path);
      await tabTo(page, (f) => f.name === 'assessment.rater-name', { max: 200, what: 'the rater’s name' });
      await page.keyboard.type('Nia Roberts');
      // The rater's role: Tab into its radios (focus lands on the checked one, "Self-rating"), then one down.
      await tabTo(page, (f) => f.name === 'assessment.rater-role', { what: 'the rater’s role' });
      await page.keyboard.press('ArrowDown');
      for (const [i, item] of ITEMS.entries()) {
        await tabTo(page, (f) => f.name === `assessment.rating.${item}`, { what: `the ratings of ${item}` });
        await page.keyboard.press('Space');
        for (let k = 1; k < RATINGS[i]; k++) await page.keyboard.press('ArrowDown');
        if (i === 0) {
          await tabTo(page, (f) => f.name === `assessment.comment.${item}`, { what: 'the first comment' });
          await page.keyboard.type('Seen within a day <b>& welcomed</b>');
        }
      }
      await tabTo(page, (f) => f.tag === 'button' && f.text === 'Submit assessment', { what: 'the submit button' });
      await Promise.all([page.waitForURL(/\/submit$/), page.keyboard.press('Enter')]);
      await expect(page.locator('h1')).toHaveText('Assessment received');
      const sent = await lastSubmission(request);
      expect(sent.issues).toBeUndefined();
      expect(sent.caseId).toBe('case-123');
      expect(sent.fields).not.toContain('assessment');
      expect(sent.assessment).toMatchObject({
        meetingId: 'mt-13',
        instrumentId: 'od-seven-principles',
        rater: { name: 'Nia Roberts' },
        raterRole: 'co-facilitator',
        evidence: 'live',
        status: 'complete',
      });
      expect(sent.assessment.ratings.map((r) => [r.itemId, r.value])).toEqual(ITEMS.map((id, i) => [id, RATINGS[i]]));
      expect(sent.assessment.ratings[0].comment).toBe('Seen within a day <b>& welcomed</b>');
      // What the host shows back is text.
      await expect(page.locator('#received')).toContainText('Seen within a day <b>& welcomed</b>');
    });

    test('a tampered POST gets located validation errors, not a crash', async ({ request }) => {
      const res = await request.post(`${path}submit`, {
        form: {
          'assessment.rater-name': 'Nia',
          'assessment.rating.immediate-help': '9',
          'assessment.rating.nope': '1',
          'assessment.rater-role': 'boss',
        },
      });
      expect(res.status()).toBe(400);
      const sent = await lastSubmission(request);
      expect(sent.issues).toEqual(
        expect.arrayContaining([
          'assessment.rating["immediate-help"] is not a point of this instrument’s scale',
          // A field the checklist does not have is described by its length, not quoted.
          '[a field of 22 characters] is not a field of this checklist',
          'assessment["rater-role"] must be one of self, co-facilitator, supervisor, independent',
          'assessment.rating["social-network"] is missing: select a rating',
        ]),
      );
      expect(await res.text()).toContain('There is a problem');
    });
  });

  // axe itself runs on timers, which a page without script never fires: here the page's own
  // scripts are blocked instead (as a proxy that strips them would), so the page is exactly
  // what a browser without script shows, and axe can run in it.
  test(`${framework} page rendered on the server, its scripts blocked: axe finds nothing, with and without the hostile sheet`, async ({
    page,
  }) => {
    await page.route('**/*.js', (route) => route.abort());
    await page.goto(path);
    expect(await page.evaluate(() => customElements.get('od-network-map'))).toBeUndefined();
    await setHostileCssWithoutScript(page, false);
    await expectNoAxeViolationsWithoutScript(page);
    await setHostileCssWithoutScript(page, true);
    await expectNoAxeViolationsWithoutScript(page, { include: SHADOW_WIDGETS });
  });

  test.describe(`${framework} page rendered on the server, JavaScript on`, () => {
    test('the kit takes over the server’s DOM (same nodes), under the strict CSP with a nonce, console clean', async ({
      page,
    }) => {
      const watched = await watchPage(page);
      const warnings = [];
      page.on('console', (msg) => {
        if (msg.type() === 'warning' || /content security policy|trusted ?type|refused to|hydrat/i.test(msg.text()))
          warnings.push(`${msg.type()}: ${msg.text()}`);
      });
      // Hold the kit's script until a sample of the server's nodes is marked.
      let release;
      const held = new Promise((resolve) => (release = resolve));
      await page.route('**/packages/kit/dist/odkit-hydrate.js', async (route) => {
        await held;
        await route.continue();
      });
      // Module scripts hold DOMContentLoaded back, and this one is held: wait for the parsed page instead.
      const response = await page.goto(path, { waitUntil: 'commit' });
      await page.locator('footer').waitFor({ state: 'attached' });
      expect(response.headers()['content-security-policy']).toMatch(
        /^default-src 'self'; script-src 'self'; style-src 'self' 'nonce-[^']+'; require-trusted-types-for 'script'$/,
      );
      const sampled = await page.evaluate(() => {
        const nodes = [];
        for (const tag of ['od-network-map', 'od-meeting-timeline']) {
          const root = document.querySelector(tag).shadowRoot;
          nodes.push(
            root.querySelector('[part="base"]'),
            root.querySelector('svg'),
            ...[...root.querySelectorAll('[part~="node"], [part~="meeting"], button, p')].slice(0, 12),
          );
        }
        nodes.push(document.querySelector('od-provider').shadowRoot.querySelector('slot'));
        window.__serverNodes = nodes.filter(Boolean);
        return window.__serverNodes.length;
      });
      expect(sampled).toBeGreaterThan(20);
      release();
      await page.waitForFunction(() =>
        ['od-network-map', 'od-meeting-timeline', 'od-principles-checklist'].every(
          (t) => document.querySelector(t).hasUpdated,
        ),
      );
      const kept = await page.evaluate(() => {
        const now = [];
        for (const tag of ['od-network-map', 'od-meeting-timeline']) {
          const root = document.querySelector(tag).shadowRoot;
          now.push(
            root.querySelector('[part="base"]'),
            root.querySelector('svg'),
            ...[...root.querySelectorAll('[part~="node"], [part~="meeting"], button, p')].slice(0, 12),
          );
        }
        now.push(document.querySelector('od-provider').shadowRoot.querySelector('slot'));
        const same = window.__serverNodes.filter((n, i) => n === now.filter(Boolean)[i] && n.isConnected).length;
        return { same, of: window.__serverNodes.length };
      });
      expect(kept.same, 'server nodes kept by hydration').toBe(kept.of);
      // Hydrated, the widgets work: the toolbar is offered and a member can be selected.
      const map = page.locator('od-network-map');
      await expect(map.locator('[part="toolbar"]')).toBeVisible();
      await map.getByRole('button', { name: 'View as table' }).click();
      await expect(map.locator('[part="table"]')).toBeVisible();
      // The server's form fields gave way to the element (disabled, so never sent).
      await expect(page.locator('fieldset[data-od-fallback]')).toHaveAttribute('disabled', '');
      expectCleanConsole(watched);
      expect(warnings).toEqual([]);
    });

    test('every keyboard task works after hydration, and the form posts the element’s value once', async ({
      page,
      request,
    }) => {
      const watched = await watchPage(page);
      await recordKitEvents(page);
      await page.goto(path);
      await page.waitForFunction(() =>
        ['od-network-map', 'od-meeting-timeline', 'od-principles-checklist'].every(
          (t) => document.querySelector(t).hasUpdated,
        ),
      );
      await selectMemberByKeyboard(page);
      await openMeetingByKeyboard(page);
      const isName = (f) => f.widget === 'od-principles-checklist' && f.id === 'rater-name';
      if (!isName(await focused(page))) await tabTo(page, isName, { what: 'the rater’s name' });
      const items = await rateChecklistByKeyboard(page, { raterName: 'Nia Roberts', ratings: RATINGS });
      expect(items).toEqual(ITEMS);
      await tabTo(page, (f) => f.widget === null && f.tag === 'button' && f.text === 'Submit assessment', {
        what: 'the submit button',
      });
      await Promise.all([page.waitForURL(/\/submit$/), page.keyboard.press('Enter')]);
      await expect(page.locator('h1')).toHaveText('Assessment received');
      const sent = await lastSubmission(request);
      expect(sent.issues).toBeUndefined();
      // The element's JSON value, and none of the server-rendered fields: nothing sent twice.
      expect(sent.fields.sort()).toEqual(['assessment', 'case']);
      expect(sent.assessment.ratings.map((r) => [r.itemId, r.value])).toEqual(ITEMS.map((id, i) => [id, RATINGS[i]]));
      expectCleanConsole(watched);
    });
  });
}
