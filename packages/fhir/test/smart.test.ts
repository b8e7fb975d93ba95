import { expect } from '@open-wc/testing';
import { StorageError, ValidationError } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { FhirStore } from '@odkit/fhir';
import { authorizeSmart, completeSmartLaunch, openSmartFhirStore, type SmartApi, type SmartClient } from '@odkit/fhir/smart';
// fhirclient's own browser build (the package's "browser" entry, prebuilt): sets window.FHIR.
import '../node_modules/fhirclient/build/fhir-client.pure.min.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { FHIR_URL, http, uniqueId } from './support.js';

const FHIR = (window as unknown as { FHIR: SmartApi }).FHIR;

/** A launch as fhirclient would complete it, naming `fhirUser` (as an id token's claim would), reading from the test engine. */
function fakeLaunch(patientId: string, fhirUser: string | null): SmartApi {
  const client: SmartClient = {
    state: { serverUrl: FHIR_URL },
    patient: { id: patientId },
    getAuthorizationHeader: () => null,
    refreshIfNeeded: async () => undefined,
    getFhirUser: () => fhirUser,
    request: async (url) => {
      const response = await fetch(new URL(url, FHIR_URL));
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    },
  };
  return { oauth2: { authorize: async () => undefined, ready: async () => client } };
}

async function create(resource: object): Promise<{ id: string }> {
  const type = (resource as { resourceType: string }).resourceType;
  const response = await fetch(`${FHIR_URL}${type}`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(resource) });
  return response.json();
}

/** A demo case on the engine for a patient of its own; resolves to the patient id. */
async function seededPatient(): Promise<string> {
  const patientId = uniqueId('smart');
  const record = structuredClone(demoCase);
  record.id = uniqueId('case');
  record.person.id = patientId;
  for (const tie of record.ties) if (tie.from === demoCase.person.id) tie.from = patientId;
  await FhirStore.open({ baseUrl: FHIR_URL, patientId, http, initial: record, author: { id: 'Practitioner/smart-test', name: 'Test Practitioner' } });
  return patientId;
}

async function lastAgent(patientId: string): Promise<unknown> {
  const network = await (await fetch(`${FHIR_URL}CareTeam?subject=Patient/${patientId}`)).json();
  const team = network.entry.find((e: { resource: { id: string } }) => e.resource.id.startsWith('network')).resource;
  const found = await (await fetch(`${FHIR_URL}Provenance?target=CareTeam/${team.id}&_count=200`)).json();
  const list = found.entry.map((e: { resource: { recorded: string; agent: unknown[] } }) => e.resource).sort((a: { recorded: string }, b: { recorded: string }) => a.recorded.localeCompare(b.recorded));
  return list.at(-1).agent[0].who;
}

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
    await FhirStore.open({ baseUrl: FHIR_URL, patientId, http, initial: record, author: { id: 'Practitioner/smart-test', name: 'Test Practitioner' } });

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

  it('gives the launch’s user (fhirUser) as the author, and the store writes with it', async () => {
    const patientId = await seededPatient();
    const practitioner = await create({ resourceType: 'Practitioner', name: [{ prefix: ['Dr'], given: ['Nia'], family: 'Roberts' }] });
    // An id token's fhirUser may be absolute.
    const api = fakeLaunch(patientId, `${FHIR_URL}Practitioner/${practitioner.id}`);
    const connection = await completeSmartLaunch(api);
    expect(connection.author).to.deep.equal({ id: `Practitioner/${practitioner.id}`, name: 'Dr Nia Roberts' });
    const store = await openSmartFhirStore({}, api);
    expect(store.author).to.deep.equal(connection.author);
    await store.apply({ type: 'meeting/cancel', meetingId: 'mt-15' });
    expect(await lastAgent(patientId)).to.deep.equal({ reference: `Practitioner/${practitioner.id}`, display: 'Dr Nia Roberts' });
  });

  it('reads a PractitionerRole user’s name from its Practitioner and their role from its code', async () => {
    const practitioner = await create({ resourceType: 'Practitioner', name: [{ text: 'Sam Okafor' }] });
    const role = await create({ resourceType: 'PractitionerRole', practitioner: { reference: `Practitioner/${practitioner.id}` }, code: [{ text: 'Family therapist' }] });
    const connection = await completeSmartLaunch(fakeLaunch('pt-1', `PractitionerRole/${role.id}`));
    expect(connection.author).to.deep.equal({ id: `PractitionerRole/${role.id}`, name: 'Sam Okafor', role: 'Family therapist' });
  });

  it('names the user by their reference when their record cannot be read; no fhirUser gives no author (the host sets one)', async () => {
    const unreadable = await completeSmartLaunch(fakeLaunch('pt-1', 'Practitioner/no-such-practitioner'));
    expect(unreadable.author).to.deep.equal({ id: 'Practitioner/no-such-practitioner', name: 'Practitioner/no-such-practitioner' });
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
