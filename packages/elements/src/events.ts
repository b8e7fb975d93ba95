import type { Change, Meeting, NetworkMember, OdError, Person, SyncStatus } from '@odkit/core';
import { toOdError } from './errors.js';

/**
 * An edit to the case record, proposed by a widget that has no store: `change` is the typed
 * Change (add-member, record-meeting, rate-item, …), fired before the widget applies it to its
 * own `record`. Cancel it (`preventDefault()`) to apply the change yourself (to your own
 * store or server). It is not "the value changed": widgets with a store never fire it, and the
 * checklist's value changes are its native `input` and `change` events.
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
  /** Always one of the SDK's typed errors (see {@link toOdError}), so `code` is always there. */
  readonly error: OdError;
  constructor(error: unknown) {
    super(OdErrorEvent.eventName, { bubbles: true, composed: true });
    this.error = toOdError(error);
  }
}

/** What a widget's selection points at; one event type serves every widget so hosts listen once. */
export type OdSelection =
  | { kind: 'person'; person: Person }
  | { kind: 'member'; member: NetworkMember }
  | { kind: 'meeting'; meeting: Meeting };

/**
 * Fired when a person selects something in a widget (a member on the map, a meeting on
 * the timeline), or clears the selection (`selection` is null). Not fired when the host
 * sets the widget's `selectedId`: the host knows what it set.
 */
export class OdSelectEvent extends Event {
  static readonly eventName = 'od-select';
  constructor(readonly selection: OdSelection | null) {
    super(OdSelectEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * Fired when a network member gets focus in a widget (an attendee on the timeline), so
 * another widget on the page can highlight them; `memberId` is null when focus leaves.
 * Widgets under one `<od-provider>` can listen for it on the provider.
 */
export class OdMemberFocusEvent extends Event {
  static readonly eventName = 'od-member-focus';
  constructor(readonly memberId: string | null) {
    super(OdMemberFocusEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * Fired by `<od-provider>` when the sync status of its store changes (a store that keeps
 * edits on the device and sends them to the record, such as the offline store), and
 * once when such a store is given: edits waiting to be sent, edits that need a decision,
 * the last successful sync and whether the server is reachable. An EHR can show its own
 * indicator from it; `provider.syncStatus` gives the current status at any time.
 * `status` is undefined when the syncing store is replaced by one that does not sync
 * (hide the indicator).
 */
export class OdSyncStatusEvent extends Event {
  static readonly eventName = 'od-sync-status';
  constructor(readonly status: SyncStatus | undefined) {
    super(OdSyncStatusEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'od-change': OdChangeEvent;
    'od-error': OdErrorEvent;
    'od-select': OdSelectEvent;
    'od-member-focus': OdMemberFocusEvent;
    'od-sync-status': OdSyncStatusEvent;
  }
}
