/**
 * What `@odkit/kit` exports besides the element classes and the registration: the data SDK
 * (`@odkit/core`), opening a host's copy, `<od-provider>` and the kit's events and errors.
 * The package's index adds the classes. Without a bundler, `dist/odkit.js` exports all of it
 * but the stores that keep a case on the device (bundle-sdk.ts), and `odkit-offline.js` those.
 */
export * from '@odkit/core';
export {
  openFromHost,
  clearFromDevice,
  UnsentEditsError,
  type HostCopyOptions,
  type SeedResult,
} from '@odkit/core/seeding';
export * from './elements-api.js';
