import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MemoryStore, type CaseRecord, type Meeting } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import type { OdChangeEvent, OdProvider } from '@odkit/elements';
import '@odkit/elements/define.js';
import type { OdMeetingTimeline } from '@odkit/meeting-timeline';
import { sendKeys } from '@web/test-runner-commands';
import { guardConsole } from '../../../test/support/console-guard.js';
import { nextEvent } from '../../../test/support/events.js';
import { demoSyncingStore } from '../../../stories/support/sync-store.js';
import { $, $$, DEMO_NOW, demoWith, text, until } from './support.js';

async function withStore(record: CaseRecord = demoCase) {
  const store = new MemoryStore(record);
  const provider = await fixture(html`<od-provider .store=${store} locale="en-GB" time-zone="Europe/London">
    <od-meeting-timeline editable as-of=${DEMO_NOW}></od-meeting-timeline>
  </od-provider>`);
  const el = provider.querySelector('od-meeting-timeline') as OdMeetingTimeline;
  await el.updateComplete;
  return { store, el };
}

const active = (el: OdMeetingTimeline) => el.shadowRoot!.activeElement as HTMLElement | null;

/** Sets a control's value as a person would, ending with the change event the form listens for. */
async function setValue(el: OdMeetingTimeline, id: string, value: string) {
  const control = $<HTMLInputElement | HTMLSelectElement>(el, `#${id}`)!;
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true }));
  control.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

