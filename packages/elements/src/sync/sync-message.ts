import type { SyncStatus } from '@odkit/core';
import type { syncStatusStrings } from '../i18n/sync-status-strings.js';

/** A sync status message's key. */
export type SyncStatusKey = keyof (typeof syncStatusStrings)['en-GB'] & string;

/**
 * The status line's main message: its string key, count and tone (the tone picks an icon and a border, never colour
 * alone).
 */
export interface SyncMessage {
  readonly key: SyncStatusKey;
  readonly count: number;
  readonly tone: 'saved' | 'pending' | 'offline' | 'sending' | 'conflict' | 'unreadable';
}

/**
 * What the status line says, most urgent first: a decision to make, offline, sending,
 * waiting; then, with nothing waiting, changes set aside (never "all saved" while an
 * edit could not be read back), else all saved.
 */
export function syncMessage(status: SyncStatus): SyncMessage {
  const conflicts = status.conflicts.length;
  if (conflicts) return { key: 'sync.conflicts', count: conflicts, tone: 'conflict' };
  if (status.connection === 'offline')
    return { key: status.pending ? 'sync.offline' : 'sync.offlineNone', count: status.pending, tone: 'offline' };
  if (status.sending && status.pending) return { key: 'sync.sending', count: status.pending, tone: 'sending' };
  if (status.pending) return { key: 'sync.pending', count: status.pending, tone: 'pending' };
  if (status.unreadable) return { key: 'sync.unreadable', count: status.unreadable, tone: 'unreadable' };
  return { key: 'sync.saved', count: 0, tone: 'saved' };
}
