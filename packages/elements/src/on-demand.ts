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

/** A host that can hold its renders (OdElement). */
interface GatedHost extends ReactiveControllerHost {
  holdUpdatesUntil(gate: () => Promise<unknown> | undefined): void;
}

/**
 * One element's use of an OnDemand module: fetched ahead once (`preload`), and what needs it run
 * once it is here (`whenLoaded`). While a fetch for something the person asked for is under way,
 * the element's renders wait for it, so `updateComplete` covers what it does once it arrives.
 */
export class OnDemandUse<M> {
  readonly #source: OnDemand<M>;
  readonly #host: GatedHost;
  readonly #unavailable: () => void;
  #fetching: Promise<void> | undefined;
  #preloaded = false;

  /** `unavailable`: says that what was asked for cannot be done (the module could not be fetched). */
  constructor(host: GatedHost, source: OnDemand<M>, unavailable: () => void) {
    this.#host = host;
    this.#source = source;
    this.#unavailable = unavailable;
    host.holdUpdatesUntil(() => this.#fetching);
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
    if (here) return run(here);
    if (this.#fetching) return;
    this.#fetching = this.#source
      .load()
      .then((loaded) => (loaded && this.#source.module ? run(this.#source.module) : this.#unavailable()))
      .finally(() => (this.#fetching = undefined));
    this.#host.requestUpdate();
  }
}
