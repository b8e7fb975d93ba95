// Checks for the server-rendered pages, where only the map and the timeline have shadow
// roots before script (the checklist is the host's own form fields then).
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';
import { widgetLayout, widgetText } from '../support/hostile-checks.mjs';

export { expectCleanConsole, expectNoAxeViolations, saveScreenshot, watchPage } from '../support/page-watch.mjs';

/** The hostile sheet's rules do not reach into the server-rendered shadow roots (the sheet on). */
export async function expectHostileRulesDefeatedSsr(page) {
  const found = await page.evaluate(() => {
    const map = document.querySelector('od-network-map').shadowRoot;
    const svg = map.querySelector('svg[part="map"]');
    const box = svg.getBoundingClientRect();
    const text = [
      map.querySelector('[part="summary"]'),
      document.querySelector('od-meeting-timeline').shadowRoot.querySelector('button.meeting'),
    ].map((el) => {
      const s = getComputedStyle(el);
      return { fontSize: s.fontSize, textTransform: s.textTransform, fontStyle: s.fontStyle };
    });
    return {
      hostileOn: !document.getElementById('hostile-css').disabled,
      display: getComputedStyle(svg).display,
      width: box.width,
      text,
    };
  });
  expect(found.hostileOn).toBe(true);
  expect(found.display, 'svg { display: none } does not hide the map').not.toBe('none');
  expect(found.width).toBeGreaterThan(200);
  for (const t of found.text) expect(t).toEqual({ fontSize: '16px', textTransform: 'none', fontStyle: 'normal' });
}

/** axe on a page whose own scripts did not run (blocked); in the page itself (legacy mode), not a helper page. */
export async function expectNoAxeViolationsWithoutScript(page, { include = [] } = {}) {
  let builder = new AxeBuilder({ page })
    .setLegacyMode(true)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']);
  for (const selector of include) builder = builder.include(selector);
  const results = await builder.analyze();
  expect(results.passes.length, 'axe ran').toBeGreaterThan(10);
  const found = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(found, 'axe violations').toEqual([]);
}

/**
 * The hostile sheet on or off, without script: nothing re-renders, so no frames are awaited
 * (a page without script runs no animation frames; the next measurement lays the page out).
 */
export async function setHostileCssWithoutScript(page, on) {
  await page.evaluate((on) => {
    const sheet = document.getElementById('hostile-css');
    if (!sheet) throw new Error('this page has no <link id="hostile-css">');
    sheet.disabled = !on;
  }, on);
}

/**
 * Every part's box and every text style inside `tags`' shadow roots is the same with the hostile sheet on and off (no
 * script).
 */
export async function expectSameWithAndWithoutHostileCssWithoutScript(page, tags) {
  await setHostileCssWithoutScript(page, true);
  const hostile = { layout: await widgetLayout(page, tags), text: await widgetText(page, tags) };
  await setHostileCssWithoutScript(page, false);
  const plain = { layout: await widgetLayout(page, tags), text: await widgetText(page, tags) };
  await setHostileCssWithoutScript(page, true);
  expect(Object.keys(plain.layout['od-network-map'].parts).length, 'parts were measured').toBeGreaterThan(5);
  expect(hostile.layout, 'widget and part boxes (px, relative to the widget) with the hostile CSS').toEqual(
    plain.layout,
  );
  expect(hostile.text, 'text styles inside the widgets with the hostile CSS').toEqual(plain.text);
}
