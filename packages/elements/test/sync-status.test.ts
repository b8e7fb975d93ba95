import { expect, fixture, fixtureSync, html, waitUntil } from '@open-wc/testing';
import { MemoryStore, parseCaseRecord, type CaseRecord, type NetworkMember, type SyncStatus } from '@odkit/core';
import {
  CaseController,
  HistoryController,
  LocaleController,
  OdElement,
  type OdProvider,
  OdSyncStatusEvent,
  QUIET,
  SyncStatusController,
  entitySubject,
  syncAnnouncement,
  errorStateStyles,
  fieldName,
  fieldValue,
  formStyles,
  renderChangedBy,
  renderSyncStatus,
  sharedStrings,
  syncStatusStyles,
} from '@odkit/elements';
import '@odkit/elements/define.js';
import { nameOf, text, until } from '../../../test/support/dom.js';
import { SyncStatusPage } from '../../../test/support/sync-status-page.js';
import { sendKeys } from '@web/test-runner-commands';
import { css, html as litHtml } from 'lit';
import { property } from 'lit/decorators.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { nextEvent } from '../../../test/support/events.js';
import { FakeSyncingStore, memberConflict } from '../../../test/support/fake-syncing-store.js';
import { fetchedAny } from '../../../test/support/modules-fetched.js';
import { describeElement, focusNothing, focusedElement, tabUntil } from '../../../test/support/keyboard.js';

/** A widget built as the kit's widgets are: status line on top, a details line with "Changed by". */
class SyncWidget extends OdElement {
  static override styles = [
    ...OdElement.styles,
    errorStateStyles,
    formStyles,
    syncStatusStyles,
    // Widgets paint their own surface (so dark mode has a dark background).
    css`
      :host {
        background: var(--_od-color-surface);
      }
    `,
  ];
  @property() locale: string | undefined;
  @property({ type: Boolean }) initials = false;
  @property() memberId = 'm1';
  /** Overrides of the widget's strings, as every kit widget takes them. */
  @property({ attribute: false }) strings: Record<string, string> | undefined;
  readonly data = new CaseController(this);
  readonly i18n = new LocaleController(this, sharedStrings);
  readonly sync = new SyncStatusController(this, { store: () => this.data.store });
  readonly history = new HistoryController(this, { store: () => this.data.store });

  protected override render() {
    const record = this.data.record;
    const initials = this.initials
      ? (name: string) =>
          name
            .split(' ')
            .map((w) => `${w[0]}.`)
            .join(' ')
      : undefined;
    return litHtml`${renderSyncStatus(this.sync, this.i18n, { record, displayName: initials, hideText: this.initials })}
      <h2>${record?.person.name ?? ''}</h2>
      <button type="button" part="after">${this.i18n.t('person.label')}</button>
      <div part="details">${renderChangedBy(this.history, { kind: 'member', id: this.memberId }, this.i18n)}</div>`;
  }
}
SyncWidget.define('od-test-sync-widget');
declare global {
  interface HTMLElementTagNameMap {
    'od-test-sync-widget': SyncWidget;
  }
}

const jo: NetworkMember = {
  id: 'm1',
  kind: 'person',
  name: 'Jo Bloggs',
  relationship: { text: 'sister' },
  sector: 'family',
  ring: 1,
  support: ['emotional'],
  household: false,
  carer: false,
  status: 'active',
  hiddenFrom: [],
};
const sam: NetworkMember = {
  ...jo,
  id: 'm2',
  name: 'Sam Lewis',
  relationship: { text: 'neighbour' },
  sector: 'neighbours',
  ring: 3,
};
const record = (): CaseRecord =>
  parseCaseRecord({
    schemaVersion: 1,
    id: 'case-1',
    person: { id: 'p1', name: 'Robin Ellis' },
    members: [jo, sam],
    ties: [],
    episodes: [],
    meetings: [],
    assessments: [],
  });
const author = { id: 'Practitioner/ah', name: 'Alex Hughes' };

async function mount(
  store: MemoryStore,
  attrs: { locale?: string; theme?: string; scheme?: string; initials?: boolean } = {},
) {
  const provider = await fixture<OdProvider>(html`<od-provider
    .store=${store}
    locale=${attrs.locale ?? 'en-GB'}
    theme=${attrs.theme ?? 'default'}
    color-scheme=${attrs.scheme ?? 'light'}
    time-zone="Europe/London"
    ><od-test-sync-widget ?initials=${attrs.initials ?? false}></od-test-sync-widget
  ></od-provider>`);
  const widget = provider.querySelector('od-test-sync-widget')!;
  await widget.updateComplete;
  return { provider, widget };
}

