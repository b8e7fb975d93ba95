import { expect, waitUntil } from '@open-wc/testing';
import fc from 'fast-check';
import {
  ConflictError,
  IndexedDbStore,
  NotFoundError,
  StorageError,
  SyncedStore,
  ValidationError,
  isSyncingStore,
  type Author,
  type CaseRecord,
  type Change,
  type OdError,
} from '@odkit/core';
import { CASE_ID, exampleRecord, expectInstance, member, rejection, tie } from './support.js';
import { upgrade } from '../src/stores/outbox.js';
import { BUSY, LEASE_MS, withSenderLock } from '../src/stores/sender-lock.js';
import {
  TestRemote,
  type TestLink,
  deleteDatabase,
  freshName,
  openSynced,
  readAll,
  waitForStatus,
  waitSynced,
  writeRaw,
} from './sync-support.js';

/** Waits until the store has tried (and failed) to connect more than once: its backoff timer runs. */
const waitUntilConnects = (test: () => boolean) =>
  waitUntil(test, 'the store never retried', { timeout: 5000, interval: 5 });

const alex: Author = { id: 'Practitioner/alex', name: 'Alex Rees', role: 'Peer support worker' };
const sam: Author = { id: 'Practitioner/sam', name: 'Sam Jones' };

const mumOf = (record: CaseRecord) => record.members.find((m) => m.id === 'mum')!;
/** A member/update of mum with `fields` changed, made on `store`'s current view. */
const updateMum = (store: SyncedStore, fields: Partial<CaseRecord['members'][number]>): Change => ({
  type: 'member/update',
  member: { ...mumOf(store.snapshot!.record), ...fields },
});

