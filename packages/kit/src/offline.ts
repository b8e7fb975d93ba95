/**
 * The chunked bundle's second entry (`dist/odkit-offline.js`): the parts of the SDK that keep
 * a case on the device, which `odkit.js` leaves out so that a page that only shows widgets
 * does not fetch them: `openFromHost`, `clearFromDevice`, `UnsentEditsError`, `IndexedDbStore`
 * and `SyncedStore`. A host's script imports them from here and everything else from
 * `odkit.js`. This file imports what it shares with `odkit.js` from it, so loading it alone
 * registers the `od-*` tags too.
 */
export { IndexedDbStore, SyncedStore } from '@odkit/core';
export { openFromHost, clearFromDevice, UnsentEditsError } from '@odkit/core/seeding';
export type {
  IndexedDbStoreOptions,
  IndexedDbLocation,
  SyncedStoreOptions,
  SyncedStoreLocation,
  SyncLogEntry,
} from '@odkit/core';
export type { HostCopyOptions, SeedResult } from '@odkit/core/seeding';
