/**
 * Fails the current test on any console error or warning — Lit's dev-mode
 * warnings included — except the one notice Lit prints once in dev mode.
 * Call `guardConsole()` at the top of a suite.
 */
const ALLOWED = [/^Lit is in dev mode/];

export function guardConsole(): { expectWarning(pattern: RegExp): void } {
  let seen: string[] = [];
  let expected: RegExp[] = [];
  let original: { error: typeof console.error; warn: typeof console.warn } | undefined;

  beforeEach(() => {
    seen = [];
    expected = [];
    original = { error: console.error, warn: console.warn };
    const record =
      (level: string) =>
      (...args: unknown[]) => {
        const text = args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
        if (ALLOWED.some((re) => re.test(text))) return;
        const index = expected.findIndex((re) => re.test(text));
        if (index >= 0) {
          expected.splice(index, 1);
          return;
        }
        seen.push(`console.${level}: ${text}`);
      };
    console.error = record('error');
    console.warn = record('warn');
  });

  afterEach(() => {
    if (original) Object.assign(console, original);
    if (seen.length) throw new Error(`Unexpected console output:\n${seen.join('\n')}`);
    if (expected.length) throw new Error(`Expected console warnings that never came: ${expected.join(', ')}`);
  });

  return {
    /** The next warning or error matching `pattern` is expected (and required) in this test. */
    expectWarning(pattern: RegExp) {
      expected.push(pattern);
    },
  };
}
