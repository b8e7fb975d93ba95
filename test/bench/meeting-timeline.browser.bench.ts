/**
 * <od-meeting-timeline> in Chromium with Lit's production build: a record set on the
 * element, timed until the next frame has painted, for 100, 1,000 and 10,000 meetings
 * in one episode; then a scripted scroll through the virtualised list of 10,000,
 * as frames per second. Compare with elements.browser.bench.ts (the floor).
 */
import { serializeCaseRecord } from '@odkit/core';
import type { OdMeetingTimeline } from '@odkit/meeting-timeline';
import '@odkit/meeting-timeline/define.js';
import { longHistory } from '../fixtures/long-history.js';
import { measureAsync, report } from './harness.js';
import { nextPaint } from './paint.js';

const AS_OF = '2300-01-01T12:00:00+00:00';

async function setAndPaint(json: unknown): Promise<OdMeetingTimeline> {
  const el = document.createElement('od-meeting-timeline');
  el.setAttribute('as-of', AS_OF);
  el.setAttribute('locale', 'en-GB');
  el.setAttribute('time-zone', 'Europe/London');
  el.record = structuredClone(json);
  document.body.append(el);
  await el.updateComplete;
  await nextPaint();
  return el;
}

it('record set → painted', async () => {
  const sizes = [
    [100, 30],
    [1000, 100],
    [10_000, Infinity],
  ] as const;
  let ok = true;
  for (const [meetings, target] of sizes) {
    const json = JSON.parse(serializeCaseRecord(longHistory(meetings))) as unknown;
    const result = await measureAsync(
      `${meetings.toLocaleString('en-GB')} meetings, one episode`,
      async () => (await setAndPaint(json)).remove(),
      { runs: meetings >= 10_000 ? 5 : 10, warmup: meetings >= 10_000 ? 1 : 3, targeted: Number.isFinite(target) },
    );
    console.log('');
    ok = report([result], Number.isFinite(target) ? target : 1000) && ok;
  }
  if (!ok) throw new Error('A record-set → painted figure missed its target.');
});

it('scripted scroll through 10,000 meetings (virtualised list)', async () => {
  const json = JSON.parse(serializeCaseRecord(longHistory(10_000))) as unknown;
  const el = await setAndPaint(json);
  const viewport = el.shadowRoot!.querySelector<HTMLElement>('.viewport')!;
  const frames = 180;
  const step = 240; // pixels a frame: a fast fling
  const intervals: number[] = [];
  let last = performance.now();
  await new Promise<void>((resolve) => {
    let n = 0;
    const frame = (now: number) => {
      intervals.push(now - last);
      last = now;
      viewport.scrollTop += step;
      if (++n < frames) requestAnimationFrame(frame);
      else resolve();
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(frame);
    });
  });
  const rendered = el.shadowRoot!.querySelectorAll('ol.list > li').length;
  el.remove();
  intervals.sort((a, b) => a - b);
  const median = intervals[intervals.length >> 1]!;
  const p95 = intervals[Math.floor(intervals.length * 0.95)]!;
  const mean = intervals.reduce((a, b) => a + b, 0) / intervals.length;
  const fps = 1000 / mean;
  console.log(
    `\nscroll, 10,000 meetings: ${frames} frames of ${step} px; frame interval median ${median.toFixed(1)} ms, ` +
      `95th percentile ${p95.toFixed(1)} ms; ${fps.toFixed(1)} frames per second (target ≥ 50); ${rendered} rows rendered at the end`,
  );
  if (fps < 50) throw new Error(`Scrolling ran at ${fps.toFixed(1)} frames per second, under 50.`);
});
