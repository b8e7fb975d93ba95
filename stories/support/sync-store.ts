import type { Author, CaseRecord, HistoryEntry, SyncConflict, SyncStatus } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { FakeSyncingStore, memberConflict } from '../../test/support/fake-syncing-store.js';

/**
 * The demo case in a pretend offline store, for stories and widget tests: a status set
 * per story, conflicts on Sarah (moved closer here, further there) and on the tie to
 * David, and a recorded author for "Changed by … on …". Nothing is sent anywhere.
 */
export const SAM: Author = { id: 'Practitioner/sam-1', name: 'Sam Okafor', role: 'Peer support worker' };
export const NIA: Author = { id: 'Practitioner/nia-roberts', name: 'Nia Roberts', role: 'Practitioner' };

export type SyncStoryState = 'saved' | 'pending' | 'sending' | 'offline' | 'conflict';

const record = demoCase as CaseRecord;
const member = (id: string) => record.members.find((m) => m.id === id)!;

/** Two conflicts on the demo case, as an offline store reports them. */
export function demoConflicts(): SyncConflict[] {
  const sarah = member('m-sarah');
  const tie = record.ties.find((t) => t.id === 't-david')!;
  return [
    memberConflict(
      { ...sarah, ring: 1, sector: 'household' },
      { ring: 2, sector: 'family' },
      { editId: 'edit-sarah', author: SAM },
    ),
    {
      editId: 'edit-tie-david',
      change: { type: 'tie/update', tie: { ...tie, quality: 'stressful' } },
      at: '2026-04-01T12:20:00+01:00',
      author: SAM,
      entity: { kind: 'tie', id: tie.id },
      reason: 'changed',
      fields: [{ name: 'quality', mine: 'stressful', theirs: 'supportive' }],
      mine: { ...tie, quality: 'stressful' },
      theirs: { ...tie, quality: 'supportive' },
    },
  ];
}

const STATUS: Record<SyncStoryState, Partial<SyncStatus>> = {
  saved: { pending: 0, lastSyncedAt: '2026-04-01T12:30:00+01:00' },
  pending: { pending: 2, lastSyncedAt: '2026-04-01T12:30:00+01:00' },
  sending: { pending: 2, sending: true, lastSyncedAt: '2026-04-01T12:30:00+01:00' },
  offline: { pending: 3, connection: 'offline', lastSyncedAt: '2026-04-01T09:05:00+01:00' },
  conflict: { pending: 3, conflicts: demoConflicts(), lastSyncedAt: '2026-04-01T12:30:00+01:00' },
};

/** "Changed by" lines for Sarah, the tie to David, the 1 April meeting and the first assessment. */
function seededHistory(state: SyncStoryState): HistoryEntry[] {
  const pending =
    state === 'saved' ? {} : { state: state === 'conflict' ? ('conflict' as const) : ('pending' as const) };
  return [
    {
      id: 'edit-sarah',
      at: '2026-04-01T12:18:00+01:00',
      author: SAM,
      type: 'member/update',
      entity: { kind: 'member', id: 'm-sarah' },
      ...pending,
    },
    {
      id: 'edit-tie-david',
      at: '2026-04-01T12:20:00+01:00',
      author: SAM,
      type: 'tie/update',
      entity: { kind: 'tie', id: 't-david' },
      ...pending,
    },
    {
      id: 'edit-mt-13',
      at: '2026-04-01T12:25:00+01:00',
      author: NIA,
      type: 'meeting/update',
      entity: { kind: 'meeting', id: 'mt-13' },
    },
    {
      id: 'edit-as-01',
      at: '2026-02-10T13:00:00+00:00',
      author: NIA,
      type: 'assessment/complete',
      entity: { kind: 'assessment', id: 'as-01' },
    },
  ];
}

/** A pretend offline store on the demo case in the given state. */
export function demoSyncingStore(state: SyncStoryState): FakeSyncingStore {
  const store = new FakeSyncingStore(demoCase, { author: SAM, status: STATUS[state] });
  store.extraHistory.push(...seededHistory(state));
  return store;
}
