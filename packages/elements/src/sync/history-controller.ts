import { isSyncingStore, type CaseStore, type EntityRef, type HistoryEntry } from '@odkit/core';
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { SyncLocale, SyncPrivacy } from './sync-locale.js';

export interface HistoryControllerOptions {
  /** The store to ask, read at each call (a widget passes its CaseController's `store`). */
  readonly store: () => CaseStore | undefined;
}

/** How many entities' latest edits are kept at once (a details panel shows a few). */
const KEPT = 64;

/**
 * Gives the latest edit of the entities a widget's details panel shows, from the
 * store's `history` (stores without one give nothing). Asked during render, it
 * answers from what it has and fetches what it lacks, then updates the host. What it
 * has is dropped when the store, its revision or its sync status changes (the host
 * renders again on each of those: CaseController and SyncStatusController see to it).
 */
export class HistoryController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: HistoryControllerOptions;
  #store: CaseStore | undefined;
  #generation = '';
  /** Latest entry by entity key: undefined while fetching, null when there is none. */
  readonly #latest = new Map<string, HistoryEntry | null | undefined>();

  constructor(host: ReactiveControllerHost, options: HistoryControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#latest.clear();
    this.#store = undefined;
  }

  /** The entity's latest edit, if the store keeps history and has one (undefined until it has answered). */
  latest(entity: EntityRef): HistoryEntry | undefined {
    const store = this.#options.store();
    if (!store?.history) return undefined;
    const generation = generationOf(store);
    if (store !== this.#store || generation !== this.#generation) {
      this.#store = store;
      this.#generation = generation;
      this.#latest.clear();
    }
    const key = `${entity.kind}/${entity.id}`;
    if (this.#latest.has(key)) return this.#latest.get(key) ?? undefined;
    if (this.#latest.size >= KEPT) this.#latest.clear();
    this.#latest.set(key, undefined);
    store.history(entity).then(
      (entries) => this.#answer(store, generation, key, entries.at(-1) ?? null),
      // History is a courtesy beside the details: a store that cannot give it shows none.
      () => this.#answer(store, generation, key, null),
    );
    return undefined;
  }

  #answer(store: CaseStore, generation: string, key: string, entry: HistoryEntry | null): void {
    if (store !== this.#store || generation !== this.#generation || this.#latest.get(key) !== undefined) return;
    this.#latest.set(key, entry);
    if (entry) this.#host.requestUpdate();
  }
}

/** Changes whenever an edit may have been made, sent or decided. */
function generationOf(store: CaseStore): string {
  const revision = store.snapshot?.revision ?? '';
  if (!isSyncingStore(store)) return String(revision);
  const s = store.syncStatus;
  return `${revision}|${s.pending}|${s.conflicts.length}|${s.lastSyncedAt ?? ''}`;
}

/**
 * "Changed by Sam Okafor on 2 Mar 2026, 10:42" (with "not yet sent" for an edit kept on
 * the device) under an entity's details; nothing when the store has no history for it.
 * `privacy.displayName`: the author's name as the widget shows names (initials on a shared screen).
 */
export function renderChangedBy(
  history: HistoryController,
  entity: EntityRef,
  i18n: SyncLocale,
  privacy: SyncPrivacy = {},
): TemplateResult | typeof nothing {
  const entry = history.latest(entity);
  if (!entry || Number.isNaN(Date.parse(entry.at))) return nothing;
  const date = i18n.dateTime(entry.at);
  const line = entry.author
    ? i18n.t('history.changedBy', { name: privacy.displayName?.(entry.author.name) ?? entry.author.name, date })
    : i18n.t('history.changedOn', { date });
  const state =
    entry.state === 'pending'
      ? i18n.t('history.pending')
      : entry.state === 'conflict'
        ? i18n.t('history.conflict')
        : '';
  return html`<p class="od-changed-by" part="changed-by" data-entity=${`${entity.kind}/${entity.id}`}>
    ${state ? i18n.t('history.withState', { line, state }) : line}
  </p>`;
}
