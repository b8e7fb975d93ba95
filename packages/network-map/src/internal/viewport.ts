/**
 * The map's viewport: zoom, pan, resize, wheel, pointer, pinch and drag. Apart from the element
 * because it is behaviour with its own state, and the one place that measures layout. Nothing is
 * measured in render or after it: a new SVG is measured by the resize observer's first report (due
 * before it is painted, so the cold path forces no layout), then by each report, which comes for
 * every change of size before that change is painted. Only without a report to go by (no
 * ResizeObserver, none yet, or a hidden page, which gets none) is the SVG's size read, once after
 * each update.
 * Until the first report the picture is drawn empty (`awaitingSize`), so its names are placed once,
 * for the size they are shown at, not first for a guess.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { NODE_R, PERSON_R, round, type Layout, type Point } from './layout.js';
import { extentOf } from './map-view.js';
import { PERSON_KEY } from './nodes.js';

/** Pan and zoom: `k` the zoom factor, `x`/`y` the pan in map units. */
export interface ViewBox {
  k: number;
  x: number;
  y: number;
}

/** A member being dragged, and where to (in map units). */
export interface Dragging {
  readonly id: string;
  readonly at: Point;
}

export const ZOOM_STEP = 1.25;
export const PAN_STEP = 40;
const MIN_ZOOM = 0.25;
const MAX_ZOOM = 6;

export interface ViewportOptions {
  /** May this member (by key) be dragged? Other members are only clicked; the empty map pans. */
  canDrag(key: string): boolean;
  /** A member was dropped at a point (map units). */
  drop(id: string, at: Point): void;
}

type Gesture = {
  kind: 'pan' | 'node' | 'pinch';
  id?: string;
  start: Point;
  origin: ViewBox;
  moved: boolean;
  distance?: number;
};

const mid = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

