import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import { MemoryStore, parseCaseRecord, type CaseRecord } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import {
  OdMemberFocusEvent,
  OdProvider,
  type OdChangeEvent,
  type OdErrorEvent,
  type OdSelectEvent,
} from '@odkit/elements';
import '@odkit/elements/define.js';
import { OdNetworkMap, computeLayout, initials } from '@odkit/network-map';
import '@odkit/network-map/define.js';
import { sendKeys } from '@web/test-runner-commands';
import { generateCase, HOSTILE_TEXT, pwned } from '../../../test/fixtures/index.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import {
  allByRoleIn,
  byPart,
  byRoleIn,
  byText,
  centreOf,
  click,
  pointerAt,
  shadow,
  text,
  until,
} from '../../../test/support/dom.js';
import { nextEvent } from '../../../test/support/events.js';
import { expectFocused, tabUntil } from '../../../test/support/keyboard.js';
import { mapPage, PERSON, type MapPage } from '../../../test/support/map-page.js';
import { demoSyncingStore } from '../../../stories/support/sync-store.js';

const HOSTILE = HOSTILE_TEXT;

async function mapOf(
  record: unknown,
  attrs: Partial<Pick<OdNetworkMap, 'sectors' | 'editable' | 'initialsOnly' | 'asOf' | 'audience'>> = {},
): Promise<MapPage> {
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
  return mapPage(el);
}

/** Sets the map's height on screen (a smaller map gives larger pointer targets when zoomed out). */
async function setHeight(page: MapPage, height: string) {
  page.el.style.setProperty('--od-network-map-height', height);
  page.el.requestUpdate();
  await page.el.updateComplete;
  await page.fitted();
}

const member = (id: string) => demoCase.members.find((m) => m.id === id)!;
const selectedId = (e: OdSelectEvent) => (e.selection?.kind === 'member' ? e.selection.member.id : undefined);
const hasClass = (node: Element, name: string) => node.classList.contains(name);