const message = (el: HTMLElement) => new SyncStatusPage(el).message;

/** Two conflicts: Jo moved closer here while someone moved her away; Sam's relationship rewritten. */
const conflicts = () => [
  memberConflict({ ...jo, ring: 1, sector: 'household' }, { ring: 3, sector: 'family' }),
  memberConflict(
    { ...sam, relationship: { text: 'old neighbour' } },
    { relationship: { text: 'friend' } },
    { author: undefined },
  ),
];

// First in the file: whether the panel's code has been fetched is the page's, and no test before these reported a
// conflict. (That a page whose store reports none never fetches it is proved on the built kit: the home-visit host
// page's device without a conflict never requests the file, and no file a widget page loads imports it.)
describe('the review panel’s code, fetched once the store reports a conflict', () => {
  // Its module (conflict-text, which it imports, is loaded here by this file's own imports).
  const PANEL = ['elements/src/sync/review-panel'];

  it('is fetched ahead when a conflict is reported, so "Review changes" opens it in the next render', async () => {
    const store = new FakeSyncingStore(record(), { status: { pending: 2 } });
    const { widget } = await mount(store);
    const page = new SyncStatusPage(widget);
    expect(page.message).to.contain('2 changes not yet sent');
    store.setStatus({ pending: 0, conflicts: conflicts() });
    await until(() => fetchedAny(PANEL), 'the panel’s code fetched ahead');
    page.reviewButton!.click();
    await widget.updateComplete;
    expect(page.panel).to.not.equal(null);
    expect(focusedElement()).to.equal(describeElement(page.title));
  });
});

