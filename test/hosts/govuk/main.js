// The host's own script: GOV.UK Frontend initialised with its own module, the case
// into a store and the store into the provider.
import { initAll } from '/node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js';
import { MemoryStore } from '/packages/kit/dist/odkit.js';
import { demoCase } from '/test/hosts/.generated/demo.js';

// What GOV.UK's page template does inline; this page keeps its script in one file.
document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();

document.querySelector('od-provider').store = new MemoryStore(structuredClone(demoCase));
