// The home-visit page's host script, as an EHR would write it and bundle it (esbuild, in
// ../build.mjs): the case opens from the device's own copy at once, edits are kept on the
// device the moment they are made, and SyncedStore sends them to the EHR's FHIR server
// (through FhirStore) whenever it can be reached. @odkit/fhir's @odkit/core maps to the kit's
// odkit.js already on the page (one SDK, one set of error classes); SyncedStore is in its
// sibling odkit-offline.js, which a page showing widgets without it never fetches.
import { SyncedStore } from '/packages/kit/dist/odkit-offline.js';
import { FhirStore } from '@odkit/fhir';

const provider = document.querySelector('od-provider');
const baseUrl = new URL('/fhir/', location.href).href;
// Who is signed in: from the EHR's session (a SMART launch's fhirUser, say). Every edit carries it.
const author = { id: 'Practitioner/jo-whitfield', name: 'Jo Whitfield', role: 'Peer support worker' };

try {
  const store = await SyncedStore.open({
    caseId: provider.dataset.case,
    author,
    // Retried at most every 5 s while the server is out of reach (the default grows to a minute).
    retry: { maxDelayMs: 5000 },
    // What went wrong in the background (an edit that could not be read back from the device):
    // the host shows it, as text; the store never throws it into the page.
    onError: (error) => {
      document.querySelector('#sync-problem').textContent = `${error.name}: ${error.message}`;
    },
    // Called whenever the server may be reachable again; a real EHR adds its authorisation here.
    connect: () =>
      FhirStore.open({
        baseUrl,
        patientId: provider.dataset.patient,
        author,
        http: (request) => fetch(request.url, request),
      }),
  });
  provider.store = store;
  window.odkitStore = store;
} catch (error) {
  // The widgets show their own empty state; the host says why (as text, never markup).
  document.querySelector('#load-error').textContent = `The case could not be opened: ${error.message}`;
  throw error;
}
