import { expect, fixture, html } from '@open-wc/testing';
import { continuity as coreContinuity, summariseMeetings, type Ratio } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import '@odkit/elements/define.js';
import { formatNumber, formatPercent } from '@odkit/elements';
import type { OdMeetingTimeline } from '@odkit/meeting-timeline';
import { sendKeys } from '@web/test-runner-commands';
import { generateCase } from '../../../test/fixtures/generate-case.js';
import { HOSTILE_TEXT, pwned } from '../../../test/fixtures/index.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { allByRoleIn, byText, shadow, spokenText } from '../../../test/support/dom.js';
import { expectFocused } from '../../../test/support/keyboard.js';
import { nextEvent } from '../../../test/support/events.js';
import { timelinePage, type TimelinePage } from '../../../test/support/timeline-page.js';
import { caseWithMeetings, DEMO_NOW, demoWith, text, timeline, until } from './support.js';

const ratio = (r: Ratio) =>
  r.value === null ? 'Not yet known' : `${formatPercent(r.value, 'en-GB')} (${r.numerator} of ${r.denominator})`;

/** A timeline of `record` (see ./support.ts for the defaults), as a page object. */
const pageOf = async (record: unknown, attrs: Parameters<typeof timeline>[1] = {}) =>
  timelinePage(await timeline(record, attrs));

