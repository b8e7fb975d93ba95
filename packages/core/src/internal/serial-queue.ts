/**
 * One write at a time. A store's reads and writes, and a widget's saves, must not
 * overlap: each waits for the one before it, in the order they were asked for.
 * Apart from the store because the elements need the same queue (exported from
 * core's index for them; not part of the documented data API).
 */

/** Runs async tasks one after another, in order; a task that fails does not stop the ones after it. */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` once every task queued before it has settled; settles as `task` does. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(task);
    this.#tail = run.catch(() => undefined);
    return run;
  }
}
