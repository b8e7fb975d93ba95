/**
 * @odkit/react in real Chromium: each wrapper rendered with react-dom/client, rich data
 * reaching the elements as properties, `onOd…` props receiving the kit's typed events from
 * real key presses, handlers swapped and removed with the props, nothing left listening
 * after unmount; and React 19 using the tags directly.
 */
import { expect } from '@open-wc/testing';
import { MemoryStore, sevenPrinciples, type CaseRecord } from '@odkit/core';
import { demoCase as sharedDemo } from '@odkit/core/demo';
import { forgetDrafts, ownCase } from '../../../test/support/own-case.js';
import { OdMeetingTimeline as TimelineElement } from '@odkit/meeting-timeline';
import { OdNetworkMap as MapElement } from '@odkit/network-map';
import { OdPrinciplesChecklist as ChecklistElement } from '@odkit/principles-checklist';
import {
  OdProvider as ProviderElement,
  OdChangeEvent,
  OdErrorEvent,
  OdMemberFocusEvent,
  OdSelectEvent,
  OdSyncStatusEvent,
} from '@odkit/elements';
import { createElement as h, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { sendKeys } from '@web/test-runner-commands';
import { OdMeetingTimeline, OdNetworkMap, OdPrinciplesChecklist, OdProvider, OdServiceDashboard } from '@odkit/react';
import { OdOpenCasesEvent, OdServiceDashboard as DashboardElement } from '@odkit/service-dashboard';
import { serviceSummary, TEAMS } from '../../../test/fixtures/service-summary.js';
import type {} from '@odkit/react/jsx';
import { DEMO_NOW } from '../../../test/fixtures/index.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { until } from '../../../test/support/dom.js';
import { demoSyncingStore } from '../../../stories/support/sync-store.js';

// A case id of this file's own: checklists here keep drafts on the device, keyed by case (see own-case.ts).
const demoCase = ownCase(sharedDemo);
beforeEach(() => forgetDrafts(demoCase.id));

const record = (): CaseRecord => structuredClone(demoCase);
let root: Root | undefined;
let container: HTMLElement;

/**
 * Renders `node` synchronously into a fresh container (layout effects, where the wrappers set properties, included).
 */
function render(node: ReactNode): HTMLElement {
  if (!root) {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  }
  flushSync(() => root!.render(node));
  return container;
}

function unmount() {
  root?.unmount();
  root = undefined;
  container?.remove();
}

const one = <K extends keyof HTMLElementTagNameMap>(tag: K) => {
  const el = container.querySelector(tag);
  if (!el) throw new Error(`<${tag}> was not rendered`);
  return el;
};
const inShadow = (host: Element, selector: string) => {
  const found = host.shadowRoot!.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`No ${selector} in <${host.localName}>`);
  return found;
};
const active = (host: Element) => host.shadowRoot!.activeElement as HTMLElement | null;

/** Keyboard focus onto the map with real Tabs from a button rendered before it. */
async function tabIntoMap(map: MapElement) {
  const before = document.createElement('button');
  before.textContent = 'before';
  map.before(before);
  before.focus();
  for (let i = 0; i < 12 && !active(map)?.classList.contains('node'); i++) await sendKeys({ press: 'Tab' });
  before.remove();
  expect(active(map)?.classList.contains('node'), 'a map node has focus').to.equal(true);
}

