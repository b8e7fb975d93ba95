/**
 * The virtualised list's window: which rows to render for the scroll position, the
 * space for the rows not rendered, row and viewport heights (measured by a
 * ResizeController after layout, never read during an update), overscan, and scrolling
 * a row into view for focus. Apart from the element so the list view stays a pure function.
 * (@lit-labs/virtualizer would do this for about 8 kB gzip more; see docs/meeting-timeline.md.)
 */
import { isServer, type ReactiveController, type ReactiveControllerHost } from 'lit';

/** The rows of the list to render: all of them, or a window of a virtualised list. */
export interface ListWindow {
  readonly virtual: boolean;
  readonly first: number;
  readonly last: number;
}

export type VirtualListHost = ReactiveControllerHost &
  HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export class VirtualListController implements ReactiveController {
  /** Row and viewport heights: estimates until measured. */
  #rowHeight = 76;
  #viewportHeight = 512;
  #start = 0;
  #total = 0;
  readonly #host: VirtualListHost;
  /** Measures the viewport and its rows after layout (never during an update); nothing on the server. */
  readonly #sizes = isServer
    ? undefined
    : new ResizeObserver((entries) => this.#measure(entries[0]!.target as HTMLElement));
  #observed: Element | undefined;
  /** While printing, every row is rendered: paper has no scrolling. */
  #printing = false;
  readonly #printQuery = isServer ? undefined : matchMedia('print');

  /** `overscan`: rows rendered beyond the visible ones, above and below. */
  constructor(
    host: VirtualListHost,
    readonly overscan = 4,
  ) {
    (this.#host = host).addController(this);
  }

  /** The first row in view. */
  get start(): number {
    return this.#start;
  }
  set start(value: number) {
    if (value === this.#start) return;
    this.#start = value;
    this.#host.requestUpdate();
  }

  /** Rows a PageUp or PageDown moves by: a viewful, less one for context. */
  get page(): number {
    return Math.max(1, Math.floor(this.#viewportHeight / this.#rowHeight) - 1);
  }

  get #perView(): number {
    return Math.ceil(this.#viewportHeight / this.#rowHeight);
  }

  /** The rows to render out of `total`: all of them unless `virtual`. */
  window(total: number, virtual: boolean): ListWindow {
    this.#total = total;
    if (!virtual || this.#printing) return { virtual, first: 0, last: total };
    return {
      virtual,
      first: Math.max(0, Math.min(this.#start, total - 1) - this.overscan),
      last: Math.min(total, this.#start + this.#perView + this.overscan),
    };
  }

  /** Whether row `index` is in the rendered window. */
  rendered(index: number): boolean {
    return index >= this.#start - this.overscan && index < this.#start + this.#perView + this.overscan;
  }

  /** Follows a scroll of the viewport; the new first row when it moved. */
  scrolled(event: Event): number | undefined {
    const start = Math.floor((event.currentTarget as HTMLElement).scrollTop / this.#rowHeight);
    if (start === this.#start) return undefined;
    this.start = start;
    return start;
  }

  /**
   * Follows a scroll of the viewport (as `scrolled`). When the row holding the roving focus (`focused`, an index of
   * `total`, or -1) left the rendered window, the row to move it to (the window's first); else undefined.
   */
  followScroll(event: Event, focused: number, total: number): number | undefined {
    const start = this.scrolled(event);
    if (start === undefined || focused < 0 || this.rendered(focused)) return undefined;
    return Math.min(total - 1, start);
  }

  /** Scrolls row `index` into view (from an event, not an update) and moves the window to it. */
  scrollTo(index: number): void {
    const viewport = this.#viewport();
    if (!viewport) return;
    const rowTop = index * this.#rowHeight;
    const rowHeight = this.#rowHeight;
    if (rowTop < viewport.scrollTop || rowTop + rowHeight > viewport.scrollTop + viewport.clientHeight) {
      viewport.scrollTop = Math.max(0, rowTop - (rowTop < viewport.scrollTop ? 0 : viewport.clientHeight - rowHeight));
    }
    this.start = Math.floor(viewport.scrollTop / rowHeight);
  }

  /** Back to the top: the window and the scroll position. */
  rewind(): void {
    this.start = 0;
    const viewport = this.#viewport();
    if (viewport) viewport.scrollTop = 0;
  }

  hostUpdated(): void {
    const viewport = this.#viewport();
    const list = viewport?.querySelector<HTMLElement>('.list');
    if (!viewport || !list) return;
    if (this.#observed !== viewport) {
      this.#sizes?.disconnect();
      this.#sizes?.observe(viewport);
      this.#observed = viewport;
    }
    // Space for the rows not rendered, above and below, set through the CSSOM (no style attributes: strict CSP).
    const first = Number(viewport.dataset.first);
    const last = Number(viewport.dataset.last);
    list.style.setProperty('padding-block-start', `${first * this.#rowHeight}px`);
    list.style.setProperty('padding-block-end', `${Math.max(0, this.#total - last) * this.#rowHeight}px`);
  }

  hostConnected(): void {
    // A server render (Lit SSR) connects widgets too, with no window to listen on.
    if (isServer) return;
    this.#printQuery?.addEventListener('change', this.#onPrintChange);
    addEventListener('beforeprint', this.#onPrintChange);
    addEventListener('afterprint', this.#onPrintChange);
  }

  hostDisconnected(): void {
    this.#sizes?.disconnect();
    this.#observed = undefined;
    if (isServer) return;
    this.#printQuery?.removeEventListener('change', this.#onPrintChange);
    removeEventListener('beforeprint', this.#onPrintChange);
    removeEventListener('afterprint', this.#onPrintChange);
  }

  /**
   * Printing starts or ends (the print media query, or the window's print events). The page is
   * laid out for paper as soon as `beforeprint` returns, so the rows are rendered at once, not
   * in the next microtask.
   */
  #onPrintChange = (event: Event): void => {
    const printing = event.type === 'beforeprint' || (event.type !== 'afterprint' && this.#printQuery!.matches);
    if (printing === this.#printing) return;
    this.#printing = printing;
    this.#host.requestUpdate();
    // performUpdate is protected on ReactiveElement; calling it here is Lit's documented way to update synchronously.
    (this.#host as unknown as { performUpdate?: () => void }).performUpdate?.();
  };

  #viewport(): HTMLElement | null {
    return this.#host.renderRoot.querySelector<HTMLElement>('.viewport');
  }

  /** After layout (a ResizeObserver callback), so reading sizes forces nothing. */
  #measure(viewport: HTMLElement): void {
    // Paper sizes are not the screen's: keep the screen's measurements for after printing.
    if (this.#printing || this.#printQuery?.matches) return;
    const row = viewport.querySelector<HTMLElement>('li');
    if (!row) return;
    const rowHeight = row.offsetHeight;
    const viewportHeight = viewport.clientHeight;
    if (rowHeight && viewportHeight && (rowHeight !== this.#rowHeight || viewportHeight !== this.#viewportHeight)) {
      this.#rowHeight = rowHeight;
      this.#viewportHeight = viewportHeight;
      this.#host.requestUpdate();
    }
  }
}
