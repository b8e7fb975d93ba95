/**
 * One sender per case across the tabs of a device. With Web Locks, a lock named
 * for the database and case, taken only if free (the tab that holds it sends
 * every tab's edits: they share the outbox). Without Web Locks (older browsers,
 * some embedded web views), a lease kept in the case's IndexedDB entry, which
 * expires after LEASE_MS so a tab that died while sending does not block the rest.
 */
import { CASES } from './outbox.js';
import { request, runTransaction } from './idb.js';

export const BUSY = Symbol('busy');
/** How long a lease holds without being given back (a tab that died while sending). */
export const LEASE_MS = 60_000;

export interface LockManagerLike {
  request<T>(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

/**
 * Runs `work` while holding the sender lock `name`; resolves to BUSY at once when
 * another tab holds it. `lease` gives the database, case and holder id for the
 * fallback, used when `locks` (default: the browser's Web Locks) is missing.
 */
export async function withSenderLock<T>(
  name: string,
  lease: { db: IDBDatabase; caseId: string; holder: string },
  work: () => Promise<T>,
  locks: LockManagerLike | null | undefined = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks,
): Promise<T | typeof BUSY> {
  if (locks && typeof locks.request === 'function') {
    return locks.request<T | typeof BUSY>(name, { ifAvailable: true }, (lock) =>
      lock ? work() : Promise.resolve(BUSY),
    );
  }
  if (!(await takeLease(lease, true))) return BUSY;
  try {
    return await work();
  } finally {
    await takeLease(lease, false).catch(() => undefined);
  }
}

/** Takes (or with `take` false, gives back) the lease; false when another live holder has it. */
function takeLease(
  { db, caseId, holder }: { db: IDBDatabase; caseId: string; holder: string },
  take: boolean,
): Promise<boolean> {
  return runTransaction(db, CASES, 'readwrite', async (tx) => {
    const store = tx.objectStore(CASES);
    const entry = await request<Record<string, unknown> | undefined>(store.get(caseId));
    if (!entry) return take;
    const current = entry.sender as { holder?: unknown; until?: unknown } | undefined;
    const heldElsewhere =
      current && current.holder !== holder && typeof current.until === 'number' && current.until > Date.now();
    if (take && heldElsewhere) return false;
    if (!take && current?.holder !== holder) return true;
    await request(store.put({ ...entry, sender: take ? { holder, until: Date.now() + LEASE_MS } : undefined }));
    return true;
  });
}
