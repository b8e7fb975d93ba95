/** A SMART launch as fhirclient would complete it, against the test FHIR engine (shared by the SMART tests). */
import type { SmartApi, SmartClient } from '@odkit/fhir/smart';
import { demoCase } from '@odkit/core/demo';
import { FhirStore } from '@odkit/fhir';
import { FHIR_URL, http, uniqueId } from './support.js';

/**
 * A launch as fhirclient would complete it, naming `fhirUser` (as an id token's claim would), reading from the test
 * engine.
 */
export function fakeLaunch(patientId: string, fhirUser: string | null): SmartApi {
  const client: SmartClient = {
    state: { serverUrl: FHIR_URL },
    patient: { id: patientId },
    getAuthorizationHeader: () => null,
    refreshIfNeeded: async () => undefined,
    getFhirUser: () => fhirUser,
    request: async (url) => {
      const response = await fetch(new URL(url, FHIR_URL));
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    },
  };
  return { oauth2: { authorize: async () => undefined, ready: async () => client } };
}

export async function create(resource: object): Promise<{ id: string }> {
  const type = (resource as { resourceType: string }).resourceType;
  const response = await fetch(`${FHIR_URL}${type}`, {
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json' },
    body: JSON.stringify(resource),
  });
  return response.json();
}

/** A demo case on the engine for a patient of its own; resolves to the patient id. */
export async function seededPatient(): Promise<string> {
  const patientId = uniqueId('smart');
  const record = structuredClone(demoCase);
  record.id = uniqueId('case');
  record.person.id = patientId;
  for (const tie of record.ties) if (tie.from === demoCase.person.id) tie.from = patientId;
  await FhirStore.open({
    baseUrl: FHIR_URL,
    patientId,
    http,
    initial: record,
    author: { id: 'Practitioner/smart-test', name: 'Test Practitioner' },
  });
  return patientId;
}
