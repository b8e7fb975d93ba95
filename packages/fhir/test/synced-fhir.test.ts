import { expect, waitUntil } from '@open-wc/testing';
import { SyncedStore } from '@odkit/core';
import { FhirStore, type FhirHttp } from '@odkit/fhir';
import { guardConsole } from '../../../test/support/console-guard.js';
import { FHIR_URL, answer, demoFor, http, injectFault, isTransaction, testAuthor, uniqueId } from './support.js';

/**
 * Smoke test: SyncedStore in front of a FhirStore on the repo's FHIR engine (the full end-to-end suite lives
 * elsewhere).
 */
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
    const record = demoFor(patientId);
    await FhirStore.open({ baseUrl: FHIR_URL, patientId, http, initial: record, author: testAuthor });

    let online = true;
    const line: FhirHttp = (request) => (online ? http(request) : Promise.reject(new TypeError('Failed to fetch')));
    const databaseName = uniqueId('sync-db');
    databases.push(databaseName);
    const open = () =>
      SyncedStore.open({
        caseId: record.id,
        databaseName,
        connect: () => FhirStore.open({ baseUrl: FHIR_URL, patientId, http: line }),
        // Each edit carries its author to the server (FhirStore writes it as the Provenance's agent).
        author: testAuthor,
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
    await waitUntil(
      () => second.syncStatus.pending === 1 && second.syncStatus.connection === 'offline',
      'pending offline',
      { timeout: 10_000 },
    );

    online = true;
    // The server applies the next write but the answer is lost: the retry must not apply it again.
    await injectFault({ method: 'POST', path: '', match: patientId, action: 'drop-after' });
    await waitUntil(() => second.syncStatus.pending === 0 && second.syncStatus.connection === 'online', 'sent', {
      timeout: 20_000,
    });
    const fresh = await FhirStore.open({ baseUrl: FHIR_URL, patientId, http });
    expect(fresh.snapshot!.record.members.find((m) => m.id === member.id)!.notes).to.equal('Seen at home');
    expect(second.syncStatus.conflicts).to.deep.equal([]);
    // Once on the server, with its author: the retry found it by its id and did not write it again.
    const history = (await fresh.history({ kind: 'member', id: member.id })).filter((e) => e.type === 'member/update');
    expect(history.map((e) => e.author?.id)).to.deep.equal([testAuthor.id]);
    second.close();
  });

  it('an edit the FHIR server refuses for good (HTTP 422) becomes a `refused` conflict; the edits after it are sent and the store stays online', async function () {
    this.timeout(30_000);
    const patientId = uniqueId('pt');
    const record = demoFor(patientId);
    await FhirStore.open({ baseUrl: FHIR_URL, patientId, http, initial: record, author: testAuthor });
    let online = false;
    // The server's own rules refuse any transaction carrying this text (as a profile check would).
    const line: FhirHttp = (request) => {
      if (!online) return Promise.reject(new TypeError('Failed to fetch'));
      if (isTransaction(request) && request.body!.includes('Refused by the server')) {
        return Promise.resolve(
          answer(422, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'processing' }] }),
        );
      }
      return http(request);
    };
    const databaseName = uniqueId('sync-db');
    databases.push(databaseName);
    const store = await SyncedStore.open({
      caseId: record.id,
      databaseName,
      initial: record,
      connect: () => FhirStore.open({ baseUrl: FHIR_URL, patientId, http: line }),
      author: testAuthor,
      retry: { minDelayMs: 10, maxDelayMs: 100 },
    });
    try {
      const [first, second] = store.snapshot!.record.members;
      await store.apply(
        { type: 'member/update', member: { ...first!, notes: 'Refused by the server' } },
        { editId: 'edit-422' },
      );
      await store.apply(
        { type: 'member/update', member: { ...second!, notes: 'Seen at home' } },
        { editId: 'edit-after-422' },
      );
      online = true;
      await waitUntil(
        () => store.syncStatus.pending === 1 && store.syncStatus.connection === 'online' && !store.syncStatus.sending,
        'the refused edit waits, the next one is sent',
        { timeout: 20_000 },
      );
      expect(store.syncStatus.conflicts.map((c) => [c.editId, c.reason])).to.deep.equal([['edit-422', 'refused']]);
      const fresh = await FhirStore.open({ baseUrl: FHIR_URL, patientId, http });
      expect(fresh.snapshot!.record.members.find((m) => m.id === second!.id)!.notes).to.equal('Seen at home');
    } finally {
      store.close();
    }
  });
});
