// Checks for the server-rendered pages, where only the map and the timeline have shadow
// roots before script (the checklist is the host's own form fields then).
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
