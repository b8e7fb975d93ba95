/**
 * Keeps the focused meeting in sight on the time axis: after an update that asked for
 * it, the axis is scrolled to centre the focus ring. The axis's width is measured by a
 * ResizeObserver after layout, so the update itself reads no layout.
 */
import type { ReactiveController } from 'lit';
import { SizeObserver } from './size-observer.js';
import type { VirtualListHost } from './virtual-list-controller.js';

export class AxisScrollController implements ReactiveController {
  #width: number | undefined;
  #pending = false;
  readonly #host: VirtualListHost;
  readonly #sizes = new SizeObserver((axis) => {
    this.#width = axis.clientWidth;
    // Asked before the axis was measured: scroll now, after layout.
    this.#scroll();
  });

  constructor(host: VirtualListHost) {
    (this.#host = host).addController(this);
  }

  /** Centre the focused meeting after the next update. */
  follow(): void {
    this.#pending = true;
  }

  hostUpdated(): void {
    this.#sizes.watch(this.#host.renderRoot.querySelector('.axis'));
    this.#scroll();
  }

  hostDisconnected(): void {
    this.#sizes.stop();
  }

  #scroll(): void {
    if (!this.#pending || this.#width === undefined) return;
    this.#pending = false;
    const root = this.#host.renderRoot;
    const axis = root.querySelector<HTMLElement>('.axis');
    const focus = root.querySelector<SVGCircleElement>('.m-focus');
    if (axis && focus) axis.scrollLeft = Math.max(0, Number(focus.getAttribute('cx')) - this.#width / 2);
  }
}
