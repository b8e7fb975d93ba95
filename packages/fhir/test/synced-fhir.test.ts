import { expect, waitUntil } from '@open-wc/testing';
import { SyncedStore, type CaseRecord } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { FhirStore, type FhirHttp } from '@odkit/fhir';
import { guardConsole } from '../../../test/support/console-guard.js';
import { FHIR_URL, http, injectFault, uniqueId } from './support.js';

/** Smoke test: SyncedStore in front of a FhirStore on the repo's FHIR engine (the full end-to-end suite lives elsewhere). */
describe('SyncedStore in front of a FhirStore', () => {
  guardConsole();
  const databases: string[] = [];
  after(async () => {
    for (const name of databases) {
      await new Promise((resolve) => {
        const req = indexedDB.deleteDatabase(name);
        req.onsuccess = req.onerror = req.onblocked = resolve;
      });
    }
  });

  it('keeps edits made while the server is unreachable across a closed tab, and sends each once when it is back', async function () {
    this.timeout(30_000);
    const patientId = uniqueId('pt');
    const record = structuredClone(demoCase) as CaseRecord;
    record.id = uniqueId('case');
    record.person.id = patientId;
    for (const tie of record.ties) if (tie.from === demoCase.person.id) tie.from = patientId;
    await FhirStore.open({ baseUrl: FHIR_URL, patientId, http, initial: record });

    let online = true;
    const line: FhirHttp = (request) => (online ? http(request) : Promise.reject(new TypeError('Failed to fetch')));
    const databaseName = uniqueId('sync-db');
    databases.push(databaseName);
    const open = () =>
      SyncedStore.open({
        caseId: record.id,
        databaseName,
        connect: () => FhirStore.open({ baseUrl: FHIR_URL, patientId, http: line }),
        retry: { minDelayMs: 10, maxDelayMs: 100 },
      });

    const first = await open();
    await first.syncNow();
    expect(first.syncStatus.connection).to.equal('online');
    online = false;
    const member = first.snapshot!.record.members[0]!;
    await first.apply({ type: 'member/update', member: { ...member, notes: 'Seen at home' } });
    first.close();

    const second = await open();
    expect(second.snapshot!.record.members[0]!.notes).to.equal('Seen at home');
    await waitUntil(() => second.syncStatus.pending === 1 && second.syncStatus.connection === 'offline', 'pending offline', { timeout: 10_000 });

    online = true;
    // The server applies the next write but the answer is lost: the retry must not apply it again.
    await injectFault({ method: 'POST', path: '', action: 'drop-after' });
    await waitUntil(() => second.syncStatus.pending === 0 && second.syncStatus.connection === 'online', 'sent', { timeout: 20_000 });
    const fresh = await FhirStore.open({ baseUrl: FHIR_URL, patientId, http });
    expect(fresh.snapshot!.record.members.find((m) => m.id === member.id)!.notes).to.equal('Seen at home');
    expect(second.syncStatus.conflicts).to.deep.equal([]);
    second.close();
  });
});
