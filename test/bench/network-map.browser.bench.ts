/**
 * <od-network-map> in Chromium with Lit's production build: a record set until the
 * settled layout has painted (50, 200 and 1,000 members), the layout alone, and
 * the frame rate of a scripted pan over 1,000 members. Targets from issue 3:
 * 50 members ≤ 50 ms; 1,000 members ≤ 1 s; pan above 50 frames per second
 * (a median frame ≤ 20 ms). Compare with elements.browser.bench.ts (the floor).
 */
import { serializeCaseRecord, type CaseRecord } from '@odkit/core';
import { computeLayout, type OdNetworkMap } from '@odkit/network-map';
import '@odkit/network-map/define.js';
import { generateCase } from '../fixtures/index.js';
import { measure, measureAsync, report, type BenchResult } from './harness.js';
import { nextPaint } from './paint.js';

const asJson = (record: CaseRecord) => JSON.parse(serializeCaseRecord(record)) as unknown;
const cases = {
  50: generateCase({ members: 50, meetings: 20, seed: 1 }),
  200: generateCase({ members: 200, meetings: 100, seed: 1 }),
  1000: generateCase({ members: 1000, meetings: 200, seed: 1 }),
};

async function paint(json: unknown): Promise<void> {
  const el = document.createElement('od-network-map') as OdNetworkMap;
  el.sectors = true;
  el.record = structuredClone(json);
  document.body.append(el);
  await el.updateComplete;
  await nextPaint();
  el.remove();
}

it('network map: record set → settled, painted layout', async () => {
  const results: BenchResult[] = [];
  for (const n of [50, 200, 1000] as const) {
    const json = asJson(cases[n]);
    results.push(
      await measureAsync(`${n} members, sectors on`, () => paint(json), {
        warmup: 2,
        runs: n === 1000 ? 5 : 10,
        targeted: n !== 200,
      }),
    );
  }
  console.log('\nTarget for 50 members: ≤ 50 ms');
  report(results.slice(0, 2), 50);
  console.log('\nTarget for 1,000 members: ≤ 1 s');
  report(results.slice(1), 1000);
});

it('network map: layout alone (seeded d3-force, 24, 16 or 10 ticks by size)', () => {
  const results = ([50, 200, 1000] as const).map((n) =>
    measure(`layout, ${n} members`, () => computeLayout(cases[n].members, true), {
      runs: n === 1000 ? 5 : 10,
      targeted: false,
    }),
  );
  report(results, 1000);
});

it('network map: scripted pan over 1,000 members (frames per second)', async () => {
  const el = document.createElement('od-network-map') as OdNetworkMap;
  el.sectors = true;
  el.record = structuredClone(asJson(cases[1000]));
  document.body.append(el);
  await el.updateComplete;
  await nextPaint();
  const svg = el.shadowRoot!.querySelector('svg.map')!;
  const frames: number[] = [];
  let last = performance.now();
  for (let i = 0; i < 120; i++) {
    const key = i % 40 < 20 ? 'ArrowLeft' : 'ArrowRight';
    svg.dispatchEvent(new KeyboardEvent('keydown', { key, ctrlKey: true, bubbles: true, composed: true }));
    await new Promise((r) => requestAnimationFrame(r));
    const now = performance.now();
    frames.push(now - last);
    last = now;
  }
  // Zoom steps too (re-renders the members: their pointer targets follow the zoom).
  const zoomFrames: number[] = [];
  for (let i = 0; i < 20; i++) {
    svg.dispatchEvent(new KeyboardEvent('keydown', { key: i % 2 ? '-' : '+', bubbles: true, composed: true }));
    const start = performance.now();
    await new Promise((r) => requestAnimationFrame(r));
    zoomFrames.push(performance.now() - start);
  }
  el.remove();
  const total = frames.reduce((a, b) => a + b, 0);
  const fps = (frames.length * 1000) / total;
  console.log(
    `\nPan over 1,000 members: ${frames.length} frames in ${total.toFixed(0)} ms = ${fps.toFixed(1)} frames per second (target > 50)`,
  );
  const summary = (name: string, times: number[]): BenchResult => {
    const sorted = [...times].sort((a, b) => a - b);
    return {
      name,
      medianMs: sorted[sorted.length >> 1]!,
      minMs: sorted[0]!,
      runs: times.length,
      targeted: name.startsWith('pan'),
    };
  };
  report([summary('pan frame, 1,000 members', frames), summary('zoom step frame, 1,000 members', zoomFrames)], 20);
});
