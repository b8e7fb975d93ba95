import { isSyncingStore, type CaseStore, type SyncStatus, type SyncingStore } from '@odkit/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface SyncStatusFollowerOptions {
  /** The store to follow, read before every update (a widget passes its CaseController's `store`). */
  readonly store: () => CaseStore | undefined;
  /**
   * Called with every new status, with the first one when a syncing store is attached, and with undefined when it is
   * let go for a store that does not sync.
   */
  readonly onChange?: ((status: SyncStatus | undefined) => void) | undefined;
  /** Called whenever the followed store is let go (on disconnect, or for another store). */
  readonly onLetGo?: (() => void) | undefined;
}

/**
 * Follows the sync status of a host's store when it is a SyncingStore (an offline store
 * that keeps edits on the device): subscribes while the host is connected and the store
 * is the same, and lets go on disconnect or when the store changes. `<od-provider>`
 * follows with this alone; a widget's SyncStatusController adds the review panel.
 */
export class SyncStatusFollower implements ReactiveController {
  /** The followed store, when it is a SyncingStore. */
  store: SyncingStore | undefined;
  /** Its latest status (undefined without a syncing store). */
  status: SyncStatus | undefined;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: SyncStatusFollowerOptions;
  #unsubscribe: (() => void) | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, options: SyncStatusFollowerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.#follow();
  }

  hostUpdate(): void {
    this.#follow();
  }

  hostDisconnected(): void {
    this.#detach();
  }

  #follow(): void {
    if (!this.#host.isConnected) return;
    const given = this.#options.store();
    const store = isSyncingStore(given) ? given : undefined;
    if (store === this.store && (this.#unsubscribe || !store)) return;
    const had = this.status !== undefined;
    this.#detach();
    this.store = store;
    if (!store) {
      // A syncing store replaced by one that does not sync: say so once (status undefined).
      if (had) this.#options.onChange?.(undefined);
      return;
    }
    this.#unsubscribe = store.subscribeSyncStatus((status) => this.#show(store, status));
    this.#show(store, store.syncStatus);
  }

  #show(store: SyncingStore, status: SyncStatus): void {
    if (store !== this.store || status === this.status) return;
    this.status = status;
    this.#options.onChange?.(status);
    this.#host.requestUpdate();
  }

  #detach(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.store = undefined;
    this.status = undefined;
    this.#options.onLetGo?.();
  }
}
