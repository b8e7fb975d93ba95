/**
 * A page object for `<od-meeting-timeline>`: what a person finds on it, by role and accessible
 * name, by visible text, or by the widget's public parts (documented in the manifest).
 *
 * A meeting is found by its record id through the `data-id` its list row carries (a meeting's
 * accessible name is its whole summary line, too long to write in a test); the summary's
 * figures through their `data-metric` / `data-mode`. No CSS class of the widget is used here.
 */
import type { OdMeetingTimeline } from '@odkit/meeting-timeline';
import { errorId } from '@odkit/elements';
import {
  allByPart,
  allByRoleIn,
  byPart,
  byRole,
  byRoleIn,
  fieldIn,
  labelElementOf,
  nameOf,
  partOf,
  shadow,
  text,
  until,
} from './dom.js';

export class TimelinePage {
  constructor(readonly el: OdMeetingTimeline) {}

  /* ---------------------------------------------------------------- header and toolbar */

  /** The header (part `header`): the title, first contact and the badge. */
  get header(): HTMLElement {
    return byPart(this.el, 'header');
  }

  /** The timeline's title heading ("Network meetings: <name>"). */
  title(): HTMLElement {
    return byRoleIn(this.header, 'heading');
  }

  /** First contact's `<time>` in the header. */
  firstContact(): HTMLTimeElement {
    return this.header.querySelector('time')!;
  }

  /** The line in the header that says when first contact was. */
  firstContactLine(): HTMLElement {
    return this.firstContact().parentElement!;
  }

  /** The time-to-first-meeting badge (part `badge`). */
  badge(): HTMLElement {
    return byPart(this.el, 'badge');
  }

  /** A button in the toolbar (part `toolbar`) by its accessible name. */
  toolbarButton(name: string | RegExp): HTMLButtonElement {
    return byRoleIn<HTMLButtonElement>(byPart(this.el, 'toolbar'), 'button', name);
  }

  /** What the timeline last announced (its one status line). */
  announcement(): string {
    return text(byRole(this.el, 'status'));
  }

  /** The error state (part `error`), or null. */
  errorState(): HTMLElement | null {
    return partOf(this.el, 'error');
  }

  /* ---------------------------------------------------------------- axis and list */

  /** The visual time axis (part `axis`, aria-hidden). */
  get axis(): HTMLElement {
    return byPart(this.el, 'axis');
  }

  /** The axis picture's width in px. */
  axisWidth(): number {
    return Number(this.axis.querySelector('svg')!.getAttribute('width'));
  }

  /** The axis's date labels (its only text). */
  axisLabels(): SVGTextElement[] {
    return [...this.axis.querySelectorAll<SVGTextElement>('text')];
  }

  /** The list of meetings (part `list`), or null (an empty episode, or the matrix view). */
  list(): HTMLOListElement | null {
    return partOf<HTMLOListElement>(this.el, 'list');
  }

  /** The list's rows as rendered (a long list renders only those in view). */
  rows(): HTMLLIElement[] {
    return [...(this.list()?.children ?? [])].filter((c): c is HTMLLIElement => c.localName === 'li');
  }

  /** The record ids of the rows rendered, in order. */
  rowIds(): string[] {
    return this.rows().map((li) => li.dataset.id!);
  }

  /** A meeting's row by its record id. */
  row(id: string): HTMLLIElement {
    const row = this.rows().find((li) => li.dataset.id === id);
    if (!row) throw new Error(`No row for meeting ${id} is rendered`);
    return row;
  }

  /** A meeting's button (part `meeting`) by its record id. */
  meeting(id: string): HTMLButtonElement {
    return this.row(id).querySelector<HTMLButtonElement>('[part~="meeting"]')!;
  }

  /** Every meeting button rendered (part `meeting`). */
  meetings(): HTMLButtonElement[] {
    return allByPart<HTMLButtonElement>(this.el, 'meeting');
  }

  /** The `<time>` of each rendered meeting, in order. */
  times(): HTMLTimeElement[] {
    return this.meetings().map((b) => b.querySelector('time')!);
  }

  /** Opens a meeting's details with a click on its button. */
  async open(id: string): Promise<void> {
    this.meeting(id).click();
    await this.el.updateComplete;
  }

  /* ---------------------------------------------------------------- details and forms */

  /** The side panel (part `details`): a meeting's details or a form; null when closed. */
  detailsOrNull(): HTMLElement | null {
    return partOf(this.el, 'details');
  }