describe('<od-meeting-timeline> on the demo case', () => {
  guardConsole();

  describe('the list', () => {
    it('lists every meeting of the episode in an ordered list, each with <time datetime>, and passes axe', async () => {
      const page = await pageOf(demoCase);
      await expect(page.el).to.be.accessible();
      expect(page.list()!.localName).to.equal('ol');
      expect(page.rows().length).to.equal(15);
      expect(page.times().map((t) => t.getAttribute('datetime'))).to.deep.equal(demoCase.meetings.map((m) => m.start));
      expect(text(page.times()[0])).to.equal('10 Feb 2026, 10:30');
    });

    it('hides the visual axis from assistive technology', async () => {
      const page = await pageOf(demoCase);
      expect(page.axis.getAttribute('aria-hidden')).to.equal('true');
      expect(page.axis.querySelectorAll('svg').length).to.equal(1);
    });

    it('marks first contact, with its instant', async () => {
      const page = await pageOf(demoCase);
      expect(page.firstContact().getAttribute('datetime')).to.equal('2026-02-09T14:30:00+00:00');
    });

    it('shows each meeting’s status, and its mode and place', async () => {
      const page = await pageOf(demoCase);
      const row = (id: string) => text(page.row(id));
      expect(row('mt-01')).to.contain('Held').and.contain('First meeting').and.contain('Home: Family home');
      expect(row('mt-05')).to.contain('Video or phone: Video call');
      expect(row('mt-03')).to.contain('Clinic: Northbrook Resource Centre');
      expect(row('mt-10')).to.contain('Cancelled');
      expect(row('mt-15')).to.contain('Planned');
    });

    it('shows attendance, the reflecting conversation and fidelity of a held meeting', async () => {
      const page = await pageOf(demoCase);
      const row = (id: string) => text(page.row(id));
      expect(row('mt-01'))
        .to.contain('6 present')
        .and.contain('Reflecting conversation held')
        // mt-01 was assessed with both of the kit's instruments: each score names its instrument.
        .and.contain('Twelve key elements of dialogic practice: fidelity 63%')
        .and.contain('The seven principles of Open Dialogue: fidelity 78%');
      expect(row('mt-08')).to.contain('No reflecting conversation');
    });

    it('never lets an icon stand alone: icons are shown, hidden from assistive technology, beside their words', async () => {
      const page = await pageOf(demoCase);
      const symbol = /\p{So}/u;
      for (const meeting of page.meetings()) {
        expect(text(meeting), 'an icon is shown').to.match(symbol);
        expect(spokenText(meeting), 'no icon is spoken').not.to.match(symbol);
      }
      expect(spokenText(page.meeting('mt-01')))
        .to.contain('Held')
        .and.contain('Home: Family home');
    });

    it('marks the meetings a first-meeting practitioner attended, as many as core counts', async () => {
      const page = await pageOf(demoCase);
      const marked = page
        .rowIds()
        .filter((id) => text(page.row(id)).includes('A first-meeting practitioner was there'));
      const core = coreContinuity(demoCase, { asOf: DEMO_NOW });
      expect(marked.length).to.equal(core.firstMeetingPractitioner.numerator);
      expect(marked).not.to.include('mt-01');
    });
  });

  describe('details', () => {
    const fidelityOf = async (page: TimelinePage, id: string) => {
      await page.open(id);
      return [...page.facts()].find(([term]) => /^(Fidelity score|Sgôr ffyddlondeb)/.test(term))?.[1] ?? '';
    };

    it('counts one assessment of a meeting in the singular', async () => {
      expect(await fidelityOf(await pageOf(demoCase), 'mt-07')).to.match(/^\d+% \(1 assessment\)$/);
    });

    it('counts two assessments of a meeting in the plural', async () => {
      const second = { ...demoCase.assessments.find((a) => a.meetingId === 'mt-07')!, id: 'as-second-rater' };
      const twice = await pageOf(demoWith({ assessments: [...demoCase.assessments, second] }));
      expect(await fidelityOf(twice, 'mt-07')).to.match(/^\d+% \(2 assessments\)$/);
    });

    it('counts assessments in Welsh', async () => {
      expect(await fidelityOf(await pageOf(demoCase, { locale: 'cy' }), 'mt-07')).to.match(/^\d+% \(1 asesiad\)$/);
    });
  });

  describe('measures and attendance', () => {
    it('summary panel equals summariseMeetings on the demo case', async () => {
      const page = await pageOf(demoCase);
      const s = summariseMeetings(demoCase, { episodeId: 'ep-2026-02', asOf: DEMO_NOW });
      const metric = (key: string) => page.metric(key);
      expect(metric('counts')).to.equal(
        `${s.heldMeetings} held, ${s.plannedMeetings} planned, ${s.cancelledMeetings} cancelled`,
      );
      expect(metric('firstMeetingWithinTarget')).to.equal(ratio(s.firstMeetingWithinTarget));
      expect(metric('meetingsPerWeek.early')).to.equal(
        formatNumber(s.meetingsPerWeek.early.perWeek!, 'en-GB', { maximumFractionDigits: 1 }),
      );
      expect(metric('meetingsPerWeek.later')).to.equal(
        formatNumber(s.meetingsPerWeek.later.perWeek!, 'en-GB', { maximumFractionDigits: 1 }),
      );
      expect(metric('twoOrMorePractitioners')).to.equal(ratio(s.twoOrMorePractitioners));
      expect(metric('withPeerWorker')).to.equal(ratio(s.withPeerWorker));
      expect(metric('withNetworkMember')).to.equal(ratio(s.withNetworkMember));
      expect(metric('meanNetworkMembersPresent')).to.equal(
        formatNumber(s.meanNetworkMembersPresent!, 'en-GB', { maximumFractionDigits: 1 }),
      );
      for (const mode of ['home', 'clinic', 'remote', 'other'] as const) {
        expect(page.placeMix(mode)).to.contain(ratio(s.placeMix[mode]));
      }
      expect(metric('continuity.firstMeetingPractitioner')).to.equal(ratio(s.continuity.firstMeetingPractitioner));
      expect(metric('continuity.distinctPractitioners')).to.equal(String(s.continuity.distinctPractitioners[0]!.count));
      expect(metric('reflectingConversationRate')).to.equal(ratio(s.reflectingConversationRate));
      // Sanity: the figures are the demo case's, not zeros.
      expect(metric('twoOrMorePractitioners')).to.equal('92% (12 of 13)');
    });

    it('shows the attendance matrix as a table with a caption and header scopes; passes axe', async () => {
      const page = await pageOf(demoCase, { view: 'matrix' });
      await expect(page.el).to.be.accessible();
      const table = page.matrixTable();
      expect(text(table.querySelector('caption'))).to.equal('Who came when: network members by meeting');
      const cols = [...table.querySelectorAll('thead th')];
      expect(cols.length).to.equal(16);
      expect(cols.every((th) => th.getAttribute('scope') === 'col')).to.equal(true);
      const rows = [...table.querySelectorAll('tbody tr')];
      expect(rows.every((tr) => tr.querySelector('th')!.getAttribute('scope') === 'row')).to.equal(true);
      // The person is the subject of every meeting.
      expect(text(rows[0]!.querySelector('th'))).to.contain('Maya Lewis');
    });

    it('says each cell of the matrix in words', async () => {
      const page = await pageOf(demoCase, { view: 'matrix' });
      const rows = [...page.matrixTable().querySelectorAll('tbody tr')];
      const cells = (name: string) =>
        [...rows.find((tr) => text(tr.querySelector('th')) === name)!.querySelectorAll('td')].map(spokenText);
      expect(cells('Sarah Lewis')[0]).to.equal('Present');
      expect(cells('Sarah Lewis')[9]).to.equal('Not invited'); // cancelled meeting
      expect(cells('David Lewis')[2]).to.equal('Invited, not present');
    });
  });

  describe('view and zoom toggles', () => {
    it('switches to the matrix from its toggle button, keeping focus on it', async () => {
      const page = await pageOf(demoCase);
      const matrix = page.toolbarButton('Attendance matrix');
      matrix.focus();
      await sendKeys({ press: 'Enter' });
      await page.el.updateComplete;
      expect(page.el.view).to.equal('matrix');
      expect(matrix.getAttribute('aria-pressed')).to.equal('true');
      expectFocused(page.el, matrix);
      expect(page.matrixTable()).to.be.an.instanceOf(HTMLTableElement);
    });

    it('switches the axis scale from its toggle button, keeping focus on it, and says so', async () => {
      const page = await pageOf(demoCase);
      const month = page.toolbarButton('Month');
      month.focus();
      await sendKeys({ press: 'Space' });
      await page.el.updateComplete;
      expect(page.el.scale).to.equal('month');
      expectFocused(page.el, month);
      expect(page.announcement()).to.equal('Time axis scale: Month');
    });

    it('draws a month scale narrower than a day scale', async () => {
      const page = await pageOf(demoCase, { scale: 'month' });
      const width = page.axisWidth();
      page.el.scale = 'day';
      await page.el.updateComplete;
      expect(page.axisWidth()).to.be.greaterThan(width);
    });
  });
});

