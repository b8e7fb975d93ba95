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
import { StorageError, ValidationError, type Issue } from '@odkit/core';
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
  if (typeof options?.clientId !== 'string' || !options.clientId.trim()) issues.push({ path: ['clientId'], message: 'must be the client id registered with the EHR' });
  for (const key of ['iss', 'fhirServiceUrl', 'redirectUri'] as const) {
    const value = options?.[key];
    if (value !== undefined && (typeof value !== 'string' || !/^https?:\/\/|^\.?\//.test(value))) issues.push({ path: [key], message: 'must be an http(s) URL' });
  }
  if (issues.length) throw new ValidationError('SMART launch options', issues);
  const standalone = options.iss !== undefined;
  const scope = options.scope ?? `${standalone ? 'launch/patient' : 'launch'} openid fhirUser patient/*.read patient/*.write`;
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
  if (!patientId) throw new StorageError('The SMART launch gave no patient; launch the widget from a patient’s record, or ask for the launch/patient scope.');
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
  return { baseUrl, patientId, http, client };
}

/** Completes the launch and opens a FhirStore on the launched patient. */
export async function openSmartFhirStore(
  options: Omit<FhirStoreOptions, 'baseUrl' | 'patientId' | 'http'> = {},
  api?: SmartApi,
): Promise<FhirStore> {
  const { baseUrl, patientId, http } = await completeSmartLaunch(api);
  return FhirStore.open({ ...options, baseUrl, patientId, http });
}
