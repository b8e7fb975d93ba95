// A module of its own so that the chunked bundle's entry (lazy-define.ts) checks a prefix
// without importing define-odkit.ts, which imports every element class.

// A custom element name is "<prefix>-<suffix>": the prefix must start with a lowercase ASCII
// letter and may hold lowercase letters, digits, '-', '.' and '_' (HTML's PCENChar, ASCII part).
const PREFIX = /^[a-z][a-z0-9._-]*$/;

/** `prefix` when it can start a custom element name, else a TypeError saying what it must be. */
export function checkedPrefix(prefix: unknown): string {
  if (typeof prefix !== 'string' || !PREFIX.test(prefix) || prefix.endsWith('-')) {
    throw new TypeError(
      'Open Dialogue Kit: defineOdkit({ prefix }) must be lowercase ASCII letters, digits, ".", "_" or "-", ' +
        'starting with a letter and not ending with "-" (for example "od" or "acme-od").',
    );
  }
  return prefix;
}
