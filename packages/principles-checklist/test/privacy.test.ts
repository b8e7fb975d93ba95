import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { MemoryStore, parseCaseRecord, type CaseRecord } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import '@odkit/elements/define.js';
import type { OdPrinciplesChecklist } from '@odkit/principles-checklist';
import '@odkit/principles-checklist/define.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { byText, everyString, partOf, stringsNaming } from '../../../test/support/dom.js';
import { PrinciplesChecklistPage } from '../../../test/support/principles-checklist-page.js';
import { namesIn } from '../../../test/support/privacy.js';
import { $$, shadow, until } from './support.js';

interface Attrs {
  assessment: string;
  view?: 'rate' | 'summary' | 'compare';
  compareWith?: string;
  initialsOnly?: boolean;
  audience?: string;
  locale?: string;
}

async function checklist(record: CaseRecord, attrs: Attrs) {
  // One checklist on the page at a time: axe checks the page's landmarks.
  fixtureCleanup();
  const el = await fixture<OdPrinciplesChecklist>(html`<od-principles-checklist
    .record=${record}
    assessment-id=${attrs.assessment}
    instrument-id="od-key-elements"
    view=${attrs.view ?? 'rate'}
    compare-with=${attrs.compareWith ?? ''}
    locale=${attrs.locale ?? 'en-GB'}
    audience=${attrs.audience ?? ''}
    ?initials-only=${attrs.initialsOnly ?? false}
  ></od-principles-checklist>`);
  if (!attrs.audience) el.removeAttribute('audience');
  if (!attrs.compareWith) el.compareWith = undefined;
  await until(() => partOf(el, 'header'), 'the checklist header');
  return el;
}

/** Nia (a facilitator who rated as-01 and as-04) hidden from the family. */
const niaHidden = () =>
  parseCaseRecord({
    ...structuredClone(demoCase),
    members: demoCase.members.map((m) => (m.id === 'm-nia' ? { ...m, hiddenFrom: ['family'] } : m)),
  });

/** The comments of an assessment: free text a shared screen leaves out. */
const commentsOf = (id: string) =>
  demoCase.assessments.find((a) => a.id === id)!.ratings.flatMap((r) => (r.comment ? [r.comment] : []));

describe('od-principles-checklist privacy', () => {
  guardConsole();
  const names = namesIn(demoCase);

  describe('initials-only', () => {
    it('shows no rater’s name and no comment anywhere in the shadow tree: draft, completed, summary, compare', async () => {
      // A draft (which would be a form), read as text on a shared screen.
      const draft = await checklist(demoCase, { assessment: 'as-06', initialsOnly: true });
      expect(everyString(draft).join(' ')).to.contain('C. G.');
      expect(stringsNaming(draft, names), 'draft').to.deep.equal([]);
      await expect(draft).to.be.accessible();

      // as-05 has a comment that names Priya.
      const done = await checklist(demoCase, { assessment: 'as-05', initialsOnly: true });
      expect(commentsOf('as-05')).to.have.length(1);
      expect(stringsNaming(done, [...names, ...commentsOf('as-05')]), 'completed').to.deep.equal([]);
      expect(everyString(done).join(' ')).to.contain('D. R. O.');

      const summary = await checklist(demoCase, { assessment: 'as-04', view: 'summary', initialsOnly: true });
      expect(stringsNaming(summary, names), 'summary').to.deep.equal([]);
      await expect(summary).to.be.accessible();

      const compare = await checklist(demoCase, {
        assessment: 'as-04',
        compareWith: 'as-05',
        view: 'compare',
        initialsOnly: true,
      });
      expect(new PrinciplesChecklistPage(compare).compareColumns).to.deep.equal([
        'Item',
        'N. R. (Self-rating)',
        'D. R. O. (Independent rater)',
        'Difference',
      ]);
      expect(stringsNaming(compare, names), 'compare').to.deep.equal([]);
      await expect(compare).to.be.accessible();
    });

    it('is read-only on a shared screen: no controls, no complete or reopen, and says why, in Welsh too', async () => {
      const el = await checklist(demoCase, { assessment: 'as-06', initialsOnly: true });
      expect($$(el, 'input, textarea, select')).to.deep.equal([]);
      expect($$(el, '[data-action]')).to.deep.equal([]);
      expect(byText(shadow(el), 'Initials only')).to.be.an.instanceOf(Element);
      el.locale = 'cy';
      await el.updateComplete;
      expect(byText(shadow(el), 'Llythrennau blaen yn unig')).to.be.an.instanceOf(Element);
      expect(stringsNaming(el, names), 'Welsh').to.deep.equal([]);
    });

    it('changes nothing in the record, and the form value stays the assessment as recorded', async () => {
      const store = new MemoryStore(demoCase);
      const revision = store.snapshot!.revision;
      const provider = await fixture(html`<od-provider .store=${store} locale="en-GB">
        <od-principles-checklist instrument-id="od-key-elements" assessment-id="as-06" initials-only></od-principles-checklist>
      </od-provider>`);
      const el = provider.querySelector('od-principles-checklist')!;
      await until(() => partOf(el, 'header'), 'the checklist header');
      expect(JSON.parse(el.value).rater.name).to.equal('Chloe Grant');
      expect(store.snapshot!.revision).to.equal(revision);
      expect(stringsNaming(el, names)).to.deep.equal([]);
    });
  });

  describe('audience', () => {
    it('shows a rater hidden from the audience by role only, in the completed and compare views', async () => {
      const record = niaHidden();
      const done = await checklist(record, { assessment: 'as-04', audience: 'family' });
      expect(stringsNaming(done, ['Nia Roberts'])).to.deep.equal([]);
      expect(byText(shadow(done), 'Not shown to this audience')).to.be.an.instanceOf(Element);
      expect(byText(shadow(done), 'Shown to: family')).to.be.an.instanceOf(Element);

      const compare = await checklist(record, {
        assessment: 'as-05',
        compareWith: 'as-04',
        view: 'compare',
        audience: 'family',
      });
      expect(new PrinciplesChecklistPage(compare).compareColumns).to.deep.equal([
        'Item',
        'Dr Ruth Okafor (Independent rater)',
        'Not shown to this audience (Self-rating)',
        'Difference',
      ]);
      await expect(compare).to.be.accessible();

      compare.audience = 'network';
      await compare.updateComplete;
      expect(new PrinciplesChecklistPage(compare).compareColumns[2]).to.equal('Nia Roberts (Self-rating)');
    });

    it('refuses an audience that is not an id', async () => {
      const el = await checklist(demoCase, { assessment: 'as-04', audience: 'the family!' });
      expect(partOf(el, 'error')?.textContent).to.contain('The audience must be');
    });
  });
});