describe('SyncedStore', () => {
  const open: SyncedStore[] = [];
  const names: string[] = [];
  /** A store to be closed and its database deleted after the test. */
  async function synced(
    remote: TestRemote | TestLink,
    name = freshName(),
    options: Parameters<typeof openSynced>[2] = {},
  ) {
    if (!names.includes(name)) names.push(name);
    const store = await openSynced(remote, name, options);
    open.push(store);
    return store;
  }
  afterEach(async () => {
    for (const store of open.splice(0)) store.close();
    for (const name of names.splice(0)) await deleteDatabase(name);
  });

  describe('opening', () => {
    it('checks every option and names the one that is wrong', async () => {
      const remote = new TestRemote(exampleRecord());
      const connect = async () => remote;
      const cases: [unknown, (string | number)[]][] = [
        [{ caseId: 'bad id!', connect }, ['caseId']],
        [{ caseId: CASE_ID }, ['connect']],
        [{ caseId: CASE_ID, connect: 'https://ehr' }, ['connect']],
        [{ caseId: CASE_ID, connect, databaseName: '' }, ['databaseName']],
        [{ caseId: CASE_ID, connect, retry: { minDelayMs: -1 } }, ['retry', 'minDelayMs']],
        [{ caseId: CASE_ID, connect, retry: { minDelayMs: 100, maxDelayMs: 10 } }, ['retry', 'maxDelayMs']],
        [{ caseId: CASE_ID, connect, onError: 'log' }, ['onError']],
        [{ caseId: CASE_ID, connect, timeoutMs: 0 }, ['timeoutMs']],
        [{ caseId: CASE_ID, connect, instruments: [] }, ['instruments']],
        [{ caseId: CASE_ID, connect, migrations: [{ from: 1 }] }, ['migrations']],
      ];
      for (const [options, path] of cases) {
        const error = expectInstance(await rejection(SyncedStore.open(options as never)), ValidationError);
        expect(error.message).to.contain('SyncedStore options');
        expect(error.issues.map((i) => i.path)).to.deep.equal([path]);
      }
      const author = expectInstance(
        await rejection(SyncedStore.open({ caseId: CASE_ID, connect, author: { id: '' } as never })),
        ValidationError,
      );
      expect(author.message).to.contain('author');
    });

    it('with no copy on the device and no server, rejects with a StorageError; with `initial`, opens offline', async () => {
      const remote = new TestRemote(exampleRecord());
      remote.online = false;
      const name = freshName();
      names.push(name);
      expectInstance(await rejection(openSynced(remote, name)), StorageError);
      const store = await synced(remote, name, { initial: exampleRecord() });
      expect(store.snapshot!.record.members.map((m) => m.id)).to.include('mum');
      expect(isSyncingStore(store)).to.equal(true);
      await waitForStatus(store, (s) => s.connection === 'offline', 'offline');
    });

    it('a connect that gives another case\u2019s store is reported, never used', async () => {
      const other = new TestRemote({ ...exampleRecord(), id: 'case-2' });
      const name = freshName();
      names.push(name);
      const error = await rejection(openSynced(other, name));
      expect(expectInstance(error, ValidationError).issues[0]!.path).to.deep.equal(['connect']);
    });
  });

  it('edits made offline are shown at once and counted; the server gets them, in order, when it is back', async () => {
    const remote = new TestRemote(exampleRecord());
    const store = await synced(remote, freshName(), { author: alex });
    await waitSynced(store);
    remote.online = false;
    const statuses: number[] = [];
    store.subscribeSyncStatus((s) => statuses.push(s.pending));
    await store.apply(updateMum(store, { name: 'Mam' }));
    await store.apply({ type: 'member/add', member: member('gran') }, { at: '2026-03-02T10:00:00+01:00' });
    await store.apply(updateMum(store, { ring: 2 }), { author: sam });
    expect(mumOf(store.snapshot!.record)).to.include({ name: 'Mam', ring: 2 });
    await waitForStatus(store, (s) => s.pending === 3 && s.connection === 'offline', '3 pending, offline');
    expect(mumOf(remote.inner.snapshot!.record).name).to.equal('Member mum');
    expect(statuses).to.include(1);

    remote.online = true;
    await waitSynced(store);
    expect(store.syncStatus.pending).to.equal(0);
    expect(store.syncStatus.lastSyncedAt).to.be.a('string');
    expect(mumOf(remote.inner.snapshot!.record)).to.include({ name: 'Mam', ring: 2 });
    // Who and when travel with each edit: the time it was made, not when it was sent.
    const history = await remote.inner.history({ kind: 'member', id: 'gran' });
    expect(history.map((h) => [h.at, h.author?.id])).to.deep.equal([['2026-03-02T10:00:00+01:00', alex.id]]);
    const mumHistory = await remote.inner.history({ kind: 'member', id: 'mum' });
    expect(mumHistory.map((h) => h.author?.id)).to.deep.equal([alex.id, sam.id]);
    expect([...remote.applies.values()]).to.deep.equal([1, 1, 1]);
  });

  it('a closed tab keeps its edits: opened again (still offline) it paints them from the device, and sends them when the server is back', async () => {
    const remote = new TestRemote(exampleRecord());
    const name = freshName();
    const first = await synced(remote, name);
    await waitSynced(first);
    remote.online = false;
    const edit = updateMum(first, { name: 'Mam' });
    await first.apply(edit, { editId: 'edit-closed-tab' });
    await first.apply({ type: 'tie/remove', tieId: 't3' });
    first.close();

    const second = await synced(remote, name);
    expect(mumOf(second.snapshot!.record).name).to.equal('Mam');
    expect(second.snapshot!.record.ties.map((t) => t.id)).not.to.include('t3');
    await waitForStatus(second, (s) => s.pending === 2, 'two pending after reopening');
    remote.online = true;
    await waitSynced(second);
    expect(second.syncStatus.pending).to.equal(0);
    expect(mumOf(remote.inner.snapshot!.record).name).to.equal('Mam');
    expect(remote.applies.get('edit-closed-tab')).to.equal(1);
    const log = await second.changeLog();
    expect(log.map((e) => [e.id === 'edit-closed-tab' || e.change.type, e.outcome])).to.deep.equal([
      [true, 'sent'],
      ['tie/remove', 'sent'],
    ]);
  });

  describe('two devices, one server', () => {
    /** Two devices on their own lines: `b` comes back online only after `a` has sent its edits. */
    async function twoDevices() {
      const remote = new TestRemote(exampleRecord());
      const lineA = remote.link();
      const lineB = remote.link();
      const a = await synced(lineA);
      const b = await synced(lineB);
      await waitSynced(a);
      await waitSynced(b);
      lineA.online = false;
      lineB.online = false;
      const reconnect = async () => {
        lineA.online = true;
        await waitSynced(a);
        lineB.online = true;
        await waitSynced(b);
      };
      return { remote, a, b, reconnect };
    }

    it('edits of different fields of the same member merge', async () => {
      const { remote, a, b, reconnect } = await twoDevices();
      await a.apply(updateMum(a, { name: 'Mam' }));
      await b.apply(updateMum(b, { ring: 3, carer: false }));
      await reconnect();
      expect(mumOf(remote.inner.snapshot!.record)).to.include({ name: 'Mam', ring: 3, carer: false });
      expect(mumOf(b.snapshot!.record)).to.include({ name: 'Mam', ring: 3 });
      await waitSynced(a);
      expect(mumOf(a.snapshot!.record)).to.include({ name: 'Mam', ring: 3 });
      expect(b.syncStatus.conflicts).to.deep.equal([]);
    });

    it('the same field changed on both is a conflict, shown field by field until a person decides: keep mine', async () => {
      const { remote, a, b, reconnect } = await twoDevices();
      await a.apply(updateMum(a, { name: 'Mam' }));
      await b.apply(updateMum(b, { name: 'Mother', ring: 2 }), { editId: 'edit-b-mum' });
      await reconnect();
      const [conflict] = b.syncStatus.conflicts;
      expect(conflict).to.include({ editId: 'edit-b-mum', reason: 'changed' });
      expect(conflict!.entity).to.deep.equal({ kind: 'member', id: 'mum' });
      expect(conflict!.fields).to.deep.equal([{ name: 'name', mine: 'Mother', theirs: 'Mam' }]);
      expect(b.syncStatus.pending).to.equal(1);
      // Until decided, the device shows the server's version; the conflict waits in the outbox.
      expect(mumOf(b.snapshot!.record).name).to.equal('Mam');
      const history = await b.history({ kind: 'member', id: 'mum' });
      expect(history.find((h) => h.id === 'edit-b-mum')?.state).to.equal('conflict');

      await b.resolveConflict('edit-b-mum', 'mine');
      await waitSynced(b);
      expect(b.syncStatus.pending).to.equal(0);
      expect(mumOf(remote.inner.snapshot!.record)).to.include({ name: 'Mother', ring: 2 });
      expect(mumOf(b.snapshot!.record)).to.include({ name: 'Mother', ring: 2 });
      expect(remote.applies.get('edit-b-mum')).to.equal(1);
    });

    it('keep theirs sets the edit aside in the log (never dropped silently)', async () => {
      const { remote, a, b, reconnect } = await twoDevices();
      await a.apply(updateMum(a, { name: 'Mam' }));
      await b.apply(updateMum(b, { name: 'Mother' }), { editId: 'edit-b-theirs' });
      await reconnect();
      expect(b.syncStatus.conflicts.map((c) => c.editId)).to.deep.equal(['edit-b-theirs']);
      await b.resolveConflict('edit-b-theirs', 'theirs');
      await waitForStatus(b, (s) => s.pending === 0 && s.conflicts.length === 0, 'conflict gone');
      expect(mumOf(remote.inner.snapshot!.record).name).to.equal('Mam');
      expect(mumOf(b.snapshot!.record).name).to.equal('Mam');
      expect(remote.applies.has('edit-b-theirs')).to.equal(false);
      const log = await b.changeLog();
      expect(log.find((e) => e.id === 'edit-b-theirs')?.outcome).to.equal('set-aside');
      expect(expectInstance(await rejection(b.resolveConflict('edit-b-theirs', 'mine')), NotFoundError).id).to.equal(
        'edit-b-theirs',
      );
      expectInstance(await rejection(b.resolveConflict('edit-b-theirs', 'both' as never)), ValidationError);
    });
  });

  it('sends when the browser says it is online again, or the window gets focus (not only on a timer)', async () => {
    const remote = new TestRemote(exampleRecord());
    // Backoff so long that only the events can start a send within the test.
    const store = await synced(remote, freshName(), { retry: { minDelayMs: 600_000, maxDelayMs: 600_000 } });
    await waitSynced(store);
    remote.online = false;
    await store.apply(updateMum(store, { name: 'Mam' }));
    await store.syncNow();
    expect(store.syncStatus.connection).to.equal('offline');
    remote.online = true;
    window.dispatchEvent(new Event('online'));
    await waitForStatus(store, (s) => s.pending === 0 && s.connection === 'online', 'sent on online');
    remote.online = false;
    await store.apply(updateMum(store, { ring: 3 }));
    await store.syncNow();
    remote.online = true;
    window.dispatchEvent(new Event('focus'));
    await waitForStatus(store, (s) => s.pending === 0, 'sent on focus');
    expect(mumOf(remote.inner.snapshot!.record)).to.include({ name: 'Mam', ring: 3 });
  });

  it('an edit to an entity removed on the server is a `removed` conflict; keeping mine where the record refuses it leaves it a conflict, keeping theirs sets it aside', async () => {
    const remote = new TestRemote(exampleRecord());
    const lineA = remote.link();
    const lineB = remote.link();
    const a = await synced(lineA);
    const b = await synced(lineB);
    await waitSynced(a);
    await waitSynced(b);
    lineB.online = false;
    // B edits the tie between mum and the neighbour; A removes the neighbour (and so the tie).
    const t5 = b.snapshot!.record.ties.find((t) => t.id === 't5')!;
    await b.apply({ type: 'tie/update', tie: { ...t5, quality: 'supportive' } }, { editId: 'edit-t5' });
    await a.apply({ type: 'member/remove', memberId: 'nbr' });
    await waitSynced(a);
    lineB.online = true;
    await waitSynced(b);
    const [conflict] = b.syncStatus.conflicts;
    expect(conflict).to.include({ editId: 'edit-t5', reason: 'removed' });
    expect(conflict!.theirs).to.equal(undefined);
    expect(b.snapshot!.record.ties.map((t) => t.id)).not.to.include('t5');
    // Mine would add the tie again, to a member who is gone: the record refuses it.
    await b.resolveConflict('edit-t5', 'mine');
    await waitSynced(b);
    expect(b.syncStatus.conflicts.map((c) => [c.editId, c.reason])).to.deep.equal([['edit-t5', 'refused']]);
    await b.resolveConflict('edit-t5', 'theirs');
    await waitForStatus(b, (s) => s.pending === 0, 'set aside');
    expect(remote.applies.has('edit-t5')).to.equal(false);
  });

  it('an edit the server refuses is a `refused` conflict showing the entity as mine and theirs; the edits after it still go', async () => {
    const remote = new TestRemote(exampleRecord());
    const store = await synced(remote);
    await waitSynced(store);
    remote.refuse.add('edit-refused');
    remote.online = false;
    await store.apply(updateMum(store, { name: 'Mam' }), { editId: 'edit-refused' });
    await store.apply({ type: 'member/add', member: member('gran') }, { editId: 'edit-next' });
    remote.online = true;
    await waitSynced(store);
    const [conflict] = store.syncStatus.conflicts;
    expect(conflict).to.include({ editId: 'edit-refused', reason: 'refused' });
    expect(conflict!.fields).to.deep.equal([{ name: 'name', mine: 'Mam', theirs: 'Member mum' }]);
    expect(conflict!.mine).to.include({ id: 'mum', name: 'Mam' });
    expect(remote.applies.get('edit-next')).to.equal(1);
    expect(store.syncStatus.pending).to.equal(1);
  });

  it('remembers when it last synced across a closed tab', async () => {
    const remote = new TestRemote(exampleRecord());
    const name = freshName();
    const first = await synced(remote, name);
    await waitSynced(first);
    const at = first.syncStatus.lastSyncedAt!;
    expect(Date.parse(at)).to.be.greaterThan(0);
    first.close();
    remote.online = false;
    const second = await synced(remote, name);
    expect(second.syncStatus.lastSyncedAt).to.equal(at);
  });

  it('a lost answer never duplicates an edit (with the server\u2019s history, and by the rebase alone)', async () => {
    for (const history of [true, false]) {
      const remote = new TestRemote(exampleRecord(), { history });
      const store = await synced(remote);
      await waitSynced(store);
      remote.loseAnswers = 1;
      await store.apply({ type: 'member/add', member: member('gran') }, { editId: `edit-lost-${history}` });
      await store.apply(updateMum(store, { name: 'Mam' }), { editId: `edit-after-${history}` });
      await waitSynced(store, 'synced after a lost answer');
      expect(remote.applies.get(`edit-lost-${history}`), `history ${history}`).to.equal(1);
      expect(remote.applies.get(`edit-after-${history}`)).to.equal(1);
      expect(store.syncStatus.pending).to.equal(0);
      expect(store.syncStatus.conflicts).to.deep.equal([]);
    }
  });

  it('two tabs on one device share one outbox and one sender: each edit reaches the server exactly once', async () => {
    const remote = new TestRemote(exampleRecord(), { checkRevision: false });
    const name = freshName();
    const tab1 = await synced(remote, name);
    const tab2 = await synced(remote, name);
    await waitSynced(tab1);
    // Slow answers: both tabs try to send while the other is sending.
    remote.hold();
    const ids: string[] = [];
    const people = exampleRecord().members.map((m) => m.id);
    for (let i = 0; i < people.length; i++) {
      const tab = i % 2 ? tab2 : tab1;
      // Each tab learns of the other's edit by BroadcastChannel (view and outbox) before its next one.
      const shows = (j: number) => tab.snapshot!.record.members.find((m) => m.id === people[j])!.notes === `note ${j}`;
      await waitForStatus(
        tab,
        (s) => s.pending === i && (i === 0 || shows(i - 1)),
        `tab ${i % 2 ? 2 : 1} sees ${i} pending`,
      );
      const id = `edit-tab-${i}`;
      ids.push(id);
      const current = tab.snapshot!.record.members.find((m) => m.id === people[i])!;
      await tab.apply({ type: 'member/update', member: { ...current, notes: `note ${i}` } }, { editId: id });
      void tab1.syncNow();
      void tab2.syncNow();
    }
    remote.release();
    await waitSynced(tab1);
    await waitSynced(tab2);
    await waitForStatus(tab2, (s) => s.pending === 0, 'tab 2 sees nothing pending');
    expect(ids.map((id) => remote.applies.get(id))).to.deep.equal([1, 1, 1, 1, 1, 1]);
    expect(tab1.syncStatus.conflicts).to.deep.equal([]);
    await waitForStatus(
      tab2,
      () => tab2.snapshot!.record.members.every((m, i) => m.notes === `note ${i}`),
      'tab 2 shows every edit',
    );
  });

  it('a server that never answers counts as offline after timeoutMs; the edit is checked, not sent twice, once it answers', async () => {
    const remote = new TestRemote(exampleRecord());
    const store = await synced(remote, freshName(), { timeoutMs: 100 });
    await waitSynced(store);
    remote.hold();
    await store.apply(updateMum(store, { name: 'Mam' }), { editId: 'edit-slow' });
    await store.syncNow();
    expect(store.syncStatus.connection).to.equal('offline');
    expect(store.syncStatus.pending).to.equal(1);
    remote.release();
    await waitSynced(store);
    expect(remote.applies.get('edit-slow')).to.equal(1);
    expect(store.syncStatus.pending).to.equal(0);
  });

  it('close() stops syncing: no more attempts, syncNow resolves at once', async () => {
    const remote = new TestRemote(exampleRecord());
    let connects = 0;
    const store = await synced(remote, freshName(), {
      connect: async () => {
        connects++;
        throw new StorageError('down (test)');
      },
      initial: exampleRecord(),
    });
    await waitUntilConnects(() => connects >= 2);
    store.close();
    const after = connects;
    await store.syncNow();
    window.dispatchEvent(new Event('online'));
    await store.syncNow();
    expect(connects).to.equal(after);
    expectInstance(await rejection(store.apply({ type: 'member/add', member: member('gran') })), StorageError);
  });

  it('a tab that decides a conflict rebuilds its view on the server record another tab saved since, not on its own older copy', async () => {
    const remote = new TestRemote(exampleRecord());
    const [line1, line2, lineD] = [remote.link(), remote.link(), remote.link()];
    const name = freshName();
    const tab1 = await synced(line1, name, { retry: { minDelayMs: 600_000, maxDelayMs: 600_000 } });
    const tab2 = await synced(line2, name, { retry: { minDelayMs: 600_000, maxDelayMs: 600_000 } });
    const device = await synced(lineD);
    await waitSynced(tab1);
    await waitSynced(tab2);
    line1.online = false;
    line2.online = false;
    await tab1.apply(updateMum(tab1, { name: 'Mam' }), { editId: 'edit-tabs-conflict' });
    await device.apply(updateMum(device, { name: 'Mother' }));
    await waitSynced(device);
    // Tab 2 sends: the edit is a conflict; tab 2 now knows the server's record with "Mother".
    line2.online = true;
    await waitSynced(tab2);
    expect(tab2.syncStatus.conflicts.map((c) => c.editId)).to.deep.equal(['edit-tabs-conflict']);
    line2.online = false;
    // The server changes again; tab 1 reads it (and saves it on the device).
    await device.apply(updateMum(device, { ring: 3 }));
    await waitSynced(device);
    line1.online = true;
    await waitSynced(tab1);
    await waitForStatus(tab2, () => mumOf(tab2.snapshot!.record).ring === 3, 'tab 2 shows what tab 1 read');
    await tab2.resolveConflict('edit-tabs-conflict', 'theirs');
    expect(mumOf(tab2.snapshot!.record)).to.include({ name: 'Mother', ring: 3 });
  });

  it('two tabs editing the same view: the stale edit is a ConflictError, as with every store', async () => {
    const remote = new TestRemote(exampleRecord());
    const name = freshName();
    const tab1 = await synced(remote, name);
    const tab2 = await synced(remote, name);
    const seen = tab2.snapshot!.revision;
    await tab1.apply({ type: 'member/add', member: member('gran') });
    const error = await rejection(tab2.apply({ type: 'member/add', member: member('aunt') }, { baseRevision: seen }));
    expectInstance(error, ConflictError);
  });

  it('a corrupted outbox entry is set aside and reported; the rest still syncs; nothing throws into the page', async () => {
    const remote = new TestRemote(exampleRecord());
    const name = freshName();
    const reported: OdError[] = [];
    const thrownIntoPage: unknown[] = [];
    const onRejection = (event: PromiseRejectionEvent) => thrownIntoPage.push(event.reason);
    const onPageError = (event: ErrorEvent) => thrownIntoPage.push(event.error);
    window.addEventListener('unhandledrejection', onRejection);
    window.addEventListener('error', onPageError);
    const store = await synced(remote, name, { onError: (e) => reported.push(e) });
    await waitSynced(store);
    remote.online = false;
    await store.apply({ type: 'member/add', member: member('gran') }, { editId: 'edit-good-1' });
    await writeRaw(name, 'outbox', 'garbage', [CASE_ID, 50]);
    await writeRaw(
      name,
      'outbox',
      { id: 'edit-x', caseId: CASE_ID, seq: 51, at: 'yesterday', change: { type: 'member/explode' }, state: 'pending' },
      [CASE_ID, 51],
    );
    await store.apply({ type: 'member/add', member: member('aunt') }, { editId: 'edit-good-2' });
    remote.online = true;
    await waitSynced(store);
    expect(store.syncStatus.unreadable).to.equal(2);
    expect(store.syncStatus.pending).to.equal(0);
    expect(remote.applies.get('edit-good-1')).to.equal(1);
    expect(remote.applies.get('edit-good-2')).to.equal(1);
    expect(reported).to.have.length(2);
    for (const error of reported) expect(error).to.be.instanceOf(ValidationError);
    expect(reported.map((e) => e.message).join(' ')).not.to.contain('explode');
    const quarantined = await SyncedStore.readQuarantine({ caseId: CASE_ID, databaseName: name });
    expect(quarantined.map((q) => [q.key, q.value === 'garbage'])).to.deep.equal([
      [[CASE_ID, 50], true],
      [[CASE_ID, 51], false],
    ]);
    expect(quarantined[1]!.reason).to.contain('Outbox entry is invalid').and.contain('at');
    window.removeEventListener('unhandledrejection', onRejection);
    window.removeEventListener('error', onPageError);
    expect(thrownIntoPage).to.deep.equal([]);
  });

  it('a corrupted copy on the device is a ValidationError on open; discarding it keeps the outbox, which is sent on the next open', async () => {
    const remote = new TestRemote(exampleRecord());
    const name = freshName();
    const first = await synced(remote, name);
    await waitSynced(first);
    remote.online = false;
    await first.apply(updateMum(first, { name: 'Mam' }), { editId: 'edit-kept' });
    first.close();
    await writeRaw(name, 'cases', { caseId: CASE_ID, revision: 'five', record: { nonsense: true }, nextSeq: 1 });
    expectInstance(await rejection(openSynced(remote, name)), ValidationError);
    expect(await SyncedStore.discard({ caseId: CASE_ID, databaseName: name })).to.deep.equal({ copy: true, edits: 0 });
    remote.online = true;
    const second = await synced(remote, name);
    await waitSynced(second);
    expect(remote.applies.get('edit-kept')).to.equal(1);
    expect(mumOf(second.snapshot!.record).name).to.equal('Mam');
  });

  it('history merges the server\u2019s log with the edits still on this device', async () => {
    const remote = new TestRemote(exampleRecord());
    const store = await synced(remote, freshName(), { author: alex });
    await waitSynced(store);
    await store.apply(updateMum(store, { name: 'Mam' }), { editId: 'edit-h1' });
    await waitSynced(store);
    remote.online = false;
    await store.apply(updateMum(store, { ring: 3 }), { editId: 'edit-h2' });
    // Offline: this device's log and outbox.
    const offline = await store.history({ kind: 'member', id: 'mum' });
    expect(offline.map((h) => [h.id, h.state])).to.deep.equal([
      ['edit-h1', undefined],
      ['edit-h2', 'pending'],
    ]);
    remote.online = true;
    // Online, before it is sent: the server's log with the pending edit.
    const merged = await store.history({ kind: 'member', id: 'mum' });
    expect(merged.map((h) => h.id)).to.deep.equal(['edit-h1', 'edit-h2']);
    expect(merged[0]!.author).to.deep.equal(alex);
    expectInstance(await rejection(store.history({ kind: 'wizard', id: 'x' } as never)), ValidationError);
  });

  describe('nothing recorded is lost, undone or anonymous', () => {
    it('keep mine after a colleague\u2019s later change to another field keeps their change; the panel shows theirs as it is now', async () => {
      const remote = new TestRemote(exampleRecord());
      const [lineA, lineB] = [remote.link(), remote.link()];
      const a = await synced(lineA);
      const b = await synced(lineB);
      await waitSynced(a);
      await waitSynced(b);
      lineB.online = false;
      await a.apply(updateMum(a, { name: 'Mam' }));
      await b.apply(updateMum(b, { name: 'Mother' }), { editId: 'edit-b-stale' });
      await waitSynced(a);
      lineB.online = true;
      await waitSynced(b);
      expect(b.syncStatus.conflicts.map((c) => c.editId)).to.deep.equal(['edit-b-stale']);
      // Later, while the conflict waits, a colleague changes mum's notes.
      await a.apply(updateMum(a, { notes: 'Their later note' }));
      await waitSynced(a);
      await waitSynced(b);
      const [conflict] = b.syncStatus.conflicts;
      expect(conflict!.theirs).to.include({ name: 'Mam', notes: 'Their later note' });
      expect(conflict!.fields).to.deep.equal([{ name: 'name', mine: 'Mother', theirs: 'Mam' }]);
      await b.resolveConflict('edit-b-stale', 'mine');
      await waitSynced(b);
      expect(mumOf(remote.inner.snapshot!.record)).to.include({ name: 'Mother', notes: 'Their later note' });
    });

    it('a member removed here while a tie to them was added elsewhere is a conflict, not a silent deletion', async () => {
      const remote = new TestRemote(exampleRecord());
      const [lineA, lineB] = [remote.link(), remote.link()];
      const a = await synced(lineA);
      const b = await synced(lineB);
      await waitSynced(a);
      await waitSynced(b);
      lineB.online = false;
      await b.apply({ type: 'member/remove', memberId: 'nbr' }, { editId: 'edit-remove-nbr' });
      await a.apply({ type: 'tie/add', tie: tie('t-new', 'friend', 'nbr') });
      await waitSynced(a);
      lineB.online = true;
      await waitSynced(b);
      const [conflict] = b.syncStatus.conflicts;
      expect(conflict).to.include({ editId: 'edit-remove-nbr', reason: 'changed' });
      expect(conflict!.fields.map((f) => f.name)).to.deep.equal(['ties']);
      expect(remote.inner.snapshot!.record.ties.map((t) => t.id)).to.include('t-new');
      expect(remote.applies.has('edit-remove-nbr')).to.equal(false);
    });

    it('an edit with no author is refused at once (ValidationError naming `author`), nothing queued; with one it goes', async () => {
      const remote = new TestRemote(exampleRecord());
      const store = await synced(remote, freshName(), { author: undefined });
      await waitSynced(store);
      const before = store.snapshot!;
      const error = expectInstance(await rejection(store.apply(updateMum(store, { name: 'Mam' }))), ValidationError);
      expect(error.issues.map((i) => i.path)).to.deep.equal([['author']]);
      expect(store.snapshot).to.equal(before);
      expect(store.syncStatus.pending).to.equal(0);
      expect(await readAll(store.databaseName, 'outbox')).to.deep.equal([]);
      store.author = alex;
      await store.apply(updateMum(store, { name: 'Mam' }), { editId: 'edit-authored' });
      await waitSynced(store);
      const [line] = await remote.inner.history({ kind: 'member', id: 'mum' });
      expect([line!.id, line!.author]).to.deep.equal(['edit-authored', alex]);
    });

    it('an edit the server will never take (HTTP 403/422) is a `refused` conflict; the edits after it still go and the store stays online', async () => {
      const remote = new TestRemote(exampleRecord());
      const store = await synced(remote);
      await waitSynced(store);
      remote.forbid.add('edit-forbidden');
      remote.online = false;
      await store.apply(updateMum(store, { name: 'Mam' }), { editId: 'edit-forbidden' });
      await store.apply({ type: 'member/add', member: member('gran') }, { editId: 'edit-after' });
      remote.online = true;
      await waitSynced(store);
      expect(store.syncStatus.conflicts.map((c) => [c.editId, c.reason])).to.deep.equal([
        ['edit-forbidden', 'refused'],
      ]);
      expect(remote.applies.get('edit-after')).to.equal(1);
      expect(store.syncStatus.connection).to.equal('online');
    });

    it('an outbox entry written by a newer kit is left in the outbox and counted as pending, never set aside', async () => {
      const remote = new TestRemote(exampleRecord());
      const name = freshName();
      const reported: OdError[] = [];
      const store = await synced(remote, name, { onError: (e) => reported.push(e) });
      await waitSynced(store);
      const newer = {
        v: 2,
        id: 'edit-newer',
        caseId: CASE_ID,
        seq: 40,
        at: '2026-03-02T10:00:00+01:00',
        change: { type: 'member/merge', into: 'mum' },
        state: 'pending',
      };
      await writeRaw(name, 'outbox', newer, [CASE_ID, 40]);
      await store.apply({ type: 'member/add', member: member('gran') }, { editId: 'edit-mine' });
      await store.syncNow();
      await waitForStatus(
        store,
        (s) => s.connection === 'online' && !s.sending && remote.applies.get('edit-mine') === 1 && s.pending === 1,
        'mine sent, the newer one waits',
      );
      expect(store.syncStatus.unreadable).to.equal(0);
      expect(await readAll(name, 'outbox')).to.deep.equal([newer]);
      expect(reported).to.deep.equal([]);
    });

    it('every write that keeps a person\u2019s work asks for strict durability (SyncedStore and IndexedDbStore)', async () => {
      const opened: { names: string[]; durability: unknown }[] = [];
      const original = IDBDatabase.prototype.transaction;
      IDBDatabase.prototype.transaction = function (
        this: IDBDatabase,
        names: string | string[],
        mode?: IDBTransactionMode,
        options?: IDBTransactionOptions,
      ) {
        if (mode === 'readwrite') opened.push({ names: [names].flat(), durability: options?.durability });
        return original.call(this, names, mode, options);
      } as typeof original;
      try {
        const remote = new TestRemote(exampleRecord());
        const [lineA, lineB] = [remote.link(), remote.link()];
        const a = await synced(lineA);
        const b = await synced(lineB);
        await waitSynced(b);
        lineB.online = false;
        await a.apply(updateMum(a, { name: 'Mam' }));
        await waitSynced(a);
        await b.apply(updateMum(b, { name: 'Mother' }), { editId: 'edit-durable' });
        lineB.online = true;
        await waitSynced(b);
        await b.resolveConflict('edit-durable', 'mine');
        await waitSynced(b);
        const dbName = freshName();
        names.push(dbName);
        const local = await IndexedDbStore.open({ caseId: CASE_ID, databaseName: dbName, initial: exampleRecord() });
        await local.apply({ type: 'member/add', member: member('gran') });
        local.close();
      } finally {
        IDBDatabase.prototype.transaction = original;
      }
      // SyncedStore: every write of the outbox or the log (edits, decisions, settling, the view).
      const queued = opened.filter((t) => t.names.includes('outbox') || t.names.includes('log'));
      expect(queued.length).to.be.greaterThan(3);
      expect(queued.filter((t) => t.durability !== 'strict')).to.deep.equal([]);
      // IndexedDbStore: the record with its change log.
      const local = opened.filter((t) => t.names.includes('changes'));
      expect(local.length).to.be.greaterThan(0);
      expect(local.filter((t) => t.durability !== 'strict')).to.deep.equal([]);
    });

    it('a history lookup that gets no answer ends the pass offline: a lost answer is never guessed to be unsent', async () => {
      const remote = new TestRemote(exampleRecord());
      const store = await synced(remote);
      await waitSynced(store);
      remote.loseAnswers = 1;
      remote.historyDown = true;
      await store.apply(updateMum(store, { name: 'Mam' }), { editId: 'edit-lost' });
      await waitUntil(() => remote.lost === 1, 'the answer was lost', { timeout: 5000, interval: 5 });
      // It arrived; a colleague then changed the same field.
      await remote.inner.apply(updateMum(store, { name: 'Mother' }), { author: sam });
      const failures = remote.historyFailures;
      await waitUntil(() => remote.historyFailures >= failures + 2, 'history asked again', {
        timeout: 5000,
        interval: 5,
      });
      expect(store.syncStatus.conflicts).to.deep.equal([]);
      expect(store.syncStatus.connection).to.equal('offline');
      remote.historyDown = false;
      await waitSynced(store);
      expect(store.syncStatus.pending).to.equal(0);
      expect((await store.changeLog()).map((e) => [e.id, e.outcome])).to.deep.equal([['edit-lost', 'sent']]);
      expect(remote.applies.get('edit-lost')).to.equal(1);
    });

    it('connects again after a failed pass (an expired session gets a new remote)', async () => {
      const remote = new TestRemote(exampleRecord());
      const [expired, fresh] = [remote.link(), remote.link()];
      let connects = 0;
      const store = await synced(remote, freshName(), { connect: async () => (connects++ === 0 ? expired : fresh) });
      await waitSynced(store);
      expired.online = false;
      await store.apply(updateMum(store, { name: 'Mam' }), { editId: 'edit-reconnect' });
      await waitSynced(store);
      expect(remote.applies.get('edit-reconnect')).to.equal(1);
      expect(connects).to.be.greaterThan(1);
    });

    it('the change log is never overwritten after the copy is discarded and fetched again', async () => {
      const remote = new TestRemote(exampleRecord());
      const name = freshName();
      const first = await synced(remote, name);
      await first.apply(updateMum(first, { name: 'Mam' }), { editId: 'edit-log-1' });
      await waitSynced(first);
      first.close();
      await SyncedStore.discard({ caseId: CASE_ID, databaseName: name });
      const second = await synced(remote, name);
      await second.apply(updateMum(second, { ring: 3 }), { editId: 'edit-log-2' });
      await waitSynced(second);
      expect((await second.changeLog()).map((e) => e.id)).to.deep.equal(['edit-log-1', 'edit-log-2']);
    });

    it('log entries read back from the device are checked: bad ones are left out, never thrown into history', async () => {
      const remote = new TestRemote(exampleRecord());
      const name = freshName();
      const store = await synced(remote, name);
      await store.apply(updateMum(store, { name: 'Mam' }), { editId: 'edit-good' });
      await waitSynced(store);
      await writeRaw(name, 'log', 'garbage', [CASE_ID, 98]);
      await writeRaw(
        name,
        'log',
        {
          id: 'edit-bad',
          caseId: CASE_ID,
          seq: 99,
          at: 'yesterday',
          change: 'boom',
          entity: { kind: 'member', id: 'mum' },
          outcome: 'sent',
          settledAt: 'x',
        },
        [CASE_ID, 99],
      );
      expect((await store.changeLog()).map((e) => e.id)).to.deep.equal(['edit-good']);
      remote.online = false;
      await store.syncNow();
      expect((await store.history({ kind: 'member', id: 'mum' })).map((h) => h.id)).to.deep.equal(['edit-good']);
    });

    it('two tabs deciding the same conflict: one decides, the other gets a NotFoundError', async () => {
      const remote = new TestRemote(exampleRecord());
      const [line1, line2, lineD] = [remote.link(), remote.link(), remote.link()];
      const name = freshName();
      const tab1 = await synced(line1, name);
      const tab2 = await synced(line2, name);
      const device = await synced(lineD);
      await waitSynced(tab1);
      line1.online = false;
      line2.online = false;
      await tab1.apply(updateMum(tab1, { name: 'Mam' }), { editId: 'edit-two-tabs' });
      await device.apply(updateMum(device, { name: 'Mother' }));
      await waitSynced(device);
      line1.online = true;
      await waitSynced(tab1);
      await waitForStatus(tab2, (s) => s.conflicts.length === 1, 'tab 2 sees the conflict');
      const results = await Promise.allSettled([
        tab1.resolveConflict('edit-two-tabs', 'theirs'),
        tab2.resolveConflict('edit-two-tabs', 'mine'),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
      const [failed] = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expectInstance(failed!.reason, NotFoundError);
    });

    it('history while offline answers from the device at once (not after timeoutMs)', async () => {
      const remote = new TestRemote(exampleRecord());
      const store = await synced(remote, freshName(), { timeoutMs: 60_000 });
      await waitSynced(store);
      remote.online = false;
      await store.apply(updateMum(store, { name: 'Mam' }), { editId: 'edit-offline-history' });
      await store.syncNow();
      expect(store.syncStatus.connection).to.equal('offline');
      remote.hold(); // a server that would never answer
      try {
        const history = await store.history({ kind: 'member', id: 'mum' });
        expect(history.map((h) => [h.id, h.state])).to.deep.equal([['edit-offline-history', 'pending']]);
      } finally {
        remote.release();
      }
    });

    it('a tab that upgrades or deletes the database closes this store and reports it once', async () => {
      const remote = new TestRemote(exampleRecord());
      const name = freshName();
      const reported: OdError[] = [];
      const store = await synced(remote, name, { onError: (e) => reported.push(e) });
      await waitSynced(store);
      await deleteDatabase(name);
      await waitUntil(() => reported.length === 1, 'reported', { timeout: 5000, interval: 5 });
      expectInstance(reported[0], StorageError);
      await store.syncNow();
      expectInstance(await rejection(store.apply(updateMum(store, { name: 'Mam' }))), StorageError);
      expect(reported).to.have.length(1);
    });
  });

  it('property: random edits on two devices with random outages and lost answers lose nothing; deciding every conflict empties the outbox', async function () {
    this.timeout(120_000);
    const seen = { conflicts: 0, lost: 0, sent: 0 };
    type Step =
      | { kind: 'edit'; device: 0 | 1; field: 'name' | 'notes' | 'relationship'; member: 'mum' | 'friend' }
      | { kind: 'fault'; fault: 'down' | 'up' | 'lose' }
      | { kind: 'sync'; device: 0 | 1 };
    const step = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record({
          kind: fc.constant('edit' as const),
          device: fc.constantFrom(0 as const, 1 as const),
          field: fc.constantFrom('name' as const, 'notes' as const, 'relationship' as const),
          member: fc.constantFrom('mum' as const, 'friend' as const),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          kind: fc.constant('fault' as const),
          fault: fc.constantFrom('down' as const, 'up' as const, 'lose' as const),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({ kind: fc.constant('sync' as const), device: fc.constantFrom(0 as const, 1 as const) }),
      },
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 4, maxLength: 24 }),
        fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }),
        async (steps: Step[], keepMine: boolean[]) => {
          run++;
          const remote = new TestRemote(exampleRecord(), { history: run % 2 === 0 });
          const devices = [await synced(remote), await synced(remote)];
          const made: string[] = [];
          const values = new Map<string, { member: string; field: string; value: string }>();
          try {
            for (const [i, s] of steps.entries()) {
              if (s.kind === 'fault') {
                if (s.fault === 'down') remote.online = false;
                else if (s.fault === 'up') remote.online = true;
                else remote.loseAnswers++;
              } else if (s.kind === 'sync') {
                await devices[s.device]!.syncNow();
              } else {
                const store = devices[s.device]!;
                // Unique values: no edit can match another by chance.
                const value = `v${run}-${i}`;
                const id = `edit-${run}-${i}`;
                made.push(id);
                values.set(id, { member: s.member, field: s.field, value });
                // Made on the view it was read from (as the widgets do): a view refreshed meanwhile is a ConflictError,
                // and the edit is made again on the new one.
                for (let tries = 0; ; tries++) {
                  const seen = store.snapshot!;
                  const current = seen.record.members.find((m) => m.id === s.member)!;
                  const next =
                    s.field === 'relationship'
                      ? { ...current, relationship: { text: value } }
                      : { ...current, [s.field]: value };
                  try {
                    await store.apply(
                      { type: 'member/update', member: next },
                      { editId: id, baseRevision: seen.revision },
                    );
                    break;
                  } catch (error) {
                    if (!(error instanceof ConflictError) || tries > 20) throw error;
                  }
                }
              }
            }
            remote.online = true;
            remote.loseAnswers = 0;
            for (const store of devices) await waitSynced(store);
            for (const store of devices) await waitSynced(store);
            // Zero lost: every edit is on the server (once) or waits as a conflict.
            const conflicts = new Set(devices.flatMap((d) => d.syncStatus.conflicts.map((c) => c.editId)));
            seen.conflicts += conflicts.size;
            seen.lost += remote.lost;
            seen.sent += remote.applies.size;
            for (const id of made) {
              const applied = remote.applies.get(id) ?? 0;
              expect(applied <= 1, `${id} applied ${applied} times`).to.equal(true);
              expect(applied === 1 || conflicts.has(id), `${id} is neither on the server nor a conflict`).to.equal(
                true,
              );
            }
            // Decide every conflict (mine or theirs at random) until none is left.
            let decisions = 0;
            for (let round = 0; round < 10; round++) {
              const waiting = devices.flatMap((d) => d.syncStatus.conflicts.map((c) => [d, c.editId] as const));
              if (!waiting.length) break;
              for (const [store, id] of waiting)
                await store.resolveConflict(id, keepMine[decisions++ % keepMine.length] ? 'mine' : 'theirs');
              for (const store of devices) await waitSynced(store);
            }
            for (const store of devices) {
              await waitSynced(store);
              expect(store.syncStatus.pending).to.equal(0);
            }
            // Every edit is on the server or set aside in a device's log: accounted for by its id.
            const setAside = new Set(
              (await Promise.all(devices.map((d) => d.changeLog())))
                .flat()
                .filter((e) => e.outcome === 'set-aside')
                .map((e) => e.id),
            );
            for (const id of made)
              expect(remote.applies.get(id) === 1 || setAside.has(id), `${id} accounted for`).to.equal(true);
            // And by its values: each field holds what the last edit on the server that set it set
            // (a kept "mine" never brings back an old value of a field it did not change).
            const final = remote.inner.snapshot!.record;
            const order = [...remote.applies.keys()]; // in the order the server took them
            for (const who of ['mum', 'friend'] as const) {
              const now = final.members.find((m) => m.id === who)!;
              const first = (exampleRecord() as CaseRecord).members.find((m) => m.id === who)!;
              for (const field of ['name', 'notes', 'relationship'] as const) {
                const last = order
                  .filter((id) => values.get(id)?.member === who && values.get(id)?.field === field)
                  .at(-1);
                const read = (m: typeof now) => (field === 'relationship' ? m.relationship?.text : m[field]);
                expect(read(now), `${who}.${field} after ${order.join(', ')}`).to.equal(
                  last ? values.get(last)!.value : read(first),
                );
              }
            }
          } finally {
            for (const store of devices) store.close();
          }
        },
      ),
      { numRuns: 30 },
    );
    // The runs did exercise what they are about.
    expect(seen.conflicts, 'conflicts').to.be.greaterThan(0);
    expect(seen.lost, 'lost answers').to.be.greaterThan(0);
    expect(seen.sent, 'edits sent').to.be.greaterThan(30);
  });
});

