/**
 * Saving as you go. Edits to a stored assessment wait here (a comment for a pause in
 * typing, the rater's details until the field is left) and are saved one change at a
 * time, in order, through the widget's CaseController; before the assessment exists,
 * the first save starts it. Apart from the element so that the rules for when and what
 * is saved (and that nothing typed is lost on leaving) read in one place.
 */
import { SerialQueue, type Assessment, type Change } from '@odkit/core';
import { OdErrorEvent, type CaseController } from '@odkit/elements';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DeviceDraftKeeper, isLasting, type DraftQuery } from './device-draft.js';
import { now, withRating, type Draft, type RatingValue } from './draft.js';
import type { RaterEdit } from './rater-view.js';

/**
 * Comments are saved this long after the last key press (and at once when the field is left, or
 * the page hidden or left); every edit is on this device's draft (device-draft.ts) at once.
 */
export const COMMENT_DEBOUNCE_MS = 600;

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
    const base = this.#options.stored() ?? this.#options.local();
    if (!this.recordMode || !caseId || !meetingId || !base) return;
    this.#device.keep(caseId, { ...this.overlay(base), meetingId }, edit);
  }

  /** Everything typed is in a store that outlasts a reload: the draft on this device can go. */
  #clearDraftIfSaved(): void {
    if (!this.#device.kept || !isLasting(this.#options.data.store) || this.#timer !== undefined) return;
    if (this.#pending.size || Object.keys(this.#pendingAbout).length || this.#saveError || !this.#currentStored())
      return;
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
    if (this.#pending.size === 0 && Object.keys(this.#pendingAbout).length === 0) return base;
    let draft: Draft = base;
    for (const [itemId, p] of this.#pending) draft = withRating(draft, itemId, p);
    const about = this.#pendingAbout;
    if (about.name !== undefined || about.raterRole || about.evidence) {
      draft = {
        ...draft,
        rater: about.name !== undefined ? { ...draft.rater, name: about.name } : draft.rater,
        raterRole: about.raterRole ?? draft.raterRole,
        evidence: about.evidence ?? draft.evidence,
      };
    }
    return draft;
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
      this.#options.setLocal({
        ...local,
        rater: change.name !== undefined ? { ...local.rater, name: change.name } : local.rater,
        raterRole: change.raterRole ?? local.raterRole,
        evidence: change.evidence ?? local.evidence,
      });
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
  }

  /**
   * Saves what is pending, then completes the assessment. Returns the error to show in
   * the form if it could not be completed.
   */
  async complete(): Promise<Error | undefined> {
    this.#stopTimer();
    return this.#queue.run(async () => {
      // An earlier failed save is tried again here; only a failure now stops completing.
      this.saveError = undefined;
      await this.#flush();
      const stored = this.#currentStored();
      if (this.#saveError) return this.#saveError;
      if (!stored) return undefined;
      const ok = await this.#save({ type: 'assessment/complete', assessmentId: stored.id, at: now() });
      if (ok) this.discardDraft();
      const error = !ok ? this.#saveError : undefined;
      if (error) this.saveError = undefined;
      return error;
    });
  }

  /** Reopens a completed assessment (after any save still queued). */
  async reopen(assessmentId: string): Promise<void> {
    await this.#queue.run(() => this.#save({ type: 'assessment/reopen', assessmentId, at: now() }));
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
    const about = this.#pendingAbout;
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
      const local = this.#options.local();
      const meetingId = this.#options.meetingId();
      const name = local?.rater.name.trim();
      if (local && meetingId && name) {
        const assessment: Assessment = {
          ...local,
          meetingId,
          rater: { ...local.rater, name },
          status: 'draft',
          updatedAt: now(),
        };
        store.apply({ type: 'assessment/start', assessment }).catch(report);
      }
      return;
    }
    if (
      !store ||
      !stored ||
      stored.status === 'complete' ||
      (this.#pending.size === 0 && Object.keys(about).length === 0)
    )
      return;
    // The rater's details first: the update carries the stored ratings, and the ratings below go on top of it.
    const name = (about.name ?? stored.rater.name).trim();
    if (Object.keys(about).length && name) {
      store.apply({ type: 'assessment/update', assessment: withRater(stored, about, name) }).catch(report);
    }
    this.#pendingAbout = {};
    for (const [itemId, entry] of this.#pending) store.apply(rateChange(stored.id, itemId, entry)).catch(report);
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

  /** Applies one change; keeps a failure for the save error state. */
  async #save(change: Change): Promise<boolean> {
    const result = await this.#options.data.apply(change);
    if (result.status === 'failed') {
      this.saveError = result.error;
      return false;
    }
    this.saveError = undefined;
    if (result.status === 'applied') {
      this.#savedAt = now();
      this.#host.requestUpdate();
    }
    return result.status === 'applied';
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
      const local = this.#options.local();
      const meetingId = this.#options.meetingId();
      if (!local || !meetingId || !local.rater.name.trim()) return;
      const assessment: Assessment = {
        ...local,
        meetingId,
        rater: { ...local.rater, name: local.rater.name.trim() },
        status: 'draft',
        updatedAt: now(),
      };
      this.trackedId = assessment.id;
      this.#starting = assessment;
      const ok = await this.#save({ type: 'assessment/start', assessment });
      this.#starting = undefined;
      // Left while it was starting: saveOnLeave has handed the later edits to the store.
      if (!this.#host.isConnected) return;
      stored = this.#currentStored();
      if (!ok || !stored) {
        if (!ok) this.trackedId = undefined;
        this.#host.requestUpdate();
        return;
      }
      // Edits made while it was starting are still in the local draft: save them too.
      const since = editsSince(stored, this.#options.local() ?? local);
      for (const [itemId, entry] of since.ratings) this.#pending.set(itemId, entry);
      if (since.about) this.#pendingAbout = since.about;
      this.#host.requestUpdate();
    }
    for (const [itemId, entry] of [...this.#pending]) {
      stored = this.#currentStored();
      if (!stored || stored.status === 'complete') break;
      const saved = await this.#save(rateChange(stored.id, itemId, entry));
      // A failed save keeps the edit (still shown, tried again with the next save); a host's cancel ends it.
      if (!saved && this.#saveError) {
        this.#host.requestUpdate();
        return;
      }
      if (this.#pending.get(itemId) === entry) this.#pending.delete(itemId);
      this.#host.requestUpdate();
    }
    const about = this.#pendingAbout;
    stored = this.#currentStored();
    if (stored && stored.status === 'draft' && Object.keys(about).length) {
      const name = (about.name ?? stored.rater.name).trim();
      if (!name) {
        this.#options.nameMissing();
        return;
      }
      const saved = await this.#save({ type: 'assessment/update', assessment: withRater(stored, about, name) });
      if ((saved || !this.#saveError) && this.#pendingAbout === about) this.#pendingAbout = {};
      this.#host.requestUpdate();
    }
  }
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

/** `stored` with the rater's details edited (the name already trimmed). */
function withRater(stored: Assessment, about: RaterEdit, name: string): Assessment {
  return {
    ...stored,
    rater: { ...stored.rater, name },
    raterRole: about.raterRole ?? stored.raterRole,
    evidence: about.evidence ?? stored.evidence,
    updatedAt: now(),
  };
}
