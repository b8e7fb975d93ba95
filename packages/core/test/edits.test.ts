import { expect } from '@open-wc/testing';
import {
  BaseStore,
  ConflictError,
  IndexedDbStore,
  MemoryStore,
  parseCaseRecord,
  type CaseRecord,
  StorageError,
  ValidationError,
  changeActivity,
  changeSubject,
  isSyncingStore,
  newId,
  parseAuthor,
  type Author,
  type Change,
} from '@odkit/core';
import { CASE_ID, exampleRecord, expectInstance, member, rejection, thrown } from './support.js';

const sam: Author = { id: 'Practitioner/sam-1', name: 'Sam Okafor', role: 'Peer support worker' };
const addGran: Change = { type: 'member/add', member: member('gran', { ring: 2, household: false }) };

describe('Edits: who and when', () => {
  it('newId makes ids valid as kit and FHIR ids, different every time, without randomUUID', () => {
    const original = crypto.randomUUID;
    // An EHR intranet page served over plain http has no randomUUID (secure contexts only).
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const ids = new Set(Array.from({ length: 1000 }, () => newId('mt')));
      expect(ids.size).to.equal(1000);
      for (const id of ids) expect(id).to.match(/^mt-[a-z0-9]{20}$/);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true });
    }
  });

  it('a store records the author, the time and an id with every change; history gives them per entity, oldest first', async () => {
    const store = new MemoryStore(exampleRecord(), { author: sam });
    await store.apply(addGran, { at: '2026-05-01T10:00:00+01:00' });
    const updated = { ...addGran.member, ring: 1 as const };
    const alex: Author = { id: 'u-42', name: 'Alex Reid' };
    await store.apply({ type: 'member/update', member: updated }, { author: alex, editId: 'edit-given' });
    const history = await store.history({ kind: 'member', id: 'gran' });
    expect(history.map((e) => [e.type, e.author?.name, e.entity.id])).to.deep.equal([
      ['member/add', 'Sam Okafor', 'gran'],
      ['member/update', 'Alex Reid', 'gran'],
    ]);
    expect(history[0]!.at).to.equal('2026-05-01T10:00:00+01:00');
    expect(history[0]!.id).to.match(/^edit-[a-z0-9]{20}$/);
    expect(history[1]!.id).to.equal('edit-given');
    expect(Date.parse(history[1]!.at)).to.be.closeTo(Date.now(), 60_000);
    expect(await store.history({ kind: 'member', id: 'someone-else' })).to.deep.equal([]);
  });

  it('an edit without an author is logged without one (local stores); never with another edit’s', async () => {
    const store = new MemoryStore(exampleRecord());
    await store.apply(addGran);
    store.author = sam;
    await store.apply({ type: 'member/update', member: { ...addGran.member, ring: 3 } });
    const entries = await store.history({ kind: 'member', id: 'gran' });
    expect(entries.map((e) => e.author?.id)).to.deep.equal([undefined, sam.id]);
  });

  it('refuses a bad author, edit id or time with a ValidationError naming the option, and changes nothing', async () => {
    const store = new MemoryStore(exampleRecord());
    const bad = expectInstance(
      thrown(() => (store.author = { id: '', name: 'X' } as Author)),
      ValidationError,
    );
    expect(bad.message).to.contain('Store author');
    expect(bad.issues[0]!.path).to.deep.equal(['id']);
    for (const [options, path] of [
      [{ editId: 'not an id!' }, ['editId']],
      [{ at: '2026-05-01T10:00' }, ['at']],
      [{ author: { id: 'x', name: 'Y', extra: true } }, ['author']],
    ] as const) {
      const error = expectInstance(await rejection(store.apply(addGran, options as never)), ValidationError);
      expect(error.issues[0]!.path.slice(0, 1)).to.deep.equal(path);
    }
    expect(store.snapshot!.revision).to.equal(1);
    expect(store.snapshot!.record.members.some((m) => m.id === 'gran')).to.equal(false);
  });

  it('history refuses a bad reference; a store without a log says so with a StorageError', async () => {
    const store = new MemoryStore(exampleRecord());
    expectInstance(await rejection(store.history({ kind: 'planet', id: 'x' } as never)), ValidationError);
    /** A store of a host's own that keeps no change log. */
    class NoLog extends BaseStore {
      readonly caseId = CASE_ID;
      protected async read() {
        return { record: parseCaseRecord(exampleRecord()), revision: 1 };
      }
      protected async write(_record: CaseRecord, base: number) {
        return base + 1;
      }
    }
    expectInstance(await rejection(new NoLog().history({ kind: 'member', id: 'gran' })), StorageError);
  });

  it('names the subject and the FHIR activity of every change type', () => {
    expect(changeSubject({ type: 'assessment/rate', assessmentId: 'a1', itemId: 'i1', value: 2 })).to.deep.equal({
      kind: 'assessment',
      id: 'a1',
    });
    expect(changeSubject({ type: 'meeting/cancel', meetingId: 'mt1' })).to.deep.equal({ kind: 'meeting', id: 'mt1' });
    expect(changeActivity(addGran)).to.equal('create');
    expect(changeActivity({ type: 'tie/remove', tieId: 't1' })).to.equal('delete');
    expect(changeActivity({ type: 'assessment/complete', assessmentId: 'a', at: '2026-05-01T10:00:00Z' })).to.equal(
      'update',
    );
    expect(parseAuthor(sam)).to.deep.equal(sam);
  });

  it('isSyncingStore tells a syncing store from a plain one', () => {
    expect(isSyncingStore(new MemoryStore(exampleRecord()))).to.equal(false);
    expect(isSyncingStore(undefined)).to.equal(false);
  });
});

