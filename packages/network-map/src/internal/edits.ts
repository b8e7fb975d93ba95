/**
 * The map's edits: which panel is open (details, a form, a confirmation), the form's errors, the
 * save in flight and what was last announced; and the one path every change takes (through the
 * store, or a cancelable `od-change` without one). Apart from the element because it is behaviour
 * with its own state, shared by the forms, the move buttons and dragging.
 */
import {
  ConflictError,
  SECTORS,
  type CaseRecord,
  type Change,
  type NetworkMember,
  type Person,
  type Ring,
  type Sector,
  type Tie,
} from '@odkit/core';
import {
  addEnglish,
  OnDemand,
  OnDemandUse,
  focusErrorSummary,
  formErrorsFrom,
  type BaseCaseController,
  type EditedUnderneath,
  type FormError,
  type Translate,
} from '@odkit/elements';
import type { ReactiveControllerHost } from 'lit';
import { oneOf } from './panel-parts.js';
import { mapStrings, type MapStrings } from '../strings.js';
import type * as Forms from './forms.js';

/** The edit forms' module (./forms.ts), fetched on demand. */
export type MapForms = typeof Forms;

/**
 * The forms, fetched once the map is editable (see MapEdits.preload). Their English completes the map's table as
 * they arrive, before any form is drawn.
 */
const mapForms = new OnDemand<MapForms>(() =>
  import('./forms.js').then((forms) => {
    addEnglish(mapStrings, forms.mapFormEnglish);
    return forms;
  }),
);

const isForm = (panel: Panel): panel is Extract<Panel, { kind: 'member-form' | 'tie-form' | 'person-form' }> =>
  panel.kind === 'member-form' || panel.kind === 'tie-form' || panel.kind === 'person-form';

export type Panel =
  | { kind: 'details' }
  | { kind: 'person-form'; opened?: Person | undefined }
  | { kind: 'member-form'; memberId?: string | undefined; opened?: NetworkMember | undefined }
  | { kind: 'tie-form'; tieId?: string | undefined; from?: string | undefined; opened?: Tie | undefined }
  | { kind: 'confirm-remove'; memberId: string }
  | { kind: 'confirm-remove-tie'; tieId: string };

/** Which form field a refused change's issue (by path) belongs to. */
export type FieldFor = (path: readonly (string | number)[]) => string | undefined;

export interface EditsOptions {
  readonly data: BaseCaseController;
  readonly t: Translate<MapStrings>;
  /** Focus back on the map after a panel closes. */
  readonly focusBack: () => void;
  /** A member's name as shown (for the announcement of a move). */
  readonly nameOf: (id: string) => string;
  /** Today, `YYYY-MM-DD` in the map's time zone (the day `as-of` is read in). */
  readonly today: () => string;
  /** Whether editing is on now (a form asked for before the forms arrived opens only if it still is). */
  readonly editingOn: () => boolean;
  /** A member was saved (focus goes to them) or removed (a selection of them is let go). */
  readonly saved: (id: string) => void;
  readonly removed: (id: string) => void;
}

type Host = ReactiveControllerHost & {
  readonly renderRoot: ParentNode;
  holdUpdatesUntil(gate: () => Promise<unknown> | undefined): void;
};

/**
 * Held by the element (it needs no lifecycle, so it is no reactive controller); renders it again when its state
 * changes.
 */
export class MapEdits {
  /** The panel shown: the details, a form, or a "remove?" question. */
  panel: Panel = { kind: 'details' };
  /** The open form's problems (or a refused change's). */
  errors: FormError[] = [];
  /** A change is being saved: the save buttons are off. */
  busy = false;
  /** The latest outcome, for the status line (read by screen readers). */
  announcement = '';
  /** The open edit form's merge of changes saved elsewhere (none for a new member or tie). */
  underneath: EditedUnderneath | undefined;
  /** The forms could not be fetched for a form the person opened: the panel says so until they move on. */
  unavailable = false;
  /** The edit forms: fetched ahead once the map is editable (`preload`), else when a form is opened. */
  readonly #forms: OnDemandUse<MapForms>;
  get forms(): MapForms | undefined {
    return this.#forms.module;
  }
  /** The record the open form last merged. */
  #merged: CaseRecord | undefined;
  readonly #host: Host;
  readonly #options: EditsOptions;

  constructor(host: Host, options: EditsOptions) {
    this.#host = host;
    this.#options = options;
    this.#forms = new OnDemandUse(host, mapForms, () => void this.#unavailable());
  }