describe('sync status line', () => {
  guardConsole();

  it('is not shown when the store does not sync', async () => {
    const { widget, provider } = await mount(new MemoryStore(record()));
    expect(describeElement(new SyncStatusPage(widget).line)).to.equal('(nothing)');
    expect(provider.syncStatus).to.equal(undefined);
  });

  it('says "All changes saved" with a hidden icon and when it last saved; the line itself is not a live region', async () => {
    const store = new FakeSyncingStore(record(), { status: { lastSyncedAt: new Date().toISOString() } });
    const { widget } = await mount(store);
    const page = new SyncStatusPage(widget);
    expect(page.message).to.equal('All changes saved');
    expect([...page.line!.querySelectorAll('[role]')].map(describeElement)).to.deep.equal([]);
    expect(page.icon!.getAttribute('aria-hidden')).to.equal('true');
    expect(page.notes).to.have.length(1);
    expect(page.notes[0]).to.match(/^Last saved to the record at \d{2}:\d{2}$/);
  });

  it('says where the edits are in each state, with an icon, text and a tone', async () => {
    const store = new FakeSyncingStore(record(), { status: { lastSyncedAt: new Date().toISOString() } });
    const { widget } = await mount(store);
    const page = new SyncStatusPage(widget);
    const line = page.line!;
    const states: [Parameters<FakeSyncingStore['setStatus']>[0], string, string][] = [
      [{ pending: 2 }, 'Saved on this device: 2 changes not yet sent', 'pending'],
      [{ pending: 1, sending: true }, 'Sending 1 change…', 'sending'],
      [
        { pending: 2, sending: false, connection: 'offline' },
        'Offline: 2 changes are kept on this device and will be sent when the connection is back',
        'offline',
      ],
      [
        { pending: 0 },
        'Offline: changes you make are kept on this device and will be sent when the connection is back',
        'offline',
      ],
      [
        { pending: 1, connection: 'online', conflicts: conflicts().slice(0, 1) },
        '1 change needs your decision',
        'conflict',
      ],
      [{ conflicts: conflicts() }, '2 changes need your decision', 'conflict'],
    ];
    for (const [status, expected, tone] of states) {
      store.setStatus(status);
      await widget.updateComplete;
      expect(page.message, JSON.stringify(status)).to.equal(expected);
      expect(line.dataset.tone).to.equal(tone);
      expect(text(page.icon)).not.to.equal('');
    }
  });

  it('offers "Review changes" while a change needs a decision', async () => {
    const store = new FakeSyncingStore(record(), { status: { pending: 2 } });
    const { widget } = await mount(store);
    const page = new SyncStatusPage(widget);
    expect(describeElement(page.reviewButton)).to.equal('(nothing)');
    store.setStatus({ conflicts: conflicts() });
    await widget.updateComplete;
    expect(text(page.reviewButton)).to.equal('Review changes');
  });

  it('an edit set aside is never "All changes saved" with a tick: its own message and a warning tone', async () => {
    const store = new FakeSyncingStore(record(), { status: { pending: 2, conflicts: conflicts() } });
    const { widget } = await mount(store);
    const page = new SyncStatusPage(widget);
    store.setStatus({ conflicts: [], pending: 0, unreadable: 1, lastSyncedAt: '2026-03-02T14:00:00Z' });
    await widget.updateComplete;
    expect(page.message).to.contain('1 change could not be read back');
    expect(page.line!.dataset.tone).to.equal('unreadable');
    // Said once, in the message: no second line for it; only when it last saved.
    expect(page.notes).to.deep.equal(['Last saved to the record on 2 Mar 2026, 14:00']);
  });

  it('with edits pending, an edit set aside is said on a line of its own', async () => {
    const store = new FakeSyncingStore(record(), { status: { pending: 2, conflicts: conflicts() } });
    const { widget } = await mount(store);
    const page = new SyncStatusPage(widget);
    store.setStatus({ conflicts: [], pending: 0, unreadable: 1, lastSyncedAt: '2026-03-02T14:00:00Z' });
    await widget.updateComplete;
    store.setStatus({ pending: 1 });
    await widget.updateComplete;
    expect(page.notes).to.have.length(2);
    expect(page.notes[1]).to.contain('1 change could not be read back');
    expect(describeElement(page.reviewButton)).to.equal('(nothing)');
  });

  it('the provider’s one live region announces only what matters, once, after the status settles', async () => {
    const store = new FakeSyncingStore(record(), { status: { pending: 0, lastSyncedAt: new Date().toISOString() } });
    const provider = await fixture<OdProvider>(html`<od-provider .store=${store} locale="en-GB"
      ><od-test-sync-widget id="a"></od-test-sync-widget><od-test-sync-widget id="b"></od-test-sync-widget
    ></od-provider>`);
    const widgets = [...provider.querySelectorAll('od-test-sync-widget')];
    await Promise.all(widgets.map((w) => w.updateComplete));
    const regions = () => provider.shadowRoot!.querySelectorAll('[role="status"]');
    expect(regions().length).to.equal(1);
    const region = regions()[0]!;
    expect(region.getAttribute('part')).to.equal('sync-announcer');
    // No widget's status line is a live region, however many widgets there are.
    expect(
      widgets.flatMap((w) => [...new SyncStatusPage(w).line!.querySelectorAll('[role="status"]')]).length,
    ).to.equal(0);
    const said: string[] = [];
    const observer = new MutationObserver(() => said.push(text(region)));
    observer.observe(region, { characterData: true, childList: true, subtree: true });
    // An edit's steps online (pending, sending, saved) are not announced; going offline is, once.
    store.setStatus({ pending: 1 });
    store.setStatus({ sending: true });
    store.setStatus({ sending: false, pending: 0 });
    store.setStatus({ pending: 1, connection: 'offline' });
    store.setStatus({ pending: 2 });
    await waitUntil(() => text(region) !== '', 'the offline announcement', { timeout: 10000 });
    expect(said.filter(Boolean)).to.deep.equal([
      'Offline: 2 changes are kept on this device and will be sent when the connection is back',
    ]);
    // Back online, sent: "All changes saved" once.
    store.setStatus({ connection: 'online', sending: true });
    store.setStatus({ sending: false, pending: 0 });
    await waitUntil(() => text(region) === 'All changes saved', 'the all-saved announcement', { timeout: 10000 });
    // A decision needed, in the provider's language.
    provider.locale = 'cy';
    store.setStatus({ pending: 1, conflicts: conflicts().slice(0, 1) });
    await waitUntil(() => text(region) === 'Mae angen i chi benderfynu am 1 newid', 'the conflict announcement', {
      timeout: 10000,
    });
    observer.disconnect();
    expect([...new Set(said.filter(Boolean))]).to.deep.equal([
      'Offline: 2 changes are kept on this device and will be sent when the connection is back',
      'All changes saved',
      'Mae angen i chi benderfynu am 1 newid',
    ]);
  });

  it('decides what to announce from the transitions that matter', () => {
    const base: SyncStatus = {
      pending: 0,
      conflicts: [],
      lastSyncedAt: undefined,
      connection: 'online',
      sending: false,
      unreadable: 0,
    };
    const steps: [Partial<SyncStatus>, string[]][] = [
      [{ pending: 1 }, []],
      [{ pending: 1, sending: true }, []],
      [{}, []],
      [{ pending: 1, connection: 'offline' }, ['sync.offline']],
      [{ pending: 2, connection: 'offline' }, []],
      [{ pending: 2, connection: 'online', sending: true }, []],
      [{ pending: 1, conflicts: conflicts().slice(0, 1) }, ['sync.conflicts']],
      [{ pending: 2, conflicts: conflicts() }, ['sync.conflicts']],
      [{ pending: 0 }, ['sync.saved']],
      [{ pending: 0 }, []],
      [{ unreadable: 1 }, ['sync.unreadable']],
      [{ unreadable: 1 }, []],
    ];
    let state = QUIET;
    for (const [change, expected] of steps) {
      const { keys, after } = syncAnnouncement(state, { ...base, ...change });
      expect(
        keys.map((k) => k.key),
        JSON.stringify(change),
      ).to.deep.equal(expected);
      state = after;
    }
  });

  it('with several widgets on one store, each shows the status line', async () => {
    const store = new FakeSyncingStore(record(), { status: { pending: 1 } });
    const provider = await fixture<OdProvider>(html`<od-provider .store=${store}
      ><od-test-sync-widget id="a"></od-test-sync-widget><od-test-sync-widget id="b"></od-test-sync-widget
    ></od-provider>`);
    const [a, b] = [...provider.querySelectorAll('od-test-sync-widget')];
    await Promise.all([a!.updateComplete, b!.updateComplete]);
    expect(message(a!)).to.equal('Saved on this device: 1 change not yet sent');
    expect(message(b!)).to.equal('Saved on this device: 1 change not yet sent');
    a!.remove();
    store.setStatus({ pending: 2 });
    await b!.updateComplete;
    expect(message(b!)).to.equal('Saved on this device: 2 changes not yet sent');
  });

  it('subscribes while connected, lets go on disconnect and follows a new store', async () => {
    const first = new FakeSyncingStore(record());
    const second = new FakeSyncingStore(record(), { status: { pending: 4 } });
    const { widget, provider } = await mount(first);
    // One listener for the widget, one for the provider.
    expect(first.listenerCount).to.equal(2);
    provider.store = second;
    await provider.updateComplete;
    await widget.updateComplete;
    expect(first.listenerCount).to.equal(0);
    expect(second.listenerCount).to.equal(2);
    expect(message(widget)).to.equal('Saved on this device: 4 changes not yet sent');
    widget.remove();
    expect(second.listenerCount).to.equal(1);
    provider.remove();
    expect(second.listenerCount).to.equal(0);
    provider.append(widget);
    document.body.append(provider);
    await widget.updateComplete;
    expect(second.listenerCount).to.equal(2);
  });

  it('is in Welsh with the provider’s locale', async () => {
    const store = new FakeSyncingStore(record(), { status: { pending: 2, lastSyncedAt: new Date().toISOString() } });
    const { widget } = await mount(store, { locale: 'cy' });
    expect(message(widget)).to.equal('Wedi’u cadw ar y ddyfais hon: 2 newid heb eu hanfon');
    expect(new SyncStatusPage(widget).notes[0]).to.match(/^Cadwyd yn y cofnod ddiwethaf am \d{2}:\d{2}$/);
    store.setStatus({ conflicts: conflicts() });
    await widget.updateComplete;
    expect(message(widget)).to.equal('Mae angen i chi benderfynu am 2 newid');
    expect(text(new SyncStatusPage(widget).reviewButton)).to.equal('Adolygu’r newidiadau');
  });
});