describe('<od-meeting-timeline> time-to-first-meeting badge', () => {
  guardConsole();
  const contact = '2026-02-09T14:30:00+00:00';

  it('met: within 24 hours', async () => {
    const page = await pageOf(caseWithMeetings(contact, [{ start: '2026-02-10T10:30:00+00:00' }]));
    expect(page.badge().dataset.state).to.equal('met');
    expect(text(page.badge())).to.contain('First meeting 20 hours after first contact: within the 24-hour target');
  });

  it('missed: by how much', async () => {
    const page = await pageOf(caseWithMeetings(contact, [{ start: '2026-02-10T20:30:00+00:00' }]));
    expect(page.badge().dataset.state).to.equal('missed');
    expect(text(page.badge())).to.contain(
      'First meeting 1 day, 6 hours after first contact: missed the 24-hour target by 6 hours',
    );
    await expect(page.el).to.be.accessible();
  });

  it('awaiting: the time elapsed inside the target, and no meetings yet', async () => {
    const page = await pageOf(caseWithMeetings(contact, []), { 'as-of': '2026-02-09T19:45:00+00:00' });
    expect(page.badge().dataset.state).to.equal('waiting');
    expect(text(page.badge())).to.contain(
      'First meeting awaited: 5 hours, 15 minutes since first contact, 18 hours, 45 minutes left',
    );
    expect(page.list()).to.equal(null);
    expect(byText(shadow(page.el), 'No meetings have been recorded yet.')).to.be.an.instanceOf(Element);
    await expect(page.el).to.be.accessible();
  });

  it('overdue: the time elapsed past the target', async () => {
    const page = await pageOf(caseWithMeetings(contact, []), { 'as-of': '2026-02-09T19:45:00+00:00' });
    page.el.asOf = '2026-02-10T20:30:00+00:00';
    await page.el.updateComplete;
    expect(page.badge().dataset.state).to.equal('overdue');
    expect(text(page.badge())).to.contain('1 day, 6 hours since first contact, 6 hours past the 24-hour target');
  });

  it('in Welsh', async () => {
    const page = await pageOf(caseWithMeetings(contact, [{ start: '2026-02-10T20:30:00+00:00' }]), { locale: 'cy' });
    expect(text(page.badge())).to.contain('methwyd y targed 24 awr o 6 awr');
  });
});

