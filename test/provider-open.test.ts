/**
 * The embed path: the host hands <od-provider> the store as it opens
 * (`provider.store = IndexedDbStore.open({ … })`), and the provider owns the outcome.
 * A store that fails to open shows every widget's error state and fires od-error;
 * nothing waits for ever, nothing is thrown into the host page, and the checklist
 * never falls back to a standalone form.
 */
import { expect, fixtureSync, html, waitUntil } from '@open-wc/testing';
import { IndexedDbStore, MemoryStore, StorageError, ValidationError, type CaseStore, type OdError } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { openFromHost } from '@odkit/core/seeding';
import type { OdProvider } from '@odkit/elements';
import '@odkit/elements/define.js';
import '@odkit/meeting-timeline/define.js';
import '@odkit/network-map/define.js';
import '@odkit/principles-checklist/define.js';
import { guardConsole } from './support/console-guard.js';
import { FakeSyncingStore } from './support/fake-syncing-store.js';
import { $, text } from './support/dom.js';

const TAGS = ['od-network-map', 'od-meeting-timeline', 'od-principles-checklist'] as const;
const HELD_MEETING = demoCase.meetings.find((m) => m.status === 'held')!.id;

/** A page as the README builds it; `store` is what the host's script assigns. */
function page(store: unknown, locale = 'en-GB') {
  const errors: Event[] = [];
  const wrapper = fixtureSync<HTMLElement>(html`<div>
    <od-provider locale=${locale}>
      <od-network-map></od-network-map>
      <od-meeting-timeline></od-meeting-timeline>
      <od-principles-checklist
        meeting-id=${HELD_MEETING}
        instrument-id="od-seven-principles"
      ></od-principles-checklist>
    </od-provider>
  </div>`);
  wrapper.addEventListener('od-error', (event) => errors.push(event));
  const provider = wrapper.querySelector('od-provider') as OdProvider;
  (provider as { store: unknown }).store = store;
  const widgets = TAGS.map((tag) => wrapper.querySelector(tag)!);
  return { provider, widgets, errors };
}

/** A promise the test runner's logger cannot attach to (it logs every unhandled rejection through `catch`). */
class Unlogged<T> extends Promise<T> {
  override catch<R = never>(): Promise<T | R> {
    return this;
  }
}

/** Collects what would reach the host page as an uncaught error or rejection. */
function uncaught() {
  const seen: unknown[] = [];
  const onRejection = (event: PromiseRejectionEvent) => seen.push(event.reason);
  const onError = (event: ErrorEvent) => seen.push(event.error);
  window.addEventListener('unhandledrejection', onRejection);
  window.addEventListener('error', onError);
  return {
    seen,
    /**
     * Resolves once every rejection nobody handled so far has been reported: a marker rejection left
     * unhandled now is reported after them (the browser reports them in the order they happened).
     */
    reported(): Promise<void> {
      const marker = new Error('marker');
      return new Promise((resolve) => {
        const onMarker = (event: PromiseRejectionEvent) => {
          if (event.reason !== marker) return;
          event.preventDefault(); // the marker is not a finding
          const at = seen.indexOf(marker);
          if (at >= 0) seen.splice(at, 1);
          window.removeEventListener('unhandledrejection', onMarker);
          resolve();
        };
        window.addEventListener('unhandledrejection', onMarker);
        void Unlogged.reject(marker);
      });
    },
    stop() {
      window.removeEventListener('unhandledrejection', onRejection);
      window.removeEventListener('error', onError);
    },
  };
}

const errorState = (el: Element) => $(el, '[part~="error"]');
const waitForErrorStates = (widgets: Element[]) =>
  waitUntil(() => widgets.every((w) => errorState(w)), 'every widget shows its error state', { timeout: 5000 });

