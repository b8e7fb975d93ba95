// The host's own script: its data into a store, the store into the provider, and the
// service worker that lets the page open with no network (./sw.js).
import { MemoryStore } from '/packages/kit/dist/odkit.js';
import { demoCase } from '/test/hosts/.generated/demo.js';
import { registerServiceWorker } from './register-sw.js';

document.querySelector('od-provider').store = new MemoryStore(structuredClone(demoCase));

// A page that cannot register its worker (a private window, a browser setting) still works online.
registerServiceWorker().catch((error) => console.warn(`The page will not open offline: ${error.message}`));