export class ViewportController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement & { readonly renderRoot: ParentNode };
  readonly #options: ViewportOptions;
  readonly #resize =
    typeof ResizeObserver === 'undefined'
      ? undefined
      : new ResizeObserver((entries) => {
          const entry = entries.at(-1);
          const box = entry?.contentRect;
          // The content box is the client box here (the SVG has no padding or border).
          if (box) this.#resized({ width: Math.round(box.width), height: Math.round(box.height) }, true);
          // Computed style is clean when observers report: reading the font family forces no layout.
          if (entry && !this.#font) this.#font = getComputedStyle(entry.target).fontFamily;
          this.#applyZoom();
          this.#syncHitTargets();
          // After this frame has painted: what a host does once the picture is drawn (awaiting `updateComplete`) then
          // runs outside the frame's resize observations, where a change of layout would leave some undelivered.
          if (this.#measured) setTimeout(() => this.#settle());
        });
  #zoom: ViewBox = { k: 1, x: 0, y: 0 };
  #dragging: Dragging | undefined;
  /** The SVG's size in CSS pixels, from the resize observer (undefined until it has reported). */
  #size: { width: number; height: number } | undefined;
  #observed: SVGSVGElement | undefined;
  #font: string | undefined;
  /** Set when a first report did not come in time (a page hidden meanwhile draws no frames, so reports nothing). */
  #unmeasured = false;
  /** While an SVG waits for its first size: settles once it has it, or it is known not to be coming. */
  #measured: Promise<void> | undefined;
  #resolveMeasured: (() => void) | undefined;
  /** The size the picture was last drawn for. */
  #drawn: { width: number; height: number } | undefined;
  #hitTimer: ReturnType<typeof setTimeout> | undefined;
  #pointers = new Map<number, Point>();
  #gesture: Gesture | undefined;

  constructor(
    host: ReactiveControllerHost & HTMLElement & { readonly renderRoot: ParentNode },
    options: ViewportOptions,
  ) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /**
   * The picture's size in CSS px, once measured (the resize observer's first report comes before the first paint).
   * The map sizes its viewBox and its text from it, so it re-renders when the size changes.
   */
  get size(): { readonly width: number; readonly height: number } | undefined {
    this.#drawn = this.#size;
    return this.#size;
  }

  /** The font family the picture's text is drawn in (for measuring names), once measured. */
  get font(): string | undefined {
    return this.#font;
  }

  /**
   * Whether the picture's first size is still to come (the resize observer's first report, due before the first
   * paint): the map draws an empty picture until then, then draws it once, for that size. Never on a server, nor on a
   * hidden page (it draws no frames, so no report comes until it is shown: the picture is drawn at once without it).
   */
  get awaitingSize(): boolean {
    return this.#resize !== undefined && !this.#size && !this.#unmeasured && document.visibilityState !== 'hidden';
  }

  /** While a drawn SVG waits for its first size: settles once it has it (its update asked for), or never will. */
  get firstSize(): Promise<void> | undefined {
    return this.#measured;
  }

  #settle(): void {
    this.#resolveMeasured?.();
    this.#measured = this.#resolveMeasured = undefined;
  }

  /**
   * No first report in time (a page hidden meanwhile draws no frames; an SVG not shown is reported as 0×0): the
   * picture is drawn without its size then, as on a server, and again once a report comes. Asked after the next frame
   * (whose resize observations come after its animation frame callbacks) and, for a page that draws none, after a
   * second.
   */
  #awaitReport(): void {
    const measured = new Promise<void>((resolve) => (this.#resolveMeasured = resolve));
    this.#measured = measured;
    const missed = () => {
      // Not for a wait already over (the map was removed meanwhile: it waits afresh once back).
      if (this.#measured !== measured) return;
      if (this.awaitingSize) {
        this.#unmeasured = true;
        this.#host.requestUpdate();
      }
      this.#settle();
    };
    requestAnimationFrame(() => setTimeout(missed));
    setTimeout(missed, 1000);
  }

  /** A new size: the picture re-renders for it when it differs from the one last drawn (by more than a pixel). */
  #resized(size: { width: number; height: number }, reported: boolean): void {
    this.#size = size;
    const drawn = this.#drawn;
    if (drawn && Math.abs(drawn.width - size.width) <= 1 && Math.abs(drawn.height - size.height) <= 1) return;
    // Read, not reported (after an update, or for a pointer event): re-render once any update is done, not inside it.
    if (reported) this.#host.requestUpdate();
    else void this.#host.updateComplete.then(() => this.#host.requestUpdate());
  }

  /** The member being dragged (drawn where the pointer is), if any. */
  get dragging(): Dragging | undefined {
    return this.#dragging;
  }

  #setDragging(value: Dragging | undefined): void {
    if (value === this.#dragging) return;
    this.#dragging = value;
    this.#host.requestUpdate();
  }

  /**
   * Pan and zoom, in map units. Applied as a CSS transform on the SVG (through the
   * CSSOM, which a strict CSP allows), so panning and zooming repaint nothing: the
   * browser moves the already painted picture.
   */
  get zoom(): ViewBox {
    return this.#zoom;
  }

  set zoom(value: ViewBox) {
    const zoomed = value.k !== this.#zoom.k;
    this.#zoom = value;
    this.#applyZoom();
    if (zoomed) {
      clearTimeout(this.#hitTimer);
      this.#hitTimer = setTimeout(() => {
        this.#hitTimer = undefined;
        this.#syncHitTargets();
      }, 150);
    }
  }

  zoomBy(factor: number, around: Point = { x: 0, y: 0 }): void {
    const { k, x, y } = this.zoom;
    const next = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k * factor));
    const f = next / k;
    // Keep the point under `around` (in viewBox units) where it is.
    this.zoom = { k: next, x: around.x - (around.x - x) * f, y: around.y - (around.y - y) * f };
  }

  readonly reset = (): void => {
    this.zoom = { k: 1, x: 0, y: 0 };
  };

  /** Pans one step against an arrow's direction (the picture moves, as with a drag). */
  panBy(arrow: Point): void {
    this.zoom = { ...this.zoom, x: this.zoom.x - arrow.x * PAN_STEP, y: this.zoom.y - arrow.y * PAN_STEP };
  }

  /**
   * Pans so a node (by key) is not outside the visible area, so focus is never hidden: the map reaches `extentOf` its
   * layout from centre to edge, or less where the picture shows less of it (a narrow map is shown at a scale that
   * keeps targets apart, wider than it).
   */
  keepInView(layout: Layout, key: string): void {
    const p = key === PERSON_KEY ? { x: 0, y: 0 } : layout.positions.get(key);
    if (!p) return;
    const extent = extentOf(layout);
    const { k, x, y } = this.zoom;
    const margin = (NODE_R + 12) * k;
    const svgEl = this.#svg();
    const s = svgEl ? this.#scale(svgEl) : 1;
    const ex = this.#size ? Math.min(extent, this.#size.width / 2 / s) : extent;
    const ey = this.#size ? Math.min(extent, this.#size.height / 2 / s) : extent;
    if (Math.abs(p.x * k + x) + margin > ex || Math.abs(p.y * k + y) + margin > ey)
      this.zoom = { k, x: -p.x * k, y: -p.y * k };
  }

  hostUpdated(): void {
    const svgEl = this.#svg() ?? undefined;
    if (svgEl !== this.#observed) {
      // A new SVG (first paint, or back from the table): the observer's first report, due before
      // it is painted, measures it; reading its size now would force a layout on the cold path.
      if (this.#observed) this.#resize?.unobserve(this.#observed);
      this.#observed = svgEl;
      if (svgEl) this.#resize?.observe(svgEl);
      if (svgEl && this.awaitingSize && !this.#measured) this.#awaitReport();
    } else if (svgEl && !(this.#resize && this.#size && document.visibilityState === 'visible')) {
      // No report to go by (no ResizeObserver, none yet, or a hidden page, which draws no frames and so gets none):
      // read the size, once. With reports, reading it here would force the layout inside every update (a selection,
      // an edit) to learn nothing they do not say.
      this.#measure(svgEl);
    }
    this.#applyZoom();
    this.#syncHitTargets();
  }

  /** Back in a document (moved, or re-attached by a framework): an update observes the SVG again. */
  hostConnected(): void {
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#resize?.disconnect();
    this.#observed = undefined;
    this.#settle();
    clearTimeout(this.#hitTimer);
    this.#hitTimer = undefined;
    this.#pointers.clear();
    this.#gesture = undefined;
    this.#dragging = undefined;
  }

  #svg(): SVGSVGElement | null {
    return this.#host.renderRoot.querySelector<SVGSVGElement>('svg.map');
  }

  #applyZoom(): void {
    const svgEl = this.#svg();
    if (!svgEl) return;
    const { k, x, y } = this.#zoom;
    const s = this.#scale(svgEl);
    svgEl.style.transform = `translate(${round(x * s)}px, ${round(y * s)}px) scale(${round(k * 1000) / 1000})`;
  }

  #measure(svgEl: SVGSVGElement): void {
    this.#resized({ width: svgEl.clientWidth, height: svgEl.clientHeight }, false);
  }

  /** Screen pixels per map unit at zoom 1, from the last measured size (the SVG scales its viewBox to fit). */
  #scale(svgEl: SVGSVGElement): number {
    const box = svgEl.viewBox.baseVal;
    if (!this.#size || !box.width || !box.height) return 1;
    return Math.min(this.#size.width / box.width, this.#size.height / box.height) || 1;
  }

  /**
   * Sizes every member's pointer target to at least 28 px across at the map's current
   * size and zoom (24 px is the minimum). Set on the DOM directly, not re-rendered, so
   * it costs no render; runs after each update (a resize brings one) and once zooming pauses.
   */
  #syncHitTargets(): void {
    const svgEl = this.#svg();
    if (!svgEl) return;
    const r = Math.max(NODE_R + 2, 14 / (this.#scale(svgEl) * this.#zoom.k));
    const member = String(round(r));
    // The person's circle grows to hold their name: its target is never smaller than it.
    const personR = Number(svgEl.querySelector('.nodes .person .shape')?.getAttribute('r')) || PERSON_R;
    const person = String(round(Math.max(personR, r)));
    for (const hit of svgEl.querySelectorAll('.nodes .hit')) {
      const want = hit.parentElement?.classList.contains('person') ? person : member;
      if (hit.getAttribute('r') !== want) hit.setAttribute('r', want);
    }
  }

  /** A pointer position in viewBox units (before pan and zoom), from the untransformed frame around the SVG. */
  #svgPoint(event: PointerEvent | WheelEvent): Point {
    const frame = this.#host.renderRoot.querySelector<HTMLElement>('.frame');
    if (!frame) return { x: 0, y: 0 };
    const r = frame.getBoundingClientRect();
    const svgEl = this.#svg();
    if (svgEl) this.#measure(svgEl); // laid out already by the read above
    const s = svgEl ? this.#scale(svgEl) : 1;
    return { x: (event.clientX - (r.left + r.width / 2)) / s, y: (event.clientY - (r.top + r.height / 2)) / s };
  }

  /** A viewBox point in map units (undoing pan and zoom). */
  #mapPoint(p: Point): Point {
    const { k, x, y } = this.zoom;
    return { x: (p.x - x) / k, y: (p.y - y) / k };
  }

  /** The frame's wheel and pointer events. */
  handleEvent(event: Event): void {
    if (event.type === 'wheel') this.#onWheel(event as WheelEvent);
    else if (event.type === 'pointerdown') this.#onPointerDown(event as PointerEvent);
    else if (event.type === 'pointermove') this.#onPointerMove(event as PointerEvent);
    else this.#onPointerUp(event as PointerEvent);
  }

  #onWheel(event: WheelEvent): void {
    event.preventDefault();
    this.zoomBy(event.deltaY < 0 ? 1.1 : 1 / 1.1, this.#svgPoint(event));
  }

  #onPointerDown(event: PointerEvent): void {
    if (event.button !== 0) return;
    const p = this.#svgPoint(event);
    this.#pointers.set(event.pointerId, p);
    if (this.#pointers.size === 2) {
      const [a, b] = [...this.#pointers.values()] as [Point, Point];
      this.#gesture = {
        kind: 'pinch',
        start: mid(a, b),
        origin: this.zoom,
        moved: true,
        distance: Math.hypot(a.x - b.x, a.y - b.y),
      };
      return;
    }
    const key = (event.target as Element).closest('.node')?.getAttribute('data-key') ?? undefined;
    this.#gesture =
      key && this.#options.canDrag(key)
        ? { kind: 'node', id: key, start: p, origin: this.zoom, moved: false }
        : key
          ? undefined
          : { kind: 'pan', start: p, origin: this.zoom, moved: false };
  }

  #onPointerMove(event: PointerEvent): void {
    if (!this.#pointers.has(event.pointerId)) return;
    const p = this.#svgPoint(event);
    this.#pointers.set(event.pointerId, p);
    const g = this.#gesture;
    if (!g) return;
    if (g.kind === 'pinch' && this.#pointers.size === 2) {
      const [a, b] = [...this.#pointers.values()] as [Point, Point];
      const ratio = Math.hypot(a.x - b.x, a.y - b.y) / (g.distance || 1);
      this.zoom = g.origin;
      this.zoomBy(ratio, g.start);
      return;
    }
    const dx = p.x - g.start.x;
    const dy = p.y - g.start.y;
    if (!g.moved && Math.hypot(dx, dy) < 6) return;
    if (!g.moved) {
      // Capture only once it is a drag, so that a plain click still reaches the member.
      (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
      g.moved = true;
    }
    if (g.kind === 'pan') this.zoom = { ...g.origin, x: g.origin.x + dx, y: g.origin.y + dy };
    else if (g.kind === 'node' && g.id) this.#setDragging({ id: g.id, at: this.#mapPoint(p) });
  }

  #onPointerUp(event: PointerEvent): void {
    this.#pointers.delete(event.pointerId);
    const g = this.#gesture;
    if (this.#pointers.size > 0) return;
    this.#gesture = undefined;
    const drag = this.#dragging;
    this.#setDragging(undefined);
    if (!g || g.kind !== 'node' || !drag || event.type === 'pointercancel') return;
    this.#options.drop(drag.id, drag.at);
  }
}
