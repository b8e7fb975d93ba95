// The host's own script: its data into a store, the store into the provider.
import { MemoryStore } from '/packages/kit/dist/odkit.js';
import { demoCase } from '/test/hosts/.generated/demo.js';

document.querySelector('od-provider').store = new MemoryStore(structuredClone(demoCase));
