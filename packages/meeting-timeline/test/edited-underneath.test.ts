// An open meeting form never loses what the person typed when the meeting changes underneath it (another tab saves
// it): fields the person had not touched take the other writer's values, and where both changed a field, theirs is
// listed with the field's name above the form and nothing is saved until the person chooses.
import { expect, fixture, html } from '@open-wc/testing';
import { IndexedDbStore, type CaseRecord, type Meeting } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import type { OdProvider } from '@odkit/elements';
import '@odkit/elements/define.js';
import type { OdMeetingTimeline } from '@odkit/meeting-timeline';
import '@odkit/meeting-timeline/define.js';
import { sendKeys } from '@web/test-runner-commands';
import { allByPart, byRoleIn, text } from '../../../test/support/dom.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { timelinePage, type TimelinePage } from '../../../test/support/timeline-page.js';
import { DEMO_NOW, until } from './support.js';

const meetingIn = (record: CaseRecord) => record.meetings.find((m) => m.id === 'mt-14')!;

async function twoTabs() {
  const where = { caseId: demoCase.id, databaseName: `underneath-${Math.random().toString(36).slice(2)}` };
  const mine = await IndexedDbStore.open({ ...where, initial: demoCase });
  const theirs = await IndexedDbStore.open(where);
  const provider = await fixture<OdProvider>(
    html`<od-provider .store=${mine}><od-meeting-timeline editable as-of=${DEMO_NOW}></od-meeting-timeline></od-provider>`,
  );
  const el = provider.querySelector<OdMeetingTimeline>('od-meeting-timeline')!;
  await until(() => el.shownRecord, 'the record is shown');
  const page = timelinePage(el);
  await page.open('mt-14');
  page.detailsButton('Edit meeting').click();
  await el.updateComplete;
  return { mine, theirs, el, page };
}

/** Types into the notes by keyboard, leaving focus there (so the form has not yet heard a change event). */
async function typeNotes(page: TimelinePage, words: string): Promise<HTMLTextAreaElement> {
  const notes = page.field<HTMLTextAreaElement>('Notes (optional)');
  notes.focus();
  notes.select();
  await sendKeys({ type: words });
  return notes;
}

const theirChange = (meeting: Meeting): Meeting => ({ ...meeting, notes: 'Their notes', place: 'Northbrook Library' });

describe('<od-meeting-timeline> meeting form, edited underneath', function () {
  this.timeout(40_000);
  guardConsole();

  it('keeps the notes being typed, takes their place, and asks which notes to keep; passes axe', async () => {
    const { mine, theirs, el, page } = await twoTabs();
    const notes = await typeNotes(page, 'My notes');
    await theirs.apply({ type: 'meeting/update', meeting: theirChange(meetingIn(theirs.snapshot!.record)) });

    await until(() => allByPart(el, 'theirs').length === 1, 'their notes are listed above the form');
    const listed = allByPart(el, 'theirs')[0]!;
    expect(text(listed)).to.contain('Notes').and.contain('They saved: Their notes');
    expect(page.field<HTMLTextAreaElement>('Notes (optional)')).to.equal(notes);
    expect(notes.value).to.equal('My notes');
    expect(page.field('Place (optional)').value).to.equal('Northbrook Library');
    expect(page.announcement()).to.equal(
      'Someone else saved a change while you were editing. 1 field needs your choice.',
    );
    await expect(el).to.be.accessible();

    page.submitButton().click();
    await until(() => page.errorSummary(), 'the error summary');
    expect(text(page.errorSummary()!)).to.contain('Someone else changed this field: keep yours or use theirs');
    expect(meetingIn(mine.snapshot!.record).notes).to.equal('Their notes');

    // As a person presses it: focus moves to the button (and the notes hear their change) before the click.
    const keep = byRoleIn(listed, 'button', 'Keep mine');
    keep.focus();
    keep.click();
    await el.updateComplete;
    expect(allByPart(el, 'theirs')).to.have.length(0);
    page.submitButton().click();
    await until(() => meetingIn(mine.snapshot!.record).notes === 'My notes', 'my notes are saved');
    expect(meetingIn(mine.snapshot!.record).place).to.equal('Northbrook Library');
    mine.close();
    theirs.close();
  });

  it('a date both changed: theirs is listed, and "Use theirs" puts it back in the day, month and year', async () => {
    const { mine, theirs, el, page } = await twoTabs();
    const day = page.dateInput('Date').day;
    day.focus();
    day.select();
    await sendKeys({ type: '9' });
    day.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    const moved = { start: '2026-04-07T14:00:00+01:00', end: '2026-04-07T15:00:00+01:00' };
    await theirs.apply({ type: 'meeting/update', meeting: { ...meetingIn(theirs.snapshot!.record), ...moved } });
    await until(() => allByPart(el, 'theirs').length === 1, 'their date is listed above the form');
    expect(text(allByPart(el, 'theirs')[0]!)).to.contain('Date');
    const use = byRoleIn(allByPart(el, 'theirs')[0]!, 'button', 'Use theirs');
    use.focus();
    use.click();
    await el.updateComplete;
    const date = page.dateInput('Date');
    expect([date.day.value, date.month.value, date.year.value]).to.deep.equal(['7', '4', '2026']);
    page.submitButton().click();
    await until(() => !page.formOrNull(), 'the form closes once saved');
    expect(meetingIn(mine.snapshot!.record)).to.include(moved);
    mine.close();
    theirs.close();
  });

  it('"Use theirs" puts their notes in the form, and saving keeps them', async () => {
    const { mine, theirs, el, page } = await twoTabs();
    const notes = await typeNotes(page, 'My notes');
    await theirs.apply({ type: 'meeting/update', meeting: theirChange(meetingIn(theirs.snapshot!.record)) });
    await until(() => allByPart(el, 'theirs').length === 1, 'their notes are listed above the form');
    const use = byRoleIn(allByPart(el, 'theirs')[0]!, 'button', 'Use theirs');
    use.focus();
    use.click();
    await el.updateComplete;
    expect(notes.value).to.equal('Their notes');
    page.submitButton().click();
    await until(() => !page.formOrNull(), 'the form closes once saved');
    expect(meetingIn(mine.snapshot!.record)).to.include({ notes: 'Their notes', place: 'Northbrook Library' });
    mine.close();
    theirs.close();
  });
});