describe('<od-meeting-timeline> keyboard', () => {
  guardConsole();

  /** The demo timeline with focus on its first meeting. */
  async function focusedTimeline() {
    const page = await pageOf(demoCase);
    page.meetings()[0]!.focus();
    return page;
  }

  async function press(page: TimelinePage, ...keys: string[]) {
    for (const key of keys) await sendKeys({ press: key });
    await page.el.updateComplete;
  }

  it('is one tab stop that moves down the list with ArrowDown', async () => {
    const page = await pageOf(demoCase);
    expect(page.meetings().filter((b) => b.tabIndex === 0).length).to.equal(1);
    page.meetings()[0]!.focus();
    await press(page, 'ArrowDown');
    expectFocused(page.el, page.meeting('mt-02'));
    const stops = page.meetings().filter((b) => b.tabIndex === 0);
    expect(stops.length).to.equal(1);
    expect(stops[0] === page.meeting('mt-02'), 'the one tab stop is the second meeting').to.equal(true);
  });

  it('goes to the last meeting with End, stays there with ArrowDown, and back to the first with Home', async () => {
    const page = await focusedTimeline();
    await press(page, 'End');
    expectFocused(page.el, page.meeting('mt-15'));
    await press(page, 'ArrowDown');
    expectFocused(page.el, page.meeting('mt-15'));
    await press(page, 'Home');
    expectFocused(page.el, page.meeting('mt-01'));
  });

  it('opens the meeting in focus with Enter: od-select, its details, focus on their title; passes axe', async () => {
    const page = await focusedTimeline();
    await press(page, 'ArrowDown', 'ArrowDown');
    const selected = nextEvent(page.el, 'od-select');
    await sendKeys({ press: 'Enter' });
    const event = await selected;
    expect(event.selection).to.deep.include({ kind: 'meeting' });
    expect(event.selection?.kind === 'meeting' && event.selection.meeting.id).to.equal('mt-03');
    await page.el.updateComplete;
    expectFocused(page.el, page.detailsHeading());
    expect(text(page.details)).to.contain('Dr Anjali Patel').and.contain('invited, not present');
    expect(page.meeting('mt-03').getAttribute('aria-expanded')).to.equal('true');
    await expect(page.el).to.be.accessible();
  });

  it('closes the details with Escape, clearing the selection and returning focus to the meeting', async () => {
    const page = await focusedTimeline();
    await press(page, 'ArrowDown', 'ArrowDown', 'Enter');
    expect(page.detailsOrNull()).to.not.equal(null);
    const cleared = nextEvent(page.el, 'od-select');
    await sendKeys({ press: 'Escape' });
    expect((await cleared).selection).to.equal(null);
    await page.el.updateComplete;
    expect(page.detailsOrNull()).to.equal(null);
    expectFocused(page.el, page.meeting('mt-03'));
  });

  it('"Close details" by keyboard does what Escape does: selection cleared, focus back on the meeting', async () => {
    const page = await focusedTimeline();
    await press(page, 'ArrowDown', 'ArrowDown', 'Enter');
    expect(page.detailsOrNull()).to.not.equal(null);
    const cleared = nextEvent(page.el, 'od-select');
    page.detailsButton('Close details').focus();
    await sendKeys({ press: 'Enter' });
    expect((await cleared).selection).to.equal(null);
    await page.el.updateComplete;
    expect(page.detailsOrNull()).to.equal(null);
    expectFocused(page.el, page.meeting('mt-03'));
  });

  it('focusing an attendee fires od-member-focus, and leaving them fires it with null', async () => {
    const page = await pageOf(demoCase);
    await page.open('mt-01');
    const members = allByRoleIn<HTMLButtonElement>(page.details.querySelector('ul')!, 'button');
    expect(members.map((b) => text(b))).to.include('Sarah Lewis');
    const focused = nextEvent(page.el, 'od-member-focus');
    page.detailsButton('Sarah Lewis').focus();
    expect((await focused).memberId).to.equal('m-sarah');
    const left = nextEvent(page.el, 'od-member-focus');
    page.detailsButton('Close details').focus();
    expect((await left).memberId).to.equal(null);
  });

  it('selects the member when an attendee is chosen', async () => {
    const page = await pageOf(demoCase);
    await page.open('mt-01');
    const members = allByRoleIn<HTMLButtonElement>(page.details.querySelector('ul')!, 'button');
    const chosen = nextEvent(page.el, 'od-select');
    members[0]!.click();
    const selection = (await chosen).selection;
    expect(selection?.kind).to.equal('member');
  });
});

