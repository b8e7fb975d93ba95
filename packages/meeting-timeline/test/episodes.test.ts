// Opening, finishing and handing over an episode in the timeline, by keyboard only, read back from the store
// (MemoryStore, and FhirStore against the repo's FHIR engine); bad input gives GOV.UK errors in English and Welsh.
import { expect, fixture, html } from '@open-wc/testing';
import { MemoryStore, ValidationError, type CaseRecord, type CaseStore, type Episode } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { formErrorsFrom, type OdChangeEvent, type OdProvider } from '@odkit/elements';
import '@odkit/elements/define.js';
import { FhirStore } from '@odkit/fhir';
import type { OdMeetingTimeline } from '@odkit/meeting-timeline';
import '@odkit/meeting-timeline/define.js';
import { sendKeys } from '@web/test-runner-commands';
import { demoFor, FHIR_URL, http, testAuthor, uniqueId } from '../../fhir/test/support.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { nextEvent } from '../../../test/support/events.js';
import { episodeFieldFor } from '../src/internal/episode-form.js';
import { allByPart, byRoleIn, text } from '../../../test/support/dom.js';
import { expectFocused, focusedElement } from '../../../test/support/keyboard.js';
import { timelinePage, type TimelinePage } from '../../../test/support/timeline-page.js';
import { DEMO_NOW, demoWith, until } from './support.js';

const DEMO_EPISODE = demoCase.episodes[0]!;
const WELSH_DATE = { day: 'Diwrnod', month: 'Mis', year: 'Blwyddyn' };

async function mount(store: CaseStore, locale = 'en-GB') {
  const provider =
    await fixture<OdProvider>(html`<od-provider .store=${store} locale=${locale} time-zone="Europe/London">
    <od-meeting-timeline editable as-of=${DEMO_NOW} locale=${locale}></od-meeting-timeline>
  </od-provider>`);
  const el = provider.querySelector<OdMeetingTimeline>('od-meeting-timeline')!;
  await until(() => el.shownRecord, 'the record is shown');
  await el.updateComplete;
  return { el, page: timelinePage(el) };
}

/**
 * Presses an episode button (in the header, or under "no episode") with Enter, as a keyboard user does, until its
 * form is open: the forms' modules may still be on their way (slowly on a busy machine, past the render's 3 s wait).
 */
async function press(page: TimelinePage, name: string | RegExp) {
  const button = byRoleIn<HTMLButtonElement>(page.el.shadowRoot!, 'button', name);
  button.focus();
  await sendKeys({ press: 'Enter' });
  await page.formOpened();
}

/** Types into a text field by its label with real key presses, ending with the change the form listens for. */
async function typeInto(page: TimelinePage, label: string, value: string) {
  const control = page.field(label);
  control.focus();
  control.select();
  await sendKeys({ type: value });
  control.dispatchEvent(new Event('change', { bubbles: true }));
  await page.el.updateComplete;
}

/** Types a date into GOV.UK's day, month and year fields with real key presses (empty parts are cleared). */
async function enterDate(page: TimelinePage, legend: string, day: string, month: string, year: string) {
  const date = page.dateInput(legend, page.el.locale === 'cy' ? WELSH_DATE : undefined);
  for (const [input, value] of [
    [date.day, day],
    [date.month, month],
    [date.year, year],
  ] as const) {
    input.focus();
    input.select();
    await sendKeys(value ? { type: value } : { press: 'Backspace' });
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }
  await page.el.updateComplete;
}

/** Presses Enter on the submit button and waits until the form closes or shows its errors. */
async function submit(page: TimelinePage) {
  page.submitButton().focus();
  await sendKeys({ press: 'Enter' });
  await until(() => !page.formOrNull() || page.errorSummary(), 'the form to close or show its errors');
  await page.el.updateComplete;
}

const errorsIn = (page: TimelinePage) => [...page.errorSummary()!.querySelectorAll('li')].map((li) => text(li));

/** The demo case without its last meeting, so that its episode can end on 8 or 9 April. */
const endable = () => demoWith({ meetings: demoCase.meetings.filter((m) => m.id !== 'mt-15') });