describe('@odkit/react wrappers', () => {
  guardConsole();
  afterEach(unmount);

  it('render the kit elements under their own od-* tags (the wrappers register nothing else)', async () => {
    render(
      h(
        OdProvider,
        null,
        h(OdNetworkMap, { record: record() }),
        h(OdMeetingTimeline, { record: record() }),
        h(OdPrinciplesChecklist, { record: record() }),
      ),
    );
    const pairs = [
      ['od-provider', ProviderElement],
      ['od-network-map', MapElement],
      ['od-meeting-timeline', TimelineElement],
      ['od-principles-checklist', ChecklistElement],
    ] as const;
    for (const [tag, cls] of pairs) {
      expect(customElements.get(tag), tag).to.equal(cls);
      expect(customElements.getName(cls), cls.name).to.equal(tag);
      expect(one(tag)).to.be.instanceOf(cls);
    }
    expect(
      [OdProvider, OdNetworkMap, OdMeetingTimeline, OdPrinciplesChecklist].map((c) => c.displayName),
    ).to.deep.equal(['OdProvider', 'OdNetworkMap', 'OdMeetingTimeline', 'OdPrinciplesChecklist']);
  });

  it('set records, stores and instruments as properties (the same objects), simple options too', async () => {
    const store = new MemoryStore(record());
    const data = record();
    const instrument = structuredClone(sevenPrinciples);
    render(
      h(
        OdProvider,
        { store, theme: 'govuk' },
        h(OdNetworkMap, { record: data, sectors: true, asOf: DEMO_NOW, className: 'host-map' }),
        h(OdPrinciplesChecklist, { instrument, meetingId: 'mt-13', raterName: 'Jo Whitfield' }),
      ),
    );
    const provider = one('od-provider');
    const map = one('od-network-map');
    const checklist = one('od-principles-checklist');
    expect(provider.store).to.equal(store);
    expect(provider.theme).to.equal('govuk');
    expect(map.record).to.equal(data);
    expect(map.sectors).to.equal(true);
    expect(map.asOf).to.equal(DEMO_NOW);
    expect(checklist.instrument).to.equal(instrument);
    expect(checklist.meetingId).to.equal('mt-13');
    expect(checklist.raterName).to.equal('Jo Whitfield');
    // Rich data never goes through an attribute (it would be "[object Object]").
    for (const [el, name] of [
      [provider, 'store'],
      [map, 'record'],
      [checklist, 'instrument'],
    ] as const)
      expect(el.hasAttribute(name), name).to.equal(false);
    // React's className becomes the host's class (React does not map it for custom elements).
    expect(map.getAttribute('class')).to.equal('host-map');
  });

  it('give a new record on re-render to the same element, which shows it', async () => {
    render(h(OdNetworkMap, { record: record() }));
    const map = one('od-network-map');
    await map.updateComplete;
    expect(inShadow(map, '.node[data-key="m-sarah"]').getAttribute('aria-label')).to.match(/^Sarah Lewis:/);
    const renamed = record();
    renamed.members = renamed.members.map((m) => (m.id === 'm-sarah' ? { ...m, name: 'Sarah Lewis-Hart' } : m));
    render(h(OdNetworkMap, { record: renamed }));
    expect(one('od-network-map')).to.equal(map);
    expect(map.record).to.equal(renamed);
    await map.updateComplete;
    expect(inShadow(map, '.node[data-key="m-sarah"]').getAttribute('aria-label')).to.match(/^Sarah Lewis-Hart:/);
  });

  it('onOdSelect gets the map’s OdSelectEvent when a keyboard user selects a member, and React state shows it', async () => {
    const seen: OdSelectEvent[] = [];
    function App() {
      const [selected, setSelected] = useState<OdSelectEvent['selection']>(null);
      return h(
        'div',
        null,
        h(OdNetworkMap, {
          record: demoCase,
          sectors: true,
          onOdSelect: (event) => {
            seen.push(event);
            setSelected(event.selection);
          },
        }),
        h('p', { id: 'chosen' }, selected?.kind === 'member' ? selected.member.name : 'nobody'),
      );
    }
    render(h(App));
    const map = one('od-network-map');
    await map.updateComplete;
    await tabIntoMap(map);
    await sendKeys({ press: 'ArrowRight' });
    const key = active(map)!.dataset.key!;
    await sendKeys({ press: 'Enter' });
    expect(seen).to.have.length(1);
    expect(seen[0]).to.be.instanceOf(OdSelectEvent);
    const selection = seen[0]!.selection;
    expect(selection?.kind).to.equal('member');
    const member = demoCase.members.find((m) => m.id === key)!;
    expect(selection?.kind === 'member' && selection.member.id).to.equal(key);
    await until(
      () => container.querySelector('#chosen')!.textContent === member.name,
      'React to show the chosen member',
    );

    await sendKeys({ press: 'Escape' });
    expect(seen.at(-1)!.selection).to.equal(null);
    await until(() => container.querySelector('#chosen')!.textContent === 'nobody', 'React to show no one chosen');
  });

  it('onOdSelect and onOdMemberFocus on the timeline: Enter opens a meeting, focusing an attendee names them', async () => {
    const selects: OdSelectEvent[] = [];
    const focuses: OdMemberFocusEvent[] = [];
    render(
      h(OdMeetingTimeline, {
        record: demoCase,
        asOf: DEMO_NOW,
        onOdSelect: (e) => selects.push(e),
        onOdMemberFocus: (e) => focuses.push(e),
      }),
    );
    const timeline = one('od-meeting-timeline');
    await timeline.updateComplete;
    inShadow(timeline, '#meeting-mt-01').focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    expect(selects).to.have.length(1);
    expect(selects[0]).to.be.instanceOf(OdSelectEvent);
    expect(selects[0]!.selection?.kind === 'meeting' && selects[0]!.selection.meeting.id).to.equal('mt-02');
    await timeline.updateComplete;
    inShadow(timeline, '#details button.member').focus();
    expect(focuses.at(-1)).to.be.instanceOf(OdMemberFocusEvent);
    expect(focuses.at(-1)!.memberId).to.be.a('string');
  });

  it('onOdChange (cancelable) and the native onChange / onInput on the checklist, from a keyboard rating', async () => {
    const changes: OdChangeEvent[] = [];
    const natives: string[] = [];
    render(
      h(OdPrinciplesChecklist, {
        record: record(),
        meetingId: 'mt-13',
        raterName: 'Jo Whitfield',
        onOdChange: (e) => changes.push(e),
        onChange: (e) => natives.push(e.type),
        onInput: (e) => natives.push(e.type),
      }),
    );
    const checklist = one('od-principles-checklist');
    await checklist.updateComplete;
    const first = checklist.shadowRoot!.querySelector<HTMLInputElement>('input[type=radio][name^="item-"]')!;
    first.focus();
    await sendKeys({ press: 'Space' });
    await checklist.updateComplete;
    expect(changes.length).to.be.greaterThan(0);
    expect(changes[0]).to.be.instanceOf(OdChangeEvent);
    expect(changes[0]!.cancelable).to.equal(true);
    expect(changes.map((c) => c.change.type)).to.deep.equal(['assessment/start']);
    expect(natives).to.include('input').and.include('change');
  });

  it('onOdError gets an OdErrorEvent for a record the element cannot use; the element shows why', async () => {
    const errors: OdErrorEvent[] = [];
    render(h(OdNetworkMap, { record: { members: 'not a list' }, onOdError: (e) => errors.push(e) }));
    const map = one('od-network-map');
    await map.updateComplete;
    expect(errors).to.have.length(1);
    expect(errors[0]).to.be.instanceOf(OdErrorEvent);
    expect(errors[0]!.error.message).to.be.a('string').and.not.equal('');
    expect(inShadow(map, '[role="alert"]').textContent).to.not.equal('');
  });

  it('listen on their own element only, swap and drop handlers with the props, and leave nothing listening after unmount', async () => {
    // Every listener @lit/react adds or removes while the wrapper renders (its listeners are
    // `{ handleEvent }` objects; the element's own, for linked focus, are functions), and on what.
    const added: { target: EventTarget; type: string }[] = [];
    const removed: { target: EventTarget; type: string }[] = [];
    const names = new Set(['od-select', 'od-change', 'od-error', 'od-member-focus']);
    const { addEventListener, removeEventListener } = EventTarget.prototype;
    const fromWrapper = (type: string, listener: unknown) =>
      names.has(type) && typeof listener === 'object' && listener !== null && 'handleEvent' in listener;
    EventTarget.prototype.addEventListener = function (
      this: EventTarget,
      type: string,
      listener: never,
      options?: never,
    ) {
      if (fromWrapper(type, listener)) added.push({ target: this, type });
      return addEventListener.call(this, type, listener, options);
    };
    EventTarget.prototype.removeEventListener = function (
      this: EventTarget,
      type: string,
      listener: never,
      options?: never,
    ) {
      if (fromWrapper(type, listener)) removed.push({ target: this, type });
      return removeEventListener.call(this, type, listener, options);
    };
    const calls: string[] = [];
    let map: MapElement;
    try {
      const props = { record: demoCase };
      render(
        h(OdNetworkMap, { ...props, onOdSelect: () => calls.push('first'), onOdError: () => calls.push('error') }),
      );
      map = one('od-network-map');
      map.dispatchEvent(new OdSelectEvent(null));
      render(h(OdNetworkMap, { ...props, onOdSelect: () => calls.push('second') }));
      map.dispatchEvent(new OdSelectEvent(null));
      map.dispatchEvent(new OdErrorEvent(new Error('x')));
      render(h(OdNetworkMap, props));
      map.dispatchEvent(new OdSelectEvent(null));
      expect(calls).to.deep.equal(['first', 'second']);
      render(h(OdNetworkMap, { ...props, onOdSelect: () => calls.push('third') }));
      map.dispatchEvent(new OdSelectEvent(null));
      unmount();
    } finally {
      Object.assign(EventTarget.prototype, { addEventListener, removeEventListener });
    }
    // One listener per event prop, on the element itself (a handler swap reuses it), each
    // removed with its prop: nothing on the document, the window or a parent.
    expect(added.map((a) => a.type)).to.deep.equal(['od-select', 'od-error', 'od-select']);
    expect(removed.map((a) => a.type)).to.deep.equal(['od-error', 'od-select']);
    for (const { target } of [...added, ...removed]) expect(target).to.equal(map!);
    // The last handler stays on the element React let go of (@lit/react removes listeners only
    // when their prop goes), and goes with it: the element is out of the document.
    expect(map!.isConnected).to.equal(false);
    expect(calls).to.deep.equal(['first', 'second', 'third']);
  });

  it('onOdSyncStatus gets the provider’s OdSyncStatusEvent when its offline store’s status changes', async () => {
    const store = demoSyncingStore('pending');
    const seen: OdSyncStatusEvent[] = [];
    render(h(OdProvider, { store, onOdSyncStatus: (e: OdSyncStatusEvent) => seen.push(e) }));
    const provider = one('od-provider');
    await provider.updateComplete;
    expect(provider.syncStatus?.pending).to.equal(2);
    store.setStatus({ pending: 0, lastSyncedAt: '2026-04-01T13:00:00+01:00' });
    expect(seen.at(-1)).to.be.instanceOf(OdSyncStatusEvent);
    expect(seen.at(-1)!.status?.pending).to.equal(0);
  });

  it('three widgets under the provider on one store are accessible, and a rating through the wrapper reaches the store', async () => {
    const store = new MemoryStore(record());
    const natives: Event[] = [];
    render(
      h(
        'main',
        null,
        h('h1', null, 'Maya Lewis'),
        h(
          OdProvider,
          { store },
          h(OdNetworkMap, { sectors: true }),
          h(OdMeetingTimeline, { asOf: DEMO_NOW }),
          h(OdPrinciplesChecklist, { meetingId: 'mt-13', raterName: 'Jo Whitfield', onChange: (e) => natives.push(e) }),
        ),
      ),
    );
    const [map, timeline, checklist] = [
      one('od-network-map'),
      one('od-meeting-timeline'),
      one('od-principles-checklist'),
    ];
    await Promise.all([map.updateComplete, timeline.updateComplete, checklist.updateComplete]);
    await expect(container).to.be.accessible();
    const before = store.snapshot!.revision;
    checklist.shadowRoot!.querySelector<HTMLInputElement>('input[type=radio][name^="item-"]')!.focus();
    await sendKeys({ press: 'Space' });
    await checklist.updateComplete;
    expect(natives.length).to.be.greaterThan(0);
    await until(() => store.snapshot!.revision > before, 'the rating to reach the store');
    expect(
      store.snapshot!.record.assessments.some((a) => a.meetingId === 'mt-13' && a.rater.name === 'Jo Whitfield'),
    ).to.equal(true);
  });
});

