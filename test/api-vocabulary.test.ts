/**
 * One API vocabulary across the widgets (docs/api.md): the same names mean the same thing
 * and take the same kind of value on every widget: a `base` part, tokens named after the
 * tag, `as-of`, `scale`, `selected-id`, `color-scheme`, the time zone default.
 */
import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import { type CaseRecord } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { type OdProvider } from '@odkit/elements';
import '@odkit/elements/define.js';
import { type OdMeetingTimeline } from '@odkit/meeting-timeline';
import '@odkit/meeting-timeline/define.js';
import { type OdNetworkMap } from '@odkit/network-map';
import '@odkit/network-map/define.js';
import { type OdPrinciplesChecklist } from '@odkit/principles-checklist';
import '@odkit/principles-checklist/define.js';
import { type OdServiceDashboard } from '@odkit/service-dashboard';
import '@odkit/service-dashboard/define.js';
import { emulateMedia } from '@web/test-runner-commands';
import { guardConsole } from './support/console-guard.js';
import { mapPage, PERSON } from './support/map-page.js';
import { timelinePage } from './support/timeline-page.js';
import { PrinciplesChecklistPage } from './support/principles-checklist-page.js';
import { allByPart, byPart, byRoleIn, partOf, shadow, text, until } from './support/dom.js';

type Widget = HTMLElement & { updateComplete: Promise<unknown> };
const TAGS = ['od-network-map', 'od-meeting-timeline', 'od-principles-checklist', 'od-service-dashboard'] as const;

/** A widget of each kind, given the demo case (the dashboard: as its records), not in a provider. */
async function lone(tag: (typeof TAGS)[number]): Promise<Widget> {
  const el = document.createElement(tag) as unknown as Widget & Record<string, unknown>;
  if (tag === 'od-service-dashboard') el.records = [demoCase];
  else el.record = demoCase;
  if (tag === 'od-principles-checklist') el.setAttribute('meeting-id', 'mt-01');
  const holder = fixtureSync<HTMLDivElement>(html`<div></div>`);
  holder.append(el);
  await el.updateComplete;
  return el;
}

/** Waits until the widget has rendered its content (the dashboard summarises its records first). */
const rendered = (el: Widget) => until(() => !/Loading|Working/.test(text(shadow(el))) && text(shadow(el)), 'content');