  /**
   * The forms could not be fetched for a form the person opened: the panel shows why in an error summary, which takes
   * focus, until they close it or open something else; the status line says it (emptied first, so a second failure
   * is said again).
   */
  async #unavailable(): Promise<void> {
    const message = this.#options.t('edit.formsUnavailable');
    this.unavailable = true;
    this.#set({ announcement: '' });
    await this.refuse([{ message }]);
    this.#set({ announcement: message });
  }

  /** Changes state and renders again (as reactive properties would). */
  #set(state: Partial<Pick<MapEdits, 'panel' | 'errors' | 'busy' | 'announcement'>>): void {
    Object.assign(this, state);
    this.#host.requestUpdate();
  }

  /**
   * Fetches the edit forms ahead, once (the map calls this once it is editable, so they are at hand, and on this
   * device, before the first form opens); a failed fetch is tried again when a form is opened.
   */
  preload(): void {
    this.#forms.preload();
  }

  /** Opens a panel; focus goes to its first control once it is drawn (`focusOpened`). */
  async open(panel: Panel): Promise<void> {
    // A form asked for before the forms have arrived opens once they have, if editing is still on and nothing else
    // was opened meanwhile (only the latest request runs; opening anything else drops it).
    if (isForm(panel) && !this.forms)
      return this.#forms.whenLoaded(() => void (this.#options.editingOn() && this.open(panel)));
    this.#forms.cancel();
    this.unavailable = false;
    const record = this.#options.data.record;
    // An edit form is drawn from the member or tie as it opened; changes saved elsewhere are merged in (reconcile).
    this.underneath = undefined;
    this.#merged = record;
    if (isForm(panel) && this.forms) {
      const opened = record && editedIn(record, panel);
      panel = { ...panel, opened } as Panel;
      if (opened) this.underneath = new this.forms.EditedUnderneath(this.forms.fieldValues(opened, this.#options.t));
    }
    this.#focusOpened = true;
    this.#set({ panel, errors: [], announcement: '' });
    await this.#host.updateComplete;
  }

  #focusOpened = false;
  /**
   * After each render (the element's `updated`): once a panel opened is drawn, focus goes to its first control. In the
   * update itself, so whoever awaits `updateComplete` finds focus there, however long the forms took to arrive.
   */
  focusOpened(): void {
    if (!this.#focusOpened) return;
    this.#focusOpened = false;
    this.#host.renderRoot
      .querySelector<HTMLElement>('.panel input, .panel select, .panel .od-button--warning')
      ?.focus();
  }

  /**
   * Before each render: merges a change saved elsewhere into the open member form (what the person typed is kept;
   * fields where both changed wait for their choice, and the status line says so).
   */
  reconcile(): void {
    const record = this.#options.data.record;
    const { panel, underneath, forms } = this;
    if (!underneath || !forms || !record || record === this.#merged || !isForm(panel)) return;
    this.#merged = record;
    const live = editedIn(record, panel);
    const form = this.#host.renderRoot.querySelector<HTMLFormElement>('.panel form');
    if (!live || !form) return;
    const before = underneath.waiting.size;
    const fresh = underneath.merge(forms.formAccess(form), forms.fieldValues(live, this.#options.t));
    const count = underneath.waiting.size;
    if (fresh.length) this.#set({ announcement: this.#options.t('form.changedAnnounce', { count }) });
    else if (count !== before) this.#host.requestUpdate();
  }

  readonly useTheirs = (field: string): void => {
    const form = this.#host.renderRoot.querySelector<HTMLFormElement>('.panel form');
    if (!form || !this.underneath || !this.forms) return;
    this.underneath.useTheirs(this.forms.formAccess(form), field);
    this.#choseFor(field);
  };

  readonly keepMine = (field: string): void => {
    this.underneath?.keepMine(field);
    this.#choseFor(field);
  };

  /** A choice was made for `field`: its error goes, and focus returns to the field itself. */
  #choseFor(field: string): void {
    this.#set({ errors: this.errors.filter((e) => e.field !== field) });
    void this.#host.updateComplete.then(() => this.#host.renderRoot.querySelector<HTMLElement>(`#${field}`)?.focus());
  }

  readonly close = async (): Promise<void> => {
    this.#forms.cancel();
    this.unavailable = false;
    this.underneath = undefined;
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
        this.#set({
          errors: this.#conflictErrors(result.error) ?? formErrorsFrom(result.error, fieldFor, t('form.saveFailed')),
        });
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

  /**
   * A save refused because someone else saved first (the store now shows their record, merged into the open form):
   * the fields waiting for a choice, or, when theirs merged cleanly, a request to check and save again.
   */
  #conflictErrors(error: Error): FormError[] | undefined {
    if (!(error instanceof ConflictError) || !this.underneath) return undefined;
    this.reconcile();
    const t = this.#options.t;
    const waiting = [...this.underneath.waiting.keys()];
    return waiting.length
      ? waiting.map((field) => ({ field, message: t('form.chooseVersion') }))
      : [{ message: t('form.changedRetry') }];
  }

  /** The forms' module, which an open form was drawn by. */
  #formsOpen(): MapForms {
    if (!this.forms) throw new Error('A map form was submitted before the forms were loaded');
    return this.forms;
  }

  readonly submitMember = async (form: HTMLFormElement): Promise<void> => {
    const { panel } = this;
    const { data, t } = this.#options;
    const id = panel.kind === 'member-form' ? panel.memberId : undefined;
    const existing = id ? data.record?.members.find((m) => m.id === id) : undefined;
    // Gone since the form was drawn (the panel now says so): save nothing, never a new member.
    if (id && !existing) return;
    // Someone else changed a field this person also changed: nothing is saved until they choose.
    const waiting = [...(this.underneath?.waiting.keys() ?? [])];
    if (waiting.length) return this.refuse(waiting.map((field) => ({ field, message: t('form.chooseVersion') })));
    const { readMemberForm, memberFieldFor } = this.#formsOpen();
    const read = readMemberForm(form, t, existing, this.#options.today());
    if ('errors' in read) return this.refuse(read.errors);
    if (await this.apply(read.change, memberFieldFor, t('edit.saved'))) {
      this.#options.saved(read.member.id);
      await this.close();
    }
  };

  readonly submitPerson = async (form: HTMLFormElement): Promise<void> => {
    const { data, t } = this.#options;
    const person = data.record?.person;
    if (!person) return;
    const waiting = [...(this.underneath?.waiting.keys() ?? [])];
    if (waiting.length) return this.refuse(waiting.map((field) => ({ field, message: t('form.chooseVersion') })));
    const { readPersonForm, personFieldFor } = this.#formsOpen();
    const read = readPersonForm(form, t, person, this.#options.today());
    if ('errors' in read) return this.refuse(read.errors);
    if (await this.apply(read.change, personFieldFor, t('edit.saved'))) await this.close();
  };

  readonly submitTie = async (form: HTMLFormElement): Promise<void> => {
    const { panel } = this;
    const { data, t } = this.#options;
    const id = panel.kind === 'tie-form' ? panel.tieId : undefined;
    const existing = id ? data.record?.ties.find((x) => x.id === id) : undefined;
    if (id && !existing) return;
    const waiting = [...(this.underneath?.waiting.keys() ?? [])];
    if (waiting.length) return this.refuse(waiting.map((field) => ({ field, message: t('form.chooseVersion') })));
    const { readTieForm, tieFieldFor } = this.#formsOpen();
    const read = readTieForm(form, t, existing);
    if ('errors' in read) return this.refuse(read.errors);
    if (await this.apply(read.change, tieFieldFor, t('edit.saved'))) await this.close();
  };

  async removeMember(id: string): Promise<void> {
    if (await this.apply({ type: 'member/remove', memberId: id }, () => undefined, this.#options.t('edit.removed'))) {
      this.#options.removed(id);
      await this.close();
    }
  }

  async removeTie(id: string): Promise<void> {
    if (await this.apply({ type: 'tie/remove', tieId: id }, () => undefined, this.#options.t('edit.removed')))
      await this.close();
  }

  /**
   * "Move closer" / "Move further away". A move into the innermost or outermost ring
   * disables the button just pressed; focus then goes to the other one, never to the page.
   */
  readonly moveRing = async (event: Event, member: NetworkMember, step: -1 | 1): Promise<void> => {
    const button = event.currentTarget as HTMLButtonElement;
    const root = this.#host.renderRoot;
    await this.move(member, { ring: (member.ring + step) as Ring });
    await this.#host.updateComplete;
    if (!button.disabled) return;
    const other = root.querySelector<HTMLButtonElement>(`[data-move="${step < 0 ? 'further' : 'closer'}"]`);
    (other && !other.disabled ? other : root.querySelector<HTMLElement>('#panel-title'))?.focus();
  };

  readonly moveToSector = (member: NetworkMember): void => {
    const select = this.#host.renderRoot.querySelector<HTMLSelectElement>('#move-sector');
    void this.move(member, { sector: oneOf(SECTORS, select?.value, member.sector) });
  };

  /** Moves a member to another ring or sector (the buttons, the select and dragging all end here). */
  async move(member: NetworkMember, to: { ring?: Ring; sector?: Sector }): Promise<void> {
    const name = this.#options.nameOf(member.id);
    const moved: NetworkMember = { ...member, ...to };
    if (moved.ring === member.ring && moved.sector === member.sector) return;
    const ok = await this.apply({ type: 'member/update', member: moved }, () => undefined, '');
    if (ok && this.announcement === '') {
      const t = this.#options.t;
      this.#set({
        announcement: t('move.done', { name, ring: t(`ring.${moved.ring}`), sector: t(`sector.${moved.sector}`) }),
      });
    }
  }
}

/** What an edit form is open on, as the record has it now (undefined for a new member or tie, or one gone). */
function editedIn(
  record: CaseRecord,
  panel: Extract<Panel, { kind: 'member-form' | 'tie-form' | 'person-form' }>,
): NetworkMember | Tie | Person | undefined {
  if (panel.kind === 'person-form') return record.person;
  if (panel.kind === 'member-form') {
    return panel.memberId === undefined ? undefined : record.members.find((m) => m.id === panel.memberId);
  }
  return panel.tieId === undefined ? undefined : record.ties.find((x) => x.id === panel.tieId);
}