describe('React 19 with the tags directly (no wrapper)', () => {
  guardConsole();
  afterEach(unmount);

  it('sets rich data as properties and listens for od-* events through on<event-name> props', async () => {
    const store = new MemoryStore(record());
    const selects: OdSelectEvent[] = [];
    const natives: string[] = [];
    render(
      h(
        'od-provider',
        { store },
        h('od-network-map', { sectors: true, 'onod-select': (e: OdSelectEvent) => selects.push(e) }),
        h('od-principles-checklist', {
          meetingId: 'mt-13',
          raterName: 'Jo Whitfield',
          onchange: (e: Event) => natives.push(e.type),
        }),
      ),
    );
    const provider = one('od-provider');
    const map = one('od-network-map');
    const checklist = one('od-principles-checklist');
    expect(provider.store).to.equal(store);
    expect(provider.hasAttribute('store')).to.equal(false);
    expect(map.sectors).to.equal(true);
    expect(checklist.meetingId).to.equal('mt-13');
    await map.updateComplete;
    await tabIntoMap(map);
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Enter' });
    expect(selects).to.have.length(1);
    expect(selects[0]).to.be.instanceOf(OdSelectEvent);
    expect(selects[0]!.selection?.kind).to.equal('member');

    await checklist.updateComplete;
    checklist.shadowRoot!.querySelector<HTMLInputElement>('input[type=radio][name^="item-"]')!.focus();
    await sendKeys({ press: 'Space' });
    expect(natives).to.include('change');

    // React 19, like @lit/react, leaves the handler on the element it let go of, which is out of the document.
    unmount();
    expect(map.isConnected).to.equal(false);
  });
  it('the service dashboard: the summary and goals as properties, onOdOpenCases and onChange from real key presses', async () => {
    const summary = serviceSummary();
    const goals = { firstMeetingWithinTarget: 0.8 };
    const opened: OdOpenCasesEvent[] = [];
    const changes: string[] = [];
    render(
      h(OdServiceDashboard, {
        summary,
        goals,
        trendView: 'table',
        onOdOpenCases: (e) => opened.push(e),
        onChange: (e) => changes.push(e.type),
      }),
    );
    const el = one('od-service-dashboard');
    expect(el).to.be.instanceOf(DashboardElement);
    expect(OdServiceDashboard.displayName).to.equal('OdServiceDashboard');
    expect(el.summary).to.equal(summary);
    expect(el.goals).to.equal(goals);
    await el.updateComplete;
    expect(el.getAttribute('trend-view')).to.equal('table');
    inShadow(el, '#filter-team').focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(changes).to.deep.equal(['change']);
    expect(el.team).to.equal(TEAMS.north);
    await el.updateComplete;
    inShadow(el, 'button[data-open="tile-firstMeetingWithinTarget"]').focus();
    await sendKeys({ press: 'Enter' });
    expect(opened).to.have.length(1);
    expect(opened[0]).to.be.instanceOf(OdOpenCasesEvent);
    expect(opened[0]!.filter.team).to.equal(TEAMS.north);
  });
});
