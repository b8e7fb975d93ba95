// The FhirStore page's host script, as an EHR would write it and bundle it (esbuild, in
// ../build.mjs): the case is read from the EHR's FHIR server with @odkit/fhir's FhirStore,
// and the widgets write back to it. @odkit/core is not bundled again: it maps to the kit's
// single-file bundle already on the page (which exports the whole SDK), so the store's
// errors are the classes the widgets know (a conflict shows as a conflict).
import { FhirStore } from '@odkit/fhir';

const provider = document.querySelector('od-provider');
const baseUrl = new URL('/fhir/', location.href).href;
// Who is signed in to the EHR: every change is recorded as theirs (FhirStore writes it as the
// change's Provenance, and refuses to write without one). A real EHR takes it from its own login,
// or from a SMART launch's fhirUser (see @odkit/fhir/smart).
const author = { id: 'Practitioner/nia-roberts', name: 'Nia Roberts', role: 'Open Dialogue practitioner' };

try {
  // A real EHR adds its authorisation here (a SMART client's token, say); this server needs none.
  const store = await FhirStore.open({
    baseUrl,
    patientId: provider.dataset.patient,
    http: (request) => fetch(request.url, request),
    author,
  });
  provider.store = store;
  window.odkitStore = store;
} catch (error) {
  // The widgets show their own empty state; the host says why (as text, never markup).
  document.querySelector('#load-error').textContent = `The case could not be loaded: ${error.message}`;
  throw error;
}
