import { expect } from '@open-wc/testing';
import {
  ConflictError,
  IndexedDbStore,
  MemoryStore,
  NotFoundError,
  StorageError,
  ValidationError,
  parseCaseRecord,
  type CaseRecord,
  type Change,
  type Migration,
  type StoreSnapshot,
} from '@odkit/core';
import {
  CASE_ID,
  PERSON_ID,
  clone,
  exampleRecord,
  expectInstance,
  member,
  minimalRecord,
  rejection,
  thrown,
  tie,
} from './support.js';
import { until } from '../../../test/support/dom.js';

const addGran: Change = { type: 'member/add', member: member('gran', { ring: 2, household: false }) };
const addAunt: Change = { type: 'member/add', member: member('aunt', { ring: 3, household: false }) };
/** Refused by the record's integrity rules: a tie to nobody. */
const badChange: Change = { type: 'tie/add', tie: tie('t9', PERSON_ID, 'ghost') };

/** Records every snapshot a store publishes. */
function listen(store: { subscribe(l: (s: StoreSnapshot) => void): () => void }) {
  const seen: StoreSnapshot[] = [];
  const unsubscribe = store.subscribe((s) => seen.push(s));
  return { seen, unsubscribe };
}

/**
 * Arms a watch on `proto[method]`: `reached` resolves the first time the page calls it with arguments `matches`
 * accepts (the call itself goes ahead unchanged). A moment in a save named by what the store did, not by the clock.
 * `restore` puts the method back (also done once reached).
 */
function onNextCall<P extends object, K extends keyof P & string>(
  proto: P,
  method: K,
  matches: (...args: unknown[]) => boolean = () => true,
): { reached: Promise<void>; restore: () => void } {
  const original = proto[method] as unknown as (...args: unknown[]) => unknown;
  const restore = () => {
    (proto as Record<K, unknown>)[method] = original;
  };
  const reached = new Promise<void>((resolve) => {
    (proto as Record<K, unknown>)[method] = function (this: unknown, ...args: unknown[]) {
      const result = original.apply(this, args);
      if (matches(...args)) {
        restore();
        resolve();
      }
      return result;
    };
  });
  return { reached, restore };
}

