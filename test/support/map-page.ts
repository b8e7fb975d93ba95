/**
 * A page object for `<od-network-map>`: what a person finds on the map, by role and accessible
 * name, by visible text, or by the widget's public parts (documented in the manifest), so the
 * tests say "Priya Shah's node" or "the Add a member button" rather than naming internal markup.
 *
 * A few things have no role, name or part, so this file (and only this file) reaches them by
 * the widget's own classes; each says so where it does: a node's drawn shape and its pointer
 * target, the aria-hidden text labels in the picture, and a tie (ties are aria-hidden and
 * carry their kind only as classes; a tie is found by its record id).
 */
import { initials, nearestInDirection, type OdNetworkMap, type Point } from '@odkit/network-map';
import { errorId } from '@odkit/elements';
import { sendKeys } from '@web/test-runner-commands';
import {
  allByPart,
  allByRoleIn,
  byPart,
  byRole,
  byRoleIn,
  fieldIn,
  nameOf,
  partOf,
  shadow,
  text,
  until,
} from './dom.js';

/** What `keyOf` calls the person at the centre (a member id never contains ':'). */
export const PERSON = ':person';

const DIRECTIONS = {
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
} as const;

export class MapPage {
  constructor(readonly el: OdNetworkMap) {}

  /* ---------------------------------------------------------------- the picture */

  /** The SVG picture (part `map`). */
  get picture(): SVGSVGElement {
    return byPart<SVGSVGElement>(this.el, 'map');
  }

  hasPicture(): boolean {
    return partOf(this.el, 'map') !== null;
  }

  /** The area around the picture that takes the pointer (drag, wheel, pinch): the picture's own box. */
  get frame(): HTMLElement {
    return this.picture.parentElement!;
  }

  /** Every node on the map (part `node`): the person first, then each member shown. */
  nodes(): SVGGElement[] {
    return allByPart<SVGGElement>(this.el, 'node');
  }

  /** How the map names a person: in full, or as initials when the map shows initials only. */
  shownName(name: string): string {
    return this.el.initialsOnly ? initials(name) : name;
  }

  /** The person's node: its accessible name is "<name>, the person at the centre" (in the map's language). */
  person(): SVGGElement {
    const name = this.shownName(this.el.caseRecord!.person.name);
    const found = this.nodes().filter((n) => nameOf(n).startsWith(`${name},`));
    if (found.length !== 1) throw new Error(`Expected one node for the person, found ${found.length}`);
    return found[0]!;
  }

  /** A member's node, by the name the map shows (its accessible name starts "<name>: <relationship>; …"). */
  member(name: string): SVGGElement {
    const found = this.memberOrNull(name);
    if (!found) throw new Error(`No node on the map is named ${name}`);
    return found;
  }

  memberOrNull(name: string): SVGGElement | null {
    const found = this.nodes().filter((n) => nameOf(n).startsWith(`${name}:`));
    if (found.length > 1) throw new Error(`${found.length} nodes on the map are named ${name}`);
    return found[0] ?? null;
  }

  /** The record id of the member a node names (or PERSON), found by the name the node is given. */
  keyOf(node: Element): string {
    const label = nameOf(node);
    const record = this.el.caseRecord!;
    if (label.startsWith(`${this.shownName(record.person.name)},`)) return PERSON;
    const ids = record.members.filter((m) => label.startsWith(`${this.shownName(m.name)}:`)).map((m) => m.id);
    if (ids.length !== 1) throw new Error(`"${label}" names ${ids.length} members of the record`);
    return ids[0]!;
  }

  /** The node with keyboard focus, or null when focus is elsewhere. */
  focused(): SVGGElement | null {
    const active = shadow(this.el).activeElement;
    return active && active.getAttribute('part')?.split(/\s+/).includes('node') ? (active as SVGGElement) : null;
  }

  /** The record id (or PERSON) of the node with focus, or undefined. */
  focusedKey(): string | undefined {
    const node = this.focused();
    return node ? this.keyOf(node) : undefined;
  }

  /** The nodes in the tab order (the map is one tab stop). */
  tabStops(): SVGGElement[] {
    return this.nodes().filter((n) => n.getAttribute('tabindex') === '0');
  }

  /** The nodes shown as selected (aria-pressed). */
  pressed(): SVGGElement[] {
    return this.nodes().filter((n) => n.getAttribute('aria-pressed') === 'true');
  }

