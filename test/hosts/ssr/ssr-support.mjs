// Checks for the server-rendered pages, where only the map and the timeline have shadow
// roots before script (the checklist is the host's own form fields then).
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';

export { expectCleanConsole, expectNoAxeViolations, saveScreenshot, watchPage } from '../support/page-watch.mjs';

/** The hostile sheet's rules do not reach into the server-rendered shadow roots (the sheet on). */
export async function expectHostileRulesDefeatedSsr(page) {
  const found = await page.evaluate(() => {
    const map = document.querySelector('od-network-map').shadowRoot;
    const svg = map.querySelector('svg[part="map"]');
    const box = svg.getBoundingClientRect();
    const text = [map.querySelector('[part="summary"]'), document.querySelector('od-meeting-timeline').shadowRoot.querySelector('button.meeting')].map((el) => {
      const s = getComputedStyle(el);
      return { fontSize: s.fontSize, textTransform: s.textTransform, fontStyle: s.fontStyle };
    });
    return { hostileOn: !document.getElementById('hostile-css').disabled, display: getComputedStyle(svg).display, width: box.width, text };
  });
  expect(found.hostileOn).toBe(true);
  expect(found.display, 'svg { display: none } does not hide the map').not.toBe('none');
  expect(found.width).toBeGreaterThan(200);
  for (const t of found.text) expect(t).toEqual({ fontSize: '16px', textTransform: 'none', fontStyle: 'normal' });
}

/**
 * axe on a page whose own scripts are off (javaScriptEnabled: false). axe's default run
 * finishes in a new blank page, which cannot run script in such a context; its legacy mode
 * runs in the page itself (Playwright's evaluate still works there).
 */
export async function expectNoAxeViolationsWithoutScript(page, { include = [] } = {}) {
  let builder = new AxeBuilder({ page }).setLegacyMode(true).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']);
  for (const selector of include) builder = builder.include(selector);
  const results = await builder.analyze();
  expect(results.passes.length, 'axe ran').toBeGreaterThan(10);
  const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(found, 'axe violations').toEqual([]);
}
