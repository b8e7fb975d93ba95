// Which elements are this copy's providers. A module-level set, not a tag name or a class
// check: a host may register the kit under another prefix (`<acme-od-provider>`), another kit
// version on the page has its own copy of this module (so its providers are not ours), and
// widgets find their provider without importing the provider class (hosts pay for every kB).
const providers = new WeakSet<Element>();

/** Called by `OdProvider`'s constructor. */
export function markProvider(provider: Element): void {
  providers.add(provider);
}

/** The nearest provider of this kit version above `el` (light DOM, then across shadow roots), or undefined. */
export function nearestProvider(el: Element): HTMLElement | undefined {
  for (let node: Node | null = el.parentNode; node;) {
    if (node instanceof Element && providers.has(node)) return node as HTMLElement;
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return undefined;
}