describe('IndexedDbStore change log', () => {
  let databaseName: string;
  beforeEach(() => {
    databaseName = `odkit-log-${newId('db')}`;
  });
  afterEach(async () => {
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(databaseName);
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
  });

  const open = (options: Partial<Parameters<typeof IndexedDbStore.open>[0]> = {}) =>
    IndexedDbStore.open({ caseId: CASE_ID, databaseName, initial: exampleRecord(), ...options });

  it('keeps who and when with every edit, across reopening', async () => {
    const store = await open({ author: sam });
    await store.apply(addGran, { at: '2026-05-01T10:00:00+01:00' });
    await store.apply(
      { type: 'member/update', member: { ...addGran.member, ring: 1 } },
      { author: { id: 'u-7', name: 'Alex Reid' } },
    );
    store.close();
    const again = await open();
    const history = await again.history({ kind: 'member', id: 'gran' });
    expect(history.map((e) => [e.type, e.author?.name])).to.deep.equal([
      ['member/add', 'Sam Okafor'],
      ['member/update', 'Alex Reid'],
    ]);
    expect(history[0]!.at).to.equal('2026-05-01T10:00:00+01:00');
    again.close();
  });

  it('logs nothing for an edit that was not saved (a conflict from another tab)', async () => {
    const a = await open({ author: sam });
    const b = await open({ author: sam });
    await a.apply(addGran);
    // b still holds revision 1: its write conflicts and must leave no log entry behind.
    expectInstance(
      await rejection(
        b.apply({ type: 'member/add', member: member('aunt', { ring: 3, household: false }) }, { baseRevision: 1 }),
      ),
      ConflictError,
    );
    expect(await a.history({ kind: 'member', id: 'aunt' })).to.deep.equal([]);
    expect((await a.history({ kind: 'member', id: 'gran' })).length).to.equal(1);
    a.close();
    b.close();
  });

  it('upgrades a database from before the log: the case opens as it was, and new edits are logged', async () => {
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(databaseName, 1);
      request.onupgradeneeded = () => request.result.createObjectStore('cases', { keyPath: 'caseId' });
      request.onsuccess = () => {
        const db = request.result;
        const tx = db.transaction('cases', 'readwrite');
        tx.objectStore('cases').put({
          caseId: CASE_ID,
          revision: 4,
          record: exampleRecord(),
          savedAt: '2026-01-01T00:00:00Z',
        });
        tx.oncomplete = () => {
          db.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
      request.onerror = () => reject(request.error);
    });
    const store = await IndexedDbStore.open({ caseId: CASE_ID, databaseName, author: sam });
    expect(store.snapshot!.revision).to.equal(4);
    await store.apply(addGran);
    expect((await store.history({ kind: 'member', id: 'gran' })).map((e) => e.author?.id)).to.deep.equal([sam.id]);
    store.close();
  });

  it('skips a damaged log entry (written straight into IndexedDB) and still gives the others', async () => {
    const store = await open({ author: sam });
    await store.apply(addGran);
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(databaseName);
      request.onsuccess = () => {
        const db = request.result;
        const tx = db.transaction('changes', 'readwrite');
        tx.objectStore('changes').put({
          id: 'bad-1',
          caseId: CASE_ID,
          revision: 'x',
          type: '<img>',
          entity: { kind: 'member', id: 'gran' },
        });
        tx.objectStore('changes').put({
          id: 'bad-2',
          caseId: CASE_ID,
          revision: 9,
          at: 'yesterday',
          type: 'member/update',
          entity: { kind: 'member', id: 'gran' },
        });
        tx.oncomplete = () => {
          db.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
    });
    const history = await store.history({ kind: 'member', id: 'gran' });
    expect(history.map((e) => e.type)).to.deep.equal(['member/add']);
    store.close();
  });

  it('discard removes the case’s change log with it', async () => {
    const store = await open({ author: sam });
    await store.apply(addGran);
    store.close();
    expect(await IndexedDbStore.discard({ caseId: CASE_ID, databaseName })).to.equal(true);
    const again = await open();
    expect(await again.history({ kind: 'member', id: 'gran' })).to.deep.equal([]);
    again.close();
  });
});
