// A service worker that lets this page open with no network: a host can copy it as it is and
// change the list of files. It answers the page's own files from a versioned cache (filled
// when the worker installs), and leaves every other request alone: the FHIR server, any API,
// anything not listed goes to the network as if there were no worker, and is never cached
// (health data must not sit in a cache the host cannot see or clear). It asks nothing of any
// other origin. Case data for offline use lives in the kit's own store (SyncedStore), not here.
//
// Bump VERSION whenever a listed file changes (a new kit bundle, a new page script): the new
// worker fills a new cache, and on activation deletes this page's older caches.

const VERSION = 'v1';
const PREFIX = 'odkit-bare-page-';
const CACHE = `${PREFIX}${VERSION}`;

/** The page's own files, as the page asks for them. */
const PAGE_FILES = [
  '/test/hosts/bare/',
  '/test/hosts/bare/main.js',
  '/test/hosts/bare/register-sw.js',
  '/test/hosts/support/hostile.css',
  '/test/hosts/.generated/demo.js',
];
/** Where the kit's dist/ folder is served: odkit.js and its sibling chunks, listed by the build in odkit.files.json. */
const KIT = '/packages/kit/dist/';

self.addEventListener('install', (event) => {
  // Every file of the kit (each widget's chunk and its Welsh), so any widget, in either
  // language, opens offline. All or nothing: addAll fails (and the worker is not installed)
  // if any file fails to load.
  event.waitUntil(
    fetch(`${KIT}odkit.files.json`)
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`${response.status}`))))
      .then(({ files }) => {
        const all = [...PAGE_FILES, ...files.map((file) => KIT + file)];
        return caches.open(CACHE).then((cache) => cache.addAll(all));
      }),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      // Only this page's caches: other caches on the origin belong to someone else.
      .then((names) =>
        Promise.all(
          names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)),
        ),
      ),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  // Only GETs of this origin's page files and kit files, without their query (a page may add
  // one to bust a cache). Read from the list and the folder, not from state the install step
  // kept: the browser stops an idle worker and starts it afresh for the next fetch.
  const ours =
    url.origin === self.location.origin && (PAGE_FILES.includes(url.pathname) || url.pathname.startsWith(KIT));
  if (request.method !== 'GET' || !ours) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(url.origin + url.pathname))
      .then((hit) => hit ?? fetch(request)),
  );
});
