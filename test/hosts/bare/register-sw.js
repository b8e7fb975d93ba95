// Registers the page's service worker (./sw.js), so that the page opens with no network.
// Under a Content-Security-Policy with `require-trusted-types-for 'script'` the worker's URL
// must be a TrustedScriptURL: this small policy allows exactly that one URL.
const SW_URL = '/test/hosts/bare/sw.js';

let policy;

export async function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return undefined;
  policy ??= window.trustedTypes?.createPolicy('odkit-service-worker', {
    createScriptURL: (input) => {
      if (input !== SW_URL) throw new TypeError('Only the page’s own service worker may be registered.');
      return input;
    },
  });
  return navigator.serviceWorker.register(policy ? policy.createScriptURL(SW_URL) : SW_URL, {
    scope: '/test/hosts/bare/',
  });
}