describe('<od-network-map>', () => {
  guardConsole();

  afterEach(() => {
    expect(pwned()).to.equal(false);
  });

  describe('drawing', () => {
    it('draws the person and every member, each in the shape of its kind', async () => {
      const page = await mapOf(demoCase);
      expect(page.nodes()).to.have.length(demoCase.members.length + 1);
      expect(page.person().getAttribute('aria-label')).to.equal('Maya Lewis, the person at the centre');
      const shapes = { person: 'circle', organisation: 'rect', professional: 'polygon' } as const;
      for (const m of demoCase.members)
        expect(page.shape(page.member(m.name)).localName, m.name).to.equal(shapes[m.kind]);
    });

    it('shows past and deceased members as such, in the picture and in the accessible name', async () => {
      const page = await mapOf(demoCase);
      const huw = page.member('Huw Price');
      const alex = page.member('Alex Morgan');
      const active = page.member('Sarah Lewis');
      const style = (node: Element) => getComputedStyle(page.shape(node));
      // Deceased: crossed through and faded, and said so.
      expect(huw.querySelector('path'), 'the cross').to.not.equal(null);
      expect(active.querySelector('path')).to.equal(null);
      expect(Number(style(huw).fillOpacity)).to.be.below(Number(style(active).fillOpacity));
      expect(huw.getAttribute('aria-label')).to.contain('Died');
      // No longer in touch: a dashed outline.
      expect(style(alex).strokeDasharray).to.not.equal('none');
      expect(style(active).strokeDasharray).to.equal('none');
    });

    it('draws every tie quality and strength, and the ties between members', async () => {
      const page = await mapOf(demoCase);
      // Ties are aria-hidden (the details and the table say the same in words): their kind is only in their classes.
      const ties = page.ties();
      for (const q of ['supportive', 'neutral', 'stressful', 'conflictual', 'cut-off'])
        expect(ties.filter((t) => hasClass(t, `quality-${q}`)).length, q).to.be.greaterThan(0);
      for (const s of ['strong', 'moderate', 'tenuous'])
        expect(ties.filter((t) => hasClass(t, `strength-${s}`)).length, s).to.be.greaterThan(0);
      expect(ties.filter((t) => hasClass(t, 'between'))).to.have.length(
        demoCase.ties.filter((t) => t.from !== 'maya').length,
      );
    });

    it('draws direction arrows: one head for to or from, two for both, none for none', async () => {
      const page = await mapOf(demoCase);
      const heads = (id: string) => page.tie(id).querySelectorAll('polygon').length;
      expect(heads('t-sarah')).to.equal(2);
      expect(heads('t-gwen')).to.equal(1);
      expect(heads('t-college')).to.equal(0);
    });

    it('gives each tie quality its own geometry, not only its own colour', async () => {
      const page = await mapOf(demoCase);
      const d = (id: string) => page.tie(id).querySelector('path')!.getAttribute('d')!;
      // A conflict zigzag has many segments, a cut-off tie a gap with bars.
      expect(d('t-david').split('L').length).to.be.greaterThan(5);
      expect(d('t-alex').split('M').length).to.equal(5);
      expect(d('t-leanne').split('M').length).to.be.greaterThan(2);
    });

    it('names the sectors in text, not only in colour, and keys the line styles', async () => {
      const page = await mapOf(demoCase);
      expect(page.sectorLabels()).to.include('Household');
      expect(text(page.legend)).to.contain('Cut off');
    });

    it('gives every member at least a 24×24 px pointer target, whatever its size on screen; passes axe', async () => {
      const page = await mapOf(demoCase);
      await setHeight(page, '300px');
      for (const node of page.nodes()) {
        const box = page.pointerTarget(node).getBoundingClientRect();
        expect(Math.min(box.width, box.height), node.getAttribute('aria-label')!).to.be.at.least(24);
      }
      await expect(page.el).to.be.accessible();
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
      const one = await mapOf(demoCase);
      const two = await mapOf(structuredClone(demoCase));
      const transforms = (page: MapPage) =>
        page.nodes().map((n) => `${n.getAttribute('aria-label')}@${n.getAttribute('transform')}`);
      expect(transforms(one)).to.deep.equal(transforms(two));
    });
  });

  describe('keyboard', () => {
    const layout = computeLayout(demoCase.members, true);

    /** A map with focus on the person, and every od-select it fires. */
    async function focusedMap() {
      const page = await mapOf(demoCase);
      await page.tabIn();
      const selects: OdSelectEvent[] = [];
      page.el.addEventListener('od-select', (e) => selects.push(e));
      return { page, selects };
    }

    it('is one tab stop, and Tab into it lands on the person', async () => {
      const page = await mapOf(demoCase);
      expect(page.tabStops()).to.have.length(1);
      await page.tabIn();
      expect(page.focusedKey()).to.equal(PERSON);
    });

    it('moves with the arrows to the nearest member that way, the one tab stop moving along', async () => {
      const { page } = await focusedMap();
      await sendKeys({ press: 'ArrowRight' });
      const first = page.focusedKey()!;
      expect(first).to.not.equal(PERSON);
      expect(layout.positions.get(first)!.x).to.be.greaterThan(0);
      expect(page.tabStops().map((n) => page.keyOf(n))).to.deep.equal([first]);
      await sendKeys({ press: 'ArrowUp' });
      const second = page.focusedKey()!;
      expect(layout.positions.get(second)!.y).to.be.lessThan(layout.positions.get(first)!.y);
    });

    it('shows the member in focus in the details panel (no tooltip, nothing only on hover)', async () => {
      const { page } = await focusedMap();
      await sendKeys({ press: 'ArrowRight' });
      expect(page.detailsTitle()).to.equal(member(page.focusedKey()!).name);
    });

    it('selects the member in focus with Enter: od-select, pressed, the rest dimmed; passes axe', async () => {
      const { page, selects } = await focusedMap();
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowUp' });
      const focused = page.focused()!;
      await sendKeys({ press: 'Enter' });
      expect(selects.at(-1)!.selection).to.deep.include({ kind: 'member' });
      expect(selectedId(selects.at(-1)!)).to.equal(page.keyOf(focused));
      expect(focused.getAttribute('aria-pressed')).to.equal('true');
      // The rest of the network fades back; the selected member does not.
      const faded = page.nodes().filter((n) => getComputedStyle(n).opacity !== '1');
      expect(faded.length).to.be.greaterThan(0);
      expect(faded.includes(focused), 'the selected member is not faded').to.equal(false);
      await expect(page.el).to.be.accessible();
    });

    it('clears the selection with Escape', async () => {
      const { page, selects } = await focusedMap();
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'Enter' });
      expect(page.pressed()).to.have.length(1);
      await sendKeys({ press: 'Escape' });
      expect(selects.at(-1)!.selection).to.equal(null);
      expect(page.pressed()).to.have.length(0);
    });

    it('goes back to the person with Home, and selects them with Space', async () => {
      const { page, selects } = await focusedMap();
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'Home' });
      expect(page.focusedKey()).to.equal(PERSON);
      await sendKeys({ press: ' ' });
      expect(selects.at(-1)!.selection).to.deep.include({ kind: 'person' });
    });

    it('leaves the map with one press of Tab', async () => {
      const { page } = await focusedMap();
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'Tab' });
      expect(page.focused() === null, 'no node has focus').to.equal(true);
    });

    /** The picture's pan and zoom, with pixel offsets rounded. */
    const viewport = (page: MapPage) =>
      page.picture.style.transform.replace(/\d+\.\d+px/g, (px) => `${Math.round(parseFloat(px))}px`);

    it('zooms in with +, out with −, and back to the whole map with 0', async () => {
      const { page } = await focusedMap();
      expect(viewport(page)).to.equal('translate(0px, 0px) scale(1)');
      await sendKeys({ press: '+' });
      expect(viewport(page)).to.equal('translate(0px, 0px) scale(1.25)');
      await sendKeys({ press: '+' });
      await sendKeys({ press: '-' });
      expect(viewport(page)).to.equal('translate(0px, 0px) scale(1.25)');
      await sendKeys({ press: '0' });
      expect(viewport(page)).to.equal('translate(0px, 0px) scale(1)');
    });

    it('pans 40 map units with Control and an arrow, focus staying where it was', async () => {
      const { page } = await focusedMap();
      const svg = page.picture;
      const scale = Math.min(
        svg.clientWidth / svg.viewBox.baseVal.width,
        svg.clientHeight / svg.viewBox.baseVal.height,
      );
      await sendKeys({ press: '+' });
      await sendKeys({ down: 'Control' });
      await sendKeys({ press: 'ArrowLeft' });
      await sendKeys({ up: 'Control' });
      const panned = /^translate\((\d+)px, 0px\) scale\(1\.25\)$/.exec(viewport(page));
      expect(panned, viewport(page)).to.not.equal(null);
      expect(Math.abs(Number(panned![1]) - 40 * scale)).to.be.below(1.5);
      expect(page.focusedKey()).to.equal(PERSON);
      await sendKeys({ press: '-' });
      await sendKeys({ press: '0' });
      expect(viewport(page)).to.equal('translate(0px, 0px) scale(1)');
    });

    it('keeps the focused member in view when zoomed in (focus is never hidden)', async () => {
      const { page } = await focusedMap();
      for (let i = 0; i < 7; i++) await sendKeys({ press: '+' });
      // Far out to the left: the view pans to follow focus.
      await sendKeys({ press: 'ArrowLeft' });
      await sendKeys({ press: 'ArrowLeft' });
      await page.el.updateComplete;
      const frame = page.frame.getBoundingClientRect();
      const node = page.shape(page.focused()!).getBoundingClientRect();
      expect(node.left).to.be.at.least(frame.left);
      expect(node.right).to.be.at.most(frame.right);
      expect(node.top).to.be.at.least(frame.top);
      expect(node.bottom).to.be.at.most(frame.bottom);
    });
  });

  describe('pointer', () => {
    /** A 400 px map scrolled to the top of the window, and the middle and a corner (background) of its frame. */
    async function pointerMap() {
      const page = await mapOf(demoCase);
      await setHeight(page, '400px');
      page.picture.scrollIntoView({ block: 'start' });
      const r = page.frame.getBoundingClientRect();
      const corner: [number, number] = [Math.round(r.left + 12), Math.round(r.top + 12)];
      return { page, corner, cx: r.left + r.width / 2, cy: r.top + r.height / 2 };
    }

    it('pans by dragging the background', async () => {
      const { page, corner: start } = await pointerMap();
      pointerAt(page.el, 'pointerdown', start);
      pointerAt(page.el, 'pointermove', [start[0] + 30, start[1] + 20]);
      pointerAt(page.el, 'pointermove', [start[0] + 60, start[1] + 40]);
      pointerAt(page.el, 'pointerup', [start[0] + 60, start[1] + 40]);
      expect(page.picture.style.transform).to.match(/^translate\(60px, 40px\) scale\(1\)$/);
    });

    it('zooms with the wheel', async () => {
      const { page, cx, cy } = await pointerMap();
      page.frame.dispatchEvent(
        new WheelEvent('wheel', { deltaY: -100, clientX: cx, clientY: cy, bubbles: true, cancelable: true }),
      );
      expect(page.picture.style.transform).to.contain('scale(1.1)');
    });

    it('zooms in with two fingers moving apart, around their midpoint', async () => {
      const { page, cx, cy } = await pointerMap();
      const pointer = (type: string, id: number, x: number) =>
        page.frame.dispatchEvent(
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
      const k = Number(/scale\(([\d.]+)\)/.exec(page.picture.style.transform)![1]);
      expect(k).to.be.closeTo(2, 0.01);
    });

    it('shows a member in the details panel on hover, and no one once the pointer leaves', async () => {
      const page = await mapOf(demoCase);
      page.picture.scrollIntoView({ block: 'start' });
      const over = pointerAt(page.el, 'pointerover', centreOf(page.shape(page.member('Gwen Price'))), { buttons: 0 });
      await page.el.updateComplete;
      expect(page.detailsTitle()).to.equal('Gwen Price');
      over.dispatchEvent(new PointerEvent('pointerout', { relatedTarget: page.frame, bubbles: true, composed: true }));
      await page.el.updateComplete;
      expect(page.detailsTitle()).to.equal('Details');
    });

    /** Gwen's pointer target radius on a 300 px map (small on screen, so zooming out enlarges targets). */
    const gwenTarget = (page: MapPage) => Number(page.pointerTarget(page.member('Gwen Price')).getAttribute('r'));

    it('enlarges pointer targets once zooming out pauses', async () => {
      const page = await mapOf(demoCase);
      await setHeight(page, '300px');
      const before = gwenTarget(page);
      page.toolbarButton('Zoom out').click();
      await until(() => gwenTarget(page) > before, 'larger pointer targets once zooming pauses');
      expect(gwenTarget(page)).to.be.greaterThan(before);
    });

    it('leaves no timers behind when removed: a pause pending then never changes the removed map', async () => {
      const page = await mapOf(demoCase);
      const twin = await mapOf(demoCase);
      await setHeight(page, '300px');
      await setHeight(twin, '300px');
      const before = gwenTarget(page);
      expect(gwenTarget(twin)).to.equal(before);
      page.toolbarButton('Zoom out').click();
      page.el.remove();
      twin.toolbarButton('Zoom out').click();
      // The twin is the clock: both maps wait the same pause, and timers fire in order of their due time, so once
      // the twin's targets have grown the removed map's pause (set first) has had its turn too, however busy the
      // machine is. Had it run, its targets would have grown as the twin's did.
      await until(() => gwenTarget(twin) > before, "the twin's larger pointer targets");
      expect(gwenTarget(page)).to.equal(before);
    });

    it('selects with the pointer and fires od-select with the member', async () => {
      const page = await mapOf(demoCase);
      const priya = page.member('Priya Shah');
      const event = nextEvent(page.el, 'od-select');
      await click(page.shape(priya));
      const { selection } = await event;
      expect(selection?.kind).to.equal('member');
      expect(selection?.kind === 'member' && selection.member.id).to.equal('m-priya');
      expect(priya.getAttribute('aria-pressed')).to.equal('true');
    });

    it("highlights the selected member's ties, and only theirs", async () => {
      const page = await mapOf(demoCase);
      const event = nextEvent(page.el, 'od-select');
      await click(page.shape(page.member('Priya Shah')));
      await event;
      await page.el.updateComplete;
      // Highlighted: drawn at full strength while the other ties fade back.
      const opacity = (id: string) => getComputedStyle(page.tie(id)).opacity;
      expect(opacity('t-priya')).to.equal('1');
      expect(opacity('t-priya-jk')).to.equal('1');
      expect(Number(opacity('t-sarah'))).to.be.below(1);
    });
  });

  describe('table and summary', () => {
    it('sums the network up in one polite paragraph', async () => {
      const page = await mapOf(demoCase);
      expect(page.summary.getAttribute('aria-live')).to.equal('polite');
      expect(text(page.summary)).to.equal(
        '18 network members: 10 people, 3 organisations, 5 professionals. 5 in the closest ring. 3 stressful or conflictual ties; 1 cut off. 2 no longer in touch or died.',
      );
    });

    it('shows the same network as a table from the first toolbar button; passes axe', async () => {
      const page = await mapOf(demoCase);
      expect(page.toolbarButtons()[0]).to.equal('View as table');
      page.toolbarButton('View as table').focus();
      await sendKeys({ press: 'Enter' });
      await page.el.updateComplete;
      expect(page.el.view).to.equal('table');
      expect(page.hasPicture()).to.equal(false);
      const rows = page.tableRows();
      expect(rows).to.have.length(demoCase.members.length);
      expect(page.tableHeaders()).to.deep.equal([
        'Member',
        'Kind',
        'Relationship',
        'Sector',
        'Closeness',
        'Support',
        'Tie to the person',
        'How often they are critical of the person',
        'How often they are in contact',
        'Known since',
        'Status',
      ]);
      const sarah = rows.find((r) => text(r.querySelector('th')) === 'Sarah Lewis')!;
      expect([...sarah.querySelectorAll('td')].map(text)).to.deep.equal([
        'Person',
        'Mum',
        'Household',
        'Closest',
        'Emotional support, Practical help',
        'Strong, Supportive, Support both ways',
        'Sometimes',
        'Daily',
        '2006-07',
        'Active',
      ]);
      // Ties between members, which only the picture showed, have a table of their own.
      const memberTies = byPart(page.el, 'member-ties');
      const between = demoCase.ties.filter((x) => x.from !== demoCase.person.id && x.to !== demoCase.person.id);
      expect(between.length).to.be.greaterThan(0);
      expect(memberTies.querySelectorAll('tbody tr')).to.have.length(between.length);
      await expect(page.el).to.be.accessible();
      await expect(page.el).to.be.accessible();
    });

    it('counts each kind with its own plural, in English and Welsh', async () => {
      const [person, organisation, professional] = (['person', 'organisation', 'professional'] as const).map((kind) =>
        demoCase.members.find((m) => m.kind === kind)!,
      );
      const members = [person!, organisation!, professional!];
      const ids = new Set(members.map((m) => m.id));
      const page = await mapOf({
        ...demoCase,
        meetings: [],
        assessments: [],
        members,
        ties: demoCase.ties.filter((x) => [x.from, x.to].every((id) => id === demoCase.person.id || ids.has(id))),
      });
      expect(text(page.summary)).to.match(/^3 network members: 1 person, 1 organisation, 1 professional\./);
      page.el.locale = 'cy';
      await page.el.updateComplete;
      expect(text(page.summary)).to.match(/: 1 person, 1 sefydliad, 1 gweithiwr proffesiynol\./);
    });
  });

  describe('as-of and audience', () => {
    const hidden = demoCase.members.find((m) => m.hiddenFrom.includes('network'))!;
    const asOf = () => mapOf(demoCase, { asOf: '2025-12-01', audience: 'network' });

    it('as-of leaves out members who joined later or had died by then', async () => {
      const page = await asOf();
      const keys = page.nodes().map((n) => page.keyOf(n));
      // Nia, Ben, Chloe and Dr Patel joined in 2026; Huw died in November 2025.
      for (const gone of ['m-nia', 'm-ben', 'm-chloe', 'm-huw']) expect(keys, gone).to.not.include(gone);
    });

    it('as-of shows a member who left later as still active then', async () => {
      const page = await asOf();
      // Alex left on 20 December 2025.
      const alex = page.member('Alex Morgan');
      expect(alex.getAttribute('aria-label')).to.match(/; Active$/);
      expect(getComputedStyle(page.shape(alex)).strokeDasharray, 'not drawn as past').to.equal('none');
    });

    it('audience leaves a hidden member out of the picture, the table and the summary', async () => {
      const page = await asOf();
      expect(page.nodes().map((n) => page.keyOf(n))).to.not.include(hidden.id);
      expect(shadow(page.el).textContent).to.not.contain(hidden.name);
      page.el.view = 'table';
      await page.el.updateComplete;
      expect(page.tableMembers()).to.not.include(hidden.name);
      expect(text(page.summary)).to.match(/^\d+ network members/);
      expect(text(page.summary)).to.contain(`${page.tableRows().length} network members`);
    });

    it('says which day and audience it shows; passes axe', async () => {
      const page = await asOf();
      page.el.view = 'table';
      await page.el.updateComplete;
      expect(byText(shadow(page.el), 'As of 1 December 2025 · Shown to: network')).to.be.an.instanceOf(Element);
      await expect(page.el).to.be.accessible();
    });
  });

  describe('a relationship recorded only as a code', () => {
    // As a record from an EHR often has it: Sarah's as the code alone, Rhys's as a code the kit does not offer.
    const coded = () =>
      mapOf({
        ...demoCase,
        members: demoCase.members.map((m, i) =>
          m.id === 'm-sarah'
            ? { ...m, relationship: { code: 'MTH' } }
            : i === 1
              ? { ...m, relationship: { code: 'LOCAL-7' } }
              : m,
        ),
      });
    const relationshipIn = (page: MapPage) =>
      [...page.details.querySelectorAll('dt')].find(
        (dt) => dt.textContent === 'Relationship' || dt.textContent === 'Perthynas',
      )?.nextElementSibling?.textContent;

    it('is shown by the code’s name: in the node’s accessible name, the details and the table', async () => {
      const page = await coded();
      expect(page.member('Sarah Lewis').getAttribute('aria-label')).to.match(/^Sarah Lewis: Mother; /);
      page.el.selectedId = 'm-sarah';
      await page.el.updateComplete;
      expect(page.detailsTitle()).to.equal('Sarah Lewis');
      expect(relationshipIn(page)).to.equal('Mother');
      page.el.view = 'table';
      await page.el.updateComplete;
      expect(page.tableRow('Sarah Lewis')['Relationship']).to.equal('Mother');
      const other = demoCase.members[1]!.name;
      expect(page.tableRow(other)['Relationship']).to.equal('LOCAL-7');
    });

    it('in the language shown', async () => {
      const page = await coded();
      page.el.locale = 'cy';
      await page.el.updateComplete;
      expect(page.member('Sarah Lewis').getAttribute('aria-label')).to.match(/^Sarah Lewis: Mam; /);
    });

    it('initials-only leaves out the person’s own words and shows the code’s name', async () => {
      const page = await mapOf(demoCase, { initialsOnly: true });
      const sarah = page.member('S. L.');
      expect(sarah.getAttribute('aria-label')).to.match(/^S\. L\.: Mother; /);
      expect(page.allText()).to.not.contain('MTH');
    });
  });

  describe('initials only and hostile text', () => {
    it('initials() gives initials with full stops, one per word', () => {
      expect(initials('Sarah Lewis')).to.equal('S. L.');
      expect(initials('  dr   Owen  Hughes-Jones ')).to.equal('D. O. H.');
    });

    it('initials-only shows initials, and no identifying free text, in the picture and the details', async () => {
      const page = await mapOf(demoCase, { initialsOnly: true });
      for (const m of demoCase.members)
        if (initials(m.name) !== m.name) expect(page.allText(), m.name).to.not.contain(m.name);
      expect(page.allText()).to.not.contain('Maya Lewis');
      expect(page.allText()).to.not.contain('Mum');
      expect(page.person().getAttribute('aria-label')).to.equal('M. L., the person at the centre');
    });

    it('initials-only exports initials only', async () => {
      const page = await mapOf(demoCase, { initialsOnly: true });
      const svg = page.el.toSVG();
      expect(svg).to.not.contain('Sarah Lewis');
      expect(svg).to.contain('S. L.');
    });

    it('initials-only shows initials in the table', async () => {
      const page = await mapOf(demoCase, { initialsOnly: true });
      page.el.view = 'table';
      await page.el.updateComplete;
      expect(page.allText()).to.not.contain('Sarah Lewis');
      expect(page.tableMembers()).to.include('S. L.');
    });

    it('shows hostile text as text only, everywhere', async () => {
      const record = parseCaseRecord({
        ...demoCase,
        person: { ...demoCase.person, name: HOSTILE },
        members: demoCase.members.map((m, i) => (i < 2 ? { ...m, name: HOSTILE, relationship: { text: HOSTILE } } : m)),
        ties: demoCase.ties.map((t) => (t.id === 't-sarah' ? { ...t, label: HOSTILE } : t)),
      });
      const page = await mapOf(record);
      const root = shadow(page.el);
      expect(root.querySelector('img, script')).to.equal(null);
      // The person's name and the members' names are drawn as text: a member's whole (wrapped, or left off when there
      // is no room for it), the person's cut to fit their circle.
      const [person, ...members] = page.nameLabelLines().map((l) => l.text);
      expect(person!.startsWith(HOSTILE.slice(0, 10))).to.equal(true);
      const hostileMembers = members.filter((l) => l.includes('<img'));
      expect(hostileMembers.length).to.be.above(0);
      for (const name of hostileMembers) expect(name).to.equal(HOSTILE);
      expect(page.person().getAttribute('aria-label')).to.contain(HOSTILE);
      await page.tabIn();
      await sendKeys({ press: 'ArrowRight' });
      page.el.view = 'table';
      await page.el.updateComplete;
      expect(page.tableRows().map((r) => r.querySelector('th')!.textContent)).to.include(HOSTILE);
      expect(root.querySelector('img, script')).to.equal(null);
      expect(page.el.toSVG.bind(page.el)).to.throw(/no map to export/);
      page.el.view = 'map';
      await page.el.updateComplete;
      const exported = new DOMParser().parseFromString(page.el.toSVG(), 'image/svg+xml');
      expect(exported.querySelector('img, script, parsererror')).to.equal(null);
    });
  });

  describe('errors, loading and empty', () => {
    it('bad data: an error state with the message, the last good picture kept, od-error fired, nothing thrown; passes axe', async () => {
      const page = await mapOf(demoCase);
      const errorEvent = nextEvent(page.el, 'od-error');
      page.el.record = {
        ...demoCase,
        members: demoCase.members.map((m, i) => (i === 0 ? { ...m, ring: 7 } : m)),
      };
      const { error } = (await errorEvent) as OdErrorEvent;
      expect(error.name).to.equal('ValidationError');
      await page.el.updateComplete;
      expect(text(page.errorState())).to.contain('members[0].ring');
      expect(page.nodes()).to.have.length(demoCase.members.length + 1);
      await expect(page.el).to.be.accessible();
    });

    it('names a bad option (od-error and the error state), in the widget’s language', async () => {
      const page = await mapOf(demoCase);
      const optionError = nextEvent(page.el, 'od-error');
      page.el.asOf = '2025-02-30';
      const { error: bad } = (await optionError) as OdErrorEvent;
      expect(bad.message).to.equal(
        'The as-of date must be a real date written YYYY-MM-DD, or a date and time with a UTC offset.',
      );
      await page.el.updateComplete;
      expect(text(page.errorState())).to.contain('The as-of date must be a real date');
      page.el.locale = 'cy';
      await page.el.updateComplete;
      expect(text(page.errorState())).to.contain('Rhaid i’r dyddiad fel yr oedd fod yn ddyddiad go iawn');
    });

    it('clears the error state once the option is good again', async () => {
      const page = await mapOf(demoCase);
      const optionError = nextEvent(page.el, 'od-error');
      page.el.asOf = '2025-02-30';
      await optionError;
      await page.el.updateComplete;
      expect(page.errorState()).to.not.equal(null);
      page.el.asOf = '2026-01-01';
      await page.el.updateComplete;
      expect(page.errorState()).to.equal(null);
    });

    it('shows a loading state before it has a record', async () => {
      const empty = await fixture<OdNetworkMap>(html`<od-network-map></od-network-map>`);
      expect(text(byPart(empty, 'base'))).to.equal('Loading…');
    });

    it('says an empty network is empty, once, in the picture; passes axe', async () => {
      const page = await mapOf({ ...demoCase, members: [], ties: [], meetings: [], assessments: [] });
      expect(byText(shadow(page.el), 'No network members are recorded yet.')).to.be.an.instanceOf(Element);
      // Said once, in the picture: the summary under it does not repeat it.
      expect(text(page.summary)).to.equal('');
      expect((shadow(page.el).textContent ?? '').match(/No network members/g)?.length).to.equal(1);
      await expect(page.el).to.be.accessible();
    });
  });

  describe('themes and languages', () => {
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
        await mapPage(el).tabIn();
        await sendKeys({ press: 'ArrowRight' });
        await sendKeys({ press: 'Enter' });
        await expect(el).to.be.accessible();
      });
    }

    it('speaks Welsh', async () => {
      const el = await fixture<OdNetworkMap>(
        html`<od-network-map locale="cy" sectors .record=${demoCase}></od-network-map>`,
      );
      const page = mapPage(el);
      expect(page.toolbarButtons()[0]).to.equal('Gweld fel tabl');
      expect(page.picture.getAttribute('aria-label')).to.equal('Map rhwydwaith Maya Lewis');
      expect(page.sectorLabels()).to.include('Aelwyd');
      expect(text(page.summary)).to.match(/^18 aelod o’r rhwydwaith/);
      await expect(el).to.be.accessible();
    });
  });

  describe('export', () => {
    const parse = (svg: string) => new DOMParser().parseFromString(svg, 'image/svg+xml');

    it('exports well-formed SVG with the names, the key and the summary, and no markup of the page', async () => {
      const page = await mapOf(demoCase);
      const svgText = page.el.toSVG();
      const doc = parse(svgText);
      expect(doc.querySelector('parsererror')).to.equal(null);
      expect(doc.documentElement.getAttribute('xmlns')).to.equal('http://www.w3.org/2000/svg');
      expect(svgText).to.contain('Sarah Lewis');
      expect(svgText).to.contain('Tenuous');
      expect(svgText).to.contain('18 network members');
      expect(svgText).to.not.match(/\b(style|tabindex|aria-[a-z]+|class)=/);
    });

    it('exports the key: one swatch per item on screen, each with its label', async () => {
      const page = await mapOf(demoCase);
      const doc = parse(page.el.toSVG());
      const legendItems = page.legend.querySelectorAll('li').length;
      expect(doc.documentElement.querySelectorAll('svg').length).to.equal(legendItems);
      expect([...doc.querySelectorAll('text')].map((t) => t.textContent)).to.include.members([
        'Key',
        'Cut off',
        'Household',
      ]);
    });

    it('exports every member with its shape’s geometry and a readable label', async () => {
      const page = await mapOf(demoCase);
      const doc = parse(page.el.toSVG());
      expect(doc.querySelectorAll('svg > g rect[width="32"]').length).to.equal(
        demoCase.members.filter((m) => m.kind === 'organisation').length,
      );
      expect(
        [...doc.querySelectorAll('text')].filter((t) => t.getAttribute('paint-order')?.startsWith('stroke')).length,
      ).to.be.greaterThan(demoCase.members.length);
    });

    it('exports the whole map, whatever the pan and zoom', async () => {
      const page = await mapOf(demoCase);
      const svgText = page.el.toSVG();
      page.toolbarButton('Zoom in').click();
      expect(page.el.toSVG()).to.equal(svgText);
    });

    it('exports PNG with the key under the map and the person painted at the centre', async () => {
      const page = await mapOf(demoCase);
      // Drawn for the size it is shown at (a background tab draws it once more when no size comes): the PNG, made
      // once its painter has been fetched, paints the map as it is then.
      await page.fitted();
      // The whole map, not only the part a narrow picture shows (read as the export reads it).
      const box = page.wholeMap();
      const png = await page.el.toPNG(1);
      expect(png.type).to.equal('image/png');
      const image = await createImageBitmap(png);
      expect(image.width).to.equal(Math.round(box.width));
      expect(image.height).to.be.greaterThan(box.height + 100);
      // The person is painted at the centre, in the primary colour (not the white background).
      const canvas = new OffscreenCanvas(image.width, image.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(image, 0, 0);
      const [r, g, b] = ctx.getImageData(Math.round(-box.x), Math.round(-box.y), 1, 1).data;
      const person = getComputedStyle(page.shape(page.person())).fill;
      expect(`rgb(${r}, ${g}, ${b})`).to.equal(person);
    });
  });
});

