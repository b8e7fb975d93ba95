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
import { nextEvent } from '../../../test/support/events.js';
import { $, $$, caseWithMeetings, DEMO_NOW, demoWith, text, timeline } from './support.js';

const ratio = (r: Ratio) =>
  r.value === null ? 'Not yet known' : `${formatPercent(r.value, 'en-GB')} (${r.numerator} of ${r.denominator})`;

describe('<od-meeting-timeline> on the demo case', () => {
  guardConsole();

  it('lists every meeting of the episode in an ordered list, each with <time datetime>, and passes axe', async () => {
    const el = await timeline(demoCase);
    await expect(el).to.be.accessible();
    const rows = $$(el, 'ol.list > li');
    expect(rows.length).to.equal(15);
    const times = rows.map((li) => li.querySelector('time')!.getAttribute('datetime'));
    expect(times).to.deep.equal(demoCase.meetings.map((m) => m.start));
    expect(text(rows[0]!.querySelector('time'))).to.equal('10 Feb 2026, 10:30');
    // The visual axis is hidden from assistive technology.
    expect($(el, '.axis')!.getAttribute('aria-hidden')).to.equal('true');
    expect($$(el, '.axis svg').length).to.equal(1);
    // First contact is marked, with its instant.
    expect($(el, '.first-contact time')!.getAttribute('datetime')).to.equal('2026-02-09T14:30:00+00:00');
  });

  it('shows status and mode as icon plus text, attendance, reflecting conversation and fidelity', async () => {
    const el = await timeline(demoCase);
    const row = (id: string) => text($(el, `li[data-id="${id}"]`));
    expect(row('mt-01'))
      .to.contain('Held')
      .and.contain('First meeting')
      .and.contain('Home: Family home')
      .and.contain('6 present');
    // mt-01 was assessed with both of the kit's instruments: each score names its instrument.
    expect(row('mt-01'))
      .to.contain('Reflecting conversation held')
      .and.contain('Twelve key elements of dialogic practice: fidelity 63%')
      .and.contain('The seven principles of Open Dialogue: fidelity 78%');
    expect(row('mt-05')).to.contain('Video or phone: Video call');
    expect(row('mt-03')).to.contain('Clinic: Northbrook Resource Centre');
    expect(row('mt-08')).to.contain('No reflecting conversation');
    expect(row('mt-10')).to.contain('Cancelled');
    expect(row('mt-15')).to.contain('Planned');
    // Icons never stand alone: each is hidden and followed by its words.
    for (const icon of $$(el, '.status > span, .mode__icon')) expect(icon.getAttribute('aria-hidden')).to.equal('true');
  });

  it('counts a meeting\u2019s assessments in the details with the right plural, in English and Welsh', async () => {
    const fidelityOf = async (el: OdMeetingTimeline, id: string) => {
      $<HTMLButtonElement>(el, `#meeting-${id}`)!.click();
      await el.updateComplete;
      const term = $$(el, '#details dt').find((dt) => /^(Fidelity score|Sgôr ffyddlondeb)/.test(text(dt)));
      return text(term?.nextElementSibling);
    };
    const el = await timeline(demoCase);
    expect(await fidelityOf(el, 'mt-07')).to.match(/^\d+% \(1 assessment\)$/);
    const second = { ...demoCase.assessments.find((a) => a.meetingId === 'mt-07')!, id: 'as-second-rater' };
    const twice = await timeline(demoWith({ assessments: [...demoCase.assessments, second] }));
    expect(await fidelityOf(twice, 'mt-07')).to.match(/^\d+% \(2 assessments\)$/);
    const cy = await timeline(demoCase, { locale: 'cy' });
    expect(await fidelityOf(cy, 'mt-07')).to.match(/^\d+% \(1 asesiad\)$/);
  });

  it('marks the meetings a first-meeting practitioner attended, as many as core counts', async () => {
    const el = await timeline(demoCase);
    const marked = $$(el, 'li .continuity').map((n) => n.closest('li')!.dataset.id);
    const core = coreContinuity(demoCase, { asOf: DEMO_NOW });
    expect(marked.length).to.equal(core.firstMeetingPractitioner.numerator);
    expect(marked).not.to.include('mt-01');
  });

  it('summary panel equals summariseMeetings on the demo case', async () => {
    const el = await timeline(demoCase);
    const s = summariseMeetings(demoCase, { episodeId: 'ep-2026-02', asOf: DEMO_NOW });
    const metric = (key: string) => text($(el, `[data-metric="${key}"]`));
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
      expect(text($(el, `[data-mode="${mode}"]`))).to.contain(ratio(s.placeMix[mode]));
    }
    expect(metric('continuity.firstMeetingPractitioner')).to.equal(ratio(s.continuity.firstMeetingPractitioner));
    expect(metric('continuity.distinctPractitioners')).to.equal(String(s.continuity.distinctPractitioners[0]!.count));
    expect(metric('reflectingConversationRate')).to.equal(ratio(s.reflectingConversationRate));
    // Sanity: the figures are the demo case's, not zeros.
    expect(metric('twoOrMorePractitioners')).to.equal('92% (12 of 13)');
  });

  it('shows the attendance matrix as a table with a caption and header scopes', async () => {
    const el = await timeline(demoCase, { view: 'matrix' });
    await expect(el).to.be.accessible();
    const table = $(el, 'table')!;
    expect(text(table.querySelector('caption'))).to.equal('Who came when: network members by meeting');
    const cols = [...table.querySelectorAll('thead th')];
    expect(cols.length).to.equal(16);
    expect(cols.every((th) => th.getAttribute('scope') === 'col')).to.equal(true);
    const rows = [...table.querySelectorAll('tbody tr')];
    expect(rows.every((tr) => tr.querySelector('th')!.getAttribute('scope') === 'row')).to.equal(true);
    const sarahRow = rows.find((tr) => text(tr.querySelector('th')) === 'Sarah Lewis')!;
    const cells = [...sarahRow.querySelectorAll('td')].map((td) => text(td.querySelector('.visually-hidden')));
    expect(cells[0]).to.equal('Present');
    expect(cells[9]).to.equal('Not invited'); // cancelled meeting
    const davidRow = rows.find((tr) => text(tr.querySelector('th')) === 'David Lewis')!;
    expect(text(davidRow.querySelectorAll('td')[2]!.querySelector('.visually-hidden'))).to.equal(
      'Invited, not present',
    );
    // The person is the subject of every meeting.
    expect(text(rows[0]!.querySelector('th'))).to.contain('Maya Lewis');
  });

  it('switches view and zoom from toggle buttons, keeping focus on the control used', async () => {
    const el = await timeline(demoCase);
    const matrix = $<HTMLButtonElement>(el, 'button[data-toggle="view"][data-value="matrix"]')!;
    matrix.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.view).to.equal('matrix');
    expect(matrix.getAttribute('aria-pressed')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal(matrix);
    expect($(el, 'table')).not.to.equal(null);
    const month = $<HTMLButtonElement>(el, 'button[data-toggle="zoom"][data-value="month"]')!;
    month.focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.zoom).to.equal('month');
    expect(el.shadowRoot!.activeElement).to.equal(month);
    expect(text($(el, '[role="status"]'))).to.equal('Time axis scale: Month');
    // A month scale is narrower than a week scale.
    const width = Number($(el, '.axis svg')!.getAttribute('width'));
    el.zoom = 'day';
    await el.updateComplete;
    expect(Number($(el, '.axis svg')!.getAttribute('width'))).to.be.greaterThan(width);
  });
});

