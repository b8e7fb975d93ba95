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
const FILES = [
  '/test/hosts/bare/',
  '/test/hosts/bare/main.js',
  '/test/hosts/bare/register-sw.js',
  '/test/hosts/support/hostile.css',
  '/packages/kit/dist/odkit.js',
  '/test/hosts/.generated/demo.js',
];
const listed = new Set(FILES.map((path) => new URL(path, self.location.origin).href));

self.addEventListener('install', (event) => {
  // All or nothing: addAll fails (and the worker is not installed) if any file fails to load.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
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
  // Only GETs of the listed files, without their query (a page may add one to bust a cache).
  if (request.method !== 'GET' || !listed.has(url.origin + url.pathname)) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(url.origin + url.pathname))
      .then((hit) => hit ?? fetch(request)),
  );
});