  get details(): HTMLElement {
    return byPart(this.el, 'details');
  }

  /** The heading that names the side panel. */
  detailsHeading(): HTMLElement {
    return labelElementOf(this.details)!;
  }

  /** The side panel's title (its accessible name). */
  detailsTitle(): string {
    return nameOf(this.details);
  }

  /** The one button in the side panel with this name. */
  detailsButton(name: string | RegExp): HTMLButtonElement {
    return byRoleIn<HTMLButtonElement>(this.details, 'button', name);
  }

  /** Each term and its description in the details (`<dl>`), as text. */
  facts(): Map<string, string> {
    const facts = new Map<string, string>();
    for (const dt of this.details.querySelectorAll('dt')) facts.set(text(dt), text(dt.nextElementSibling));
    return facts;
  }

  /** "Changed by … on …" lines (part `changed-by`) in the side panel. */
  changedBy(): HTMLElement[] {
    return allByPart(this.el, 'changed-by').filter((l) => this.detailsOrNull()?.contains(l));
  }

  /** The form open in the side panel, or null. */
  formOrNull(): HTMLFormElement | null {
    return this.detailsOrNull()?.querySelector('form') ?? null;
  }

  /**
   * Waits until a form is open in the side panel, then for the render: the forms' modules may still be on their way
   * when it is asked for (slowly on a busy machine, past the render's 3 s wait for them); it opens when they are here.
   */
  async formOpened(): Promise<void> {
    await until(() => this.formOrNull() !== null, 'a form open in the side panel');
    await this.el.updateComplete;
  }

  /** The form's submit button. */
  submitButton(): HTMLButtonElement {
    const form = this.formOrNull();
    const found = form ? allByRoleIn<HTMLButtonElement>(form, 'button').filter((b) => b.type === 'submit') : [];
    if (found.length !== 1) throw new Error(`Expected one submit button in an open form, found ${found.length}`);
    return found[0]!;
  }

  /** A form control anywhere in the widget (text box, select, radio or checkbox) by its label. */
  field<E extends HTMLElement = HTMLInputElement>(label: string): E {
    return fieldIn<E>(shadow(this.el), label);
  }

  /**
   * A date input (GOV.UK's day, month and year fields) by its legend: the group and its three fields,
   * each found by its label inside the group (`labels` in the widget's language; English by default).
   */
  dateInput(
    legend: string,
    labels = { day: 'Day', month: 'Month', year: 'Year' },
  ): {
    group: HTMLFieldSetElement;
    day: HTMLInputElement;
    month: HTMLInputElement;
    year: HTMLInputElement;
  } {
    const group = byRoleIn<HTMLFieldSetElement>(shadow(this.el), 'group', legend);
    return {
      group,
      day: fieldIn(group, labels.day),
      month: fieldIn(group, labels.month),
      year: fieldIn(group, labels.year),
    };
  }

  /** The error message shown at a field (the form kit's `errorId`), or null. */
  fieldError(control: Element): HTMLElement | null {
    return shadow(this.el).getElementById(errorId(control.id));
  }

  /** A form's error summary (part `error-summary`), or null. */
  errorSummary(): HTMLElement | null {
    return partOf(this.el, 'error-summary');
  }

  /* ---------------------------------------------------------------- matrix and summary */

  /** The attendance table (inside part `matrix`). */
  matrixTable(): HTMLTableElement {
    return byPart(this.el, 'matrix').querySelector('table')!;
  }

  /**
   * The ids of the meetings highlighted for the member another widget selected, and the matrix rows
   * highlighted. The highlight is told in text too (tests read that); its mark is a class, read only here.
   */
  highlightedIds(): string[] {
    return this.rowIds().filter((id) => this.row(id).classList.contains('row--linked'));
  }

  highlightedMatrixRows(): HTMLTableRowElement[] {
    return [...this.matrixTable().rows].filter((r) => r.classList.contains('linked'));
  }

  /** A figure in the measures panel (part `summary`) by its key. */
  metric(key: string): string {
    return text(byPart(this.el, 'summary').querySelector(`[data-metric="${CSS.escape(key)}"]`));
  }

  /** The place-mix line for one meeting mode in the measures panel. */
  placeMix(mode: string): string {
    return text(byPart(this.el, 'summary').querySelector(`[data-mode="${CSS.escape(mode)}"]`));
  }
}

export const timelinePage = (el: OdMeetingTimeline): TimelinePage => new TimelinePage(el);
