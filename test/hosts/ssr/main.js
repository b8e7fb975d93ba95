// The host's own script on the server-rendered pages: the same case (the host's data) into
// one store for every provider on the page. The widgets were rendered from this record on the
// server; given it, each takes over the server's DOM (hydration) instead of drawing it again.
import { MemoryStore } from '/packages/kit/dist/odkit-hydrate.js';
import { demoCase } from '/test/hosts/.generated/demo.js';

const store = new MemoryStore(structuredClone(demoCase));
for (const provider of document.querySelectorAll('od-provider')) provider.store = store;