/** Clears a text field and types into it with real key presses. */
async function typeInto(el: OdMeetingTimeline, id: string, value: string) {
  $<HTMLInputElement>(el, `#${id}`)!.value = '';
  $<HTMLInputElement>(el, `#${id}`)!.focus();
  await sendKeys({ type: value });
  $<HTMLInputElement>(el, `#${id}`)!.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

async function choose(el: OdMeetingTimeline, id: string) {
  $<HTMLInputElement>(el, `#${id}`)!.focus();
  await sendKeys({ press: 'Space' });
  await el.updateComplete;
}

async function save(el: OdMeetingTimeline) {
  $<HTMLButtonElement>(el, '.side form button[type="submit"]')!.focus();
  await sendKeys({ press: 'Enter' });
  // The store applies asynchronously: wait until the form has closed (saved) or says why not.
  await until(
    () => !$(el, '.side form') || $(el, '.od-error-summary, .od-error'),
    'the meeting form to close or show its errors',
  );
  await el.updateComplete;
}

async function openRecordForm(el: OdMeetingTimeline) {
  $<HTMLButtonElement>(el, '[data-action="record"]')!.focus();
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
}

describe('<od-meeting-timeline editable>', function () {
  // Long keyboard flows with several axe checks: give them time on a busy machine.
  this.timeout(40_000);
  guardConsole();

  it('records a held meeting through the store, with attendance picked from the network', async () => {
    const { store, el } = await withStore();
    await openRecordForm(el);
    expect(active(el)?.id).to.equal('form-title');
    await expect(el).to.be.accessible();

    await choose(el, 'mt-status-held');
    await setValue(el, 'mt-date', '2026-04-09');
    await setValue(el, 'mt-time', '10:00');
    await typeInto(el, 'mt-duration', '0');
    await choose(el, 'mt-mode-clinic');
    await typeInto(el, 'mt-place', 'Northbrook Resource Centre');
    await choose(el, 'mt-person');
    await setValue(el, 'att-m-nia', 'present');
    await setValue(el, 'att-m-sarah', 'present');
    await setValue(el, 'att-m-tom', 'absent');
    await choose(el, 'mt-reflecting');
    await choose(el, 'mt-next-open');
    // The practitioner's role defaults from earlier meetings; a family member cannot be offered a practitioner's role.
    expect($<HTMLSelectElement>(el, '#role-m-nia')!.value).to.equal('facilitator');
    expect($$<HTMLOptionElement>(el, '#role-m-sarah option').map((o) => o.value)).to.deep.equal(['network', 'other']);
    await expect(el).to.be.accessible();

    // "0" minutes is refused at the field, and nothing is saved.
    const revision = store.snapshot!.revision;
    await save(el);
    expect(active(el)?.classList.contains('od-error-summary')).to.equal(true);
    expect(text($(el, '#mt-duration-error'))).to.equal(
      'Error: Enter the length as a whole number of minutes, from 1 to 1440',
    );
    expect(store.snapshot!.revision).to.equal(revision);
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    expect(active(el)?.id).to.equal('mt-duration');
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: '60' });
    $<HTMLInputElement>(el, '#mt-duration')!.dispatchEvent(new Event('change', { bubbles: true }));

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
    expect(text($(el, '[role="status"]'))).to.equal('Meeting saved');
    expect(active(el)?.id).to.equal('details-title');
    expect($$(el, 'ol.list > li').length).to.equal(16);
  });

  it('refuses the hour the clocks skip, and stores the hour they repeat with its offset', async () => {
    const { store, el } = await withStore();
    await openRecordForm(el);
    await setValue(el, 'mt-date', '2026-03-29');
    // Typed as a person would, without the leading zero.
    await typeInto(el, 'mt-time', '1.30');
    await save(el);
    expect(text($(el, '#mt-time-error'))).to.equal(
      'Error: There is no 01:30 on 29 March 2026: the clocks go forward then. Enter a time before or after the change',
    );
    await setValue(el, 'mt-date', '2026-10-25');
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
    const before = store.snapshot!;
    await openRecordForm(el);
    await choose(el, 'mt-status-held');
    await setValue(el, 'mt-date', '2026-04-09');
    await setValue(el, 'mt-time', '10:00');
    const failed = nextEvent(el, 'od-error');
    await save(el);
    await failed;
    await el.updateComplete;
    expect(text($(el, '#mt-date-error'))).to.contain('is after the end of episode');
    expect($(el, '#mt-date')!.getAttribute('aria-invalid')).to.equal('true');
    expect(active(el)?.classList.contains('od-error-summary')).to.equal(true);
    expect(store.snapshot).to.equal(before);
    await expect(el).to.be.accessible();
  });

  it('cancels a planned meeting with a reason', async () => {
    const { store, el } = await withStore();
    $<HTMLButtonElement>(el, '#meeting-mt-15')!.click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[data-action="cancel-meeting"]')!.click();
    await el.updateComplete;
    expect(active(el)?.id).to.equal('form-title');
    await typeInto(el, 'cancel-reason', 'Maya is away');
    await save(el);
    const meeting = store.snapshot!.record.meetings.find((m) => m.id === 'mt-15')!;
    expect(meeting.status).to.equal('cancelled');
    expect(meeting.cancellationReason).to.equal('Maya is away');
    expect(text($(el, '[role="status"]'))).to.equal('Meeting cancelled');
  });

  it('edits a meeting, and Escape leaves the form without saving', async () => {
    const { store, el } = await withStore();
    $<HTMLButtonElement>(el, '#meeting-mt-14')!.click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[data-action="edit"]')!.click();
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '#mt-time')!.value).to.equal('14:00');
    expect($<HTMLSelectElement>(el, '#att-m-college')!.value).to.equal('present');
    $<HTMLInputElement>(el, '#mt-place')!.focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(active(el)?.id).to.equal('details-title');
    expect(store.snapshot!.revision).to.equal(1);

    $<HTMLButtonElement>(el, '[data-action="edit"]')!.click();
    await el.updateComplete;
    await setValue(el, 'mt-place', 'College library');
    await save(el);
    expect(store.snapshot!.record.meetings.find((m) => m.id === 'mt-14')!.place).to.equal('College library');
  });

  it('without a store: an attendance-only edit is a cancelable od-change of type meeting/set-attendance', async () => {
    const el = await fixture<OdMeetingTimeline>(
      html`<od-meeting-timeline editable .record=${demoCase} as-of=${DEMO_NOW}></od-meeting-timeline>`,
    );
    $<HTMLButtonElement>(el, '#meeting-mt-14')!.click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[data-action="edit"]')!.click();
    await el.updateComplete;
    await setValue(el, 'att-m-college', 'absent');
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

  it('without a store: a new meeting is an od-change the widget applies unless cancelled', async () => {
    const el = await fixture<OdMeetingTimeline>(
      html`<od-meeting-timeline editable .record=${demoCase} as-of=${DEMO_NOW}></od-meeting-timeline>`,
    );
    const record = async () => {
      await openRecordForm(el);
      await setValue(el, 'mt-date', '2026-04-20');
      await typeInto(el, 'mt-time', '11:00');
      await save(el);
    };
    el.addEventListener('od-change', (e: OdChangeEvent) => e.preventDefault(), { once: true });
    await record();
    expect(el.shownRecord!.meetings.length).to.equal(15);
    expect(active(el)?.dataset.action).to.equal('record');
    const changed = nextEvent(el, 'od-change');
    await record();
    expect((await changed).change.type).to.equal('meeting/record');
    expect(el.shownRecord!.meetings.length).to.equal(16);
    expect(el.shownRecord!.meetings.at(-1)!.start).to.equal('2026-04-20T11:00:00+01:00');
  });

  it('keeps working when the network changes while the form is open: a new member can be picked', async () => {
    const { store, el } = await withStore();
    await openRecordForm(el);
    await setValue(el, 'mt-date', '2026-04-20');
    await typeInto(el, 'mt-time', '11:00');
    const sarah = demoCase.members.find((m) => m.id === 'm-sarah')!;
    // Another widget on the page (the map) adds a member while the form is open.
    await store.apply({ type: 'member/add', member: { ...sarah, id: 'm-rhys', name: 'Rhys Lewis' } });
    await el.updateComplete;
    expect($(el, 'label[for="att-m-rhys"]')).not.to.equal(null);
    // What was typed before the change is still there.
    expect($<HTMLInputElement>(el, '#mt-time')!.value).to.equal('11:00');
    await setValue(el, 'att-m-rhys', 'invited');
    await save(el);
    const created = store.snapshot!.record.meetings.at(-1)!;
    expect(created.start).to.equal('2026-04-20T11:00:00+01:00');
    expect(created.attendees).to.deep.include({ memberId: 'm-rhys', role: 'network', present: false });
  });

  it('says so, and saves nothing, when the meeting being edited leaves the record', async () => {
    const el = await fixture<OdMeetingTimeline>(
      html`<od-meeting-timeline editable .record=${demoCase} as-of=${DEMO_NOW}></od-meeting-timeline>`,
    );
    $<HTMLButtonElement>(el, '#meeting-mt-14')!.click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[data-action="edit"]')!.click();
    await el.updateComplete;
    let changes = 0;
    el.addEventListener('od-change', () => changes++);
    // The host hands over a record without that meeting (another case, or a reloaded one).
    el.record = demoWith({
      meetings: demoCase.meetings.filter((m) => m.id !== 'mt-14'),
      assessments: demoCase.assessments.filter((a) => a.meetingId !== 'mt-14'),
    });
    await el.updateComplete;
    expect(text($(el, '.form [role="alert"]'))).to.equal(
      'This meeting is no longer in the record, so there is nothing to edit. Nothing has been saved.',
    );
    expect($(el, '.form form')).to.equal(null);
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '.form [data-action="cancel-form"]')!.click();
    await el.updateComplete;
    expect(changes).to.equal(0);
    expect(el.shownRecord!.meetings.some((m) => m.id === 'mt-14')).to.equal(false);
  });

  it('shows no editing controls unless editable', async () => {
    const el = await fixture<OdMeetingTimeline>(
      html`<od-meeting-timeline .record=${demoCase} as-of=${DEMO_NOW}></od-meeting-timeline>`,
    );
    $<HTMLButtonElement>(el, '#meeting-mt-15')!.click();
    await el.updateComplete;
    expect($$(el, '[data-action="record"], [data-action="edit"], [data-action="cancel-meeting"]').length).to.equal(0);
  });
});