describe('<od-meeting-timeline> time-to-first-meeting badge', () => {
  guardConsole();
  const contact = '2026-02-09T14:30:00+00:00';

  it('met: within 24 hours', async () => {
    const el = await timeline(caseWithMeetings(contact, [{ start: '2026-02-10T10:30:00+00:00' }]));
    expect($(el, '.badge')!.dataset.state).to.equal('met');
    expect(text($(el, '.badge'))).to.contain('First meeting 20 hours after first contact: within the 24-hour target');
  });

  it('missed: by how much', async () => {
    const el = await timeline(caseWithMeetings(contact, [{ start: '2026-02-10T20:30:00+00:00' }]));
    expect($(el, '.badge')!.dataset.state).to.equal('missed');
    expect(text($(el, '.badge'))).to.contain(
      'First meeting 1 day, 6 hours after first contact: missed the 24-hour target by 6 hours',
    );
    await expect(el).to.be.accessible();
  });

  it('awaiting: the time elapsed, inside and past the target', async () => {
    const record = caseWithMeetings(contact, []);
    const el = await timeline(record, { 'as-of': '2026-02-09T19:45:00+00:00' });
    expect($(el, '.badge')!.dataset.state).to.equal('waiting');
    expect(text($(el, '.badge'))).to.contain(
      'First meeting awaited: 5 hours, 15 minutes since first contact, 18 hours, 45 minutes left',
    );
    expect(text($(el, '.list, .empty'))).to.equal('No meetings have been recorded yet.');
    await expect(el).to.be.accessible();
    el.asOf = '2026-02-10T20:30:00+00:00';
    await el.updateComplete;
    expect($(el, '.badge')!.dataset.state).to.equal('overdue');
    expect(text($(el, '.badge'))).to.contain('1 day, 6 hours since first contact, 6 hours past the 24-hour target');
  });

  it('in Welsh', async () => {
    const el = await timeline(caseWithMeetings(contact, [{ start: '2026-02-10T20:30:00+00:00' }]), { locale: 'cy' });
    expect(text($(el, '.badge'))).to.contain('methwyd y targed 24 awr o 6 awr');
  });
});

