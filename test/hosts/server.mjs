// The host pages' web server: a plain static server on loopback that serves only the
// host pages, the kit's built bundle and the host frameworks' published files, and sends
// each page directory's own response headers (the CSP page's policy lives here, as a
// real server would send it, not in a <meta>). It also answers /fhir/ with a real FHIR R4
// engine (@odkit/fhir's test server: Medplum's FhirRouter over a MemoryRepository), so the
// FhirStore page talks to an EHR on its own origin (connect-src 'self').
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, posix, relative, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..', '..');

/** URL prefixes the server will serve; anything else is a 404. */
const served = [
  '/test/hosts/',
  '/packages/kit/dist/',
  '/node_modules/govuk-frontend/dist/',
  '/node_modules/nhsuk-frontend/dist/',
];

/**
 * Where `/assets/` comes from: the host frameworks' CSS asks for their fonts and icons
 * there (GOV.UK Frontend's and NHS.UK frontend's default asset path), as a host that
 * copied each package's `assets` folder to its own `/assets/` would serve them.
 */
const assetDirs = ['node_modules/govuk-frontend/dist/govuk/assets', 'node_modules/nhsuk-frontend/dist/nhsuk/assets'];

/** Extra response headers by URL prefix. */
const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'";
export const headersFor = {
  '/test/hosts/csp/': { 'Content-Security-Policy': STRICT_CSP },
  // Two kit versions (two Lit copies, two 'lit-html' policies) under the same policy.
  '/test/hosts/two-versions/': { 'Content-Security-Policy': STRICT_CSP },
  // The home-visit page (SyncedStore over FhirStore): IndexedDB and Web Locks need no directive.
  '/test/hosts/offline/': { 'Content-Security-Policy': STRICT_CSP },
  // The NHS.UK service page: the dashboard, NHS.UK frontend and the host's script under the same policy.
  '/test/hosts/nhs/service/': { 'Content-Security-Policy': STRICT_CSP },
};

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/**
 * The FHIR engine, loaded on the first /fhir/ request (indexing the R4 definitions takes seconds; most pages never
 * ask).
 */
let fhir;
async function fhirHandler() {
  fhir ??= import('../../packages/fhir/test/server/fhir-server.mjs').then(({ createFhirHandler }) =>
    createFhirHandler({ prefix: '/fhir/' }),
  );
  return fhir;
}

/** The server-rendered pages, loaded on the first request (build.mjs bundles them for node before the tests). */
let ssr;
function ssrPages() {
  ssr ??= import('./.generated/ssr-pages.mjs');
  return ssr;
}

export function startServer(port = Number(process.env.HOSTS_PORT ?? 8300)) {
  const server = createServer(async (req, res) => {
    // Normalised before any check, so "/test/hosts/..%2f..%2fpackage.json" cannot step outside.
    const path = posix.normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname));
    if (path.startsWith('/fhir/')) {
      return (await fhirHandler()).handle(req, res).catch((error) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error));
      });
    }
    // The server-rendered pages (@odkit/ssr), built by build.mjs; static files under ssr/ are served as usual.
    if (path.startsWith('/test/hosts/ssr/') && !extname(path)) {
      try {
        if (await (await ssrPages()).handleSsrPage(req, res, path)) return;
      } catch (error) {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error));
        return;
      }
    }
    // Browsers ask for a favicon on their own; the pages have none.
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    if (path.startsWith('/assets/')) return serveAsset(res, path.slice('/assets/'.length));
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    const allowed = served.find((p) => path.startsWith(p));
    if (!allowed || !inside(file, join(root, allowed))) return notFound(res);
    try {
      if (!(await stat(file)).isFile()) return notFound(res);
      const body = await readFile(file);
      const extra = Object.entries(headersFor).find(([p]) => path.startsWith(p))?.[1] ?? {};
      res.writeHead(200, {
        'Content-Type': types[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
        ...extra,
      });
      res.end(body);
    } catch {
      notFound(res);
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

async function serveAsset(res, rest) {
  for (const dir of assetDirs) {
    const base = join(root, dir);
    const file = normalize(join(base, rest));
    if (!inside(file, base)) break;
    try {
      if (!(await stat(file)).isFile()) continue;
      res.writeHead(200, {
        'Content-Type': types[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
      });
      return void res.end(await readFile(file));
    } catch {
      // Not in this package's assets: try the next.
    }
  }
  notFound(res);
}

/** Whether `file` is `dir` itself or below it. */
function inside(file, dir) {
  const rel = relative(dir, file);
  return !rel.startsWith('..') && !isAbsolute(rel);
}

function notFound(res) {
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('Not found');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await startServer();
  console.log(`host pages on http://127.0.0.1:${server.address().port}/test/hosts/`);
}
