/**
 * Which source modules the test page has fetched, from the browser's resource timeline (the test
 * server serves each module as its own file): the proof that code meant to load on demand did not
 * load with the rest.
 */

// The test page loads hundreds of modules: room for every one in the resource timeline (250 by default).
performance.setResourceTimingBufferSize(100_000);

/** Whether the page has fetched one of `modules` (paths under `packages/`, without `.ts`). */
export function fetchedAny(modules: readonly string[]): boolean {
  const wanted = modules.map((m) => `/packages/${m}.ts`);
  return performance.getEntriesByType('resource').some((entry) => {
    const path = new URL(entry.name).pathname;
    return wanted.includes(path);
  });
}
