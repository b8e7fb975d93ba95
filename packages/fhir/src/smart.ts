/**
 * SMART on FHIR launch for widget pages, on the `fhirclient` library (SMART Health IT).
 *
 * - EHR launch: the EHR opens your launch page with `?iss=…&launch=…`; call
 *   `authorizeSmart({ clientId, scope })` there. Standalone launch: pass `iss`
 *   (the FHIR server) yourself, and ask for `launch/patient` so the user picks a patient.
 * - On the redirect page, `completeSmartLaunch()` gives what FhirStore needs
 *   (`baseUrl`, `patientId`, an `http` function that adds the access token, only to
 *   URLs under `baseUrl`, and refreshes it), or `openSmartFhirStore()` opens the store directly.
 *
 * Import it from `@odkit/fhir/smart`: `fhirclient` is loaded only by this entry.
 */
import { StorageError, ValidationError, parseAuthor, type Author, type Issue } from '@odkit/core';
import { FhirStore, type FhirHttp, type FhirStoreOptions } from './fhir-store.js';
import { isUnderBase } from './internal/links.js';

/** The parts of fhirclient's browser API this helper uses. */
export interface SmartApi {
  oauth2: {
    authorize(params: Record<string, unknown>): Promise<string | void>;
    ready(): Promise<SmartClient>;
  };
}

export interface SmartClient {
  state: { serverUrl: string };
  patient: { id: string | null };
  getAuthorizationHeader(): string | null;
  refreshIfNeeded(): Promise<unknown>;
  /** The launch's `fhirUser` (`Practitioner/123`), or null when the launch gave none (no `openid fhirUser` scopes). */
  getFhirUser(): string | null;
  /** Reads a resource (relative to the server) with the launch's token. */
  request(url: string): Promise<unknown>;
}

export interface SmartAuthorizeOptions {
  /** The app's client id, as registered with the EHR's authorisation server. */
  clientId: string;
  /**
   * Scopes to ask for (default: `launch openid fhirUser patient/*.read patient/*.write`;
   * `launch/patient` replaces `launch` in a standalone launch).
   */
  scope?: string;
  /** Where the authorisation server sends the browser back (default: this page). */
  redirectUri?: string;
  /** Standalone launch: the FHIR server to launch against. Leave out for an EHR launch (it comes in the URL). */
  iss?: string;
  /** For tests and open servers: the FHIR server to use without authorisation (fhirclient's `fhirServiceUrl`). */
  fhirServiceUrl?: string;
  /** With `fhirServiceUrl`: the patient to open. */
  patientId?: string;
  /** Return the authorisation URL instead of navigating to it. */
  noRedirect?: boolean;
}

/** What FhirStore needs, from a completed launch. */
export interface SmartConnection {
  readonly baseUrl: string;
  readonly patientId: string;
  readonly http: FhirHttp;
  readonly client: SmartClient;
  /**
   * The signed-in user, from the launch's `fhirUser` (id: `Practitioner/123`; name
   * read from that resource; role from a PractitionerRole's code), or undefined
   * when the launch named no user: then the host sets the store's author.
   */
  readonly author: Author | undefined;
}

async function loadFhirClient(): Promise<SmartApi> {
  const module = (await import('fhirclient')) as unknown as { default?: SmartApi } & SmartApi;
  return module.default ?? module;
}

/**
 * Starts a SMART launch: redirects the browser to the authorisation server (or,
 * with `noRedirect`, resolves to the URL). Throws ValidationError for bad options.
 */
