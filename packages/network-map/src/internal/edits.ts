/**
 * The map's edits: which panel is open (details, a form, a confirmation), the form's errors, the
 * save in flight and what was last announced; and the one path every change takes (through the
 * store, or a cancelable `od-change` without one). Apart from the element because it is behaviour
 * with its own state, shared by the forms, the move buttons and dragging.
 */
import type { Change, NetworkMember, Ring, Sector } from '@odkit/core';
import { focusErrorSummary, formErrorsFrom, type CaseController, type FormError, type Translate } from '@odkit/elements';
import type { ReactiveControllerHost } from 'lit';
import type { MapStrings } from '../strings.js';

export type Panel =
  | { kind: 'details' }
  | { kind: 'member-form'; memberId?: string | undefined }
  | { kind: 'tie-form'; tieId?: string | undefined; from?: string | undefined }
  | { kind: 'confirm-remove'; memberId: string }
  | { kind: 'confirm-remove-tie'; tieId: string };

/** Which form field a refused change's issue (by path) belongs to. */
export type FieldFor = (path: readonly (string | number)[]) => string | undefined;

export interface EditsOptions {
  readonly data: CaseController;
  readonly t: Translate<MapStrings>;
  /** Focus back on the map after a panel closes. */
  readonly focusBack: () => void;
}

type Host = ReactiveControllerHost & { readonly renderRoot: ParentNode };

/** Held by the element (it needs no lifecycle, so it is no reactive controller); renders it again when its state changes. */
export class MapEdits {
  /** The panel shown: the details, a form, or a "remove?" question. */
  panel: Panel = { kind: 'details' };
  /** The open form's problems (or a refused change's). */
  errors: FormError[] = [];
  /** A change is being saved: the save buttons are off. */
  busy = false;
  /** The latest outcome, for the status line (read by screen readers). */
  announcement = '';
  readonly #host: Host;
  readonly #options: EditsOptions;

  constructor(host: Host, options: EditsOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** Changes state and renders again (as reactive properties would). */
  #set(state: Partial<Pick<MapEdits, 'panel' | 'errors' | 'busy' | 'announcement'>>): void {
    Object.assign(this, state);
    this.#host.requestUpdate();
  }

  /** Opens a panel and puts focus on its first control. */
  async open(panel: Panel): Promise<void> {
    this.#set({ panel, errors: [], announcement: '' });
    await this.#host.updateComplete;
    const first = this.#host.renderRoot.querySelector<HTMLElement>('.panel input, .panel select, .panel .od-button--warning');
    first?.focus();
  }

  readonly close = async (): Promise<void> => {
    this.#set({ panel: { kind: 'details' }, errors: [] });
    await this.#host.updateComplete;
    this.#options.focusBack();
  };

  /** Shows a form's own problems (nothing is saved) and moves focus to the error summary. */
  async refuse(errors: FormError[]): Promise<void> {
    this.#set({ errors });
    await this.#host.updateComplete;
    focusErrorSummary(this.#host.renderRoot);
  }

  /** Applies a change; on success says `done`, on failure shows why at the form's fields. */
  async apply(change: Change, fieldFor: FieldFor, done: string): Promise<boolean> {
    const t = this.#options.t;
    this.#set({ busy: true });
    try {
      const result = await this.#options.data.apply(change);
      if (result.status === 'failed') {
        this.#set({ errors: formErrorsFrom(result.error, fieldFor, t('form.saveFailed')) });
        await this.#host.updateComplete;
        if (this.panel.kind === 'details') this.#set({ announcement: this.errors.map((e) => e.message).join(' ') });
        focusErrorSummary(this.#host.renderRoot);
        return false;
      }
      this.#set({ errors: [], announcement: result.status === 'cancelled' ? t('edit.cancelled') : done });
      return true;
    } finally {
      this.#set({ busy: false });
    }
  }

  /** Moves a member to another ring or sector (the buttons, the select and dragging all end here). */
  async move(member: NetworkMember, to: { ring?: Ring; sector?: Sector }, name: string): Promise<void> {
    const moved: NetworkMember = { ...member, ...to };
    if (moved.ring === member.ring && moved.sector === member.sector) return;
    const ok = await this.apply({ type: 'member/update', member: moved }, () => undefined, '');
    if (ok && this.announcement === '') {
      const t = this.#options.t;
      this.#set({ announcement: t('move.done', { name, ring: t(`ring.${moved.ring}`), sector: t(`sector.${moved.sector}`) }) });
    }
  }
}
