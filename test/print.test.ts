/**
 * Print layouts (print media emulated through CDP): the timeline prints every meeting in
 * range (the virtualised list too) with its measures, the checklist its items with the
 * answers chosen and its scores; neither prints controls.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MemoryStore } from '@odkit/core';
import { demoCase as sharedDemo } from '@odkit/core/demo';
import { forgetDrafts, ownCase } from './support/own-case.js';
import '@odkit/elements/define.js';
import '@odkit/meeting-timeline/define.js';
import '@odkit/principles-checklist/define.js';
import type { OdMeetingTimeline } from '@odkit/meeting-timeline';
import type { OdPrinciplesChecklist } from '@odkit/principles-checklist';
import { emulateMedia } from '@web/test-runner-commands';
import { DEMO_NOW } from './fixtures/index.js';
import { longHistory } from './fixtures/long-history.js';
import { guardConsole } from './support/console-guard.js';
import { namesIn } from './support/privacy.js';

// A case id of this file's own: checklists here keep drafts on the device, keyed by case (see own-case.ts).
const demoCase = ownCase(sharedDemo);
beforeEach(() => forgetDrafts(demoCase.id));

const shown = (el: Element | null | undefined): boolean =>
  !!el && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
const all = (host: Element, selector: string) => [...host.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const one = (host: Element, selector: string) => host.shadowRoot!.querySelector<HTMLElement>(selector);
/** The text that prints: every text node whose element is shown. */
function printedText(host: Element): string {
  const walker = document.createTreeWalker(host.shadowRoot!, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    if (shown(node.parentElement)) parts.push(node.textContent ?? '');
  return parts.join(' ');
}

describe('print layouts', () => {
  guardConsole();
  afterEach(() => emulateMedia({ media: 'screen' }));

  it('the timeline prints every meeting of a virtualised list, and its measures, without the toolbar, axis or details', async () => {
    const record = longHistory(300);
    const el = await fixture<OdMeetingTimeline>(
      html`<od-meeting-timeline .record=${record} as-of="2027-12-31T12:00:00+00:00" virtualise-above="60"></od-meeting-timeline>`,
    );
    await el.updateComplete;
    const total = all(el, '.row')[0]!.getAttribute('aria-setsize');
    expect(Number(total)).to.be.greaterThan(60);
    // On screen: only a window of rows is rendered.
    expect(all(el, '.row').length).to.be.lessThan(Number(total));
    one(el, '.meeting')!.click();
    await el.updateComplete;
    expect(shown(one(el, '.side'))).to.equal(true);

    await emulateMedia({ media: 'print' });
    await waitUntil(() => all(el, '.row').length === Number(total), 'the list did not render every meeting for print', {
      timeout: 20_000,
    });
    expect(all(el, '.row').filter(shown)).to.have.length(Number(total));
    for (const chrome of ['.toolbar', '.axis', '.side']) expect(shown(one(el, chrome)), chrome).to.equal(false);
    expect(shown(one(el, '.summary'))).to.equal(true);
    expect(shown(one(el, '.header'))).to.equal(true);
    // The list does not scroll on paper.
    expect(getComputedStyle(one(el, '.viewport')!).overflowY).to.equal('visible');

    // Back on screen, the window again.
    await emulateMedia({ media: 'screen' });
    await waitUntil(() => all(el, '.row').length < Number(total), 'the list stayed whole after printing', {
      timeout: 20_000,
    });
  });

  it('the timeline prints its attendance matrix whole, without scrolling', async () => {
    const el = await fixture<OdMeetingTimeline>(
      html`<od-meeting-timeline .record=${demoCase} view="matrix" as-of=${DEMO_NOW}></od-meeting-timeline>`,
    );
    await emulateMedia({ media: 'print' });
    expect(shown(one(el, '.matrix'))).to.equal(true);
    expect(getComputedStyle(one(el, '.matrix-wrap')!).overflowX).to.equal('visible');
    expect(shown(one(el, '.toolbar'))).to.equal(false);
  });

  it('a shared screen (initials-only) prints the timeline and the checklist with initials, and says so', async () => {
    const names = namesIn(demoCase);
    const timeline = await fixture<OdMeetingTimeline>(
      html`<od-meeting-timeline .record=${demoCase} view="matrix" initials-only as-of=${DEMO_NOW}></od-meeting-timeline>`,
    );
    const checklist = await fixture<OdPrinciplesChecklist>(
      html`<od-principles-checklist .record=${demoCase} assessment-id="as-05" instrument-id="od-key-elements" initials-only></od-principles-checklist>`,
    );
    await waitUntil(() => one(checklist, '.item'), 'the checklist did not render', { timeout: 20_000 });
    await emulateMedia({ media: 'print' });
    for (const el of [timeline, checklist]) {
      const printed = printedText(el);
      expect(printed, el.localName).to.contain('Initials only');
      expect(
        names.filter((name) => printed.includes(name)),
        el.localName,
      ).to.deep.equal([]);
    }
    expect(printedText(timeline)).to.contain('S. L.');
    expect(printedText(checklist)).to.contain('D. R. O.');
  });

  it('the checklist prints each item with the answer chosen, and the scores, without buttons', async () => {
    const store = new MemoryStore(demoCase);
    const provider = await fixture(html`<od-provider .store=${store}>
      <od-principles-checklist meeting-id="mt-13" instrument-id="od-seven-principles"></od-principles-checklist>
    </od-provider>`);
    const el = provider.querySelector<OdPrinciplesChecklist>('od-principles-checklist')!;
    await waitUntil(() => one(el, '.item'), 'the checklist did not render', { timeout: 20_000 });
    // On screen: every choice, the buttons, no scores table in the rating view.
    expect(shown(one(el, '.actions'))).to.equal(true);
    expect(shown(one(el, '.print-scores'))).to.equal(false);
    const checked = all(el, '.choices input:checked');
    expect(checked.length).to.be.greaterThan(0);

    await emulateMedia({ media: 'print' });
    expect(shown(one(el, '.actions'))).to.equal(false);
    expect(shown(one(el, '.print-scores table'))).to.equal(true);
    expect(one(el, '.print-scores')!.textContent).to.match(/Overall/);
    const choices = all(el, '.choices .od-choice');
    const printed = choices.filter(shown);
    // Only the answers chosen print, one per rated item.
    expect(printed).to.have.length(checked.length);
    for (const choice of printed) expect(choice.querySelector('input')!.checked).to.equal(true);
    for (const item of all(el, '.item')) expect(shown(item)).to.equal(true);
  });
});
