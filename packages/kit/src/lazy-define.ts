import { OdProvider } from '@odkit/elements';
import type { DefineOdkitOptions, OdkitElementName } from './define-odkit.js';
import { checkedPrefix } from './prefix.js';

/**
 * Registration on first use, for the chunked bundle (`dist/odkit.js`): `<prefix>-provider`
 * is registered at once; each widget's code is a sibling chunk (`odkit-network-map.js`, …)
 * fetched from the bundle's own folder — a dynamic `import()` relative to the bundle, so the
 * same origin and `script-src 'self'` — when its tag first appears in the document, and the
 * tag is registered then. Properties a host set before that (`record`, `store`, `strings`)
 * are kept by Lit and applied on upgrade; `customElements.whenDefined(tag)` resolves then.
 * Widgets inside a shadow root the document cannot see are loaded with `loadOdkit()`.
 */
type Widget = Exclude<OdkitElementName, 'provider'>;
type ElementClass = { define(tag: string, registry?: CustomElementRegistry): void };

const chunks: Record<Widget, () => Promise<{ element: ElementClass }>> = {
  'network-map': () => import('./chunks/network-map.js'),
  'meeting-timeline': () => import('./chunks/meeting-timeline.js'),
  'principles-checklist': () => import('./chunks/principles-checklist.js'),
  'service-dashboard': () => import('./chunks/service-dashboard.js'),
};
const WIDGETS = Object.keys(chunks) as Widget[];

interface Pending {
  tag: string;
  widget: Widget;
  registry: CustomElementRegistry;
}

/** Tags not yet registered, by tag; watched in the document until each is seen. */
const pending = new Map<string, Pending>();
const loading = new Map<string, Promise<void>>();
let observer: MutationObserver | undefined;

function load({ tag, widget, registry }: Pending): Promise<void> {
  let done = loading.get(tag);
  if (!done) {
    pending.delete(tag);
    if (!pending.size) observer?.disconnect();
    done = chunks[widget]().then(({ element }) => element.define(tag, registry));
    loading.set(tag, done);
  }
  return done;
}

/** Loads every pending widget whose tag is `root` or inside it. */
function discover(root: Element | Document): void {
  for (const entry of [...pending.values()]) {
    if ((root instanceof Element && root.localName === entry.tag) || root.querySelector(entry.tag)) void load(entry);
  }
}

function watch(): void {
  if (typeof document === 'undefined' || typeof MutationObserver === 'undefined') return;
  discover(document);
  if (!pending.size) return;
  observer ??= new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) discover(node);
  });
  observer.observe(document, { childList: true, subtree: true });
}

/**
 * Registers `<prefix>-provider` now and each widget tag when it is first used (see above);
 * returns the tags. The same contract as `@odkit/kit`'s `defineOdkit`.
 */
export function defineOdkit(options: DefineOdkitOptions = {}): Record<OdkitElementName, string> {
  const { registry = customElements } = options;
  const prefix = checkedPrefix(options.prefix === undefined ? 'od' : options.prefix);
  const provider = `${prefix}-provider`;
  OdProvider.define(provider, registry);
  const tags = { provider } as Record<OdkitElementName, string>;
  for (const widget of WIDGETS) {
    const tag = `${prefix}-${widget}`;
    tags[widget] = tag;
    if (!loading.has(tag) && !registry.get(tag)) pending.set(tag, { tag, widget, registry });
  }
  watch();
  return tags;
}

/**
 * Fetches and registers widgets now rather than on first use: all of them, or those named
 * (`'network-map'`, …) — for widgets rendered inside a shadow root of the host's own, which
 * the document does not show, or to fetch ahead. Resolves once they are registered.
 */
export async function loadOdkit(
  widgets: readonly Widget[] = WIDGETS,
  options: Pick<DefineOdkitOptions, 'prefix'> = {},
): Promise<void> {
  const prefix = options.prefix ?? 'od';
  const wanted = [...pending.values()].filter((p) => p.tag === `${prefix}-${p.widget}` && widgets.includes(p.widget));
  await Promise.all([...wanted.map(load), ...widgets.map((w) => loading.get(`${prefix}-${w}`))]);
}
