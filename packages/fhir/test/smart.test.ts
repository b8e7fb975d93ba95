import { expect } from '@open-wc/testing';
import { StorageError, ValidationError } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { FhirStore } from '@odkit/fhir';
import { authorizeSmart, completeSmartLaunch, openSmartFhirStore, type SmartApi } from '@odkit/fhir/smart';
// fhirclient's own browser build (the package's "browser" entry, prebuilt): sets window.FHIR.
import '../node_modules/fhirclient/build/fhir-client.pure.min.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { FHIR_URL, http, uniqueId } from './support.js';

const FHIR = (window as unknown as { FHIR: SmartApi }).FHIR;

describe('SMART on FHIR launch (fhirclient)', () => {
  guardConsole();
  const page = location.href;
  afterEach(() => history.replaceState(null, '', page));

  it('launches against an open FHIR server and opens a FhirStore on the launched patient', async () => {
    const patientId = uniqueId('smart');
    const record = structuredClone(demoCase);
    record.id = uniqueId('case');
    record.person.id = patientId;
    for (const tie of record.ties) if (tie.from === demoCase.person.id) tie.from = patientId;
    await FhirStore.open({ baseUrl: FHIR_URL, patientId, http, initial: record });

    const redirect = await authorizeSmart({ clientId: 'odkit-test', fhirServiceUrl: FHIR_URL, patientId, redirectUri: location.pathname, noRedirect: true }, FHIR);
    expect(redirect).to.be.a('string');
    // The browser would now be sent to the redirect page; the test page stands in for it.
    history.replaceState(null, '', redirect as string);
    const connection = await completeSmartLaunch(FHIR);
    expect(connection.patientId).to.equal(patientId);
    expect(connection.baseUrl).to.equal(FHIR_URL);
    history.replaceState(null, '', redirect as string);
    const store = await openSmartFhirStore({}, FHIR);
    expect(store.snapshot!.record.person.id).to.equal(patientId);
    expect(store.snapshot!.record.members).to.have.length(demoCase.members.length);
  });

  it('sends the access token only to the launched FHIR server, and passes the store’s signal on', async () => {
    const api: SmartApi = {
      oauth2: {
        authorize: async () => undefined,
        ready: async () => ({ state: { serverUrl: FHIR_URL }, patient: { id: 'p1' }, getAuthorizationHeader: () => 'Bearer secret-token', refreshIfNeeded: async () => undefined }),
      },
    };
    const { http: smartHttp } = await completeSmartLaunch(api);
    const sent: { url: string; init: RequestInit | undefined }[] = [];
    const realFetch = window.fetch;
    window.fetch = async (input, init) => {
      sent.push({ url: String(input), init });
      return new Response('{}', { status: 200 });
    };
    const signal = new AbortController().signal;
    const elsewhere = ['https://elsewhere.example/fhir/Patient/p1', new URL('/fhirx/Patient/p1', location.href).href, new URL('/Patient/p1', location.href).href, `${FHIR_URL.replace('http://', 'http://user:pw@')}Patient/p1`];
    try {
      await smartHttp({ method: 'GET', url: `${FHIR_URL}Patient/p1`, headers: { accept: 'application/fhir+json' }, signal });
      for (const url of elsewhere) await smartHttp({ method: 'GET', url, headers: { accept: 'application/fhir+json' } });
    } finally {
      window.fetch = realFetch;
    }
    const authorization = (init: RequestInit | undefined) => (init?.headers as Record<string, string>).authorization;
    expect(authorization(sent[0]!.init)).to.equal('Bearer secret-token');
    expect(sent[0]!.init!.signal).to.equal(signal);
    expect(sent.slice(1).map((s) => s.url)).to.deep.equal(elsewhere);
    expect(sent.slice(1).map((s) => authorization(s.init))).to.deep.equal(elsewhere.map(() => undefined));
  });

  it('names bad launch options', async () => {
    let error: unknown;
    try {
      await authorizeSmart({ clientId: '', iss: 'javascript:alert(1)' }, FHIR);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path[0])).to.deep.equal(['clientId', 'iss']);
  });

  it('reports a launch that cannot be completed as a StorageError', async () => {
    // fhirclient keeps launch state in sessionStorage: none here, and the URL names an unknown one.
    sessionStorage.clear();
    history.replaceState(null, '', `${location.pathname}?state=no-such-state`);
    let error: unknown;
    try {
      await completeSmartLaunch(FHIR);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(StorageError);
  });
});
