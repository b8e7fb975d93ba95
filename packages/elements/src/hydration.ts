/**
 * Hydration of server-rendered widgets (declarative shadow DOM from @odkit/ssr): Lit takes
 * over the server's DOM on the element's first update, which must render exactly what the
 * server rendered, so it must have the same record. A host gives the record after the
 * elements are defined (a store to the provider, or the `record` property), so a widget
 * that found a server-rendered shadow root holds its first update until its data is there;
 * until then the server's HTML stays on screen as it is.
 */

/** Per widget: whether it still has no data (no record, no error) to render. Set by CaseController. */
const awaiting = new WeakMap<Element, () => boolean>();

export function registerDataSource(host: Element, awaitsData: () => boolean): void {
  awaiting.set(host, awaitsData);
}

export function awaitsData(host: Element): boolean {
  return awaiting.get(host)?.() ?? false;
}
