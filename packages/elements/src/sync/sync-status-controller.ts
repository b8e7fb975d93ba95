import type { SyncConflict, SyncStatus, SyncingStore } from '@odkit/core';
import type { ReactiveController } from 'lit';
import { toOdError } from '../errors.js';
import { OdErrorEvent } from '../events.js';
import { OnDemand, OnDemandUse, type GatedHost } from '../on-demand.js';
import type * as ReviewPanel from './review-panel.js';
import { SyncStatusFollower, type SyncStatusFollowerOptions } from './sync-status-follower.js';

/** The review panel's code, fetched only for a store that has conflicts (one fetch for the page). */
const reviewPanel = new OnDemand(() => import('./review-panel.js'));

export type SyncStatusControllerOptions = Pick<SyncStatusFollowerOptions, 'store' | 'onChange'>;

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
 * The sync status of a widget's store when it is a SyncingStore (an offline store that
 * keeps edits on the device), and the state of the status line's review panel: whether
 * it is open, the decision being made, and where focus goes. The panel's code is fetched
 * when the store first reports a conflict. Render it with `renderSyncStatus`.
 */
export class SyncStatusController implements ReactiveController {
  /** Whether the review panel is open. */
  reviewOpen = false;
  /** The latest decision made in the panel (shown and announced there). */
  decision: ConflictDecision | undefined;
  /** Whether the panel was asked for and its code could not be fetched (said beside the Review button). */
  reviewUnavailable = false;

  readonly #host: GatedHost & HTMLElement;
  readonly #follower: SyncStatusFollower;
  readonly #panel: OnDemandUse<typeof ReviewPanel>;
  #focus: FocusTarget | undefined;

  constructor(host: GatedHost & HTMLElement, options: SyncStatusControllerOptions) {
    this.#host = host;
    this.#panel = new OnDemandUse(host, reviewPanel, () => {
      this.reviewUnavailable = true;
      host.requestUpdate();
    });
    this.#follower = new SyncStatusFollower(host, {
      store: options.store,
      onChange: (status) => {
        // Fetched ahead while the connection that reported the conflict is still there.
        if (status?.conflicts.length) this.#panel.preload();
        options.onChange?.(status);
      },
      onLetGo: () => {
        this.reviewOpen = false;
        this.reviewUnavailable = false;
        this.decision = undefined;
        this.#panel.cancel();
      },
    });
    host.addController(this);
  }

  /** The followed store, when it is a SyncingStore. */
  get store(): SyncingStore | undefined {
    return this.#follower.store;
  }

  /** Its latest status (undefined without a syncing store). */
  get status(): SyncStatus | undefined {
    return this.#follower.status;
  }

  /** The review panel's code, once fetched. */
  get reviewPanel(): typeof ReviewPanel | undefined {
    return this.#panel.module;
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

  /**
   * Opens the review panel and moves focus to its heading: now, or once its code is here (it is
   * fetched when a conflict is first reported, so usually it is). If it cannot be fetched, says so.
   */
  openReview = (): void => {
    this.reviewUnavailable = false;
    this.#panel.whenLoaded(() => {
      this.reviewOpen = true;
      this.decision = undefined;
      this.#focus = 'review-title';
      this.#host.requestUpdate();
    });
    this.#host.requestUpdate();
  };

  /** Closes the review panel and returns focus to the Review button (or the status line when no decision is left). */
  closeReview = (): void => {
    // A panel asked for and still being fetched does not open after this.
    this.#panel.cancel();
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
}