  /**
   * The record ids of the nodes ringed because another widget points at them (od-member-focus). The ring
   * has no role, name or part of its own: the one place the tests read its class.
   */
  linkedKeys(): string[] {
    return this.nodes()
      .filter((n) => n.classList.contains('linked'))
      .map((n) => this.keyOf(n));
  }

  /** Where a node sits, in map units (the centre is the person). */
  position(node: Element): Point {
    const m = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(node.getAttribute('transform') ?? '');
    return m ? { x: Number(m[1]), y: Number(m[2]) } : { x: 0, y: 0 };
  }

  /** The shape drawn for a node (circle, square or diamond). No part or role: the widget's `shape` class. */
  shape(node: Element): SVGGraphicsElement {
    return node.querySelector<SVGGraphicsElement>('.shape')!;
  }

  /** The invisible pointer target of a node. No part or role: the widget's `hit` class. */
  pointerTarget(node: Element): SVGCircleElement {
    return node.querySelector<SVGCircleElement>('.hit')!;
  }

  /** The visible text labels under the nodes (aria-hidden, no part: the widget's `label` class). */
  nameLabels(): string[] {
    return [...this.picture.querySelectorAll('.labels .label')].map((l) => l.textContent ?? '');
  }

  /**
   * Every name drawn in the picture, with the text element of each of its lines (aria-hidden, no part: the widget's
   * `label` class; the lines of one wrapped name share a parent with the `name-label` class).
   */
  nameLabelLines(): { text: string; lines: SVGTextElement[] }[] {
    return grouped(this.picture.querySelectorAll<SVGTextElement>('.labels .label'));
  }

  /**
   * The whole map's box in map units (what an export shows), which a narrow picture shows only part of: the widget's
   * `data-extent` (half its side), else the picture's viewBox.
   */
  wholeMap(): { x: number; y: number; width: number; height: number } {
    const e = Number(this.picture.getAttribute('data-extent'));
    return e > 0 ? { x: -e, y: -e, width: 2 * e, height: 2 * e } : this.picture.viewBox.baseVal;
  }

  /** The note under a crowded map that some names are left off it (the widget's `names-hidden` class), or ''. */
  namesLeftOff(): string {
    return text(shadow(this.el).querySelector('.names-hidden'));
  }

  /** The sector names round the outer ring, with the text element of each of their lines (see `nameLabelLines`). */
  sectorLabelLines(): { text: string; lines: SVGTextElement[] }[] {
    return grouped(this.picture.querySelectorAll<SVGTextElement>('.sector-label'));
  }

  /**
   * Waits until the picture has been drawn for its measured size: the map fits its viewBox and text to the size its
   * resize observer reports (the widget's `data-fit`, "<width>x<height>" in CSS px), after the first render.
   */
  async fitted(): Promise<void> {
    if (!this.hasPicture()) return;
    const svg = this.picture;
    const near = (a: number, b: number) => Math.abs(a - b) <= 1;
    await until(() => {
      const [w, h] = (svg.getAttribute('data-fit') ?? '').split('x').map(Number);
      return w !== undefined && h !== undefined && near(w, svg.clientWidth) && near(h, svg.clientHeight);
    }, 'the map fitted to its size');
    await this.el.updateComplete;
  }

  /** The outer (third) closeness ring (aria-hidden, no part: the widget's `ring-3` class). */
  outerRing(): SVGCircleElement | null {
    return this.picture.querySelector<SVGCircleElement>('.ring-3');
  }

  /** The drawn line of each tie (part `tie`'s first path). */
  tieLines(): SVGPathElement[] {
    return this.ties().flatMap((t) => [...t.querySelectorAll<SVGPathElement>('path')].slice(0, 1));
  }

  /** The sector names round the outer ring (aria-hidden, no part: the widget's `sector-label` class). */
  sectorLabels(): string[] {
    return [...this.picture.querySelectorAll('.sector-label')].map(text);
  }

  /** Every tie drawn (part `tie`). */
  ties(): SVGGElement[] {
    return allByPart<SVGGElement>(this.el, 'tie');
  }

  /** A tie by its record id (ties are aria-hidden and unnamed: the only handle is the id the map gives them). */
  tie(id: string): SVGGElement {
    const found = this.ties().find((t) => t.getAttribute('data-tie') === id);
    if (!found) throw new Error(`No tie ${id} on the map`);
    return found;
  }

  /* ---------------------------------------------------------------- around the picture */

  /** A button in the toolbar (part `toolbar`) by its accessible name. */
  toolbarButton(name: string | RegExp): HTMLButtonElement {
    return byRoleIn<HTMLButtonElement>(byPart(this.el, 'toolbar'), 'button', name);
  }

