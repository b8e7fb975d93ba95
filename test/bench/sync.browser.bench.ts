/**
 * SyncedStore in Chromium (Lit's production build), against the FHIR engine at /fhir/ on the
 * benchmark server's loopback:
 *  - the demo case painted by <od-network-map> from the device's own copy with the network
 *    blocked (SyncedStore.open → painted), beside the same widget painted from a MemoryStore;
 *    target: within 20 ms of it (issue 13);
 *  - 100 edits queued while offline, then sent to the engine when it can be reached again
 *    (syncNow → pending 0); target: under 2 s.
 */
import {
  MemoryStore,
  SyncedStore,
  type Author,
  type CaseRecord,
  type CaseStore,
  type SyncStatus,
  type SyncingStore,
} from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import type { OdProvider } from '@odkit/elements';
import '@odkit/elements/define.js';
import { FhirStore, type FhirHttp } from '@odkit/fhir';
import type { OdNetworkMap } from '@odkit/network-map';
import '@odkit/network-map/define.js';
import { measureAsync, report, type BenchResult } from './harness.js';
import { nextPaint } from './paint.js';

const FHIR_URL = new URL('/fhir/', location.href).href;
const author: Author = { id: 'Practitioner/bench', name: 'Bench Practitioner' };
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** The demo case for a patient of its own on the shared engine. */
function demoFor(patientId: string): CaseRecord {
  const record = structuredClone(demoCase) as CaseRecord;
  record.id = unique('case');
  record.person.id = patientId;
  for (const tie of record.ties) if (tie.from === demoCase.person.id) tie.from = patientId;
  return record;
}

/** A network that can be switched off: requests fail as fetch fails offline. */
function switchableHttp(): { http: FhirHttp; online: boolean } {
  const state: { http: FhirHttp; online: boolean } = {
    online: true,
    http: (request) => (state.online ? fetch(request.url, request) : Promise.reject(new TypeError('Failed to fetch'))),
  };
  return state;
}

/** Resolves once the store's sync status satisfies `done` (now or on a later change). */
function statusWhere(store: SyncingStore, done: (s: SyncStatus) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (done(store.syncStatus)) return resolve();
    const stop = store.subscribeSyncStatus((s) => {
      if (!done(s)) return;
      stop();
      resolve();
    });
  });
}

/** Mounts a provider with the network map, gives it the store `open()` makes, resolves once painted. */
async function paintWith(open: () => Promise<CaseStore> | CaseStore): Promise<() => void> {
  const provider = document.createElement('od-provider') as OdProvider;
  const map = document.createElement('od-network-map') as OdNetworkMap;
  map.sectors = true;
  provider.append(map);
  document.body.append(provider);
  provider.store = await open();
  await map.updateComplete;
  await nextPaint();
  if (!map.shadowRoot!.querySelector('svg.map')) throw new Error('the map did not paint the case');
  return () => provider.remove();
}

it('demo case painted from the local copy with the network blocked, beside a MemoryStore', async () => {
  const record = demoFor(unique('pt'));
  const net = switchableHttp();
  const connect = () => FhirStore.open({ baseUrl: FHIR_URL, patientId: record.person.id, http: net.http, author });
  await FhirStore.open({ baseUrl: FHIR_URL, patientId: record.person.id, http: net.http, author, initial: record });
  const databaseName = unique('odkit-bench');
  // Once online, so the device has its copy.
  const first = (await SyncedStore.open({ caseId: record.id, author, databaseName, connect })) as SyncingStore & {
    close?(): void;
  };
  await first.syncNow();
  first.close?.();
  net.online = false;

  const stores: (CaseStore & { close?(): void })[] = [];
  const results: BenchResult[] = [
    await measureAsync('from a MemoryStore', async () =>
      (await paintWith(() => new MemoryStore(structuredClone(record))))(),
    ),
    await measureAsync('from the local copy, network blocked', async () => {
      const done = await paintWith(async () => {
        const store = await SyncedStore.open({ caseId: record.id, author, databaseName, connect });
        stores.push(store);
        return store;
      });
      done();
      stores.pop()?.close?.();
    }),
  ];
  // For context: SyncedStore.open alone (IndexedDB read and the record checked), without the paint.
  results.push(
    await measureAsync(
      'SyncedStore.open alone, network blocked',
      async () => (await SyncedStore.open({ caseId: record.id, author, databaseName, connect })).close(),
      { targeted: false },
    ),
  );
  const [memory, local] = results as [BenchResult, BenchResult];
  report(results, 100);
  const difference: BenchResult = {
    name: 'local copy minus MemoryStore',
    medianMs: local.medianMs - memory.medianMs,
    minMs: local.minMs - memory.minMs,
    runs: local.runs,
    targeted: true,
  };
  console.log('\nTarget: the local copy within 20 ms of memory');
  report([difference], 20);
});

it('100 edits queued offline, then sent to the loopback engine', async () => {
  const record = demoFor(unique('pt'));
  const net = switchableHttp();
  await FhirStore.open({ baseUrl: FHIR_URL, patientId: record.person.id, http: net.http, author, initial: record });
  const store = (await SyncedStore.open({
    caseId: record.id,
    author,
    databaseName: unique('odkit-bench'),
    connect: () => FhirStore.open({ baseUrl: FHIR_URL, patientId: record.person.id, http: net.http, author }),
  })) as SyncingStore & { close?(): void };
  await store.syncNow();
  // Only the sending is timed: queueing the edits offline is not (one warm-up round, then 3).
  const times: number[] = [];
  for (let round = 0; round < 4; round++) {
    net.online = false;
    const member = structuredClone(store.snapshot!.record.members[0]!);
    for (let i = 0; i < 100; i++)
      await store.apply({ type: 'member/update', member: { ...member, notes: `Visit note ${round}.${i}` } });
    // The status follows each write a moment later (its own read of the outbox): wait for it.
    await statusWhere(store, (s) => s.pending === 100 && !s.sending);
    net.online = true;
    const start = performance.now();
    while (store.syncStatus.pending > 0) {
      const before = store.syncStatus.pending;
      await store.syncNow();
      if (store.syncStatus.pending >= before) throw new Error(`sending made no progress (${before} pending)`);
    }
    if (round > 0) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const result: BenchResult = {
    name: '100 queued edits sent (syncNow → pending 0)',
    medianMs: times[1]!,
    minMs: times[0]!,
    runs: times.length,
    targeted: true,
  };
  store.close?.();
  report([result], 2000);
});
