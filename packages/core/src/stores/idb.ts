import { OdError, StorageError } from '../errors.js';

/**
 * Low-level IndexedDB helpers shared by the stores that keep data in the browser:
 * every failure becomes a StorageError (typed errors thrown by a store's own work
 * pass through unchanged), and a transaction's promise settles only when the
 * transaction has committed or aborted.
 */

/** How long `openDatabase` waits by default before it reports a StorageError. */
export const DEFAULT_OPEN_TIMEOUT = 10_000;

/**
 * Opens (and if needed creates or upgrades) database `name` at `version`.
 * `upgrade` runs inside the version-change transaction. A blocked open rejects
 * with StorageError; so does an open that has not settled after `timeout` ms.
 * The timeout matters because an open queued behind a pending `deleteDatabase` or
 * upgrade (held up by a connection elsewhere that ignores `versionchange`) gets
 * no "blocked" event of its own: the pending request gets it, and the open waits
 * for ever. A connection that arrives after the open was given up is closed at once.
 */
export function openDatabase(
  factory: IDBFactory,
  name: string,
  version: number,
  upgrade: (db: IDBDatabase, event: IDBVersionChangeEvent) => void,
  timeout = DEFAULT_OPEN_TIMEOUT,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let open: IDBOpenDBRequest;
    try {
      open = factory.open(name, version);
    } catch (cause) {
      reject(new StorageError(`Could not open IndexedDB database "${name}": ${describe(cause)}`, { cause }));
      return;
    }
    let settled = false;
    const giveUp = (error: StorageError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
    };
    const timer = setTimeout(
      () =>
        giveUp(
          new StorageError(
            `IndexedDB database "${name}" is blocked (not open after ${timeout} ms): another tab holds up an upgrade or deletion; close it and retry.`,
          ),
        ),
      timeout,
    );
    open.onupgradeneeded = (event) => upgrade(open.result, event);
    open.onsuccess = () => {
      // After the open was given up (blocked, timed out), a late success must not leave a connection open.
      if (settled) {
        open.result.close();
        return;
      }
      settled = true;
      clearTimeout(timer);
      resolve(open.result);
    };
    open.onerror = () =>
      giveUp(new StorageError(`Could not open IndexedDB database "${name}": ${describe(open.error)}`));
    open.onblocked = () =>
      giveUp(new StorageError(`IndexedDB database "${name}" is blocked by another open tab; close it and retry.`));
  });
}

/** The transaction option for writes that must survive a power cut once they resolve. */
export const STRICT: IDBTransactionOptions = Object.freeze({ durability: 'strict' });

/** One IndexedDB request as a promise; a failed request rejects with StorageError. */
export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new StorageError(`IndexedDB request failed: ${describe(req.error)}`));
  });
}

/**
 * Runs `work` in one transaction over `storeNames` and resolves when the
 * transaction has committed. An error thrown by `work` aborts the transaction;
 * a typed error is rethrown as is, anything else becomes a StorageError.
 * Writes that keep a person's work pass `STRICT`: Chrome (121+) otherwise commits
 * with relaxed durability, which a power cut can undo after the promise resolved.
 */
export function runTransaction<T>(
  db: IDBDatabase,
  storeNames: string | string[],
  mode: IDBTransactionMode,
  work: (tx: IDBTransaction) => Promise<T>,
  options?: IDBTransactionOptions,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let tx: IDBTransaction;
    try {
      tx = options ? db.transaction(storeNames, mode, options) : db.transaction(storeNames, mode);
    } catch (cause) {
      reject(new StorageError(`Could not start an IndexedDB transaction: ${describe(cause)}`, { cause }));
      return;
    }
    let result: T;
    let failure: unknown;
    let started: Promise<T>;
    try {
      started = work(tx);
    } catch (error) {
      // A request that throws synchronously (e.g. an invalid key) fails the transaction like any other.
      started = Promise.reject(error);
    }
    started.then(
      (value) => {
        result = value;
      },
      (error: unknown) => {
        failure = error;
        try {
          tx.abort();
        } catch {
          // Already finished: the failure below is still reported.
        }
      },
    );
    tx.oncomplete = () => (failure === undefined ? resolve(result) : reject(wrap(failure)));
    tx.onabort = () => reject(wrap(failure ?? tx.error));
    tx.onerror = (event) => event.preventDefault();
  });
}

/** A typed error as is; anything else as a StorageError that keeps it as `cause`. */
export function wrap(error: unknown): Error {
  if (error instanceof OdError) return error;
  return new StorageError(`IndexedDB transaction failed: ${describe(error)}`, { cause: error });
}

/** `Name: message` of an error (DOMExceptions from IndexedDB), for StorageError messages. */
export const describe = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