  /** The names of the toolbar's buttons, in order. */
  toolbarButtons(): string[] {
    return allByRoleIn(byPart(this.el, 'toolbar'), 'button').map(nameOf);
  }

  /** The stepper's button (in the toolbar's "network over time" group) by its name. */
  stepperButton(name: string | RegExp): HTMLButtonElement {
    return this.toolbarButton(name);
  }

  /** The day the stepper shows, as spoken (the toolbar's live region). */
  stepperDay(): string {
    const live = byPart(this.el, 'toolbar').querySelectorAll('[aria-live]');
    if (live.length !== 1) throw new Error(`Expected one live region in the toolbar, found ${live.length}`);
    return text(live[0]);
  }

  /** What changed since the first meeting (part `changes`), or '' when not shown. */
  changes(): string {
    return text(partOf(this.el, 'changes'));
  }

  /** A member's row in the table view, as header → cell text. */
  tableRow(name: string): Record<string, string> {
    const headers = this.tableHeaders();
    const row = this.tableRows().find((r) => text(r.querySelector('th')) === name);
    if (!row) throw new Error(`No table row for ${name}`);
    return Object.fromEntries([...row.children].map((cell, i) => [headers[i]!, text(cell)]));
  }

  /** The details panel (part `details`). */
  get details(): HTMLElement {
    return byPart(this.el, 'details');
  }

  /** The panel's title (its accessible name): a member's name, "Details", or the open form's title. */
  detailsTitle(): string {
    return nameOf(this.details);
  }

  /** The one button in the details panel with this name. */
  detailsButton(name: string | RegExp): HTMLButtonElement {
    return byRoleIn<HTMLButtonElement>(this.details, 'button', name);
  }

  /** Every button in the details panel with this name, in order. */
  detailsButtons(name: string | RegExp): HTMLButtonElement[] {
    return allByRoleIn<HTMLButtonElement>(this.details, 'button', name);
  }

  /** "Changed by … on …" lines (part `changed-by`) in the details: the member's own, and one per tie. */
  changedBy(): { member: HTMLElement | undefined; ties: HTMLElement[] } {
    const lines = allByPart(this.el, 'changed-by').filter((l) => this.details.contains(l));
    return { member: lines.find((l) => !l.closest('li')), ties: lines.filter((l) => l.closest('li')) };
  }

  /** The edit form open in the details panel, or null. */
  formOrNull(): HTMLFormElement | null {
    return partOf(this.el, 'details')?.querySelector('form') ?? null;
  }

  form(): HTMLFormElement {
    const form = this.formOrNull();
    if (!form) throw new Error('No form is open in the details panel');
    return form;
  }

  /** A form control in the details panel (text box, select, radio or checkbox) by its label. */
  field<E extends HTMLElement = HTMLInputElement>(label: string): E {
    return fieldIn<E>(this.details, label);
  }

  /** The error message shown at a field (the form kit's `errorId`), or null. */
  fieldError(control: Element): HTMLElement | null {
    return shadow(this.el).getElementById(errorId(control.id));
  }

  /** What someone else saved, shown beside the person's own where both changed a field (part `theirs`). */
  theirs(): HTMLElement[] {
    return allByPart(this.el, 'theirs');
  }

  /** The error summary (part `error-summary`), or null. */

  errorSummary(): HTMLElement | null {
    return partOf(this.el, 'error-summary');
  }

  /** The messages listed in the error summary. */
  errorSummaryItems(): string[] {
    return [...(this.errorSummary()?.querySelectorAll('li') ?? [])].map(text);
  }

  /** What the map last announced (its one status line). */
  announcement(): string {
    return text(byRole(this.el, 'status'));
  }

  /** The error state (part `error`), or null. */
  errorState(): HTMLElement | null {
    return partOf(this.el, 'error');
  }

  /** The one-paragraph summary (part `summary`). */
  get summary(): HTMLElement {
    return byPart(this.el, 'summary');
  }

  /** The key (part `legend`). */
  get legend(): HTMLElement {
    return byPart(this.el, 'legend');
  }

  /** The table view's body rows (part `table`). */
  tableRows(): HTMLTableRowElement[] {
    return [...byPart(this.el, 'table').querySelectorAll<HTMLTableRowElement>('tbody tr')];
  }

  /** The table's column headers. */
  tableHeaders(): string[] {
    return [...byPart(this.el, 'table').querySelectorAll('thead th')].map(text);
  }

