// A checklist being rated never loses what the person typed or chose when another writer saves a change to the same
// assessment: two "tabs" (two IndexedDbStores on one database, told of each other's writes by BroadcastChannel) and
// two FhirStore clients against the repo's FHIR engine (a save refused with 412). Items only they changed are taken;
// items only this person changed stay theirs; where both changed an item, theirs is shown beside mine, the person
// chooses (by keyboard here), and the save goes on top of their version.
import { expect, fixture, html } from '@open-wc/testing';
import {
  IndexedDbStore,
  keyElements,
  type ApplyOptions,
  type Assessment,
  type CaseRecord,
  type CaseStore,
  type Change,
  type StoreListener,
} from '@odkit/core';
import { demoCase as sharedDemo } from '@odkit/core/demo';
import '@odkit/elements/define.js';
import '@odkit/principles-checklist/define.js';
import { FhirStore } from '@odkit/fhir';
import type { OdPrinciplesChecklist } from '@odkit/principles-checklist';
import { sendKeys } from '@web/test-runner-commands';
import { byRoleIn, partOf, text, until } from '../../../test/support/dom.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { deepActiveElement, expectFocused, tabUntil } from '../../../test/support/keyboard.js';
import { forgetDrafts, ownCase } from '../../../test/support/own-case.js';
import { PrinciplesChecklistPage } from '../../../test/support/principles-checklist-page.js';
import { demoFor, FHIR_URL, http, testAuthor, uniqueId } from '../../fhir/test/support.js';
import * as stories from '../../../stories/principles-checklist.stories.js';
import { inProvider, type ProviderContext } from '../../../stories/support/provider-decorator.js';
import { click, labelOf, radio } from './support.js';

const demoCase = ownCase(sharedDemo);
const page = (el: Element) => new PrinciplesChecklistPage(el);
const as06 = (record: CaseRecord) => record.assessments.find((a) => a.id === 'as-06')!;
const ratingIn = (a: Assessment, itemId: string) => a.ratings.find((r) => r.itemId === itemId);
const CHANGED = 'Someone else saved a change while you were editing';
const CHOOSE = 'Someone else changed this field: keep yours or use theirs';

/** What the other writer saves: a rating and a comment this person also changes, and a comment they do not. */
const theirChanges: Change[] = [
  { type: 'assessment/rate', assessmentId: 'as-06', itemId: 'two-practitioners', value: 1 },
  { type: 'assessment/rate', assessmentId: 'as-06', itemId: 'responding', comment: 'Their comment' },
  { type: 'assessment/rate', assessmentId: 'as-06', itemId: 'open-questions', comment: 'They noted this' },
];

/** A store whose writes wait while `held` (a slow connection), so that a rating can be "on its way". */
class SlowStore implements CaseStore {
  readonly #inner: CaseStore;
  #gate: Promise<void> | undefined;
  #open: (() => void) | undefined;
  constructor(inner: CaseStore) {
    this.#inner = inner;
  }
  get caseId() {
    return this.#inner.caseId;
  }
  get snapshot() {
    return this.#inner.snapshot;
  }
  hold(): void {
    this.#gate = new Promise((resolve) => (this.#open = resolve));
  }
  release(): void {
    this.#open?.();
    this.#gate = undefined;
  }
  load() {
    return this.#inner.load();
  }
  async apply(change: Change, options?: ApplyOptions) {
    await this.#gate;
    return this.#inner.apply(change, options);
  }
  subscribe(listener: StoreListener) {
    return this.#inner.subscribe(listener);
  }
}

async function checklistOver(store: CaseStore, locale = 'en-GB'): Promise<OdPrinciplesChecklist> {
  const provider = await fixture(html`<od-provider .store=${store}>
    <od-principles-checklist
      meeting-id="mt-14"
      instrument-id="od-key-elements"
      assessment-id="as-06"
      locale=${locale}
    ></od-principles-checklist>
  </od-provider>`);
  const el = provider.querySelector('od-principles-checklist')!;
  await until(() => partOf(el, 'header') && page(el).items.length, 'the checklist');
  return el;
}

/** Types into an item's comment by keyboard, leaving focus there (within the pause before it is saved). */
async function typeComment(el: OdPrinciplesChecklist, itemId: string, words: string): Promise<HTMLTextAreaElement> {
  const comment = page(el).comment(itemId);
  comment.focus();
  await sendKeys({ type: words });
  return comment;
}

