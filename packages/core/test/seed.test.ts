import { expect } from '@open-wc/testing';
import {
  IndexedDbStore,
  StorageError,
  ValidationError,
  type CaseRecord,
  type Change,
  type IndexedDbStoreOptions,
} from '@odkit/core';
import { clearFromDevice, openFromHost, UnsentEditsError, type HostCopyOptions } from '@odkit/core/seeding';
import { CASE_ID, clone, exampleRecord, expectInstance, member, rejection } from './support.js';
import { until } from '../../../test/support/dom.js';

/** The host's copy of the case as its server gives it, at a version. */
function hostCopy(edit: (record: CaseRecord) => void = () => undefined): CaseRecord {
  const record = clone(exampleRecord());
  edit(record);
  return record;
}
const renameFriend = (name: string) => (record: CaseRecord) => {
  record.members.find((m) => m.id === 'friend')!.name = name;
};
const addGran: Change = { type: 'member/add', member: member('gran', { ring: 2, household: false }) };

describe('@odkit/core/seeding: openFromHost (replace if newer) and clearFromDevice', () => {
  let counter = 0;
  let databaseName: string;
  const opened: IndexedDbStore[] = [];

  async function open(options: Partial<IndexedDbStoreOptions> = {}): Promise<IndexedDbStore> {
    const store = await IndexedDbStore.open({ caseId: CASE_ID, databaseName, ...options });
    opened.push(store);
    return store;
  }
  async function openHost(options: Partial<HostCopyOptions>): Promise<IndexedDbStore> {
    const store = await openFromHost({ caseId: CASE_ID, databaseName, ...options } as HostCopyOptions);
    opened.push(store);
    return store;
  }
  function closeAll() {
    for (const store of opened.splice(0)) store.close();
  }
  /** A page load: the host fetched its copy (at `version`) and opens the case with it. */
  function load(initial: CaseRecord, initialVersion: number | string) {
    closeAll();
    return openHost({ initial, initialVersion });
  }

  beforeEach(() => {
    counter += 1;
    databaseName = `odkit-seed-${Date.now()}-${counter}`;
  });
  afterEach(async () => {
    closeAll();
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(databaseName);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
  });

  it('replaces the stored case with the host copy when its version is newer, and only then', async () => {
    const first = await load(hostCopy(), 1);
    expect(first.seedResult).to.deep.equal({ outcome: 'created', localEdits: 0 });

    const second = await load(hostCopy(renameFriend('Jo Bloggs')), 2);
    expect(second.seedResult).to.deep.equal({ outcome: 'replaced', localEdits: 0 });
    expect(second.snapshot!.revision).to.equal(2);
    expect(second.snapshot!.record).to.deep.equal(hostCopy(renameFriend('Jo Bloggs')));

    // The same version again, or an older one (a stale cached response): the stored case stays.
    for (const version of [2, 1]) {
      const again = await load(hostCopy(renameFriend('Stale')), version);
      expect(again.seedResult).to.deep.equal({ outcome: 'unchanged', localEdits: 0 });
      expect(again.snapshot!.record.members.find((m) => m.id === 'friend')!.name).to.equal('Jo Bloggs');
    }
  });

  it('compares dates and times as instants (offsets included)', async () => {
    await load(hostCopy(), '2026-12-04T10:00:00+00:00');
    // 10:30 in +01:00 is 09:30 UTC: older.
    expect((await load(hostCopy(renameFriend('Older')), '2026-12-04T10:30:00+01:00')).seedResult!.outcome).to.equal(
      'unchanged',
    );
    const newer = await load(hostCopy(renameFriend('Newer')), '2026-12-04T10:00:01+00:00');
    expect(newer.seedResult!.outcome).to.equal('replaced');
    expect(newer.snapshot!.record.members.find((m) => m.id === 'friend')!.name).to.equal('Newer');
  });

  it('IndexedDbStore.open with initial never replaces a stored case (as before)', async () => {
    await openHost({ initial: hostCopy(), initialVersion: 1 });
    closeAll();
    const store = await open({ initial: hostCopy(renameFriend('Jo Bloggs')) });
    expect(store.seedResult).to.equal(undefined);
    expect(store.snapshot!.record).to.deep.equal(exampleRecord());
  });

  it('lays edits made on this device over the newer host copy, and drops them once the host has them', async () => {
    const device = await load(hostCopy(), 1);
    await device.apply(addGran);

    // The host's copy changed elsewhere, without the device's edit (not sent yet).
    const next = await load(hostCopy(renameFriend('Jo Bloggs')), 2);
    expect(next.seedResult).to.deep.equal({ outcome: 'replaced', localEdits: 1 });
    const record = next.snapshot!.record;
    expect(record.members.find((m) => m.id === 'friend')!.name).to.equal('Jo Bloggs');
    expect(record.members.find((m) => m.id === 'gran')).to.deep.equal(addGran.member);
    // Its history still names the edit.
    expect((await next.history({ kind: 'member', id: 'gran' })).map((e) => e.type)).to.deep.equal(['member/add']);

    // A newer copy still without it: still laid over (carried, not forgotten).
    const third = await load(hostCopy(renameFriend('Jo B.')), 3);
    expect(third.seedResult).to.deep.equal({ outcome: 'replaced', localEdits: 1 });
    expect(third.snapshot!.record.members.some((m) => m.id === 'gran')).to.equal(true);

    // The host saved it: its next copy has it, and it is no longer an edit of this device's own.
    const withGran = hostCopy(renameFriend('Jo B.'));
    withGran.members.push(clone(addGran.member));
    const fourth = await load(withGran, 4);
    expect(fourth.seedResult).to.deep.equal({ outcome: 'replaced', localEdits: 0 });
    expect(fourth.snapshot!.record).to.deep.equal(withGran);
    closeAll();
    expect(await clearFromDevice({ caseId: CASE_ID, databaseName })).to.deep.equal({
      removed: true,
      localEdits: 0,
      drafts: 0,
    });
  });

  it("keeps the device's value of a field the host also changed, and the host's other changes", async () => {
    const device = await load(hostCopy(), 1);
    const friend = device.snapshot!.record.members.find((m) => m.id === 'friend')!;
    await device.apply({ type: 'member/update', member: { ...friend, name: 'Device name' } });
    const theirs = hostCopy((r) => {
      const f = r.members.find((m) => m.id === 'friend')!;
      f.name = 'Host name';
      f.ring = 3;
    });
    const next = await load(theirs, 2);
    expect(next.seedResult).to.deep.equal({ outcome: 'replaced', localEdits: 1 });
    const merged = next.snapshot!.record.members.find((m) => m.id === 'friend')!;
    expect(merged.name).to.equal('Device name');
    expect(merged.ring).to.equal(3);
  });

  it('keeps the stored case whole when an edit cannot be laid over the host copy', async () => {
    const device = await load(hostCopy(), 1);
    // A tie to the neighbour, whom the host's newer copy no longer has.
    await device.apply({
      type: 'tie/add',
      tie: { id: 't9', from: 'friend', to: 'nbr', strength: 'strong', quality: 'supportive', direction: 'both' },
    });
    const before = device.snapshot!;
    const theirs = hostCopy((r) => {
      r.members = r.members.filter((m) => m.id !== 'nbr');
      r.ties = r.ties.filter((t) => t.from !== 'nbr' && t.to !== 'nbr');
    });
    const next = await load(theirs, 2);
    expect(next.seedResult).to.deep.equal({ outcome: 'kept', localEdits: 1 });
    expect(next.snapshot).to.deep.equal(before);
  });

  it('an invalid newer host copy is a ValidationError and changes nothing stored', async () => {
    const device = await load(hostCopy(), 1);
    await device.apply(addGran);
    const before = device.snapshot!;
    const bad = hostCopy();
    (bad.members[0] as { ring: unknown }).ring = 7;
    closeAll();
    const error = expectInstance(
      await rejection(openFromHost({ caseId: CASE_ID, databaseName, initial: bad, initialVersion: 2 })),
      ValidationError,
    );
    expect(error.issues[0]!.path).to.deep.equal(['members', 0, 'ring']);
    const after = await open();
    expect(after.snapshot).to.deep.equal(before);
    // And a host copy of another case is refused too.
    closeAll();
    const other = { ...hostCopy(), id: 'case-2' };
    expectInstance(
      await rejection(openFromHost({ caseId: CASE_ID, databaseName, initial: other, initialVersion: 3 })),
      StorageError,
    );
  });

  it('checks the seeding options', async () => {
    const cases: [Partial<HostCopyOptions>, string][] = [
      [{ initial: hostCopy() }, 'initialVersion'],
      [{ initialVersion: 1 }, 'initial'],
      [{ initial: hostCopy(), initialVersion: -1 }, 'initialVersion'],
      [{ initial: hostCopy(), initialVersion: '4 December' }, 'initialVersion'],
      [{ initial: hostCopy(), initialVersion: 1.5 }, 'initialVersion'],
    ];
    for (const [options, path] of cases) {
      const error = expectInstance(
        await rejection(openFromHost({ caseId: CASE_ID, databaseName, ...options } as HostCopyOptions)),
        ValidationError,
      );
      expect(error.issues[0]!.path, path).to.deep.equal([path]);
    }
  });

  it('another open tab shows the replaced case', async () => {
    await load(hostCopy(), 1);
    const otherTab = await IndexedDbStore.open({ caseId: CASE_ID, databaseName });
    try {
      await openHost({ initial: hostCopy(renameFriend('Jo Bloggs')), initialVersion: 2 });
      await until(() => otherTab.snapshot!.revision === 2);
      expect(otherTab.snapshot!.record.members.find((m) => m.id === 'friend')!.name).to.equal('Jo Bloggs');
    } finally {
      otherTab.close();
    }
  });

  describe('clear', () => {
    it('refuses while edits made on this device are not in the host copy, and removes nothing', async () => {
      const device = await load(hostCopy(), 1);
      await device.apply(addGran);
      closeAll();
      const error = expectInstance(
        await rejection(clearFromDevice({ caseId: CASE_ID, databaseName })),
        UnsentEditsError,
      );
      expect(error).to.be.instanceOf(StorageError);
      expect(error.localEdits).to.equal(1);
      expect(error.message).to.contain('1 edit made here is not in your system');
      expect(error.message).to.contain('force: true');
      const still = await open();
      expect(still.snapshot!.record.members.some((m) => m.id === 'gran')).to.equal(true);
    });

    it('with force, removes the record, its host copy and its change log, for this case only', async () => {
      const device = await load(hostCopy(), 1);
      await device.apply(addGran);
      const other = await IndexedDbStore.open({
        caseId: 'case-2',
        databaseName,
        initial: { ...hostCopy(), id: 'case-2' },
      });
      opened.push(other);
      await other.apply(addGran);
      closeAll();

      expect(await clearFromDevice({ caseId: CASE_ID, databaseName, force: true })).to.deep.equal({
        removed: true,
        localEdits: 1,
        drafts: 0,
      });
      expect(await IndexedDbStore.readStoredEntry({ caseId: CASE_ID, databaseName })).to.equal(undefined);
      // The other case, and its history, stay.
      const kept = await IndexedDbStore.open({ caseId: 'case-2', databaseName });
      opened.push(kept);
      expect(kept.snapshot!.revision).to.equal(2);
      expect(await kept.history({ kind: 'member', id: 'gran' })).to.have.length(1);

      // Opened again from the host: a fresh case with no history of the device's edits.
      const fresh = await load(hostCopy(), 1);
      expect(fresh.seedResult!.outcome).to.equal('created');
      expect(await fresh.history({ kind: 'member', id: 'gran' })).to.deep.equal([]);
      closeAll();
      expect(await clearFromDevice({ caseId: CASE_ID, databaseName })).to.deep.equal({
        removed: true,
        localEdits: 0,
        drafts: 0,
      });
      expect(await clearFromDevice({ caseId: CASE_ID, databaseName })).to.deep.equal({
        removed: false,
        localEdits: 0,
        drafts: 0,
      });
    });

    it('checks its options', async () => {
      for (const bad of [undefined, { caseId: 'a b' }, { caseId: CASE_ID, databaseName, force: 'yes' }]) {
        expectInstance(await rejection(clearFromDevice(bad as never)), ValidationError);
      }
    });
  });
});
