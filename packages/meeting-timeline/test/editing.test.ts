import { expect, fixture, html } from '@open-wc/testing';
import { MemoryStore, type CaseRecord, type Meeting } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import type { OdChangeEvent, OdProvider } from '@odkit/elements';
import '@odkit/elements/define.js';
import { timelineStrings, type OdMeetingTimeline } from '@odkit/meeting-timeline';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { nextEvent } from '../../../test/support/events.js';
import { demoSyncingStore } from '../../../stories/support/sync-store.js';
import { FakeSyncingStore } from '../../../test/support/fake-syncing-store.js';
import { SyncStatusPage } from '../../../test/support/sync-status-page.js';
import { allByRoleIn, byPart, byRoleIn, byText } from '../../../test/support/dom.js';
import { expectFocused } from '../../../test/support/keyboard.js';
import { timelinePage } from '../../../test/support/timeline-page.js';
import { DEMO_NOW, demoWith, text, until } from './support.js';

async function withStore(record: CaseRecord = demoCase) {
  const store = new MemoryStore(record);
  const provider = await fixture(html`<od-provider .store=${store} locale="en-GB" time-zone="Europe/London">
    <od-meeting-timeline editable as-of=${DEMO_NOW}></od-meeting-timeline>
  </od-provider>`);
  const el = provider.querySelector('od-meeting-timeline') as OdMeetingTimeline;
  await el.updateComplete;
  return { store, el };
}

/** A form control by its label, as a person finds it. */
const field = <E extends HTMLElement = HTMLInputElement>(el: OdMeetingTimeline, label: string) =>
  timelinePage(el).field<E>(label);

/** Sets a control's value as a person would, ending with the change event the form listens for. */
async function setValue(el: OdMeetingTimeline, label: string, value: string) {
  const control = field<HTMLInputElement | HTMLSelectElement>(el, label);
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true }));
  control.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