describe('review panel', () => {
  guardConsole();

  it('a widget’s strings override the panel’s words as they do its own, in Welsh too', async () => {
    const store = new FakeSyncingStore(record(), { status: { pending: 2, conflicts: conflicts() } });
    const { widget } = await mount(store, { locale: 'cy' });
    widget.strings = { 'sync.reviewTitle': 'Penderfyniadau', 'subject.member': '{name} (aelod)' };
    const page = new SyncStatusPage(widget);
    page.reviewButton!.click();
    await widget.updateComplete;
    expect(text(page.title)).to.equal('Penderfyniadau');
    expect(text(page.heading(page.conflicts[0]!))).to.equal('Jo Bloggs (aelod)');
    // What is not overridden is the panel's own Welsh.
    expect(text(page.button('Cau'))).to.equal('Cau');
  });

  describe('resolving conflicts with the keyboard alone', () => {
    /** Mounts a widget with two conflicts and opens the review panel with Tab and Enter. */
    async function openedWithKeyboard() {
      const store = new FakeSyncingStore(record(), { status: { pending: 2, conflicts: conflicts() } });
      const { widget } = await mount(store);
      const page = new SyncStatusPage(widget);
      focusNothing();
      const review = await tabUntil((el) => el === page.reviewButton, { what: 'the Review button' });
      expect(review.getAttribute('aria-expanded')).to.equal('false');
      await sendKeys({ press: 'Enter' });
      await widget.updateComplete;
      return { store, widget, page, review };
    }

    /** Tabs to the first conflict's "Keep mine" and presses Enter; waits for the decision to land. */
    async function keepMineOnFirst({ store, widget, page }: Awaited<ReturnType<typeof openedWithKeyboard>>) {
      const first = page.conflicts[0]!;
      const keepMine = await tabUntil((el) => /^Keep mine:/.test(nameOf(el)), { what: 'Keep mine' });
      expect(first.contains(keepMine)).to.equal(true);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => store.resolved.length === 1 && page.conflicts.length === 1, 'the first conflict resolved', {
        timeout: 20_000,
      });
      await widget.updateComplete;
    }

    /** Then tabs to the last conflict's "Keep theirs" and presses Enter; waits for the decision to land. */
    async function keepTheirsOnLast({ store, widget, page }: Awaited<ReturnType<typeof openedWithKeyboard>>) {
      await tabUntil((el) => /^Keep theirs:/.test(nameOf(el)), { what: 'Keep theirs' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => store.resolved.length === 2 && !page.conflicts[0], 'the second conflict resolved', {
        timeout: 20_000,
      });
      await widget.updateComplete;
    }

    it('Review opens the panel and moves focus to its title', async () => {
      const { page, review } = await openedWithKeyboard();
      const title = page.title!;
      expect(focusedElement()).to.equal(describeElement(title));
      expect(text(title)).to.equal('Changes that need your decision');
      expect(review.getAttribute('aria-expanded')).to.equal('true');
    });

    it('the panel shows what changed, who made my edit and when, field by field', async () => {
      const { page } = await openedWithKeyboard();
      const first = page.conflicts[0]!;
      expect(text(page.heading(first))).to.equal('Jo Bloggs, network member');
      expect(text(first.querySelector('p'))).to.equal(
        'Your change was made by Sam Okafor on 2 Apr 2026, 10:42. Someone else has changed the same details since.',
      );
      expect([...first.querySelectorAll('thead th')].map(text)).to.deep.equal([
        'Detail',
        'Your version (this device)',
        'The record’s version',
      ]);
      expect([...first.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map(text))).to.deep.equal([
        ['Closeness', 'Closest', 'Less close'],
        ['Sector', 'Household', 'Family'],
      ]);
      const second = page.conflicts[1]!;
      expect(text(second.querySelector('p'))).to.contain('Your change was made on 2 Apr 2026, 10:42.');
      expect([...second.querySelectorAll('tbody td')].map(text)).to.deep.equal(['old neighbour', 'friend']);
    });

    it('Keep mine sends my version, says so, and moves focus to the next conflict', async () => {
      const opened = await openedWithKeyboard();
      const { store, widget, page } = opened;
      await keepMineOnFirst(opened);
      expect(store.resolved).to.deep.equal([{ editId: 'edit-m1', keep: 'mine' }]);
      expect(text(page.announcement)).to.equal(
        'Kept your version: Jo Bloggs, network member. It will be sent to the record.',
      );
      expect(focusedElement()).to.equal(describeElement(page.heading(page.conflicts[0]!)));
      expect(message(widget)).to.equal('1 change needs your decision');
    });

    it('Keep theirs on the last conflict sets mine aside, says so, and moves focus to the title', async () => {
      const opened = await openedWithKeyboard();
      const { store, widget, page } = opened;
      await keepMineOnFirst(opened);
      await keepTheirsOnLast(opened);
      expect(store.resolved[1]).to.deep.equal({ editId: 'edit-m2', keep: 'theirs' });
      expect(text(page.announcement)).to.equal(
        'Kept the record’s version: Sam Lewis, network member. Your change was set aside.',
      );
      expect(focusedElement()).to.equal(describeElement(page.title));
      expect(message(widget)).to.equal('Saved on this device: 1 change not yet sent');
    });

    it('Escape with nothing left to decide closes the panel and moves focus to the status message', async () => {
      const opened = await openedWithKeyboard();
      const { widget, page } = opened;
      await keepMineOnFirst(opened);
      await keepTheirsOnLast(opened);
      await sendKeys({ press: 'Escape' });
      await widget.updateComplete;
      expect(describeElement(page.panel)).to.equal('(nothing)');
      // No Review button any more: focus goes to the status line itself.
      expect(focusedElement()).to.equal(describeElement(page.messageElement));
    });
  });

  it('Escape and Close return focus to the Review button while decisions remain', async () => {
    const store = new FakeSyncingStore(record(), { status: { pending: 2, conflicts: conflicts() } });
    const { widget } = await mount(store);
    const page = new SyncStatusPage(widget);
    focusNothing();
    await tabUntil((el) => el === page.reviewButton);
    await sendKeys({ press: 'Space' });
    await widget.updateComplete;
    expect(focusedElement()).to.equal(describeElement(page.title));
    await sendKeys({ press: 'Escape' });
    await widget.updateComplete;
    expect(describeElement(page.panel)).to.equal('(nothing)');
    expect(focusedElement()).to.equal(describeElement(page.reviewButton));
    await sendKeys({ press: 'Enter' });
    await widget.updateComplete;
    await tabUntil((el) => nameOf(el) === 'Close');
    await sendKeys({ press: 'Enter' });
    await widget.updateComplete;
    expect(describeElement(page.panel)).to.equal('(nothing)');
    expect(focusedElement()).to.equal(describeElement(page.reviewButton));
    expect(store.resolved).to.deep.equal([]);
  });

  it('shows a failed decision in words of its own, moves focus to it, fires od-error, and keeps the conflict', async () => {
    const store = new FakeSyncingStore(record(), { status: { pending: 2, conflicts: conflicts() } });
    const { widget } = await mount(store);
    const page = new SyncStatusPage(widget);
    store.failNextResolve = new Error('The device storage is full.');
    store.holdResolve = true;
    widget.sync.openReview();
    await widget.updateComplete;
    const failed = nextEvent(widget, 'od-error');
    const pressed = page.decisions(page.conflicts[0]!).theirs!;
    pressed.focus();
    pressed.click();
    await widget.updateComplete;
    // While deciding, the buttons wait (aria-disabled: the pressed one keeps focus) and the panel says so.
    expect(
      page.allDecisions.every((b) => b.getAttribute('aria-disabled') === 'true' && !(b as HTMLButtonElement).disabled),
    ).to.equal(true);
    expect(widget.shadowRoot!.activeElement).to.equal(pressed);
    page.decisions(page.conflicts[0]!).mine!.click();
    expect(text(page.announcement)).to.equal('Saving your decision…');
    await waitUntil(() => store.release !== undefined, undefined, { timeout: 20_000 });
    store.release!();
    expect((await failed).error.message).to.equal('The device storage is full.');
    await widget.updateComplete;
    const alert = page.alert!;
    expect(text(alert)).to.equal('Your decision was not saved; the change is still waiting. Try again.');
    // The core's English message is for the host (od-error), not the panel.
    expect(text(alert)).not.to.contain('storage is full');
    expect(widget.shadowRoot!.activeElement).to.equal(alert);
    // The press on the waiting "Keep mine" was not taken as a second decision.
    expect(store.resolved).to.deep.equal([{ editId: 'edit-m1', keep: 'theirs' }]);
    expect(page.conflicts.length).to.equal(2);
    expect(page.allDecisions.some((b) => b.getAttribute('aria-disabled') === 'true')).to.equal(false);
  });

  it('a decision saved after Escape closed the panel leaves focus where Escape put it', async () => {
    const store = new FakeSyncingStore(record(), { status: { pending: 2, conflicts: conflicts() } });
    const { widget } = await mount(store);
    const page = new SyncStatusPage(widget);
    store.holdResolve = true;
    widget.sync.openReview();
    await widget.updateComplete;
    const keep = page.decisions(page.conflicts[0]!).mine!;
    keep.focus();
    keep.click();
    await widget.updateComplete;
    await sendKeys({ press: 'Escape' });
    await widget.updateComplete;
    expect(describeElement(page.panel)).to.equal('(nothing)');
    const review = page.reviewButton!;
    expect(widget.shadowRoot!.activeElement).to.equal(review);
    await waitUntil(() => store.release !== undefined, undefined, { timeout: 20_000 });
    store.release!();
    await waitUntil(() => store.syncStatus.conflicts.length === 1, 'the decision saved', { timeout: 20_000 });
    await widget.updateComplete;
    expect(widget.shadowRoot!.activeElement).to.equal(review);
  });

  it('names members as the widget shows them and hides free text on a shared screen', async () => {
    const store = new FakeSyncingStore(record(), { status: { pending: 2, conflicts: conflicts() } });
    const { widget } = await mount(store, { initials: true });
    const page = new SyncStatusPage(widget);
    widget.sync.openReview();
    await widget.updateComplete;
    const titles = page.conflicts.map((c) => page.heading(c)).map(text);
    expect(titles).to.deep.equal(['J. B., network member', 'S. L., network member']);
    expect([...page.conflicts[1]!.querySelectorAll('tbody td')].map(text)).to.deep.equal([
      'Not shown on a shared screen',
      'Not shown on a shared screen',
    ]);
    expect(text(widget.shadowRoot)).not.to.contain('Jo Bloggs');
    expect(text(widget.shadowRoot)).not.to.contain('neighbour');
  });

  for (const locale of ['en-GB', 'cy']) {
    for (const theme of ['default', 'govuk', 'nhs']) {
      for (const scheme of ['light', 'dark']) {
        it(`passes axe with the status line and open panel: ${locale}, ${theme}, ${scheme}`, async () => {
          const store = new FakeSyncingStore(record(), {
            status: { pending: 2, conflicts: conflicts(), lastSyncedAt: '2026-03-02T14:00:00Z', unreadable: 1 },
          });
          const { widget, provider } = await mount(store, { locale, theme, scheme });
          const page = new SyncStatusPage(widget);
          widget.sync.openReview();
          await widget.updateComplete;
          expect(describeElement(page.panel)).not.to.equal('(nothing)');
          if (locale === 'cy') {
            expect(text(page.title)).to.equal('Newidiadau y mae angen i chi benderfynu amdanynt');
            // The visible words, and the subject for a screen reader (every button is not just "Keep mine").
            expect(text(page.decisions(page.conflicts[0]!).mine)).to.equal(
              'Cadw fy fersiwn i: Jo Bloggs, aelod o’r rhwydwaith',
            );
            expect(text(page.conflicts[0]!.querySelector('thead'))).to.contain('Eich fersiwn chi');
          }
          await expect(provider).to.be.accessible();
        });
      }
    }
  }
});

