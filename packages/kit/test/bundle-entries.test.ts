import { expect } from '@open-wc/testing';
import * as sdk from '../src/sdk.js';
import * as entry from '../src/bundle-sdk.js';
import * as offline from '../src/offline.js';

// What a page without a bundler can import: odkit.js (bundle-sdk.ts, with the registration) and
// odkit-offline.js (offline.ts). Together they are the whole SDK of `@odkit/kit`, so an export
// added to @odkit/core that neither lists fails here rather than going missing from the bundle.
describe('the chunked bundle’s two entries', () => {
  const OFFLINE = ['IndexedDbStore', 'SyncedStore', 'UnsentEditsError', 'clearFromDevice', 'openFromHost'];

  it('export every value of the kit’s SDK between them, each the very same object', () => {
    const missing = Object.keys(sdk).filter((name) => !(name in entry) && !(name in offline));
    expect(missing, 'exported by neither odkit.js nor odkit-offline.js').to.deep.equal([]);
    for (const [name, value] of Object.entries(sdk)) {
      const from = name in entry ? (entry as Record<string, unknown>) : (offline as Record<string, unknown>);
      expect(from[name], name).to.equal(value);
    }
  });

  it('leave to odkit-offline.js only the stores that keep a case on the device', () => {
    expect(Object.keys(offline).sort()).to.deep.equal(OFFLINE);
    expect(OFFLINE.filter((name) => name in entry)).to.deep.equal([]);
    expect(Object.keys(entry).filter((name) => !(name in sdk))).to.deep.equal([]);
  });
});