describe('<od-meeting-timeline> dates across the UK clock changes', () => {
  guardConsole();
  const nights = caseWithMeetings('2026-03-28T12:00:00+00:00', [
    { start: '2026-03-29T00:30:00+00:00' },
    { start: '2026-03-29T01:30:00+00:00' },
    { start: '2026-10-25T01:30:00+01:00', status: 'planned', personPresent: false },
    { start: '2026-10-25T01:30:00+00:00', status: 'planned', personPresent: false },
  ]);

  for (const locale of ['en-GB', 'cy']) {
    it(`shows each meeting at its local time with GMT or BST (${locale})`, async () => {
      const page = await pageOf(nights, { locale, 'as-of': '2026-04-01T12:00:00+01:00' });
      const shown = page.times().map((t) => text(t));
      expect(shown[0]).to.match(/29.*2026.*00:30 GMT$/);
      expect(shown[1]).to.match(/29.*2026.*02:30 BST$/);
      expect(shown[2]).to.match(/25.*2026.*01:30 BST$/);
      expect(shown[3]).to.match(/25.*2026.*01:30 GMT$/);
      if (locale === 'cy') expect(shown[0]).to.contain('Maw');
      else expect(shown[0]).to.contain('Mar');
      // A day without a clock change shows no zone name.
      expect(text(page.firstContact())).not.to.match(/GMT|BST/);
    });
  }

  it('follows the time-zone attribute', async () => {
    const el = await fixture<OdMeetingTimeline>(
      html`<od-meeting-timeline .record=${nights} time-zone="UTC" as-of="2026-04-01T12:00:00+01:00"></od-meeting-timeline>`,
    );
    const times = timelinePage(el).times();
    expect(text(times[0])).to.contain('00:30');
    expect(text(times[1])).to.match(/01:30$/);
  });
});