describe('<od-provider> sync status for hosts', () => {
  guardConsole();

  it('gives syncStatus and fires od-sync-status (bubbling, composed) on each change', async () => {
    const store = new FakeSyncingStore(record(), { status: { pending: 1 } });
    // fixtureSync: fixture() on a plain <div> waits for a frame, which a hidden tab never paints.
    const wrapper = fixtureSync<HTMLDivElement>(html`<div></div>`);
    const provider = document.createElement('od-provider');
    wrapper.append(provider);
    const seen: OdSyncStatusEvent[] = [];
    wrapper.addEventListener('od-sync-status', (e) => seen.push(e));
    expect(provider.syncStatus).to.equal(undefined);
    provider.store = store;
    await provider.updateComplete;
    expect(provider.syncStatus).to.equal(store.syncStatus);
    expect(seen.length).to.equal(1);
    expect(seen[0]!.status?.pending).to.equal(1);
    const next = store.setStatus({ pending: 0, lastSyncedAt: '2026-03-02T14:00:00Z' });
    expect(seen.length).to.equal(2);
    expect(seen[1]).to.be.instanceOf(OdSyncStatusEvent);
    expect(seen[1]!.status).to.equal(next);
    expect(seen[1]!.bubbles && seen[1]!.composed).to.equal(true);
    expect(provider.syncStatus).to.equal(next);
    provider.store = new MemoryStore(record());
    await provider.updateComplete;
    expect(provider.syncStatus).to.equal(undefined);
    // Hosts hear that the store no longer syncs (hide their indicator).
    expect(seen.length).to.equal(3);
    expect(seen[2]!.status).to.equal(undefined);
    store.setStatus({ pending: 5 });
    expect(seen.length).to.equal(3);
  });

  it('syncStatus is read only', async () => {
    const provider = await fixture<OdProvider>(html`<od-provider></od-provider>`);
    expect(() => ((provider as unknown as { syncStatus: unknown }).syncStatus = { pending: 1 })).to.throw(TypeError);
  });
});

