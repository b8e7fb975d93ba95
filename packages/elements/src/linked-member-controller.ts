import { isServer, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { OdMemberFocusEvent } from './events.js';
import { nearestProvider } from './nearest-provider.js';

/**
 * The `od-member-focus` contract, heard: the member another widget on the page points at
 * (keyboard focus or selection), or undefined when it points at no one. Only events from
 * widgets under the same `<od-provider>` of this kit version count (without a provider,
 * any widget on the page); a widget's own events are ignored. The provider is looked up per
 * event, not at connect: it may be registered after the widget.
 */
export class LinkedMemberController implements ReactiveController {
  #memberId: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** Called after the member changes (after the host is asked to update). */
    private readonly onChange?: (memberId: string | undefined) => void,
  ) {
    host.addController(this);
  }

  /** The member another widget points at. */
  get memberId(): string | undefined {
    return this.#memberId;
  }

  hostConnected(): void {
    // A server render (Lit SSR) connects widgets too, with no document to listen on.
    if (isServer) return;
    document.addEventListener(OdMemberFocusEvent.eventName, this.#onEvent);
  }

  hostDisconnected(): void {
    if (isServer) return;
    document.removeEventListener(OdMemberFocusEvent.eventName, this.#onEvent);
  }

  #onEvent = (event: Event): void => {
    const path = event.composedPath();
    if (path.includes(this.host)) return;
    const provider = nearestProvider(this.host);
    if (provider && !path.includes(provider)) return;
    const id = (event as OdMemberFocusEvent).memberId ?? undefined;
    if (id === this.#memberId) return;
    this.#memberId = id;
    this.host.requestUpdate();
    this.onChange?.(id);
  };
}
