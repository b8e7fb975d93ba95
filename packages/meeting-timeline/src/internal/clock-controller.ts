/**
 * A clock that asks its host to update every so often while it runs (the badge's count
 * while a first meeting is awaited), and stops when the host leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ClockController implements ReactiveController {
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    host: ReactiveControllerHost,
    readonly every: number,
    readonly tick: () => void,
  ) {
    host.addController(this);
  }

  /** Starts the clock when `on` and it is stopped; stops it when not. */
  run(on: boolean): void {
    if (on && !this.#timer) this.#timer = setInterval(this.tick, this.every);
    else if (!on) this.hostDisconnected();
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
