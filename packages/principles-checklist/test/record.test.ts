import { expect, fixture, html } from '@open-wc/testing';
import {
  createInstrumentRegistry,
  fidelityTrend,
  IndexedDbStore,
  keyElements,
  MemoryStore,
  parseCaseRecord,
  scoreAssessment,
  StorageError,
  type ApplyOptions,
  type CaseRecord,
  type Change,
  type Instrument,
} from '@odkit/core';
import { demoCase as sharedDemo } from '@odkit/core/demo';
import { forgetDrafts, ownCase } from '../../../test/support/own-case.js';
import '@odkit/elements/define.js';
import '@odkit/principles-checklist/define.js';
import type { OdChangeEvent, OdErrorEvent } from '@odkit/elements';
import type { OdPrinciplesChecklist } from '@odkit/principles-checklist';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { HOSTILE_TEXT, pwned } from '../../../test/fixtures/index.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { demoSyncingStore } from '../../../stories/support/sync-store.js';
import { partOf } from '../../../test/support/dom.js';
import { PrinciplesChecklistPage } from '../../../test/support/principles-checklist-page.js';
import { SyncStatusPage } from '../../../test/support/sync-status-page.js';
import { $, $$, click, labelOf, radio, shadow, text, until } from './support.js';

// A case id of this file's own: checklists here keep drafts on the device, keyed by case (see own-case.ts).
const demoCase = ownCase(sharedDemo);
beforeEach(() => forgetDrafts(demoCase.id));

const page = (el: Element) => new PrinciplesChecklistPage(el);

