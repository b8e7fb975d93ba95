/**
 * The timeline's meeting edits: which form is open (record, edit or cancel a meeting), its draft, errors,
 * the save in flight and the reason typed; the forms' rendering glue, and the one path every change
 * takes (through the store, or a cancelable `od-change` without one). Part of the forms' code (forms.ts),
 * fetched once the timeline is editable; the element reaches it through `TimelineEditing` (editing.ts).
 */
import { ConflictError, newId, type CaseRecord, type Change } from '@odkit/core';
import {
  focusErrorSummary,
  formErrorsFrom,
  type BaseCaseController,
  type EditedUnderneath,
  type FormError,
} from '@odkit/elements';
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { RECORD_BUTTON } from './focus-after-render.js';
import type { MeetingDraft } from './meeting-form.js';
import { draftAccess, draftValues } from './meeting-underneath.js';
import { formsOpen } from './on-demand.js';
import type { TimelineModel } from './model.js';
import type { T, TimelineFormats, TimelineHandlers } from './view-kit.js';

export type EditForm = { kind: 'new' } | { kind: 'edit'; id: string } | { kind: 'cancel'; id: string };

export interface MeetingEditsOptions {
  readonly data: BaseCaseController;
  readonly t: T;
  readonly f: TimelineFormats;
  /** The element's time zone and "now", read when needed. */
  readonly zone: () => string;
  readonly now: () => number;
  /** The model of the episode shown (cached), if there is one. */
  readonly model: () => TimelineModel | undefined;
  /** Focus goes to this element id after the next render (or `RECORD_BUTTON`). */
  readonly focus: (id: string) => void;
  /** Says this in the status line. */
  readonly announce: (text: string) => void;
  /** Opens a meeting's details (after a save) and returns the id of the details open, if any. */
  readonly opened: (id: string) => string | undefined;
  /** The meeting whose details are open, if any. */
  readonly openId: () => string | undefined;
}

type Host = ReactiveControllerHost & {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly editable: boolean;
};

/**
 * Held by the element (it needs no lifecycle, so it is no reactive controller); renders it again when its state
 * changes.
 */
