// The host's own script (a file: script-src 'self' allows no inline script): its data into a
// store, the store into the provider. The store is also left on `window` for the tests to read.
import { MemoryStore } from '/packages/kit/dist/odkit.js';
import { demoCase } from '/test/hosts/.generated/demo.js';

const store = new MemoryStore(structuredClone(demoCase));
document.querySelector('od-provider').store = store;
window.odkitStore = store;
