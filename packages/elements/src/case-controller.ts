import { ContextConsumer } from '@lit/context';
import {
  applyChange,
  parseCaseRecord,
  type CaseRecord,
  type CaseStore,
  type Change,
  type ChangeApplier,
  type InstrumentRegistry,
  type StoreSnapshot,
  ValidationError,
} from '@odkit/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { storeContext } from './contexts.js';
import { toOdError } from './errors.js';
import { OdChangeEvent, OdErrorEvent } from './events.js';
import { registerDataSource } from './hydration.js';

/** What became of an edit: applied (with the new record), cancelled by the host's `od-change` listener, or failed. */
export type ApplyResult =
  { status: 'applied'; record: CaseRecord } | { status: 'cancelled' } | { status: 'failed'; error: Error };

export interface CaseControllerOptions {
  instruments?: InstrumentRegistry;
}

/**
 * Gives a widget its case record — from a `record` property, or from the store an
 * `<od-provider>` provides — and turns its edits into store changes (or
 * cancelable `od-change` events when there is no store).
 *
 * It keeps the last good record: bad data sets `error` (the widget shows an
 * error state above what it showed before) and fires `od-error`; nothing throws.
 *
 * Without a store, an edit is applied to the widget's record with the `applyChange` it was made with: a widget
 * passes the applier of the one family of changes it makes (`applyAssessmentChange` from `@odkit/core`, …), so
 * its bundle carries only the rules of those changes. `CaseController` applies any change.
 */
export class BaseCaseController implements ReactiveController {
  /** The last valid record, or undefined before there was one. */
  record: CaseRecord | undefined;
  /** The store revision `record` came from (undefined without a store). */
  revision: number | undefined;
  /** Why the latest data could not be shown, if it could not. */
  error: Error | undefined;
  /** The store from the nearest `<od-provider>`, if any. */
  store: CaseStore | undefined;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: CaseControllerOptions;
  readonly #applyChange: ChangeApplier;
  #propertyValue: unknown;
  #unsubscribe: (() => void) | undefined;
  #detached = false;

  /** `options` is read at each parse, so a widget may change its `instruments` later (and parse again). */
  constructor(
    host: ReactiveControllerHost & HTMLElement,
    applyChange: ChangeApplier,
    options: CaseControllerOptions = {},
  ) {
    this.#host = host;
    this.#applyChange = applyChange;
    this.#options = options;
    host.addController(this);
    // Nothing to show yet: no record from a store or the property, and no error to show instead.
    registerDataSource(
      host,
      () =>
        this.record === undefined && this.error === undefined && (host as { record?: unknown }).record === undefined,
    );
    new ContextConsumer(host, {
      context: storeContext,
      subscribe: true,
      callback: (store) => this.#attach(store),
    });
  }

  hostConnected(): void {
    // Reconnected where no provider answers (the context callback re-attaches one
    // that does, right after this): show the record property again.
    if (this.#detached) {
      this.#detached = false;
      this.revision = undefined;
      this.setRecord(this.#propertyValue);
      this.#host.requestUpdate();
    }
  }

  hostDisconnected(): void {
    // Let go of the store: a widget moved out of its provider must not keep writing to it.
    if (this.store) {
      this.#unsubscribe?.();
      this.#unsubscribe = undefined;
      this.store = undefined;
      this.#detached = true;
    }
  }

  /**
   * Hand the host's `record` property over (call from `willUpdate` when it changed).
   * A store from a provider takes precedence over the property.
   */
  setRecord(value: unknown): void {
    this.#propertyValue = value;
    if (this.store) return;
    if (value === undefined || value === null) {
      this.record = undefined;
      this.error = undefined;
      return;
    }
    try {
      this.record = parseCaseRecord(value, this.#parseOptions());
      this.error = undefined;
    } catch (error) {
      this.#fail(error);
    }
  }

  /**
   * Applies a user's edit: through the store when there is one; otherwise fires a
   * cancelable `od-change` and, unless cancelled, applies it to the widget's record.
   * Never throws: failures are returned (so a form can show them) and fired as `od-error`, except those `handled`
   * says the caller recovers from itself (a conflict merged into what the person sees and saved again): a host is not
   * told of an error nobody has to act on.
   */
  async apply(change: Change, options: { handled?: (error: Error) => boolean } = {}): Promise<ApplyResult> {
    try {
      if (this.store) {
        const snapshot = await this.store.apply(
          change,
          this.revision === undefined ? {} : { baseRevision: this.revision },
        );
        this.#show(snapshot);
        return { status: 'applied', record: snapshot.record };
      }
      if (!this.record) {
        throw new ValidationError('Change', [
          { path: [], message: 'cannot be applied before the widget has a record' },
        ]);
      }
      const next = this.#applyChange(this.record, change, this.#parseOptions());
      if (!this.#host.dispatchEvent(new OdChangeEvent(change))) return { status: 'cancelled' };
      this.record = next;
      this.#host.requestUpdate();
      return { status: 'applied', record: next };
    } catch (error) {
      const err = toOdError(error);
      if (!options.handled?.(err)) this.#host.dispatchEvent(new OdErrorEvent(err));
      return { status: 'failed', error: err };
    }
  }

  #attach(store: CaseStore | undefined): void {
    if (store === this.store && this.#unsubscribe) return;
    this.#detached = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.store = store;
    if (!store) {
      this.revision = undefined;
      this.setRecord(this.#propertyValue);
      this.#host.requestUpdate();
      return;
    }
    this.#unsubscribe = store.subscribe((snapshot) => this.#show(snapshot));
    if (store.snapshot) this.#show(store.snapshot);
    else {
      store.load().then(
        (snapshot) => this.#show(snapshot),
        (error: unknown) => this.#fail(error),
      );
    }
  }

  #show(snapshot: StoreSnapshot): void {
    if (this.record === snapshot.record && this.revision === snapshot.revision && !this.error) return;
    this.record = snapshot.record;
    this.revision = snapshot.revision;
    this.error = undefined;
    this.#host.requestUpdate();
  }

  #fail(error: unknown): void {
    this.error = toOdError(error);
    this.#host.requestUpdate();
    this.#host.dispatchEvent(new OdErrorEvent(this.error));
  }

  #parseOptions() {
    return this.#options.instruments ? { instruments: this.#options.instruments } : {};
  }
}

/** `BaseCaseController` for any change (core's `applyChange`): for a widget whose edits are of several families. */
export class CaseController extends BaseCaseController {
  constructor(host: ReactiveControllerHost & HTMLElement, options: CaseControllerOptions = {}) {
    super(host, applyChange, options);
  }
}
