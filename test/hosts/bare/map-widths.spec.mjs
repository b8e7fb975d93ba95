// The network map on a host page at four widths (a phone at 320 and 375 px, a tablet, a laptop): each picture goes to
// docs/images/ for docs/network-map.md. What the pictures show (no name on a node, a name or a tie; text of 12 px or
// more; targets 24 px apart) is measured in packages/network-map/test/legibility.test.ts.
import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { openHostPage } from '../support/host-page.mjs';
import { expectCleanConsole } from '../support/page-watch.mjs';

const images = join(import.meta.dirname, '..', '..', '..', 'docs', 'images');

for (const width of [320, 375, 768, 1280]) {
  test(`the demo case's map at ${width} px wide`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    const watched = await openHostPage(page, '/test/hosts/bare/');
    const map = page.locator('od-network-map');
    const picture = map.locator('svg.map');
    await expect(map.locator('.labels .label').first()).toBeVisible();
    // Drawn for its measured size (the widget's data-fit), not the first render's guess.
    await expect
      .poll(() =>
        picture.evaluate((svg) => {
          const [w, h] = (svg.getAttribute('data-fit') ?? '').split('x').map(Number);
          return Math.abs(w - svg.clientWidth) <= 1 && Math.abs(h - svg.clientHeight) <= 1;
        }),
      )
      .toBe(true);
    await map.locator('.frame').screenshot({ path: join(images, `network-map-${width}.png`) });
    expectCleanConsole(watched);
  });
}
