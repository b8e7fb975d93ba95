/**
 * Saving as you go. Edits to a stored assessment wait here (a comment for a pause in
 * typing, the rater's details until the field is left) and are saved one change at a
 * time, in order, through the widget's CaseController; before the assessment exists,
 * the first save starts it. Apart from the element so that the rules for when and what
 * is saved (and that nothing typed is lost on leaving) read in one place.
 */
import { ConflictError, SerialQueue, type Assessment, type Change, type Instrument } from '@odkit/core';
import { OdErrorEvent, type CaseController, type FieldValues } from '@odkit/elements';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  ABOUT_FIELDS,
  AssessmentUnderneath,
  aboutIn,
  aboutKeyOf,
  fieldName,
  fieldOf,
  ratingFrom,
  ratingText,
  valueIn,
} from './assessment-underneath.js';
import { DeviceDraftKeeper, draftFields, isLasting, type DraftQuery } from './device-draft.js';
import { now, withRating, type Draft, type RatingValue } from './draft.js';
import type { RaterEdit } from './rater-view.js';

/**
 * Comments are saved this long after the last key press (and at once when the field is left, or
 * the page hidden or left); every edit is on this device's draft (device-draft.ts) at once.
 */
export const COMMENT_DEBOUNCE_MS = 600;

/**
 * How many times in a row a save refused because someone else saved first is tried again on top of theirs before the
 * refusal is shown (each try follows their newest version).
 */
const CONFLICT_RETRIES = 3;

/** How a save went: applied, cancelled by the host (od-change), refused because someone else saved first, or failed. */
type SaveResult = 'applied' | 'cancelled' | 'conflict' | 'failed';

/** Where the draft is: kept on this device until completed, or only there for now (why). */
export type DeviceWhere = 'kept' | 'failed' | 'needs-name';

/** An item's edit not saved yet. */
export interface PendingRating {
  value?: RatingValue | null;
  comment?: string;
}

/** What the autosave needs from its widget. */
export interface AutosaveOptions {
  /** Where edits are saved. */
  readonly data: CaseController;
  /** The assessment shown, as stored in the record (undefined until it is started). */
  stored(): Assessment | undefined;
  /** The held meeting the assessment is for. */
  meetingId(): string | undefined;
  /** The instrument shown. */
  instrument(): Instrument | undefined;
  /** The draft filled in before the assessment is started (and standalone). */
  local(): Draft | undefined;
  setLocal(draft: Draft): void;
  /** The rater's name of a stored assessment was emptied: the widget asks for it. */
  nameMissing(): void;
}

