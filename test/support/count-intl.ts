/**
 * Counts every Intl formatter built on this page from the moment this module runs: import it
 * first, so it runs before any kit module. `intlBuilt` lists each construction with its
 * locale and options.
 */
export const intlBuilt: string[] = [];

for (const name of ['DateTimeFormat', 'NumberFormat', 'PluralRules'] as const) {
  const original = Intl[name];
  Object.defineProperty(Intl, name, {
    configurable: true,
    writable: true,
    value: new Proxy(original, {
      construct(target, args: unknown[]) {
        intlBuilt.push(`Intl.${name}(${JSON.stringify(args)})`);
        return Reflect.construct(target, args) as object;
      },
    }),
  });
}
