/**
 * Server rendering benchmarks in node (@odkit/ssr on @lit-labs/ssr): the demo case and a
 * large generated case (1,000 members, 1,000 meetings) rendered to HTML with declarative
 * shadow DOM, all three widgets in one provider, the checklist as a postable form.
 * Run with `npm run bench ssr` (test/bench/run.mjs bundles and runs this file).
 */
import { demoCase } from '@odkit/core/demo';
import { parseCaseRecord } from '@odkit/core';
import { renderCase } from '@odkit/ssr';
import { generateCase } from '../fixtures/generate-case.js';
import { measure, report } from './harness.js';

const DEMO_TARGET_MS = 20;
const LARGE_TARGET_MS = 200;

const large: unknown = JSON.parse(JSON.stringify(generateCase({ members: 1000, meetings: 1000, seed: 1 })));
const parsedLarge = parseCaseRecord(large);
const widgets = (record: { meetings: readonly { id: string; status: string }[] }) => ({
  map: { sectors: true },
  timeline: { asOf: '2026-04-10T12:00:00+01:00' },
  checklist: { name: 'assessment', meetingId: record.meetings.findLast((m) => m.status === 'held')?.id },
});
const demoWidgets = widgets(demoCase);
const largeWidgets = widgets(parsedLarge);

console.log(
  `Input: demo case (${demoCase.members.length} members, ${demoCase.meetings.length} meetings); large case (${parsedLarge.members.length} members, ${parsedLarge.ties.length} ties, ${parsedLarge.meetings.length} meetings)\n`,
);

const first = performance.now();
const html = renderCase({ record: demoCase, theme: 'govuk', timeZone: 'Europe/London', widgets: demoWidgets });
console.log(
  `First render in this process (templates prepared, layout cache cold): ${(performance.now() - first).toFixed(1)} ms, ${(html.length / 1024).toFixed(0)} KiB of HTML\n`,
);

const demo = [
  measure('demo case, JSON in (parsed once, then by each widget)', () =>
    renderCase({ record: JSON.parse(JSON.stringify(demoCase)), theme: 'govuk', widgets: demoWidgets }),
  ),
  measure('demo case, parsed record in', () => renderCase({ record: demoCase, theme: 'govuk', widgets: demoWidgets })),
];
const bigHtml = renderCase({ record: large, theme: 'govuk', widgets: largeWidgets });
console.log(`Large case: ${(bigHtml.length / 1024).toFixed(0)} KiB of HTML`);
const big = [
  measure(
    '1,000 members + 1,000 meetings, JSON in',
    () => renderCase({ record: large, theme: 'govuk', widgets: largeWidgets }),
    { warmup: 2, runs: 8 },
  ),
  measure(
    '1,000 members + 1,000 meetings, parsed record in',
    () => renderCase({ record: parsedLarge, theme: 'govuk', widgets: largeWidgets }),
    { warmup: 2, runs: 8 },
  ),
];
const demoOk = report(demo, DEMO_TARGET_MS);
const bigOk = report(big, LARGE_TARGET_MS);
const ok = demoOk && bigOk;
if (!ok) process.exitCode = 1;