describe('one API vocabulary', () => {
  const console = guardConsole();

  afterEach(async () => {
    document.documentElement.style.cssText = '';
    await emulateMedia({ colorScheme: 'light' });
  });

  describe('parts', () => {
    for (const tag of TAGS) {
      it(`<${tag}> has one base part, its outermost wrapper`, async () => {
        const el = await lone(tag);
        await rendered(el);
        const bases = allByPart(el, 'base');
        expect(bases.length, 'base parts').to.equal(1);
        const children = [...shadow(el).children].filter((c) => c.localName !== 'style');
        expect(children, 'everything the widget draws is inside base').to.deep.equal([bases[0]]);
      });
    }
  });

  describe('tokens', () => {
    const probes: Record<(typeof TAGS)[number], { token: string; legacy: string; read: (el: Widget) => string }> = {
      'od-network-map': {
        token: '--od-network-map-ring',
        legacy: '--od-network-map-ring',
        read: (el) => getComputedStyle(shadow(el).querySelector('.ring, circle')!).stroke,
      },
      'od-meeting-timeline': {
        token: '--od-meeting-timeline-list-height',
        legacy: '--od-timeline-list-height',
        read: (el) => getComputedStyle(el).getPropertyValue('--_tl-list-height').trim(),
      },
      'od-principles-checklist': {
        token: '--od-principles-checklist-item-gap',
        legacy: '--od-checklist-item-gap',
        read: (el) => getComputedStyle(el).getPropertyValue('--_od-checklist-item-gap').trim(),
      },
      'od-service-dashboard': {
        token: '--od-service-dashboard-tile-min',
        legacy: '--od-dashboard-tile-min',
        read: (el) => getComputedStyle(el).getPropertyValue('--_od-dashboard-tile-min').trim(),
      },
    };
    const VALUE: Record<string, string> = {
      '--od-network-map-ring': 'rgb(1, 2, 3)',
    };

    for (const tag of TAGS) {
      const { token, legacy, read } = probes[tag];
      const value = VALUE[token] ?? '7px';
      it(`<${tag}>'s component tokens are named after the tag (${token}), set on :root, no provider`, async () => {
        const el = await lone(tag);
        await rendered(el);
        const before = read(el);
        document.documentElement.style.setProperty(token, value);
        expect(read(el)).to.not.equal(before);
        expect(read(el)).to.equal(value);
      });
      if (legacy !== token) {
        it(`<${tag}> still takes the old token name ${legacy}`, async () => {
          const el = await lone(tag);
          await rendered(el);
          document.documentElement.style.setProperty(legacy, value);
          expect(read(el)).to.equal(value);
        });
      }
    }

    it('a system token set on :root reaches a widget outside a provider', async () => {
      const el = await lone('od-meeting-timeline');
      await rendered(el);
      document.documentElement.style.setProperty('--od-sys-color-text', 'rgb(1, 2, 3)');
      expect(getComputedStyle(el).color).to.equal('rgb(1, 2, 3)');
    });
  });

  describe('as-of', () => {
    /** A widget with `as-of` set as an attribute, rendered. */
    async function withAsOf(tag: (typeof TAGS)[number], asOf: string): Promise<Widget> {
      const el = await lone(tag);
      el.setAttribute('as-of', asOf);
      await el.updateComplete;
      await rendered(el);
      return el;
    }

    // The checklist rates one meeting: it has no "as of".
    for (const tag of TAGS.filter((t) => t !== 'od-principles-checklist')) {
      it(`<${tag}> takes a date or a date-time with offset, and refuses anything else with its error state`, async () => {
        for (const good of ['2026-03-01', '2026-03-01T12:00:00+00:00']) {
          const el = await withAsOf(tag, good);
          expect(partOf(el, 'error'), good).to.equal(null);
          expect((el as unknown as { asOf: unknown }).asOf, 'a string property').to.equal(good);
        }
        const el = await lone(tag);
        const failed = new Promise((resolve) => el.addEventListener('od-error', resolve, { once: true }));
        el.setAttribute('as-of', '1 March 2026');
        await failed;
        await until(() => partOf(el, 'error'), 'the error state');
        expect(text(byPart(el, 'error'))).to.match(/as-?of/i);
      });
    }

    it('the map takes the day of a date-time in its time zone (Europe/London by default)', async () => {
      // 23:30 UTC on 30 June is 00:30 on 1 July in British Summer Time.
      const byInstant = await withAsOf('od-network-map', '2026-06-30T23:30:00Z');
      const byDay = await withAsOf('od-network-map', '2026-07-01');
      const notes = (el: Widget) => text(shadow(el).querySelector('.notes'));
      expect(notes(byInstant)).to.contain('1 Jul');
      expect(notes(byInstant)).to.equal(notes(byDay));
    });

    it('the timeline and the dashboard take a date as the end of that day in their time zone', async () => {
      const summary = (el: Widget) => text(byPart(el, 'summary'));
      const byDay = await withAsOf('od-meeting-timeline', '2026-02-12');
      const byInstant = await withAsOf('od-meeting-timeline', '2026-02-12T23:59:59.999+00:00');
      expect(summary(byDay)).to.equal(summary(byInstant));
      expect(summary(byDay)).to.contain('12 Feb 2026');
      const tiles = (el: Widget) => allByPart(el, 'tile').map(text).join('|');
      const dayBoard = await withAsOf('od-service-dashboard', '2026-02-12');
      const instantBoard = await withAsOf('od-service-dashboard', '2026-02-12T23:59:59.999+00:00');
      await until(() => tiles(dayBoard) && tiles(instantBoard), 'tiles');
      expect(tiles(dayBoard)).to.equal(tiles(instantBoard));
    });
  });

  describe('scale (the timeline) and zoom (the map)', () => {
    it("the timeline's axis scale is `scale`; the old `zoom` still works, with a deprecation warning", async () => {
      const el = await lone('od-meeting-timeline');
      const timeline = el as unknown as OdMeetingTimeline;
      el.setAttribute('scale', 'month');
      await el.updateComplete;
      expect(timeline.scale).to.equal('month');
      expect(byRoleIn(byPart(el, 'toolbar'), 'button', 'Month').getAttribute('aria-pressed')).to.equal('true');
      console.expectWarning(/zoom is deprecated: use scale/);
      el.setAttribute('zoom', 'day');
      await el.updateComplete;
      expect(timeline.scale).to.equal('day');
      expect(el.getAttribute('scale')).to.equal('day');
    });
  });

  describe('selected-id', () => {
    it('the map: a host drives the selection with selected-id (no event); a click fires od-select and reflects', async () => {
      const map = (await lone('od-network-map')) as unknown as OdNetworkMap & Widget;
      const page = mapPage(map);
      const selects: unknown[] = [];
      map.addEventListener('od-select', (e) => selects.push(e.selection));
      map.setAttribute('selected-id', 'm-priya');
      await map.updateComplete;
      expect(page.pressed().map((n) => page.keyOf(n))).to.deep.equal(['m-priya']);
      expect(page.detailsTitle()).to.contain('Priya');
      map.selectedId = demoCase.person.id;
      await map.updateComplete;
      expect(page.pressed().map((n) => page.keyOf(n))).to.deep.equal([PERSON]);
      expect(selects, 'no event for what the host set').to.deep.equal([]);
      page.member('Ben Adeyemi').dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      await map.updateComplete;
      expect(map.selectedId).to.equal('m-ben');
      expect(map.getAttribute('selected-id')).to.equal('m-ben');
      expect(selects).to.have.length(1);
      // An id not shown selects nothing, and is kept (for a record that is still loading).
      map.selectedId = 'm-nobody';
      await map.updateComplete;
      expect(page.pressed()).to.deep.equal([]);
      expect(map.selectedId).to.equal('m-nobody');
      expect(selects).to.have.length(1);
    });

    it('the timeline: a host opens a meeting with selected-id (no event); a person opening one fires and reflects', async () => {
      const el = (await lone('od-meeting-timeline')) as unknown as OdMeetingTimeline & Widget;
      const page = timelinePage(el);
      const selects: unknown[] = [];
      el.addEventListener('od-select', (e) => selects.push(e.selection));
      el.setAttribute('selected-id', 'mt-02');
      await el.updateComplete;
      expect(page.detailsOrNull(), 'details open').to.not.equal(null);
      expect(page.meeting('mt-02').getAttribute('aria-expanded')).to.equal('true');
      expect(selects).to.deep.equal([]);
      await page.open('mt-03');
      expect(el.selectedId).to.equal('mt-03');
      expect(el.getAttribute('selected-id')).to.equal('mt-03');
      expect(selects).to.have.length(1);
      el.selectedId = undefined;
      await el.updateComplete;
      expect(page.detailsOrNull()).to.equal(null);
      el.selectedId = 'no-such-meeting';
      await el.updateComplete;
      expect(page.detailsOrNull()).to.equal(null);
      expect(selects).to.have.length(1);
    });
  });

  describe("the checklist's value and defaultValue, as a form control's", () => {
    /** A checklist with no record in a form (inside a storeless provider: a Lit root the fixture waits for). */
    async function inForm(): Promise<{ form: HTMLFormElement; el: OdPrinciplesChecklist }> {
      const provider = await fixture(html`<od-provider>
        <form><od-principles-checklist name="assessment"></od-principles-checklist></form>
      </od-provider>`);
      const el = provider.querySelector('od-principles-checklist')!;
      await el.updateComplete;
      return { form: provider.querySelector('form')!, el };
    }
    const ratings = (el: OdPrinciplesChecklist) =>
      (JSON.parse(el.value) as { ratings: { itemId: string; value: unknown }[] }).ratings;

    it('value sets the assessment shown; defaultValue is what it starts from and what form.reset() returns to', async () => {
      const { form, el } = await inForm();
      const blank = JSON.parse(el.value) as { ratings: unknown[] };
      const rated = JSON.stringify({ ...blank, ratings: [{ itemId: 'flexibility', value: 2 }] });
      el.value = rated;
      await el.updateComplete;
      expect(ratings(el)).to.deep.equal([{ itemId: 'flexibility', value: 2 }]);
      expect(new PrinciplesChecklistPage(el).progress).to.contain('1 of 7');
      const other = JSON.stringify({ ...blank, ratings: [{ itemId: 'dialogism', value: 1 }] });
      el.defaultValue = other;
      form.reset();
      await el.updateComplete;
      expect(ratings(el)).to.deep.equal([{ itemId: 'dialogism', value: 1 }]);
      expect(el.defaultValue).to.equal(other);
      // A new checklist starts from its defaultValue.
      const fresh = fixtureSync<OdPrinciplesChecklist>(
        html`<od-principles-checklist .defaultValue=${rated}></od-principles-checklist>`,
      );
      await fresh.updateComplete;
      expect(ratings(fresh)).to.deep.equal([{ itemId: 'flexibility', value: 2 }]);
    });

    it('a value that is not an assessment of this instrument shows the error state and fires od-error', async () => {
      const { el } = await inForm();
      const failed = new Promise((resolve) => el.addEventListener('od-error', resolve, { once: true }));
      el.value = '{"not":"an assessment"}';
      await failed;
      await el.updateComplete;
      expect(text(byPart(el, 'error'))).to.contain('The value given is not an assessment of this instrument');
    });
  });

  describe('color-scheme', () => {
    it('a provider follows the operating system unless told (color-scheme defaults to auto)', async () => {
      const provider = await fixture<OdProvider>(html`<od-provider>
        <od-meeting-timeline .record=${demoCase}></od-meeting-timeline>
      </od-provider>`);
      const timeline = provider.querySelector<OdMeetingTimeline>('od-meeting-timeline')!;
      await timeline.updateComplete;
      expect(provider.colorScheme).to.equal('auto');
      await emulateMedia({ colorScheme: 'light' });
      const light = getComputedStyle(timeline).color;
      await emulateMedia({ colorScheme: 'dark' });
      const dark = getComputedStyle(timeline).color;
      expect(dark).to.not.equal(light);
      expect(dark).to.equal('rgb(243, 242, 241)');
      provider.colorScheme = 'light';
      await provider.updateComplete;
      expect(getComputedStyle(timeline).color).to.equal(light);
    });
  });

  describe('time zone', () => {
    /** The demo case with its first meeting moved into British Summer Time, late in the evening (UTC). */
    const summer: CaseRecord = {
      ...demoCase,
      meetings: demoCase.meetings.map((m) =>
        m.id === 'mt-01' ? { ...m, start: '2026-07-01T22:30:00Z', end: '2026-07-01T23:30:00Z' } : m,
      ),
    };
    const london = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' });

    it('a lone widget and a widget in a provider without time-zone both show Europe/London times', async () => {
      const expected = london.format(new Date('2026-07-01T22:30:00Z')); // 23:30 (BST)
      const alone = fixtureSync<OdPrinciplesChecklist>(
        html`<od-principles-checklist .record=${summer} meeting-id="mt-01"></od-principles-checklist>`,
      );
      const provider = fixtureSync<OdProvider>(html`<od-provider>
        <od-principles-checklist .record=${summer} meeting-id="mt-01"></od-principles-checklist>
      </od-provider>`);
      const inside = provider.querySelector<OdPrinciplesChecklist>('od-principles-checklist')!;
      for (const el of [alone, inside]) {
        await el.updateComplete;
        expect(text(byPart(el, 'header')), el === alone ? 'alone' : 'in a provider').to.contain(expected);
      }
    });
  });
});

export type { OdServiceDashboard, OdMeetingTimeline };
