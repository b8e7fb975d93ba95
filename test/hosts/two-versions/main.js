// Two kit versions, each with its own store: version 1 from the single-file bundle (od-*),
// version 2 from its classes bundle registered under a prefix of the portal's choosing.
import { MemoryStore } from '/packages/kit/dist/odkit.js';
import { MemoryStore as MemoryStoreV2, defineOdkit } from '/test/hosts/.generated/odkit-classes-v2.js';
import { demoCase } from '/test/hosts/.generated/demo.js';

defineOdkit({ prefix: 'acme-od' });

const v1 = new MemoryStore(structuredClone(demoCase));
const v2 = new MemoryStoreV2(structuredClone(demoCase));
document.querySelector('#v1').store = v1;
document.querySelector('#v2').store = v2;
window.odkitStores = { v1, v2 };