export class AutosaveController implements ReactiveController {
  /** The assessment this widget started or continued, followed across updates. */
  trackedId: string | undefined;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: AutosaveOptions;
  readonly #pending = new Map<string, PendingRating>();
  #pendingAbout: RaterEdit = {};
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #queue = new SerialQueue();
  #saveError: Error | undefined;
  #savedAt: string | undefined;
  /** The assessment as its start was sent to the store, until the store has it. */
  #starting: Assessment | undefined;
  readonly #device: DeviceDraftKeeper;
  /** The checklist (case, meeting, instrument, …) a draft was last looked for, so that it is restored once. */
  #restoredFor: string | undefined;
  /** A save is on its way to the store. */
  #saving = false;
  /** A restored draft is being merged with what is stored: its fields are written, but the draft is not. */
  #resuming = false;
  /** Saves refused in a row because someone else saved first. */
  #conflicts = 0;
  /**
   * Changes someone else saves to the assessment while this person rates it, merged item by item into what they see;
   * where both changed an item, it waits for their choice.
   */
  readonly underneath = new AssessmentUnderneath({
    stored: () => this.#currentStored(),
    instrument: () => this.#options.instrument(),
    busy: () => this.#saving,
    mine: { read: (name) => this.#readField(name), write: (name, value) => this.#writeField(name, value) },
  });

  constructor(host: ReactiveControllerHost & HTMLElement, options: AutosaveOptions) {
    this.#host = host;
    this.#options = options;
    this.#device = new DeviceDraftKeeper((error) => host.dispatchEvent(new OdErrorEvent(error)));
    host.addController(this);
  }

  hostConnected(): void {
    if (typeof window === 'undefined') return;
    window.addEventListener('pagehide', this.#onLeavePage);
    document.addEventListener('visibilitychange', this.#onVisibility);
    window.addEventListener('submit', this.#onSubmit);
  }

  hostDisconnected(): void {
    // saveOnLeave (called by the widget first) has handed pending edits to the store: no timer may outlive the widget.
    this.#stopTimer();
    if (typeof window === 'undefined') return;
    window.removeEventListener('pagehide', this.#onLeavePage);
    document.removeEventListener('visibilitychange', this.#onVisibility);
    window.removeEventListener('submit', this.#onSubmit);
  }

  /** The page is left (a reload, a link, a closed tab) or hidden (maybe never shown again): save now, not later. */
  readonly #onLeavePage = () => {
    if (this.#timer === undefined) return;
    this.#stopTimer();
    void this.#queue.run(() => this.#flush());
  };

  readonly #onVisibility = () => {
    if (document.visibilityState === 'hidden') this.#onLeavePage();
  };

  /** The checklist's form was submitted (and not stopped): what it holds has gone with it. */
  readonly #onSubmit = (event: Event) => {
    const form = (this.#host as { form?: HTMLFormElement | null }).form;
    if (form && event.target === form && !event.defaultPrevented) this.discardDraft();
  };

  /**
   * What the status line says about the draft on this device: kept there until completed (a store that does not
   * outlast a reload, or none), only there for now (no rater's name yet, a failed save), and what a restore did.
   */
  get deviceStatus(): { where?: DeviceWhere; note?: 'restored' | 'unreadable' } {
    const device = this.#device;
    const status: { where?: DeviceWhere; note?: 'restored' | 'unreadable' } = {};
    if (device.note) status.note = device.note;
    if (!device.kept || !this.recordMode) return status;
    if (!isLasting(this.#options.data.store)) status.where = 'kept';
    else if (this.#saveError) status.where = 'failed';
    else if (!this.#options.stored() && !this.#options.local()?.rater.name.trim()) status.where = 'needs-name';
    return status;
  }

  /**
   * Puts back the draft this device kept for what the checklist shows (once per case, meeting, instrument, assessment
   * and rater), and saves it. Returns true when it is a stored assessment's, now followed as `trackedId`.
   */
  restoreDraft(query: Omit<DraftQuery, 'record'>): boolean {
    const record = this.#options.data.record;
    if (!record || !this.recordMode) return false;
    const context = [record.id, query.meetingId, query.instrument.id, query.assessmentId, query.raterName].join('\n');
    if (this.#restoredFor === context) return false;
    this.#restoredFor = context;
    const found = this.#device.restore({ ...query, record });
    if (!found) return false;
    const draft = found.assessment;
    const stored = record.assessments.find((a) => a.id === draft.id);
    this.#host.requestUpdate();
    if (!stored) {
      this.trackedId = undefined;
      this.#options.setLocal(structuredClone(draft));
      this.#saveSoon(0);
      return false;
    }
    this.trackedId = stored.id;
    // Every field the draft changed is put back as the person left it, then merged three ways against what is stored
    // now, as a change saved elsewhere while they rated is: fields only they changed since are taken, fields both
    // changed wait for the person's choice (and are not saved until they make it).
    for (const itemId of found.edited) {
      const mine = draft.ratings.find((r) => r.itemId === itemId);
      const theirs = stored.ratings.find((r) => r.itemId === itemId);
      if (mine?.value !== theirs?.value || (mine?.comment ?? '') !== (theirs?.comment ?? '')) {
        this.#pending.set(itemId, { value: mine?.value ?? null, comment: mine?.comment ?? '' });
      }
    }
    if (found.raterEdited) {
      const about = editsSince(stored, draft).about;
      if (about) this.#pendingAbout = about;
    }
    const fields = draftFields(found.edited, found.raterEdited);
    // Taking theirs here is no edit of the person's: the draft stays as it was (and merges the same way again).
    this.#resuming = true;
    try {
      this.underneath.resume(stored, query.instrument, fields, found.base);
    } finally {
      this.#resuming = false;
    }
    this.#saveSoon(0);
    return true;
  }

  /** Removes the draft from this device (a form reset: what was not saved is dropped). */
  discardDraft(): void {
    this.#device.clear();
    this.#host.requestUpdate();
  }

  /** Writes what is shown to this device's draft after an edit (only with a record: it is keyed by its case). */
  #keepDraft(edit: { itemId?: string; rater?: boolean }): void {
    const caseId = this.#options.data.record?.id;
    const meetingId = this.#options.meetingId();
    const base = this.#currentStored() ?? this.#options.local();
    if (this.#resuming || !this.recordMode || !caseId || !meetingId || !base) return;
    this.#device.keep(caseId, { ...this.overlay(base), meetingId }, edit, (fields) => this.underneath.baseOf(fields));
  }

  /** Writes the draft again after a choice on `field` (what it is based on has changed). */
  #keepDraftOf(field: string): void {
    const itemId = fieldOf(field)?.itemId;
    if (itemId || aboutKeyOf(field)) this.#keepDraft(itemId ? { itemId } : { rater: true });
  }

  /** Everything typed is in a store that outlasts a reload: the draft on this device can go. */
  #clearDraftIfSaved(): void {
    if (!this.#device.kept || !isLasting(this.#options.data.store) || this.#timer !== undefined) return;
    if (this.#hasEdits() || this.#saveError || !this.#currentStored()) return;
    this.#device.clear();
    this.#host.requestUpdate();
  }

  /** Whether edits are saved: the widget shows a record (a property or a store's). */
  get recordMode(): boolean {
    const { data } = this.#options;
    return data.record !== undefined || data.store !== undefined;
  }

  /** Why the last save failed (shown until one succeeds). */
  get saveError(): Error | undefined {
    return this.#saveError;
  }
  set saveError(error: Error | undefined) {
    if (error === this.#saveError) return;
    this.#saveError = error;
    this.#host.requestUpdate();
  }

  /** When an edit was last saved. */
  get savedAt(): string | undefined {
    return this.#savedAt;
  }

  /** `base` (the stored assessment) with the edits not saved yet laid over it. */
  overlay(base: Draft): Draft {
    if (!this.#hasEdits()) return base;
    let draft: Draft = base;
    for (const [itemId, p] of this.#pending) draft = withRating(draft, itemId, p);
    return withAbout(draft, this.#pendingAbout);
  }

  /** An item rated or commented: saved after `delay` ms (0: now). */
  editRating(itemId: string, change: PendingRating, delay: number): void {
    const local = this.#options.local();
    if (this.#options.stored()) {
      this.#pending.set(itemId, { ...this.#pending.get(itemId), ...change });
      this.#keepDraft({ itemId });
      this.#host.requestUpdate();
      this.#saveSoon(delay);
    } else if (local) {
      this.#options.setLocal(withRating(local, itemId, change));
      this.#keepDraft({ itemId });
      if (this.recordMode) this.#saveSoon(delay);
    }
  }

  /** The rater's details edited; saved when `commit` (a choice made, the name field left). */
  editRater(change: RaterEdit, commit: boolean): void {
    const local = this.#options.local();
    if (this.#options.stored()) {
      this.#pendingAbout = { ...this.#pendingAbout, ...change };
      this.#keepDraft({ rater: true });
      this.#host.requestUpdate();
      if (commit) this.#saveSoon(0);
    } else if (local) {
      this.#options.setLocal(withAbout(local, change));
      this.#keepDraft({ rater: true });
      if (commit && this.recordMode) this.#saveSoon(0);
    }
  }

  /** Drops edits not saved yet (a form reset, or another assessment shown: its draft stays on this device). */
  cancel(): void {
    this.#stopTimer();
    this.#pending.clear();
    this.#pendingAbout = {};
    this.#device.letGo();
    this.#restoredFor = undefined; // what is shown next may have a draft of its own (or this one again)
    this.underneath.reset();
  }

  /* ---------------------------------------------------------------- edited underneath */

  /** A field as the person has it: their edit not saved yet, else the stored one. */
  #readField(name: string): string {
    const key = aboutKeyOf(name);
    if (key) return this.#pendingAbout[key] ?? aboutIn(this.#currentStored(), key);
    const field = fieldOf(name);
    if (!field) return '';
    const edit = this.#pending.get(field.itemId);
    if (edit && field.part === 'rating' && 'value' in edit) return ratingText(edit.value);
    if (edit && field.part === 'comment' && edit.comment !== undefined) return edit.comment;
    return valueIn(this.#currentStored(), field.part, field.itemId);
  }

  /** Puts a value into a field: an edit to save, or none when the stored one already has it. */
  #writeField(name: string, value: string): void {
    const key = aboutKeyOf(name);
    if (key) {
      const about: Record<string, string> = { ...this.#pendingAbout };
      if (value === aboutIn(this.#currentStored(), key)) delete about[key];
      else about[key] = value;
      this.#pendingAbout = about as RaterEdit;
      this.#keepDraft({ rater: true });
      this.#host.requestUpdate();
      return;
    }
    const field = fieldOf(name);
    if (!field) return;
    const { itemId, part } = field;
    const edit: PendingRating = { ...this.#pending.get(itemId) };
    const same = value === valueIn(this.#currentStored(), part, itemId);
    if (part === 'rating') {
      if (same) delete edit.value;
      else edit.value = ratingFrom(value);
    } else if (same) delete edit.comment;
    else edit.comment = value;
    this.#setPending(itemId, edit);
    this.#keepDraft({ itemId });
    this.#host.requestUpdate();
  }

  /** The person chose the value someone else saved for `field`: it is shown, and nothing of theirs is saved over it. */
  useTheirs(field: string): void {
    this.underneath.useTheirs(field);
    this.#saveSoon(0);
  }

  /** The person chose to keep their own value in `field`: it is saved on top of the version someone else saved. */
  keepMine(field: string): void {
    this.underneath.keepMine(field);
    this.#keepDraftOf(field); // based on theirs now: a reload before it is saved does not ask again
    this.#host.requestUpdate();
    this.#saveSoon(0);
  }

  /** `entry` without what waits for the person's choice (never saved until they make it), or undefined if nothing. */
  #sendable(itemId: string, entry: PendingRating): PendingRating | undefined {
    const sendable: PendingRating = { ...entry };
    if (this.underneath.holds('rating', itemId)) delete sendable.value;
    if (this.underneath.holds('comment', itemId)) delete sendable.comment;
    return 'value' in sendable || sendable.comment !== undefined ? sendable : undefined;
  }

  /** The rater's details edited, without what waits for the person's choice. */
  #sendableAbout(): RaterEdit {
    const about: RaterEdit = { ...this.#pendingAbout };
    for (const key of Object.keys(about) as (keyof RaterEdit)[]) if (this.underneath.holdsAbout(key)) delete about[key];
    return about;
  }

  /** Takes what was saved of the rater's details out of the edits not saved yet (unless edited again since). */
  #sentAbout(sent: RaterEdit): void {
    const left: RaterEdit = { ...this.#pendingAbout };
    for (const key of Object.keys(sent) as (keyof RaterEdit)[]) if (left[key] === sent[key]) delete left[key];
    this.#pendingAbout = left;
  }

  /** Whether an item's edit is still to be saved (not counting what waits for the person's choice). */
  #unsaved(): boolean {
    return [...this.#pending].some(([itemId, entry]) => this.#sendable(itemId, entry) !== undefined);
  }

  /** Takes what was saved of an item out of its edits not saved yet (unless it was edited again since). */
  #sentOf(itemId: string, sent: PendingRating): void {
    const edit = this.#pending.get(itemId);
    if (!edit) return;
    const left: PendingRating = { ...edit };
    if ('value' in sent && left.value === sent.value) delete left.value;
    if (sent.comment !== undefined && left.comment === sent.comment) delete left.comment;
    this.#setPending(itemId, left);
  }

  /** An item's edit not saved yet, or none when it has nothing left. */
  #setPending(itemId: string, edit: PendingRating): void {
    if (Object.keys(edit).length) this.#pending.set(itemId, edit);
    else this.#pending.delete(itemId);
  }

  /**
   * Saves what is pending, then completes the assessment. Returns the error to show in
   * the form if it could not be completed.
   */
  async complete(): Promise<Error | 'waiting' | undefined> {
    this.#stopTimer();
    return this.#queue.run(async () => {
      // An earlier failed save is tried again here; only a failure now stops completing.
      this.saveError = undefined;
      for (let tries = 0; ; tries++) {
        await this.#flush();
        const stored = this.#currentStored();
        if (this.#saveError) return this.#saveError;
        // Someone else changed what this person changed too: they choose before it is completed.
        if (this.underneath.waiting.size) return 'waiting';
        // A save refused because someone else saved first left edits to save on top of their version: save them first.
        if (this.#unsaved() && tries < CONFLICT_RETRIES) continue;
        if (!stored) return undefined;
        const result = await this.#save({ type: 'assessment/complete', assessmentId: stored.id, at: now() });
        // Someone else saved first: their version is merged in, and what is left of mine saved on top of it first.
        if (result === 'conflict' && tries < CONFLICT_RETRIES) continue;
        if (result === 'applied' || result === 'cancelled') {
          if (result === 'applied') this.discardDraft();
          return undefined;
        }
        const error = this.#saveError;
        if (error) this.saveError = undefined;
        return error;
      }
    });
  }

  /**
   * Reopens a completed assessment (after any save still queued), then saves what was not saved when someone else
   * completed it.
   */
  async reopen(assessmentId: string): Promise<void> {
    await this.#queue.run(async () => {
      const result = await this.#save({ type: 'assessment/reopen', assessmentId, at: now() }, { retry: false });
      if (result === 'applied' && this.#hasEdits()) await this.#flush();
    });
  }

  /**
   * Someone else completed the assessment while this person had edits not saved yet: they are kept (shown, and on
   * this device) until it is reopened.
   */
  get unsavedOnCompleted(): boolean {
    return this.#currentStored()?.status === 'complete' && this.#hasEdits();
  }

  #hasEdits(): boolean {
    return this.#pending.size > 0 || Object.keys(this.#pendingAbout).length > 0;
  }

  /**
   * Hands edits not saved yet (a comment in its pause, the rater's details still being
   * typed, or a save still queued) straight to the store: the widget is going away, and
   * its queue would run after the store has been let go. Call before the controllers
   * disconnect.
   */
  saveOnLeave(): void {
    this.#stopTimer();
    const store = this.#options.data.store;
    const stored = this.#currentStored();
    // What waits for the person's choice is not saved over someone else's: it stays in the draft on this device.
    const about = this.#sendableAbout();
    const report = (error: unknown) => this.#host.dispatchEvent(new OdErrorEvent(error));
    if (store && !stored && this.#starting && this.recordMode) {
      // The start is still on its way: what was typed since goes after it (a store applies changes in order).
      const latest = this.#options.local();
      if (!latest) return;
      const since = editsSince(this.#starting, latest);
      const name = since.about?.name?.trim();
      if (since.about && name) {
        store
          .apply({ type: 'assessment/update', assessment: withRater(this.#starting, since.about, name) })
          .catch(report);
      }
      for (const [itemId, entry] of since.ratings)
        store.apply(rateChange(this.#starting.id, itemId, entry)).catch(report);
      return;
    }
    if (store && !stored && !this.trackedId && this.recordMode) {
      // Not saved yet (a comment still in its pause, say): start the assessment with everything in the local draft.
      const assessment = this.#toStart();
      if (assessment) store.apply({ type: 'assessment/start', assessment }).catch(report);
      return;
    }
    if (!store || !stored || stored.status === 'complete' || !this.#hasEdits()) return;
    // The rater's details first: the update carries the stored ratings, and the ratings below go on top of it.
    const name = (about.name ?? stored.rater.name).trim();
    if (Object.keys(about).length && name) {
      store.apply({ type: 'assessment/update', assessment: withRater(stored, about, name) }).catch(report);
    }
    this.#pendingAbout = {};
    for (const [itemId, entry] of this.#pending) {
      const sendable = this.#sendable(itemId, entry);
      if (sendable) store.apply(rateChange(stored.id, itemId, sendable)).catch(report);
    }
    this.#pending.clear();
  }

  #stopTimer(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Saves what is pending after `delay` ms (0: now), one change at a time. */
  #saveSoon(delay: number): void {
    this.#stopTimer();
    if (delay > 0) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        void this.#queue.run(() => this.#flush());
      }, delay);
      return;
    }
    void this.#queue.run(() => this.#flush());
  }

  /**
   * Applies one change; keeps a failure for the save error state. `sent`: the item fields it saves, which become what
   * a change from elsewhere is compared with. A change refused because someone else saved first (the store then shows
   * their version) is merged in and tried again on top of it (`retry`, up to CONFLICT_RETRIES times in a row): it is
   * a `conflict`, not an error.
   */
  async #save(
    change: Change,
    { sent, retry = true }: { sent?: FieldValues; retry?: boolean } = {},
  ): Promise<SaveResult> {
    this.#saving = true;
    let result: Awaited<ReturnType<CaseController['apply']>>;
    try {
      // A conflict tried again on top of theirs is no error to report to the host; the last one, shown, is.
      const handled = (error: Error) => error instanceof ConflictError && retry && this.#conflicts < CONFLICT_RETRIES;
      result = await this.#options.data.apply(change, { handled });
    } finally {
      this.#saving = false;
    }
    if (result.status === 'failed') {
      if (result.error instanceof ConflictError && retry && this.#conflicts < CONFLICT_RETRIES) {
        this.#conflicts++;
        this.underneath.reconcile();
        this.#host.requestUpdate();
        return 'conflict';
      }
      this.saveError = result.error;
      return 'failed';
    }
    this.#conflicts = 0;
    this.saveError = undefined;
    if (result.status === 'applied') {
      if (sent) this.underneath.saved(sent);
      this.#savedAt = now();
      this.#host.requestUpdate();
    }
    return result.status;
  }

  /** The assessment the local draft starts (the rater's name trimmed); undefined without a meeting or a name. */
  #toStart(): Assessment | undefined {
    const local = this.#options.local();
    const meetingId = this.#options.meetingId();
    const name = local?.rater.name.trim();
    return local && meetingId && name
      ? { ...local, meetingId, rater: { ...local.rater, name }, status: 'draft', updatedAt: now() }
      : undefined;
  }

  #currentStored(): Assessment | undefined {
    const id = this.trackedId;
    return id ? this.#options.data.record?.assessments.find((a) => a.id === id) : undefined;
  }

  /** Saves what was edited, then lets the draft on this device go if a lasting store has all of it. */
  async #flush(): Promise<void> {
    await this.#saveEdits();
    if (this.#host.isConnected) this.#clearDraftIfSaved();
  }

  /**
   * Brings the record up to date with what was edited: starts the assessment, then saves pending ratings and rater
   * details.
   */
  async #saveEdits(): Promise<void> {
    if (!this.recordMode || !this.#host.isConnected) return;
    let stored = this.#currentStored();
    if (!stored) {
      const assessment = this.#toStart();
      if (!assessment) return;
      this.trackedId = assessment.id;
      this.#starting = assessment;
      const ok = (await this.#save({ type: 'assessment/start', assessment }, { retry: false })) === 'applied';
      this.#starting = undefined;
      // Left while it was starting: saveOnLeave has handed the later edits to the store.
      if (!this.#host.isConnected) return;
      stored = this.#currentStored();
      if (!ok || !stored) {
        if (!ok) this.trackedId = undefined;
        this.#host.requestUpdate();
        return;
      }
      // Edits made while it was starting are still in the local draft: save them too. Edits made once the store
      // already showed the new assessment (before its save had returned) went to the pending edits: they are
      // newer than the local draft, so they win over it field by field rather than being replaced by it.
      const since = editsSince(stored, this.#options.local() ?? assessment);
      for (const [itemId, entry] of since.ratings)
        this.#pending.set(itemId, { ...entry, ...this.#pending.get(itemId) });
      if (since.about) this.#pendingAbout = { ...since.about, ...this.#pendingAbout };
      this.#host.requestUpdate();
    }
    for (const [itemId, entry] of [...this.#pending]) {
      stored = this.#currentStored();
      if (!stored || stored.status === 'complete') break;
      // What waits for the person's choice stays theirs, unsaved, until they choose.
      const sendable = this.#sendable(itemId, entry);
      if (!sendable) continue;
      const result = await this.#save(rateChange(stored.id, itemId, sendable), { sent: sentValues(itemId, sendable) });
      // Someone else saved first: their version is merged in now; what is left of mine goes on top of it.
      if (result === 'conflict') return this.#saveSoon(0);
      // A failed save keeps the edit (still shown, tried again with the next save); a host's cancel ends it.
      if (result === 'failed') {
        this.#host.requestUpdate();
        return;
      }
      this.#sentOf(itemId, sendable);
      this.#host.requestUpdate();
    }
    const about = this.#sendableAbout();
    stored = this.#currentStored();
    if (stored && stored.status === 'draft' && Object.keys(about).length) {
      const name = (about.name ?? stored.rater.name).trim();
      if (!name) {
        this.#options.nameMissing();
        return;
      }
      const assessment = withRater(stored, about, name);
      const sent = Object.fromEntries(
        (Object.keys(about) as (keyof RaterEdit)[]).map((key) => [ABOUT_FIELDS[key], aboutIn(assessment, key)]),
      );
      const result = await this.#save({ type: 'assessment/update', assessment }, { sent });
      if (result === 'conflict') return this.#saveSoon(0);
      if (result !== 'failed') this.#sentAbout(about);
      this.#host.requestUpdate();
    }
  }
}

/** The item fields a pending edit saves, by field name. */
function sentValues(itemId: string, entry: PendingRating): FieldValues {
  const values: Record<string, string> = {};
  if ('value' in entry) values[fieldName('rating', itemId)] = ratingText(entry.value);
  if (entry.comment !== undefined) values[fieldName('comment', itemId)] = entry.comment;
  return values;
}

/** The change that saves one item's pending edit. */
function rateChange(assessmentId: string, itemId: string, entry: PendingRating): Change {
  const change: Extract<Change, { type: 'assessment/rate' }> = {
    type: 'assessment/rate',
    assessmentId,
    itemId,
    at: now(),
  };
  if ('value' in entry) change.value = entry.value ?? null;
  if (entry.comment !== undefined) change.comment = entry.comment;
  return change;
}

/** What `latest` (the local draft) has that `stored` has not: item edits, and the rater's details if they differ. */
function editsSince(stored: Assessment, latest: Draft): { ratings: [string, PendingRating][]; about?: RaterEdit } {
  const ratings: [string, PendingRating][] = [];
  for (const rating of latest.ratings) {
    const before = stored.ratings.find((r) => r.itemId === rating.itemId);
    if (before?.value !== rating.value || before?.comment !== rating.comment) {
      ratings.push([rating.itemId, { value: rating.value ?? null, comment: rating.comment ?? '' }]);
    }
  }
  const raterChanged =
    latest.rater.name.trim() !== stored.rater.name ||
    latest.raterRole !== stored.raterRole ||
    latest.evidence !== stored.evidence;
  const about = { name: latest.rater.name, raterRole: latest.raterRole, evidence: latest.evidence };
  return raterChanged ? { ratings, about } : { ratings };
}

/** `draft` with the rater's details edited: `name` (default: the edit's) and each detail the edit has. */
function withAbout<T extends Draft>(draft: T, about: RaterEdit, name = about.name): T {
  return {
    ...draft,
    rater: name !== undefined ? { ...draft.rater, name } : draft.rater,
    raterRole: about.raterRole ?? draft.raterRole,
    evidence: about.evidence ?? draft.evidence,
  };
}

/** `stored` with the rater's details edited (the name already trimmed), to save. */
function withRater(stored: Assessment, about: RaterEdit, name: string): Assessment {
  return { ...withAbout(stored, about, name), updatedAt: now() };
}