/**
 * "Finish this episode" with 9 April, 17:00 typed, while someone else ends it on 8 April, 16:00: resolves once their
 * end is shown beside what was typed.
 */
async function finishingWhileTheyFinish() {
  const record = endable();
  const store = new MemoryStore(record);
  const { page } = await mount(store);
  await press(page, 'Finish this episode');
  await enterDate(page, 'Date the episode ended', '9', '4', '2026');
  await typeInto(page, 'Time the episode ended', '17:00');
  const theirs: Episode = { ...record.episodes[0]!, status: 'finished', end: '2026-04-08T16:00:00+01:00' };
  await store.apply({ type: 'episode/update', episode: theirs });
  await until(() => allByPart(page.el, 'theirs').length === 2, 'their end is shown beside mine');
  return { store, page };
}

const noEpisode = (): CaseRecord => demoWith({ episodes: [], meetings: [], assessments: [] });

describe('<od-meeting-timeline editable> episodes', function () {
  this.timeout(60_000);
  guardConsole();

  it('opens the first episode by keyboard: first contact, team and referral are saved; passes axe', async () => {
    const store = new MemoryStore(noEpisode());
    const { el, page } = await mount(store);
    expect(text(el.shadowRoot!)).to.contain('This record has no episode yet');
    await expect(el).to.be.accessible();
    await press(page, 'Open a new episode');
    expect(page.detailsTitle()).to.equal('Open a new episode');
    expectFocused(el, page.detailsHeading());
    await expect(el).to.be.accessible();

    await enterDate(page, 'Date of first contact', '', '', '');
    await submit(page);
    expect(errorsIn(page)).to.deep.equal([
      'Enter the date of first contact',
      'Enter the time, for example 14:30',
      'Enter the responsible team',
    ]);
    expect(text(page.fieldError(page.dateInput('Date of first contact').group))).to.equal(
      'Error: Enter the date of first contact',
    );
    await expect(el).to.be.accessible();

    await enterDate(page, 'Date of first contact', '11', '4', '2026');
    await typeInto(page, 'Time of first contact', '9:15');
    await typeInto(page, 'Responsible team', 'Northbrook Open Dialogue Team');
    await typeInto(page, 'Referred by (optional)', 'Self-referral');
    await submit(page);
    expect(errorsIn(page)).to.deep.equal(['The date and time must be now or in the past']);

    await enterDate(page, 'Date of first contact', '10', '4', '2026');
    await submit(page);
    expect(page.formOrNull() === null, 'the form has closed').to.equal(true);
    const [episode] = store.snapshot!.record.episodes;
    expect(episode).to.deep.include({
      firstContact: '2026-04-10T09:15:00+01:00',
      status: 'active',
      responsibleTeam: 'Northbrook Open Dialogue Team',
      referralSource: 'Self-referral',
    });
    await until(() => page.announcement() === 'Episode opened', 'the save is announced');
    expect(page.firstContact().dateTime).to.equal('2026-04-10T09:15:00+01:00');
    expect(text(page.badge())).to.contain('since first contact');
    expectFocused(el, page.title());
    // It runs now: it can be handed over or finished, and no second episode opens beside it.
    const actions = byRoleIn(page.header, 'group', 'Episode');
    expect([...actions.querySelectorAll('button')].map((b) => text(b))).to.deep.equal([
      'Hand over responsibility',
      'Finish this episode',
    ]);
    await expect(el).to.be.accessible();
  });

  it('finishes an episode: refuses an end before first contact or its last meeting; then opens a new one', async () => {
    const store = new MemoryStore(demoCase);
    const { el, page } = await mount(store);
    await press(page, 'Finish this episode');
    expect(page.detailsTitle()).to.match(/^Finish the episode from 9 Feb 2026, 14:30/);

    await enterDate(page, 'Date the episode ended', '1', '2', '2026');
    await typeInto(page, 'Time the episode ended', '17:00');
    await submit(page);
    const before = 'The episode cannot end before first contact (9 Feb 2026, 14:30)';
    expect(errorsIn(page)).to.deep.equal([before]);
    expect(text(page.fieldError(page.dateInput('Date the episode ended').group))).to.equal(`Error: ${before}`);
    expect(focusedElement()).to.contain('There is a problem');
    await expect(el).to.be.accessible();

    // A planned meeting after the end keeps the episode open until it is cancelled.
    await enterDate(page, 'Date the episode ended', '9', '4', '2026');
    await submit(page);
    expect(errorsIn(page)).to.deep.equal([
      'The episode cannot end before its last meeting (15 Apr 2026, 14:00). Cancel a planned meeting after the end first',
    ]);
    expect(store.snapshot!.record.episodes[0]).to.deep.equal(DEMO_EPISODE);

    await store.apply({ type: 'meeting/cancel', meetingId: 'mt-15' });
    await submit(page);
    expect(page.formOrNull() === null, 'the form has closed').to.equal(true);
    expect(store.snapshot!.record.episodes[0]).to.deep.equal({
      ...DEMO_EPISODE,
      status: 'finished',
      end: '2026-04-09T17:00:00+01:00',
    });
    await until(() => page.announcement() === 'Episode finished', 'the save is announced');
    expect(text(page.header)).to.contain('Ended: 9 Apr 2026, 17:00');

    // A new crisis: a new episode, which must start after the last one ended.
    await press(page, 'Open a new episode');
    await enterDate(page, 'Date of first contact', '9', '4', '2026');
    await typeInto(page, 'Time of first contact', '16:00');
    await typeInto(page, 'Responsible team', 'Northbrook Open Dialogue Team');
    await submit(page);
    expect(errorsIn(page)).to.deep.equal([
      'First contact must be after the previous episode ended (9 Apr 2026, 17:00)',
    ]);
    await typeInto(page, 'Time of first contact', '18:30');
    await submit(page);
    const episodes = store.snapshot!.record.episodes;
    expect(episodes).to.have.length(2);
    expect(episodes[1]).to.deep.include({ firstContact: '2026-04-09T18:30:00+01:00', status: 'active' });
    // The timeline now shows the new episode, with no meetings yet.
    await until(() => page.firstContact().dateTime === '2026-04-09T18:30:00+01:00', 'the new episode is shown');
    expect(page.list() === null, 'no meetings are listed').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('hands responsibility over with a date and reason, keeping the team first contacted; passes axe', async () => {
    const store = new MemoryStore(demoCase);
    const { el, page } = await mount(store);
    await press(page, 'Hand over responsibility');
    expect(text(page.details)).to.contain(
      'Hand over only when Northbrook Open Dialogue Team cannot carry on (for example, the person moves away)',
    );
    await typeInto(page, 'Time responsibility passes', '10:00');
    await submit(page);
    expect(errorsIn(page)).to.deep.equal(['Enter the team taking over', 'Enter why responsibility is handed over']);
    await expect(el).to.be.accessible();

    await typeInto(page, 'Team taking over', 'Northbrook Open Dialogue Team');
    await typeInto(page, 'Why is responsibility handed over?', 'Moved to Millbrook');
    await enterDate(page, 'Date responsibility passes', '1', '2', '2026');
    await submit(page);
    expect(errorsIn(page)).to.deep.equal([
      'Responsibility can only pass after 9 Feb 2026, 14:30',
      'Northbrook Open Dialogue Team already holds responsibility: enter the team taking over',
    ]);

    await enterDate(page, 'Date responsibility passes', '9', '4', '2026');
    await typeInto(page, 'Team taking over', 'Millbrook Home Treatment Team');
    await submit(page);
    expect(page.formOrNull() === null, 'the form has closed').to.equal(true);
    const episode = store.snapshot!.record.episodes[0]!;
    expect(episode.responsibleTeam).to.equal('Northbrook Open Dialogue Team');
    expect(episode.handovers).to.deep.equal([
      { at: '2026-04-09T10:00:00+01:00', to: 'Millbrook Home Treatment Team', reason: 'Moved to Millbrook' },
    ]);
    await until(
      () => page.announcement() === 'Responsibility handed over to Millbrook Home Treatment Team',
      'the hand-over is announced',
    );
    expect(text(page.header)).to.contain(
      'Responsibility handed over to Millbrook Home Treatment Team on 9 Apr 2026, 10:00: Moved to Millbrook',
    );
    await expect(el).to.be.accessible();

    // Escape closes a form and gives focus back to the button that opened it; nothing is saved.
    await press(page, 'Hand over responsibility');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(page.detailsOrNull() === null, 'the panel has closed').to.equal(true);
    expectFocused(el, byRoleIn(page.header, 'button', 'Hand over responsibility'));
  });

  it('keeps the end typed when someone else finishes the episode meanwhile, and asks which to keep', async () => {
    const { store, page } = await finishingWhileTheyFinish();
    expect(text(page.details)).to.contain('The episode now ends on 8 Apr 2026, 16:00.');
    await expect(page.el).to.be.accessible();
    expect(page.field('Time the episode ended').value).to.equal('17:00');
    await submit(page);
    expect(errorsIn(page)).to.deep.equal([
      'Someone else changed this field: keep yours or use theirs',
      'Someone else changed this field: keep yours or use theirs',
    ]);
    expect(store.snapshot!.record.episodes[0]!.end).to.equal('2026-04-08T16:00:00+01:00');
    // Each choice renders the list again, and focus moves to the next choice ("Use theirs" of the next field).
    const first = allByPart(page.el, 'theirs')[0]!;
    byRoleIn<HTMLButtonElement>(first, 'button', 'Keep mine').focus();
    await sendKeys({ press: 'Enter' });
    await page.el.updateComplete;
    const [next] = allByPart(page.el, 'theirs');
    expectFocused(page.el, byRoleIn(next!, 'button', 'Use theirs'));
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await page.el.updateComplete;
    expect(allByPart(page.el, 'theirs').length).to.equal(0);
    expectFocused(page.el, page.detailsHeading());
    await submit(page);
    expect(page.formOrNull() === null, 'the form has closed').to.equal(true);
    expect(store.snapshot!.record.episodes[0]!.end).to.equal('2026-04-09T17:00:00+01:00');
  });

  it('"Use theirs" on the end someone else saved meanwhile puts it in the form, and saving keeps it', async () => {
    const { store, page } = await finishingWhileTheyFinish();

    // By keyboard: "Use theirs" on the date, then on the time (focus moves to the next choice's "Use theirs").
    byRoleIn<HTMLButtonElement>(allByPart(page.el, 'theirs')[0]!, 'button', 'Use theirs').focus();
    await sendKeys({ press: 'Enter' });
    await page.el.updateComplete;
    const [next] = allByPart(page.el, 'theirs');
    expectFocused(page.el, byRoleIn(next!, 'button', 'Use theirs'));
    await sendKeys({ press: 'Enter' });
    await page.el.updateComplete;
    expect(allByPart(page.el, 'theirs').length).to.equal(0);
    const date = page.dateInput('Date the episode ended');
    expect([date.day.value, date.month.value, date.year.value]).to.deep.equal(['8', '4', '2026']);
    expect(page.field('Time the episode ended').value).to.equal('16:00');
    await submit(page);
    expect(page.formOrNull() === null, 'the form has closed').to.equal(true);
    expect(store.snapshot!.record.episodes[0]!.end).to.equal('2026-04-08T16:00:00+01:00');
  });

  it('says which part of the end’s date is missing, at the date', async () => {
    const store = new MemoryStore(endable());
    const { page } = await mount(store);
    const revision = store.snapshot!.revision;
    await press(page, 'Finish this episode');
    await enterDate(page, 'Date the episode ended', '9', '', '2026');
    await typeInto(page, 'Time the episode ended', '17:00');
    await submit(page);
    expect(errorsIn(page)).to.deep.equal(['The date the episode ended must include a month']);
    const date = page.dateInput('Date the episode ended');
    expect(text(page.fieldError(date.group))).to.equal('Error: The date the episode ended must include a month');
    expect(store.snapshot!.revision, 'nothing saved').to.equal(revision);
  });

  it('speaks Welsh: buttons, form, errors and the hand-over line; passes axe', async () => {
    const store = new MemoryStore(demoCase);
    const { el, page } = await mount(store, 'cy');
    await press(page, 'Gorffen y cyfnod gofal hwn');
    await enterDate(page, 'Dyddiad diwedd y cyfnod gofal', '1', '2', '2026');
    await typeInto(page, 'Amser diwedd y cyfnod gofal', '17:00');
    await submit(page);
    const [error] = errorsIn(page);
    expect(error).to.match(/^Ni all y cyfnod gofal ddod i ben cyn y cyswllt cyntaf \(9 Chwef 2026/);
    expect(text(page.errorSummary()!)).to.contain('Mae problem wedi codi');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });

    await press(page, 'Trosglwyddo cyfrifoldeb');
    await enterDate(page, 'Dyddiad trosglwyddo’r cyfrifoldeb', '9', '4', '2026');
    await typeInto(page, 'Amser trosglwyddo’r cyfrifoldeb', '10:00');
    await typeInto(page, 'Y tîm sy’n cymryd drosodd', 'Tîm Triniaeth Gartref');
    await typeInto(page, 'Pam mae’r cyfrifoldeb yn cael ei drosglwyddo?', 'Symud i Millbrook');
    await submit(page);
    expect(store.snapshot!.record.episodes[0]!.handovers?.[0]?.to).to.equal('Tîm Triniaeth Gartref');
    expect(text(page.header)).to.contain('Trosglwyddwyd cyfrifoldeb i Tîm Triniaeth Gartref ar 9 Ebr 2026');
    await expect(el).to.be.accessible();
  });

  it('on a shared screen (initials-only) shows the hand-over without its reason, and offers no episode actions', async () => {
    const handovers = [{ at: '2026-04-09T10:00:00+01:00', to: 'Millbrook Home Treatment Team', reason: 'Moved away' }];
    const store = new MemoryStore(demoWith({ episodes: [{ ...DEMO_EPISODE, handovers }] }));
    const { el, page } = await mount(store);
    el.initialsOnly = true;
    await el.updateComplete;
    expect(text(page.header)).to.contain(
      'Responsibility handed over to Millbrook Home Treatment Team on 9 Apr 2026, 10:00',
    );
    expect(text(page.header)).not.to.contain('Moved away');
    expect(page.header.querySelectorAll('button')).to.have.length(0);
  });

  it('without a store, a hand-over is a cancelable od-change; one nobody cancels is applied to the record', async () => {
    const el = await fixture<OdMeetingTimeline>(
      html`<od-meeting-timeline editable .record=${demoCase} as-of=${DEMO_NOW} time-zone="Europe/London"></od-meeting-timeline>`,
    );
    const page = timelinePage(el);
    const handOver = async () => {
      await press(page, 'Hand over responsibility');
      await enterDate(page, 'Date responsibility passes', '9', '4', '2026');
      await typeInto(page, 'Time responsibility passes', '10:00');
      await typeInto(page, 'Team taking over', 'Millbrook Home Treatment Team');
      await typeInto(page, 'Why is responsibility handed over?', 'Moved to Millbrook');
      await submit(page);
    };
    el.addEventListener('od-change', (e: OdChangeEvent) => e.preventDefault(), { once: true });
    const cancelled = nextEvent(el, 'od-change');
    await handOver();
    const { change } = await cancelled;
    expect(change.type === 'episode/update' && change.episode.handovers).to.deep.equal([
      { at: '2026-04-09T10:00:00+01:00', to: 'Millbrook Home Treatment Team', reason: 'Moved to Millbrook' },
    ]);
    expect(el.shownRecord!.episodes[0]!.handovers).to.equal(undefined);

    const applied = nextEvent(el, 'od-change');
    await handOver();
    expect((await applied).change.type).to.equal('episode/update');
    expect(el.shownRecord!.episodes[0]!.handovers?.[0]?.to).to.equal('Millbrook Home Treatment Team');
  });

  it('without a store, a new episode the host cancels is not shown, and nothing is in error', async () => {
    const el = await fixture<OdMeetingTimeline>(
      html`<od-meeting-timeline editable .record=${noEpisode()} as-of=${DEMO_NOW} time-zone="Europe/London"></od-meeting-timeline>`,
    );
    const page = timelinePage(el);
    el.addEventListener('od-change', (e: OdChangeEvent) => e.preventDefault(), { once: true });
    const cancelled = nextEvent(el, 'od-change');
    await press(page, 'Open a new episode');
    await enterDate(page, 'Date of first contact', '10', '4', '2026');
    await typeInto(page, 'Time of first contact', '09:15');
    await typeInto(page, 'Responsible team', 'Northbrook Open Dialogue Team');
    await submit(page);
    expect((await cancelled).change.type).to.equal('episode/add');
    await el.updateComplete;
    expect(el.shownRecord!.episodes).to.deep.equal([]);
    expect(page.errorState() === null, 'no error state').to.equal(true);
    expect(text(el.shadowRoot!)).to.contain('This record has no episode yet');
    expectFocused(el, byRoleIn(el.shadowRoot!, 'button', 'Open a new episode'));
  });

  it('puts an issue core finds with an episode at the field it concerns', () => {
    const refused = new ValidationError('Change', [
      { path: ['episode', 'end'], message: 'ends before first contact' },
      { path: ['episode', 'handovers', 0, 'to'], message: 'names the team that already holds responsibility' },
      { path: ['episode', 'status'], message: 'must be one of …' },
    ]);
    expect(formErrorsFrom(refused, episodeFieldFor, 'Not saved')).to.deep.equal([
      { field: 'ep-date-day', message: 'ends before first contact' },
      { field: 'ep-team', message: 'names the team that already holds responsibility' },
      { message: 'must be one of …' },
    ]);
  });

  it('over FHIR: opens, hands over and finishes an episode, and a fresh FhirStore reads it all back', async () => {
    const record = demoFor(uniqueId('pt'));
    record.episodes = [];
    record.meetings = [];
    record.assessments = [];
    const options = { baseUrl: FHIR_URL, patientId: record.person.id, http, author: testAuthor };
    const store = await FhirStore.open({ ...options, initial: record });
    const { el, page } = await mount(store);

    await press(page, 'Open a new episode');
    await enterDate(page, 'Date of first contact', '1', '4', '2026');
    await typeInto(page, 'Time of first contact', '08:30');
    await typeInto(page, 'Responsible team', 'Northbrook Open Dialogue Team');
    await submit(page);
    await until(() => page.firstContact()?.dateTime === '2026-04-01T08:30:00+01:00', 'the episode is shown');

    await press(page, 'Hand over responsibility');
    await enterDate(page, 'Date responsibility passes', '5', '4', '2026');
    await typeInto(page, 'Time responsibility passes', '12:00');
    await typeInto(page, 'Team taking over', 'Millbrook Home Treatment Team');
    await typeInto(page, 'Why is responsibility handed over?', 'Moved to Millbrook');
    await submit(page);
    expect(page.formOrNull() === null, 'the form has closed').to.equal(true);

    await press(page, 'Finish this episode');
    await enterDate(page, 'Date the episode ended', '9', '4', '2026');
    await typeInto(page, 'Time the episode ended', '17:00');
    await submit(page);
    expect(page.formOrNull() === null, 'the form has closed').to.equal(true);
    await expect(el).to.be.accessible();

    const [episode] = (await FhirStore.open(options)).snapshot!.record.episodes;
    expect(episode).to.deep.equal({
      id: episode!.id,
      firstContact: '2026-04-01T08:30:00+01:00',
      status: 'finished',
      end: '2026-04-09T17:00:00+01:00',
      responsibleTeam: 'Northbrook Open Dialogue Team',
      handovers: [
        { at: '2026-04-05T12:00:00+01:00', to: 'Millbrook Home Treatment Team', reason: 'Moved to Millbrook' },
      ],
    });
  });
});