describe('sender lock without Web Locks (IndexedDB lease)', () => {
  const name = freshName();
  let db: IDBDatabase;
  before(async () => {
    db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () => upgrade(req.result);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise<void>((resolve) => {
      const tx = db.transaction('cases', 'readwrite');
      tx.objectStore('cases').put({ caseId: CASE_ID, revision: 1, record: {}, nextSeq: 0 });
      tx.oncomplete = () => resolve();
    });
  });
  after(async () => {
    db.close();
    await deleteDatabase(name);
  });

  it('lets one holder send at a time, and gives the lease back', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = withSenderLock('x', { db, caseId: CASE_ID, holder: 'tab-1' }, () => held.then(() => 'first'), null);
    await waitUntil(
      async () => (await readAll(name, 'cases')).some((c) => (c as { sender?: unknown }).sender),
      'the lease was never taken',
      { timeout: 20_000 },
    );
    expect(await withSenderLock('x', { db, caseId: CASE_ID, holder: 'tab-2' }, async () => 'second', null)).to.equal(
      BUSY,
    );
    release();
    expect(await first).to.equal('first');
    expect(await withSenderLock('x', { db, caseId: CASE_ID, holder: 'tab-2' }, async () => 'second', null)).to.equal(
      'second',
    );
  });

  it('takes over a lease whose holder died (expired)', async () => {
    await writeRaw(name, 'cases', {
      caseId: CASE_ID,
      revision: 1,
      record: {},
      nextSeq: 0,
      sender: { holder: 'dead-tab', until: Date.now() - 1 },
    });
    expect(await withSenderLock('x', { db, caseId: CASE_ID, holder: 'tab-3' }, async () => 'taken', null)).to.equal(
      'taken',
    );
    await writeRaw(name, 'cases', {
      caseId: CASE_ID,
      revision: 1,
      record: {},
      nextSeq: 0,
      sender: { holder: 'live-tab', until: Date.now() + LEASE_MS },
    });
    expect(await withSenderLock('x', { db, caseId: CASE_ID, holder: 'tab-3' }, async () => 'taken', null)).to.equal(
      BUSY,
    );
  });
});
