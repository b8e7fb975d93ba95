/**
 * Reading what the server says about a write or a batch read, trusting none of it: a
 * transaction counts as saved only when its answer is a `transaction-response` Bundle with
 * one 2xx entry per request and a version for every resource written. Pure functions; the
 * store applies what they return only once all of it checked out.
 */
import { StorageError, type ConflictError } from '@odkit/core';
import { keyOf } from '../from-fhir.js';
import type { BundleEntry, FhirResource } from '../types.js';
import type { Answer } from './exchange.js';

/** What the server said about one entry of a transaction or batch. */
export interface EntryResult {
  /** The entry's HTTP status (NaN when it gave none). */
  readonly status: number;
  readonly resource?: FhirResource;
  readonly etag?: unknown;
  readonly location?: unknown;
}

const NOT_SAVED = 'Nothing was changed here; reload the case to see what the server holds, then try again.';

export const isResource = (v: unknown): v is FhirResource =>
  typeof v === 'object' && v !== null && typeof (v as FhirResource).resourceType === 'string';

/** A version a server may give (an ETag's opaque value: visible ASCII, no quote). */
export const isVersion = (v: unknown): v is string => typeof v === 'string' && /^[!#-~]{1,128}$/.test(v);

/** The entries of a `type` Bundle answering `count` requests, or undefined when the answer is not one. */
export function entryResults(
  answer: Answer,
  type: 'transaction-response' | 'batch-response',
  count: number,
): EntryResult[] | undefined {
  const body = answer.body as { resourceType?: unknown; type?: unknown; entry?: unknown };
  if (answer.status !== 200 || !isResource(body) || body.resourceType !== 'Bundle' || body.type !== type)
    return undefined;
  if (!Array.isArray(body.entry) || body.entry.length !== count) return undefined;
  return (body.entry as unknown[]).map((entry) => {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as { resource?: unknown; response?: unknown };
    const response = (typeof e.response === 'object' && e.response !== null ? e.response : {}) as {
      status?: unknown;
      etag?: unknown;
      location?: unknown;
    };
    const status =
      typeof response.status === 'string'
        ? Number(/^\s*(\d{3})\b/.exec(response.status)?.[1] ?? Number.NaN)
        : Number.NaN;
    return {
      status,
      resource: isResource(e.resource) ? e.resource : undefined,
      etag: response.etag,
      location: response.location,
    };
  });
}

/** The version a result gives for the resource it saved: its meta.versionId, ETag or `_history` location. */
export function versionOf(result: EntryResult): string | undefined {
  const candidates = [
    result.resource?.meta?.versionId,
    typeof result.etag === 'string' ? /^(?:W\/)?"([^"]*)"$/.exec(result.etag)?.[1] : undefined,
    typeof result.location === 'string' ? /\/_history\/([^/?#]+)/.exec(result.location)?.[1] : undefined,
  ];
  return candidates.find(isVersion);
}

/**
 * What a transaction answer says was saved: each written resource (by `Type/id`) as the server
 * now holds it, with its version, and `undefined` for each deleted one. Throws ConflictError
 * (412/409: someone else wrote first) or StorageError (anything else it does not confirm).
 */
export function confirmTransaction(
  answer: Answer,
  entries: readonly BundleEntry[],
  conflict: () => ConflictError,
): Map<string, FhirResource | undefined> {
  if (answer.status === 412 || answer.status === 409) throw conflict();
  const results = entryResults(answer, 'transaction-response', entries.length);
  if (!results) {
    if (refuses(answer.status)) throw refused(`HTTP ${answer.status}`);
    throw unconfirmed(
      answer.status === 200 ? 'it is not a transaction-response with one entry per request' : `HTTP ${answer.status}`,
    );
  }
  if (results.some((r) => r.status === 412 || r.status === 409)) throw conflict();
  const failed = results.findIndex((r) => !(r.status >= 200 && r.status < 300));
  if (failed >= 0) {
    const status = results[failed]!.status;
    const why = `entry ${failed + 1} of ${results.length} says ${Number.isNaN(status) ? 'no status' : `HTTP ${status}`}`;
    throw refuses(status) ? refused(why) : unconfirmed(why);
  }
  const saved = new Map<string, FhirResource | undefined>();
  entries.forEach((entry, i) => {
    const request = entry.request!;
    if (request.method === 'DELETE') {
      saved.set(request.url, undefined);
      return;
    }
    const result = results[i]!;
    const version = versionOf(result);
    const written = result.resource ?? entry.resource;
    const key =
      request.method === 'PUT'
        ? request.url
        : result.resource
          ? keyOf(result.resource)
          : /(?:^|\/)([A-Za-z]+\/[A-Za-z0-9.-]{1,64})\/_history\//.exec(String(result.location ?? ''))?.[1];
    const [type, id] = key?.split('/') ?? [];
    if (!written || !key || written.resourceType !== type || (result.resource && keyOf(result.resource) !== key)) {
      throw unconfirmed(`entry ${i + 1} of ${results.length} is not the resource written`);
    }
    if (!version) throw unconfirmed(`it gives no version for the ${type} written`);
    saved.set(key, { ...written, id, meta: { ...written.meta, versionId: version } });
  });
  return saved;
}

/**
 * An answer that says the server will never take this write as it is (400 bad request,
 * 403 forbidden, 405, 422 unprocessable…): retrying cannot help. Not 401 (a new sign-in
 * may), 404 (a wrong address for the whole server), 408, 409, 412 (a conflict), 429
 * (busy): those are worth trying again.
 */
export const refuses = (status: number): boolean =>
  status >= 400 && status < 500 && ![401, 404, 408, 409, 412, 429].includes(status);

const refused = (why: string) =>
  new StorageError(
    `The FHIR server refused the change (${why}): trying again will not help. Nothing was changed; ask your system administrator if it goes on.`,
    { permanent: true },
  );

const unconfirmed = (why: string) =>
  new StorageError(`The FHIR server's answer does not confirm that the change was saved (${why}). ${NOT_SAVED}`);
