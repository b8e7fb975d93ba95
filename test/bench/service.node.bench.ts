/**
 * Service measures in node, on a generated caseload (test/support/caseload.ts: one to three
 * episodes a case, 10–20 meetings an episode, some assessments):
 *  - summariseService over 1,000 and 10,000 case records as a store or a source gives them
 *    (parsed and frozen: validated once already); target: 10,000 cases in under 1 s (issue 19);
 *  - the same over plain objects (a host's JSON), validated on the way: for context;
 *  - the Bulk Data source: the 1,000 cases as NDJSON files (written by toFhir), read as streams,
 *    mapped with fromFhir and summarised: for context.
 * Run with `npm run bench` (test/bench/run.mjs bundles and runs this file).
 */
import { Readable } from 'node:stream';
import { parseCaseRecord } from '@odkit/core';
import { summariseService } from '@odkit/core/service';
import { caseResources } from '@odkit/fhir';
import { bulkDataSource } from '@odkit/fhir/service';
import { caseload } from '../support/caseload.js';
import { measureAsync, report, type BenchResult } from './harness.js';

const TARGET_MS = 1000;

const plain10k = [...caseload({ cases: 10_000, seed: 1 })];
const parsed10k = plain10k.map((r) => parseCaseRecord(r));
const parsed1k = parsed10k.slice(0, 1000);
const plain1k = plain10k.slice(0, 1000);
const count = (records: typeof parsed10k, of: (r: (typeof parsed10k)[number]) => number) =>
  records.reduce((n, r) => n + of(r), 0);
console.log(
  `Input: 10,000 cases, ${count(parsed10k, (r) => r.episodes.length)} episodes, ${count(parsed10k, (r) => r.meetings.length)} meetings, ` +
    `${count(parsed10k, (r) => r.assessments.length)} assessments (seed 1; the 1,000-case figures use the first 1,000)\n`,
);

// NDJSON files of the first 1,000 cases, one per resource type, as $export writes them.
const files = new Map<string, string[]>();
for (const record of parsed1k) {
  for (const r of caseResources(record)) {
    if (r.resourceType === 'Questionnaire') continue;
    let lines = files.get(r.resourceType);
    if (!lines) files.set(r.resourceType, (lines = []));
    lines.push(JSON.stringify(r));
  }
}
const ndjson = [...files].map(([type, lines]) => ({ name: `${type}.ndjson`, text: `${lines.join('\n')}\n` }));
const mb = ndjson.reduce((n, f) => n + f.text.length, 0) / 1e6;

const options = { groupBy: 'team' } as const;
const results: BenchResult[] = [
  await measureAsync(
    'summariseService, 10,000 parsed cases (grouped by team)',
    () => summariseService(parsed10k, options),
    { warmup: 1, runs: 5 },
  ),
  await measureAsync('summariseService, 1,000 parsed cases', () => summariseService(parsed1k, options), {
    warmup: 2,
    runs: 10,
  }),
  await measureAsync(
    'summariseService, 10,000 plain cases (validated on the way)',
    () => summariseService(plain10k, options),
    { warmup: 1, runs: 3, targeted: false },
  ),
  await measureAsync(
    'summariseService, 1,000 plain cases (validated on the way)',
    () => summariseService(plain1k, options),
    { warmup: 1, runs: 5, targeted: false },
  ),
  await measureAsync(
    `bulkDataSource → summariseService, 1,000 cases (${mb.toFixed(1)} MB of NDJSON from streams)`,
    () =>
      summariseService(
        bulkDataSource(ndjson.map((f) => ({ name: f.name, open: () => Readable.from([f.text]) }))),
        options,
      ),
    { warmup: 0, runs: 2, targeted: false },
  ),
];

report(results, TARGET_MS);
