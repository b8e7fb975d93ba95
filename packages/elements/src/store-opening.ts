import { OdError, StorageError, type ApplyOptions, type CaseStore, type Change, type StoreSnapshot } from '@odkit/core';

/** What `<od-provider>`'s `store` takes: a store, or a promise of one (e.g. `IndexedDbStore.open(…)`). */
export type StoreOrOpening = CaseStore | PromiseLike<CaseStore>;

const SUBJECT = '<od-provider> store';

/** Whether `value` looks like a CaseStore (what every widget calls on it). */
export function isCaseStore(value: unknown): value is CaseStore {
  const store = value as Partial<CaseStore> | null;
  return (
    typeof store === 'object' &&
    store !== null &&
    typeof store.load === 'function' &&
    typeof store.apply === 'function' &&
    typeof store.subscribe === 'function'
  );
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';

/**
 * A store the provider gives its widgets while the host's store is opening, or for good when it
 * failed to open: its `load` settles with the opened store's snapshot or with the typed error, so
 * every widget waits ("Loading…", never a standalone form) and then shows the case or its error
 * state (and fires `od-error`). It publishes nothing: the provider swaps in the opened store.
 */
export class StoreOpening implements CaseStore {
  readonly caseId = '';
  readonly snapshot: StoreSnapshot | undefined = undefined;
  /** Resolves to the opened store, or rejects with one of the kit's typed errors. */
  readonly opened: Promise<CaseStore>;

  constructor(given: unknown) {
    this.opened = Promise.resolve(isThenable(given) ? given : Promise.reject(notAStore())).then(
      (store) => (isCaseStore(store) ? store : Promise.reject(notAStore())),
      (error: unknown) => Promise.reject(typed(error)),
    );
    // Handled here, so a failure never reaches the host page as an unhandled rejection; widgets see it through `load`.
    this.opened.catch(() => undefined);
  }

  load(): Promise<StoreSnapshot> {
    return this.opened.then((store) => store.snapshot ?? store.load());
  }

  apply(change: Change, options?: ApplyOptions): Promise<StoreSnapshot> {
    return this.opened.then((store) => store.apply(change, options));
  }

  subscribe(): () => void {
    return () => undefined;
  }
}

/**
 * A StorageError, not a ValidationError: the store could not be opened from what was given (and
 * the provider stays out of the record's validation code, which only the widgets need).
 */
function notAStore(): StorageError {
  return new StorageError(`${SUBJECT} is not a case store (such as IndexedDbStore) or a promise of one.`);
}

/** The kit's own errors as they are; anything else (a host's failed fetch) as a StorageError keeping it as `cause`. */
function typed(error: unknown): OdError {
  if (error instanceof OdError) return error;
  return new StorageError('The case store could not be opened.', { cause: error });
}
