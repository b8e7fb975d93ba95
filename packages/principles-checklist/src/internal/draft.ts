import {
  EVIDENCE_SOURCES,
  RATER_ROLES,
  newId,
  validate,
  type Assessment,
  type Instrument,
  type Rating,
} from '@odkit/core';

/** A rating value as the form holds it: a scale value, "na", or undefined while unrated. */
export type RatingValue = Rating['value'];

/**
 * The checklist's value: an assessment, with `meetingId` absent when the checklist is a
 * standalone form control that was not told the meeting.
 */
export type Draft = Omit<Assessment, 'meetingId'> & { meetingId?: string };

/** An id for a new assessment: FHIR-id safe, unguessable, and available outside secure contexts. */
export const newAssessmentId = (): string => newId('as');

/** The time now, as the record keeps it. */
export const now = () => new Date().toISOString();

/** A blank draft of `instrument` (for `meetingId`, when known). */
export function blankDraft(
  instrument: Instrument,
  meetingId: string | undefined,
  raterName: string | undefined,
  id = newAssessmentId(),
): Draft {
  const draft: Draft = {
    id,
    instrumentId: instrument.id,
    instrumentVersion: instrument.version,
    rater: { name: raterName?.trim() ?? '' },
    raterRole: 'self',
    evidence: 'live',
    status: 'draft',
    ratings: [],
  };
  if (meetingId) draft.meetingId = meetingId;
  return draft;
}

/** `draft` with one item's value and/or comment changed, as core's assessment/rate would change it. */
export function withRating(
  draft: Draft,
  itemId: string,
  change: { value?: RatingValue | null; comment?: string },
): Draft {
  const current = draft.ratings.find((r) => r.itemId === itemId);
  const value = change.value === undefined ? current?.value : (change.value ?? undefined);
  const comment = change.comment === undefined ? current?.comment : change.comment || undefined;
  const rating: Rating = { itemId };
  if (value !== undefined) rating.value = value;
  if (comment !== undefined) rating.comment = comment;
  const ratings = current ? draft.ratings.map((r) => (r.itemId === itemId ? rating : r)) : [...draft.ratings, rating];
  return { ...draft, ratings };
}

/** The required items of `instrument` that `draft` has not rated yet, in instrument order. */
export function missingRequired(draft: Draft, instrument: Instrument): Instrument['items'] {
  const rated = new Set(draft.ratings.filter((r) => r.value !== undefined).map((r) => r.itemId));
  return instrument.items.filter((item) => item.required && !rated.has(item.id));
}

/** How many of the instrument's items have a value (a scale point or "na"). */
export function ratedCount(draft: Draft, instrument: Instrument): number {
  const rated = new Set(draft.ratings.filter((r) => r.value !== undefined).map((r) => r.itemId));
  return instrument.items.filter((item) => rated.has(item.id)).length;
}

/**
 * A draft restored from saved form state (`formStateRestoreCallback`), or undefined when
 * the state is not a valid draft of this instrument. Checked like a stored assessment:
 * core's Assessment schema, then items and values against the instrument.
 */
export function parseDraft(state: unknown, instrument: Instrument): Draft | undefined {
  if (typeof state !== 'string') return undefined;
  let input: unknown;
  try {
    input = JSON.parse(state);
  } catch {
    return undefined;
  }
  if (typeof input !== 'object' || input === null) return undefined;
  const raw = input as { meetingId?: unknown; rater?: { name?: unknown } };
  // The schema needs a meeting id and a rater's name, which a standalone draft may lack.
  const candidate = {
    ...raw,
    meetingId: raw.meetingId ?? 'standalone',
    rater: { ...raw.rater, name: raw.rater?.name || '-' },
  };
  const result = validate('assessment', candidate);
  if (!result.ok) return undefined;
  const a = result.value;
  if (a.instrumentId !== instrument.id || a.instrumentVersion !== instrument.version) return undefined;
  const items = new Set(instrument.items.map((i) => i.id));
  const values = new Set<unknown>(instrument.scale.options.map((o) => o.value));
  if (instrument.scale.notApplicable) values.add('na');
  const seen = new Set<string>();
  for (const r of a.ratings) {
    if (!items.has(r.itemId) || seen.has(r.itemId) || (r.value !== undefined && !values.has(r.value))) return undefined;
    seen.add(r.itemId);
  }
  const draft: Draft = { ...a, rater: { ...a.rater, name: typeof raw.rater?.name === 'string' ? raw.rater.name : '' } };
  if (raw.meetingId === undefined) delete draft.meetingId;
  return draft;
}

export const raterRoles = RATER_ROLES;
export const evidenceSources = EVIDENCE_SOURCES;
