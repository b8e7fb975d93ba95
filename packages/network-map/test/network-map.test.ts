import { expect, fixture, fixtureSync, html, waitUntil } from '@open-wc/testing';
import { MemoryStore, parseCaseRecord, type CaseRecord, type NetworkMember } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import {
  OdMemberFocusEvent,
  OdProvider,
  type OdChangeEvent,
  type OdErrorEvent,
  type OdSelectEvent,
} from '@odkit/elements';
import '@odkit/elements/define.js';
import { OdNetworkMap, computeLayout, initials, nearestInDirection } from '@odkit/network-map';
import '@odkit/network-map/define.js';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { generateCase, HOSTILE_TEXT, pwned } from '../../../test/fixtures/index.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { nextEvent } from '../../../test/support/events.js';
import { demoSyncingStore } from '../../../stories/support/sync-store.js';

const PERSON = ':person';
const HOSTILE = HOSTILE_TEXT;

const $ = <T extends Element = Element>(el: OdNetworkMap, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = Element>(el: OdNetworkMap, selector: string) => [
  ...el.shadowRoot!.querySelectorAll<T>(selector),
];
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const active = (el: OdNetworkMap) => el.shadowRoot!.activeElement;
const activeKey = (el: OdNetworkMap) => active(el)?.getAttribute('data-key');
const nodes = (el: OdNetworkMap) => $$(el, '.nodes .node');

async function mapOf(
  record: unknown,
  attrs: Partial<Pick<OdNetworkMap, 'sectors' | 'editable' | 'initialsOnly' | 'asOf' | 'audience'>> = {},
) {
  const el = await fixture<OdNetworkMap>(html`<od-network-map
    .record=${record}
    ?sectors=${attrs.sectors ?? true}
    ?editable=${attrs.editable ?? false}
    ?initials-only=${attrs.initialsOnly ?? false}
    as-of=${attrs.asOf ?? ''}
    audience=${attrs.audience ?? ''}
  ></od-network-map>`);
  if (!attrs.asOf) el.removeAttribute('as-of');
  if (!attrs.audience) el.removeAttribute('audience');
  await el.updateComplete;
  return el;
}

/**
 * A pointer event at a point, sent to whatever the browser hit-tests there (as a real
 * pointer would be). web-test-runner's mouse moves hang while a test page is in the
 * background (other files run alongside), so drags and hovers are dispatched this way;
 * clicks and keys are real input.
 */
function pointerAt(el: OdNetworkMap, type: string, [x, y]: [number, number], options: PointerEventInit = {}) {
  const target = el.shadowRoot!.elementFromPoint(x, y) ?? el;
  target.dispatchEvent(
    new PointerEvent(type, {
      clientX: x,
      clientY: y,
      pointerId: 1,
      pointerType: 'mouse',
      button: 0,
      buttons: type === 'pointerup' ? 0 : 1,
      bubbles: true,
      composed: true,
      ...options,
    }),
  );
  return target;
}

/** Puts keyboard focus on the map with a real Tab from a button before it. */
async function tabIntoMap(el: OdNetworkMap) {
  const before = document.createElement('button');
  before.textContent = 'before';
  el.before(before);
  before.focus();
  // Toolbar buttons come first; tab until a map node has focus.
  for (let i = 0; i < 12 && !active(el)?.classList.contains('node'); i++) await sendKeys({ press: 'Tab' });
  before.remove();
  expect(active(el)?.classList.contains('node')).to.equal(true);
}

describe('<od-network-map>', () => {
  guardConsole();

  afterEach(() => {
    expect(pwned()).to.equal(false);
  });

  it('draws the person, every member with a shape for its kind, and every tie kind; passes axe', async () => {
    const el = await mapOf(demoCase);
    const all = nodes(el);
    expect(all).to.have.length(demoCase.members.length + 1);
    expect($(el, '.node.person')?.getAttribute('aria-label')).to.equal('Maya Lewis, the person at the centre');
    expect($$(el, '.nodes .node.kind-person circle.shape').length).to.be.greaterThan(0);
    expect($$(el, '.nodes .node.kind-organisation rect.shape').length).to.equal(
      demoCase.members.filter((m) => m.kind === 'organisation').length,
    );
    expect($$(el, '.nodes .node.kind-professional polygon.shape').length).to.equal(
      demoCase.members.filter((m) => m.kind === 'professional').length,
    );
    // Past and deceased are shown as such, in the picture and the accessible name.
    const huw = $(el, '.node[data-key="m-huw"]')!;
    expect(huw.classList.contains('status-deceased')).to.equal(true);
    expect(huw.querySelector('.mark')).to.not.equal(null);
    expect(huw.getAttribute('aria-label')).to.contain('Died');
    expect($(el, '.node[data-key="m-alex"]')!.classList.contains('status-past')).to.equal(true);
    for (const q of ['supportive', 'neutral', 'stressful', 'conflictual', 'cut-off'])
      expect($$(el, `.ties .tie.quality-${q}`).length, q).to.be.greaterThan(0);
    for (const s of ['strong', 'moderate', 'tenuous'])
      expect($$(el, `.ties .tie.strength-${s}`).length, s).to.be.greaterThan(0);
    expect($$(el, '.ties .tie.between')).to.have.length(demoCase.ties.filter((t) => t.from !== 'maya').length);
    // Direction arrows: one head for to/from, two for both.
    expect($$(el, '[data-tie="t-sarah"] .arrow')).to.have.length(2);
    expect($$(el, '[data-tie="t-gwen"] .arrow')).to.have.length(1);
    expect($$(el, '[data-tie="t-college"] .arrow')).to.have.length(0);
    // Distinct geometry (not only colour): a conflict zigzag has many segments, a cut-off tie a gap with bars.
    const d = (id: string) => $(el, `[data-tie="${id}"] path`)!.getAttribute('d')!;
    expect(d('t-david').split('L').length).to.be.greaterThan(5);
    expect(d('t-alex').split('M').length).to.equal(5);
    expect(d('t-leanne').split('M').length).to.be.greaterThan(2);
    // Sectors are named in text, not only coloured.
    expect($$(el, '.sector-label').map(text)).to.include('Household');
    expect(text($(el, '.legend'))).to.contain('Cut off');
    // Every member is at least a 24×24 px pointer target, whatever the map's size on screen.
    el.style.setProperty('--od-network-map-height', '300px');
    el.requestUpdate();
    await el.updateComplete;
    for (const node of all) {
      const box = node.querySelector('.hit')!.getBoundingClientRect();
      expect(Math.min(box.width, box.height), node.getAttribute('data-key')!).to.be.at.least(24);
    }
    await expect(el).to.be.accessible();
  });

  it('lays out deterministically: the same record gives the same picture, members stay in their ring and sector', async () => {
    const a = computeLayout(demoCase.members, true);
    const b = computeLayout([...demoCase.members].reverse(), true);
    expect([...a.positions].sort()).to.deep.equal([...b.positions].sort());
    for (const m of demoCase.members) {
      const p = a.positions.get(m.id)!;
      const dist = Math.hypot(p.x, p.y);
      const inner = m.ring === 1 ? 0 : a.rings[m.ring - 2]!;
      expect(dist, m.id).to.be.within(inner, a.rings[m.ring - 1]!);
    }
    const el1 = await mapOf(demoCase);
    const el2 = await mapOf(structuredClone(demoCase));
    const transforms = (el: OdNetworkMap) =>
      nodes(el).map((n) => `${n.getAttribute('data-key')}@${n.getAttribute('transform')}`);
    expect(transforms(el1)).to.deep.equal(transforms(el2));
  });

  it('is one tab stop; arrows move to the nearest member, Home to the person, Enter selects, Escape clears', async () => {
    const el = await mapOf(demoCase);
    expect($$(el, '.node[tabindex="0"]')).to.have.length(1);
    await tabIntoMap(el);
    expect(activeKey(el)).to.equal(':person');
    const selects: OdSelectEvent[] = [];
    el.addEventListener('od-select', (e) => selects.push(e));

    const layout = computeLayout(demoCase.members, true);
    await sendKeys({ press: 'ArrowRight' });
    const first = activeKey(el)!;
    expect(first).to.not.equal(':person');
    expect(layout.positions.get(first)!.x).to.be.greaterThan(0);
    expect($$(el, '.node[tabindex="0"]').map((n) => n.getAttribute('data-key'))).to.deep.equal([first]);
    // Focus shows the member in the details panel (no tooltip, nothing only on hover).
    expect(text($(el, '.panel-title'))).to.equal(demoCase.members.find((m) => m.id === first)!.name);

    await sendKeys({ press: 'ArrowUp' });
    const second = activeKey(el)!;
    expect(layout.positions.get(second)!.y).to.be.lessThan(layout.positions.get(first)!.y);

    await sendKeys({ press: 'Enter' });
    expect(selects.at(-1)!.selection).to.deep.include({ kind: 'member' });
    expect(
      selects.at(-1)!.selection?.kind === 'member' && selects.at(-1)!.selection?.kind === 'member'
        ? (selects.at(-1)!.selection as { member: NetworkMember }).member.id
        : '',
    ).to.equal(second);
    expect($(el, `.node[data-key="${second}"]`)!.getAttribute('aria-pressed')).to.equal('true');
    expect($(el, 'svg.map')!.classList.contains('has-selection')).to.equal(true);
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Escape' });
    expect(selects.at(-1)!.selection).to.equal(null);
    expect($$(el, '.node[aria-pressed="true"]')).to.have.length(0);

    await sendKeys({ press: 'Home' });
    expect(activeKey(el)).to.equal(':person');
    await sendKeys({ press: ' ' });
    expect(selects.at(-1)!.selection).to.deep.include({ kind: 'person' });

    // Tab leaves the map in one press.
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.classList.contains('node') ?? false).to.equal(false);
  });

  it('zooms with + and −, pans with a modifier and an arrow, resets with 0', async () => {
    const el = await mapOf(demoCase);
    const viewport = () =>
      $<SVGSVGElement>(el, 'svg.map')!.style.transform.replace(
        /\d+\.\d+px/g,
        (px) => `${Math.round(parseFloat(px))}px`,
      );
    const s = () => {
      const svg = $<SVGSVGElement>(el, 'svg.map')!;
      return Math.min(svg.clientWidth / svg.viewBox.baseVal.width, svg.clientHeight / svg.viewBox.baseVal.height);
    };
    await tabIntoMap(el);
    expect(viewport()).to.equal('translate(0px, 0px) scale(1)');
    await sendKeys({ press: '+' });
    expect(viewport()).to.equal('translate(0px, 0px) scale(1.25)');
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ up: 'Control' });
    const panned = /^translate\((\d+)px, 0px\) scale\(1\.25\)$/.exec(viewport());
    expect(panned, viewport()).to.not.equal(null);
    expect(Math.abs(Number(panned![1]) - 40 * s())).to.be.below(1.5);
    expect(activeKey(el)).to.equal(':person');
    await sendKeys({ press: '-' });
    await sendKeys({ press: '0' });
    expect(viewport()).to.equal('translate(0px, 0px) scale(1)');
  });

  it('pans by dragging the background, zooms with the wheel and with a pinch', async () => {
    const el = await mapOf(demoCase);
    el.style.setProperty('--od-network-map-height', '400px');
    const svg = $<SVGSVGElement>(el, 'svg.map')!;
    svg.scrollIntoView({ block: 'start' });
    el.requestUpdate();
    await el.updateComplete;
    const frame = $(el, '.frame')!;
    const r = frame.getBoundingClientRect();
    // A corner of the frame is background (outside the rings).
    const start: [number, number] = [Math.round(r.left + 12), Math.round(r.top + 12)];
    pointerAt(el, 'pointerdown', start);
    pointerAt(el, 'pointermove', [start[0] + 30, start[1] + 20]);
    pointerAt(el, 'pointermove', [start[0] + 60, start[1] + 40]);
    pointerAt(el, 'pointerup', [start[0] + 60, start[1] + 40]);
    expect(svg.style.transform).to.match(/^translate\(60px, 40px\) scale\(1\)$/);

    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    frame.dispatchEvent(
      new WheelEvent('wheel', { deltaY: -100, clientX: cx, clientY: cy, bubbles: true, cancelable: true }),
    );
    expect(svg.style.transform).to.contain('scale(1.1)');

    // Two fingers moving apart zoom in around their midpoint.
    const pointer = (type: string, id: number, x: number) =>
      frame.dispatchEvent(
        new PointerEvent(type, {
          pointerId: id,
          clientX: x,
          clientY: cy,
          button: type === 'pointermove' ? -1 : 0,
          bubbles: true,
          composed: true,
          pointerType: 'touch',
        }),
      );
    pointer('pointerdown', 11, cx - 20);
    pointer('pointerdown', 12, cx + 20);
    pointer('pointermove', 12, cx + 60);
    pointer('pointerup', 11, cx - 20);
    pointer('pointerup', 12, cx + 60);
    const k = Number(/scale\(([\d.]+)\)/.exec(svg.style.transform)![1]);
    expect(k).to.be.closeTo(1.1 * 2, 0.01);
  });

  it('keeps the focused member in view when zoomed in (focus is never hidden)', async () => {
    const el = await mapOf(demoCase);
    await tabIntoMap(el);
    for (let i = 0; i < 7; i++) await sendKeys({ press: '+' });
    // Far out to the left: the view pans to follow focus.
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    const frame = $(el, '.frame')!.getBoundingClientRect();
    const node = active(el)!.querySelector('.shape')!.getBoundingClientRect();
    expect(node.left).to.be.at.least(frame.left);
    expect(node.right).to.be.at.most(frame.right);
    expect(node.top).to.be.at.least(frame.top);
    expect(node.bottom).to.be.at.most(frame.bottom);
  });

  it('shows a member in the details panel on hover, and leaves no timers or listeners when removed', async () => {
    const el = await mapOf(demoCase);
    $(el, 'svg.map')!.scrollIntoView({ block: 'start' });
    const box = $(el, '.node[data-key="m-gwen"] .shape')!.getBoundingClientRect();
    const over = pointerAt(el, 'pointerover', [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)], {
      buttons: 0,
    });
    await el.updateComplete;
    expect(text($(el, '.panel-title'))).to.equal('Gwen Price');
    over.dispatchEvent(
      new PointerEvent('pointerout', { relatedTarget: $(el, '.frame'), bubbles: true, composed: true }),
    );
    await el.updateComplete;
    expect(text($(el, '.panel-title'))).to.equal('Details');
    // Zooming out schedules larger pointer targets once zooming pauses…
    el.style.setProperty('--od-network-map-height', '300px');
    el.requestUpdate();
    await el.updateComplete;
    const hit = () => $(el, '.node[data-key="m-gwen"] .hit')!.getAttribute('r');
    const before = hit();
    $<HTMLButtonElement>(el, 'button[aria-label="Zoom out"]')!.click();
    await waitUntil(() => Number(hit()) > Number(before), 'larger pointer targets once zooming pauses');
    const zoomedOut = hit();
    expect(Number(zoomedOut)).to.be.greaterThan(Number(before));
    // …and removing the map at once cancels that: nothing runs after it has gone.
    $<HTMLButtonElement>(el, 'button[aria-label="Zoom out"]')!.click();
    el.remove();
    // Timers fire in order of their due time: once one set now for the map's pause (150 ms) has
    // run, the map's own, set earlier, has had its turn too, however busy the machine is.
    await new Promise((r) => setTimeout(r, 150));
    expect(hit()).to.equal(zoomedOut);
  });

  it('selects with the pointer and fires od-select with the member', async () => {
    const el = await mapOf(demoCase);
    $(el, 'svg.map')!.scrollIntoView({ block: 'start' });
    const node = $(el, '.node[data-key="m-priya"]')!;
    const box = node.querySelector('.shape')!.getBoundingClientRect();
    const event = nextEvent(el, 'od-select');
    await sendMouse({
      type: 'click',
      position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
    });
    const { selection } = await event;
    expect(selection?.kind).to.equal('member');
    expect(selection?.kind === 'member' && selection.member.id).to.equal('m-priya');
    expect(node.classList.contains('selected')).to.equal(true);
    // Its ties are highlighted with it.
    expect($(el, '[data-tie="t-priya"]')!.classList.contains('highlight')).to.equal(true);
    expect($(el, '[data-tie="t-priya-jk"]')!.classList.contains('highlight')).to.equal(true);
    expect($(el, '[data-tie="t-sarah"]')!.classList.contains('highlight')).to.equal(false);
  });

  it('shows the table view and a polite summary of the same network', async () => {
    const el = await mapOf(demoCase);
    const summary = $(el, '.summary')!;
    expect(summary.getAttribute('aria-live')).to.equal('polite');
    expect(text(summary)).to.equal(
      '18 network members: 10 people, 3 organisations, 5 professionals. 5 in the closest ring. 3 stressful or conflictual ties; 1 cut off. 2 no longer in touch or died.',
    );
    const toggle = $<HTMLButtonElement>(el, '.toolbar button')!;
    expect(text(toggle)).to.equal('View as table');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.view).to.equal('table');
    expect($(el, 'svg.map')).to.equal(null);
    const rows = $$(el, 'tbody tr');
    expect(rows).to.have.length(demoCase.members.length);
    expect($$(el, 'thead th').map(text)).to.deep.equal([
      'Member',
      'Relationship',
      'Sector',
      'Closeness',
      'Support',
      'Tie to the person',
      'Status',
    ]);
    const sarah = rows.find((r) => text(r.querySelector('th')) === 'Sarah Lewis')!;
    expect([...sarah.querySelectorAll('td')].map(text)).to.deep.equal([
      'Mum',
      'Household',
      'Closest',
      'Emotional support, Practical help',
      'Strong, Supportive, Support both ways',
      'Active',
    ]);
    await expect(el).to.be.accessible();
  });

  it('as-of shows the network as it was that day; audience leaves hidden members out everywhere', async () => {
    const el = await mapOf(demoCase, { asOf: '2025-12-01', audience: 'network' });
    const keys = nodes(el).map((n) => n.getAttribute('data-key'));
    // Nia, Ben, Chloe and Dr Patel joined in 2026; Huw died in November 2025.
    for (const gone of ['m-nia', 'm-ben', 'm-chloe', 'm-huw']) expect(keys, gone).to.not.include(gone);
    // Alex left on 20 December 2025: still there, and active then.
    expect($(el, '.node[data-key="m-alex"]')!.classList.contains('status-active')).to.equal(true);
    // The member hidden from "network" is not in the picture, the table or the summary.
    const hidden = demoCase.members.find((m) => m.hiddenFrom.includes('network'))!;
    expect(keys).to.not.include(hidden.id);
    expect(el.shadowRoot!.textContent).to.not.contain(hidden.name);
    el.view = 'table';
    await el.updateComplete;
    expect($$(el, 'tbody th').map(text)).to.not.include(hidden.name);
    expect(text($(el, '.summary'))).to.match(/^\d+ network members/);
    const shown = $$(el, 'tbody tr').length;
    expect(text($(el, '.summary'))).to.contain(`${shown} network members`);
    expect(text($(el, '.notes'))).to.equal('As of 1 December 2025 · Shown to: network');
    await expect(el).to.be.accessible();
  });

  it('initials-only shows initials (and no identifying free text) in the picture, table, details and export', async () => {
    expect(initials('Sarah Lewis')).to.equal('S. L.');
    expect(initials('  dr   Owen  Hughes-Jones ')).to.equal('D. O. H.');
    const el = await mapOf(demoCase, { initialsOnly: true });
    const all = () =>
      el.shadowRoot!.textContent! +
      $$(el, '[aria-label]')
        .map((n) => n.getAttribute('aria-label'))
        .join(' ');
    for (const m of demoCase.members) if (initials(m.name) !== m.name) expect(all(), m.name).to.not.contain(m.name);
    expect(all()).to.not.contain('Maya Lewis');
    expect(all()).to.not.contain('Mum');
    expect($(el, '.node.person')!.getAttribute('aria-label')).to.equal('M. L., the person at the centre');
    const svg = el.toSVG();
    expect(svg).to.not.contain('Sarah Lewis');
    expect(svg).to.contain('S. L.');
    el.view = 'table';
    await el.updateComplete;
    expect(all()).to.not.contain('Sarah Lewis');
    expect($$(el, 'tbody th').map(text)).to.include('S. L.');
  });

  it('shows hostile text as text only, everywhere', async () => {
    const record = parseCaseRecord({
      ...demoCase,
      person: { ...demoCase.person, name: HOSTILE },
      members: demoCase.members.map((m, i) => (i < 2 ? { ...m, name: HOSTILE, relationship: { text: HOSTILE } } : m)),
      ties: demoCase.ties.map((t) => (t.id === 't-sarah' ? { ...t, label: HOSTILE } : t)),
    });
    const el = await mapOf(record);
    expect(el.shadowRoot!.querySelector('img, script')).to.equal(null);
    expect($(el, '.labels .person-label')!.textContent).to.equal([...HOSTILE].slice(0, 16).join('') + '…');
    expect($(el, '.node.person')!.getAttribute('aria-label')).to.contain(HOSTILE);
    await tabIntoMap(el);
    await sendKeys({ press: 'ArrowRight' });
    el.view = 'table';
    await el.updateComplete;
    expect($$(el, 'tbody th').map((th) => th.textContent)).to.include(HOSTILE);
    expect(el.shadowRoot!.querySelector('img, script')).to.equal(null);
    expect(el.toSVG.bind(el)).to.throw(/no map to export/);
    el.view = 'map';
    await el.updateComplete;
    const exported = new DOMParser().parseFromString(el.toSVG(), 'image/svg+xml');
    expect(exported.querySelector('img, script, parsererror')).to.equal(null);
  });

  it('bad data: an error state with the message, the last good picture kept, od-error fired, nothing thrown', async () => {
    const el = await mapOf(demoCase);
    const errorEvent = nextEvent(el, 'od-error');
    el.record = { ...demoCase, members: demoCase.members.map((m, i) => (i === 0 ? { ...m, ring: 7 } : m)) };
    const { error } = (await errorEvent) as OdErrorEvent;
    expect(error.name).to.equal('ValidationError');
    await el.updateComplete;
    const alert = $(el, '[role="alert"]')!;
    expect(text(alert)).to.contain('members[0].ring');
    expect(nodes(el)).to.have.length(demoCase.members.length + 1);
    await expect(el).to.be.accessible();

    // Bad options are named too.
    const optionError = nextEvent(el, 'od-error');
    el.record = demoCase;
    el.asOf = '2025-02-30';
    const { error: bad } = (await optionError) as OdErrorEvent;
    expect(bad.message).to.equal('The as-of date must be a real date written YYYY-MM-DD.');
    await el.updateComplete;
    expect(text($(el, '[role="alert"]'))).to.contain('The as-of date must be a real date');
    // In Welsh, the problem is told in Welsh too.
    el.locale = 'cy';
    await el.updateComplete;
    expect(text($(el, '[role="alert"]'))).to.contain('Rhaid i’r dyddiad fel yr oedd fod yn ddyddiad go iawn');
    el.locale = 'en-GB';
    el.asOf = '2026-01-01';
    await el.updateComplete;
    expect($(el, '[role="alert"]')).to.equal(null);
  });

  it('shows an empty network and a loading state without errors', async () => {
    const empty = await fixture<OdNetworkMap>(html`<od-network-map></od-network-map>`);
    expect(text($(empty, '.od-map'))).to.equal('Loading…');
    const el = await mapOf({ ...demoCase, members: [], ties: [], meetings: [], assessments: [] });
    expect(text($(el, '.empty'))).to.equal('No network members are recorded yet.');
    // Said once, in the picture: the summary under it does not repeat it.
    expect(text($(el, '.summary'))).to.equal('');
    expect((el.shadowRoot!.textContent ?? '').match(/No network members/g)?.length).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('the summary counts each kind with its own plural, in English and Welsh', async () => {
    const [person, organisation, professional] = (['person', 'organisation', 'professional'] as const).map((kind) =>
      demoCase.members.find((m) => m.kind === kind)!,
    );
    const members = [person!, organisation!, professional!];
    const ids = new Set(members.map((m) => m.id));
    const el = await mapOf({
      ...demoCase,
      meetings: [],
      assessments: [],
      members,
      ties: demoCase.ties.filter((x) => [x.from, x.to].every((id) => id === demoCase.person.id || ids.has(id))),
    });
    expect(text($(el, '.summary'))).to.match(/^3 network members: 1 person, 1 organisation, 1 professional\./);
    el.locale = 'cy';
    await el.updateComplete;
    expect(text($(el, '.summary'))).to.match(/: 1 person, 1 sefydliad, 1 gweithiwr proffesiynol\./);
  });

  for (const [theme, scheme] of [
    ['govuk', 'light'],
    ['nhs', 'light'],
    ['default', 'dark'],
    ['govuk', 'dark'],
  ] as const) {
    it(`passes axe in the ${theme} theme, ${scheme} scheme, with a member selected`, async () => {
      const provider =
        await fixture<OdProvider>(html`<od-provider theme=${theme} color-scheme=${scheme} .store=${new MemoryStore(demoCase)}>
        <od-network-map sectors editable></od-network-map>
      </od-provider>`);
      const el = provider.querySelector('od-network-map')!;
      await el.updateComplete;
      await tabIntoMap(el);
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'Enter' });
      await expect(el).to.be.accessible();
    });
  }

  it('speaks Welsh', async () => {
    const el = await fixture<OdNetworkMap>(
      html`<od-network-map locale="cy" sectors .record=${demoCase}></od-network-map>`,
    );
    expect(text($(el, '.toolbar button'))).to.equal('Gweld fel tabl');
    expect($(el, 'svg.map')!.getAttribute('aria-label')).to.equal('Map rhwydwaith Maya Lewis');
    expect($$(el, '.sector-label').map(text)).to.include('Aelwyd');
    expect(text($(el, '.summary'))).to.match(/^18 aelod o’r rhwydwaith/);
    await expect(el).to.be.accessible();
  });

  it('exports SVG and PNG with a legend', async () => {
    const el = await mapOf(demoCase);
    const svgText = el.toSVG();
    const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).to.equal(null);
    expect(doc.documentElement.getAttribute('xmlns')).to.equal('http://www.w3.org/2000/svg');
    expect(svgText).to.contain('Sarah Lewis');
    expect(svgText).to.contain('Tenuous');
    expect(svgText).to.contain('18 network members');
    expect(svgText).to.not.match(/\b(style|tabindex|aria-[a-z]+|class)=/);
    // The key: one swatch (a nested svg) per item on screen, each with its label.
    const legendItems = $$(el, '.legend-list li').length;
    expect(doc.documentElement.querySelectorAll('svg').length).to.equal(legendItems);
    expect([...doc.querySelectorAll('text')].map((t) => t.textContent)).to.include.members([
      'Key',
      'Cut off',
      'Household',
    ]);
    // Every member is in the file, with its shape's geometry.
    expect(doc.querySelectorAll('svg > g rect[width="32"]').length).to.equal(
      demoCase.members.filter((m) => m.kind === 'organisation').length,
    );
    expect(
      [...doc.querySelectorAll('text')].filter((t) => t.getAttribute('paint-order')?.startsWith('stroke')).length,
    ).to.be.greaterThan(demoCase.members.length);
    // Pan and zoom are not in the file: the whole map is.
    $<HTMLButtonElement>(el, 'button[aria-label="Zoom in"]')!.click();
    expect(el.toSVG()).to.equal(svgText);

    const png = await el.toPNG(1);
    expect(png.type).to.equal('image/png');
    const image = await createImageBitmap(png);
    const box = $<SVGSVGElement>(el, 'svg.map')!.viewBox.baseVal;
    expect(image.width).to.equal(Math.round(box.width));
    expect(image.height).to.be.greaterThan(box.height + 100);
    // The person is painted at the centre, in the primary colour (not the white background).
    const canvas = new OffscreenCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const [r, g, b] = ctx.getImageData(Math.round(-box.x), Math.round(-box.y), 1, 1).data;
    const person = getComputedStyle($(el, '.node.person .shape')!).fill;
    expect(`rgb(${r}, ${g}, ${b})`).to.equal(person);
  });
});

