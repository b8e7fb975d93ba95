import type { Change } from '@odkit/core';

/**
 * Fired before a widget applies an edit when it has no store. Cancel it
 * (`preventDefault()`) to apply the change yourself; otherwise the widget
 * applies it to its own `record`.
 */
export class OdChangeEvent extends Event {
  static readonly eventName = 'od-change';
  constructor(readonly change: Change) {
    super(OdChangeEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

/** Fired when a widget cannot show or save its data. The widget shows an error state; it never throws into the page. */
export class OdErrorEvent extends Event {
  static readonly eventName = 'od-error';
  constructor(readonly error: Error) {
    super(OdErrorEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'od-change': OdChangeEvent;
    'od-error': OdErrorEvent;
  }
}
