/**
 * Where focus goes once the next render is on screen: a form's title, a meeting's row, the
 * record button. Views are rendered from state, so an action names the target and this
 * controller focuses it after the update (added after the list and axis controllers, so the
 * row is in the rendered window and scrolled to first).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The "Record a meeting" button, which has no id of its own. */
export const RECORD_BUTTON = 'record-button';

export class FocusAfterRender implements ReactiveController {
  #target: string | undefined;
  readonly #host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment };

  constructor(host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment }) {
    this.#host = host;
    host.addController(this);
  }

  /** After the next render, focus goes to the element with this id (or `RECORD_BUTTON`). */
  readonly next = (id: string | undefined): void => {
    this.#target = id;
  };

  hostUpdated(): void {
    const id = this.#target;
    if (!id) return;
    const root = this.#host.renderRoot as ShadowRoot;
    this.#target = undefined;
    (id === RECORD_BUTTON
      ? root.querySelector<HTMLElement>('[data-action="record"]')
      : root.getElementById(id)
    )?.focus();
  }
}
