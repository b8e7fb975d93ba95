/**
 * Nothing typed is lost when the page goes: the draft the checklist keeps on this device
 * (localStorage) is put back when the checklist is made again, as after a reload, wherever the
 * store could not take it yet. A "reload" here: the page's `pagehide`, the provider removed, a
 * fresh store opened on what lasts (a MemoryStore or a `record` property: the host's original
 * case; an IndexedDbStore: its database) and a fresh checklist mounted. The real reload is in
 * test/hosts/bare/drafts.spec.mjs.
 */
import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import {
  IndexedDbStore,
  MemoryStore,
  StorageError,
  readDrafts,
  type ApplyOptions,
  type CaseStore,
  type Change,
  type StoreListener,
} from '@odkit/core';
import { demoCase as sharedDemo } from '@odkit/core/demo';
import '@odkit/elements/define.js';
import '@odkit/principles-checklist/define.js';
import type { OdChangeEvent, OdErrorEvent } from '@odkit/elements';
import type { OdPrinciplesChecklist } from '@odkit/principles-checklist';
import { sendKeys } from '@web/test-runner-commands';
import { guardConsole } from '../../../test/support/console-guard.js';
import { partOf } from '../../../test/support/dom.js';
import { forgetDrafts, ownCase } from '../../../test/support/own-case.js';
import { PrinciplesChecklistPage } from '../../../test/support/principles-checklist-page.js';
import { click, labelOf, radio, until } from './support.js';

const demoCase = ownCase(sharedDemo);
const page = (el: Element) => new PrinciplesChecklistPage(el);
const drafts = () => readDrafts(demoCase.id).drafts;
const KEPT = 'Your draft is kept on this device until you complete the assessment.';
const NEEDS_NAME = 'Your draft is only on this device: enter the rater’s name to save it to the record.';
const FAILED =
  'Your draft is only on this device: it could not be saved to the record yet. It is saved with your next change.';
const RESTORED = 'What you entered before was restored from this device.';

/** A store that outlasts a reload (not a MemoryStore, as FhirStore), whose saves fail while `failing`. */
class FlakyServer implements CaseStore {
  readonly #inner: MemoryStore;
  failing = false;
  /** Every change asked of it, as it is asked. */
  readonly asked: Change[] = [];
  constructor(record: unknown) {
    this.#inner = new MemoryStore(record);
  }
  get caseId() {
    return this.#inner.caseId;
  }
  get snapshot() {
    return this.#inner.snapshot;
  }
  load() {
    return this.#inner.load();
  }
  apply(change: Change, options?: ApplyOptions) {
    this.asked.push(change);
    return this.failing
      ? Promise.reject(new StorageError('The server could not be reached.'))
      : this.#inner.apply(change, options);
  }
  subscribe(listener: StoreListener) {
    return this.#inner.subscribe(listener);
  }
}

async function mount(
  source: { store: unknown } | { record: unknown },
  attrs: { rater?: string; locale?: string } = {},
): Promise<OdPrinciplesChecklist> {
  const checklist = html`<od-principles-checklist
    meeting-id="mt-13"
    instrument-id="od-seven-principles"
    rater-name=${attrs.rater ?? ''}
    locale=${attrs.locale ?? 'en-GB'}
    .record=${'record' in source ? source.record : undefined}
  ></od-principles-checklist>`;
  const root = await fixture(
    'store' in source
      ? html`<od-provider .store=${source.store}>${checklist}</od-provider>`
      : html`<od-provider>${checklist}</od-provider>`,
  );
  const el = root.querySelector('od-principles-checklist')!;
  if (!attrs.rater) el.raterName = undefined;
  await until(() => partOf(el, 'header'), 'the checklist header');
  return el;
}

/** The page is left: `pagehide`, then the widget goes (as the page does). */
function leave(el: OdPrinciplesChecklist): void {
  window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
  el.closest('od-provider')!.remove();
}

const assessmentOf = (store: { snapshot: { record: typeof demoCase } | undefined }) =>
  store.snapshot!.record.assessments.find((a) => a.meetingId === 'mt-13');