describe('<od-meeting-timeline> with an offline store', () => {
  guardConsole();

  it('shows the status line above the timeline and "Changed by … on …" in the meeting details, in Welsh too', async () => {
    const store = demoSyncingStore('offline');
    const provider =
      await fixture<OdProvider>(html`<od-provider .store=${store} locale="en-GB" time-zone="Europe/London">
      <od-meeting-timeline as-of=${DEMO_NOW}></od-meeting-timeline>
    </od-provider>`);
    const el = provider.querySelector('od-meeting-timeline') as OdMeetingTimeline;
    await el.updateComplete;
    const sync = $(el, '[part="sync-status"]')!;
    expect(sync.compareDocumentPosition($(el, 'section.timeline')!) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    expect(text($(el, '.od-sync__message'))).to.equal(
      'Offline: 3 changes are kept on this device and will be sent when the connection is back',
    );
    $<HTMLButtonElement>(el, '#meeting-mt-13')!.click();
    await waitUntil(() => $(el, '.details .od-changed-by'), 'the meeting’s history line');
    expect(text($(el, '.details .od-changed-by'))).to.equal('Changed by Nia Roberts on 1 Apr 2026, 12:25');
    provider.locale = 'cy';
    await provider.updateComplete;
    await el.updateComplete;
    expect(text($(el, '.details .od-changed-by'))).to.equal('Newidiwyd gan Nia Roberts ar 1 Ebr 2026, 12:25');
    expect(text($(el, '.od-sync__message'))).to.contain('All-lein');
  });

  it('gives "Changed by" times in the timeline’s own time zone', async () => {
    const store = demoSyncingStore('saved');
    const provider = await fixture<OdProvider>(html`<od-provider .store=${store} time-zone="Europe/London">
      <od-meeting-timeline as-of=${DEMO_NOW} time-zone="America/New_York"></od-meeting-timeline>
    </od-provider>`);
    const el = provider.querySelector('od-meeting-timeline') as OdMeetingTimeline;
    await el.updateComplete;
    $<HTMLButtonElement>(el, '#meeting-mt-13')!.click();
    await waitUntil(() => $(el, '.details .od-changed-by'), 'the meeting’s history line');
    // 12:25 in London (BST) is 07:25 in New York (EDT).
    expect(text($(el, '.details .od-changed-by'))).to.equal('Changed by Nia Roberts on 1 Apr 2026, 07:25');
  });

  it('opens the review panel on a conflict, axe-clean in the NHS preset, dark, in Welsh', async () => {
    const store = demoSyncingStore('conflict');
    const provider =
      await fixture<OdProvider>(html`<od-provider .store=${store} locale="cy" theme="nhs" color-scheme="dark" time-zone="Europe/London">
      <od-meeting-timeline as-of=${DEMO_NOW}></od-meeting-timeline>
    </od-provider>`);
    const el = provider.querySelector('od-meeting-timeline') as OdMeetingTimeline;
    await el.updateComplete;
    $<HTMLButtonElement>(el, '.od-sync__review')!.click();
    await el.updateComplete;
    expect($$(el, '.od-sync-conflict h3').map(text)).to.deep.equal([
      'Sarah Lewis, aelod o’r rhwydwaith',
      'Y cysylltiad rhwng Maya Lewis a David Lewis',
    ]);
    expect(el.shadowRoot!.activeElement?.id).to.equal('od-sync-review-title');
    await expect(provider).to.be.accessible();
  });
});