describe('<od-meeting-timeline> keyboard', () => {
  guardConsole();

  it('arrow keys, Home and End move a roving focus; Enter opens details; Escape closes and returns focus', async () => {
    const el = await timeline(demoCase);
    const buttons = () => $$<HTMLButtonElement>(el, 'button.meeting');
    expect(buttons().filter((b) => b.tabIndex === 0).length).to.equal(1);
    buttons()[0]!.focus();
    const active = () => el.shadowRoot!.activeElement as HTMLElement;
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(active().id).to.equal('meeting-mt-02');
    expect(
      buttons()
        .filter((b) => b.tabIndex === 0)
        .map((b) => b.id),
    ).to.deep.equal(['meeting-mt-02']);
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(active().id).to.equal('meeting-mt-15');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(active().id).to.equal('meeting-mt-15');
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(active().id).to.equal('meeting-mt-01');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;

    const selected = nextEvent(el, 'od-select');
    await sendKeys({ press: 'Enter' });
    const event = await selected;
    expect(event.selection).to.deep.include({ kind: 'meeting' });
    expect(event.selection?.kind === 'meeting' && event.selection.meeting.id).to.equal('mt-03');
    await el.updateComplete;
    expect(active().id).to.equal('details-title');
    expect(text($(el, '#details')))
      .to.contain('Dr Anjali Patel')
      .and.contain('invited, not present');
    expect($(el, '#meeting-mt-03')!.getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();

    const cleared = nextEvent(el, 'od-select');
    await sendKeys({ press: 'Escape' });
    expect((await cleared).selection).to.equal(null);
    await el.updateComplete;
    expect($(el, '#details')).to.equal(null);
    expect(active().id).to.equal('meeting-mt-03');
  });

  it('focusing an attendee fires od-member-focus, and leaving them fires it with null', async () => {
    const el = await timeline(demoCase);
    $<HTMLButtonElement>(el, '#meeting-mt-01')!.click();
    await el.updateComplete;
    const members = $$<HTMLButtonElement>(el, '#details button.member');
    expect(members.map((b) => b.dataset.member)).to.include('m-sarah');
    const focused = nextEvent(el, 'od-member-focus');
    members.find((b) => b.dataset.member === 'm-sarah')!.focus();
    expect((await focused).memberId).to.equal('m-sarah');
    const left = nextEvent(el, 'od-member-focus');
    $<HTMLButtonElement>(el, '[data-action="close"]')!.focus();
    expect((await left).memberId).to.equal(null);
    const chosen = nextEvent(el, 'od-select');
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
      const el = await timeline(nights, { locale, 'as-of': '2026-04-01T12:00:00+01:00' });
      const shown = $$(el, 'li time').map((t) => text(t));
      expect(shown[0]).to.match(/29.*2026.*00:30 GMT$/);
      expect(shown[1]).to.match(/29.*2026.*02:30 BST$/);
      expect(shown[2]).to.match(/25.*2026.*01:30 BST$/);
      expect(shown[3]).to.match(/25.*2026.*01:30 GMT$/);
      if (locale === 'cy') expect(shown[0]).to.contain('Maw');
      else expect(shown[0]).to.contain('Mar');
      // A day without a clock change shows no zone name.
      expect(text($(el, '.first-contact time'))).not.to.match(/GMT|BST/);
    });
  }

  it('follows the time-zone attribute', async () => {
    const el = await fixture<OdMeetingTimeline>(
      html`<od-meeting-timeline .record=${nights} time-zone="UTC" as-of="2026-04-01T12:00:00+01:00"></od-meeting-timeline>`,
    );
    expect(text($(el, 'li time'))).to.contain('00:30');
    expect(text($$(el, 'li time')[1])).to.match(/01:30$/);
  });
});

