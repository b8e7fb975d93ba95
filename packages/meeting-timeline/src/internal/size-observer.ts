/**
 * One ResizeObserver on one element at a time, for the controllers that measure after
 * layout (in the observer's callback, where reading sizes forces nothing) instead of
 * during an update. Nothing is observed on the server. Apart so both controllers share it.
 * (@lit-labs/observers' ResizeController was weighed and left out: see docs/meeting-timeline.md.)
 */
import { isServer } from 'lit';

export class SizeObserver {
  readonly #observer: ResizeObserver | undefined;
  #target: Element | undefined;

  constructor(measure: (target: HTMLElement) => void) {
    this.#observer = isServer ? undefined : new ResizeObserver((entries) => measure(entries.at(-1)!.target as HTMLElement));
  }

  /** Observes `target` (and stops observing the last one) when it is a new element. */
  watch(target: Element | null): void {
    if (!target || target === this.#target) return;
    this.#observer?.disconnect();
    this.#observer?.observe(target);
    this.#target = target;
  }

  stop(): void {
    this.#observer?.disconnect();
    this.#target = undefined;
  }
}