export async function authorizeSmart(options: SmartAuthorizeOptions, api?: SmartApi): Promise<string | void> {
  const issues: Issue[] = [];
  if (typeof options?.clientId !== 'string' || !options.clientId.trim())
    issues.push({ path: ['clientId'], message: 'must be the client id registered with the EHR' });
  for (const key of ['iss', 'fhirServiceUrl', 'redirectUri'] as const) {
    const value = options?.[key];
    if (value !== undefined && (typeof value !== 'string' || !/^https?:\/\/|^\.?\//.test(value)))
      issues.push({ path: [key], message: 'must be an http(s) URL' });
  }
  if (issues.length) throw new ValidationError('SMART launch options', issues);
  const standalone = options.iss !== undefined;
  const scope =
    options.scope ?? `${standalone ? 'launch/patient' : 'launch'} openid fhirUser patient/*.read patient/*.write`;
  const params: Record<string, unknown> = { clientId: options.clientId, scope };
  if (options.redirectUri !== undefined) params.redirectUri = options.redirectUri;
  if (options.iss !== undefined) params.iss = options.iss;
  if (options.fhirServiceUrl !== undefined) params.fhirServiceUrl = options.fhirServiceUrl;
  if (options.patientId !== undefined) params.patientId = options.patientId;
  if (options.noRedirect) params.noRedirect = true;
  return (api ?? (await loadFhirClient())).oauth2.authorize(params);
}

/**
 * Finishes a launch on the redirect page. Throws StorageError when the launch
 * failed (the user declined, the state expired) or gave no patient.
 */
export async function completeSmartLaunch(api?: SmartApi): Promise<SmartConnection> {
  let client: SmartClient;
  try {
    client = await (api ?? (await loadFhirClient())).oauth2.ready();
  } catch (cause) {
    throw new StorageError('The SMART launch could not be completed; open the widget from the EHR again.', { cause });
  }
  const patientId = client.patient.id;
  if (!patientId)
    throw new StorageError(
      'The SMART launch gave no patient; launch the widget from a patient’s record, or ask for the launch/patient scope.',
    );
  const baseUrl = client.state.serverUrl.endsWith('/') ? client.state.serverUrl : `${client.state.serverUrl}/`;
  // The access token goes only to the launched server: never to a URL elsewhere, whoever supplies it.
  const http: FhirHttp = async (request) => {
    let headers = request.headers;
    if (isUnderBase(request.url, baseUrl)) {
      await client.refreshIfNeeded();
      const authorization = client.getAuthorizationHeader();
      if (authorization) headers = { ...request.headers, authorization };
    }
    return fetch(request.url, { method: request.method, headers, body: request.body, signal: request.signal });
  };
  return { baseUrl, patientId, http, client, author: await launchAuthor(client) };
}

/** The user a launch names (`fhirUser`), as an Author; undefined when it names none. */
async function launchAuthor(client: SmartClient): Promise<Author | undefined> {
  const fhirUser = typeof client.getFhirUser === 'function' ? client.getFhirUser() : null;
  const id = typeof fhirUser === 'string' ? /([A-Z][A-Za-z]+\/[A-Za-z0-9.-]{1,64})$/.exec(fhirUser)?.[1] : undefined;
  if (!id) return undefined;
  const read = async (url: string): Promise<Record<string, unknown> | undefined> => {
    try {
      const resource = await client.request(url);
      return typeof resource === 'object' && resource !== null ? (resource as Record<string, unknown>) : undefined;
    } catch {
      // Not allowed to read it (or gone): the user is still known by their reference.
      return undefined;
    }
  };
  const user = await read(id);
  let name = nameOf(user?.name);
  let role: string | undefined;
  if (user?.resourceType === 'PractitionerRole') {
    const code = (user.code as { text?: unknown; coding?: { display?: unknown }[] }[] | undefined)?.[0];
    role = [code?.text, code?.coding?.[0]?.display].find((t): t is string => typeof t === 'string' && t.trim() !== '');
    const practitioner = user.practitioner as { reference?: unknown; display?: unknown } | undefined;
    name = typeof practitioner?.display === 'string' && practitioner.display.trim() ? practitioner.display : undefined;
    if (!name && typeof practitioner?.reference === 'string') name = nameOf((await read(practitioner.reference))?.name);
  }
  try {
    // Without a readable name the reference stands in for it: a change is never anonymous.
    return parseAuthor({ id, name: name ?? id, ...(role ? { role } : {}) }, 'SMART user');
  } catch {
    return parseAuthor({ id, name: id }, 'SMART user');
  }
}

/** The display text of a FHIR HumanName list (text, or given names and family). */
function nameOf(names: unknown): string | undefined {
  const first = Array.isArray(names)
    ? (names.find((n: { use?: unknown }) => n?.use === 'official') ?? names[0])
    : undefined;
  if (typeof first !== 'object' || first === null) return undefined;
  const n = first as { text?: unknown; given?: unknown; family?: unknown; prefix?: unknown };
  if (typeof n.text === 'string' && n.text.trim()) return n.text.trim().slice(0, 200);
  const parts = [
    ...(Array.isArray(n.prefix) ? n.prefix : []),
    ...(Array.isArray(n.given) ? n.given : []),
    n.family,
  ].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return parts.length ? parts.join(' ').slice(0, 200) : undefined;
}

/**
 * Completes the launch and opens a FhirStore on the launched patient, with the
 * launch's user as its author (an `author` option, when given, is used instead).
 */
export async function openSmartFhirStore(
  options: Omit<FhirStoreOptions, 'baseUrl' | 'patientId' | 'http'> = {},
  api?: SmartApi,
): Promise<FhirStore> {
  const { baseUrl, patientId, http, author } = await completeSmartLaunch(api);
  const who = options.author ?? author;
  return FhirStore.open({ ...options, ...(who ? { author: who } : {}), baseUrl, patientId, http });
}
