import type { SyncStatus } from '@odkit/core';
import { syncMessage, type SyncStatusKey } from './sync-message.js';

/**
 * How long the status must stay put before it is announced: an edit's four quick steps make one announcement, or none.
 */
export const SYNC_SETTLE_MS = 2000;

/** What was last announced (or taken as known): what the next announcement is compared with. */
export interface AnnouncedState {
  readonly offline: boolean;
  readonly conflicts: number;
  readonly unreadable: number;
  /** A problem (offline, a decision needed, changes set aside) was announced and "all saved" not yet. */
  readonly troubled: boolean;
}

export const QUIET: AnnouncedState = { offline: false, conflicts: 0, unreadable: 0, troubled: false };

/**
 * What to announce for `status`, given what was announced before: only the transitions a
 * person needs to hear (the connection went, a decision is needed or one fewer, edits were
 * set aside, all saved again after a problem), never each step of sending. Empty when
 * nothing is worth saying.
 */
export function syncAnnouncement(
  before: AnnouncedState,
  status: SyncStatus | undefined,
): { keys: { key: SyncStatusKey; count: number }[]; after: AnnouncedState } {
  if (!status) return { keys: [], after: QUIET };
  const offline = status.connection === 'offline';
  const conflicts = status.conflicts.length;
  const unreadable = status.unreadable;
  const keys: { key: SyncStatusKey; count: number }[] = [];
  if (offline && !before.offline)
    keys.push({ key: status.pending ? 'sync.offline' : 'sync.offlineNone', count: status.pending });
  if (conflicts !== before.conflicts && conflicts > 0) keys.push({ key: 'sync.conflicts', count: conflicts });
  if (unreadable > before.unreadable) keys.push({ key: 'sync.unreadable', count: unreadable });
  let troubled = before.troubled || keys.length > 0;
  if (troubled && syncMessage(status).tone === 'saved') {
    keys.push({ key: 'sync.saved', count: 0 });
    troubled = false;
  }
  return { keys, after: { offline, conflicts, unreadable, troubled } };
}

/** The announcement's text in the reader's language. */
export function announcementText(
  keys: readonly { key: SyncStatusKey; count: number }[],
  i18n: { t(key: SyncStatusKey, params: { count: number }): string },
): string {
  return keys.map(({ key, count }) => i18n.t(key, { count })).join(' ');
}
