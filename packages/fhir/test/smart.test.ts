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
