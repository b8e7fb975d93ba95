import { isSyncingStore, type CaseStore, type SyncConflict, type SyncStatus, type SyncingStore } from '@odkit/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { toOdError } from '../errors.js';
import { OdErrorEvent } from '../events.js';

export interface SyncStatusControllerOptions {
  /** The store to follow, read before every update (a widget passes its CaseController's `store`). */
  readonly store: () => CaseStore | undefined;
  /**
   * Called with every new status, with the first one when a syncing store is attached, and with undefined when it is
   * let go for a store that does not sync.
   */
  readonly onChange?: (status: SyncStatus | undefined) => void;
  /** Whether the host shows the status line (default true); `<od-provider>` only follows. */
  readonly shows?: boolean;
}

/** What became of the latest decision made in the review panel. */
export type ConflictDecision =
  | { readonly state: 'resolving'; readonly editId: string }
  | {
      readonly state: 'resolved';
      readonly editId: string;
      readonly keep: 'mine' | 'theirs';
      readonly conflict: SyncConflict;
    }
  | { readonly state: 'failed'; readonly editId: string; readonly error: Error };

/** Where focus goes after the next render: a `data-sync-focus` value. */
type FocusTarget = 'review-title' | 'review-button' | 'status' | 'failed' | { conflict: string };

/**
 * Follows the sync status of a widget's store when it is a SyncingStore (an offline
 * store that keeps edits on the device), and holds the state of the status line's
 * review panel: whether it is open, the decision being made, and where focus goes.
 * It subscribes while the host is connected and the store is the same, and lets go
 * on disconnect or when the store changes. Render it with `renderSyncStatus`.
 */
export class SyncStatusController implements ReactiveController {
  /** The followed store, when it is a SyncingStore. */
  store: SyncingStore | undefined;
  /** Its latest status (undefined without a syncing store). */
  status: SyncStatus | undefined;
  /** Whether the review panel is open. */
  reviewOpen = false;
  /** The latest decision made in the panel (shown and announced there). */
  decision: ConflictDecision | undefined;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: SyncStatusControllerOptions;
  #unsubscribe: (() => void) | undefined;
  #focus: FocusTarget | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, options: SyncStatusControllerOptions) {
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

  hostUpdated(): void {
    const target = this.#focus;
    if (!target) return;
    this.#focus = undefined;
    const root = this.#host.shadowRoot;
    const value = typeof target === 'string' ? target : `conflict:${target.conflict}`;
    if (!root?.querySelector('[data-sync-focus]')) return;
    const found = root?.querySelector<HTMLElement>(`[data-sync-focus="${CSS.escape(value)}"]`);
    (
      found ??
      root?.querySelector<HTMLElement>('[data-sync-focus="review-title"]') ??
      root?.querySelector<HTMLElement>('[data-sync-focus="status"]')
    )?.focus();
  }

  hostDisconnected(): void {
    this.#detach();
  }

  /** Opens the review panel and moves focus to its heading. */
  openReview = (): void => {
    this.reviewOpen = true;
    this.decision = undefined;
    this.#focus = 'review-title';
    this.#host.requestUpdate();
  };

  /** Closes the review panel and returns focus to the Review button (or the status line when no decision is left). */
  closeReview = (): void => {
    if (!this.reviewOpen) return;
    this.reviewOpen = false;
    this.decision = undefined;
    this.#focus = this.status?.conflicts.length ? 'review-button' : 'status';
    this.#host.requestUpdate();
  };

  /**
   * Keeps this device's version of a conflicting edit, or the record's. The result is
   * kept in `decision` (shown and announced in the panel); a failure also fires
   * `od-error`. Never throws.
   */
  resolve = async (editId: string, keep: 'mine' | 'theirs'): Promise<void> => {
    const store = this.store;
    const conflict = this.status?.conflicts.find((c) => c.editId === editId);
    if (!store || !conflict || this.decision?.state === 'resolving') return;
    this.decision = { state: 'resolving', editId };
    this.#host.requestUpdate();
    try {
      await store.resolveConflict(editId, keep);
      if (this.store !== store) return;
      this.decision = { state: 'resolved', editId, keep, conflict };
      // The next conflict's heading, or the panel's when none is left (not when the panel was closed meanwhile).
      const next = this.status?.conflicts.find((c) => c.editId !== editId);
      if (this.reviewOpen) this.#focus = next ? { conflict: next.editId } : 'review-title';
    } catch (error) {
      if (this.store !== store) return;
      const err = toOdError(error);
      this.decision = { state: 'failed', editId, error: err };
      // The message saying the decision was not saved: the pressed button stays, but focus should hear why.
      if (this.reviewOpen) this.#focus = 'failed';
      this.#host.dispatchEvent(new OdErrorEvent(err));
    }
    this.#host.requestUpdate();
  };

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
    this.reviewOpen = false;
    this.decision = undefined;
  }
}