describe('<od-provider> given a store as it opens', () => {
  guardConsole();
  let databaseName: string;
  let counter = 0;
  beforeEach(() => {
    counter += 1;
    databaseName = `odkit-provider-open-${Date.now()}-${counter}`;
  });
  afterEach(
    () =>
      new Promise<void>((resolve) => {
        const request = indexedDB.deleteDatabase(databaseName);
        request.onsuccess = request.onerror = () => resolve();
      }),
  );

  it('a bad initial record: every widget shows the error state and fires od-error; nothing reaches the page', async () => {
    const watch = uncaught();
    const bad = structuredClone(demoCase) as unknown as { members: { ring: unknown }[] };
    bad.members[0]!.ring = 9;
    const { widgets, errors } = page(
      openFromHost({ caseId: demoCase.id, databaseName, initial: bad, initialVersion: 1 }),
    );
    await waitForErrorStates(widgets);
    await watch.reported();
    watch.stop();
    expect(watch.seen).to.deep.equal([]);
    for (const widget of widgets) {
      const state = errorState(widget)!;
      expect(state.getAttribute('role'), widget.localName).to.equal('alert');
      expect(text(state)).to.contain('members[0].ring');
      expect(text(widget.shadowRoot)).not.to.contain('Loading');
      await expect(widget).to.be.accessible();
    }
    // The checklist is not a standalone form: it is bound to the provider's store (as with a bad record, its
    // form stays under the error state, and a save there fails with the same error, visibly).
    expect((widgets[2] as unknown as { data: { store: unknown } }).data.store).not.to.equal(undefined);
    expect(errors.map((e) => (e.target as Element).localName).sort()).to.deep.equal([...TAGS].sort());
    for (const event of errors) {
      const error = (event as Event & { error: OdError }).error;
      expect(error).to.be.instanceOf(ValidationError);
      expect(error.code).to.equal('validation');
    }
  });

  it('IndexedDB unavailable (storage blocked): a StorageError in every widget, in Welsh around the message', async () => {
    const watch = uncaught();
    const blocked = {
      open() {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const { widgets, errors } = page(
      IndexedDbStore.open({ caseId: demoCase.id, initial: demoCase, indexedDB: blocked }),
      'cy',
    );
    await waitForErrorStates(widgets);
    await watch.reported();
    watch.stop();
    expect(watch.seen).to.deep.equal([]);
    for (const widget of widgets) {
      expect(text(errorState(widget))).to.contain('Does dim modd dangos yr wybodaeth hon');
      await expect(widget).to.be.accessible();
    }
    expect(errors).to.have.length(3);
    for (const event of errors) expect((event as Event & { error: Error }).error).to.be.instanceOf(StorageError);
  });

  it('a host promise that rejects with something untyped becomes a StorageError that keeps it as its cause', async () => {
    const watch = uncaught();
    const cause = new TypeError('Failed to fetch');
    const { widgets, errors } = page(Promise.reject(cause));
    await waitForErrorStates(widgets);
    await watch.reported();
    watch.stop();
    expect(watch.seen).to.deep.equal([]);
    const error = (errors[0] as Event & { error: StorageError }).error;
    expect(error).to.be.instanceOf(StorageError);
    expect(error.cause).to.equal(cause);
  });

  it('shows "Loading…" while the store opens, then the case; a later widget gets the store too', async () => {
    let open!: (store: CaseStore) => void;
    const opening = new Promise<CaseStore>((resolve) => (open = resolve));
    const { provider, widgets } = page(opening);
    await Promise.all(widgets.map((w) => (w as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete));
    for (const widget of widgets) expect(text(widget.shadowRoot), widget.localName).to.contain('Loading');
    expect(Boolean($(widgets[2]!, 'input[type="radio"]')), 'no form while the store opens').to.equal(false);

    const store = new MemoryStore(demoCase);
    open(store);
    await waitUntil(() => $(widgets[0]!, '[data-key="m-sarah"]'), 'the map shows the case', { timeout: 20_000 });
    expect(provider.store).to.equal(opening);
    await waitUntil(() => $(widgets[2]!, 'input[type="radio"]'), 'the checklist shows its form', { timeout: 20_000 });
    for (const widget of widgets) expect(errorState(widget)).to.equal(null);
    const late = document.createElement('od-network-map');
    provider.append(late);
    await waitUntil(() => $(late, '[data-key="m-sarah"]'), 'a widget added later shows the case', { timeout: 20_000 });
  });

  it('a store replaced while the first is still opening: the first one, resolved or failed, is ignored', async () => {
    let fail!: (error: unknown) => void;
    const first = new Promise<CaseStore>((_, reject) => (fail = reject));
    const { provider, widgets, errors } = page(first);
    provider.store = Promise.resolve(new MemoryStore(demoCase));
    await waitUntil(() => $(widgets[0]!, '[data-key="m-sarah"]'), 'the map shows the second store', {
      timeout: 20_000,
    });
    const watch = uncaught();
    fail(new StorageError('too late'));
    await watch.reported(); // reported after every microtask the late rejection started
    watch.stop();
    expect(watch.seen).to.deep.equal([]);
    await (widgets[0] as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(errors).to.deep.equal([]);
    expect(errorState(widgets[0]!)).to.equal(null);
  });

  it('something that is not a store (a record by mistake): a StorageError in every widget, not a TypeError', async () => {
    const { widgets, errors } = page(demoCase);
    await waitForErrorStates(widgets);
    const error = (errors[0] as Event & { error: StorageError }).error;
    expect(error).to.be.instanceOf(StorageError);
    expect(error.message).to.contain('<od-provider> store is not a case store');
    const fromPromise = page(Promise.resolve({ not: 'a store' }));
    await waitForErrorStates(fromPromise.widgets);
    expect((fromPromise.errors[0] as Event & { error: Error }).error.message).to.contain('not a case store');
  });

  it('a syncing store given as it opens: syncStatus and od-sync-status follow it once it has opened', async () => {
    const store = new FakeSyncingStore(demoCase, { status: { pending: 2 } });
    const { provider } = page(Promise.resolve(store));
    const fired = new Promise<Event>((resolve) => provider.addEventListener('od-sync-status', resolve, { once: true }));
    expect(provider.syncStatus).to.equal(undefined);
    const event = (await fired) as Event & { status: { pending: number } };
    expect(event.status.pending).to.equal(2);
    expect(provider.syncStatus!.pending).to.equal(2);
  });
});