describe('MemoryStore', () => {
  it('starts at revision 1 with the parsed, frozen record', () => {
    const store = new MemoryStore(exampleRecord());
    expect(store.caseId).to.equal(CASE_ID);
    expect(store.snapshot!.revision).to.equal(1);
    expect(store.snapshot!.record).to.deep.equal(exampleRecord());
    expect(Object.isFrozen(store.snapshot!.record)).to.equal(true);
  });

  it('rejects an invalid record in its constructor with a ValidationError', () => {
    const bad = exampleRecord();
    bad.members[0]!.ring = 4 as never;
    const error = thrown(() => new MemoryStore(bad));
    expect(expectInstance(error, ValidationError).issues.map((i) => i.path)).to.deep.equal([['members', 0, 'ring']]);
  });

  it('applies a change: bumps the revision and notifies each subscriber once with the new snapshot', async () => {
    const store = new MemoryStore(exampleRecord());
    const a = listen(store);
    const b = listen(store);
    const snapshot = await store.apply(addGran);
    expect(snapshot.revision).to.equal(2);
    expect(snapshot.record.members.map((m) => m.id)).to.include('gran');
    expect(store.snapshot).to.equal(snapshot);
    expect(a.seen).to.deep.equal([snapshot]);
    expect(a.seen[0]).to.equal(snapshot);
    expect(b.seen).to.have.length(1);
  });

  it('stops notifying after unsubscribe', async () => {
    const store = new MemoryStore(exampleRecord());
    const a = listen(store);
    const b = listen(store);
    await store.apply(addGran);
    a.unsubscribe();
    await store.apply(addAunt);
    expect(a.seen.map((s) => s.revision)).to.deep.equal([2]);
    expect(b.seen.map((s) => s.revision)).to.deep.equal([2, 3]);
  });

  it('does not notify on load when nothing changed', async () => {
    const store = new MemoryStore(exampleRecord());
    const a = listen(store);
    const loaded = await store.load();
    expect(loaded.revision).to.equal(1);
    expect(a.seen).to.have.length(0);
  });

  it('keeps going when a subscriber throws, and rethrows its error in a microtask', async () => {
    const store = new MemoryStore(exampleRecord());
    // The store reports a subscriber's error with queueMicrotask (so the page sees it); catch it there.
    const original = globalThis.queueMicrotask;
    const reported: unknown[] = [];
    globalThis.queueMicrotask = (callback) =>
      original(() => {
        try {
          callback();
        } catch (error) {
          reported.push(error);
        }
      });
    try {
      store.subscribe(() => {
        throw new Error('faulty subscriber');
      });
      const good = listen(store);
      const snapshot = await store.apply(addGran);
      expect(snapshot.revision).to.equal(2);
      expect(store.snapshot).to.equal(snapshot);
      expect(good.seen).to.deep.equal([snapshot]);
      await until(() => reported.length, 'the subscriber\u2019s error to be reported');
    } finally {
      globalThis.queueMicrotask = original;
    }
    expect(reported.map((e) => (e as Error).message)).to.deep.equal(['faulty subscriber']);
  });

  it('refuses an invalid change: ValidationError, snapshot and revision unchanged, no notification', async () => {
    const store = new MemoryStore(exampleRecord());
    const before = store.snapshot;
    const a = listen(store);
    const error = expectInstance(await rejection(store.apply(badChange)), ValidationError);
    expect(error.issues[0]!.path).to.deep.equal(['ties', 5, 'to']);
    const malformed = expectInstance(
      await rejection(store.apply({ type: 'tie/remove' } as unknown as Change)),
      ValidationError,
    );
    expect(malformed.issues[0]!.path).to.deep.equal(['tieId']);
    expectInstance(await rejection(store.apply({ type: 'tie/remove', tieId: 'zz' })), NotFoundError);
    expect(store.snapshot).to.equal(before);
    expect(a.seen).to.have.length(0);
    expect((await store.load()).revision).to.equal(1);
    // The store still works afterwards.
    expect((await store.apply(addGran)).revision).to.equal(2);
  });

  it('refuses a change based on a stale revision with a ConflictError, changing nothing', async () => {
    const store = new MemoryStore(exampleRecord());
    await store.apply(addGran);
    const before = store.snapshot;
    const a = listen(store);
    const error = expectInstance(await rejection(store.apply(addAunt, { baseRevision: 1 })), ConflictError);
    expect(error.expectedRevision).to.equal(1);
    expect(error.actualRevision).to.equal(2);
    expect(error.caseId).to.equal(CASE_ID);
    expect(error.code).to.equal('conflict');
    expect(error.message).to.contain('revision 1').and.contain('revision is 2').and.contain('Nothing was written');
    expect(store.snapshot).to.equal(before);
    expect(store.snapshot!.record.members.map((m) => m.id)).not.to.include('aunt');
    expect(a.seen).to.have.length(0);
    // Based on the current revision it goes through.
    expect((await store.apply(addAunt, { baseRevision: 2 })).revision).to.equal(3);
  });

  it('applies concurrent changes without baseRevision one after another, in order', async () => {
    const store = new MemoryStore(exampleRecord());
    const a = listen(store);
    // The tie depends on the member added just before it: it only works if the changes land in order.
    const [first, second, third] = await Promise.all([
      store.apply(addGran),
      store.apply({ type: 'tie/add', tie: tie('t6', PERSON_ID, 'gran') }),
      store.apply(addAunt),
    ]);
    expect([first.revision, second.revision, third.revision]).to.deep.equal([2, 3, 4]);
    expect(third.record.members.slice(-2).map((m) => m.id)).to.deep.equal(['gran', 'aunt']);
    expect(third.record.ties.at(-1)!.id).to.equal('t6');
    expect(a.seen.map((s) => s.revision)).to.deep.equal([2, 3, 4]);
  });

  it('a failed change in a queue does not stop the ones after it', async () => {
    const store = new MemoryStore(exampleRecord());
    const results = await Promise.allSettled([store.apply(addGran), store.apply(badChange), store.apply(addAunt)]);
    expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
    expect(store.snapshot!.revision).to.equal(3);
  });
});

