/**
 * <od-service-dashboard> as a person reads it: the title and scope line, the tiles (part `tile`), the trends (part
 * `trend`), the filters by their labels and the error state (role alert), so tests do not depend on its classes.
 * Tiles and trends are told apart by the measure they show (`data-measure`, which the widget sets on each).
 */
import { $, allByPart, allByRole, allByRoleIn, partOf, byRole, byRoleIn, shadow, text } from './dom.js';

/** One measure's tile, read top to bottom. */
export class TileView {
  constructor(readonly element: HTMLElement) {}

  /** The measure's name (the tile's heading). */
  get name(): string {
    return text(byRoleIn(this.element, 'heading'));
  }

  /** Every line of the tile as read, in order: target, figure, spread (a time), what it counts, goal (if set). */
  get lines(): string[] {
    return [...this.element.querySelectorAll('p')].map(text);
  }

  /** The line under the name: what the measure counts or its target. */
  get target(): string {
    return this.lines[0] ?? '';
  }

  /** The figure (part `tile-value`). */
  get value(): string {
    return text(this.element.querySelector('[part~="tile-value"]'));
  }

  /** The goal, met or missed (part `tile-goal`), or null. */
  get goal(): HTMLElement | null {
    return this.element.querySelector('[part~="tile-goal"]');
  }

  /** The line between the figure and the count: the middle half of a time, or null. */
  get spread(): string | null {
    const after = this.#afterValue();
    return after.length === 2 ? text(after[0]) : null;
  }

  /** What the figure counts ("From 39 episodes"): the last line under the figure, the goal aside. */
  get count(): string {
    return text(this.#afterValue().at(-1));
  }

  /** The button that asks the host to open the cases behind the tile. */
  get open(): HTMLButtonElement {
    return byRoleIn<HTMLButtonElement>(this.element, 'button');
  }

  #afterValue(): HTMLParagraphElement[] {
    const paragraphs = [...this.element.querySelectorAll('p')];
    const value = paragraphs.findIndex((p) => p.matches('[part~="tile-value"]'));
    return paragraphs.slice(value + 1).filter((p) => !p.matches('[part~="tile-goal"]'));
  }
}

export class ServiceDashboardPage {
  constructor(readonly el: HTMLElement) {}

  /** The dashboard's box (part `base`). */
  get base(): HTMLElement {
    const base = partOf(this.el, 'base');
    if (!base) throw new Error('The dashboard has no base part');
    return base;
  }

  /** Whether the dashboard says it is still working (aria-busy on its box). */
  get busy(): boolean {
    return this.base.getAttribute('aria-busy') === 'true';
  }

  /** The dashboard's title: the heading that names it. */
  get title(): string {
    return text(shadow(this.el).getElementById(this.base.getAttribute('aria-labelledby') ?? ''));
  }

  /** The scope line ("39 cases, 39 episodes of care. From …"): the dashboard's status region. */
  get scope(): string {
    return text(byRole(this.el, 'status'));
  }

  /** The dashboard's own notes under the scope: records not read, nothing to measure. */
  get notes(): string[] {
    return [...this.base.querySelectorAll(':scope > p:not([role])')].map(text);
  }

  /** Error states shown (role alert). */
  get alerts(): HTMLElement[] {
    return allByRole(this.el, 'alert');
  }

  /** The one error state. */
  get alert(): HTMLElement {
    return byRole(this.el, 'alert');
  }

  /** The error state's title (its first line). */
  get alertTitle(): string {
    return text(this.alert.querySelector('p'));
  }

  /** The error state's first issue. */
  get firstIssue(): string {
    return text(this.alert.querySelector('li'));
  }

  /** Every tile (part `tile`). */
  get tiles(): TileView[] {
    return allByPart(this.el, 'tile').map((t) => new TileView(t));
  }

  /** The tile for `measure` (fails naming the measure when there is none). */
  tile(measure: string): TileView {
    const found = $(this.el, `[part~="tile"][data-measure="${CSS.escape(measure)}"]`);
    if (!found) throw new Error(`No tile for ${measure} in the dashboard`);
    return new TileView(found);
  }

  /** The trends section (part `trends`), or null. */
  get trendsSection(): HTMLElement | null {
    return partOf(this.el, 'trends');
  }

  /** The note under the trends' heading ("Monthly trends are for all teams …"). */
  get trendsNote(): string {
    return text(this.trendsSection?.querySelector(':scope > p'));
  }

  /** Every measure's trend (part `trend`). */
  get trends(): HTMLElement[] {
    return allByPart(this.el, 'trend');
  }

  /** The trend for `measure`. */
  trend(measure: string): HTMLElement {
    const found = $(this.el, `[part~="trend"][data-measure="${CSS.escape(measure)}"]`);
    if (!found) throw new Error(`No trend for ${measure} in the dashboard`);
    return found;
  }

  /** A trend's chart (part `chart`), or null. */
  chart(measure: string): SVGSVGElement | null {
    return this.trend(measure).querySelector('[part~="chart"]');
  }

  /** Every chart shown (part `chart`). */
  get charts(): Element[] {
    return allByPart(this.el, 'chart');
  }

  /** Every trend table shown. */
  get tables(): HTMLTableElement[] {
    return this.trends.flatMap((t) => allByRoleIn<HTMLTableElement>(t, 'table'));
  }

  /** The button in `measure`'s trend table that opens the cases for `month` as shown ("March 2026"). */
  monthButton(measure: string, month: string): HTMLButtonElement {
    const row = [...this.trend(measure).querySelectorAll('tbody tr')].find(
      (r) => text(r.querySelector('th')) === month,
    );
    if (!row) throw new Error(`No row for ${month} in the ${measure} trend`);
    return byRoleIn<HTMLButtonElement>(row, 'button');
  }

  /** A filter by its label ("From", "To", "Team"). */
  filter(label: string): HTMLSelectElement {
    return byRole<HTMLSelectElement>(this.el, 'combobox', label);
  }

  /** What a control is described by (its hint, its error), as read. */
  descriptions(control: Element): string[] {
    const ids = control.getAttribute('aria-describedby')?.split(/\s+/).filter(Boolean) ?? [];
    return ids.map((id) => text(shadow(this.el).getElementById(id)));
  }

  /** The filter form (part `filters`), or null. */
  get filtersForm(): HTMLElement | null {
    return partOf(this.el, 'filters');
  }

  /** Whether the dashboard shows something settled: tiles, a note (nothing to measure) or an error. */
  get shows(): boolean {
    return this.tiles.length > 0 || this.alerts.length > 0 || this.notes.length > 0;
  }

  /** The rows of `measure`'s trend table. */
  trendRows(measure: string): HTMLTableRowElement[] {
    return [...this.trend(measure).querySelectorAll<HTMLTableRowElement>('tbody tr')];
  }

  /** Every filter labelled `label` (none when the dashboard offers no such filter). */
  filters(label: string): HTMLSelectElement[] {
    return allByRole<HTMLSelectElement>(this.el, 'combobox', label);
  }
}
