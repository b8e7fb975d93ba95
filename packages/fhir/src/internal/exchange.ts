/**
 * One request to the FHIR server through the host's `http`, trusting nothing it gives back:
 * a time limit and the host's cancel signal end it (even when the host's function ignores
 * the signal), and whatever comes back (null, a bad status, a throwing `json()`, a Proxy)
 * becomes an answer of plain JSON or a StorageError.
 */
import { OdError, StorageError } from '@odkit/core';
import type { FhirHttp, FhirHttpRequest } from '../fhir-store.js';

/** An answer the store can read: a real HTTP status and a body of plain JSON data. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

export interface ExchangeLimits {
  /** Most milliseconds one request (with its body) may take. */
  readonly timeoutMs: number;
  /** The host's signal: once aborted, the store makes no more requests. */
  readonly signal?: AbortSignal;
}

const NOTHING_CHANGED = 'Nothing was changed here';

export async function exchange(http: FhirHttp, request: FhirHttpRequest, limits: ExchangeLimits): Promise<Answer> {
  const what = `${request.method} request`;
  if (limits.signal?.aborted) throw cancelled(what);
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  // Settles as soon as the time is up or the host cancels, whatever the host's `http` does.
  const stopped = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(
        new StorageError(
          `The FHIR server did not answer within ${seconds(limits.timeoutMs)} (${what}). ${NOTHING_CHANGED}; check the connection and try again.`,
        ),
      );
    }, limits.timeoutMs);
    onAbort = () => {
      controller.abort();
      reject(cancelled(what));
    };
    limits.signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([stopped, send(http, { ...request, signal: controller.signal }, what)]);
  } finally {
    clearTimeout(timer);
    limits.signal?.removeEventListener('abort', onAbort!);
  }
}

async function send(http: FhirHttp, request: FhirHttpRequest, what: string): Promise<Answer> {
  let status: number;
  let json: () => unknown;
  let fromFetch: boolean;
  try {
    const response: unknown = await http(request);
    fromFetch = typeof Response === 'function' && response instanceof Response;
    const r = response as { status?: unknown; json?: unknown } | null;
    status = r?.status as number;
    const read = r?.json;
    if (!Number.isInteger(status) || status < 100 || status > 599 || typeof read !== 'function') {
      throw new StorageError(
        `The FHIR connection gave something that is not an HTTP answer (${what}). ${NOTHING_CHANGED}; ask your system administrator to check the page's FHIR set-up.`,
      );
    }
    json = () => read.call(response);
  } catch (cause) {
    if (cause instanceof OdError) throw cause;
    throw new StorageError(
      `Could not reach the FHIR server (${what} failed: ${describe(cause)}). ${NOTHING_CHANGED}; check the connection and try again.`,
      { cause },
    );
  }
  if (status === 204) return { status, body: undefined };
  try {
    const body: unknown = await json();
    // A fetch Response's JSON is plain data already. Anything else a host's function gives goes
    // through a JSON round trip (about 2x the parse), so no getter, proxy or cycle reaches the mapping.
    if (fromFetch) return { status, body };
    const text = JSON.stringify(body);
    return { status, body: text === undefined ? undefined : JSON.parse(text) };
  } catch (cause) {
    // An error answer without a readable body is still an answer: its status says what happened.
    if (status < 200 || status >= 300) return { status, body: undefined };
    throw new StorageError(`The FHIR server's answer could not be read (HTTP ${status}). ${NOTHING_CHANGED}.`, {
      cause,
    });
  }
}

const cancelled = (what: string) =>
  new StorageError(
    `The page cancelled the FHIR connection (${what} not made or not finished). ${NOTHING_CHANGED}; reload the page to try again.`,
  );

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(3))} s`;

/** An error's kind only: its message could carry a URL or a token. */
function describe(e: unknown): string {
  try {
    return e instanceof Error && /^[A-Za-z]{1,40}$/.test(e.name) ? e.name : 'error';
  } catch {
    return 'error'; // a revoked Proxy, a throwing getter
  }
}
