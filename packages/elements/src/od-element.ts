import { ContextRoot } from '@lit/context';
import { isServer, LitElement, type PropertyDeclaration } from 'lit';
import { awaitsData } from './hydration.js';
import { baseStyles } from './styles/tokens.js';
import { VERSION } from './version.js';

type OdElementClass = typeof OdElement & CustomElementConstructor;

/**
 * Keeps the context requests nobody has answered yet and replays them when a provider
 * appears, so load order does not matter: a widget registered (and upgraded) before its
 * `<od-provider>` still gets the store. Attached once per copy of the kit, on first define.
 */
let contextRoot: ContextRoot | undefined;

/**
 * Server-rendered elements holding their first update until their data is there (see
 * hydration.ts), with the function that lets it go. Not a private field: Lit's constructor
 * calls requestUpdate before a subclass's fields exist.
 */
const held = new WeakMap<OdElement, () => void>();

/**
 * The base of every Open Dialogue Kit element (not registered as a tag itself): shared styles, safe registration
 * and typed events.
 */
export class OdElement extends LitElement {
  /** The kit version this class belongs to. */
  static readonly kitVersion: string = VERSION;

  static override styles = [baseStyles];

  /**
   * Registers the class under `tag`. Never throws when the tag is taken (hosts load
   * scripts twice, or two kit versions meet): it keeps the first registration and
   * warns when that one is a different kit version. Registering one class under a
   * second tag (a host's own prefix) registers a subclass, as the platform requires.
   */
  static define(this: OdElementClass, tag: string, registry: CustomElementRegistry = customElements): void {
    // No document when a server renders (Lit's DOM shim gives `customElements`, not `document`).
    if (!contextRoot && typeof document !== 'undefined') {
      contextRoot = new ContextRoot();
      contextRoot.attach(document.documentElement);
    }
    const existing = registry.get(tag) as (CustomElementConstructor & { kitVersion?: string }) | undefined;
    if (existing) {
      if (existing !== this && existing.kitVersion !== this.kitVersion) {
        console.warn(
          `Open Dialogue Kit: <${tag}> is already registered by version ${existing.kitVersion ?? '(not the kit)'}; ` +
            `version ${this.kitVersion} was not registered. Load one version, or register this one under another tag.`,
        );
      }
      return;
    }
    try {
      registry.define(tag, this);
    } catch {
      // The platform allows one tag per constructor: this class already has another tag.
      registry.define(tag, class extends this {});
    }
  }

  /** Whether the element found a server-rendered (declarative) shadow root when it was created. */
  readonly #serverRendered = !isServer && this.shadowRoot !== null;
  readonly #gates = new Set<() => Promise<unknown> | undefined>();

  /** True during a server-rendered element's first update, which must render exactly what the server rendered. */
  protected get hydrating(): boolean {
    return this.#serverRendered && !this.hasUpdated;
  }

  /**
   * Lets a controller hold each render until something it needs has arrived: `gate` returns
   * a promise to wait for (the Welsh strings being fetched), or undefined to render now.
   * `updateComplete` waits for it too, so a host awaiting it sees the finished render.
   */
  holdUpdatesUntil(gate: () => Promise<unknown> | undefined): void {
    this.#gates.add(gate);
  }

  #waits(): Promise<unknown>[] {
    return [...this.#gates].map((gate) => gate()).filter((wait) => wait !== undefined);
  }

  protected override async scheduleUpdate(): Promise<unknown> {
    // The first update of a server-rendered widget hydrates the server's DOM: only with the data it was rendered from.
    if (this.hydrating && awaitsData(this)) await new Promise<void>((resolve) => held.set(this, resolve));
    // Asked again after each wait: a gate may have opened meanwhile (a form asked for while the Welsh arrived). A
    // wait that fails holds nothing: whatever it was for says so itself, and the element keeps rendering.
    for (let waits = this.#waits(); waits.length; waits = this.#waits()) await Promise.allSettled(waits);
    return super.scheduleUpdate();
  }

  override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: PropertyDeclaration): void {
    super.requestUpdate(name, oldValue, options);
    const release = held.get(this);
    if (release && !awaitsData(this)) {
      held.delete(this);
      release();
    }
  }

  /** Dispatches one of the kit's typed events; returns false when a listener cancelled it. */
  protected emit(event: Event): boolean {
    return this.dispatchEvent(event);
  }
}
