// The script of smart-launch-example.html: one page for the SMART launch and the widgets.
import '@odkit/elements/define.js';
import { authorizeSmart, openSmartFhirStore } from '@odkit/fhir/smart';

const CLIENT_ID = 'your-registered-client-id';
const status = document.getElementById('status');
const provider = document.querySelector('od-provider');
const params = new URLSearchParams(location.search);

try {
  if (params.has('launch') || params.has('iss')) {
    // Step 1, the EHR opened us: ask the EHR's authorisation server for a token (this navigates away).
    await authorizeSmart({ clientId: CLIENT_ID, redirectUri: location.pathname });
  } else {
    // Step 2, back from the authorisation server: open the patient's case over FHIR.
    const store = await openSmartFhirStore();
    // Every change is recorded as the signed-in user's (from the launch's fhirUser). A launch
    // that names no user (no `openid fhirUser` scopes) leaves it to the host: until
    // `store.author` is set from the host's own login, the store refuses to write.
    provider.store = store;
    provider.hidden = false;
    status.textContent = store.warnings.length
      ? `Connected. ${store.warnings.length} item(s) in the record could not be shown in full.`
      : 'Connected to the patient record.';
  }
} catch (error) {
  // Typed errors from the kit carry a readable message and what to do; nothing is rendered as markup.
  status.textContent = error instanceof Error ? error.message : 'The patient record could not be opened.';
}