describe('<od-meeting-timeline> range filter', () => {
  guardConsole();

  async function openRange(page: TimelinePage) {
    const toggle = page.toolbarButton('Choose dates');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(() => page.dateInput('From')).to.throw(/found 0/);
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await page.el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expectFocused(page.el, page.dateInput('From').day);
  }

  /** Types a date ("31 3 2026") into a date input, field by field with Tab, as a person would. */
  async function typeDate(page: TimelinePage, legend: string, day: string, month: string, year: string) {
    const date = page.dateInput(legend);
    date.day.focus();
    for (const value of [day, month, year]) {
      await sendKeys({ type: value });
      await sendKeys({ press: 'Tab' });
    }
    expect([date.day.value, date.month.value, date.year.value]).to.deep.equal([day, month, year]);
  }

  it('shows only meetings between the chosen dates and says how many', async () => {
    const page = await pageOf(demoCase);
    await openRange(page);
    // Day, month and year fields (GOV.UK's date input), not type=date.
    expect(page.el.shadowRoot!.querySelectorAll('input[type="date"]')).to.have.length(0);
    await typeDate(page, 'From', '1', '3', '2026');
    await typeDate(page, 'To', '31', '3', '2026');
    const apply = page.toolbarButton('Show');
    apply.focus();
    await sendKeys({ press: 'Enter' });
    await page.el.updateComplete;
    await page.el.updateComplete;
    expect(page.el.rangeStart).to.equal('2026-03-01');
    expect(page.rowIds()).to.deep.equal(['mt-08', 'mt-09', 'mt-10', 'mt-11', 'mt-12']);
    expect(page.announcement()).to.equal('Showing 5 of 15 meetings');
    expectFocused(page.el, apply);
    expect(
      byText(page.el.shadowRoot!, /^Showing meetings from/)
        .textContent!.replace(/\s+/g, ' ')
        .trim(),
    ).to.equal('Showing meetings from 1 March 2026 to 31 March 2026');
    await expect(page.el).to.be.accessible();
  });

  it('"Show all" after a range shows every meeting again, and focus goes back to the start of the form', async () => {
    const page = await pageOf(demoCase);
    await openRange(page);
    await typeDate(page, 'From', '1', '3', '2026');
    await typeDate(page, 'To', '31', '3', '2026');
    page.toolbarButton('Show').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => page.rows().length === 5, 'the range applied');
    const all = page.toolbarButton('Show all');
    all.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => page.rows().length === 15, 'every meeting shown again');
    expect(page.el.rangeStart).to.equal(undefined);
    expect(page.el.rangeEnd).to.equal(undefined);
    expect(page.el.hasAttribute('range-start')).to.equal(false);
    expect(() => page.toolbarButton('Show all'), 'nothing left to clear').to.throw(/found 0/);
    expectFocused(page.el, page.dateInput('From').day);
  });

  it('refuses an end before the start, at the field', async () => {
    const page = await pageOf(demoCase);
    await openRange(page);
    await typeDate(page, 'From', '31', '3', '2026');
    await typeDate(page, 'To', '1', '3', '2026');
    page.toolbarButton('Show').click();
    await page.el.updateComplete;
    await page.el.updateComplete;
    const to = page.dateInput('To');
    expect(text(page.fieldError(to.group))).to.equal('Error: “To” must be the same as or after “From”');
    expect(to.day.getAttribute('aria-invalid')).to.equal('true');
    expectFocused(page.el, to.day);
    expect(page.rows().length).to.equal(15);
    await expect(page.el).to.be.accessible();
  });

  it('says which part of a date is missing (“The “From” date must include a year”), at the field', async () => {
    const page = await pageOf(demoCase);
    await openRange(page);
    await typeDate(page, 'From', '1', '3', '');
    page.toolbarButton('Show').click();
    await page.el.updateComplete;
    await page.el.updateComplete;
    const from = page.dateInput('From');
    expect(text(page.fieldError(from.group))).to.equal('Error: The “From” date must include a year');
    expect([from.day, from.month, from.year].map((f) => f.getAttribute('aria-invalid'))).to.deep.equal([
      null,
      null,
      'true',
    ]);
    expectFocused(page.el, from.year);
    expect(page.rows().length).to.equal(15);
    await expect(page.el).to.be.accessible();
  });
});

