import { expect, fixture, html } from '@open-wc/testing';
import { MemoryStore, type ApplyOptions, type Change, type StoreSnapshot } from '@odkit/core';
import { demoCase as sharedDemo } from '@odkit/core/demo';
import { forgetDrafts, ownCase } from '../../../test/support/own-case.js';
import '@odkit/elements/define.js';
import '@odkit/principles-checklist/define.js';
import type { OdPrinciplesChecklist } from '@odkit/principles-checklist';
import { sendKeys } from '@web/test-runner-commands';
import { guardConsole } from '../../../test/support/console-guard.js';
import { $, click, labelOf, radio, until } from './support.js';

// A case id of this file's own: checklists here keep drafts on the device, keyed by case (see own-case.ts).
const demoCase = ownCase(sharedDemo);
beforeEach(() => forgetDrafts(demoCase.id));

/** A store whose saves wait until `release()`: a slow server, or a busy machine, made repeatable. */
class HeldStore extends MemoryStore {
  applied: Change[] = [];
  #held: Promise<void> | undefined;
  release: () => void = () => {};

  hold(): void {
    this.#held = new Promise((resolve) => (this.release = resolve));
  }

  override async apply(change: Change, options?: ApplyOptions): Promise<StoreSnapshot> {
    this.applied.push(change);
    await this.#held;
    return super.apply(change, options);
  }
}

describe('<od-principles-checklist> left while its first save is on its way', () => {
  guardConsole();

  it('saves what was typed and rated after the assessment started and before the widget was removed', async () => {
    const store = new HeldStore(structuredClone(demoCase));
    const provider = await fixture(html`<od-provider .store=${store}>
      <od-principles-checklist meeting-id="mt-13" instrument-id="od-seven-principles" rater-name="Jo Whitfield" view="rate">
      </od-principles-checklist>
    </od-provider>`);
    const el = provider.querySelector<OdPrinciplesChecklist>('od-principles-checklist')!;
    el.assessmentId = undefined;
    await until(() => el.shadowRoot?.querySelector('#comment-continuity'));
    store.hold();

    const comment = $<HTMLTextAreaElement>(el, '#comment-continuity');
    comment.focus();
    await sendKeys({ type: 'Same two workers' });
    comment.blur(); // leaving the field saves at once: the assessment starts, and its save is held
    await until(() => store.applied.some((c) => c.type === 'assessment/start'));

    await click(labelOf(el, radio(el, 'immediate-help', 'Fully')));
    comment.focus();
    await sendKeys({ type: ' each time.' });
    provider.remove();
    store.release();

    const started = () => store.snapshot!.record.assessments.find((a) => a.meetingId === 'mt-13');
    await until(() => started() !== undefined);
    await until(
      () => started()?.ratings.find((r) => r.itemId === 'continuity')?.comment === 'Same two workers each time.',
    );
    expect(started()!.ratings.find((r) => r.itemId === 'immediate-help')?.value).to.equal(4); // 'Fully'
    expect(started()!.rater.name).to.equal('Jo Whitfield');
    expect(started()!.status).to.equal('draft');
  });
});
