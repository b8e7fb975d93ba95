import { demoCase } from '@odkit/core/demo';
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { OdMeetingTimeline } from '@odkit/meeting-timeline';
import '@odkit/meeting-timeline/define.js';
import { timelinePage, type TimelinePage } from '../../../test/support/timeline-page.js';
import { DEMO_NOW, demoWith } from './support.js';

/** Valid text with no place to break: the longest names the record allows. */
const LONG_WORD = 'Llanfairpwllgwyngyll'.repeat(10);
/** An email address as one 62-character word (e.g. typed into a name field). */
const EMAIL = `${'firstname.middlename.lastname'}@${'x'.repeat(14)}.nhs.example.uk`.padEnd(62, 'k');

function longWordsCase() {
  const members = demoCase.members.map((m, i) => (i === 0 ? { ...m, name: LONG_WORD } : m));
  const meetings = demoCase.meetings.map((m) => ({ ...m, place: LONG_WORD.slice(0, 200) }));
  return demoWith({
    person: { ...demoCase.person, name: LONG_WORD },
    members,
    meetings,
    episodes: demoCase.episodes.map((e) => ({ ...e, responsibleTeam: LONG_WORD, referralSource: LONG_WORD })),
  });
}

const emailCase = () => demoWith({ person: { ...demoCase.person, name: EMAIL } });

async function mount(record: unknown, view: 'list' | 'matrix'): Promise<OdMeetingTimeline> {
  const el = await fixture<OdMeetingTimeline>(
    html`<od-meeting-timeline .record=${record} as-of=${DEMO_NOW} locale="en-GB" scale="week" view=${view}></od-meeting-timeline>`,
  );
  await el.updateComplete;
  return el;
}

/** What a long word could push out of the widget, by what a person sees. */
const boxes = {
  title: (page: TimelinePage) => [page.title()],
  'first contact': (page: TimelinePage) => [page.firstContactLine()],
  // Each meeting's lines (status, mode and place, attendance) inside its button.
  'meeting lines': (page: TimelinePage) => page.meetings().flatMap((b) => [...b.querySelectorAll('span')]),
  details: (page: TimelinePage) => [page.details],
  // Each attendee's name, role and presence.
  attendees: (page: TimelinePage) => [...page.details.querySelectorAll('li > *')],
  matrix: (page: TimelinePage) => [page.matrixTable().parentElement!],
} satisfies Record<string, (page: TimelinePage) => Element[]>;

/** Nothing widens the page, and each box stays inside the widget. */
function expectContained(page: TimelinePage, names: (keyof typeof boxes)[], label: string) {
  expect(document.documentElement.scrollWidth, `${label}: page width`).to.be.at.most(window.innerWidth);
  const host = page.el.getBoundingClientRect();
  for (const name of names) {
    const found = boxes[name](page);
    expect(found.length, `${label}: ${name} is shown`).to.be.above(0);
    for (const box of found) {
      const rect = box.getBoundingClientRect();
      expect(rect.right, `${label}: ${name} right edge`).to.be.at.most(host.right + 0.5);
      expect(rect.left, `${label}: ${name} left edge`).to.be.at.least(host.left - 0.5);
    }
  }
}

describe('od-meeting-timeline with long words', () => {
  after(() => setViewport({ width: 800, height: 600 }));

  for (const width of [360, 1280]) {
    describe(`at ${width} px`, () => {
      before(() => setViewport({ width, height: 900 }));

      for (const [name, record] of [
        ['200-character names', longWordsCase],
        ['a 62-character email address as the name', emailCase],
      ] as const) {
        it(`list and details: ${name} wrap inside the widget`, async () => {
          const page = timelinePage(await mount(record(), 'list'));
          expectContained(page, ['title', 'first contact', 'meeting lines'], 'list');
          page.meetings()[0]!.click();
          await page.el.updateComplete;
          expectContained(page, ['title', 'details', 'attendees'], 'details');
        });

        it(`attendance matrix: ${name} do not widen the page`, async () => {
          const page = timelinePage(await mount(record(), 'matrix'));
          expectContained(page, ['title', 'first contact', 'matrix'], 'matrix');
        });
      }
    });
  }
});

describe('od-meeting-timeline axis', () => {
  for (const zoom of ['day', 'week', 'month'] as const) {
    it(`every axis label fits inside the axis at ${zoom} zoom (the last one is not cut off)`, async () => {
      const el = await fixture<OdMeetingTimeline>(
        html`<od-meeting-timeline .record=${demoCase} as-of=${DEMO_NOW} scale=${zoom}></od-meeting-timeline>`,
      );
      await el.updateComplete;
      const page = timelinePage(el);
      const width = page.axisWidth();
      const labels = page.axisLabels();
      expect(labels.length).to.be.greaterThan(1);
      for (const label of labels) {
        const box = label.getBBox();
        expect(box.x + box.width, label.textContent!).to.be.at.most(width);
      }
    });
  }
});

describe('od-meeting-timeline details', () => {
  for (const width of [320, 768, 1280]) {
    it(`the "Close details" button keeps clear of its heading at ${width} px`, async () => {
      await setViewport({ width, height: 800 });
      const el = await fixture<OdMeetingTimeline>(
        html`<od-meeting-timeline .record=${demoCase} as-of=${DEMO_NOW}></od-meeting-timeline>`,
      );
      await el.updateComplete;
      const page = timelinePage(el);
      page.meetings()[0]!.click();
      await el.updateComplete;
      const heading = page.detailsHeading().getBoundingClientRect();
      const close = page.detailsButton('Close details').getBoundingClientRect();
      const space = 16;
      const beside = close.left - heading.right >= space;
      const below = close.top - heading.bottom >= space / 2;
      expect(beside || below, `heading ${Math.round(heading.right)}, button ${Math.round(close.left)}`).to.equal(true);
    });
  }
});
