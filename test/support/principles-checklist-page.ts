/**
 * <od-principles-checklist> as a person reads it: groups and items by their public parts (`group`, `item`), the
 * progress line, the actions, the scores, trend and compare tables by part, errors by role and by the words a
 * screen reader reads first ("Error:"), so the checklist's tests do not depend on its classes.
 */
import { allByPart, allByRoleIn, linesStartingWith, partOf, byRoleIn, shadow, text } from './dom.js';

export class PrinciplesChecklistPage {
  constructor(readonly el: Element) {}

  #part(name: string): HTMLElement {
    const found = partOf(this.el, name);
    if (!found) throw new Error(`No ${name} part in <${this.el.localName}>`);
    return found;
  }

  /** The header (part `header`). */
  get header(): HTMLElement {
    return this.#part('header');
  }

  /** The instrument's title: the header's heading. */
  get title(): string {
    return text(byRoleIn(this.header, 'heading'));
  }

  /** "3 of 7 items rated" (part `progress`). */
  get progress(): string {
    return text(partOf(this.el, 'progress'));
  }

  /** The groups of items (part `group`). */
  get groups(): HTMLElement[] {
    return allByPart(this.el, 'group');
  }

  /** A group's title (its heading). */
  groupTitle(group: Element): string {
    return text(allByRoleIn(group, 'heading')[0]);
  }

  /** Every item (part `item`): its ratings' fieldset and comment while editable, a block of text once complete. */
  get items(): HTMLElement[] {
    return allByPart(this.el, 'item');
  }

  /** Items inside `group`. */
  itemsIn(group: Element): HTMLElement[] {
    return [...group.querySelectorAll<HTMLElement>('[part~="item"]')];
  }

  /** An editable item's group of ratings: the fieldset (legend, hint, error, radios), without the comment. */
  ratingGroup(item: Element): HTMLFieldSetElement {
    return byRoleIn<HTMLFieldSetElement>(item, 'group');
  }

  /** An editable item's title (its fieldset's legend, which names the group of radios). */
  itemTitle(item: Element): string {
    return text(item.querySelector('legend'));
  }

  /** A completed item's answer: the line under its heading. */
  answer(item: Element): string {
    return text(byRoleIn(item, 'heading').nextElementSibling);
  }

  /** The field errors shown, as read ("Error: Select a rating for …"). */
  get fieldErrors(): string[] {
    return linesStartingWith(this.el, 'Error:').map(text);
  }

  /** The error summary (part `error-summary`), or null. */
  get errorSummary(): HTMLElement | null {
    return partOf(this.el, 'error-summary');
  }

  /** The error summary's entries, as read. */
  get errorSummaryEntries(): string[] {
    return [...(this.errorSummary?.querySelectorAll('li') ?? [])].map(text);
  }

  /** The rater's name field (the about part's one text field). */
  get raterName(): HTMLInputElement {
    return byRoleIn<HTMLInputElement>(this.#part('about'), 'textbox');
  }

  /** The radio answering `question` (a group's legend, e.g. "Rater’s role") with `answer` (its label). */
  choice(question: string, answer: string): HTMLInputElement {
    const group = allByRoleIn(shadow(this.el), 'group').find((g) => text(g.querySelector('legend')) === question);
    if (!group) throw new Error(`No question "${question}" in <${this.el.localName}>`);
    return byRoleIn<HTMLInputElement>(group, 'radio', answer);
  }

  /** The comment box of the item `itemId` (the item whose ratings are named after it). */
  comment(itemId: string): HTMLTextAreaElement {
    return byRoleIn<HTMLTextAreaElement>(this.item(itemId), 'textbox');
  }

  /** The editable item `itemId` (the item whose ratings are named after it). */
  item(itemId: string): HTMLElement {
    const item = this.items.find((i) => i.querySelector(`input[name="item-${CSS.escape(itemId)}"]`));
    if (!item) throw new Error(`No editable item ${itemId} in <${this.el.localName}>`);
    return item;
  }

  /**
   * What someone else saved, shown beside the person's own where both changed it (part `theirs`): every one, or
   * those of one item (its rating's first, then its comment's).
   */
  theirs(itemId?: string): HTMLElement[] {
    if (itemId === undefined) return allByPart(this.el, 'theirs');
    return [...this.item(itemId).querySelectorAll<HTMLElement>('[part~="theirs"]')];
  }

  /** The box saying someone else changed the assessment while it was being edited (part `changed-underneath`). */
  get changedUnderneath(): HTMLElement | null {
    return partOf(this.el, 'changed-underneath');
  }

  /** What the checklist last announced about a change saved elsewhere (its status line for that). */
  get changedAnnouncement(): string {
    return text(partOf(this.el, 'changed-status'));
  }

  /** The actions (part `actions`): complete, or reopen once complete. */
  get actionButton(): HTMLButtonElement {
    return byRoleIn<HTMLButtonElement>(this.#part('actions'), 'button');
  }

  /** What the actions say about saving ("Saved as you go. Last saved 10:42."). */
  get saveStatus(): string {
    return text(this.#part('actions').querySelector('p'));
  }

  /** The draft status line (part `draft-status`, a polite live region): when only this device has the draft. */
  get draftStatus(): string {
    return text(this.#part('draft-status'));
  }

  /** The draft status line itself, to check its role. */
  get draftStatusLine(): HTMLElement {
    return this.#part('draft-status');
  }

  /** The line that says a completed assessment is read-only. */
  get completedNotice(): string {
    return text(linesStartingWith(this.el, 'Completed on ')[0]);
  }

  /** The scores table's body and total rows (part `summary`), cell by cell. */
  get scoreRows(): string[][] {
    return [...this.#part('summary').querySelectorAll('tbody tr, tfoot tr')].map((tr) => [...tr.children].map(text));
  }

  /** The trend (part `trend`). */
  get trend(): HTMLElement {
    return this.#part('trend');
  }

  /** The trend table's rows. */
  get trendRows(): HTMLTableRowElement[] {
    return [...this.trend.querySelectorAll<HTMLTableRowElement>('tbody tr')];
  }

  /** The trend chart (part `trend-chart`). */
  get trendChart(): SVGSVGElement {
    return this.#part('trend-chart') as unknown as SVGSVGElement;
  }

  /** The chart's points, one per meeting with a score. */
  get trendPoints(): SVGCircleElement[] {
    return [...this.trendChart.querySelectorAll('circle')];
  }

  /** The chart's line through the points, or null. */
  get trendLine(): SVGPolylineElement | null {
    return this.trendChart.querySelector('polyline');
  }

  /** The chart's dates along the x axis (its labels that are not percentages). */
  get trendDates(): SVGTextElement[] {
    return [...this.trendChart.querySelectorAll('text')].filter((t) => !text(t).endsWith('%'));
  }

  /** The inter-rater comparison (part `compare`). */
  get compare(): HTMLElement {
    return this.#part('compare');
  }

  /** The comparison's item rows. */
  get compareRows(): HTMLTableRowElement[] {
    return [...this.compare.querySelectorAll<HTMLTableRowElement>('tbody tr')];
  }

  /** Rows whose last cell says the raters differ ("Differs (1)"). */
  get differingRows(): HTMLTableRowElement[] {
    return this.compareRows.filter((r) => text(r.lastElementChild).startsWith('Differs'));
  }

  /** The comparison's column headings. */
  get compareColumns(): string[] {
    return [...this.compare.querySelectorAll('thead th')].map(text);
  }

  /** The comparison's summary line ("The raters agree on 7 of 12 items."). */
  get compareSummary(): string {
    return text(this.compare.querySelector(':scope > p'));
  }
}