  /** The row headers (members' names) of the table. */
  tableMembers(): string[] {
    return this.tableRows().map((r) => text(r.querySelector('th')));
  }

  /** Everything the map gives a person to read or hear: its text and every accessible name. */
  allText(): string {
    const root = shadow(this.el);
    return (
      root.textContent! + [...root.querySelectorAll('[aria-label]')].map((n) => n.getAttribute('aria-label')).join(' ')
    );
  }

  /* ---------------------------------------------------------------- keyboard */

  /** Puts keyboard focus on the map with real Tab presses from a button before it. */
  async tabIn(): Promise<void> {
    const before = document.createElement('button');
    before.textContent = 'before';
    this.el.before(before);
    before.focus();
    // Toolbar buttons come first; tab until a map node has focus.
    for (let i = 0; i < 12 && !this.focused(); i++) await sendKeys({ press: 'Tab' });
    before.remove();
    if (!this.focused()) throw new Error('Tab never reached the map');
  }

  /**
   * The arrow keys that lead from the person to `target`, breadth-first over the map's own navigation rule
   * (`nearestInDirection`) on the nodes where they are drawn.
   */
  arrowPath(target: Element): string[] {
    const nodes = this.nodes();
    const at = (i: number) => (i === 0 ? { x: 0, y: 0 } : this.position(nodes[i]!));
    const goal = nodes.indexOf(target as SVGGElement);
    if (goal < 0) throw new Error('The target is not a node on this map');
    const queue: [number, string[]][] = [[0, []]];
    const seen = new Set([0]);
    while (queue.length) {
      const [here, path] = queue.shift()!;
      if (here === goal) return path;
      for (const [key, dir] of Object.entries(DIRECTIONS)) {
        const candidates = nodes.flatMap((_, i): [string, Point][] => (i === here ? [] : [[String(i), at(i)]]));
        const next = nearestInDirection(at(here), dir, candidates);
        if (next !== undefined && !seen.has(Number(next))) {
          seen.add(Number(next));
          queue.push([Number(next), [...path, key]]);
        }
      }
    }
    throw new Error(`${nameOf(target)} cannot be reached with the arrow keys`);
  }

  /** Moves keyboard focus to `node` with real key presses: Tab in, Home to the person, then arrows. */
  async focusNode(node: Element): Promise<void> {
    await this.tabIn();
    await sendKeys({ press: 'Home' });
    for (const key of this.arrowPath(node)) await sendKeys({ press: key });
    // Focus moves once the map has rendered the move, which may wait (for the Welsh strings, say).
    await this.el.updateComplete;
    if (this.focused() !== node) throw new Error(`The arrow keys did not reach ${nameOf(node)}`);
  }

  /** Moves keyboard focus to the member the map shows as `name`. */
  async focusMember(name: string): Promise<void> {
    await this.focusNode(this.member(name));
  }
}

/**
 * Watches a map from before its first render: each time the picture's contents (the widget's `viewport` group: rings,
 * ties, nodes and names) are drawn anew, the size its SVG then says they were fitted to (`data-fit`; empty before the
 * size is known). `stop()` ends the watch and gives the list.
 */
export function watchDrawing(el: OdNetworkMap): { stop(): string[] } {
  const fittedTo: string[] = [];
  const note = (records: MutationRecord[]) => {
    for (const r of records)
      for (const node of r.addedNodes) {
        if (!(node instanceof Element)) continue;
        // Added itself, or inside a larger piece added at once (the whole widget on its first render).
        for (const group of node.matches('g.viewport') ? [node] : node.querySelectorAll('g.viewport'))
          fittedTo.push(group.closest('svg')!.getAttribute('data-fit') ?? '');
      }
  };
  const changes = new MutationObserver(note);
  changes.observe(shadow(el), { subtree: true, childList: true });
  return {
    stop() {
      // Changes not yet delivered to the observer too (the last render may be a moment ago).
      note(changes.takeRecords());
      changes.disconnect();
      return fittedTo;
    },
  };
}

/** Text elements grouped by the name they draw (a wrapped name's lines share a `name-label` parent). */
function grouped(found: Iterable<SVGTextElement>): { text: string; lines: SVGTextElement[] }[] {
  const groups = new Map<Element, SVGTextElement[]>();
  for (const line of found) {
    const key = line.parentElement?.classList.contains('name-label') ? line.parentElement : line;
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  return [...groups.values()].map((lines) => ({ text: lines.map(text).join(' '), lines }));
}

export const mapPage = (el: OdNetworkMap): MapPage => new MapPage(el);