describe('"Changed by … on …"', () => {
  guardConsole();

  it('shows the latest edit’s author and time, and nothing when there is no history', async () => {
    const store = new FakeSyncingStore(record(), { author });
    const { widget } = await mount(store);
    const page = new SyncStatusPage(widget);
    expect(describeElement(page.changedBy)).to.equal('(nothing)');
    await store.apply({ type: 'member/update', member: { ...jo, ring: 2 } }, { at: '2026-04-02T10:42:00+01:00' });
    await waitUntil(() => page.changedBy, 'the history line', { timeout: 20_000 });
    expect(text(page.changedBy)).to.equal('Changed by Alex Hughes on 2 Apr 2026, 10:42');
    widget.memberId = 'm2';
    await widget.updateComplete;
    // Sam has no history: nothing, even after the store has answered.
    await store.history({ kind: 'member', id: 'm2' });
    await widget.updateComplete;
    expect(describeElement(page.changedBy)).to.equal('(nothing)');
  });

  it('says "not yet sent" for an edit kept on the device, in English and Welsh', async () => {
    const store = new FakeSyncingStore(record(), { author });
    await store.apply(
      { type: 'member/update', member: { ...jo, ring: 2 } },
      { at: '2026-04-02T10:42:00+01:00', editId: 'edit-1' },
    );
    store.editStates.set('edit-1', 'pending');
    const { widget } = await mount(store, { locale: 'cy' });
    const page = new SyncStatusPage(widget);
    await waitUntil(() => page.changedBy, 'the history line', { timeout: 20_000 });
    expect(text(page.changedBy)).to.equal('Newidiwyd gan Alex Hughes ar 2 Ebr 2026, 10:42 (heb ei anfon eto)');
    store.editStates.set('edit-1', 'conflict');
    store.setStatus({ conflicts: conflicts().slice(0, 1), pending: 1 });
    await waitUntil(() => text(page.changedBy).includes('mae angen eich penderfyniad'), 'the conflict state', {
      timeout: 20_000,
    });
    widget.locale = 'en-GB';
    await widget.updateComplete;
    expect(text(page.changedBy)).to.equal(
      'Changed by Alex Hughes on 2 Apr 2026, 10:42 (not yet sent: needs your decision)',
    );
  });

  it('says "Changed on" for an edit without an author (MemoryStore), and nothing without a store', async () => {
    const store = new MemoryStore(record());
    await store.apply({ type: 'member/update', member: { ...jo, ring: 3 } }, { at: '2026-04-02T10:42:00+01:00' });
    const { widget } = await mount(store);
    const page = new SyncStatusPage(widget);
    await waitUntil(() => page.changedBy, 'the history line', { timeout: 20_000 });
    expect(text(page.changedBy)).to.equal('Changed on 2 Apr 2026, 10:42');
    const alone = await fixture<SyncWidget>(html`<od-test-sync-widget></od-test-sync-widget>`);
    const nothingShown = new SyncStatusPage(alone);
    expect(describeElement(nothingShown.changedBy ?? nothingShown.line)).to.equal('(nothing)');
  });
});

