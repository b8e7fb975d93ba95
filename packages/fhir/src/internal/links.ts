/**
 * Which URLs the store (and the SMART helper's token) may go to: only those under the FHIR
 * server's base URL. A search's `next` link is followed only there, never twice, and only up
 * to a page limit: a server (or anyone who can shape its answers) cannot send the store, or
 * the access token, elsewhere or round in circles.
 */
import { StorageError } from '@odkit/core';

const ASK = 'The case was not loaded; ask your system administrator to check the FHIR server.';

/** Whether `url` is on the same origin as `base` and under its path (no user info, no other port). */
export function isUnderBase(url: string, base: string): boolean {
  try {
    const target = new URL(url);
    const root = new URL(base);
    const prefix = root.pathname.endsWith('/') ? root.pathname : `${root.pathname}/`;
    return (
      target.origin === root.origin &&
      !target.username &&
      !target.password &&
      (target.pathname === root.pathname || target.pathname.startsWith(prefix))
    );
  } catch {
    return false;
  }
}

export interface Paging {
  readonly baseUrl: string;
  readonly maxPages: number;
  /** The resource type searched, to name in messages. */
  readonly type: string;
  /** Every page URL requested so far (as `URL.href`). */
  readonly seen: Set<string>;
}

/** The next page's URL of a search Bundle, checked; undefined on the last page. Throws StorageError. */
export function nextPage(bundle: { link?: unknown }, pages: number, paging: Paging): string | undefined {
  const links = Array.isArray(bundle.link) ? (bundle.link as unknown[]) : [];
  const next = links.find(
    (l): l is { url: unknown } =>
      typeof l === 'object' && l !== null && (l as { relation?: unknown }).relation === 'next',
  );
  if (next === undefined) return undefined;
  let url: string;
  try {
    url = new URL(String(next.url), paging.baseUrl).href;
  } catch {
    throw new StorageError(
      `The FHIR server's ${paging.type} search gave a next page that is not a web address. ${ASK}`,
    );
  }
  if (!isUnderBase(url, paging.baseUrl)) {
    throw new StorageError(
      `The FHIR server's ${paging.type} search pointed its next page outside the FHIR server; it was not followed, so nothing (and no access token) was sent there. ${ASK}`,
    );
  }
  if (paging.seen.has(url))
    throw new StorageError(
      `The FHIR server's ${paging.type} search repeats a page it already gave, so paging would never end. ${ASK}`,
    );
  if (pages >= paging.maxPages)
    throw new StorageError(
      `The FHIR server's ${paging.type} search has more than ${paging.maxPages} pages (the store's maxPages). ${ASK}`,
    );
  paging.seen.add(url);
  return url;
}