export class MeetingEdits {
  /** The form open, if any. */
  form: EditForm | undefined;
  /** What the meeting form holds (none for the cancel form). */
  draft: MeetingDraft | undefined;
  /** The open form's problems (or a refused change's). */
  errors: FormError[] = [];
  /** A change is being saved: the save buttons are off. */
  busy = false;
  /** The cancellation reason typed. */
  reason = '';
  /** The open edit form's merge of changes saved elsewhere to its meeting (none for a new meeting). */
  underneath: EditedUnderneath | undefined;
  /** The record the open form last merged. */
  #merged: CaseRecord | undefined;
  /** The draft as a field reader and writer, for the merge. */
  readonly #access = draftAccess(
    () => this.draft,
    (draft) => this.#set({ draft }),
  );
  readonly #host: Host;
  readonly #o: MeetingEditsOptions;

  constructor(host: Host, options: MeetingEditsOptions) {
    this.#host = host;
    this.#o = options;
  }

  /** Changes state and renders again (as reactive properties would). */
  #set(state: Partial<Pick<MeetingEdits, 'form' | 'draft' | 'errors' | 'busy' | 'reason'>>): void {
    Object.assign(this, state);
    this.#host.requestUpdate();
  }

  /** Lets go of the form without moving focus (the details or another episode take its place). */
  dismiss(): void {
    this.#set({ form: undefined });
  }

  open(form: EditForm): void {
    const record = this.#o.data.record;
    const model = this.#o.model();
    if (!record || !model || !this.#host.editable) return;
    const existing = form.kind === 'new' ? undefined : record.meetings.find((m) => m.id === form.id);
    if (form.kind !== 'new' && !existing) return;
    const { draftFor, EditedUnderneath } = formsOpen();
    const draft =
      form.kind === 'cancel'
        ? undefined
        : draftFor(existing, record.members, model.meetings, this.#o.zone(), this.#o.now());
    this.underneath = form.kind === 'edit' && draft ? new EditedUnderneath(draftValues(draft)) : undefined;
    this.#merged = record;
    this.#set({ form, errors: [], reason: '', draft });
    this.#o.focus('form-title');
  }

  /**
   * Before each render: merges a change saved elsewhere to the meeting being edited into the form's draft (what the
   * person typed is kept; fields where both changed wait for their choice, and the status line says so).
   */
  reconcile(): void {
    const record = this.#o.data.record;
    const { form, underneath } = this;
    const model = this.#o.model();
    if (!underneath || form?.kind !== 'edit' || !record || !model || record === this.#merged) return;
    this.#merged = record;
    const live = record.meetings.find((m) => m.id === form.id);
    if (!live || !this.draft) return;
    const { readForm, draftFor } = formsOpen();
    // What is typed in a field still in focus reaches the draft only on its change event: read it first, so the merge
    // sees it as the person's own and never writes over it.
    const typed = this.#host.renderRoot.querySelector<HTMLFormElement>('.details.form form');
    if (typed) this.draft = readForm(typed, this.#pickableDraft(this.draft));
    const before = underneath.waiting.size;
    const theirs = draftFor(live, record.members, model.meetings, this.#o.zone(), this.#o.now());
    const fresh = underneath.merge(this.#access, draftValues(theirs));
    const count = underneath.waiting.size;
    if (fresh.length) this.#o.announce(this.#o.t('form.changedAnnounce', { count }));
    if (fresh.length || count !== before) this.#host.requestUpdate();
  }

  readonly useTheirs = (field: string): void => {
    this.underneath?.useTheirs(this.#access, field);
    this.#choseFor(field);
  };

  readonly keepMine = (field: string): void => {
    this.underneath?.keepMine(field);
    this.#choseFor(field);
  };

  /** A choice was made: that field's error goes, and focus goes to the next choice, or the form's title. */
  #choseFor(field: string): void {
    this.#set({ errors: this.errors.filter((e) => e.field !== `${field}-theirs-use`) });
    const next = [...(this.underneath?.waiting.keys() ?? [])][0];
    this.#o.focus(next ? `${next}-theirs-use` : 'form-title');
  }

  /** The fields waiting for a choice, as errors (the summary links to each one's choice). */
  #waitingErrors(): FormError[] {
    return [...(this.underneath?.waiting.keys() ?? [])].map((field) => ({
      field: `${field}-theirs-use`,
      message: this.#o.t('form.chooseVersion'),
    }));
  }

  close(): void {
    const form = this.form;
    this.underneath = undefined;
    this.#set({ form: undefined, draft: undefined, errors: [] });
    this.#o.focus(form?.kind === 'new' && !this.#o.openId() ? RECORD_BUTTON : 'details-title');
  }

  /** The open form, or undefined when the details (or nothing) take the side panel. */
  render(record: CaseRecord, on: TimelineHandlers): TemplateResult | undefined {
    const form = this.form;
    const root = this.#host.renderRoot as ShadowRoot;
    if (!form) return undefined;
    const { renderCancelForm, pickableMembers, renderMeetingPanel, withPickable } = formsOpen();
    if (form.kind === 'cancel') {
      const meeting = record.meetings.find((m) => m.id === form.id);
      if (!meeting) return html``;
      const view = { meeting, reason: this.reason, errors: this.errors, busy: this.busy, root };
      return renderCancelForm(view, this.#o.t, this.#o.f, on);
    }
    if (!this.draft) return undefined;
    const existing = form.kind === 'edit' ? record.meetings.find((m) => m.id === form.id) : undefined;
    const members = pickableMembers(record.members, existing);
    return renderMeetingPanel(
      {
        // The meeting left the record while its form was open (the host replaced the record): save nothing.
        gone: form.kind === 'edit' && !existing,
        headingLevel: this.#o.f.headingLevel(1),
        editing: !!existing,
        theirs: this.underneath?.waiting.size
          ? {
              waiting: this.underneath.waiting,
              members: record.members,
              useTheirs: this.useTheirs,
              keepMine: this.keepMine,
            }
          : undefined,
        form: {
          t: this.#o.t,
          draft: withPickable(this.draft, members, record.meetings),
          errors: this.errors,
          members,
          zoneName: this.#o.zone(),
          busy: this.busy,
        },
        root,
      },
      this.#o.t,
      on,
    );
  }

  /** The cancellation reason was typed. */
  typed(reason: string): void {
    this.#set({ reason });
  }

  /** The meeting form changed: its draft follows. */
  changed(event: Event): void {
    if (!this.draft) return;
    const { readForm } = formsOpen();
    this.#set({ draft: readForm(event.currentTarget as HTMLFormElement, this.#pickableDraft(this.draft)) });
  }

  /** The draft with every member who can be picked now (the network may have changed since the form opened). */
  #pickableDraft(draft: MeetingDraft): MeetingDraft {
    const record = this.#o.data.record;
    if (!record) return draft;
    const existing = draft.id ? record.meetings.find((m) => m.id === draft.id) : undefined;
    const { withPickable, pickableMembers } = formsOpen();
    return withPickable(draft, pickableMembers(record.members, existing), record.meetings);
  }

  async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const o = this.#o;
    const record = o.data.record;
    const episode = o.model()?.episode;
    if (!record || !episode || !this.draft || this.busy) return;
    const { readForm, buildChange, fieldForIssue } = formsOpen();
    const draft = readForm(event.currentTarget as HTMLFormElement, this.#pickableDraft(this.draft));
    this.#set({ draft });
    const existing = draft.id ? record.meetings.find((m) => m.id === draft.id) : undefined;
    // Editing a meeting no longer in the record must never record it again.
    if (draft.id && !existing) return;
    // Someone else changed a field this person also changed: nothing is saved until they choose.
    if (this.underneath?.waiting.size) return this.#showErrors(this.#waitingErrors());
    const built = buildChange(draft, {
      t: o.t,
      zone: o.zone(),
      now: o.now(),
      episode: existing ? (record.episodes.find((e) => e.id === existing.episodeId) ?? episode) : episode,
      existing,
      formatDateTime: o.f.dateTime,
      formatDate: o.f.calendarDate,
      // Random ids (not a clock or counter): two devices adding offline must never collide.
      newId: () => newId('mt'),
    });
    if (!built.change) return this.#showErrors(built.errors);
    const errors = await this.#apply(built.change, (path) => fieldForIssue(path, built.meeting));
    if (errors) return this.#showErrors(errors);
    const id = built.meeting!.id;
    this.#set({ form: undefined, draft: undefined, errors: [] });
    o.announce(o.t('edit.saved'));
    // A host that cancelled od-change applies the change itself: the new meeting may not be here yet.
    if (o.opened(id) !== id) o.focus(RECORD_BUTTON);
  }

  async confirmCancel(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = this.form;
    const meeting = form?.kind === 'cancel' ? this.#o.data.record?.meetings.find((m) => m.id === form.id) : undefined;
    if (!meeting) return;
    const { buildCancel, cancelFieldFor } = formsOpen();
    const built = buildCancel(meeting, this.reason, this.#o.t);
    if (!built.change) return this.#showErrors(built.errors);
    const errors = await this.#apply(built.change, cancelFieldFor);
    if (errors) return this.#showErrors(errors);
    this.#set({ form: undefined });
    this.#o.announce(this.#o.t('edit.cancelled'));
    this.#o.opened(meeting.id);
  }

  async #apply(
    change: Change,
    fieldFor: (path: readonly (string | number)[]) => string | undefined,
  ): Promise<FormError[] | undefined> {
    this.#set({ busy: true });
    try {
      const result = await this.#o.data.apply(change);
      if (result.status !== 'failed') return undefined; // applied, or applied by a host that cancelled od-change
      // Someone else saved first: the store now shows their meeting, merged into the draft.
      if (result.error instanceof ConflictError && this.underneath) {
        this.reconcile();
        const waiting = this.#waitingErrors();
        return waiting.length ? waiting : [{ message: this.#o.t('form.changedRetry') }];
      }
      return formErrorsFrom(result.error, fieldFor, this.#o.t('form.saveFailed'));
    } finally {
      this.#set({ busy: false });
    }
  }

  async #showErrors(errors: FormError[]): Promise<void> {
    this.#set({ errors });
    await this.#host.updateComplete;
    focusErrorSummary(this.#host.renderRoot);
  }
}
