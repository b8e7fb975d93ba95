// The host's own script: NHS.UK frontend initialised with its own module, the case into
// a store and the store into the provider.
import { initAll } from '/node_modules/nhsuk-frontend/dist/nhsuk/index.mjs';
import { MemoryStore } from '/packages/kit/dist/odkit.js';
import { demoCase } from '/test/hosts/.generated/demo.js';

// What NHS.UK's page template does inline; this page keeps its script in one file.
document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
initAll();

document.querySelector('od-provider').store = new MemoryStore(structuredClone(demoCase));
