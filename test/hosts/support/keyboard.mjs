// Keyboard-only core tasks on a host page: the user presses Tab, arrows, Enter, Space and
// Escape (page.keyboard only); the test reads the page to know where focus is and what
// happened, but never clicks, never focuses anything itself and never sets a value.
import { expect } from '@playwright/test';

/** Records every kit event the page fires (they bubble and are composed), from before load. */
export async function recordKitEvents(page) {
  await page.addInitScript(() => {
    window.__odEvents = [];
    for (const type of ['od-select', 'od-error']) {
      document.addEventListener(type, (e) => {
        const s = e.selection;
        window.__odEvents.push({
          type,
          kind: s?.kind ?? null,
          id: s?.member?.id ?? s?.meeting?.id ?? s?.person?.id ?? null,
          name: s?.member?.name ?? null,
          message: e.error?.message ?? null,
        });
      });
    }
  });
}

export const kitEvents = (page) => page.evaluate(() => window.__odEvents);

/** What has focus, through shadow roots: its host widget, tag, id, role, name, text and classes. */
export function focused(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    let widget = null;
    while (el?.shadowRoot?.activeElement) {
      widget = el.localName;
      el = el.shadowRoot.activeElement;
    }
    return {
      widget,
      tag: el?.localName ?? null,
      id: el?.id || null,
      key: el?.getAttribute('data-key') ?? null,
      role: el?.getAttribute('role') ?? null,
      type: el?.getAttribute('type') ?? null,
      name: el?.getAttribute('name') ?? null,
      label: el?.getAttribute('aria-label') ?? null,
      text: el?.textContent?.trim().replace(/\s+/g, ' ') ?? '',
      classes: el ? [...el.classList] : [],
      // For a radio: whether its group already has a choice.
      groupChecked:
        el?.type === 'radio' && !!el.getRootNode().querySelector(`input[name="${CSS.escape(el.name)}"]:checked`),
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until `matches(focused)` holds; fails after `max` presses.
 * Returns what has focus then.
 */
export async function tabTo(page, matches, { max = 80, back = false, what = 'the target' } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (matches(f)) return f;
  }
  throw new Error(`${what} was not reached with ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}

/** Fails unless the element with keyboard focus shows a visible focus indicator. */
export async function expectVisibleFocus(page) {
  const ring = await page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return null;
    // A map member draws its ring as SVG strokes (an outline does not follow an SVG shape).
    const svgRing = el.querySelector?.(':scope > .focus-ring');
    if (svgRing) {
      const s = getComputedStyle(svgRing);
      return {
        kind: 'svg',
        visible: el.matches(':focus-visible') && s.stroke !== 'none' && parseFloat(s.strokeWidth) >= 3,
      };
    }
    const s = getComputedStyle(el);
    return {
      kind: 'outline',
      visible: el.matches(':focus-visible') && s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 3,
    };
  });
  expect(ring, 'the focused element shows a focus indicator').toMatchObject({ visible: true });
}

/**
 * Selects a member on the network map: Tab to the map (one tab stop, on the person),
 * an arrow key to a member, Enter. Checks the details panel and the od-select event.
 */
export async function selectMemberByKeyboard(page) {
  const map = page.locator('od-network-map');
  await tabTo(page, (f) => f.widget === 'od-network-map' && f.role === 'button' && f.tag === 'g', {
    what: 'the network map',
  });
  await expectVisibleFocus(page);
  await page.keyboard.press('ArrowRight');
  const member = await focused(page);
  expect(member.widget, 'focus stays on the map').toBe('od-network-map');
  expect(member.key, 'an arrow key moves from the person to a member').not.toBe('person');
  await expectVisibleFocus(page);
  const name = member.label.split(':')[0];
  await page.keyboard.press('Enter');
  const node = map.locator(`g[data-key="${member.key}"]`);
  await expect(node).toHaveAttribute('aria-pressed', 'true');
  await expect(map.locator('[part="details"] .panel-title')).toHaveText(name);
  const selects = (await kitEvents(page)).filter((e) => e.type === 'od-select');
  expect(selects.at(-1), 'od-select names the member').toMatchObject({ kind: 'member', id: member.key, name });
  return { id: member.key, name };
}

/**
 * Opens a meeting on the timeline: Tab to the list (one stop), ↓ to the second meeting,
 * Enter opens its details (focus on their heading), Escape closes them and focus returns.
 */
export async function openMeetingByKeyboard(page) {
  const timeline = page.locator('od-meeting-timeline');
  await tabTo(page, (f) => f.widget === 'od-meeting-timeline' && f.tag === 'button' && f.id?.startsWith('meeting-'), {
    what: 'the meeting list',
  });
  await page.keyboard.press('ArrowDown');
  const meeting = await focused(page);
  expect(meeting.id, 'ArrowDown moves to a meeting').toMatch(/^meeting-/);
  await expectVisibleFocus(page);
  await page.keyboard.press('Enter');
  const button = timeline.locator(`#${meeting.id}`);
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(timeline.locator('#details-title')).toBeFocused();
  const meetingId = meeting.id.slice('meeting-'.length);
  const selects = (await kitEvents(page)).filter((e) => e.type === 'od-select');
  expect(selects.at(-1), 'od-select names the meeting').toMatchObject({ kind: 'meeting', id: meetingId });
  await page.keyboard.press('Escape');
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(timeline.locator('#details')).toHaveCount(0);
  expect((await focused(page)).id, 'focus returns to the meeting').toBe(meeting.id);
  return { id: meetingId, title: meeting.text };
}

/**
 * Rates the checklist with the keyboard: types the rater's name, then for each item Tabs
 * to its radio group, Space checks the first option and → moves on to `ratings[i]`
 * (1-based option index). Returns the item ids in order.
 */
export async function rateChecklistByKeyboard(page, { raterName, ratings }) {
  const isName = (f) => f.widget === 'od-principles-checklist' && f.id === 'rater-name';
  if (!isName(await focused(page))) await tabTo(page, isName, { what: 'the rater’s name' });
  await expectVisibleFocus(page);
  await page.keyboard.type(raterName);
  const items = [];
  for (const wanted of ratings) {
    const radio = await tabTo(
      page,
      (f) =>
        f.widget === 'od-principles-checklist' &&
        f.type === 'radio' &&
        f.name?.startsWith('item-') &&
        !items.includes(f.name.slice(5)),
      { what: `item ${items.length + 1}’s ratings` },
    );
    await expectVisibleFocus(page);
    await page.keyboard.press('Space');
    for (let i = 1; i < wanted; i++) await page.keyboard.press('ArrowRight');
    items.push(radio.name.slice('item-'.length));
  }
  return items;
}
