import { OdError, StorageError } from '../errors.js';

/**
 * Low-level IndexedDB helpers shared by the stores that keep data in the browser:
 * every failure becomes a StorageError (typed errors thrown by a store's own work
 * pass through unchanged), and a transaction's promise settles only when the
 * transaction has committed or aborted.
 */

/**
 * Opens (and if needed creates or upgrades) database `name` at `version`.
 * `upgrade` runs inside the version-change transaction. A blocked open rejects
 * with StorageError; a late success after that closes the connection again.
 */
export function openDatabase(
  factory: IDBFactory,
  name: string,
  version: number,
  upgrade: (db: IDBDatabase, event: IDBVersionChangeEvent) => void,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let open: IDBOpenDBRequest;
    try {
      open = factory.open(name, version);
    } catch (cause) {
      reject(new StorageError(`Could not open IndexedDB database "${name}": ${describe(cause)}`, { cause }));
      return;
    }
    open.onupgradeneeded = (event) => upgrade(open.result, event);
    let blocked = false;
    open.onsuccess = () => {
      // After "blocked" was reported, a late success must not leave a connection open.
      if (blocked) open.result.close();
      else resolve(open.result);
    };
    open.onerror = () => reject(new StorageError(`Could not open IndexedDB database "${name}": ${describe(open.error)}`));
    open.onblocked = () => {
      blocked = true;
      reject(new StorageError(`IndexedDB database "${name}" is blocked by another open tab; close it and retry.`));
    };
  });
}

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
 */
export function runTransaction<T>(
  db: IDBDatabase,
  storeNames: string | string[],
  mode: IDBTransactionMode,
  work: (tx: IDBTransaction) => Promise<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let tx: IDBTransaction;
    try {
      tx = db.transaction(storeNames, mode);
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
export const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));