describe('<od-principles-checklist> drafts kept on this device', () => {
  guardConsole();
  const opened: IndexedDbStore[] = [];
  beforeEach(() => forgetDrafts(demoCase.id));
  afterEach(() => opened.splice(0).forEach((s) => s.close()));

  it('with a MemoryStore, a rating and a comment typed just before the page goes are there after a reload', async () => {
    const el = await mount({ store: new MemoryStore(demoCase) }, { rater: 'Jo Whitfield' });
    await click(labelOf(el, radio(el, 'immediate-help', 'Fully')));
    page(el).comment('continuity').focus();
    await sendKeys({ type: 'Same two workers' });
    leave(el); // within the comment's pause: no save has been made of it

    const store = new MemoryStore(demoCase); // what the page starts with again
    const fresh = await mount({ store }, { rater: 'Jo Whitfield' });
    await until(() => page(fresh).comment('continuity').value === 'Same two workers', 'the comment restored');
    expect(radio(fresh, 'immediate-help', 'Fully').checked).to.equal(true);
    expect(page(fresh).draftStatus).to.equal(`${RESTORED} ${KEPT}`);
    // And saved to the store again, with the rater's name.
    await until(() => assessmentOf(store)?.ratings.find((r) => r.itemId === 'continuity')?.comment !== undefined);
    expect(assessmentOf(store)!.ratings).to.deep.equal([
      { itemId: 'immediate-help', value: 4 },
      { itemId: 'continuity', comment: 'Same two workers' },
    ]);
    expect(assessmentOf(store)!.rater.name).to.equal('Jo Whitfield');
    // A MemoryStore does not outlast a reload: the draft stays on this device.
    expect(drafts()).to.have.length(1);
  });

  it('with an IndexedDbStore, ratings made before the rater’s name exists survive a reload, and go once saved', async () => {
    const databaseName = `checklist-drafts-${Date.now()}-${Math.random()}`;
    const first = await IndexedDbStore.open({ caseId: demoCase.id, databaseName, initial: demoCase });
    opened.push(first);
    const el = await mount({ store: first });
    await click(labelOf(el, radio(el, 'immediate-help', 'Partly')));
    await click(labelOf(el, radio(el, 'continuity', 'Not applicable')));
    await el.updateComplete;
    expect(page(el).draftStatus).to.equal(NEEDS_NAME);
    expect(page(el).draftStatusLine.getAttribute('role')).to.equal('status');
    await expect(el).to.be.accessible();
    expect(assessmentOf(first)).to.equal(undefined); // the store could not take it: no rater's name
    leave(el);
    first.close();

    const store = await IndexedDbStore.open({ caseId: demoCase.id, databaseName });
    opened.push(store);
    const fresh = await mount({ store });
    await until(() => radio(fresh, 'immediate-help', 'Partly').checked, 'the ratings restored');
    expect(radio(fresh, 'continuity', 'Not applicable').checked).to.equal(true);
    expect(page(fresh).draftStatus).to.equal(`${RESTORED} ${NEEDS_NAME}`);

    const name = page(fresh).raterName;
    name.focus();
    await sendKeys({ type: 'Jo Whitfield' });
    await sendKeys({ press: 'Tab' }); // leaving the field saves
    await until(() => assessmentOf(store)?.ratings.length === 2, 'the assessment saved');
    expect(assessmentOf(store)!.rater.name).to.equal('Jo Whitfield');
    expect(assessmentOf(store)!.ratings).to.deep.equal([
      { itemId: 'immediate-help', value: 2 },
      { itemId: 'continuity', value: 'na' },
    ]);
    // The store has it: the draft has gone from this device, and the line says so no longer.
    await until(() => drafts().length === 0, 'the draft removed');
    await fresh.updateComplete;
    expect(page(fresh).draftStatus).not.to.contain('only on this device');
  });

  it('with a record property (no store), what was typed is restored and given to the host again', async () => {
    const el = await mount({ record: demoCase }, { rater: 'Jo Whitfield' });
    await click(labelOf(el, radio(el, 'social-network', 'Largely')));
    page(el).comment('social-network').focus();
    await sendKeys({ type: 'Gran came' });
    await el.updateComplete;
    expect(page(el).draftStatus).to.equal(KEPT);
    leave(el);

    const changes: Change[] = [];
    const listen = (e: Event) => changes.push((e as OdChangeEvent).change);
    window.addEventListener('od-change', listen);
    try {
      const fresh = await mount({ record: demoCase }, { rater: 'Jo Whitfield' });
      await until(() => page(fresh).comment('social-network').value === 'Gran came', 'the comment restored');
      expect(radio(fresh, 'social-network', 'Largely').checked).to.equal(true);
      await until(() => changes.some((c) => c.type === 'assessment/start'), 'the restored draft given to the host');
      const start = changes.find((c) => c.type === 'assessment/start')!;
      expect(start.type === 'assessment/start' && start.assessment.ratings).to.deep.equal([
        { itemId: 'social-network', value: 3, comment: 'Gran came' },
      ]);
    } finally {
      window.removeEventListener('od-change', listen);
    }
  });

  it('while a lasting store cannot take an edit, it is only on this device, and saved from there later', async () => {
    const down = new FlakyServer(demoCase);
    const errors: Error[] = [];
    const el = await mount({ store: down }, { rater: 'Jo Whitfield' });
    el.addEventListener('od-error', (e) => errors.push((e as OdErrorEvent).error));
    down.failing = true;
    await click(labelOf(el, radio(el, 'dialogism', 'Fully')));
    await until(() => errors.length > 0, 'the failed save');
    await until(() => page(el).draftStatus === FAILED, 'the line saying so');
    leave(el);

    const up = new FlakyServer(demoCase);
    const fresh = await mount({ store: up }, { rater: 'Jo Whitfield' });
    await until(() => assessmentOf(up)?.ratings.length === 1, 'saved from the draft');
    expect(assessmentOf(up)!.ratings).to.deep.equal([{ itemId: 'dialogism', value: 4 }]);
    await until(() => drafts().length === 0, 'the draft removed');
    await fresh.updateComplete;
    expect(page(fresh).draftStatus).to.equal(RESTORED);
  });

  for (const [what, hide] of [
    ['pagehide', () => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }))],
    [
      'visibilitychange to hidden',
      () => {
        Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
        try {
          document.dispatchEvent(new Event('visibilitychange'));
        } finally {
          delete (document as { visibilityState?: unknown }).visibilityState;
        }
      },
    ],
  ] as const) {
    it(`on ${what}, a comment in its pause is saved to the store at once`, async () => {
      const store = new FlakyServer(demoCase);
      const el = await mount({ store }, { rater: 'Jo Whitfield' });
      await click(labelOf(el, radio(el, 'flexibility', 'Partly')));
      await until(() => assessmentOf(store)?.ratings.length === 1, 'the rating saved');
      page(el).comment('flexibility').focus();
      await sendKeys({ type: 'At the kitchen table' });
      const before = store.asked.length;
      hide();
      // Only microtasks from here: the comment's 600 ms timer cannot fire, so a save seen now was made by the event.
      for (let turn = 0; turn < 100 && store.asked.length === before; turn++) await Promise.resolve();
      expect(store.asked.slice(before)).to.have.length(1);
      const change = store.asked[before]!;
      expect(change.type === 'assessment/rate' && change.comment).to.equal('At the kitchen table');
      await until(() => drafts().length === 0, 'the draft removed once saved');
    });
  }

  it('a corrupt draft on disk is reported and removed, and the checklist starts blank', async () => {
    const key = (id: string) => `odkit-draft/${demoCase.id}/od-seven-principles/${id}`;
    localStorage.setItem(key('as-garbage'), '{"v":1,"caseId":');
    // Valid for the schema, but 9 is not on the instrument's scale.
    localStorage.setItem(
      key('as-offscale'),
      JSON.stringify({
        v: 1,
        caseId: demoCase.id,
        edited: ['dialogism'],
        raterEdited: false,
        savedAt: '2026-12-04T10:00:00.000Z',
        assessment: {
          id: 'as-offscale',
          instrumentId: 'od-seven-principles',
          instrumentVersion: '1.0.0',
          meetingId: 'mt-13',
          rater: { name: '' },
          raterRole: 'self',
          evidence: 'live',
          status: 'draft',
          ratings: [{ itemId: 'dialogism', value: 9 }],
        },
      }),
    );
    const errors: Error[] = [];
    const listen = (e: Event) => errors.push((e as OdErrorEvent).error);
    window.addEventListener('od-error', listen);
    try {
      const el = await mount({ store: new MemoryStore(demoCase) });
      await until(() => errors.length > 0, 'the report');
      expect(errors).to.have.length(1);
      expect(errors[0]).to.be.instanceOf(StorageError);
      expect(errors[0]!.message).to.equal(
        '2 drafts of this case kept on this device could not be read and were removed.',
      );
      await el.updateComplete;
      expect(page(el).draftStatus).to.equal('A draft kept on this device could not be read, so it was removed.');
      expect(page(el).progress).to.equal('0 of 7 items rated');
      expect(localStorage.getItem(key('as-garbage'))).to.equal(null);
      expect(localStorage.getItem(key('as-offscale'))).to.equal(null);
    } finally {
      window.removeEventListener('od-error', listen);
    }
  });

  it('says so in Welsh', async () => {
    const el = await mount({ store: new MemoryStore(demoCase) }, { locale: 'cy' });
    await click(labelOf(el, radio(el, 'dialogism', 'Yn llawn')));
    await el.updateComplete;
    expect(page(el).draftStatus).to.equal('Caiff eich drafft ei gadw ar y ddyfais hon nes i chi gwblhau’r asesiad.');
    await expect(el).to.be.accessible();
  });

  it('completing the assessment removes its draft from this device', async () => {
    const store = new MemoryStore(demoCase);
    const el = await mount({ store }, { rater: 'Jo Whitfield' });
    for (const item of ['immediate-help', 'social-network', 'flexibility', 'responsibility', 'continuity']) {
      await click(labelOf(el, radio(el, item, 'Largely')));
    }
    for (const item of ['uncertainty', 'dialogism']) await click(labelOf(el, radio(el, item, 'Fully')));
    await until(() => drafts().length === 1);
    await click(page(el).actionButton);
    await until(() => assessmentOf(store)?.status === 'complete', 'completed');
    await until(() => drafts().length === 0, 'the draft removed');
  });

  it('a submit of the checklist’s form takes the draft with it; a submit the host stops leaves it', async () => {
    const root = fixtureSync<HTMLDivElement>(html`<div>
      <iframe name="submit-sink" title="Where the form is sent"></iframe>
      <form target="submit-sink" action="about:blank">
        <od-provider .store=${new MemoryStore(demoCase)}>
          <od-principles-checklist name="a" meeting-id="mt-13" rater-name="Jo Whitfield"></od-principles-checklist>
        </od-provider>
      </form>
    </div>`);
    const form = root.querySelector('form')!;
    const el = form.querySelector('od-principles-checklist')!;
    await until(() => partOf(el, 'header'), 'the checklist header');
    await click(labelOf(el, radio(el, 'dialogism', 'Partly')));
    await until(() => drafts().length === 1);
    const stop = (e: Event) => e.preventDefault();
    form.addEventListener('submit', stop);
    form.requestSubmit();
    expect(drafts()).to.have.length(1);
    form.removeEventListener('submit', stop);
    form.requestSubmit(); // sent (into the frame)
    expect(drafts()).to.deep.equal([]);
  });

  it('a form reset drops the draft with what was not saved', async () => {
    const form = fixtureSync<HTMLFormElement>(html`<form>
      <od-provider .store=${new MemoryStore(demoCase)}>
        <od-principles-checklist name="a" meeting-id="mt-13" rater-name="Jo Whitfield"></od-principles-checklist>
      </od-provider>
    </form>`);
    const el = form.querySelector('od-principles-checklist')!;
    await until(() => partOf(el, 'header'), 'the checklist header');
    await click(labelOf(el, radio(el, 'dialogism', 'Partly')));
    await until(() => drafts().length === 1);
    form.reset();
    expect(drafts()).to.deep.equal([]);
  });
});
