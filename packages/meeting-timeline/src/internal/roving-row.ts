/**
 * The meeting list's roving tab stop: the one row that takes Tab (the others are reached with the
 * arrow keys), and focus moved to a row once it is in the rendered window and the axis follows it.
 * A controller apart from the element because the virtualised list, the axis and focus after render
 * all take part; the element keeps only the keyboard map that decides where focus goes.
 */
import type { Meeting } from '@odkit/core';
import type { AxisScrollController } from './axis-scroll-controller.js';
import type { FocusAfterRender } from './focus-after-render.js';
import type { VirtualListController, VirtualListHost } from './virtual-list-controller.js';

export class RovingRow {
  #id: string | undefined;
  readonly #host: VirtualListHost;
  readonly #list: VirtualListController;
  readonly #axis: AxisScrollController;
  readonly #focus: FocusAfterRender['next'];

  constructor(
    host: VirtualListHost,
    list: VirtualListController,
    axis: AxisScrollController,
    focus: FocusAfterRender['next'],
  ) {
    this.#host = host;
    this.#list = list;
    this.#axis = axis;
    this.#focus = focus;
  }

  /** The meeting whose row takes Tab (its circle on the axis has the focus ring). Setting it renders again. */
  get focusedId(): string | undefined {
    return this.#id;
  }
  set focusedId(id: string | undefined) {
    if (id === this.#id) return;
    this.#id = id;
    this.#host.requestUpdate();
  }

  /** Moves the roving focus to a meeting, bringing it into the rendered window first. */
  async focusRow(id: string, index?: number): Promise<void> {
    this.focusedId = id;
    this.#axis.follow();
    if (index !== undefined) this.#list.scrollTo(index);
    this.#focus(`meeting-${id}`);
    this.#host.requestUpdate();
    await this.#host.updateComplete;
  }

  /** Focus reached a row (by Tab or a click): it becomes the tab stop, and the axis follows. */
  rowFocused(event: FocusEvent): void {
    const id = (event.target as HTMLElement).closest('li')?.dataset.id;
    if (id && id !== this.#id) {
      this.focusedId = id;
      this.#axis.follow();
    }
  }

  /** The list scrolled: the window follows it, and the tab stop stays on a row still rendered. */
  followScroll(event: Event, shown: readonly Meeting[]): void {
    const next = this.#list.followScroll(
      event,
      shown.findIndex((m) => m.id === this.#id),
      shown.length,
    );
    if (next === undefined) return;
    // Focus on a row about to scroll out of the rendered window moves to a row still in it.
    const root = this.#host.renderRoot;
    const active = root instanceof ShadowRoot ? root.activeElement : null;
    this.focusedId = shown[next]!.id;
    if (active?.matches('button.meeting')) this.#focus(`meeting-${this.#id}`);
  }
}