describe('IndexedDbStore', () => {
  let counter = 0;
  let databaseName: string;
  const opened: IndexedDbStore[] = [];

  /** Opens a store on this test's database and remembers it for closing. */
  async function open(
    options: { initial?: unknown; caseId?: string; migrations?: Migration[]; openTimeout?: number } = {},
  ): Promise<IndexedDbStore> {
    const store = await IndexedDbStore.open({ caseId: CASE_ID, databaseName, ...options });
    opened.push(store);
    return store;
  }

  function close(store: IndexedDbStore) {
    store.close();
    opened.splice(opened.indexOf(store), 1);
  }

  /**
   * Raw IndexedDB access, to write what a store would never write: at the version the
   * database has (a new one is made at version 1, as the kit's first schema had it).
   */
  function rawDatabase(): Promise<IDBDatabase> {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(databaseName);
      request.onupgradeneeded = () => request.result.createObjectStore('cases', { keyPath: 'caseId' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function rawPut(entry: { caseId: unknown; revision?: unknown; record: unknown; savedAt: string }) {
    const db = await rawDatabase();
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('cases', 'readwrite');
      tx.objectStore('cases').put(entry);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }

  async function rawGet(caseId = CASE_ID): Promise<{ revision: number; record: CaseRecord } | undefined> {
    const db = await rawDatabase();
    const value = await new Promise<{ revision: number; record: CaseRecord } | undefined>((resolve, reject) => {
      const request = db.transaction('cases', 'readonly').objectStore('cases').get(caseId);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return value;
  }

  beforeEach(() => {
    counter += 1;
    databaseName = `odkit-test-${Date.now()}-${counter}`;
  });

  afterEach(async () => {
    for (const store of opened.splice(0)) store.close();
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(databaseName);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
      // "blocked" only means a closed connection is still finishing a transaction (e.g. a reload
      // another store's BroadcastChannel message started); the delete goes ahead once it is done.
    });
  });

  it('seeds the initial record as revision 1', async () => {
    const store = await open({ initial: exampleRecord() });
    expect(store.caseId).to.equal(CASE_ID);
    expect(store.databaseName).to.equal(databaseName);
    expect(store.snapshot!.revision).to.equal(1);
    expect(store.snapshot!.record).to.deep.equal(exampleRecord());
    const stored = await rawGet();
    expect(stored!.revision).to.equal(1);
    expect(stored!.record).to.deep.equal(exampleRecord());
  });

  it('without an initial record and nothing stored, open is NotFoundError naming the case', async () => {
    const error = expectInstance(await rejection(open()), NotFoundError);
    expect(error.kind).to.equal('case');
    expect(error.id).to.equal(CASE_ID);
  });

  it('rejects an invalid initial record with a ValidationError and stores nothing', async () => {
    const bad = exampleRecord();
    bad.ties[0]!.to = 'ghost';
    const error = expectInstance(await rejection(open({ initial: bad })), ValidationError);
    expect(error.issues[0]!.path).to.deep.equal(['ties', 0, 'to']);
    expect(await rawGet()).to.equal(undefined);
  });

  it('rejects an initial record for another case with a StorageError', async () => {
    expectInstance(await rejection(open({ initial: minimalRecord({ id: 'other-case' }) })), StorageError);
    expect(await rawGet()).to.equal(undefined);
  });

  it('never overwrites a stored case with a different initial record', async () => {
    const first = await open({ initial: exampleRecord() });
    await first.apply(addGran);
    close(first);
    const second = await open({ initial: minimalRecord() });
    expect(second.snapshot!.revision).to.equal(2);
    expect(second.snapshot!.record.members.map((m) => m.id)).to.include('gran');
    expect((await rawGet())!.record.members).to.have.length(7);
  });

  it('only validates the initial record when it is needed: a stored case opens despite a bad one', async () => {
    close(await open({ initial: exampleRecord() }));
    const store = await open({ initial: { not: 'a record' } });
    expect(store.snapshot!.record.members).to.have.length(6);
  });

  it('reads a case saved by an older schema version through the migrations it is given', async () => {
    const { schemaVersion: _v, ...rest } = exampleRecord();
    await rawPut({
      caseId: CASE_ID,
      revision: 3,
      record: { ...rest, schemaVersion: 0, people: rest.members, members: undefined },
      savedAt: '',
    });
    expectInstance(await rejection(open()), ValidationError);
    const store = await open({
      migrations: [{ from: 0, migrate: ({ people, ...old }) => ({ ...old, members: people }) }],
    });
    expect(store.snapshot!.revision).to.equal(3);
    expect(store.snapshot!.record.members).to.have.length(6);
  });

  it('a store closed during a save reports exactly what was written: applied and stored, or a StorageError and nothing stored', async () => {
    // Close at different moments: before the write's transaction starts, once it is open, and while it writes.
    const moments: [string, () => { reached: Promise<void> | undefined; restore: () => void }][] = [
      ['at once', () => ({ reached: undefined, restore: () => undefined })],
      ['after a microtask', () => ({ reached: Promise.resolve(), restore: () => undefined })],
      [
        'once the save has opened its readwrite transaction',
        () => onNextCall(IDBDatabase.prototype, 'transaction', (_names, mode) => mode === 'readwrite'),
      ],
      ['once the save has issued its write', () => onNextCall(IDBObjectStore.prototype, 'put')],
    ];
    for (const [i, [moment, arm]] of moments.entries()) {
      databaseName = `${databaseName}-close-${i}`;
      const store = await open({ initial: exampleRecord() });
      const { reached, restore } = arm();
      try {
        const saving = store.apply(addGran).then(
          (snapshot) => ({ ok: true as const, revision: snapshot.revision }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        await reached;
        close(store);
        const outcome = await saving;
        const stored = await rawGet();
        if (outcome.ok) {
          expect(outcome.revision, moment).to.equal(2);
          expect(stored!.revision, moment).to.equal(2);
        } else {
          expect(outcome.error, moment).to.be.instanceOf(StorageError);
          expect(stored!.revision, moment).to.equal(1);
        }
      } finally {
        restore();
      }
    }
  });

  it('rejects a missing or malformed case id with a ValidationError naming caseId', async () => {
    for (const caseId of [undefined, { x: 1 }, 'no spaces allowed']) {
      const error = expectInstance(
        await rejection(IndexedDbStore.open({ caseId: caseId as string, databaseName, initial: exampleRecord() })),
        ValidationError,
      );
      expect(error.issues[0]!.path[0]).to.equal('caseId');
    }
  });

  it('persists every change: a reopened store (a reload) has the same record and revision', async () => {
    const store = await open({ initial: exampleRecord() });
    await store.apply(addGran);
    const last = await store.apply({ type: 'meeting/cancel', meetingId: 'mt2', reason: 'Snow' });
    expect(last.revision).to.equal(3);
    close(store);

    const reopened = await open();
    expect(reopened.snapshot!.revision).to.equal(3);
    expect(reopened.snapshot!.record).to.deep.equal(last.record);
    expect(reopened.snapshot!.record.meetings[1]).to.include({ status: 'cancelled', cancellationReason: 'Snow' });
    expect(Object.isFrozen(reopened.snapshot!.record)).to.equal(true);
  });

  it('writes nothing for an invalid change', async () => {
    const store = await open({ initial: exampleRecord() });
    await store.apply(addGran);
    const before = clone(store.snapshot!);
    expectInstance(await rejection(store.apply(badChange)), ValidationError);
    expectInstance(await rejection(store.apply({ type: 'member/remove', memberId: 'ghost' })), NotFoundError);
    expect(store.snapshot!.revision).to.equal(2);
    close(store);
    const reopened = await open();
    expect(reopened.snapshot).to.deep.equal(before);
  });

  it('refuses a stale baseRevision with a ConflictError and writes nothing', async () => {
    const store = await open({ initial: exampleRecord() });
    await store.apply(addGran);
    const error = expectInstance(await rejection(store.apply(addAunt, { baseRevision: 1 })), ConflictError);
    expect([error.expectedRevision, error.actualRevision]).to.deep.equal([1, 2]);
    const stored = await rawGet();
    expect(stored!.revision).to.equal(2);
    expect(stored!.record.members.map((m) => m.id)).not.to.include('aunt');
  });

  it('two stores on one case: the second write, based on an old revision, conflicts and is not written', async () => {
    const a = await open({ initial: exampleRecord() });
    const b = await open();
    expect(b.snapshot!.revision).to.equal(1);

    await a.apply(addGran);
    const error = expectInstance(await rejection(b.apply(addAunt, { baseRevision: 1 })), ConflictError);
    expect(error.expectedRevision).to.equal(1);
    expect(error.actualRevision).to.equal(2);

    const stored = await rawGet();
    expect(stored!.revision).to.equal(2);
    const storedIds = stored!.record.members.map((m) => m.id);
    expect(storedIds).to.include('gran');
    expect(storedIds).not.to.include('aunt');
    // B now shows A's write.
    expect(b.snapshot!.revision).to.equal(2);
    expect(b.snapshot!.record.members.map((m) => m.id)).to.include('gran');
  });

  it('a write from elsewhere that the store has not seen makes its next write conflict, and refreshes it', async () => {
    // Written behind the store's back (no BroadcastChannel message): only the check inside the
    // write transaction can catch this.
    const store = await open({ initial: exampleRecord() });
    const elsewhere = parseCaseRecord(exampleRecord());
    const theirs = { ...elsewhere, person: { ...elsewhere.person, name: 'Changed elsewhere' } };
    await rawPut({ caseId: CASE_ID, revision: 2, record: theirs, savedAt: new Date().toISOString() });
    const seen = listen(store);

    const error = expectInstance(await rejection(store.apply(addGran)), ConflictError);
    expect([error.expectedRevision, error.actualRevision]).to.deep.equal([1, 2]);
    const stored = await rawGet();
    expect(stored!.revision).to.equal(2);
    expect(stored!.record).to.deep.equal(theirs);
    expect(store.snapshot!.revision).to.equal(2);
    expect(store.snapshot!.record.person.name).to.equal('Changed elsewhere');
    expect(seen.seen.map((s) => s.revision)).to.deep.equal([2]);
    // Based on what it now shows, the change goes through.
    expect((await store.apply(addGran)).revision).to.equal(3);
  });

  it('tells other store instances of each write (BroadcastChannel)', async () => {
    const a = await open({ initial: exampleRecord() });
    const b = await open();
    const received = new Promise<StoreSnapshot>((resolve, reject) => {
      // A deadline for a clear failure, not a wait: as long as `until` gives any condition, so a busy machine passes.
      const timer = setTimeout(() => reject(new Error('B was not told of A\u2019s write within 10 s')), 10_000);
      b.subscribe((snapshot) => {
        clearTimeout(timer);
        resolve(snapshot);
      });
    });
    const written = await a.apply(addGran);
    const snapshot = await received;
    expect(snapshot.revision).to.equal(2);
    expect(snapshot.record).to.deep.equal(written.record);
    expect(b.snapshot).to.equal(snapshot);
    // B can now write on top of A's change without a conflict.
    expect((await b.apply(addAunt)).revision).to.equal(3);
  });

  it('ignores messages about other cases', async () => {
    const a = await open({ initial: exampleRecord() });
    const other = await open({ caseId: 'case-2', initial: minimalRecord({ id: 'case-2' }) });
    const seen = listen(a);
    // A second page on case 2, opened after A: once it has heard the write, so has A's channel (messages arrive in
    // order).
    const watcher = await open({ caseId: 'case-2' });
    const heard = listen(watcher);
    await other.apply({ type: 'person/update', person: { id: PERSON_ID, name: 'Someone else' } });
    await until(() => heard.seen.length, 'the other page on case 2 to hear the write');
    expect(seen.seen).to.have.length(0);
    expect(a.snapshot!.revision).to.equal(1);
  });

  it('rejects a stored entry that is not a valid record with a ValidationError', async () => {
    await rawPut({
      caseId: CASE_ID,
      revision: 1,
      record: { schemaVersion: 1, id: CASE_ID, person: { id: 'p1' } },
      savedAt: '',
    });
    const error = expectInstance(await rejection(open()), ValidationError);
    expect(error.issues.map((i) => i.path)).to.deep.include(['person', 'name']);
    // A valid initial record does not paper over it (and does not overwrite it).
    expectInstance(await rejection(open({ initial: exampleRecord() })), ValidationError);
    expect((await rawGet())!.record).to.deep.equal({ schemaVersion: 1, id: CASE_ID, person: { id: 'p1' } });
  });

  it('rejects stored garbage that is not even an object', async () => {
    await rawPut({ caseId: CASE_ID, revision: 7, record: 'garbage', savedAt: 'yesterday' });
    const error = expectInstance(await rejection(open()), ValidationError);
    expect(error.issues[0]!.path).to.deep.equal([]);
  });

  describe('a corrupt stored entry', () => {
    const entry = (overrides: Record<string, unknown>) => ({
      caseId: CASE_ID,
      revision: 3,
      record: exampleRecord(),
      savedAt: '',
      ...overrides,
    });

    for (const [label, revision] of [
      ['text "5"', '5'],
      ['NaN', NaN],
      ['-7', -7],
      ['2.5', 2.5],
      ['0', 0],
      ['an unsafe integer', 2 ** 53],
    ] as const) {
      it(`refuses a revision of ${label} with a ValidationError naming revision`, async () => {
        await rawPut(entry({ revision }));
        const error = expectInstance(await rejection(open()), ValidationError);
        expect(error.issues.map((i) => i.path)).to.deep.equal([['revision']]);
        expect(error.message).to.contain('revision');
      });
    }

    it('refuses a missing revision', async () => {
      const { revision: _revision, ...rest } = entry({});
      await rawPut(rest);
      const error = expectInstance(await rejection(open()), ValidationError);
      expect(error.issues.map((i) => i.path)).to.deep.equal([['revision']]);
    });

    it('refuses a record that is another case', async () => {
      await rawPut(entry({ record: { ...exampleRecord(), id: 'case-2' } }));
      const error = expectInstance(await rejection(open()), ValidationError);
      expect(error.issues.map((i) => i.path)).to.deep.equal([['record', 'id']]);
      expect(error.message).not.to.contain('case-2');
    });

    it('readStoredEntry hands back the raw entry for export, and discard removes only this case', async () => {
      const garbage = entry({ revision: '5', record: { ...exampleRecord(), members: 'lost?' } });
      await rawPut(garbage);
      await rawPut({ ...entry({}), caseId: 'case-2', record: { ...exampleRecord(), id: 'case-2' } });
      expectInstance(await rejection(open()), ValidationError);

      const raw = await IndexedDbStore.readStoredEntry({ caseId: CASE_ID, databaseName });
      expect(raw).to.deep.equal(garbage);
      expect(await IndexedDbStore.readStoredEntry({ caseId: 'nobody', databaseName })).to.equal(undefined);

      expect(await IndexedDbStore.discard({ caseId: CASE_ID, databaseName })).to.equal(true);
      expect(await rawGet()).to.equal(undefined);
      expect((await rawGet('case-2'))!.revision).to.equal(3);
      expect(await IndexedDbStore.discard({ caseId: CASE_ID, databaseName })).to.equal(false);

      // The host can then start again from a good copy (its export, or the server's).
      const store = await open({ initial: exampleRecord() });
      expect(store.snapshot!.revision).to.equal(1);
    });

    it('readStoredEntry and discard check their options', async () => {
      for (const bad of [undefined, { caseId: 'a b' }, { caseId: CASE_ID, databaseName: 5 }]) {
        expectInstance(await rejection(IndexedDbStore.readStoredEntry(bad as never)), ValidationError);
        expectInstance(await rejection(IndexedDbStore.discard(bad as never)), ValidationError);
      }
    });

    it('written while a store is open: apply reports a ValidationError (not a conflict for ever), and the same recovery works', async () => {
      const store = await open({ initial: exampleRecord() });
      await store.apply(addGran);
      for (const corrupt of [
        entry({ revision: '5' }),
        entry({ revision: 9, record: { ...exampleRecord(), person: 'gone' } }),
        entry({ revision: NaN }),
      ]) {
        await rawPut(corrupt);
        const error = expectInstance(await rejection(store.apply(addAunt)), ValidationError);
        expect(error.message).not.to.contain('reload');
      }
      // Nothing the store did overwrote the corrupt entry: it can still be exported.
      expect(await IndexedDbStore.readStoredEntry({ caseId: CASE_ID, databaseName })).to.deep.equal(
        entry({ revision: NaN }),
      );
      store.close();
      opened.splice(opened.indexOf(store), 1);
      expect(await IndexedDbStore.discard({ caseId: CASE_ID, databaseName })).to.equal(true);
      const fresh = await open({ initial: exampleRecord() });
      expect((await fresh.apply(addAunt)).revision).to.equal(2);
    });
  });

  it('a blocked open (a pending delete held up by a connection that ignores versionchange) settles with a StorageError', async () => {
    await rawPut({ caseId: CASE_ID, revision: 1, record: exampleRecord(), savedAt: '' });
    const foreign = await rawDatabase();
    foreign.onversionchange = null; // ignores requests to close
    let deleted = false;
    const deletion = indexedDB.deleteDatabase(databaseName);
    deletion.onsuccess = () => (deleted = true);
    try {
      const started = performance.now();
      const error = expectInstance(await rejection(open({ openTimeout: 300 })), StorageError);
      expect(error.message).to.contain('blocked');
      expect(performance.now() - started).to.be.below(5000);
      expect(deleted).to.equal(false);
    } finally {
      foreign.close();
    }
    await new Promise<void>((resolve) => {
      if (deleted) resolve();
      else deletion.addEventListener('success', () => resolve());
    });
  });

  it('a tab holding the database at the first schema, not closing for a newer one: the open says it is blocked', async () => {
    const older = await rawDatabase();
    older.onversionchange = null;
    try {
      // Far beyond the test's own time limit: the open is refused because the browser says it is blocked, not late.
      const error = expectInstance(await rejection(open({ openTimeout: 120_000 })), StorageError);
      expect(error.message).to.contain('blocked by another open tab');
    } finally {
      older.close();
    }
  });

  it('a newer schema opened in another tab is not held up: this store lets go, and a write here then fails whole', async () => {
    const store = await open({ initial: exampleRecord() });
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(databaseName, 99);
      request.onsuccess = () => resolve(request.result);
      request.onblocked = () => reject(new Error('the store held up the newer open'));
      request.onerror = () => reject(request.error);
    });
    newer.close();
    expectInstance(await rejection(store.apply(addAunt)), StorageError);
    expect(store.snapshot!.revision).to.equal(1);
    expect(store.snapshot!.record).to.deep.equal(exampleRecord());
  });

  it('refuses an openTimeout that is not a positive number of milliseconds', async () => {
    for (const openTimeout of [0, -1, NaN, '100']) {
      const error = expectInstance(await rejection(open({ openTimeout: openTimeout as number })), ValidationError);
      expect(error.issues.map((i) => i.path)).to.deep.equal([['openTimeout']]);
    }
  });
});
