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

/** Errors that say the connection failed for a moment (no answer came, or it came cut short): worth asking again. */
const transient = new WeakSet<object>();

/** How a read that fails for a moment is asked again (see `exchangeRead`). */
export interface ReadRetry {
  /** Times a read is asked again after the first try (0: never). */
  readonly retries: number;
  /** The first pause in milliseconds; each later one is twice the one before, less a random part of up to half. */
  readonly delayMs: number;
}

/** The options a FhirStore or a FHIR server source takes for asking reads again (documented on FhirStoreOptions). */
export interface ReadRetryOptions {
  readonly readRetries?: number;
  readonly retryDelayMs?: number;
}

/** Names bad `readRetries` and `retryDelayMs` options in `issues`. */
export function checkReadRetry(options: ReadRetryOptions, issues: { path: (string | number)[]; message: string }[]) {
  for (const [key, max] of [
    ['readRetries', 5],
    ['retryDelayMs', 60_000],
  ] as const) {
    const value = options[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= 0 && value <= max))
      issues.push({ path: [key], message: `must be a whole number from 0 to ${max}` });
  }
}

/** The retry for reads the options ask for: 2 more tries, after up to 0.5 s and up to 1 s, by default. */
export const readRetryOf = (options: ReadRetryOptions): ReadRetry => ({
  retries: options.readRetries ?? 2,
  delayMs: options.retryDelayMs ?? 500,
});

/** What a server answers when it is busy or restarting for a moment: the same read may well succeed a little later. */
const TRANSIENT_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/**
 * A request that changes nothing (a GET, or a batch of GETs), asked again after a short pause when the connection
 * failed or the server answered 408, 429, 500, 502, 503 or 504: on a home visit's patchy signal one lost request
 * should not fail a whole load. What the last try gave (its answer or its error) is the result. Not asked again: a
 * time-out (it has waited its `timeoutMs` already), anything once the host's signal is aborted or while the browser
 * says it is offline (a `SyncedStore` tries again when it is back online), and any try that would start more than
 * `timeoutMs` after the first, so one read never takes much more than twice `timeoutMs` in all.
 */
export async function exchangeRead(
  http: FhirHttp,
  request: FhirHttpRequest,
  limits: ExchangeLimits,
  retry: ReadRetry,
): Promise<Answer> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    const wait = retry.delayMs * 2 ** attempt * (0.5 + Math.random() / 2);
    // Decided once this try has failed: the device may have gone offline meanwhile.
    const again = () => attempt < retry.retries && !offline() && Date.now() + wait - started <= limits.timeoutMs;
    try {
      const answer = await exchange(http, request, limits);
      if (!TRANSIENT_STATUSES.has(answer.status) || !again()) return answer;
    } catch (error) {
      if (typeof error !== 'object' || error === null || !transient.has(error) || !again()) throw error;
    }
    await pause(wait, limits.signal, `${request.method} request`);
  }
}

const offline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

/** Waits `ms`, or ends at once (as a cancelled request) when the host's signal is aborted. */
function pause(ms: number, signal: AbortSignal | undefined, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled(what));
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled(what));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `error`, marked as a failure of the moment (worth asking again). */
function markTransient<E extends object>(error: E): E {
  transient.add(error);
  return error;
}

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
    // Read once: the name both words the message and decides whether the read is worth asking again.
    const name = describe(cause);
    const error = new StorageError(
      `Could not reach the FHIR server (${what} failed: ${name}). ${NOTHING_CHANGED}; check the connection and try again.`,
      { cause },
    );
    // A time limit or a cancel of the host's own is not a moment's trouble.
    throw name === 'TimeoutError' || name === 'AbortError' ? error : markTransient(error);
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
    const error = new StorageError(`The FHIR server's answer could not be read (HTTP ${status}). ${NOTHING_CHANGED}.`, {
      cause,
    });
    // fetch's body cut short by the connection rejects with a TypeError: a failure of the moment. Bad JSON (a proxy's
    // login page) or a host's answer that is not data would be the same on every try.
    throw fromFetch && cause instanceof TypeError ? markTransient(error) : error;
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
