// Proof that a host page's hostile global CSS (support/hostile.css) does not reach the
// widgets: the same layout with and without it, and the rules it tries to impose
// (hidden SVG, 62.5% text, uppercase, no focus outline, …) absent inside the widgets.
import { expect } from '@playwright/test';

export const WIDGETS = ['od-network-map', 'od-meeting-timeline', 'od-principles-checklist'];

/** Boxes of each widget and of its parts (relative to the widget), and its text styles. */
export function widgetLayout(page, tags = WIDGETS) {
  return page.evaluate((tags) => {
    const round = (n) => Math.round(n);
    const out = {};
    for (const tag of tags) {
      const host = document.querySelector(tag);
      const h = host.getBoundingClientRect();
      const parts = {};
      const counts = {};
      for (const el of host.shadowRoot.querySelectorAll('[part]')) {
        const name = el.getAttribute('part');
        const n = (counts[name] = (counts[name] ?? 0) + 1);
        if (n > 3) continue; // a few of each repeated part is enough
        const r = el.getBoundingClientRect();
        // A part with no box (visually hidden, or empty) shows nothing a page's CSS could move.
        if (r.width === 0 && r.height === 0) continue;
        parts[`${name}#${n}`] = [round(r.x - h.x), round(r.y - h.y), round(r.width), round(r.height)];
      }
      out[tag] = { size: [round(h.width), round(h.height)], parts };
    }
    return out;
  }, tags);
}

/** Text styles of every text-bearing element inside each widget (what inherits from the page). */
export function widgetText(page, tags = WIDGETS) {
  return page.evaluate((tags) => {
    const out = {};
    for (const tag of tags) {
      const root = document.querySelector(tag).shadowRoot;
      const seen = {};
      for (const el of root.querySelectorAll(
        'p, span, label, legend, h2, h3, h4, td, th, button, time, input, textarea, text',
      )) {
        if (!el.getClientRects().length) continue;
        const s = getComputedStyle(el);
        const key = [
          s.fontSize,
          s.fontStyle,
          s.fontWeight,
          s.fontVariantCaps,
          s.textTransform,
          s.letterSpacing,
          s.wordSpacing,
          s.textIndent,
          s.whiteSpace,
          s.lineHeight,
          s.caretColor,
        ].join('|');
        seen[key] = (seen[key] ?? 0) + 1;
      }
      out[tag] = seen;
    }
    return out;
  }, tags);
}

/** Turns the page's hostile stylesheet (`<link id="hostile-css">`) off or on and lets the widgets re-render. */
export async function setHostileCss(page, on, tags = WIDGETS) {
  await page.evaluate(
    async ({ on, tags }) => {
      const sheet = document.getElementById('hostile-css');
      if (!sheet) throw new Error('this page has no <link id="hostile-css">');
      sheet.disabled = !on;
      // Widgets that watch their size re-render on the next frames.
      for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
      await Promise.all(tags.map((t) => document.querySelector(t).updateComplete));
    },
    { on, tags },
  );
}

/**
 * The hostile sheet must change nothing inside the widgets: every part's box and every
 * text style is the same with it on and off. Leaves the sheet on.
 */
export async function expectSameWithAndWithoutHostileCss(page, tags = WIDGETS) {
  const hostile = { layout: await widgetLayout(page, tags), text: await widgetText(page, tags) };
  await setHostileCss(page, false, tags);
  const plain = { layout: await widgetLayout(page, tags), text: await widgetText(page, tags) };
  await setHostileCss(page, true, tags);
  expect(Object.keys(plain.layout['od-network-map'].parts).length, 'parts were measured').toBeGreaterThan(5);
  expect(hostile.layout, 'widget and part boxes (px, relative to the widget) with the hostile CSS').toEqual(
    plain.layout,
  );
  expect(hostile.text, 'text styles inside the widgets with the hostile CSS').toEqual(plain.text);
}

/** Direct checks of what the hostile rules try to do, with the sheet on. */
export async function expectHostileRulesDefeated(page) {
  const found = await page.evaluate(() => {
    const map = document.querySelector('od-network-map').shadowRoot;
    const svg = map.querySelector('svg[part="map"]');
    const box = svg.getBoundingClientRect();
    const checklist = document.querySelector('od-principles-checklist').shadowRoot;
    const radios = [...checklist.querySelectorAll('input[type="radio"]')].map((r) => r.getBoundingClientRect());
    const hint = getComputedStyle(checklist.querySelector('#rater-name-hint'));
    const summary = getComputedStyle(map.querySelector('[part="summary"]'));
    const meeting = getComputedStyle(
      document.querySelector('od-meeting-timeline').shadowRoot.querySelector('button.meeting'),
    );
    const name = getComputedStyle(checklist.querySelector('#rater-name'));
    return {
      hostileOn: !document.getElementById('hostile-css').disabled,
      pageRootFontSize: getComputedStyle(document.documentElement).fontSize,
      svg: { display: getComputedStyle(svg).display, width: box.width, height: box.height },
      smallestRadio: {
        width: Math.min(...radios.map((r) => r.width)),
        height: Math.min(...radios.map((r) => r.height)),
      },
      radioCount: radios.length,
      text: [summary, meeting, hint].map((s) => ({
        fontSize: s.fontSize,
        textTransform: s.textTransform,
        fontStyle: s.fontStyle,
        letterSpacing: s.letterSpacing,
      })),
      caretColor: name.caretColor,
    };
  });
  expect(found.hostileOn).toBe(true);
  // The sheet is really there and really hostile: the page's own root text is 10px.
  expect(found.pageRootFontSize).toBe('10px');
  expect(found.svg.display, 'svg { display: none } does not hide the map').not.toBe('none');
  expect(found.svg.width).toBeGreaterThan(200);
  expect(found.svg.height).toBeGreaterThan(200);
  expect(found.radioCount).toBeGreaterThan(0);
  expect(found.smallestRadio.width, 'radios are at least 24 px wide').toBeGreaterThanOrEqual(24);
  expect(found.smallestRadio.height, 'radios are at least 24 px high').toBeGreaterThanOrEqual(24);
  for (const t of found.text) {
    // The kit's text size (--od-sys-font-size: the browser's default, 16 px here), not 62.5% of anything.
    expect(t).toEqual({ fontSize: '16px', textTransform: 'none', fontStyle: 'normal', letterSpacing: 'normal' });
  }
  expect(found.caretColor, 'caret-color: transparent does not hide the text cursor').not.toBe('rgba(0, 0, 0, 0)');
}
