/**
 * The sync status line and review panel every kit widget shows with a syncing store, found as a person finds them:
 * by the widget's public parts (`sync-status`, `sync-review`, `changed-by`), by role and by accessible name. Tests
 * of any widget use it, so none depends on the view's internal classes.
 */
import { allByRoleIn, partOf, byRoleIn, shadow, text } from './dom.js';

export class SyncStatusPage {
  constructor(readonly widget: Element) {}

  /** The status line (part `sync-status`), or null when the store does not sync. */
  get line(): HTMLElement | null {
    return partOf(this.widget, 'sync-status');
  }

  /** The line's first paragraph: what is saved where (focus goes here when there is nothing left to review). */
  get messageElement(): HTMLElement | null {
    return this.line?.querySelector('p') ?? null;
  }

  /** The status message as read. */
  get message(): string {
    return text(this.messageElement);
  }

  /** The icon beside the message. */
  get icon(): Element | null {
    return this.messageElement?.previousElementSibling ?? null;
  }

  /** The lines under the message (when last saved; edits that could not be read back), as read. */
  get notes(): string[] {
    return [...(this.line?.querySelectorAll('p') ?? [])].slice(1).map(text);
  }

  /** The "Review changes" button (the line's one button), or null when nothing needs a decision. */
  get reviewButton(): HTMLButtonElement | null {
    return this.line ? (allByRoleIn<HTMLButtonElement>(this.line, 'button')[0] ?? null) : null;
  }

  /** The review panel (part `sync-review`), or null when it is closed. */
  get panel(): HTMLElement | null {
    return partOf(this.widget, 'sync-review');
  }

  /** The panel's title: the element that names the panel. */
  get title(): HTMLElement | null {
    const id = this.panel?.getAttribute('aria-labelledby');
    return id ? shadow(this.widget).getElementById(id) : null;
  }

  /** The panel's polite live region: what happened to the last decision. */
  get announcement(): HTMLElement {
    return byRoleIn(this.#openPanel(), 'status');
  }

  /** The panel's alert (a decision that failed), or null. */
  get alert(): HTMLElement | null {
    return allByRoleIn(this.#openPanel(), 'alert')[0] ?? null;
  }

  /** A button in the panel by accessible name (e.g. "Close"). */
  button(name: string | RegExp): HTMLButtonElement {
    return byRoleIn<HTMLButtonElement>(this.#openPanel(), 'button', name);
  }

  /** One region per change that needs a decision, in order (each named by its heading). */
  get conflicts(): HTMLElement[] {
    const panel = this.panel;
    if (!panel) return [];
    return allByRoleIn(panel, 'region').filter((region) => allByRoleIn(region, 'heading').length === 1);
  }

  /** A conflict's heading: what changed ("Jo Bloggs, network member"). */
  heading(conflict: Element): HTMLElement {
    return byRoleIn(conflict, 'heading');
  }

  /** A conflict's two decisions, in order: keep mine, keep the record's (named with the conflict's subject). */
  decisions(conflict: Element): { mine: HTMLButtonElement; theirs: HTMLButtonElement } {
    const buttons = allByRoleIn<HTMLButtonElement>(conflict, 'button');
    if (buttons.length !== 2) throw new Error(`Expected the two decisions in a conflict, found ${buttons.length}`);
    return { mine: buttons[0]!, theirs: buttons[1]! };
  }

  /** Every decision button in the panel. */
  get allDecisions(): HTMLButtonElement[] {
    return this.conflicts.flatMap((c) => Object.values(this.decisions(c)));
  }

  /** "Changed by … on …" (part `changed-by`), or null. */
  get changedBy(): HTMLElement | null {
    return partOf(this.widget, 'changed-by');
  }

  #openPanel(): HTMLElement {
    const panel = this.panel;
    if (!panel) throw new Error(`The review panel of <${this.widget.localName}> is not open`);
    return panel;
  }
}
