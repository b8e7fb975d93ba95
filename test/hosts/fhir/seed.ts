// The EHR's data for the FhirStore page: the demo case, written to the FHIR server by
// FhirStore itself (its `initial` seeding) before the page opens. Built for Node by ../build.mjs.
import { demoCase } from '@odkit/core/demo';
import { FhirStore } from '@odkit/fhir';

/** The EHR's user who recorded the demo case (its seed's Provenance). */
const SEEDED_BY = { id: 'Practitioner/nia-roberts', name: 'Nia Roberts', role: 'Open Dialogue practitioner' };

/** Empties the server at `baseUrl` and writes the demo case to it; resolves to the Patient id. */
export async function seedFhirServer(baseUrl: string): Promise<string> {
  await fetch(`${baseUrl}__reset`, { method: 'POST' });
  const record = structuredClone(demoCase);
  await FhirStore.open({
    baseUrl,
    patientId: record.person.id,
    http: (request) => fetch(request.url, request),
    initial: record,
    author: SEEDED_BY,
  });
  return record.person.id;
}