describe('<od-network-map> editing', () => {
  guardConsole();

  async function inProvider(record: CaseRecord = demoCase) {
    const store = new MemoryStore(record);
    const provider = await fixture<OdProvider>(
      html`<od-provider .store=${store}><od-network-map sectors editable></od-network-map></od-provider>`,
    );
    const el = provider.querySelector('od-network-map')!;
    await el.updateComplete;
    return { store, page: mapPage(el) };
  }

  const revision = (store: MemoryStore) => store.snapshot!.revision;
  const stored = (store: MemoryStore, id: string) => store.snapshot!.record.members.find((m) => m.id === id);
  const linked = (page: MapPage) => page.nodes().filter((n) => hasClass(n, 'linked'));

  describe('linked focus (od-member-focus)', () => {
    it('rings a member another widget under the same provider has in focus, and lets go', async () => {
      const { page } = await inProvider();
      const other = document.createElement('button');
      page.el.closest('od-provider')!.append(other);
      other.dispatchEvent(new OdMemberFocusEvent('m-priya'));
      await page.el.updateComplete;
      // The ring is drawn only (no role or state says "in focus elsewhere"): the node's `linked` class.
      expect(hasClass(page.member('Priya Shah'), 'linked')).to.equal(true);
      other.dispatchEvent(new OdMemberFocusEvent(null));
      await page.el.updateComplete;
      expect(linked(page)).to.have.length(0);
    });

    it('does not echo its own focus events back', async () => {
      const { page } = await inProvider();
      await page.focusMember('Priya Shah');
      expect(linked(page)).to.have.length(0);
    });

    it('hears od-member-focus through its provider under any tag, from inside a shadow root', async () => {
      // A host that re-prefixed the kit (defineOdkit({ prefix })) has no <od-provider>.
      OdProvider.define('nm-test-provider');
      const provider = await fixture<OdProvider>(
        html`<nm-test-provider .store=${new MemoryStore(demoCase)}><div></div><button type="button">x</button></nm-test-provider>`,
      );
      const root = provider.querySelector('div')!.attachShadow({ mode: 'open' });
      const el = document.createElement('od-network-map');
      root.append(el);
      await el.updateComplete;
      const page = mapPage(el);
      provider.querySelector('button')!.dispatchEvent(new OdMemberFocusEvent('m-priya'));
      await el.updateComplete;
      expect(hasClass(page.member('Priya Shah'), 'linked')).to.equal(true);
      // Heard on the provider, not the document: focus outside it does not ring this map.
      document.body.dispatchEvent(new OdMemberFocusEvent(null));
      await el.updateComplete;
      expect(hasClass(page.member('Priya Shah'), 'linked')).to.equal(true);
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
      const page = mapPage(el);
      provider.store = new MemoryStore(demoCase);
      LateProvider.define('nm-late-provider');
      await until(() => page.memberOrNull('Priya Shah'), "the map never got the late provider's store");
      provider.querySelector('button')!.dispatchEvent(new OdMemberFocusEvent('m-priya'));
      await el.updateComplete;
      expect(hasClass(page.member('Priya Shah'), 'linked')).to.equal(true);
      // Only its own provider's widgets are heard, though the provider came late.
      document.body.dispatchEvent(new OdMemberFocusEvent(null));
      await el.updateComplete;
      expect(hasClass(page.member('Priya Shah'), 'linked')).to.equal(true);
    });
  });

  describe('moving members', () => {
    it('reaches every member from the person with the arrow keys', async () => {
      const page = await mapOf(demoCase);
      for (const m of demoCase.members) expect(page.arrowPath(page.member(m.name)), m.id).to.be.an('array');
    });

    it('moves a member closer without dragging, through the store, and says so (WCAG 2.5.7); passes axe', async () => {
      const { store, page } = await inProvider();
      await page.focusMember('David Lewis');
      expect(page.detailsTitle()).to.equal('David Lewis');
      const before = revision(store);
      await tabUntil((el) => el === page.detailsButton('Move closer'), { what: 'Move closer' });
      await sendKeys({ press: 'Enter' });
      await until(
        () => revision(store) === before + 1 && page.announcement() !== '',
        'the move is saved and announced',
      );
      await page.el.updateComplete;
      expect(revision(store)).to.equal(before + 1);
      expect(stored(store, 'm-david')!.ring).to.equal(1);
      expect(page.announcement()).to.equal('David Lewis moved to Closest, Family.');
      await expect(page.el).to.be.accessible();
    });

    it('keeps focus in the panel when "Move closer" turns off at the closest ring', async () => {
      const { page } = await inProvider();
      await page.focusMember('David Lewis');
      await tabUntil((el) => el === page.detailsButton('Move closer'), { what: 'Move closer' });
      await sendKeys({ press: 'Enter' });
      await until(() => page.detailsButton('Move closer').disabled, '"Move closer" turns off');
      // Focus went to "Move further away", not to the page.
      expectFocused(page.el, page.detailsButton('Move further away'));
    });

    it('moves a member to another sector with the select', async () => {
      const { store, page } = await inProvider();
      await page.focusMember('David Lewis');
      const select = page.field<HTMLSelectElement>('Move to sector');
      select.focus();
      select.value = 'friends';
      page.detailsButton('Move').click();
      await until(() => stored(store, 'm-david')!.sector === 'friends', 'the move to another sector is saved');
      expect(stored(store, 'm-david')!.sector).to.equal('friends');
    });

    it('drags a member to another ring, producing the same change', async () => {
      const { store, page } = await inProvider();
      await setHeight(page, '400px');
      page.picture.scrollIntoView({ block: 'start' });
      expect(stored(store, 'm-doreen')!.ring).to.equal(3);
      const from = centreOf(page.shape(page.member('Doreen Ellis')));
      const person = centreOf(page.shape(page.person()));
      // Most of the way towards the person: into ring 1, same direction (same sector).
      const to: [number, number] = [
        Math.round(from[0] + (person[0] - from[0]) * 0.7),
        Math.round(from[1] + (person[1] - from[1]) * 0.7),
      ];
      pointerAt(page.el, 'pointerdown', from);
      pointerAt(page.el, 'pointermove', [from[0] + 5, from[1] + 5]);
      pointerAt(page.el, 'pointermove', to);
      pointerAt(page.el, 'pointerup', to);
      await until(() => stored(store, 'm-doreen')!.ring < 3, 'the drop is saved');
      const doreen = stored(store, 'm-doreen')!;
      expect(doreen.ring).to.be.lessThan(3);
      expect(doreen.sector).to.equal('neighbours');
    });
  });

  describe('the member form', () => {
    async function openAddForm() {
      const { store, page } = await inProvider();
      page.toolbarButton('Add a member').focus();
      await sendKeys({ press: 'Enter' });
      await page.el.updateComplete;
      return { store, page };
    }

    it('opens from "Add a member" with focus on the name; passes axe', async () => {
      const { page } = await openAddForm();
      expectFocused(page.el, page.field('Name'));
      await expect(page.el).to.be.accessible();
    });

    it('refuses an empty form: our own messages at the fields and in a focused summary, nothing saved; passes axe', async () => {
      const { store, page } = await openAddForm();
      const before = revision(store);
      page.form().requestSubmit();
      await page.el.updateComplete;
      expectFocused(page.el, page.errorSummary());
      // Where GOV.UK puts it: above the form's heading and fields.
      const heading = byRoleIn(page.details, 'heading', 'Add a member');
      expect(page.errorSummary()!.compareDocumentPosition(heading)).to.equal(Node.DOCUMENT_POSITION_FOLLOWING);
      expect(page.errorSummaryItems()).to.deep.equal(['Enter a name', 'Enter the relationship to the person']);
      const name = page.field('Name');
      expect(text(page.fieldError(name))).to.equal('Error: Enter a name');
      expect(name.getAttribute('aria-invalid')).to.equal('true');
      expect(revision(store)).to.equal(before);
      await expect(page.el).to.be.accessible();
    });

    it('adds a member to the store and the map, and says "Saved."', async () => {
      const { store, page } = await openAddForm();
      const before = revision(store);
      page.field('Name').focus();
      await sendKeys({ type: 'Ffion Rees' });
      page.field('Relationship to the person').focus();
      await sendKeys({ type: 'Cousin' });
      page.field('Closest').click();
      page.field('Practical help').click();
      page.field<HTMLSelectElement>('Sector').value = 'family';
      page.form().requestSubmit();
      await until(() => revision(store) === before + 1, 'the new member is saved');
      await page.el.updateComplete;
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
      expect(page.memberOrNull('Ffion Rees')).to.not.equal(null);
      expect(page.announcement()).to.equal('Saved.');
    });

    it('edits a member: the changed field saved, the rest kept', async () => {
      const { store, page } = await inProvider();
      await page.focusMember('Priya Shah');
      page.detailsButton('Edit member').click();
      await page.el.updateComplete;
      const name = page.field('Name');
      expect(name.value).to.equal('Priya Shah');
      name.value = 'Priya S.';
      page.form().requestSubmit();
      await until(() => stored(store, 'm-priya')!.name === 'Priya S.', 'the edit is saved');
      const priya = stored(store, 'm-priya')!;
      expect(priya.name).to.equal('Priya S.');
      expect(priya.relationship).to.deep.equal(member('m-priya').relationship);
    });

    it('says so, and saves nothing, when the member being edited leaves the record; passes axe', async () => {
      const { store, page } = await inProvider();
      await page.focusMember('Canal Street Community Choir');
      page.detailsButton('Edit member').click();
      await page.el.updateComplete;
      expect(page.field('Name')).to.be.an.instanceOf(HTMLInputElement);
      // Another widget or tab removes the member while the form is open.
      await store.apply({ type: 'member/remove', memberId: 'm-choir' });
      await page.el.updateComplete;
      const count = store.snapshot!.record.members.length;
      expect(allByRoleIn(page.details, 'alert').map(text)).to.deep.equal([
        'This is no longer in the record, so there is nothing to edit. Nothing has been saved.',
      ]);
      expect(page.formOrNull()).to.equal(null);
      await expect(page.el).to.be.accessible();
      page.detailsButton('Close').click();
      await page.el.updateComplete;
      expect(store.snapshot!.record.members.length).to.equal(count);
      expect(store.snapshot!.record.members.some((m) => m.id === 'm-choir')).to.equal(false);
    });
  });

  describe('ties', () => {
    async function openTieForm() {
      const { store, page } = await inProvider();
      page.toolbarButton('Add a tie').click();
      await page.el.updateComplete;
      return { store, page };
    }

    it('refuses a tie with the same member at both ends, at the field', async () => {
      const { store, page } = await openTieForm();
      const before = revision(store);
      page.field<HTMLSelectElement>('From').value = 'm-priya';
      page.field<HTMLSelectElement>('To').value = 'm-priya';
      page.form().requestSubmit();
      await page.el.updateComplete;
      expect(text(page.fieldError(page.field('To')))).to.equal('Error: Choose two different people for a tie');
      expect(revision(store)).to.equal(before);
    });

    it('adds a tie through the form: saved, drawn and listed with the member', async () => {
      const { store, page } = await openTieForm();
      page.field<HTMLSelectElement>('From').value = 'm-priya';
      page.field<HTMLSelectElement>('To').value = 'm-sarah';
      page.field<HTMLSelectElement>('Quality').value = 'stressful';
      page.form().requestSubmit();
      await until(
        () => store.snapshot!.record.ties.some((t) => t.from === 'm-priya' && t.to === 'm-sarah'),
        'the new tie is saved',
      );
      const tie = store.snapshot!.record.ties.find((t) => t.from === 'm-priya' && t.to === 'm-sarah')!;
      expect(tie).to.deep.include({ quality: 'stressful', strength: 'moderate', direction: 'none' });
      await page.el.updateComplete;
      expect(hasClass(page.tie(tie.id), 'quality-stressful')).to.equal(true);
      await page.focusMember('Priya Shah');
      expect(page.detailsButtons('Remove tie')).to.have.length(3);
    });

    it('removes a tie after asking', async () => {
      const { store, page } = await inProvider();
      const priyas = () => store.snapshot!.record.ties.filter((t) => t.from === 'm-priya' || t.to === 'm-priya');
      const before = priyas().map((t) => t.id);
      await page.focusMember('Priya Shah');
      const removeTie = page.detailsButtons('Remove tie');
      expect(removeTie).to.have.length(before.length);
      removeTie.at(-1)!.click();
      await page.el.updateComplete;
      page.detailsButton('Yes, remove').click();
      await until(() => priyas().length === before.length - 1, 'the tie is removed');
      expect(priyas().map((t) => t.id)).to.deep.equal(before.slice(0, -1));
    });
  });

  describe('removing members', () => {
    it('removes a selected member and their ties; the selection is let go and focus goes to the person', async () => {
      const { store, page } = await inProvider();
      await page.focusMember('Doreen Ellis');
      await sendKeys({ press: 'Enter' });
      const cleared = nextEvent(page.el, 'od-select');
      page.detailsButton('Remove member').click();
      await page.el.updateComplete;
      page.detailsButton('Yes, remove').click();
      expect((await cleared).selection).to.equal(null);
      await until(() => !stored(store, 'm-doreen') && page.announcement() !== '', 'the removal is saved and announced');
      await page.el.updateComplete;
      expect(stored(store, 'm-doreen')).to.equal(undefined);
      expect(store.snapshot!.record.ties.some((t) => t.to === 'm-doreen')).to.equal(false);
      expect(page.memberOrNull('Doreen Ellis')).to.equal(null);
      expect(page.tabStops()).to.have.length(1);
      expect(page.announcement()).to.equal('Removed.');
      expect(page.focusedKey()).to.equal(PERSON);
    });

    it('leaves the store unchanged, says why and passes axe when the core refuses a change', async () => {
      const { store, page } = await inProvider();
      const before = store.snapshot!;
      await page.focusMember('Sarah Lewis');
      const errors: OdErrorEvent[] = [];
      page.el.addEventListener('od-error', (e) => errors.push(e));
      page.detailsButton('Remove member').click();
      await page.el.updateComplete;
      expect(text(page.details)).to.contain('Remove Sarah Lewis and their ties from the network?');
      page.detailsButton('Yes, remove').click();
      await until(() => errors.length > 0 && text(page.errorSummary()) !== '', 'the refusal is shown');
      await page.el.updateComplete;
      expect(store.snapshot).to.equal(before);
      expect(errors).to.have.length(1);
      expect(text(page.errorSummary())).to.contain('mark them as past instead of removing them');
      expectFocused(page.el, page.errorSummary());
      await expect(page.el).to.be.accessible();
    });
  });

  describe('without a store', () => {
    it('initials-only turns editing off (the forms would show full names)', async () => {
      const page = await mapOf(demoCase, { editable: true, initialsOnly: true });
      expect(page.toolbarButtons()).to.not.include('Add a member');
      await page.focusMember('D. L.');
      expect(allByRoleIn(page.details, 'group', 'Move')).to.have.length(0);
      expect(allByRoleIn(page.details, 'button', /^Move/)).to.have.length(0);
    });

    it('fires edits as cancelable od-change events; a cancelled one is not applied, and it says so', async () => {
      const page = await mapOf(demoCase, { editable: true });
      await page.focusMember('David Lewis');
      page.el.addEventListener('od-change', (e) => e.preventDefault(), { once: true });
      const change = nextEvent(page.el, 'od-change');
      page.detailsButton('Move further away').click();
      const event = (await change) as OdChangeEvent;
      expect(event.change.type).to.equal('member/update');
      expect(event.change.type === 'member/update' && event.change.member.ring).to.equal(3);
      await until(() => page.announcement() !== '', 'the outcome is announced');
      expect(page.el.caseRecord!.members.find((m) => m.id === 'm-david')!.ring).to.equal(2);
      expect(page.announcement()).to.equal('The change was not applied.');
    });

    it('applies an od-change nobody cancels to its own record', async () => {
      const page = await mapOf(demoCase, { editable: true });
      await page.focusMember('David Lewis');
      const change = nextEvent(page.el, 'od-change');
      page.detailsButton('Move further away').click();
      await change;
      const ring = () => page.el.caseRecord!.members.find((m) => m.id === 'm-david')!.ring;
      await until(() => ring() !== 2, 'the change is applied');
      expect(ring()).to.equal(3);
    });
  });

  describe('scale and sync', () => {
    it('lays out 1,000 members without errors, the names with no room giving way (and saying so)', async () => {
      const page = await mapOf(generateCase({ members: 1000, meetings: 5, seed: 2 }));
      expect(page.nodes()).to.have.length(1001);
      const names = page.nameLabels().length;
      expect(names).to.be.above(1).and.below(1001);
      expect(page.namesLeftOff()).to.contain('Some names are left off the map');
    });

    it('with an offline store: the status line tops the map, conflicts are named as the map names people, axe-clean in dark', async () => {
      const store = demoSyncingStore('conflict');
      const provider = await fixture<OdProvider>(
        html`<od-provider .store=${store} color-scheme="dark"><od-network-map sectors initials-only></od-network-map></od-provider>`,
      );
      const el = provider.querySelector('od-network-map')!;
      await el.updateComplete;
      expect(byPart(el, 'base').firstElementChild!.getAttribute('part')).to.equal('sync-status');
      const status = byPart(el, 'sync-status');
      expect(byText(status, '2 changes need your decision')).to.be.an.instanceOf(Element);
      byRoleIn<HTMLButtonElement>(status, 'button', 'Review changes').click();
      await el.updateComplete;
      const review = byPart(el, 'sync-review');
      expect([...review.querySelectorAll('h3')].map(text)).to.deep.equal([
        'S. L., network member',
        'The tie between M. L. and D. L.',
      ]);
      expect(text(review)).not.to.contain('Sarah');
      await expect(provider).to.be.accessible();
    });

    it('shows "Changed by … on …" under a member’s details and beside each of their ties', async () => {
      const store = demoSyncingStore('pending');
      const provider = await fixture<OdProvider>(
        html`<od-provider .store=${store} time-zone="Europe/London"><od-network-map sectors></od-network-map></od-provider>`,
      );
      const el = provider.querySelector('od-network-map')!;
      await el.updateComplete;
      const page = mapPage(el);
      await page.focusMember('David Lewis');
      await until(() => page.changedBy().ties[0], 'the tie’s history line');
      // David has no history of his own here; the tie to him does.
      expect(page.changedBy().member === undefined, 'no line for David himself').to.equal(true);
      expect(text(page.changedBy().ties[0])).to.equal('Changed by Sam Okafor on 1 Apr 2026, 12:20 (not yet sent)');
      await sendKeys({ press: 'Home' });
      for (const key of page.arrowPath(page.member('Sarah Lewis'))) await sendKeys({ press: key });
      await until(() => page.changedBy().member, 'the member’s history line');
      expect(text(page.changedBy().member)).to.equal('Changed by Sam Okafor on 1 Apr 2026, 12:18 (not yet sent)');
    });

    it('registers once: define() again under the same tag does nothing', () => {
      OdNetworkMap.define('od-network-map');
      expect(customElements.get('od-network-map')).to.equal(OdNetworkMap);
    });
  });
});
