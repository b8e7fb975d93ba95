/**
 * Keeps the focused meeting in sight on the time axis: after an update that asked for
 * it, the axis is scrolled to centre the focus ring. The axis's width is read when the
 * scroll is asked for (in an event handler), so the update itself reads no layout.
 */
import type { ReactiveController } from 'lit';
import type { VirtualListHost } from './virtual-list-controller.js';

export class AxisScrollController implements ReactiveController {
  /** The axis's width when the scroll was asked for; undefined when none is pending. */
  #width: number | undefined;
  readonly #host: VirtualListHost;

  constructor(host: VirtualListHost) {
    (this.#host = host).addController(this);
  }

  /** Centre the focused meeting after the next update. */
  follow(): void {
    this.#width = this.#host.renderRoot.querySelector('.axis')?.clientWidth ?? 0;
  }

  hostUpdated(): void {
    if (this.#width === undefined) return;
    const root = this.#host.renderRoot;
    const axis = root.querySelector<HTMLElement>('.axis');
    const focus = root.querySelector<SVGCircleElement>('.m-focus');
    if (axis && focus) axis.scrollLeft = Math.max(0, Number(focus.getAttribute('cx')) - this.#width / 2);
    this.#width = undefined;
  }
}
