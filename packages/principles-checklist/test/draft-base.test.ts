// A draft kept on this device records what it was based on, so that after a reload it is merged three ways with what
// is stored then, exactly as a change saved elsewhere while the person rated is: what only I changed is restored and
// saved, what only they changed since is taken, and where both changed a field theirs is shown beside mine and nothing
// is saved until I choose. A "reload": the page's `pagehide`, the checklist removed, a fresh store opened on what
// lasts (an IndexedDbStore's database; the repo's FHIR engine), and a fresh checklist mounted. Meanwhile another
// writer (a second tab, a second FhirStore client) saves a different comment to the same item.
import { expect, fixture, html } from '@open-wc/testing';
import {
  IndexedDbStore,
  MemoryStore,
  StorageError,
  readDrafts,
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
import type { OdErrorEvent } from '@odkit/elements';
import type { OdPrinciplesChecklist } from '@odkit/principles-checklist';
import { sendKeys } from '@web/test-runner-commands';
import { byRoleIn, partOf, text, until } from '../../../test/support/dom.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { expectFocused, tabUntil } from '../../../test/support/keyboard.js';
import { forgetDrafts, ownCase } from '../../../test/support/own-case.js';
import { PrinciplesChecklistPage } from '../../../test/support/principles-checklist-page.js';
import { demoFor, FHIR_URL, http, testAuthor, uniqueId } from '../../fhir/test/support.js';
import * as stories from '../../../stories/principles-checklist.stories.js';
import { inProvider, type ProviderContext } from '../../../stories/support/provider-decorator.js';
import { click, labelOf, radio } from './support.js';

const demoCase = ownCase(sharedDemo);
const page = (el: Element) => new PrinciplesChecklistPage(el);
const as06 = (store: CaseStore) => store.snapshot!.record.assessments.find((a) => a.id === 'as-06')!;
const ratingIn = (a: Assessment, itemId: string) => a.ratings.find((r) => r.itemId === itemId);
const CHANGED = 'Someone else saved a change while you were editing';
const ONLY_HERE =
  'Your draft is only on this device: it could not be saved to the record yet. It is saved with your next change.';
const UNREADABLE = 'A draft kept on this device could not be read, so it was removed.';
const draftKey = (caseId: string) => `odkit-draft/${caseId}/od-key-elements/as-06`;

/** A store that cannot be reached while `offline` (its saves refused), as a connection lost before a reload. */
class Reachable implements CaseStore {
  readonly #inner: CaseStore;
  offline = false;
  /** Every change asked of it, in order. */
  readonly asked: Change[] = [];
  constructor(inner: CaseStore) {
    this.#inner = inner;
  }
  get caseId() {
    return this.#inner.caseId;
  }
  get snapshot() {
    return this.#inner.snapshot;
  }
  get persistent() {
    return this.#inner.persistent;
  }
  load() {
    return this.#inner.load();
  }
  apply(change: Change, options?: ApplyOptions) {
    this.asked.push(change);
    return this.offline
      ? Promise.reject(new StorageError('The server could not be reached.'))
      : this.#inner.apply(change, options);
  }
  subscribe(listener: StoreListener) {
    return this.#inner.subscribe(listener);
  }
}

async function checklistOver(store: CaseStore): Promise<OdPrinciplesChecklist> {
  const provider = await fixture(html`<od-provider .store=${store}>
    <od-principles-checklist
      meeting-id="mt-14"
      instrument-id="od-key-elements"
      assessment-id="as-06"
      locale="en-GB"
    ></od-principles-checklist>
  </od-provider>`);
  const el = provider.querySelector('od-principles-checklist')!;
  await until(() => partOf(el, 'header') && page(el).items.length, 'the checklist');
  return el;
}

/** The page is left: `pagehide`, then the widget goes (as the page does). */
function leave(el: OdPrinciplesChecklist): void {
  window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
  el.closest('od-provider')!.remove();
}

/** Types a comment by keyboard and leaves the field (which saves it at once). */
async function typeComment(el: OdPrinciplesChecklist, itemId: string, words: string): Promise<void> {
  page(el).comment(itemId).focus();
  await sendKeys({ type: words });
  await sendKeys({ press: 'Tab' });
}

/** Tabs forward from what has focus to the button named `name` in `box`, and presses Enter on it. */
async function choose(box: HTMLElement, name: 'Use theirs' | 'Keep mine'): Promise<void> {
  const button = byRoleIn(box, 'button', name);
  await tabUntil((el) => el === button, { what: `"${name}"` });
  await sendKeys({ press: 'Enter' });
}

/** Whether a change saves `comment` as `itemId`'s comment. */
const savesComment = (change: Change, itemId: string) =>
  change.type === 'assessment/rate' && change.itemId === itemId && change.comment !== undefined;

describe('<od-principles-checklist> a draft restored after a reload is merged with what was saved meanwhile', function () {
  this.timeout(60_000);
  guardConsole();
  beforeEach(() => forgetDrafts(demoCase.id));
  const opened: IndexedDbStore[] = [];
  afterEach(() => opened.splice(0).forEach((s) => s.close()));

  it('two tabs: my comment beside theirs after the reload, my rating restored and saved, keep mine by keyboard; axe', async () => {
    const where = { caseId: demoCase.id, databaseName: uniqueId('checklist-draft-base') };
    const before = await IndexedDbStore.open({ ...where, initial: demoCase });
    opened.push(before);
    const connection = new Reachable(before);
    const el = await checklistOver(connection);
    connection.offline = true; // what I do now stays on this device
    await typeComment(el, 'responding', 'My comment');
    await click(labelOf(el, radio(el, 'two-practitioners', 'Not seen'))); // it was 'Clearly seen'
    await until(() => page(el).draftStatus === ONLY_HERE, 'the draft only on this device');
    leave(el);
    before.close();

    // Meanwhile, in another tab: a different comment on the same item, and a comment on another.
    const theirs = await IndexedDbStore.open(where);
    opened.push(theirs);
    await theirs.apply({ type: 'assessment/rate', assessmentId: 'as-06', itemId: 'responding', comment: 'Theirs' });
    await theirs.apply({ type: 'assessment/rate', assessmentId: 'as-06', itemId: 'open-questions', comment: 'Noted' });

    const reopened = await IndexedDbStore.open(where);
    opened.push(reopened);
    const mine = new Reachable(reopened);
    const fresh = await checklistOver(mine);
    await until(() => page(fresh).theirs('responding').length === 1, 'their comment beside mine');
    expect(page(fresh).comment('responding').value).to.equal('My comment');
    expect(text(page(fresh).theirs('responding')[0])).to.contain('They saved: Theirs');
    expect(page(fresh).theirs()).to.have.length(1);
    expect(text(page(fresh).changedUnderneath)).to.contain(CHANGED);
    expect(page(fresh).comment('open-questions').value).to.equal('Noted');
    expect(radio(fresh, 'two-practitioners', 'Not seen').checked).to.equal(true);
    // Only I changed the rating: it is saved. Both changed the comment: theirs stays until I choose.
    await until(() => ratingIn(as06(mine), 'two-practitioners')?.value === 0, 'my rating saved');
    expect(ratingIn(as06(mine), 'responding')?.comment).to.equal('Theirs');
    expect(mine.asked.some((c) => savesComment(c, 'responding'))).to.equal(false);
    await expect(fresh).to.be.accessible();

    page(fresh).comment('responding').focus();
    await choose(page(fresh).theirs('responding')[0]!, 'Keep mine');
    await until(() => ratingIn(as06(mine), 'responding')?.comment === 'My comment', 'mine saved on top of theirs');
    expectFocused(fresh, page(fresh).comment('responding'));
    expect(ratingIn(as06(mine), 'open-questions')?.comment).to.equal('Noted');
    await until(() => readDrafts(demoCase.id).drafts.length === 0, 'the draft gone once saved');
    expect(page(fresh).changedUnderneath).to.equal(null);
  });

  it('a reload while a choice is waiting asks again, and saves nothing over theirs', async () => {
    const where = { caseId: demoCase.id, databaseName: uniqueId('checklist-draft-base') };
    const before = await IndexedDbStore.open({ ...where, initial: demoCase });
    const theirs = await IndexedDbStore.open(where);
    opened.push(before, theirs);
    const connection = new Reachable(before);
    const el = await checklistOver(connection);
    connection.offline = true;
    await typeComment(el, 'responding', 'My comment');
    await until(() => page(el).draftStatus === ONLY_HERE, 'the draft only on this device');
    await theirs.apply({ type: 'assessment/rate', assessmentId: 'as-06', itemId: 'responding', comment: 'Theirs' });
    await until(() => page(el).theirs('responding').length === 1, 'the choice waiting');
    leave(el);
    before.close();

    const reopened = await IndexedDbStore.open(where);
    opened.push(reopened);
    const mine = new Reachable(reopened);
    const fresh = await checklistOver(mine);
    await until(() => page(fresh).theirs('responding').length === 1, 'the choice waiting again');
    expect(page(fresh).comment('responding').value).to.equal('My comment');
    expect(text(page(fresh).theirs('responding')[0])).to.contain('They saved: Theirs');
    expect(page(fresh).changedAnnouncement).to.equal(`${CHANGED}. 1 field needs your choice.`);
    await expect(fresh).to.be.accessible();
    // Completing is refused until I choose; nothing of mine went over theirs.
    page(fresh).actionButton.click();
    await until(() => page(fresh).errorSummary, 'the error summary');
    expect(mine.asked.some((c) => savesComment(c, 'responding'))).to.equal(false);
    expect(ratingIn(as06(mine), 'responding')?.comment).to.equal('Theirs');
    expect(readDrafts(demoCase.id).drafts).to.have.length(1);
  });

  it('two FhirStore clients: theirs saved meanwhile is shown beside my restored comment; use theirs by keyboard', async () => {
    const record = demoFor(uniqueId('pt'));
    forgetDrafts(record.id);
    const options = { baseUrl: FHIR_URL, patientId: record.person.id, http, author: testAuthor };
    const connection = new Reachable(await FhirStore.open({ ...options, initial: record }));
    const el = await checklistOver(connection);
    connection.offline = true;
    await typeComment(el, 'responding', 'My comment');
    await until(() => page(el).draftStatus === ONLY_HERE, 'the draft only on this device');
    leave(el);

    const theirs = await FhirStore.open(options);
    await theirs.apply({ type: 'assessment/rate', assessmentId: 'as-06', itemId: 'responding', comment: 'Theirs' });

    const mine = new Reachable(await FhirStore.open(options));
    const fresh = await checklistOver(mine);
    await until(() => page(fresh).theirs('responding').length === 1, 'their comment beside mine');
    expect(page(fresh).comment('responding').value).to.equal('My comment');
    expect(text(page(fresh).theirs('responding')[0])).to.contain('They saved: Theirs');
    expect(partOf(fresh, 'error')).to.equal(null);
    await expect(fresh).to.be.accessible();

    page(fresh).comment('responding').focus();
    await choose(page(fresh).theirs('responding')[0]!, 'Use theirs');
    await until(() => page(fresh).theirs().length === 0, 'decided');
    expect(page(fresh).comment('responding').value).to.equal('Theirs');
    await until(() => readDrafts(record.id).drafts.length === 0, 'nothing left to keep');
    expect(mine.asked.some((c) => savesComment(c, 'responding'))).to.equal(false);
    const server = as06(await FhirStore.open(options));
    expect(ratingIn(server, 'responding')).to.deep.equal({ itemId: 'responding', value: 2, comment: 'Theirs' });
  });

  it('a save refused with 412 that the checklist merges and saves again is not reported to the host as od-error', async () => {
    const record = demoFor(uniqueId('pt'));
    forgetDrafts(record.id);
    const options = { baseUrl: FHIR_URL, patientId: record.person.id, http, author: testAuthor };
    const mine = await FhirStore.open({ ...options, initial: record });
    const theirs = await FhirStore.open(options);
    const el = await checklistOver(mine);
    const errors: Error[] = [];
    el.addEventListener('od-error', (e) => errors.push((e as OdErrorEvent).error));
    await theirs.apply({ type: 'assessment/rate', assessmentId: 'as-06', itemId: 'open-questions', comment: 'Noted' });
    await click(labelOf(el, radio(el, 'two-practitioners', 'Not seen'))); // refused: theirs got there first
    await until(() => ratingIn(as06(mine), 'two-practitioners')?.value === 0, 'mine saved on top of theirs');
    expect(ratingIn(as06(mine), 'open-questions')?.comment).to.equal('Noted');
    expect(page(el).comment('open-questions').value).to.equal('Noted');
    expect(errors.map((e) => e.name)).to.deep.equal([]);
    expect(partOf(el, 'error')).to.equal(null);
  });

  /** A draft of as-06 as an older version kept it (no base), with `comment` on `responding`. */
  function oldDraft(record: CaseRecord, comment: string): string {
    const stored = record.assessments.find((a) => a.id === 'as-06')!;
    const assessment = {
      ...stored,
      ratings: stored.ratings.map((r) => (r.itemId === 'responding' ? { ...r, comment } : r)),
    };
    return JSON.stringify({
      v: 1,
      caseId: record.id,
      assessment,
      edited: ['responding', 'open-questions'],
      raterEdited: false,
      savedAt: '2026-12-04T10:00:00.000Z',
    });
  }

  it('a draft kept by the previous version (no base) asks where the stored value differs, and never overwrites', async () => {
    const inner = new MemoryStore(demoCase);
    await inner.apply({ type: 'assessment/rate', assessmentId: 'as-06', itemId: 'responding', comment: 'Theirs' });
    const store = new Reachable(inner);
    localStorage.setItem(draftKey(demoCase.id), oldDraft(demoCase, 'My older comment'));

    const el = await checklistOver(store);
    await until(() => page(el).theirs('responding').length === 1, 'their comment beside mine');
    expect(page(el).comment('responding').value).to.equal('My older comment');
    // The rating and the other item's fields are as stored: nothing to ask.
    expect(page(el).theirs()).to.have.length(1);
    expect(ratingIn(as06(store), 'responding')?.comment).to.equal('Theirs');
    await expect(el).to.be.accessible();

    page(el).comment('responding').focus();
    await choose(page(el).theirs('responding')[0]!, 'Keep mine');
    await until(() => ratingIn(as06(store), 'responding')?.comment === 'My older comment', 'mine saved once chosen');
    const chosenAt = store.asked.findIndex((c) => savesComment(c, 'responding'));
    expect(store.asked.slice(chosenAt + 1).filter((c) => savesComment(c, 'responding'))).to.have.length(0);
  });

  it('a draft kept by the previous version that matches what is stored restores without asking', async () => {
    const store = new MemoryStore(demoCase);
    const stored = demoCase.assessments.find((a) => a.id === 'as-06')!;
    localStorage.setItem(draftKey(demoCase.id), oldDraft(demoCase, ratingIn(stored, 'responding')?.comment ?? ''));
    const el = await checklistOver(store);
    await until(() => page(el).draftStatus.includes('restored'), 'the draft restored');
    expect(page(el).theirs()).to.have.length(0);
    expect(page(el).changedUnderneath).to.equal(null);
  });

  it('the story: my comment restored beside theirs; axe', async () => {
    const meta = stories.default as unknown as { args: object; render: (args: object) => unknown };
    const story = stories.DraftRestoredBesideTheirs as unknown as {
      args: object;
      parameters: ProviderContext['parameters'];
      loaders: (() => Promise<unknown>)[];
    };
    for (const load of story.loaders) await load();
    const context = { id: uniqueId('story'), globals: {}, parameters: story.parameters };
    const root = await fixture<HTMLElement>(inProvider(() => meta.render({ ...meta.args, ...story.args }), context));
    const el = root.querySelector('od-principles-checklist')!;
    await until(() => page(el).theirs('responding').length === 1, 'their comment beside mine');
    expect(page(el).comment('responding').value).to.equal('Everyone was answered in their own words.');
    expect(text(page(el).theirs('responding')[0])).to.contain('They saved: Each voice was answered before moving on.');
    await expect(el).to.be.accessible();
  });

  it('the rater’s details too, in Welsh: their name beside mine, their evidence taken, my role restored; axe', async () => {
    const stored = demoCase.assessments.find((a) => a.id === 'as-06')!;
    const inner = new MemoryStore(demoCase);
    await inner.apply({
      type: 'assessment/update',
      assessment: { ...stored, rater: { ...stored.rater, name: 'C. Grant' }, evidence: 'video' },
    });
    const store = new Reachable(inner);
    const mineWas = { ...stored, rater: { ...stored.rater, name: 'Chloe Grant-Ellis' }, raterRole: 'supervisor' };
    localStorage.setItem(
      draftKey(demoCase.id),
      JSON.stringify({
        v: 2,
        caseId: demoCase.id,
        assessment: mineWas,
        edited: [],
        raterEdited: true,
        base: { 'rater-name': 'Chloe Grant', 'rater-role': 'co-facilitator', evidence: 'live' },
        savedAt: '2026-12-04T10:00:00.000Z',
      }),
    );
    const provider = await fixture(html`<od-provider .store=${store}>
      <od-principles-checklist meeting-id="mt-14" instrument-id="od-key-elements" assessment-id="as-06" locale="cy">
      </od-principles-checklist>
    </od-provider>`);
    const el = provider.querySelector('od-principles-checklist')!;
    await until(() => page(el).theirs().length === 1, 'their name beside mine');
    expect(page(el).raterName.value).to.equal('Chloe Grant-Ellis');
    expect(text(page(el).theirs()[0])).to.contain('Cadwon nhw: C. Grant');
    expect(text(page(el).changedUnderneath)).to.contain('Cadwodd rhywun arall newid tra oeddech chi’n golygu');
    await expect(el).to.be.accessible();
    // Only I changed the role: restored and saved. Only they changed the evidence: taken, not saved over.
    await until(() => as06(store).raterRole === 'supervisor', 'my role saved');
    expect(as06(store).evidence).to.equal('video');
    expect(as06(store).rater.name).to.equal('C. Grant');
  });

  const tampered: [string, unknown][] = [
    ['a base value that is not text', { 'comment-responding': 42 }],
    ['a base for an item the draft did not change', { 'comment-own-words': '' }],
    ['a base rating off the instrument’s scale', { 'rating-responding': '9' }],
    ['a base that is a list', ['comment-responding']],
  ];
  for (const [what, base] of tampered) {
    it(`a draft with ${what} is unreadable: reported, removed, not restored`, async () => {
      const stored = demoCase.assessments.find((a) => a.id === 'as-06')!;
      const draft = JSON.parse(oldDraft(demoCase, 'Typed')) as Record<string, unknown>;
      localStorage.setItem(draftKey(demoCase.id), JSON.stringify({ ...draft, v: 2, base }));
      const errors: Error[] = [];
      const listen = (e: Event) => errors.push((e as OdErrorEvent).error);
      window.addEventListener('od-error', listen);
      try {
        const el = await checklistOver(new MemoryStore(demoCase));
        await until(() => errors.length > 0, 'the report');
        expect(errors[0]).to.be.instanceOf(StorageError);
        expect(errors[0]!.message).to.equal(
          'A draft of this case kept on this device could not be read and was removed.',
        );
        await el.updateComplete;
        expect(page(el).draftStatus).to.equal(UNREADABLE);
        expect(page(el).comment('responding').value).to.equal(ratingIn(stored, 'responding')?.comment ?? '');
        expect(localStorage.getItem(draftKey(demoCase.id))).to.equal(null);
      } finally {
        window.removeEventListener('od-error', listen);
      }
    });
  }
});
