import type { ReactiveControllerHost } from 'lit';

/**
 * Code a widget fetches only when it is needed (its edit forms, once the widget is editable):
 * `load` is a dynamic `import()`, which bundlers split into a file of its own. One fetch serves
 * every element on the page; a failed one (the network gone) is tried again the next time.
 */
export class OnDemand<M> {
  readonly #import: () => Promise<M>;
  #loading: Promise<M> | undefined;
  /** The module, once fetched. */
  module: M | undefined;

  constructor(load: () => Promise<M>) {
    this.#import = load;
  }

  /** Fetches the module (once); true once it is here, false when it could not be fetched. */
  async load(): Promise<boolean> {
    if (this.module) return true;
    this.#loading ??= this.#import();
    try {
      this.module = await this.#loading;
      return true;
    } catch {
      this.#loading = undefined;
      return false;
    }
  }
}

/**
 * A host of on-demand code. One that can hold its renders (OdElement) holds them while what was
 * asked for is fetched, so it appears in the render that follows the request; any other host
 * renders it in a later update.
 */
export interface GatedHost extends ReactiveControllerHost {
  holdUpdatesUntil?(gate: () => Promise<unknown> | undefined): void;
}

/**
 * How long the element's renders wait for a module something is waiting on: long enough that on a
 * working connection the form opens in the render that follows the click (so `updateComplete` covers
 * it), never so long that a stalled fetch leaves the widget frozen. It opens whenever it arrives.
 */
const HOLD_MS = 3000;

/**
 * One element's use of an OnDemand module: fetched ahead once (`preload`), and what the person asked
 * for run once it is here (`whenLoaded`). Only the latest request runs, and `cancel` drops it when the
 * person has done something else meanwhile.
 */
export class OnDemandUse<M> {
  readonly #source: OnDemand<M>;
  readonly #host: GatedHost;
  readonly #unavailable: () => void;
  #pending: ((module: M) => void) | undefined;
  #loading: Promise<void> | undefined;
  #holding: Promise<void> | undefined;
  #preloaded = false;

  /** `unavailable`: says that what was asked for cannot be done (the module could not be fetched). */
  constructor(host: GatedHost, source: OnDemand<M>, unavailable: () => void) {
    this.#host = host;
    this.#source = source;
    this.#unavailable = unavailable;
    host.holdUpdatesUntil?.(() => this.#holding);
  }

  /** The module, once fetched. */
  get module(): M | undefined {
    return this.#source.module;
  }

  /** Fetches the module ahead, once (a failed fetch is tried again by `whenLoaded`). */
  preload(): void {
    if (this.#preloaded) return;
    this.#preloaded = true;
    void this.#source.load();
  }

  /** Runs `run` with the module: now if it is here, else once fetched (`unavailable` if it cannot be). */
  whenLoaded(run: (module: M) => void): void {
    const here = this.#source.module;
    this.#pending = here ? undefined : run;
    if (here) return run(here);
    if (this.#loading) return;
    const loading = (this.#loading = this.#source.load().then((loaded) => {
      this.#loading = undefined;
      const pending = this.#pending;
      this.#pending = undefined;
      const module = this.#source.module;
      try {
        // Nothing is said for a request the person has since moved on from.
        if (pending && loaded && module) pending(module);
        else if (pending) this.#unavailable();
      } catch (error) {
        // A defect in what was asked for must not stop the element rendering: it is reported, the rest goes on.
        reportError(error);
      }
      this.#host.requestUpdate();
    }));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const holding = (this.#holding = Promise.race([
      loading,
      new Promise<void>((resolve) => (timer = setTimeout(resolve, HOLD_MS))),
    ]).finally(() => {
      clearTimeout(timer);
      if (this.#holding === holding) this.#holding = undefined;
    }));
    this.#host.requestUpdate();
  }

  /** Drops a request not yet run: the person has done something else meanwhile (closed, opened something else). */
  cancel(): void {
    this.#pending = undefined;
  }
}