const DIRECTIONS = {
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
} as const;

/** The arrow keys that lead from the person to `id` (breadth-first over the map's own navigation rule). */
function arrowPath(el: OdNetworkMap, id: string): string[] {
  const positions = new Map<string, { x: number; y: number }>([[PERSON, { x: 0, y: 0 }]]);
  for (const n of nodes(el)) {
    const m = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(n.getAttribute('transform') ?? '');
    if (m) positions.set(n.getAttribute('data-key')!, { x: Number(m[1]), y: Number(m[2]) });
  }
  const queue: [string, string[]][] = [[PERSON, []]];
  const seen = new Set([PERSON]);
  while (queue.length) {
    const [at, path] = queue.shift()!;
    if (at === id) return path;
    for (const [key, dir] of Object.entries(DIRECTIONS)) {
      const next = nearestInDirection(
        positions.get(at)!,
        dir,
        [...positions].filter(([k]) => k !== at),
      );
      if (next && !seen.has(next)) {
        seen.add(next);
        queue.push([next, [...path, key]]);
      }
    }
  }
  throw new Error(`${id} cannot be reached with the arrow keys`);
}

describe('<od-network-map> editing', () => {
  guardConsole();

  async function inProvider(record: CaseRecord = demoCase) {
    const store = new MemoryStore(record);
    const provider = await fixture<OdProvider>(
      html`<od-provider .store=${store}><od-network-map sectors editable></od-network-map></od-provider>`,
    );
    const el = provider.querySelector('od-network-map')!;
    await el.updateComplete;
    return { store, el };
  }

  const revision = (store: MemoryStore) => store.snapshot!.revision;

  /** Moves keyboard focus to a member with real arrow-key presses along a path found with the map's own rule. */
  async function focusMember(el: OdNetworkMap, id: string) {
    await tabIntoMap(el);
    await sendKeys({ press: 'Home' });
    const path = arrowPath(el, id);
    for (const key of path) await sendKeys({ press: key });
    expect(activeKey(el)).to.equal(id);
  }

  it('rings a member another widget under the same provider has in focus (od-member-focus)', async () => {
    const { el } = await inProvider();
    const provider = el.closest('od-provider')!;
    const other = document.createElement('button');
    provider.append(other);
    other.dispatchEvent(new OdMemberFocusEvent('m-priya'));
    await el.updateComplete;
    expect($(el, '.node[data-key="m-priya"]')!.classList.contains('linked')).to.equal(true);
    other.dispatchEvent(new OdMemberFocusEvent(null));
    await el.updateComplete;
    expect($$(el, '.node.linked')).to.have.length(0);
    // Its own focus events are not echoed back.
    await focusMember(el, 'm-priya');
    expect($$(el, '.node.linked')).to.have.length(0);
  });

  it('hears od-member-focus through its provider under any tag, from inside a shadow root', async () => {
    // A host that re-prefixed the kit (defineOdkit({ prefix })) has no <od-provider>.
    OdProvider.define('nm-test-provider');
    const provider = await fixture<OdProvider>(
      html`<nm-test-provider .store=${new MemoryStore(demoCase)}><div></div><button type="button">x</button></nm-test-provider>`,
    );
    const shadow = provider.querySelector('div')!.attachShadow({ mode: 'open' });
    const el = document.createElement('od-network-map');
    shadow.append(el);
    await el.updateComplete;
    provider.querySelector('button')!.dispatchEvent(new OdMemberFocusEvent('m-priya'));
    await el.updateComplete;
    expect($(el, '.node[data-key="m-priya"]')!.classList.contains('linked')).to.equal(true);
    // Heard on the provider, not the document: focus outside it does not ring this map.
    document.body.dispatchEvent(new OdMemberFocusEvent(null));
    await el.updateComplete;
    expect($(el, '.node[data-key="m-priya"]')!.classList.contains('linked')).to.equal(true);
  });

  it('gets its store and hears od-member-focus through a provider registered after it', async () => {
    // The map upgraded first (its define module loaded before the provider's).
    class LateProvider extends OdProvider {}
    // fixtureSync: fixture() on a plain <div> waits for a frame, which a hidden tab never paints.
    const wrap = fixtureSync<HTMLElement>(
      html`<div><nm-late-provider><od-network-map></od-network-map><button type="button">x</button></nm-late-provider></div>`,
    );
    const provider = wrap.querySelector('nm-late-provider') as OdProvider;
    const el = wrap.querySelector('od-network-map')!;
    provider.store = new MemoryStore(demoCase);
    LateProvider.define('nm-late-provider');
    await waitUntil(() => $(el, '.node[data-key="m-priya"]'), "the map never got the late provider's store");
    provider.querySelector('button')!.dispatchEvent(new OdMemberFocusEvent('m-priya'));
    await el.updateComplete;
    expect($(el, '.node[data-key="m-priya"]')!.classList.contains('linked')).to.equal(true);
    // Only its own provider's widgets are heard, though the provider came late.
    document.body.dispatchEvent(new OdMemberFocusEvent(null));
    await el.updateComplete;
    expect($(el, '.node[data-key="m-priya"]')!.classList.contains('linked')).to.equal(true);
  });

  it('reaches every member from the person with the arrow keys', async () => {
    const el = await mapOf(demoCase);
    for (const m of demoCase.members) expect(arrowPath(el, m.id), m.id).to.be.an('array');
  });

  it('moves a member closer without dragging, through the store (WCAG 2.5.7)', async () => {
    const { store, el } = await inProvider();
    await focusMember(el, 'm-david');
    expect(text($(el, '.panel-title'))).to.equal('David Lewis');
    const before = revision(store);
    await sendKeys({ press: 'Tab' }); // first control in the panel after the map
    while (!active(el)?.matches('[data-move="closer"]')) await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => revision(store) === before + 1 && text($(el, '[role="status"]')) !== '',
      'the move is saved and announced',
    );
    await el.updateComplete;
    expect(revision(store)).to.equal(before + 1);
    expect(store.snapshot!.record.members.find((m) => m.id === 'm-david')!.ring).to.equal(1);
    expect(text($(el, '[role="status"]'))).to.equal('David Lewis moved to Closest, Family.');
    // "Move closer" is now disabled (closest ring): focus went to "Move further away", not to the page.
    expect($<HTMLButtonElement>(el, '[data-move="closer"]')!.disabled).to.equal(true);
    expect(active(el)?.matches('[data-move="further"]')).to.equal(true);
    await expect(el).to.be.accessible();

    // To another sector, with the select.
    const select = $<HTMLSelectElement>(el, '#move-sector')!;
    select.focus();
    select.value = 'friends';
    $<HTMLButtonElement>(el, '.move-sector button')!.click();
    await waitUntil(
      () => store.snapshot!.record.members.find((m) => m.id === 'm-david')!.sector === 'friends',
      'the move to another sector is saved',
    );
    expect(store.snapshot!.record.members.find((m) => m.id === 'm-david')!.sector).to.equal('friends');
  });

  it('drags a member to another ring, producing the same change', async () => {
    const { store, el } = await inProvider();
    el.style.setProperty('--od-network-map-height', '400px');
    $(el, 'svg.map')!.scrollIntoView({ block: 'start' });
    const node = $(el, '.node[data-key="m-doreen"]')!;
    expect(store.snapshot!.record.members.find((m) => m.id === 'm-doreen')!.ring).to.equal(3);
    const box = node.querySelector('.shape')!.getBoundingClientRect();
    const person = $(el, '.node.person .shape')!.getBoundingClientRect();
    const from: [number, number] = [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
    // Most of the way towards the person: into ring 1, same direction (same sector).
    const to: [number, number] = [
      Math.round(from[0] + (person.x + person.width / 2 - from[0]) * 0.7),
      Math.round(from[1] + (person.y + person.height / 2 - from[1]) * 0.7),
    ];
    pointerAt(el, 'pointerdown', from);
    pointerAt(el, 'pointermove', [from[0] + 5, from[1] + 5]);
    pointerAt(el, 'pointermove', to);
    pointerAt(el, 'pointerup', to);
    await waitUntil(
      () => store.snapshot!.record.members.find((m) => m.id === 'm-doreen')!.ring < 3,
      'the drop is saved',
    );
    const doreen = store.snapshot!.record.members.find((m) => m.id === 'm-doreen')!;
    expect(doreen.ring).to.be.lessThan(3);
    expect(doreen.sector).to.equal('neighbours');
  });

  it('adds a member through the form; an invalid form shows errors at the fields and saves nothing', async () => {
    const { store, el } = await inProvider();
    const before = revision(store);
    const add = $$<HTMLButtonElement>(el, '.toolbar button').find((b) => text(b) === 'Add a member')!;
    add.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(active(el)?.id).to.equal('member-name');
    await expect(el).to.be.accessible();

    // Submit empty: our own messages, at the fields and in a focused summary.
    $<HTMLFormElement>(el, '.panel form')!.requestSubmit();
    await el.updateComplete;
    expect(active(el)?.classList.contains('od-error-summary')).to.equal(true);
    expect($$(el, '.od-error-summary li').map(text)).to.deep.equal([
      'Enter a name',
      'Enter the relationship to the person',
    ]);
    expect(text($(el, '#member-name-error'))).to.equal('Error: Enter a name');
    expect($(el, '#member-name')!.getAttribute('aria-invalid')).to.equal('true');
    expect(revision(store)).to.equal(before);
    await expect(el).to.be.accessible();

    $<HTMLInputElement>(el, '#member-name')!.focus();
    await sendKeys({ type: 'Ffion Rees' });
    $<HTMLInputElement>(el, '#member-relationship')!.focus();
    await sendKeys({ type: 'Cousin' });
    $<HTMLInputElement>(el, 'input[name="member-ring"][value="1"]')!.click();
    $<HTMLInputElement>(el, 'input[name="member-support"][value="practical"]')!.click();
    $<HTMLSelectElement>(el, '#member-sector')!.value = 'family';
    $<HTMLFormElement>(el, '.panel form')!.requestSubmit();
    await waitUntil(() => revision(store) === before + 1, 'the new member is saved');
    await el.updateComplete;
    expect(revision(store)).to.equal(before + 1);
    const added = store.snapshot!.record.members.find((m) => m.name === 'Ffion Rees')!;
    expect(added).to.deep.include({
      kind: 'person',
      sector: 'family',
      ring: 1,
      support: ['practical'],
      status: 'active',
    });
    expect(added.relationship).to.deep.equal({ text: 'Cousin' });
    expect($(el, `.node[data-key="${added.id}"]`)).to.not.equal(null);
    expect(text($(el, '[role="status"]'))).to.equal('Saved.');
  });

  it('says so, and saves nothing, when the member being edited leaves the record', async () => {
    const { store, el } = await inProvider();
    await focusMember(el, 'm-choir');
    $$<HTMLButtonElement>(el, '.panel button')
      .find((b) => text(b) === 'Edit member')!
      .click();
    await el.updateComplete;
    expect($(el, '#member-name')).not.to.equal(null);
    // Another widget or tab removes the member while the form is open.
    await store.apply({ type: 'member/remove', memberId: 'm-choir' });
    await el.updateComplete;
    const count = store.snapshot!.record.members.length;
    expect(text($(el, '.panel [role="alert"]'))).to.equal(
      'This is no longer in the record, so there is nothing to edit. Nothing has been saved.',
    );
    expect($(el, '.panel form')).to.equal(null);
    await expect(el).to.be.accessible();
    $$<HTMLButtonElement>(el, '.panel button')
      .find((b) => text(b) === 'Close')!
      .click();
    await el.updateComplete;
    expect(store.snapshot!.record.members.length).to.equal(count);
    expect(store.snapshot!.record.members.some((m) => m.id === 'm-choir')).to.equal(false);
  });

  it('edits a member and adds, edits and removes a tie', async () => {
    const { store, el } = await inProvider();
    await focusMember(el, 'm-priya');
    $$<HTMLButtonElement>(el, '.panel button')
      .find((b) => text(b) === 'Edit member')!
      .click();
    await el.updateComplete;
    const name = $<HTMLInputElement>(el, '#member-name')!;
    expect(name.value).to.equal('Priya Shah');
    name.value = 'Priya S.';
    $<HTMLFormElement>(el, '.panel form')!.requestSubmit();
    await waitUntil(
      () => store.snapshot!.record.members.find((m) => m.id === 'm-priya')!.name === 'Priya S.',
      'the edit is saved',
    );
    const priya = store.snapshot!.record.members.find((m) => m.id === 'm-priya')!;
    expect(priya.name).to.equal('Priya S.');
    expect(priya.relationship).to.deep.equal(demoCase.members.find((m) => m.id === 'm-priya')!.relationship);

    $$<HTMLButtonElement>(el, '.toolbar button')
      .find((b) => text(b) === 'Add a tie')!
      .click();
    await el.updateComplete;
    // Same member at both ends is refused by our own check.
    $<HTMLSelectElement>(el, '#tie-from')!.value = 'm-priya';
    $<HTMLSelectElement>(el, '#tie-to')!.value = 'm-priya';
    $<HTMLFormElement>(el, '.panel form')!.requestSubmit();
    await el.updateComplete;
    expect(text($(el, '#tie-to-error'))).to.equal('Error: Choose two different people for a tie');
    $<HTMLSelectElement>(el, '#tie-to')!.value = 'm-sarah';
    $<HTMLSelectElement>(el, '#tie-quality')!.value = 'stressful';
    $<HTMLFormElement>(el, '.panel form')!.requestSubmit();
    await waitUntil(
      () => store.snapshot!.record.ties.some((t) => t.from === 'm-priya' && t.to === 'm-sarah'),
      'the new tie is saved',
    );
    const tie = store.snapshot!.record.ties.find((t) => t.from === 'm-priya' && t.to === 'm-sarah')!;
    expect(tie).to.deep.include({ quality: 'stressful', strength: 'moderate', direction: 'none' });
    await el.updateComplete;
    expect($(el, `[data-tie="${tie.id}"]`)!.classList.contains('quality-stressful')).to.equal(true);

    await focusMember(el, 'm-priya');
    const removeTie = $$<HTMLButtonElement>(el, '.panel button').filter((b) => text(b) === 'Remove tie');
    expect(removeTie.length).to.equal(3);
    removeTie.at(-1)!.click();
    await el.updateComplete;
    $$<HTMLButtonElement>(el, '.panel button')
      .find((b) => text(b) === 'Yes, remove')!
      .click();
    await waitUntil(() => !store.snapshot!.record.ties.some((t) => t.id === tie.id), 'the tie is removed');
    expect(store.snapshot!.record.ties.some((t) => t.id === tie.id)).to.equal(false);
  });

  it('removes a selected member and their ties; the selection is let go', async () => {
    const { store, el } = await inProvider();
    await focusMember(el, 'm-doreen');
    await sendKeys({ press: 'Enter' });
    const cleared = nextEvent(el, 'od-select');
    $$<HTMLButtonElement>(el, '.panel button')
      .find((b) => text(b) === 'Remove member')!
      .click();
    await el.updateComplete;
    $$<HTMLButtonElement>(el, '.panel button')
      .find((b) => text(b) === 'Yes, remove')!
      .click();
    expect((await cleared).selection).to.equal(null);
    await waitUntil(
      () => !store.snapshot!.record.members.some((m) => m.id === 'm-doreen') && text($(el, '[role="status"]')) !== '',
      'the removal is saved and announced',
    );
    await el.updateComplete;
    expect(store.snapshot!.record.members.some((m) => m.id === 'm-doreen')).to.equal(false);
    expect(store.snapshot!.record.ties.some((t) => t.to === 'm-doreen')).to.equal(false);
    expect($(el, '.node[data-key="m-doreen"]')).to.equal(null);
    expect($$(el, '.nodes .node[tabindex="0"]')).to.have.length(1);
    expect(text($(el, '[role="status"]'))).to.equal('Removed.');
    expect(active(el)?.getAttribute('data-key')).to.equal(':person');
  });

  it('initials-only turns editing off (the forms would show full names)', async () => {
    const el = await mapOf(demoCase, { editable: true, initialsOnly: true });
    expect($$(el, '.toolbar button').map(text)).to.not.include('Add a member');
    await focusMember(el, 'm-david');
    expect($(el, '.move')).to.equal(null);
  });

  it('a change the core refuses leaves the store unchanged and says why', async () => {
    const { store, el } = await inProvider();
    const before = store.snapshot!;
    await focusMember(el, 'm-sarah');
    const errors: OdErrorEvent[] = [];
    el.addEventListener('od-error', (e) => errors.push(e));
    $$<HTMLButtonElement>(el, '.panel button')
      .find((b) => text(b) === 'Remove member')!
      .click();
    await el.updateComplete;
    expect(text($(el, '.panel'))).to.contain('Remove Sarah Lewis and their ties from the network?');
    $$<HTMLButtonElement>(el, '.panel button')
      .find((b) => text(b) === 'Yes, remove')!
      .click();
    await waitUntil(() => errors.length > 0 && text($(el, '.od-error-summary')) !== '', 'the refusal is shown');
    await el.updateComplete;
    expect(store.snapshot).to.equal(before);
    expect(errors).to.have.length(1);
    expect(text($(el, '.od-error-summary'))).to.contain('mark them as past instead of removing them');
    expect(active(el)?.classList.contains('od-error-summary')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('without a store, edits are cancelable od-change events', async () => {
    const el = await mapOf(demoCase, { editable: true });
    await focusMember(el, 'm-david');
    el.addEventListener('od-change', (e) => e.preventDefault(), { once: true });
    const change = nextEvent(el, 'od-change');
    $<HTMLButtonElement>(el, '[data-move="further"]')!.click();
    const event = (await change) as OdChangeEvent;
    expect(event.change.type).to.equal('member/update');
    expect(event.change.type === 'member/update' && event.change.member.ring).to.equal(3);
    await waitUntil(() => text($(el, '[role="status"]')) !== '', 'the outcome is announced');
    expect(el.caseRecord!.members.find((m) => m.id === 'm-david')!.ring).to.equal(2);
    expect(text($(el, '[role="status"]'))).to.equal('The change was not applied.');
    // Not cancelled: applied to the widget's own record.
    $<HTMLButtonElement>(el, '[data-move="further"]')!.click();
    await waitUntil(() => el.caseRecord!.members.find((m) => m.id === 'm-david')!.ring !== 2, 'the change is applied');
    expect(el.caseRecord!.members.find((m) => m.id === 'm-david')!.ring).to.equal(3);
  });

  it('lays out 1,000 members without errors, labels giving way', async () => {
    const el = await mapOf(generateCase({ members: 1000, meetings: 5, seed: 2 }));
    expect(nodes(el)).to.have.length(1001);
    expect($$(el, '.labels .label')).to.have.length(1);
  });

  it('with an offline store: the status line tops the map, conflicts are named as the map names people, axe-clean in dark', async () => {
    const store = demoSyncingStore('conflict');
    const provider = await fixture<OdProvider>(
      html`<od-provider .store=${store} color-scheme="dark"><od-network-map sectors initials-only></od-network-map></od-provider>`,
    );
    const el = provider.querySelector('od-network-map')!;
    await el.updateComplete;
    expect($(el, '[part="base"]')!.firstElementChild!.getAttribute('part')).to.equal('sync-status');
    expect(text($(el, '.od-sync__message'))).to.equal('2 changes need your decision');
    $<HTMLButtonElement>(el, '.od-sync__review')!.click();
    await el.updateComplete;
    expect($$(el, '.od-sync-conflict h3').map(text)).to.deep.equal([
      'S. L., network member',
      'The tie between M. L. and D. L.',
    ]);
    expect(text($(el, '.od-sync-review'))).not.to.contain('Sarah');
    await expect(provider).to.be.accessible();
  });

  it('shows "Changed by … on …" under a member’s details and beside each of their ties', async () => {
    const store = demoSyncingStore('pending');
    const provider = await fixture<OdProvider>(
      html`<od-provider .store=${store} time-zone="Europe/London"><od-network-map sectors></od-network-map></od-provider>`,
    );
    const el = provider.querySelector('od-network-map')!;
    await el.updateComplete;
    await focusMember(el, 'm-david');
    await waitUntil(() => $(el, '.panel .ties-list .od-changed-by'), 'the tie’s history line');
    // David has no history of his own here; the tie to him does.
    expect($(el, '.panel .facts + .od-changed-by') === null, 'no line for David himself').to.equal(true);
    expect(text($(el, '.panel .ties-list .od-changed-by'))).to.equal(
      'Changed by Sam Okafor on 1 Apr 2026, 12:20 (not yet sent)',
    );
    await sendKeys({ press: 'Home' });
    for (const key of arrowPath(el, 'm-sarah')) await sendKeys({ press: key });
    await waitUntil(() => $(el, '.panel .facts + .od-changed-by'), 'the member’s history line');
    expect(text($(el, '.panel .facts + .od-changed-by'))).to.equal(
      'Changed by Sam Okafor on 1 Apr 2026, 12:18 (not yet sent)',
    );
  });

  it('registers once: define() again under the same tag does nothing', () => {
    OdNetworkMap.define('od-network-map');
    expect(customElements.get('od-network-map')).to.equal(OdNetworkMap);
  });
});
