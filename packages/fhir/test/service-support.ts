/**
 * Helpers for the many-case source tests: a caseload written as FHIR resources, as
 * Bulk Data NDJSON text (one file per type, as `$export` writes them), or to the engine.
 */
import { parseCaseRecord, type CaseRecord } from '@odkit/core';
import { caseResources, type FhirResource } from '@odkit/fhir';
import type { BulkDataFile } from '@odkit/fhir/service';
import { caseload, type CaseloadOptions } from '../../../test/support/caseload.js';
import { FHIR_URL } from './support.js';

/** A caseload as the kit holds it (parsed, frozen). */
export const parsedCaseload = (options: CaseloadOptions) => [...caseload(options)].map((r) => parseCaseRecord(r));

/** Every case's resources (Questionnaires left out: they are the instruments, not the cases). */
export function* resourcesOf(records: Iterable<CaseRecord>): Generator<FhirResource> {
  for (const record of records) for (const r of caseResources(record)) if (r.resourceType !== 'Questionnaire') yield r;
}

/** NDJSON text by resource type. */
export function ndjsonByType(records: Iterable<CaseRecord>): Map<string, string[]> {
  const files = new Map<string, string[]>();
  for (const r of resourcesOf(records)) {
    let lines = files.get(r.resourceType);
    if (!lines) files.set(r.resourceType, (lines = []));
    lines.push(JSON.stringify(r));
  }
  return files;
}

/** Bulk Data files held as Blobs (as a File from an input would be), named `<Type>.ndjson`. */
export function blobFiles(files: Map<string, string[]>, opened?: string[]): BulkDataFile[] {
  return [...files].map(([type, lines]) => {
    const blob = new Blob([`${lines.join('\n')}\n`], { type: 'application/fhir+ndjson' });
    return {
      name: `${type}.ndjson`,
      open: () => {
        opened?.push(type);
        return blob;
      },
    };
  });
}

/** A stream of `text` cut into chunks of `size` bytes (so lines and UTF-8 characters split across chunks). */
export function chunkedStream(text: string, size: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

/** Writes records to the engine in transactions of 50 PUTs (the engine's limit), a few at once. */
export async function writeToEngine(records: readonly CaseRecord[]): Promise<void> {
  const batches: FhirResource[][] = [[]];
  for (const r of resourcesOf(records)) {
    if (batches[batches.length - 1]!.length >= 50) batches.push([]);
    batches[batches.length - 1]!.push(r);
  }
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      const response = await fetch(FHIR_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json' },
        body: JSON.stringify({
          resourceType: 'Bundle',
          type: 'transaction',
          entry: batch.map((resource) => ({
            resource,
            request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` },
          })),
        }),
      });
      if (response.status !== 200) throw new Error(`The engine refused a transaction (HTTP ${response.status})`);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
}

/**
 * A record with its lists of entities in id order. A FHIR search without `_sort` returns its
 * matches in the server's own order (here, the order the engine stored them, which the three
 * concurrent writers interleave), so the order inside a case read back is the server's, not the record's.
 */
function inIdOrder(record: CaseRecord | undefined): CaseRecord | undefined {
  if (!record) return record;
  const byId = <T extends { id: string }>(list: readonly T[]) =>
    [...list].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return {
    ...record,
    members: byId(record.members),
    ties: byId(record.ties),
    episodes: byId(record.episodes),
    meetings: byId(record.meetings),
    assessments: byId(record.assessments),
  };
}

/**
 * Fails unless the records are the same cases in the same order, each with the same entities,
 * naming the first case that differs and where (chai's deep equality is slow on thousands of
 * objects, and prints them all).
 */
export function expectSameRecords(actual: readonly CaseRecord[], expected: readonly CaseRecord[]): void {
  for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
    const a = JSON.stringify(inIdOrder(actual[i]));
    const b = JSON.stringify(inIdOrder(expected[i]));
    if (a === b) continue;
    let at = 0;
    while (at < Math.min(a?.length ?? 0, b?.length ?? 0) && a![at] === b![at]) at++;
    throw new Error(
      `Record ${i} (${expected[i]?.id ?? 'none expected'}; got ${actual[i]?.id ?? 'none'}) differs at character ${at}: got …${a?.slice(Math.max(0, at - 60), at + 60)}… expected …${b?.slice(Math.max(0, at - 60), at + 60)}… (${actual.length} records read, ${expected.length} expected)`,
    );
  }
}
