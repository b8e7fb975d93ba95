/**
 * <od-principles-checklist> in Chromium with Lit's production build: a 12-item
 * instrument (the twelve key elements) rendered from a record and painted (target
 * ≤ 20 ms), and one rating clicked → the form value, progress and radios updated and
 * painted (target ≤ 16 ms). The floor (elements.browser.bench.ts) is printed alongside.
 */
import { serializeCaseRecord } from '@odkit/core';
import '@odkit/principles-checklist/define.js';
import type { OdPrinciplesChecklist } from '@odkit/principles-checklist';
import { demoCase } from '../fixtures/index.js';
import { measureAsync, report } from './harness.js';
import { nextPaint } from './paint.js';

const json = JSON.parse(serializeCaseRecord(demoCase)) as unknown;

async function mount(paint = true): Promise<OdPrinciplesChecklist> {
  const el = document.createElement('od-principles-checklist');
  el.setAttribute('meeting-id', 'mt-14');
  el.setAttribute('instrument-id', 'od-key-elements');
  el.record = structuredClone(json);
  document.body.append(el);
  await el.updateComplete;
  if (paint) await nextPaint();
  return el;
}

it('12-item instrument: render, and rating an item', async () => {
  const render = await measureAsync('12-item instrument (key elements): record set → rendered', async () => {
    (await mount(false)).remove();
  });
  const renderPainted = await measureAsync(
    '… and painted (waits for the next frame)',
    async () => {
      (await mount()).remove();
    },
    { targeted: false },
  );

  const el = await mount();
  const root = el.shadowRoot!;
  const options = ['present-moment--0', 'present-moment--1', 'present-moment--2'];
  let i = 0;
  // Without a store the rating is applied to the record (core's applyChange) and re-rendered.
  const progress = root.querySelector('.progress')!;
  const rateOnce = async (paint: boolean) => {
    const radio = root.getElementById(options[i++ % options.length]!) as HTMLInputElement;
    const expected = Number(radio.id.slice(-1));
    radio.click();
    // Applied (core's applyChange on the record, no store: microtasks only), then rendered.
    for (
      let spins = 0;
      el.assessment?.ratings.find((r) => r.itemId === 'present-moment')?.value !== expected;
      spins++
    ) {
      if (spins > 10_000) throw new Error('The rating was never applied.');
      await Promise.resolve();
    }
    await el.updateComplete;
    if (!progress.textContent) throw new Error('No progress line.');
    if (paint) await nextPaint();
  };
  const rate = await measureAsync(
    'rating an item (click) → applied to the record and rendered',
    () => rateOnce(false),
    { runs: 20 },
  );
  const ratePainted = await measureAsync('… and painted (waits for the next frame)', () => rateOnce(true), {
    runs: 20,
    targeted: false,
  });
  el.remove();

  const renderOk = report([render, renderPainted], 20);
  const rateOk = report([rate, ratePainted], 16);
  if (!renderOk || !rateOk) throw new Error('A checklist benchmark missed its target.');
});