/** Tabs forward from what has focus to the button named `name` in `box`, and presses Enter on it. */
async function choose(box: HTMLElement, name: 'Use theirs' | 'Keep mine'): Promise<void> {
  const button = byRoleIn(box, 'button', name);
  await tabUntil((el) => el === button, { what: `"${name}"` });
  await sendKeys({ press: 'Enter' });
}

describe('<od-principles-checklist> assessment edited underneath', function () {
  this.timeout(60_000);
  guardConsole();
  beforeEach(() => forgetDrafts(demoCase.id));
  const opened: IndexedDbStore[] = [];
  afterEach(() => opened.splice(0).forEach((s) => s.close()));

  async function twoTabs(locale = 'en-GB') {
    const where = { caseId: demoCase.id, databaseName: uniqueId('checklist-underneath') };
    const mine = await IndexedDbStore.open({ ...where, initial: demoCase });
    const theirs = await IndexedDbStore.open(where);
    opened.push(mine, theirs);
    const slow = new SlowStore(mine);
    return { mine, theirs, slow, el: await checklistOver(slow, locale) };
  }

  it('another tab: keeps the rating on its way and the comment being typed, takes theirs elsewhere, asks; axe', async () => {
    const { mine, theirs, slow, el } = await twoTabs();
    slow.hold();
    await click(labelOf(el, radio(el, 'two-practitioners', 'Not seen'))); // it was 'Clearly seen'
    const comment = await typeComment(el, 'responding', 'My comment');
    for (const change of theirChanges) await theirs.apply(change);
    await until(() => page(el).comment('open-questions').value === 'They noted this', 'their comment arrives here');
    slow.release();

    await until(() => page(el).theirs().length === 2, 'their rating and comment beside mine');
    expect(page(el).comment('responding')).to.equal(comment);
    expect(comment.value).to.equal('My comment');
    expect(radio(el, 'two-practitioners', 'Not seen').checked).to.equal(true);
    expect(text(page(el).theirs('two-practitioners')[0])).to.contain('They saved: Partly seen (1)');
    expect(text(page(el).theirs('responding')[0])).to.contain('They saved: Their comment');
    expect(text(page(el).changedUnderneath)).to.contain(CHANGED);
    expect(page(el).changedAnnouncement).to.equal(`${CHANGED}. 2 fields need your choice.`);
    // Nothing of theirs was written over while the person has not chosen.
    expect(ratingIn(as06(mine.snapshot!.record), 'two-practitioners')?.value).to.equal(1);
    expect(ratingIn(as06(mine.snapshot!.record), 'responding')?.comment).to.equal('Their comment');
    await expect(el).to.be.accessible();

    // Completing is refused until the person has chosen, and the summary says where.
    page(el).actionButton.click();
    await until(() => page(el).errorSummary, 'the error summary');
    expect(page(el).errorSummaryEntries.filter((e) => e === CHOOSE)).to.have.length(2);
    await expect(el).to.be.accessible();

    // By keyboard: keep my comment, use their rating.
    comment.focus();
    await choose(page(el).theirs('responding')[0]!, 'Keep mine');
    await until(() => page(el).theirs().length === 1, 'the comment decided');
    expectFocused(el, page(el).comment('responding'));
    radio(el, 'two-practitioners', 'Not seen').focus(); // Tab leaves the radios for the choice beside them
    const use = byRoleIn(page(el).theirs('two-practitioners')[0]!, 'button', 'Use theirs');
    await tabUntil((e) => e === use, { what: '"Use theirs"' });
    await sendKeys({ press: 'Space' });
    await until(() => page(el).theirs().length === 0, 'the rating decided');
    expect(radio(el, 'two-practitioners', 'Partly seen').checked).to.equal(true);
    expect(deepActiveElement()).to.equal(radio(el, 'two-practitioners', 'Partly seen'));

    await until(() => ratingIn(as06(mine.snapshot!.record), 'responding')?.comment === 'My comment', 'mine saved');
    const saved = as06(mine.snapshot!.record);
    expect(ratingIn(saved, 'two-practitioners')?.value).to.equal(1);
    expect(ratingIn(saved, 'open-questions')).to.deep.equal({
      itemId: 'open-questions',
      value: 2,
      comment: 'They noted this',
    });
    expect(page(el).changedUnderneath).to.equal(null);
  });

  it('the box’s link to a field waiting for a choice takes focus to that choice, by keyboard', async () => {
    const { mine, theirs, slow, el } = await twoTabs();
    slow.hold();
    await click(labelOf(el, radio(el, 'two-practitioners', 'Not seen')));
    await theirs.apply(theirChanges[0]!);
    await until(() => ratingIn(as06(mine.snapshot!.record), 'two-practitioners')?.value === 1, 'theirs arrives here');
    slow.release();
    await until(() => page(el).theirs('two-practitioners').length === 1, 'their rating beside mine');
    const link = byRoleIn(page(el).changedUnderneath!, 'link');
    expect(text(link)).to.contain('Two or more practitioners');
    link.focus();
    await sendKeys({ press: 'Enter' });
    expectFocused(el, byRoleIn(page(el).theirs('two-practitioners')[0]!, 'button', 'Use theirs'));
  });

  it('my own saves while I keep typing never ask me to choose', async () => {
    const { mine, el } = await twoTabs();
    const comment = await typeComment(el, 'responding', 'First part');
    await until(() => ratingIn(as06(mine.snapshot!.record), 'responding')?.comment === 'First part', 'saved');
    await sendKeys({ type: ', second part' });
    await until(() => ratingIn(as06(mine.snapshot!.record), 'responding')?.comment === 'First part, second part');
    expect(comment.value).to.equal('First part, second part');
    expect(page(el).theirs()).to.have.length(0);
    expect(page(el).changedUnderneath).to.equal(null);
  });

  it('the rater’s details too: their name beside mine, their evidence taken, my name kept by keyboard', async () => {
    const { mine, theirs, el } = await twoTabs();
    const name = page(el).raterName;
    name.focus();
    name.select();
    await sendKeys({ type: 'Chloe Grant-Ellis' }); // not saved until the field is left
    const before = as06(theirs.snapshot!.record);
    await theirs.apply({
      type: 'assessment/update',
      assessment: { ...before, rater: { ...before.rater, name: 'C. Grant' }, evidence: 'video' },
    });

    await until(() => page(el).theirs().length === 1, 'their name beside mine');
    expect(name.value).to.equal('Chloe Grant-Ellis');
    expect(text(page(el).theirs()[0])).to.contain('They saved: C. Grant');
    expect(page(el).choice('What the rating is based on', 'Video recording').checked).to.equal(true);
    expect(text(page(el).changedUnderneath)).to.contain('Rater’s name');
    await expect(el).to.be.accessible();

    await choose(page(el).theirs()[0]!, 'Keep mine');
    await until(() => as06(mine.snapshot!.record).rater.name === 'Chloe Grant-Ellis', 'my name saved');
    expect(as06(mine.snapshot!.record).evidence).to.equal('video');
    expectFocused(el, name);
  });

  const completedSaid = {
    'en-GB': {
      title: CHANGED,
      said:
        'They completed this assessment, so it is read-only. What you had not saved yet is kept on this device and ' +
        'shown here: reopen the assessment to save it.',
    },
    cy: {
      title: 'Cadwodd rhywun arall newid tra oeddech chi’n golygu',
      said:
        'Maen nhw wedi cwblhau’r asesiad hwn, felly dim ond ei ddarllen y gallwch chi. Mae’r hyn nad oeddech chi ' +
        'wedi’i gadw eto wedi’i gadw ar y ddyfais hon ac i’w weld yma: ailagorwch yr asesiad i’w gadw.',
    },
  };
  for (const [locale, { title, said }] of Object.entries(completedSaid)) {
    it(`another tab completes it while a comment is unsaved: kept, shown, saved once reopened (${locale})`, async () => {
      const { mine, theirs, slow, el } = await twoTabs(locale);
      slow.hold();
      await typeComment(el, 'responding', 'My comment');
      // They rate what is left, and complete it.
      const unrated = keyElements.items.filter(
        (i) => ratingIn(as06(theirs.snapshot!.record), i.id)?.value === undefined,
      );
      for (const { id } of unrated)
        await theirs.apply({ type: 'assessment/rate', assessmentId: 'as-06', itemId: id, value: 1 });
      await theirs.apply({ type: 'assessment/complete', assessmentId: 'as-06', at: new Date().toISOString() });
      await until(() => as06(el.shownRecord!).status === 'complete', 'their completion arrives here');
      slow.release();

      await until(() => page(el).changedUnderneath, 'the checklist says they completed it');
      expect(text(page(el).changedUnderneath)).to.equal(`${title} ${said}`);
      expect(page(el).changedAnnouncement).to.equal(said);
      expect(page(el).items.filter((i) => text(i).includes('My comment'))).to.have.length(1);
      expect(ratingIn(as06(mine.snapshot!.record), 'responding')?.comment).to.equal(undefined);
      await expect(el).to.be.accessible();

      page(el).actionButton.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => ratingIn(as06(mine.snapshot!.record), 'responding')?.comment === 'My comment', 'mine saved');
      expect(as06(mine.snapshot!.record).status).to.equal('draft');
      await until(() => !page(el).changedUnderneath, 'nothing more to say');
      expect(page(el).comment('responding').value).to.equal('My comment');
    });
  }

  it('two FhirStore clients: a save refused with 412 keeps what was typed and chosen, and shows theirs beside it', async () => {
    const record = demoFor(uniqueId('pt'));
    forgetDrafts(record.id);
    const options = { baseUrl: FHIR_URL, patientId: record.person.id, http, author: testAuthor };
    const mine = await FhirStore.open({ ...options, initial: record });
    const theirs = await FhirStore.open(options);
    const el = await checklistOver(mine);
    // Their client saves first; mine learns of it only when the server refuses my save (412).
    for (const change of theirChanges) await theirs.apply(change);
    const comment = await typeComment(el, 'responding', 'My comment');
    await click(labelOf(el, radio(el, 'two-practitioners', 'Not seen')));

    await until(() => page(el).theirs().length === 2, 'their rating and comment beside mine');
    expect(comment.value).to.equal('My comment');
    expect(radio(el, 'two-practitioners', 'Not seen').checked).to.equal(true);
    expect(page(el).comment('open-questions').value).to.equal('They noted this');
    expect(partOf(el, 'error')).to.equal(null); // not "could not be saved, try again"
    await expect(el).to.be.accessible();

    comment.focus();
    await choose(page(el).theirs('responding')[0]!, 'Use theirs');
    await until(() => page(el).theirs().length === 1, 'the comment decided');
    expect(comment.value).to.equal('Their comment');
    radio(el, 'two-practitioners', 'Not seen').focus();
    await choose(page(el).theirs('two-practitioners')[0]!, 'Keep mine');
    await until(() => page(el).theirs().length === 0, 'the rating decided');

    await until(() => ratingIn(as06(mine.snapshot!.record), 'two-practitioners')?.value === 0, 'mine saved');
    const fresh = as06((await FhirStore.open(options)).snapshot!.record);
    expect(ratingIn(fresh, 'two-practitioners')?.value).to.equal(0);
    expect(ratingIn(fresh, 'responding')).to.deep.equal({ itemId: 'responding', value: 2, comment: 'Their comment' });
    expect(ratingIn(fresh, 'open-questions')?.comment).to.equal('They noted this');
  });

  it('says so in Welsh', async () => {
    const { theirs, slow, el } = await twoTabs('cy');
    slow.hold(); // my comment's save is slow: theirs gets there first
    await typeComment(el, 'responding', 'Fy sylw');
    await theirs.apply(theirChanges[1]!);
    await until(() => as06(el.shownRecord!).ratings.some((r) => r.comment === 'Their comment'), 'theirs arrives');
    slow.release();
    await until(() => page(el).theirs().length === 1, 'their comment beside mine');
    expect(text(page(el).changedUnderneath)).to.contain('Cadwodd rhywun arall newid tra oeddech chi’n golygu');
    expect(text(page(el).theirs('responding')[0])).to.contain('Cadwon nhw: Their comment');
    byRoleIn(page(el).theirs('responding')[0]!, 'button', 'Cadw fy fersiwn i');
    expect(text(page(el).changedUnderneath)).to.contain('Sylw: ');
    expect(page(el).changedAnnouncement).to.contain('1 maes');
    await expect(el).to.be.accessible();
  });

  it('the story: their comment beside mine, their other comment taken; axe', async () => {
    const meta = stories.default as unknown as { args: object; render: (args: object) => unknown };
    const story = stories.SomeoneElseSaved as unknown as {
      args: object;
      parameters: ProviderContext['parameters'];
      loaders: (() => Promise<unknown>)[];
      play: (context: { canvasElement: HTMLElement }) => Promise<void>;
    };
    for (const load of story.loaders) await load();
    const args = { ...meta.args, ...story.args };
    const context = { id: uniqueId('story'), globals: {}, parameters: story.parameters };
    const root = await fixture<HTMLElement>(inProvider(() => meta.render(args), context));
    const el = root.querySelector('od-principles-checklist')!;
    await until(() => page(el).items.length, 'the checklist');
    await story.play({ canvasElement: root });
    await until(() => page(el).theirs('responding').length === 1, 'their comment beside mine');
    expect(page(el).comment('responding').value).to.equal('Everyone was answered in their own words.');
    expect(page(el).comment('open-questions').value).to.equal('Questions left room for the family.');
    expect(text(page(el).changedUnderneath)).to.contain(CHANGED);
    await expect(el).to.be.accessible();
  });
});
