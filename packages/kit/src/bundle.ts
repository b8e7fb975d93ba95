/**
 * The chunked bundle's entry (`dist/odkit.js`), the one script a page without a bundler
 * loads: the data SDK but for its offline stores (bundle-sdk.ts; `odkit-offline.js` adds them),
 * `<od-provider>` and the kit's events and errors, with Lit and every dependency inlined, and
 * the `od-*` tags registered on load. Each widget's code is a sibling file in the same folder,
 * fetched when its tag is first used (see lazy-define.ts). The element classes are not
 * exported here (they are what is fetched later): take them from `customElements.get(tag)`,
 * or use `odkit-classes.js`, the whole kit in one file.
 */
import './tags.js';
import { defineOdkit } from './lazy-define.js';

export * from './bundle-sdk.js';
export { defineOdkit, loadOdkit } from './lazy-define.js';
export type { DefineOdkitOptions, OdkitElementName } from './define-odkit.js';

defineOdkit();