/** Clears a text field and types into it with real key presses. */
async function typeInto(el: OdMeetingTimeline, label: string, value: string) {
  const control = field(el, label);
  control.value = '';
  control.focus();
  await sendKeys({ type: value });
  control.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

/** Types a date into a date input's day, month and year fields ("9", "4", "2026") with real key presses. */
async function enterDate(el: OdMeetingTimeline, legend: string, iso: string) {
  const [year, month, day] = iso.split('-') as [string, string, string];
  const date = timelinePage(el).dateInput(legend);
  const parts: [HTMLInputElement, string][] = [
    [date.day, String(Number(day))],
    [date.month, String(Number(month))],
    [date.year, year],
  ];
  for (const [input, value] of parts) {
    input.select();
    input.focus();
    await sendKeys({ type: value });
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }
  await el.updateComplete;
}

/** Ticks a checkbox or picks a radio with the space bar. */
async function choose(el: OdMeetingTimeline, label: string) {
  field(el, label).focus();
  await sendKeys({ press: 'Space' });
  await el.updateComplete;
}

async function save(el: OdMeetingTimeline) {
  const page = timelinePage(el);
  page.submitButton().focus();
  await sendKeys({ press: 'Enter' });
  // The store applies asynchronously: wait until the form has closed (saved) or says why not.
  await until(
    () => !page.formOrNull() || page.errorSummary() || page.errorState(),
    'the meeting form to close or show its errors',
  );
  await el.updateComplete;
}

async function openRecordForm(el: OdMeetingTimeline) {
  timelinePage(el).toolbarButton('Record a meeting').focus();
  await sendKeys({ press: 'Enter' });
  await timelinePage(el).formOpened();
}

/** Opens a meeting's details, then the button in them named `action` ("Edit meeting", "Cancel this meeting"). */
async function openFromDetails(el: OdMeetingTimeline, id: string, action: string) {
  const page = timelinePage(el);
  await page.open(id);
  page.detailsButton(action).click();
  await page.formOpened();
}

describe('<od-meeting-timeline editable>', function () {
  // Long keyboard flows with several axe checks: give them time on a busy machine.
  this.timeout(40_000);
  guardConsole();

  /** Opens "Record a meeting" and fills in a held meeting at the clinic, with "0" minutes (which is refused). */
  async function fillHeldMeeting(el: OdMeetingTimeline) {
    await openRecordForm(el);
    await choose(el, 'Yes, it was held');
    await enterDate(el, 'Date', '2026-04-09');
    await setValue(el, 'Start time', '10:00');
    await typeInto(el, 'Length in minutes (optional)', '0');
    await choose(el, 'Clinic');
    await typeInto(el, 'Place (optional)', 'Northbrook Resource Centre');
    await choose(el, 'The person was there');
    await setValue(el, 'Nia Roberts', 'present');
    await setValue(el, 'Sarah Lewis', 'present');
    await setValue(el, 'Tom Lewis', 'absent');
    await choose(el, 'A reflecting conversation was held');
    await choose(el, 'Left open');
  }

  describe('recording a meeting', () => {
    it('opens "Record a meeting" with focus on the form’s title; passes axe', async () => {
      const { el } = await withStore();
      await openRecordForm(el);
      expectFocused(el, timelinePage(el).detailsHeading());
      expect(timelinePage(el).detailsTitle()).to.equal('Record a meeting');
      await expect(el).to.be.accessible();
    });

    it('picks attendance from the network: a practitioner’s role defaults from earlier meetings, a family member cannot take one; passes axe', async () => {
      const { el } = await withStore();
      await fillHeldMeeting(el);
      expect(field<HTMLSelectElement>(el, 'Role of Nia Roberts').value).to.equal('facilitator');
      expect([...field<HTMLSelectElement>(el, 'Role of Sarah Lewis').options].map((o) => o.value)).to.deep.equal([
        'network',
        'other',
      ]);
      await expect(el).to.be.accessible();
    });

    it('refuses "0" minutes at the field, in a focused summary whose link leads to the field, and saves nothing; passes axe', async () => {
      const { store, el } = await withStore();
      const page = timelinePage(el);
      await fillHeldMeeting(el);
      const revision = store.snapshot!.revision;
      await save(el);
      expectFocused(el, page.errorSummary());
      // Where GOV.UK puts it: first in the panel, above the form's heading and its fields.
      expect(page.errorSummary()!.compareDocumentPosition(page.detailsHeading())).to.equal(
        Node.DOCUMENT_POSITION_FOLLOWING,
      );
      expect(text(page.fieldError(field(el, 'Length in minutes (optional)')))).to.equal(
        'Error: Enter the length as a whole number of minutes, from 1 to 1440',
      );
      expect(store.snapshot!.revision).to.equal(revision);
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Enter' });
      expectFocused(el, field(el, 'Length in minutes (optional)'));
    });

    it('the next meeting on a date: its date checked part by part and against this meeting’s start, then saved', async () => {
      const { store, el } = await withStore();
      const page = timelinePage(el);
      await fillHeldMeeting(el);
      await typeInto(el, 'Length in minutes (optional)', '60');
      await choose(el, 'On a date');
      const revision = store.snapshot!.revision;
      const next = page.dateInput('Date of the next meeting');
      next.day.focus();
      await sendKeys({ type: '16' });
      next.year.focus();
      await sendKeys({ type: '2026' });
      next.year.dispatchEvent(new Event('change', { bubbles: true }));
      await setValue(el, 'Time of the next meeting', '10:00');
      await save(el);
      const missing = 'Error: The date of the next meeting must include a month';
      expect(text(page.fieldError(next.group))).to.equal(missing);
      expect(text(page.formOrNull()).split(missing).length - 1, 'said once, at the date').to.equal(1);
      await expect(el).to.be.accessible();

      await enterDate(el, 'Date of the next meeting', '2026-04-08');
      await save(el);
      expect(text(page.fieldError(next.group))).to.equal('Error: The next meeting must be after this one starts');
      expect(store.snapshot!.revision, 'nothing saved').to.equal(revision);

      await enterDate(el, 'Date of the next meeting', '2026-04-16');
      await save(el);
      await until(() => store.snapshot!.revision === revision + 1, 'the meeting saved');
      expect(store.snapshot!.record.meetings.at(-1)!.nextMeeting).to.deep.equal({
        kind: 'date',
        at: '2026-04-16T10:00:00+01:00',
      });
    });

    it('records a held meeting through the store, with attendance picked from the network, and opens it', async () => {
      const { store, el } = await withStore();
      const page = timelinePage(el);
      await fillHeldMeeting(el);
      const revision = store.snapshot!.revision;
      await save(el);
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ type: '60' });
      field(el, 'Length in minutes (optional)').dispatchEvent(new Event('change', { bubbles: true }));

      const selected = nextEvent(el, 'od-select');
      await save(el);
      const created = store.snapshot!.record.meetings.at(-1)!;
      expect(store.snapshot!.revision).to.equal(revision + 1);
      expect(created).to.deep.include({
        status: 'held',
        start: '2026-04-09T10:00:00+01:00',
        end: '2026-04-09T11:00:00+01:00',
        mode: 'clinic',
        place: 'Northbrook Resource Centre',
        personPresent: true,
        reflectingConversation: true,
        episodeId: 'ep-2026-02',
      });
      expect(created.nextMeeting).to.deep.equal({ kind: 'open' });
      expect(created.attendees).to.deep.equal([
        { memberId: 'm-sarah', role: 'network', present: true },
        { memberId: 'm-tom', role: 'network', present: false },
        { memberId: 'm-nia', role: 'facilitator', present: true },
      ]);
      expect(((await selected).selection as { meeting: Meeting }).meeting.id).to.equal(created.id);
      expect(page.announcement()).to.equal('Meeting saved');
      expectFocused(el, page.detailsHeading());
      expect(page.rows().length).to.equal(16);
    });

    it('asks for the date in GOV.UK’s day, month and year fields (no type=date), reached and filled by keyboard; passes axe', async () => {
      const { store, el } = await withStore();
      const page = timelinePage(el);
      await openRecordForm(el);
      expect(el.shadowRoot!.querySelectorAll('input[type="date"]')).to.have.length(0);
      const date = page.dateInput('Date');
      // The legend asks, the hint shows the order (day first, whatever the browser's locale).
      expect(date.group.getAttribute('aria-describedby')).to.equal('mt-date-hint');
      expect(text(el.shadowRoot!.getElementById('mt-date-hint'))).to.equal('For example, 27 3 2026');
      expect([date.day, date.month, date.year].map((f) => [f.type, f.inputMode])).to.deep.equal([
        ['text', 'numeric'],
        ['text', 'numeric'],
        ['text', 'numeric'],
      ]);
      // Tab goes day, month, year, then on to the start time (Tab selects a field's text, so typing replaces it).
      date.day.select();
      date.day.focus();
      await sendKeys({ type: '8' });
      await sendKeys({ press: 'Tab' });
      expectFocused(el, date.month);
      await sendKeys({ type: '4' });
      await sendKeys({ press: 'Tab' });
      expectFocused(el, date.year);
      await sendKeys({ type: '2026' });
      await sendKeys({ press: 'Tab' });
      expectFocused(el, field(el, 'Start time'));
      await sendKeys({ type: '14:00' });
      await expect(el).to.be.accessible();
      await save(el);
      expect(store.snapshot!.record.meetings.at(-1)!.start).to.equal('2026-04-08T14:00:00+01:00');
    });

    it('says which part of the date is missing, marks only that field, and the summary’s link goes to it; passes axe', async () => {
      const { store, el } = await withStore();
      const page = timelinePage(el);
      await openRecordForm(el);
      const revision = store.snapshot!.revision;
      const date = page.dateInput('Date');
      date.month.select();
      date.month.focus();
      await sendKeys({ press: 'Backspace' });
      date.month.dispatchEvent(new Event('change', { bubbles: true }));
      await typeInto(el, 'Start time', '10:00');
      await save(el);
      expectFocused(el, page.errorSummary());
      expect(text(page.fieldError(date.group))).to.equal('Error: The date of the meeting must include a month');
      expect(date.group.getAttribute('aria-describedby')).to.equal('mt-date-hint mt-date-error');
      expect([date.day, date.month, date.year].map((f) => f.getAttribute('aria-invalid'))).to.deep.equal([
        null,
        'true',
        null,
      ]);
      expect(store.snapshot!.revision).to.equal(revision);
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Enter' });
      expectFocused(el, date.month);
    });

    it('refuses a date that does not exist (31 2 2026), marking all three fields', async () => {
      const { el } = await withStore();
      const page = timelinePage(el);
      await openRecordForm(el);
      await enterDate(el, 'Date', '2026-02-31');
      await typeInto(el, 'Start time', '10:00');
      await save(el);
      const date = page.dateInput('Date');
      expect(text(page.fieldError(date.group))).to.equal('Error: The date must be a real date');
      expect([date.day, date.month, date.year].every((f) => f.getAttribute('aria-invalid') === 'true')).to.equal(true);
    });

    it('refuses the hour the clocks skip', async () => {
      const { el } = await withStore();
      await openRecordForm(el);
      await enterDate(el, 'Date', '2026-03-29');
      // Typed as a person would, without the leading zero.
      await typeInto(el, 'Start time', '1.30');
      await save(el);
      expect(text(timelinePage(el).fieldError(field(el, 'Start time')))).to.equal(
        'Error: There is no 01:30 on 29 March 2026: the clocks go forward then. Enter a time before or after the change',
      );
    });

    it('stores the hour the clocks repeat with its offset', async () => {
      const { store, el } = await withStore();
      await openRecordForm(el);
      await enterDate(el, 'Date', '2026-10-25');
      await typeInto(el, 'Start time', '1.30');
      await save(el);
      expect(store.snapshot!.record.meetings.at(-1)!.start).to.equal('2026-10-25T01:30:00+01:00');
    });

    it('shows a rejected change at the field and leaves the store unchanged', async () => {
      // The episode ended on 9 April: core refuses a meeting after its end.
      const ended = demoWith({
        episodes: [{ ...demoCase.episodes[0]!, status: 'finished', end: '2026-04-09T00:00:00+01:00' }],
        meetings: demoCase.meetings.filter((m) => m.status !== 'planned'),
      });
      const { store, el } = await withStore(ended);
      const page = timelinePage(el);
      const before = store.snapshot!;
      await openRecordForm(el);
      await choose(el, 'Yes, it was held');
      await enterDate(el, 'Date', '2026-04-09');
      await setValue(el, 'Start time', '10:00');
      const failed = nextEvent(el, 'od-error');
      await save(el);
      await failed;
      await el.updateComplete;
      const date = page.dateInput('Date');
      expect(text(page.fieldError(date.group))).to.contain('is after the end of episode');
      expect(date.day.getAttribute('aria-invalid')).to.equal('true');
      expectFocused(el, page.errorSummary());
      expect(store.snapshot).to.equal(before);
      await expect(el).to.be.accessible();
    });
  });

  describe('changing a meeting', () => {
    it('cancels a planned meeting with a reason', async () => {
      const { store, el } = await withStore();
      await openFromDetails(el, 'mt-15', 'Cancel this meeting');
      expectFocused(el, timelinePage(el).detailsHeading());
      await typeInto(el, 'Why is it cancelled? (optional)', 'Maya is away');
      await save(el);
      const meeting = store.snapshot!.record.meetings.find((m) => m.id === 'mt-15')!;
      expect(meeting.status).to.equal('cancelled');
      expect(meeting.cancellationReason).to.equal('Maya is away');
      expect(timelinePage(el).announcement()).to.equal('Meeting cancelled');
    });

    it('opens "Edit meeting" with the meeting’s values, and Escape leaves the form without saving', async () => {
      const { store, el } = await withStore();
      await openFromDetails(el, 'mt-14', 'Edit meeting');
      expect(field(el, 'Start time').value).to.equal('14:00');
      expect(field<HTMLSelectElement>(el, 'Riverside College student support').value).to.equal('present');
      field(el, 'Place (optional)').focus();
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expectFocused(el, timelinePage(el).detailsHeading());
      expect(timelinePage(el).formOrNull()).to.equal(null);
      expect(store.snapshot!.revision).to.equal(1);
    });

    it('edits a meeting through the store', async () => {
      const { store, el } = await withStore();
      await openFromDetails(el, 'mt-14', 'Edit meeting');
      await setValue(el, 'Place (optional)', 'College library');
      await save(el);
      expect(store.snapshot!.record.meetings.find((m) => m.id === 'mt-14')!.place).to.equal('College library');
    });

    it('keeps working when the network changes while the form is open: a new member can be picked', async () => {
      const { store, el } = await withStore();
      await openRecordForm(el);
      await enterDate(el, 'Date', '2026-04-20');
      await typeInto(el, 'Start time', '11:00');
      const sarah = demoCase.members.find((m) => m.id === 'm-sarah')!;
      // Another widget on the page (the map) adds a member while the form is open.
      await store.apply({ type: 'member/add', member: { ...sarah, id: 'm-rhys', name: 'Rhys Lewis' } });
      await el.updateComplete;
      expect(field<HTMLSelectElement>(el, 'Rhys Lewis').localName).to.equal('select');
      // What was typed before the change is still there.
      expect(field(el, 'Start time').value).to.equal('11:00');
      await setValue(el, 'Rhys Lewis', 'invited');
      await save(el);
      const created = store.snapshot!.record.meetings.at(-1)!;
      expect(created.start).to.equal('2026-04-20T11:00:00+01:00');
      expect(created.attendees).to.deep.include({ memberId: 'm-rhys', role: 'network', present: false });
    });
  });

  describe('without a store', () => {
    const mount = () =>
      fixture<OdMeetingTimeline>(
        html`<od-meeting-timeline editable .record=${demoCase} as-of=${DEMO_NOW}></od-meeting-timeline>`,
      );

    it('an attendance-only edit is a cancelable od-change of type meeting/set-attendance', async () => {
      const el = await mount();
      await openFromDetails(el, 'mt-14', 'Edit meeting');
      await setValue(el, 'Riverside College student support', 'absent');
      const changed = nextEvent(el, 'od-change');
      el.addEventListener('od-change', (e: OdChangeEvent) => e.preventDefault(), { once: true });
      await save(el);
      const change = (await changed).change;
      expect(change.type).to.equal('meeting/set-attendance');
      expect(
        change.type === 'meeting/set-attendance' && change.attendees.find((a) => a.memberId === 'm-college')!.present,
      ).to.equal(false);
      // Cancelled by the host: the widget's record is unchanged.
      expect(
        el.shownRecord!.meetings.find((m) => m.id === 'mt-14')!.attendees.find((a) => a.memberId === 'm-college')!
          .present,
      ).to.equal(true);
    });

    async function recordOne(el: OdMeetingTimeline) {
      await openRecordForm(el);
      await enterDate(el, 'Date', '2026-04-20');
      await typeInto(el, 'Start time', '11:00');
      await save(el);
    }

    it('a cancelled new meeting is not applied, and focus goes back to "Record a meeting"', async () => {
      const el = await mount();
      el.addEventListener('od-change', (e: OdChangeEvent) => e.preventDefault(), { once: true });
      await recordOne(el);
      expect(el.shownRecord!.meetings.length).to.equal(15);
      expectFocused(el, timelinePage(el).toolbarButton('Record a meeting'));
    });

    it('a new meeting nobody cancels is an od-change the widget applies', async () => {
      const el = await mount();
      const changed = nextEvent(el, 'od-change');
      await recordOne(el);
      expect((await changed).change.type).to.equal('meeting/record');
      expect(el.shownRecord!.meetings.length).to.equal(16);
      expect(el.shownRecord!.meetings.at(-1)!.start).to.equal('2026-04-20T11:00:00+01:00');
    });

    it('says so, and saves nothing, when the meeting being edited leaves the record', async () => {
      const el = await mount();
      const page = timelinePage(el);
      await openFromDetails(el, 'mt-14', 'Edit meeting');
      let changes = 0;
      el.addEventListener('od-change', () => changes++);
      // The host hands over a record without that meeting (another case, or a reloaded one).
      el.record = demoWith({
        meetings: demoCase.meetings.filter((m) => m.id !== 'mt-14'),
        assessments: demoCase.assessments.filter((a) => a.meetingId !== 'mt-14'),
      });
      await el.updateComplete;
      expect(allByRoleIn(page.details, 'alert').map(text)).to.deep.equal([
        'This meeting is no longer in the record, so there is nothing to edit. Nothing has been saved.',
      ]);
      expect(page.formOrNull()).to.equal(null);
      await expect(el).to.be.accessible();
      page.detailsButton('Cancel').click();
      await el.updateComplete;
      expect(changes).to.equal(0);
      expect(el.shownRecord!.meetings.some((m) => m.id === 'mt-14')).to.equal(false);
    });
  });

  it('shows no editing controls unless editable', async () => {
    const el = await fixture<OdMeetingTimeline>(
      html`<od-meeting-timeline .record=${demoCase} as-of=${DEMO_NOW}></od-meeting-timeline>`,
    );
    const page = timelinePage(el);
    await page.open('mt-15');
    expect(allByRoleIn(page.details, 'button', /^(Edit meeting|Cancel this meeting)$/)).to.have.length(0);
    expect(allByRoleIn(page.header.parentElement!, 'button', 'Record a meeting')).to.have.length(0);
    // The same controls are there when it is editable (so the names above are the right ones).
    el.editable = true;
    await el.updateComplete;
    expect(allByRoleIn(page.details, 'button', /^(Edit meeting|Cancel this meeting)$/)).to.have.length(2);
    expect(page.toolbarButton('Record a meeting')).to.be.an.instanceOf(HTMLButtonElement);
  });

  it('publishes every string in timelineStrings, the English that comes with the edit forms included', () => {
    const english = timelineStrings['en-GB'];
    expect(Object.keys(timelineStrings.cy).filter((key) => !(key in english))).to.deep.equal([]);
    expect(english['edit.titleNew']).to.equal('Record a meeting');
    expect(english['episode.error.reasonRequired']).to.equal('Enter why responsibility is handed over');
  });
});

