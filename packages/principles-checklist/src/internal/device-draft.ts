/**
 * The checklist's draft on this device (core's drafts.ts: localStorage): what was typed is
 * written there with every edit, so that a reload, a closed tab or a store that cannot take it
 * yet loses nothing, and restored on the next load. Removed once a lasting store has it, on
 * completing, and on a form reset or submit. Apart from the autosave so that where a draft
 * lives, and when it goes, read in one place.
 */
import {
  StorageError,
  readDrafts,
  removeDraft,
  saveDraft,
  type Assessment,
  type CaseRecord,
  type CaseStore,
  type DeviceDraft,
  type Instrument,
} from '@odkit/core';
import { ABOUT_FIELDS, fieldName, fieldOf, ratingFrom, ratingText } from './assessment-underneath.js';
import { evidenceSources, parseDraft, raterRoles } from './draft.js';

/** What the last restore found: a draft put back, or one that could not be read (removed). */
export type RestoreNote = 'restored' | 'unreadable' | undefined;

/** What a restore asks for: the checklist's meeting, instrument, and `assessment-id` / rater if given. */
export interface DraftQuery {
  readonly record: CaseRecord;
  readonly instrument: Instrument;
  readonly meetingId: string | undefined;
  readonly assessmentId: string | undefined;
  readonly raterName: string | undefined;
}

/**
 * Whether the store keeps what it is given across a reload. A MemoryStore does not, and
 * neither does a `record` property (no store): their drafts stay on the device until completed.
 */
export const isLasting = (store: CaseStore | undefined): boolean => store !== undefined && store.persistent !== false;

export class DeviceDraftKeeper {
  /** A draft of the assessment shown is on this device. */
  kept = false;
  /** What the last restore did, shown until the next edit. */
  note: RestoreNote;
  readonly #report: (error: Error) => void;
  #where: { caseId: string; instrumentId: string; assessmentId: string } | undefined;
  #edited = new Set<string>();
  #raterEdited = false;
  #writeFailed = false;

  constructor(report: (error: Error) => void) {
    this.#report = report;
  }

  /**
   * Writes `assessment` (the shown value, edits included) to this device after an edit of `itemId` or the rater, with
   * what it is based on: `baseOf` gives the stored value, as the person last saw it, of each field named.
   */
  keep(
    caseId: string,
    assessment: Assessment,
    edit: { itemId?: string; rater?: boolean },
    baseOf: (fields: readonly string[]) => Record<string, string>,
  ): void {
    if (edit.itemId) this.#edited.add(edit.itemId);
    if (edit.rater) this.#raterEdited = true;
    const where = { caseId, instrumentId: assessment.instrumentId, assessmentId: assessment.id };
    const edited = [...this.#edited];
    const draft: DeviceDraft = {
      caseId,
      assessment,
      edited,
      raterEdited: this.#raterEdited,
      base: baseOf(draftFields(edited, this.#raterEdited)),
      savedAt: new Date().toISOString(),
    };
    this.note = undefined;
    try {
      saveDraft(draft);
      this.#where = where;
      this.kept = true;
      this.#writeFailed = false;
    } catch (error) {
      // Told once, not with every key press; the store may still take the edit.
      if (!this.#writeFailed && error instanceof Error) this.#report(error);
      this.#writeFailed = true;
    }
  }

  /** Removes the draft (the store has it, or it was completed, reset or submitted). */
  clear(): void {
    if (this.#where) removeDraft(this.#where.caseId, this.#where.instrumentId, this.#where.assessmentId);
    this.letGo();
  }

  /** Forgets which draft is shown without removing it (another assessment is shown; the draft stays for later). */
  letGo(): void {
    this.#where = undefined;
    this.kept = false;
    this.#edited = new Set();
    this.#raterEdited = false;
  }

  /**
   * The newest draft on this device for what the checklist shows, checked against the
   * instrument; becomes the draft kept. Drafts that do not read back, or whose assessment
   * was completed since, are removed (the unreadable reported).
   */
  restore(query: DraftQuery): DeviceDraft | undefined {
    const { record, instrument } = query;
    if (this.note === 'restored') this.note = undefined; // a report of drafts removed stays until the next edit
    let found: { drafts: readonly DeviceDraft[]; unreadable: number };
    try {
      found = readDrafts(record.id);
    } catch (error) {
      if (error instanceof Error) this.#report(error);
      return undefined;
    }
    let unreadable = found.unreadable;
    const rater = query.raterName?.trim();
    const candidates: DeviceDraft[] = [];
    for (const draft of found.drafts) {
      const { assessment: a } = draft;
      const forThis = query.assessmentId ? a.id === query.assessmentId : a.meetingId === query.meetingId;
      if (!forThis || a.instrumentId !== instrument.id) continue;
      const stored = record.assessments.find((s) => s.id === a.id);
      if (stored?.status === 'complete' || a.instrumentVersion !== instrument.version) {
        removeDraft(record.id, a.instrumentId, a.id); // completed elsewhere, or an old version: nothing to continue
        continue;
      }
      if (!parseDraft(JSON.stringify(a), instrument) || !baseFits(draft, instrument)) {
        unreadable++;
        removeDraft(record.id, a.instrumentId, a.id);
        continue;
      }
      if (rater && a.rater.name.trim() && a.rater.name.trim() !== rater) continue;
      candidates.push(draft);
    }
    if (unreadable > 0) {
      this.note = 'unreadable';
      this.#report(
        new StorageError(
          `${unreadable === 1 ? 'A draft' : `${unreadable} drafts`} of this case kept on this device could not be read and ${unreadable === 1 ? 'was' : 'were'} removed.`,
        ),
      );
    }
    const newest = candidates.sort((x, y) => (x.savedAt < y.savedAt ? 1 : x.savedAt > y.savedAt ? -1 : 0))[0];
    if (!newest) return undefined;
    this.#where = {
      caseId: record.id,
      instrumentId: newest.assessment.instrumentId,
      assessmentId: newest.assessment.id,
    };
    this.kept = true;
    this.#edited = new Set(newest.edited);
    this.#raterEdited = newest.raterEdited;
    this.note ??= 'restored';
    return newest;
  }
}

/** The fields a draft changed: each edited item's rating and comment, and the rater's details if edited. */
export function draftFields(edited: readonly string[], raterEdited: boolean): string[] {
  const fields = edited.flatMap((itemId) => [fieldName('rating', itemId), fieldName('comment', itemId)]);
  return raterEdited ? [...fields, ...Object.values(ABOUT_FIELDS)] : fields;
}

/**
 * Whether a draft's base (core has checked its shape and names) holds values this instrument can have: items of it,
 * ratings on its scale, the rater's role and evidence among the kit's. A draft without a base fits (nothing is known).
 */
function baseFits(draft: DeviceDraft, instrument: Instrument): boolean {
  const items = new Set(instrument.items.map((item) => item.id));
  const values = new Set<unknown>(instrument.scale.options.map((option) => option.value));
  if (instrument.scale.notApplicable) values.add('na');
  for (const [name, value] of Object.entries(draft.base ?? {})) {
    const field = fieldOf(name);
    if (field && !items.has(field.itemId)) return false;
    const rating = field?.part === 'rating' ? ratingFrom(value) : undefined;
    if (rating !== undefined && rating !== null && (!values.has(rating) || ratingText(rating) !== value)) return false;
    if (name === ABOUT_FIELDS.raterRole && !(raterRoles as readonly string[]).includes(value)) return false;
    if (name === ABOUT_FIELDS.evidence && !(evidenceSources as readonly string[]).includes(value)) return false;
  }
  return true;
}