describe('<od-meeting-timeline> bad input', () => {
  guardConsole();

  it('bad record: error state, od-error, last good render kept, nothing thrown', async () => {
    const page = await pageOf(demoCase);
    const failed = nextEvent(page.el, 'od-error');
    page.el.record = { ...demoCase, meetings: [{ ...demoCase.meetings[0], mode: 'carrier-pigeon' }] };
    const event = await failed;
    await page.el.updateComplete;
    expect(event.error.name).to.equal('ValidationError');
    expect(text(page.errorState())).to.contain('meetings[0].mode');
    expect(page.rows().length).to.equal(15);
    await expect(page.el).to.be.accessible();
  });

  it('bad attributes: says which attribute is wrong, fires od-error, falls back to defaults', async () => {
    const page = await pageOf(demoCase);
    const failed = nextEvent(page.el, 'od-error');
    page.el.setAttribute('scale', 'fortnight');
    page.el.setAttribute('range-start', '2026-02-30');
    page.el.setAttribute('as-of', 'tomorrow');
    page.el.setAttribute('time-zone', 'Mars/Olympus');
    await failed;
    await page.el.updateComplete;
    const alert = text(page.errorState());
    expect(alert).to.contain('The scale attribute must be one of: day, week, month');
    expect(alert).to.contain('The range-start attribute must be a real date');
    expect(alert).to.contain('The as-of attribute must be a date (YYYY-MM-DD) or a date and time');
    expect(alert).to.contain('The time-zone attribute must be an IANA time zone');
    expect(alert).not.to.contain('fortnight');
    expect(page.rows().length).to.equal(15);
  });

  it('hostile text is only ever text', async () => {
    const hostile = HOSTILE_TEXT;
    const record = demoWith({
      person: { ...demoCase.person, name: hostile },
      meetings: demoCase.meetings.map((m, i) => (i === 0 ? { ...m, place: hostile, notes: `</p>${hostile}` } : m)),
    });
    const page = await pageOf(record);
    await page.open('mt-01');
    expect(shadow(page.el).querySelectorAll('img, script').length).to.equal(0);
    expect(text(page.title())).to.contain(hostile);
    expect(text(page.meeting('mt-01'))).to.contain(hostile);
    expect(byText(page.details, `</p>${hostile}`).localName).to.equal('p');
    expect(pwned()).to.equal(false);
  });

  it('a record without episodes says so', async () => {
    const page = await pageOf(demoWith({ episodes: [], meetings: [], assessments: [] }));
    expect(text(page.el.shadowRoot!)).to.contain('This record has no episode yet');
    await expect(page.el).to.be.accessible();
  });
});

describe('<od-meeting-timeline> episodes, themes and languages', () => {
  guardConsole();

  it('shows the latest episode and lets the person choose another', async () => {
    const record = generateCase({ members: 30, meetings: 600, seed: 3 });
    expect(record.episodes.length).to.equal(2);
    const page = await pageOf(record, { 'as-of': '2030-01-01T12:00:00+00:00' });
    const select = page.field<HTMLSelectElement>('Episode');
    expect([...select.options].map((o) => o.value)).to.deep.equal(['ep-2', 'ep-1']);
    expect(page.rowIds()[0]).to.equal(record.meetings.find((m) => m.episodeId === 'ep-2')!.id);
    select.focus();
    select.value = 'ep-1';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await page.el.updateComplete;
    expect(page.el.episodeId).to.equal('ep-1');
    expect(page.rowIds()[0]).to.equal('mt-1');
    expect(text(page.firstContact())).to.contain('2024');
    await expect(page.el).to.be.accessible();
  });

  for (const [theme, scheme, locale] of [
    ['govuk', 'dark', 'cy'],
    ['nhs', 'light', 'en-GB'],
  ] as const) {
    it(`passes axe in ${theme}, ${scheme}, ${locale}, with details open`, async () => {
      const provider = await fixture(html`<od-provider theme=${theme} color-scheme=${scheme} locale=${locale}>
        <od-meeting-timeline .record=${demoCase} as-of=${DEMO_NOW}></od-meeting-timeline>
      </od-provider>`);
      const el = provider.querySelector('od-meeting-timeline')!;
      await el.updateComplete;
      const page = timelinePage(el);
      await page.open('mt-13');
      if (locale === 'cy') expect(page.detailsTitle()).to.equal('Cyfarfod ar 1 Ebrill 2026');
      await expect(el).to.be.accessible();
    });
  }
});
