import { expect } from '@open-wc/testing';
import { StorageError, ValidationError } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { authorizeSmart, completeSmartLaunch, openSmartFhirStore, type SmartApi } from '@odkit/fhir/smart';
// fhirclient's own browser build (the package's "browser" entry, prebuilt): sets window.FHIR.
import '../node_modules/fhirclient/build/fhir-client.pure.min.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { FHIR_URL } from './support.js';
import { create, fakeLaunch, seededPatient } from './smart-support.js';

const FHIR = (window as unknown as { FHIR: SmartApi }).FHIR;

async function lastAgent(patientId: string): Promise<unknown> {
  const network = await (await fetch(`${FHIR_URL}CareTeam?subject=Patient/${patientId}`)).json();
  const team = network.entry.find((e: { resource: { id: string } }) => e.resource.id.startsWith('network')).resource;
  const found = await (await fetch(`${FHIR_URL}Provenance?target=CareTeam/${team.id}&_count=200`)).json();
  const list = found.entry
    .map((e: { resource: { recorded: string; agent: unknown[] } }) => e.resource)
    .sort((a: { recorded: string }, b: { recorded: string }) => a.recorded.localeCompare(b.recorded));
  return list.at(-1).agent[0].who;
}

describe('SMART on FHIR launch (fhirclient)', () => {
  guardConsole();
  const page = location.href;
  afterEach(() => history.replaceState(null, '', page));

  it('launches against an open FHIR server and opens a FhirStore on the launched patient', async () => {
    const patientId = await seededPatient();

    const redirect = await authorizeSmart(
      { clientId: 'odkit-test', fhirServiceUrl: FHIR_URL, patientId, redirectUri: location.pathname, noRedirect: true },
      FHIR,
    );
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

  it('gives the launch’s user (fhirUser) as the author, and the store writes with it', async () => {
    const patientId = await seededPatient();
    const practitioner = await create({
      resourceType: 'Practitioner',
      name: [{ prefix: ['Dr'], given: ['Nia'], family: 'Roberts' }],
    });
    // An id token's fhirUser may be absolute.
    const api = fakeLaunch(patientId, `${FHIR_URL}Practitioner/${practitioner.id}`);
    const connection = await completeSmartLaunch(api);
    expect(connection.author).to.deep.equal({ id: `Practitioner/${practitioner.id}`, name: 'Dr Nia Roberts' });
    const store = await openSmartFhirStore({}, api);
    expect(store.author).to.deep.equal(connection.author);
    await store.apply({ type: 'meeting/cancel', meetingId: 'mt-15' });
    expect(await lastAgent(patientId)).to.deep.equal({
      reference: `Practitioner/${practitioner.id}`,
      display: 'Dr Nia Roberts',
    });
  });

  it('reads a PractitionerRole user’s name from its Practitioner and their role from its code', async () => {
    const practitioner = await create({ resourceType: 'Practitioner', name: [{ text: 'Sam Okafor' }] });
    const role = await create({
      resourceType: 'PractitionerRole',
      practitioner: { reference: `Practitioner/${practitioner.id}` },
      code: [{ text: 'Family therapist' }],
    });
    const connection = await completeSmartLaunch(fakeLaunch('pt-1', `PractitionerRole/${role.id}`));
    expect(connection.author).to.deep.equal({
      id: `PractitionerRole/${role.id}`,
      name: 'Sam Okafor',
      role: 'Family therapist',
    });
  });

  it('names the user by their reference when their record cannot be read; no fhirUser gives no author (the host sets one)', async () => {
    const unreadable = await completeSmartLaunch(fakeLaunch('pt-1', 'Practitioner/no-such-practitioner'));
    expect(unreadable.author).to.deep.equal({
      id: 'Practitioner/no-such-practitioner',
      name: 'Practitioner/no-such-practitioner',
    });
    const patientId = await seededPatient();
    const anonymous = await openSmartFhirStore({}, fakeLaunch(patientId, null));
    expect(anonymous.author).to.equal(undefined);
    let error: unknown;
    try {
      await anonymous.apply({ type: 'meeting/cancel', meetingId: 'mt-15' });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ValidationError);
    const host = { id: 'nroberts', name: 'Nia Roberts', role: 'Peer support worker' };
    const store = await openSmartFhirStore({ author: host }, fakeLaunch(patientId, null));
    expect(store.author).to.deep.equal(host);
  });

  it('sends the access token only to the launched FHIR server, and passes the store’s signal on', async () => {
    const api: SmartApi = {
      oauth2: {
        authorize: async () => undefined,
        ready: async () => ({
          state: { serverUrl: FHIR_URL },
          patient: { id: 'p1' },
          getAuthorizationHeader: () => 'Bearer secret-token',
          refreshIfNeeded: async () => undefined,
          getFhirUser: () => null,
          request: async () => ({}),
        }),
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
    const elsewhere = [
      'https://elsewhere.example/fhir/Patient/p1',
      new URL('/fhirx/Patient/p1', location.href).href,
      new URL('/Patient/p1', location.href).href,
      `${FHIR_URL.replace('http://', 'http://user:pw@')}Patient/p1`,
    ];
    try {
      await smartHttp({
        method: 'GET',
        url: `${FHIR_URL}Patient/p1`,
        headers: { accept: 'application/fhir+json' },
        signal,
      });
      for (const url of elsewhere)
        await smartHttp({ method: 'GET', url, headers: { accept: 'application/fhir+json' } });
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
