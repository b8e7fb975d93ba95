// The plugin's browser script (listed under "scripts"): loads the kit with Lit's hydration
// support, then gives each server-rendered provider its case (the JSON the macro put just
// before it), so every widget takes over the server's HTML and works as usual. Providers
// with the same case share one store, so an edit in one widget shows in the others.
import { MemoryStore } from './odkit-hydrate.js';

const stores = new Map();
for (const data of document.querySelectorAll('script.odkit-case')) {
  const provider = data.nextElementSibling;
  if (provider?.localName !== 'od-provider') continue;
  let store = stores.get(data.textContent);
  if (!store) {
    try {
      store = new MemoryStore(JSON.parse(data.textContent));
    } catch (error) {
      // A case that fails validation: the widgets already show why (rendered on the server).
      console.warn(
        'Open Dialogue Kit: this case could not be loaded in the browser.',
        error instanceof Error ? error.message : '',
      );
      continue;
    }
    stores.set(data.textContent, store);
  }
  provider.store = store;
}
