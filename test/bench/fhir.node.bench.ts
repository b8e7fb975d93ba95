/**
 * @odkit/fhir benchmarks in node: toFhir + fromFhir of a large case (the issue's
 * target: ≤ 100 ms for 1,000 members and 2,000 meetings), each half alone, and
 * FhirStore's initial load of the demo case over loopback HTTP from a real FHIR
 * engine (Medplum's FhirRouter + MemoryRepository behind a Node server).
 * Run with `npm run bench` (test/bench/run.mjs bundles and runs this file).
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { parseCaseRecord, type CaseRecord } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { FhirStore, fromFhir, toFhir, type FhirHttp } from '@odkit/fhir';
import { generateCase } from '../fixtures/generate-case.js';
import { measure, report, type BenchResult } from './harness.js';

const TARGET_MS = 100;
const size = { members: 1000, meetings: 2000, assessments: 200, seed: 1 };
const record = parseCaseRecord(JSON.parse(JSON.stringify(generateCase(size))));
const bundle = toFhir(record);
const wire = JSON.parse(JSON.stringify(bundle)) as unknown;

console.log(
  `Input: ${record.members.length} members, ${record.ties.length} ties, ${record.meetings.length} meetings, ` +
    `${record.assessments.length} assessments → ${bundle.entry!.length} FHIR resources ` +
    `(${(JSON.stringify(bundle).length / 1e6).toFixed(2)} MB of JSON, seed ${size.seed})\n`,
);

const results: BenchResult[] = [
  measure('toFhir + fromFhir (1,000 members, 2,000 meetings)', () => fromFhir(toFhir(record)).record),
  measure('toFhir + fromFhir, heap not collected before each run', () => fromFhir(toFhir(record)).record, {
    targeted: false,
    collect: false,
  }),
  measure('toFhir alone', () => toFhir(record), { targeted: false }),
  measure('fromFhir alone', () => fromFhir(wire).record, { targeted: false }),
];

// The engine lives with the tests; loaded by path at run time so that esbuild leaves it (and Medplum) unbundled.
const serverModule = pathToFileURL(resolve('packages/fhir/test/server/fhir-server.mjs')).href;
const { startFhirServer } = (await import(serverModule)) as {
  startFhirServer(port?: number): Promise<{ baseUrl: string; close(): Promise<void> }>;
};
const server = await startFhirServer(0);
try {
  const http: FhirHttp = (request) => fetch(request.url, request);
  const patientId = demoCase.person.id;
  await FhirStore.open({
    baseUrl: server.baseUrl,
    patientId,
    http,
    initial: demoCase as CaseRecord,
    author: { id: 'Practitioner/bench', name: 'Benchmark' },
  });
  const loads: number[] = [];
  for (let i = 0; i < 13; i++) {
    const start = performance.now();
    await FhirStore.open({ baseUrl: server.baseUrl, patientId, http });
    if (i >= 3) loads.push(performance.now() - start);
  }
  loads.sort((a, b) => a - b);
  results.push({
    name: 'FhirStore initial load of the demo case (loopback HTTP)',
    medianMs: (loads[4]! + loads[5]!) / 2,
    minMs: loads[0]!,
    runs: loads.length,
    targeted: false,
  });
} finally {
  await server.close();
}

report(results, TARGET_MS);
