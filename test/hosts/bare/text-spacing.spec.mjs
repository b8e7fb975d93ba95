// WCAG 1.4.12 Text Spacing: a reader's own spacing overrides (applied the way bookmarklets
// and extensions do, as !important rules on every element) reach the widgets' text, and
// nothing is cut off or overlaps, while the widgets keep working.
import { test, expect } from '@playwright/test';
import { expectCleanConsole, expectNoAxeViolations, watchPage, widgetsReady } from '../support/page-watch.mjs';

const SPACING =
  '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }';

test('a reader\u2019s text-spacing overrides (WCAG 1.4.12) reach the widgets, with no text clipped', async ({
  page,
}) => {
  const watched = await watchPage(page);
  await page.goto('/test/hosts/bare/');
  await widgetsReady(page);
  // A constructed sheet: the page's CSP-free way to add a user's rule after load.
  await page.evaluate((rule) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(rule);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }, SPACING);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

  const found = await page.evaluate(() => {
    const results = [];
    for (const tag of ['od-network-map', 'od-meeting-timeline', 'od-principles-checklist']) {
      const host = getComputedStyle(document.querySelector(tag));
      const root = document.querySelector(tag).shadowRoot;
      for (const el of root.querySelectorAll('p, legend, label, td, th, span.hint, .od-hint')) {
        if (!el.getClientRects().length || !el.textContent.trim()) continue;
        // Text for screen readers only is clipped on purpose.
        if (el.closest('.visually-hidden')) continue;
        const s = getComputedStyle(el);
        const hostSize = parseFloat(host.fontSize);
        results.push({
          tag,
          text: el.textContent.trim().slice(0, 40),
          // Page rules match the host, not the shadow tree: the reader's spacing arrives by
          // inheritance, computed against the widget's base text size.
          letter: parseFloat(s.letterSpacing) / hostSize,
          word: parseFloat(s.wordSpacing) / hostSize,
          // Clipped: content wider or taller than its box while overflow hides it.
          clipped:
            s.overflow === 'hidden' && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1),
        });
      }
    }
    return results;
  });
  expect(found.length).toBeGreaterThan(30);
  for (const f of found) {
    expect(f.letter, `${f.tag} "${f.text}" letter spacing`).toBeCloseTo(0.12, 2);
    expect(f.word, `${f.tag} "${f.text}" word spacing`).toBeCloseTo(0.16, 2);
    expect(f.clipped, `${f.tag} "${f.text}" is clipped`).toBe(false);
  }
  // Still usable: select a member with the keyboard-reachable button and see its details.
  const map = page.locator('od-network-map');
  await map
    .getByRole('button', { name: /Sarah Lewis/ })
    .first()
    .click();
  await expect(map.locator('.panel')).toContainText('Sarah Lewis');
  await expectNoAxeViolations(page);
  expectCleanConsole(watched);
});