describe('<od-meeting-timeline> range filter', () => {
  guardConsole();

  async function openRange(el: OdMeetingTimeline) {
    const toggle = $<HTMLButtonElement>(el, '#range-toggle')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect($(el, '#range-from')).to.equal(null);
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(el.shadowRoot!.activeElement?.id).to.equal('range-from');
  }

  it('shows only meetings between the chosen dates and says how many', async () => {
    const el = await timeline(demoCase);
    await openRange(el);
    $<HTMLInputElement>(el, '#range-from')!.value = '2026-03-01';
    $<HTMLInputElement>(el, '#range-to')!.value = '2026-03-31';
    const apply = $<HTMLButtonElement>(el, '.range button[type="submit"]')!;
    apply.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await el.updateComplete;
    expect(el.rangeStart).to.equal('2026-03-01');
    expect($$(el, 'ol.list > li').map((li) => li.dataset.id)).to.deep.equal([
      'mt-08',
      'mt-09',
      'mt-10',
      'mt-11',
      'mt-12',
    ]);
    expect(text($(el, '[role="status"]'))).to.equal('Showing 5 of 15 meetings');
    expect(el.shadowRoot!.activeElement).to.equal(apply);
    expect(text($(el, '.range-current'))).to.equal('Showing meetings from 1 March 2026 to 31 March 2026');
    await expect(el).to.be.accessible();
  });

  it('refuses an end before the start, at the field', async () => {
    const el = await timeline(demoCase);
    await openRange(el);
    $<HTMLInputElement>(el, '#range-from')!.value = '2026-03-31';
    $<HTMLInputElement>(el, '#range-to')!.value = '2026-03-01';
    $<HTMLButtonElement>(el, '.range button[type="submit"]')!.click();
    await el.updateComplete;
    await el.updateComplete;
    expect(text($(el, '#range-to-error'))).to.equal('Error: “To” must be the same as or after “From”');
    expect($(el, '#range-to')!.getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement?.id).to.equal('range-to');
    expect($$(el, 'ol.list > li').length).to.equal(15);
    await expect(el).to.be.accessible();
  });
});