describe('<od-meeting-timeline> with an offline store', () => {
  guardConsole();

  /** A timeline under a provider holding `store` (the provider's zone is London; the timeline may have its own). */
  async function inProvider(
    store: OdProvider['store'],
    attrs: { locale?: string; theme?: string; scheme?: string; ownZone?: string } = {},
  ) {
    const provider = await fixture<OdProvider>(html`<od-provider
      .store=${store}
      locale=${ifDefined(attrs.locale)}
      theme=${ifDefined(attrs.theme)}
      color-scheme=${ifDefined(attrs.scheme)}
      time-zone="Europe/London"
    >
      <od-meeting-timeline as-of=${DEMO_NOW} time-zone=${ifDefined(attrs.ownZone)}></od-meeting-timeline>
    </od-provider>`);
    const el = provider.querySelector('od-meeting-timeline') as OdMeetingTimeline;
    await el.updateComplete;
    return { provider, el, page: timelinePage(el) };
  }

  it('shows the status line above the timeline and "Changed by … on …" in the meeting details, in Welsh too', async () => {
    const { provider, el, page } = await inProvider(demoSyncingStore('offline'), { locale: 'en-GB' });
    const sync = byPart(el, 'sync-status');
    expect(sync.compareDocumentPosition(page.header) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    expect(
      byText(sync, 'Offline: 3 changes are kept on this device and will be sent when the connection is back'),
    ).to.be.an.instanceOf(Element);
    page.meeting('mt-13').click();
    await until(() => page.changedBy()[0], 'the meeting’s history line');
    expect(text(page.changedBy()[0])).to.equal('Changed by Nia Roberts on 1 Apr 2026, 12:25');
    provider.locale = 'cy';
    await provider.updateComplete;
    await el.updateComplete;
    expect(text(page.changedBy()[0])).to.equal('Newidiwyd gan Nia Roberts ar 1 Ebr 2026, 12:25');
    expect(text(byPart(el, 'sync-status'))).to.contain('All-lein');
  });

  it('gives "Changed by" times in the timeline’s own time zone', async () => {
    const { page } = await inProvider(demoSyncingStore('saved'), { ownZone: 'America/New_York' });
    page.meeting('mt-13').click();
    await until(() => page.changedBy()[0], 'the meeting’s history line');
    // 12:25 in London (BST) is 07:25 in New York (EDT).
    expect(text(page.changedBy()[0])).to.equal('Changed by Nia Roberts on 1 Apr 2026, 07:25');
  });

  it('says when it last saved in the timeline’s own time zone too', async () => {
    const at = new Date();
    const store = new FakeSyncingStore(demoCase, { status: { lastSyncedAt: at.toISOString() } });
    const { el } = await inProvider(store, { ownZone: 'Pacific/Auckland' });
    const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Pacific/Auckland', timeStyle: 'short' }).format(at);
    await until(() => new SyncStatusPage(el).notes.length, 'when it last saved');
    expect(new SyncStatusPage(el).notes).to.deep.equal([`Last saved to the record at ${time}`]);
  });

  it('opens the review panel on a conflict, axe-clean in the NHS preset, dark, in Welsh', async () => {
    const { provider, el } = await inProvider(demoSyncingStore('conflict'), {
      locale: 'cy',
      theme: 'nhs',
      scheme: 'dark',
    });
    byRoleIn<HTMLButtonElement>(byPart(el, 'sync-status'), 'button', 'Adolygu’r newidiadau').click();
    await el.updateComplete;
    const review = byPart(el, 'sync-review');
    expect([...review.querySelectorAll('h3')].map(text)).to.deep.equal([
      'Sarah Lewis, aelod o’r rhwydwaith',
      'Y cysylltiad rhwng Maya Lewis a David Lewis',
    ]);
    expectFocused(el, byRoleIn(review, 'heading', 'Newidiadau y mae angen i chi benderfynu amdanynt'));
    await expect(provider).to.be.accessible();
  });
});