const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)}%`);

describe('<od-principles-checklist> with a case record', () => {
  guardConsole();
  const opened: IndexedDbStore[] = [];
  afterEach(() => opened.splice(0).forEach((s) => s.close()));

  async function inProvider(
    store: unknown,
    attrs: { meeting?: string; instrument?: string; assessment?: string; view?: string; rater?: string } = {},
  ) {
    const provider = await fixture(html`<od-provider .store=${store}>
      <od-principles-checklist
        meeting-id=${attrs.meeting ?? 'mt-13'}
        instrument-id=${attrs.instrument ?? 'od-seven-principles'}
        assessment-id=${attrs.assessment ?? ''}
        rater-name=${attrs.rater ?? ''}
        view=${attrs.view ?? 'rate'}
      ></od-principles-checklist>
    </od-provider>`);
    const el = provider.querySelector('od-principles-checklist')!;
    if (!attrs.assessment) el.assessmentId = undefined;
    await until(() => partOf(el, 'header'), 'the checklist header');
    return el;
  }

  it('a rater’s choice made while the assessment is starting (the store shows it, its save not back yet) is saved, not undone', async () => {
    // A slow connection: the start waits before the store takes it (a choice then goes to the local draft), then the
    // store shows the new assessment while its save has not returned (a choice then goes to the edits to save).
    const gate = () => {
      let resolve!: () => void;
      const promise = new Promise<void>((done) => (resolve = done));
      return { promise, resolve };
    };
    const gates = { before: gate(), after: gate() };
    let phase: 'waiting' | 'before' | 'after' = 'waiting';
    class Slow extends MemoryStore {
      override async apply(change: Change, options?: ApplyOptions) {
        if ((change as { type?: string }).type !== 'assessment/start') return super.apply(change, options);
        phase = 'before';
        await gates.before.promise;
        const result = await super.apply(change, options);
        phase = 'after';
        await gates.after.promise;
        return result;
      }
    }
    const store = new Slow(structuredClone(demoCase));
    const el = await inProvider(store);
    page(el).raterName.focus();
    await sendKeys({ type: 'Jo Whitfield' });
    await sendKeys({ press: 'Tab' });
    await until(() => phase === 'before', 'the start on its way');
    await click(labelOf(el, page(el).choice('Rater’s role', 'Co-facilitator')));
    gates.before.resolve();
    await until(() => phase === 'after' && store.snapshot!.record.assessments.some((a) => a.meetingId === 'mt-13'));
    await el.updateComplete;
    await click(labelOf(el, page(el).choice('Rater’s role', 'Supervisor')));
    await click(labelOf(el, page(el).choice('What the rating is based on', 'Video recording')));
    gates.after.resolve();
    const saved = await until(() => {
      const a = store.snapshot!.record.assessments.find((x) => x.meetingId === 'mt-13');
      return a?.raterRole === 'supervisor' && a.evidence === 'video' ? a : undefined;
    }, 'the role and evidence chosen last, saved');
    expect(saved.rater.name).to.equal('Jo Whitfield');
    expect(page(el).choice('Rater’s role', 'Supervisor').checked).to.equal(true);
  });

  it('saves as you go to IndexedDB: a fresh element after a reload shows everything, nothing lost', async () => {
    const databaseName = `checklist-${Math.random().toString(36).slice(2)}`;
    const store = await IndexedDbStore.open({ caseId: demoCase.id, databaseName, initial: demoCase });
    opened.push(store);
    const el = await inProvider(store);
    expect(page(el).saveStatus).to.equal('Not saved yet: enter the rater’s name to save as you go.');
    await expect(el).to.be.accessible();

    // Rated before a name is given: kept, and saved once the name is.
    await click(labelOf(el, radio(el, 'immediate-help', 'Fully')));
    page(el).raterName.focus();
    await sendKeys({ type: 'Jo Whitfield' });
    await sendKeys({ press: 'Tab' });
    await click(labelOf(el, page(el).choice('Rater’s role', 'Supervisor')));
    await click(labelOf(el, page(el).choice('What the rating is based on', 'Video recording')));
    await click(labelOf(el, radio(el, 'continuity', 'Not applicable')));
    page(el).comment('continuity').focus();
    await sendKeys({ type: 'Only one meeting so far.' });
    // The comment is saved shortly after typing stops, without leaving the field.
    // One save run writes ratings first, then the rater's details: wait for both to land.
    await until(() => {
      const a = store.snapshot!.record.assessments.find((x) => x.meetingId === 'mt-13');
      // The whole comment: a save started by an earlier click may store it half-typed first.
      return (
        a?.ratings.some((r) => r.comment === 'Only one meeting so far.') &&
        a.raterRole === 'supervisor' &&
        a.evidence === 'video'
      );
    });
    const saved = store.snapshot!.record.assessments.find((a) => a.meetingId === 'mt-13')!;
    expect(saved).to.deep.include({
      instrumentId: 'od-seven-principles',
      status: 'draft',
      raterRole: 'supervisor',
      evidence: 'video',
    });
    expect(saved.rater.name).to.equal('Jo Whitfield');
    expect(saved.ratings).to.deep.equal([
      { itemId: 'immediate-help', value: 4 },
      { itemId: 'continuity', value: 'na', comment: 'Only one meeting so far.' },
    ]);
    expect(page(el).saveStatus).to.match(/^Saved as you go\. Last saved \d\d:\d\d\.$/);
    expect(page(el).progress).to.equal('2 of 7 items rated');

    // "Reload": close the store, open the database again, and mount a fresh element.
    store.close();
    opened.length = 0;
    el.parentElement!.remove();
    const reopened = await IndexedDbStore.open({ caseId: demoCase.id, databaseName });
    opened.push(reopened);
    const fresh = await inProvider(reopened, { rater: 'Jo Whitfield' });
    await until(() => radio(fresh, 'immediate-help', 'Fully').checked);
    expect(radio(fresh, 'continuity', 'Not applicable').checked).to.equal(true);
    expect(page(fresh).comment('continuity').value).to.equal('Only one meeting so far.');
    expect(page(fresh).raterName.value).to.equal('Jo Whitfield');
    expect(page(fresh).choice('Rater’s role', 'Supervisor').checked).to.equal(true);
    expect(JSON.parse(fresh.value)).to.deep.equal(JSON.parse(JSON.stringify(saved)));
  });

  it('a comment still being typed is saved when the checklist is removed', async () => {
    const store = new MemoryStore(demoCase);
    const el = await inProvider(store, { meeting: 'mt-14', instrument: 'od-key-elements' });
    page(el).comment('responding').focus();
    await sendKeys({ type: 'Stayed with her words.' });
    el.parentElement!.remove();
    // On a busy machine a pause in typing saves part of the comment first: wait for the whole of it.
    await until(
      () =>
        store.snapshot!.record.assessments.find((a) => a.id === 'as-06')!.ratings.find((r) => r.itemId === 'responding')
          ?.comment === 'Stayed with her words.',
    );
    expect(
      store.snapshot!.record.assessments.find((a) => a.id === 'as-06')!.ratings.find((r) => r.itemId === 'responding'),
    ).to.deep.equal({
      itemId: 'responding',
      value: 2,
      comment: 'Stayed with her words.',
    });
  });

  it("the rater's name still being typed is saved with a comment when the checklist is removed", async () => {
    const store = new MemoryStore(demoCase);
    const el = await inProvider(store, { meeting: 'mt-14', instrument: 'od-key-elements' });
    const before = store.snapshot!.record.assessments.find((a) => a.id === 'as-06')!;
    page(el).comment('responding').focus();
    await sendKeys({ type: 'Stayed with her words.' });
    const name = page(el).raterName;
    name.focus();
    name.select();
    await sendKeys({ type: 'Chloe Grant-Evans' });
    el.parentElement!.remove();
    const saved = () => store.snapshot!.record.assessments.find((a) => a.id === 'as-06')!;
    await until(
      () =>
        saved().rater.name === 'Chloe Grant-Evans' &&
        saved().ratings.find((r) => r.itemId === 'responding')?.comment === 'Stayed with her words.',
    );
    expect(saved().ratings.find((r) => r.itemId === 'responding')).to.deep.equal({
      itemId: 'responding',
      value: 2,
      comment: 'Stayed with her words.',
    });
    // Nothing else was lost on the way: every other rating is as it was.
    expect(saved().ratings.filter((r) => r.itemId !== 'responding')).to.deep.equal(
      before.ratings.filter((r) => r.itemId !== 'responding'),
    );
  });

  it('a saved draft’s rater’s name cleared is not saved: the field asks for a name, and a name typed is saved', async () => {
    const store = new MemoryStore(demoCase);
    const el = await inProvider(store, { meeting: 'mt-14', instrument: 'od-key-elements' });
    const saved = () => store.snapshot!.record.assessments.find((a) => a.id === 'as-06')!;
    const before = saved().rater.name;
    expect(before).not.to.equal('');
    const name = page(el).raterName;
    name.focus();
    name.select();
    await sendKeys({ press: 'Backspace' });
    // Leaving the field commits the edit; with a rating chosen after it, a save does run.
    page(el).comment('responding').focus();
    await click(labelOf(el, radio(el, 'open-questions', 'Partly seen')));
    await until(() => page(el).fieldErrors.includes('Error: Enter the rater’s name'), 'the name asked for');
    await until(() => saved().ratings.find((r) => r.itemId === 'open-questions')?.value === 1, 'the rating saved');
    expect(saved().rater.name, 'no assessment saved without its rater’s name').to.equal(before);
    expect(name.getAttribute('aria-describedby')).to.include('rater-name-error');

    name.focus();
    await sendKeys({ type: 'Chloe Grant-Evans' });
    page(el).comment('responding').focus();
    await until(() => saved().rater.name === 'Chloe Grant-Evans', 'the name typed, saved');
    await until(() => page(el).fieldErrors.length === 0, 'the error gone');
  });

  it('a failed save keeps the edit on screen and saves it with the next one', async () => {
    const store = new MemoryStore(demoCase);
    const apply = store.apply.bind(store);
    let failures = 1;
    store.apply = (change, options) =>
      failures-- > 0 ? Promise.reject(new StorageError('The connection was lost.')) : apply(change, options);
    const el = await inProvider(store, { meeting: 'mt-14', instrument: 'od-key-elements' });
    const stored = () => store.snapshot!.record.assessments.find((a) => a.id === 'as-06')!;
    const errors: OdErrorEvent[] = [];
    el.addEventListener('od-error', (e) => errors.push(e));

    await click(labelOf(el, radio(el, 'open-questions', 'Partly seen')));
    await until(() => errors.length === 1);
    await el.updateComplete;
    // Not saved, but not lost either: still chosen, and the save error is shown.
    expect(stored().ratings.find((r) => r.itemId === 'open-questions')!.value).to.equal(2);
    expect(radio(el, 'open-questions', 'Partly seen').checked).to.equal(true);
    expect($(el, '[role="alert"]')).not.to.equal(null);

    // The next edit saves both.
    await click(labelOf(el, radio(el, 'responding', 'Not seen')));
    await until(() => stored().ratings.find((r) => r.itemId === 'responding')!.value === 0);
    expect(stored().ratings.find((r) => r.itemId === 'open-questions')!.value).to.equal(1);
  });

  it('what was typed before the first save is saved when the checklist is removed', async () => {
    const store = new MemoryStore(demoCase);
    const el = await inProvider(store, { rater: 'Jo Whitfield' });
    page(el).comment('continuity').focus();
    await sendKeys({ type: 'Same two workers each time.' });
    el.parentElement!.remove();
    const started = () => store.snapshot!.record.assessments.find((a) => a.meetingId === 'mt-13');
    // On a busy machine the start may be saved mid-typing ("Sam"), the rest handed over on removal after it: wait
    // for the whole comment (until fails the test if it never comes), not for the first save.
    await until(
      () => started()?.ratings.find((r) => r.itemId === 'continuity')?.comment === 'Same two workers each time.',
    );
    expect(started()!.rater.name).to.equal('Jo Whitfield');
    expect(started()!.ratings.find((r) => r.itemId === 'continuity')?.comment).to.equal('Same two workers each time.');
  });

  it('a required checklist that cannot show an assessment is invalid, not silently valid', async () => {
    const provider = await fixture(html`<od-provider .store=${new MemoryStore(demoCase)}>
      <form><od-principles-checklist name="assessment" meeting-id="mt-13" instrument-id="no-such-instrument" required></od-principles-checklist></form>
    </od-provider>`);
    const el = provider.querySelector('od-principles-checklist')!;
    await until(() => $(el, '[role="alert"]'));
    await el.updateComplete;
    expect(el.checkValidity()).to.equal(false);
    expect(provider.querySelector('form')!.checkValidity()).to.equal(false);
    expect(el.validationMessage).to.equal('The checklist is not ready, so there is no assessment to send yet');
  });

  for (const [theme, scheme] of [
    ['govuk', 'light'],
    ['nhs', 'dark'],
    ['default', 'dark'],
  ] as const) {
    it(`is accessible in the ${theme} theme, ${scheme}, with errors shown`, async () => {
      const provider =
        await fixture(html`<od-provider .store=${new MemoryStore(demoCase)} theme=${theme} color-scheme=${scheme}>
        <od-principles-checklist meeting-id="mt-14" instrument-id="od-key-elements"></od-principles-checklist>
      </od-provider>`);
      const el = provider.querySelector('od-principles-checklist')!;
      await until(() => partOf(el, 'header'), 'the checklist header');
      await click(page(el).actionButton);
      await el.updateComplete;
      expect(page(el).fieldErrors).to.have.length(8);
      await expect(el).to.be.accessible();
    });
  }

  describe('completing through the store', () => {
    const draft = (store: MemoryStore) => store.snapshot!.record.assessments.find((a) => a.id === 'as-06')!;

    /** The demo draft of mt-14 (key elements, four items still unrated). */
    const mountDraft = (store: MemoryStore) => inProvider(store, { meeting: 'mt-14', instrument: 'od-key-elements' });

    /** Rates the four unrated items and completes; waits until the store has it complete. */
    async function complete(el: OdPrinciplesChecklist, store: MemoryStore) {
      for (const item of keyElements.items.slice(4)) await click(labelOf(el, radio(el, item.id, 'Clearly seen')));
      await click(page(el).actionButton);
      await until(() => draft(store).status === 'complete', 'the assessment complete in the store');
      await el.updateComplete;
    }

    it('with items unrated, lists them in the error summary and stays a draft', async () => {
      const store = new MemoryStore(demoCase);
      const el = await mountDraft(store);
      expect(page(el).raterName.value).to.equal('Chloe Grant');
      expect(page(el).progress).to.equal('4 of 12 items rated');
      await click(page(el).actionButton);
      await el.updateComplete;
      expect(page(el).errorSummaryEntries).to.deep.equal(
        keyElements.items.slice(4).map((i) => `Select a rating for “${(i.title as Record<string, string>)['en-GB']}”`),
      );
      expect(draft(store).status).to.equal('draft');
    });

    it('with every item rated, stores it complete and shows it read-only', async () => {
      const store = new MemoryStore(demoCase);
      const el = await mountDraft(store);
      await complete(el, store);
      expect($$(el, 'input, textarea')).to.have.length(0);
      expect(page(el).answer(page(el).items[0]!)).to.equal('Clearly seen (2)');
      await expect(el).to.be.accessible();
    });

    it('reopens to a draft in the store, with its ratings', async () => {
      const store = new MemoryStore(demoCase);
      const el = await mountDraft(store);
      await complete(el, store);
      await click(page(el).actionButton);
      await until(() => draft(store).status === 'draft', 'the assessment a draft again in the store');
      await el.updateComplete;
      expect(radio(el, 'own-words', 'Clearly seen').checked).to.equal(true);
    });
  });

  describe('without a store', () => {
    async function withRecord() {
      const el = await fixture<OdPrinciplesChecklist>(html`<od-principles-checklist
        .record=${demoCase}
        meeting-id="mt-14"
        instrument-id="od-key-elements"
      ></od-principles-checklist>`);
      const changes: OdChangeEvent[] = [];
      el.addEventListener('od-change', (e) => changes.push(e));
      return { el, changes };
    }

    it('an edit is an od-change event, applied to its record', async () => {
      const { el, changes } = await withRecord();
      await click(labelOf(el, radio(el, 'present-moment', 'Partly seen')));
      await until(() => changes.length === 1, 'od-change');
      expect(changes[0]!.change).to.deep.include({
        type: 'assessment/rate',
        assessmentId: 'as-06',
        itemId: 'present-moment',
        value: 1,
      });
      await until(() => page(el).progress === '5 of 12 items rated', 'the edit applied');
    });

    it('an od-change the host cancels (to apply it itself) leaves the record and the radio unchanged', async () => {
      const { el, changes } = await withRecord();
      await click(labelOf(el, radio(el, 'present-moment', 'Partly seen')));
      await until(() => page(el).progress === '5 of 12 items rated', 'the first edit applied');
      el.addEventListener('od-change', (e) => e.preventDefault(), { once: true });
      await click(labelOf(el, radio(el, 'own-words', 'Not seen')));
      await until(() => changes.length === 2, 'the second od-change');
      await el.updateComplete;
      expect(page(el).progress).to.equal('5 of 12 items rated');
      expect(radio(el, 'own-words', 'Not seen').checked).to.equal(false);
    });
  });

  it('summary scores are core’s scoreAssessment, and the trend is core’s fidelityTrend', async () => {
    const record = parseCaseRecord(demoCase);
    const el = await fixture<OdPrinciplesChecklist>(html`<od-principles-checklist
      .record=${record}
      assessment-id="as-04"
      view="summary"
    ></od-principles-checklist>`);
    const assessment = record.assessments.find((a) => a.id === 'as-04')!;
    const score = scoreAssessment(assessment, keyElements);
    const rows = page(el).scoreRows;
    expect(rows).to.deep.equal([
      ...score.groups.map((g) => [
        (keyElements.groups.find((x) => x.id === g.groupId)!.title as Record<string, string>)['en-GB'],
        String(g.rated),
        String(g.notApplicable),
        String(g.unrated),
        g.mean === null ? '–' : String(Math.round(g.mean * 100) / 100),
        percent(g.share),
      ]),
      [
        'Overall',
        String(score.overall.rated),
        String(score.overall.notApplicable),
        String(score.overall.unrated),
        String(Math.round(score.overall.mean! * 100) / 100),
        percent(score.overall.share),
      ],
    ]);
    const trend = fidelityTrend(record, { instrumentId: 'od-key-elements', episodeId: 'ep-2026-02' });
    expect(trend.length).to.be.greaterThan(0);
    expect(page(el).trendRows.map((tr) => text(tr.children[2]))).to.deep.equal(trend.map((m) => percent(m.share)));
    expect(page(el).trendPoints).to.have.length(trend.filter((m) => m.share !== null).length);
    // The chart's x axis is dated (the first meeting's day), every date inside the chart.
    const dates = page(el).trendDates;
    expect(dates.length).to.be.greaterThan(0);
    expect(text(dates[0]!)).to.equal(
      new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'Europe/London' }).format(
        Date.parse(trend[0]!.start),
      ),
    );
    const chart = page(el).trendChart.viewBox.baseVal;
    for (const date of dates) {
      const box = date.getBBox();
      expect(box.x).to.be.at.least(0);
      expect(box.x + box.width).to.be.at.most(chart.width);
      expect(box.y + box.height).to.be.at.most(chart.height);
    }
    expect(page(el).trendChart.getAttribute('aria-hidden')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('inter-rater view: two raters of one meeting side by side, differences marked in text', async () => {
    const el = await fixture<OdPrinciplesChecklist>(html`<od-principles-checklist
      .record=${demoCase}
      assessment-id="as-04"
      compare-with="as-05"
      view="compare"
    ></od-principles-checklist>`);
    const a = demoCase.assessments.find((x) => x.id === 'as-04')!;
    const b = demoCase.assessments.find((x) => x.id === 'as-05')!;
    const differing = keyElements.items.filter(
      (i) => a.ratings.find((r) => r.itemId === i.id)?.value !== b.ratings.find((r) => r.itemId === i.id)?.value,
    );
    expect(differing.length).to.equal(5);
    // The rows that say "Differs" are exactly the items rated differently; the others say nothing of the kind.
    const differs = page(el).differingRows;
    expect(differs.map((r) => text(r.querySelector('th')))).to.deep.equal(
      differing.map((i) => (i.title as Record<string, string>)['en-GB']),
    );
    expect(page(el).compareRows).to.have.length(keyElements.items.length);
    expect(text(differs[0]!.lastElementChild)).to.equal('Differs (1)');
    expect(page(el).compareSummary).to.equal('The raters agree on 7 of 12 items.');
    expect(page(el).compareColumns).to.deep.equal([
      'Item',
      'Nia Roberts (Self-rating)',
      'Dr Ruth Okafor (Independent rater)',
      'Difference',
    ]);
    await expect(el).to.be.accessible();
  });

  it('in forced colours the chart and the differing rows keep their meaning', async () => {
    await emulateMedia({ forcedColors: 'active' });
    try {
      const el = await fixture<OdPrinciplesChecklist>(html`<od-principles-checklist
        .record=${demoCase}
        assessment-id="as-04"
        view="compare"
      ></od-principles-checklist>`);
      const differs = page(el).differingRows;
      expect(differs).to.have.length(5);
      expect(getComputedStyle(differs[0]!.querySelector('th')!).borderInlineStartStyle).to.equal('solid');
      // A row that does not differ has no such border: the border marks the difference.
      const same = page(el).compareRows.find((r) => !differs.includes(r))!;
      expect(getComputedStyle(same.querySelector('th')!).borderInlineStartStyle).not.to.equal('solid');
      el.view = 'summary';
      await el.updateComplete;
      expect(getComputedStyle(page(el).trendLine!).stroke).to.not.equal('none');
      await expect(el).to.be.accessible();
    } finally {
      await emulateMedia({ forcedColors: 'none' });
    }
  });

  it('a service’s own instrument with its own wording and Welsh translations', async () => {
    const service: Instrument = {
      id: 'kent-dpas',
      version: '2',
      title: { 'en-GB': 'Kent dialogic practice check', cy: 'Gwiriad ymarfer deialogaidd Caint' },
      groups: [{ id: 'g', title: { 'en-GB': 'In the room', cy: 'Yn yr ystafell' } }],
      items: [
        {
          id: 'voices',
          groupId: 'g',
          required: true,
          title: { 'en-GB': 'Every voice answered', cy: 'Pob llais wedi’i ateb' },
        },
        { id: 'extra', groupId: 'g', required: false, title: 'Notes taken openly' },
      ],
      scale: {
        notApplicable: false,
        options: [
          { value: 0, label: { 'en-GB': 'No', cy: 'Na' } },
          { value: 1, label: { 'en-GB': 'Yes', cy: 'Do' } },
        ],
      },
    };
    const el = await fixture<OdPrinciplesChecklist>(
      html`<od-principles-checklist lang="cy" .instrument=${service}></od-principles-checklist>`,
    );
    expect(page(el).title).to.equal('Gwiriad ymarfer deialogaidd Caint');
    expect(page(el).groupTitle(page(el).groups[0]!)).to.equal('Yn yr ystafell');
    expect(page(el).items.map((item) => page(el).itemTitle(item))).to.deep.equal([
      'Pob llais wedi’i ateb',
      'Notes taken openly (dewisol)',
    ]);
    // No "not applicable" where the instrument does not allow it.
    expect($$(el, 'input[name="item-voices"]').map((r) => text(labelOf(el, r)))).to.deep.equal(['Na', 'Do']);
    expect(page(el).progress).to.equal('0 o 2 eitem wedi’u sgorio');
    expect(text(page(el).actionButton)).to.equal('Cwblhau’r asesiad');
    await click(labelOf(el, radio(el, 'voices', 'Do')));
    expect(JSON.parse(el.value)).to.deep.include({ instrumentId: 'kent-dpas', instrumentVersion: '2' });
    await expect(el).to.be.accessible();

    // Registered in a registry instead: assessments in the record that use it are shown.
    const registry = createInstrumentRegistry([service]);
    const record = structuredClone(demoCase) as CaseRecord;
    record.assessments.push({
      id: 'as-kent',
      instrumentId: 'kent-dpas',
      instrumentVersion: '2',
      meetingId: 'mt-13',
      rater: { name: 'R' },
      raterRole: 'independent',
      evidence: 'audio',
      status: 'draft',
      ratings: [{ itemId: 'voices', value: 1 }],
    });
    const withRegistry = await fixture<OdPrinciplesChecklist>(html`<od-principles-checklist
      .instruments=${registry}
      .record=${record}
      assessment-id="as-kent"
    ></od-principles-checklist>`);
    expect(page(withRegistry).title).to.equal('Kent dialogic practice check');
    expect(radio(withRegistry, 'voices', 'Yes').checked).to.equal(true);
  });

  it('hostile text from the record and typed by a person is only ever text', async () => {
    const hostile = HOSTILE_TEXT;
    const record = structuredClone(demoCase) as CaseRecord;
    const draft = record.assessments.find((a) => a.id === 'as-06')!;
    draft.rater.name = hostile;
    draft.ratings[0]!.comment = hostile;
    const el = await fixture<OdPrinciplesChecklist>(
      html`<od-principles-checklist .record=${record} meeting-id="mt-14" instrument-id="od-key-elements"></od-principles-checklist>`,
    );
    expect(page(el).raterName.value).to.equal(hostile);
    expect(page(el).comment('two-practitioners').value).to.equal(hostile);
    page(el).comment('open-questions').focus();
    await sendKeys({ type: '<b>bold</b><img src=y onerror=alert(1)>' });
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    const compare = await fixture<OdPrinciplesChecklist>(
      html`<od-principles-checklist .record=${record} assessment-id="as-06" view="compare" compare-with="as-04"></od-principles-checklist>`,
    );
    expect(page(compare).compareColumns[1]).to.equal(`${hostile} (Co-facilitator)`);
    for (const widget of [el, compare]) {
      expect(shadow(widget).querySelectorAll('img, script, b')).to.have.length(0);
    }
    expect(pwned()).to.equal(false);
  });

  describe('error state', () => {
    it('a bad instrument: alert naming what is wrong, od-error, nothing thrown', async () => {
      const errors: OdErrorEvent[] = [];
      const el = document.createElement('od-principles-checklist');
      el.addEventListener('od-error', (e) => errors.push(e));
      el.instrument = {
        id: 'bad id!',
        version: '1',
        title: '',
        groups: [],
        items: [],
        scale: { options: [], notApplicable: 'no' },
      };
      document.body.append(el);
      await el.updateComplete;
      await until(() => errors.length === 1);
      const alert = $(el, '[role=alert]');
      expect(text(alert)).to.contain('This information cannot be shown');
      expect(text(alert)).to.contain('id');
      expect(errors[0]!.error.name).to.equal('ValidationError');
      await expect(el).to.be.accessible();
      el.remove();
    });

    /** A checklist on the demo draft of mt-14, collecting its od-error events. */
    async function onDraft() {
      const errors: OdErrorEvent[] = [];
      const el = await fixture<OdPrinciplesChecklist>(html`<od-principles-checklist
        .record=${demoCase}
        meeting-id="mt-14"
        instrument-id="od-key-elements"
        @od-error=${(e: OdErrorEvent) => errors.push(e)}
      ></od-principles-checklist>`);
      return { el, errors };
    }

    it('a bad record: alert naming the field, od-error, and the last good render kept', async () => {
      const { el, errors } = await onDraft();
      el.record = {
        ...demoCase,
        assessments: [{ ...demoCase.assessments[0], ratings: [{ itemId: 'nope', value: 1 }] }],
      };
      await el.updateComplete;
      expect(text($(el, '[role=alert]'))).to.contain('assessments[0].ratings[0].itemId');
      expect(page(el).items.filter((item) => item.querySelector('fieldset'))).to.have.length(12);
      await until(() => errors.length === 1, 'od-error');
      await expect(el).to.be.accessible();
    });

    it('a meeting not yet held is named in the alert and in od-error', async () => {
      const { el, errors } = await onDraft();
      el.meetingId = 'mt-15';
      await el.updateComplete;
      expect(text($(el, '[role=alert]'))).to.contain('Meeting “mt-15” has not been held, so it cannot be rated yet.');
      await until(() => errors.length === 1, 'od-error');
      expect(errors.map((e) => e.error.message)).to.deep.equal([
        'Meeting “mt-15” has not been held, so it cannot be rated yet.',
      ]);
    });

    it('a meeting not in the record is named in the alert and in od-error', async () => {
      const { el, errors } = await onDraft();
      el.meetingId = 'nope';
      await el.updateComplete;
      expect(text($(el, '[role=alert]'))).to.contain('There is no meeting with id “nope” in this record.');
      await until(() => errors.length === 1, 'od-error');
      expect(errors.map((e) => e.error.message)).to.deep.equal(['There is no meeting with id “nope” in this record.']);
    });
  });
});

describe('<od-principles-checklist> with an offline store', () => {
  guardConsole();

  /** The checklist on a saved assessment, with a syncing store holding two conflicts. */
  async function offline() {
    const store = demoSyncingStore('conflict');
    const provider = await fixture(html`<od-provider .store=${store} theme="govuk" time-zone="Europe/London">
      <od-principles-checklist meeting-id="mt-01" instrument-id="od-key-elements" assessment-id="as-01"></od-principles-checklist>
    </od-provider>`);
    const el = provider.querySelector('od-principles-checklist')!;
    await until(() => partOf(el, 'header'), 'the checklist header');
    return { el, sync: new SyncStatusPage(el) };
  }

  it('shows the status line on top', async () => {
    const { el } = await offline();
    expect($(el, '[part="base"]')!.firstElementChild!.getAttribute('part')).to.equal('sync-status');
  });

  it('shows "Changed by … on …" for the saved assessment, in the header', async () => {
    const { el, sync } = await offline();
    await until(() => sync.changedBy, 'the history line');
    expect(page(el).header.contains(sync.changedBy)).to.equal(true);
    expect(text(sync.changedBy)).to.equal('Changed by Nia Roberts on 10 Feb 2026, 13:00');
  });

  it('is axe-clean with the review panel open on its two conflicts', async () => {
    const { el, sync } = await offline();
    sync.reviewButton!.click();
    await el.updateComplete;
    expect(sync.conflicts.length).to.equal(2);
    await expect(el).to.be.accessible();
  });
});