describe('<od-meeting-timeline> bad input', () => {
  guardConsole();

  it('bad record: error state, od-error, last good render kept, nothing thrown', async () => {
    const el = await timeline(demoCase);
    const failed = nextEvent(el, 'od-error');
    el.record = { ...demoCase, meetings: [{ ...demoCase.meetings[0], mode: 'carrier-pigeon' }] };
    const event = await failed;
    await el.updateComplete;
    expect(event.error.name).to.equal('ValidationError');
    const alert = $(el, '[role="alert"]')!;
    expect(text(alert)).to.contain('meetings[0].mode');
    expect($$(el, 'ol.list > li').length).to.equal(15);
    await expect(el).to.be.accessible();
  });

  it('bad attributes: says which attribute is wrong, fires od-error, falls back to defaults', async () => {
    const el = await timeline(demoCase);
    const failed = nextEvent(el, 'od-error');
    el.setAttribute('zoom', 'fortnight');
    el.setAttribute('range-start', '2026-02-30');
    el.setAttribute('as-of', 'tomorrow');
    el.setAttribute('time-zone', 'Mars/Olympus');
    await failed;
    await el.updateComplete;
    const alert = text($(el, '[role="alert"]'));
    expect(alert).to.contain('The zoom attribute must be one of: day, week, month');
    expect(alert).to.contain('The range-start attribute must be a real date');
    expect(alert).to.contain('The as-of attribute must be a date and time');
    expect(alert).to.contain('The time-zone attribute must be an IANA time zone');
    expect(alert).not.to.contain('fortnight');
    expect($$(el, 'ol.list > li').length).to.equal(15);
  });

  it('hostile text is only ever text', async () => {
    const hostile = HOSTILE_TEXT;
    const record = demoWith({
      person: { ...demoCase.person, name: hostile },
      meetings: demoCase.meetings.map((m, i) => (i === 0 ? { ...m, place: hostile, notes: `</p>${hostile}` } : m)),
    });
    const el = await timeline(record);
    $<HTMLButtonElement>(el, '#meeting-mt-01')!.click();
    await el.updateComplete;
    expect($$(el, 'img, script').length).to.equal(0);
    expect(text($(el, '#tl-title'))).to.contain(hostile);
    expect(text($(el, '#meeting-mt-01'))).to.contain(hostile);
    expect(text($(el, '.notes'))).to.equal(`</p>${hostile}`);
    expect(pwned()).to.equal(false);
  });

  it('a record without episodes says so', async () => {
    const el = await timeline(demoWith({ episodes: [], meetings: [], assessments: [] }));
    expect(text(el.shadowRoot!)).to.contain('This record has no episode yet');
    await expect(el).to.be.accessible();
  });
});

describe('<od-meeting-timeline> episodes, themes and languages', () => {
  guardConsole();

  it('shows the latest episode and lets the person choose another', async () => {
    const record = generateCase({ members: 30, meetings: 600, seed: 3 });
    expect(record.episodes.length).to.equal(2);
    const el = await timeline(record, { 'as-of': '2030-01-01T12:00:00+00:00' });
    const select = $<HTMLSelectElement>(el, '#tl-episode')!;
    expect([...select.options].map((o) => o.value)).to.deep.equal(['ep-2', 'ep-1']);
    expect($(el, 'ol.list > li')!.dataset.id).to.equal(record.meetings.find((m) => m.episodeId === 'ep-2')!.id);
    select.focus();
    select.value = 'ep-1';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect(el.episodeId).to.equal('ep-1');
    expect($(el, 'ol.list > li')!.dataset.id).to.equal('mt-1');
    expect(text($(el, '.first-contact time'))).to.contain('2024');
    await expect(el).to.be.accessible();
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
      $<HTMLButtonElement>(el, '#meeting-mt-13')!.click();
      await el.updateComplete;
      if (locale === 'cy') expect(text($(el, '#details-title'))).to.equal('Cyfarfod ar 1 Ebrill 2026');
      await expect(el).to.be.accessible();
    });
  }
});