describe('conflict text', () => {
  it('names entities from either version or the record, and formats values through the vocabulary', async () => {
    const el = await fixture<SyncWidget>(html`<od-test-sync-widget locale="en-GB"></od-test-sync-widget>`);
    const r = record();
    expect(entitySubject({ kind: 'tie', id: 't1' }, el.i18n, r, {}, [{ id: 't1', from: 'p1', to: 'm2' }])).to.equal(
      'The tie between Robin Ellis and Sam Lewis',
    );
    expect(entitySubject({ kind: 'meeting', id: 'x' }, el.i18n, r, {}, [{ start: '2026-03-02T14:00:00Z' }])).to.equal(
      'The meeting on 2 March 2026',
    );
    expect(entitySubject({ kind: 'assessment', id: 'gone' }, el.i18n, r)).to.equal('A fidelity assessment');
    expect(fieldValue('status', 'past', 'member', el.i18n)).to.equal('No longer in touch');
    expect(fieldValue('status', 'held', 'meeting', el.i18n)).to.equal('Held');
    expect(fieldValue('support', ['emotional', 'practical'], 'member', el.i18n)).to.equal(
      'Emotional support and Practical help',
    );
    expect(fieldValue('household', true, 'member', el.i18n)).to.equal('Yes');
    expect(
      fieldValue(
        'attendees',
        [
          { memberId: 'm1', present: true },
          { memberId: 'gone', present: false },
        ],
        'meeting',
        el.i18n,
        { record: r },
      ),
    ).to.equal('Jo Bloggs (there) and Someone not in this record (not there)');
    expect(fieldValue('nextMeeting', { kind: 'open' }, 'meeting', el.i18n)).to.equal('Left open');
    // An episode's hand-overs: the team taking over and when, never the reason.
    const handovers = [{ at: '2026-04-09T10:00:00+01:00', to: 'Millbrook Home Treatment Team', reason: 'Moved away' }];
    expect(fieldName('handovers', el.i18n)).to.equal('Hand-overs of responsibility');
    expect(fieldValue('handovers', handovers, 'episode', el.i18n)).to.equal(
      'Millbrook Home Treatment Team from 9 Apr 2026, 10:00',
    );
    expect(fieldValue('notes', undefined, 'meeting', el.i18n)).to.equal('None');
    expect(fieldValue('notes', '<img src=x onerror=alert(1)>', 'meeting', el.i18n)).to.equal(
      '<img src=x onerror=alert(1)>',
    );
  });
});
