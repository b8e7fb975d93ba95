/**
 * A fidelity checklist posted as an ordinary HTML form (no script): the field names the
 * server-rendered checklist gives its inputs, and the reading of such a POST body back
 * into the assessment changes, checked like any other input.
 */
import { applyChange, type Change } from './changes.js';
import { ValidationError, type Issue } from './errors.js';
import { defaultInstruments } from './instruments/index.js';
import type { InstrumentRegistry } from './instruments/registry.js';
import { guarded } from './internal/guard.js';
import { newId } from './internal/id.js';
import {
  EVIDENCE_SOURCES,
  RATER_ROLES,
  type Assessment,
  type CaseRecord,
  type Instrument,
  type Rating,
} from './model/schemas.js';
import { parseCaseRecord } from './record.js';
import { validate } from './validate-entity.js';

/** The longest rater's name and comment a form may send (as the checklist's own inputs allow). */
const NAME_MAX = 200;
const COMMENT_MAX = 4000;

/**
 * The form field names of a checklist posted without script, under the checklist's `name`:
 * `<name>.rater-name`, `<name>.rater-role`, `<name>.evidence`, and per item
 * `<name>.rating.<itemId>` (a scale value or `na`) and `<name>.comment.<itemId>`.
 * With script, the checklist posts the whole assessment as JSON under `<name>` instead.
 */
export const assessmentFieldNames = {
  raterName: (name: string) => `${name}.rater-name`,
  raterRole: (name: string) => `${name}.rater-role`,
  evidence: (name: string) => `${name}.evidence`,
  rating: (name: string, itemId: string) => `${name}.rating.${itemId}`,
  comment: (name: string, itemId: string) => `${name}.comment.${itemId}`,
} as const;

/** A POST body: a browser's FormData, URLSearchParams, or a body parser's object (a field sent twice as an array). */
export type FormBody = FormData | URLSearchParams | Readonly<Record<string, unknown>>;

export interface AssessmentFromFormOptions {
  /** The case the assessment belongs to (JSON or a parsed record): the server's copy, never the form's. */
  record: unknown;
  /** The held meeting being rated (the server's, not a form field: a form cannot move a rating to another meeting). */
  meetingId: string;
  /** The instrument, `od-seven-principles` by default. */
  instrumentId?: string;
  /** The checklist's `name` (default `assessment`). */
  name?: string;
  /** Where instruments are looked up (default: the kit's registry). */
  instruments?: InstrumentRegistry;
  /**
   * Complete the assessment (default): every required item and the rater's name must be given. `false` keeps a draft.
   */
  complete?: boolean;
  /** When it was rated (default: now), ISO 8601. */
  at?: string;
}

export interface AssessmentFromForm {
  /** The assessment as it is after the changes. */
  assessment: Assessment;
  /** The changes to apply (`store.apply` each in order): start, then complete unless `complete: false`. */
  changes: Change[];
}

/**
 * Turns a checklist's POST body into the assessment changes. Reads either the fields of a
 * checklist posted without script or the JSON the script-enhanced checklist posts under
 * `name` (never both: a body with both was sent twice, or tampered with). Checks every
 * field against the instrument and the record; throws one ValidationError listing every
 * problem by field name (values are never quoted), never anything else.
 */
export function assessmentFromForm(body: FormBody, options: AssessmentFromFormOptions): AssessmentFromForm {
  const {
    name = 'assessment',
    complete = true,
    instruments = defaultInstruments,
  } = options ?? ({} as AssessmentFromFormOptions);
  const fail = (path: string, message: string) => new ValidationError('Assessment form', [{ path: [path], message }]);
  if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(name))
    throw fail('name', 'must be a form field name');
  const record: CaseRecord = parseCaseRecord(options.record);
  const instrumentId = options.instrumentId ?? 'od-seven-principles';
  const instrument = guarded('Options', () => instruments.get(instrumentId));
  if (!instrument) throw fail('instrumentId', 'is not a registered instrument');
  const meeting = record.meetings.find((m) => m.id === options.meetingId);
  if (!meeting) throw fail('meetingId', 'is not a meeting in this record');
  if (meeting.status !== 'held') throw fail('meetingId', 'is a meeting that has not been held');
  const at = options.at ?? new Date().toISOString();

  const fields = readBody(body);
  const issues: Issue[] = [];
  const ours = [...fields.keys()].filter((key) => key === name || key.startsWith(`${name}.`));
  const c: Context = { known: fieldNames(name, instrument), meetingId: meeting.id, instrument, at };
  let assessment: Assessment;
  if (fields.has(name)) {
    if (ours.length > 1)
      issues.push({ path: [name], message: 'was sent both as the checklist’s value and as separate fields; send one' });
    assessment = fromJson(single(fields, name, issues, c.known) ?? '', name, c, issues);
  } else {
    assessment = fromFields(fields, name, ours, c, issues);
  }
  if (complete) {
    if (!assessment.rater.name)
      issues.push({ path: [name, 'rater-name'], message: 'is missing: enter the rater’s name' });
    const rated = new Set(assessment.ratings.filter((r) => r.value !== undefined).map((r) => r.itemId));
    for (const item of instrument.items) {
      if (item.required && !rated.has(item.id))
        issues.push({ path: [name, 'rating', item.id], message: 'is missing: select a rating' });
    }
  }
  if (issues.length) throw new ValidationError('Assessment form', issues);

  const start: Assessment = { ...assessment, rater: { ...assessment.rater, name: assessment.rater.name || '-' } };
  const changes: Change[] = [{ type: 'assessment/start', assessment: start }];
  if (complete) changes.push({ type: 'assessment/complete', assessmentId: start.id, at });
  // The same checks a store makes: the record with these changes applied must be valid.
  let next = record;
  for (const change of changes) next = applyChange(next, change, { instruments });
  return { assessment: next.assessments.find((a) => a.id === start.id) ?? start, changes };
}

interface Context {
  known: ReadonlySet<string>;
  meetingId: string;
  instrument: Instrument;
  at: string;
}

function fromFields(
  fields: Map<string, string[]>,
  name: string,
  ours: string[],
  c: Context,
  issues: Issue[],
): Assessment {
  const f = assessmentFieldNames;
  const known = c.known;
  for (const key of ours)
    if (!known.has(key)) issues.push({ path: fieldPath(key, known), message: 'is not a field of this checklist' });

  const raterName = (single(fields, f.raterName(name), issues, c.known) ?? '').trim();
  if (raterName.length > NAME_MAX)
    issues.push({ path: [name, 'rater-name'], message: `must be at most ${NAME_MAX} characters` });
  const raterRole = oneOf(
    single(fields, f.raterRole(name), issues, c.known) ?? 'self',
    RATER_ROLES,
    [name, 'rater-role'],
    issues,
  );
  const evidence = oneOf(
    single(fields, f.evidence(name), issues, c.known) ?? 'live',
    EVIDENCE_SOURCES,
    [name, 'evidence'],
    issues,
  );

  const values = new Map<string, Rating['value']>(c.instrument.scale.options.map((o) => [String(o.value), o.value]));
  if (c.instrument.scale.notApplicable) values.set('na', 'na');
  const ratings: Rating[] = [];
  for (const item of c.instrument.items) {
    const raw = single(fields, f.rating(name, item.id), issues, c.known) ?? '';
    const comment = (single(fields, f.comment(name, item.id), issues, c.known) ?? '').trim();
    const rating: Rating = { itemId: item.id };
    if (raw !== '') {
      if (values.has(raw)) rating.value = values.get(raw);
      else issues.push({ path: [name, 'rating', item.id], message: 'is not a point of this instrument’s scale' });
    }
    if (comment.length > COMMENT_MAX)
      issues.push({ path: [name, 'comment', item.id], message: `must be at most ${COMMENT_MAX} characters` });
    else if (comment) rating.comment = comment;
    if (rating.value !== undefined || rating.comment !== undefined) ratings.push(rating);
  }
  return {
    id: newId('as'),
    instrumentId: c.instrument.id,
    instrumentVersion: c.instrument.version,
    meetingId: c.meetingId,
    rater: { name: raterName },
    raterRole,
    evidence,
    status: 'draft',
    ratings,
    updatedAt: c.at,
  };
}

/** The script-enhanced checklist's value: an assessment as JSON, checked against this meeting and instrument. */
function fromJson(text: string, name: string, c: Context, issues: Issue[]): Assessment {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    input = undefined;
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    issues.push({ path: [name], message: 'is not an assessment (JSON object)' });
    return blank(c);
  }
  const raw = input as Record<string, unknown>;
  // The server decides the meeting and the status; the form gives the ratings and the rater.
  const candidate = { ...raw, meetingId: c.meetingId, status: 'draft', completedAt: undefined, updatedAt: c.at };
  const checked = validate('assessment', candidate);
  if (!checked.ok) {
    for (const issue of checked.issues) issues.push({ path: [name, ...issue.path], message: issue.message });
    return blank(c);
  }
  const a = checked.value;
  if (raw.meetingId !== undefined && raw.meetingId !== c.meetingId)
    issues.push({ path: [name, 'meetingId'], message: 'is not the meeting being rated' });
  if (a.instrumentId !== c.instrument.id || a.instrumentVersion !== c.instrument.version) {
    issues.push({ path: [name, 'instrumentId'], message: 'is not the instrument being rated' });
  }
  const items = new Set(c.instrument.items.map((i) => i.id));
  const values = new Set<unknown>(c.instrument.scale.options.map((o) => o.value));
  if (c.instrument.scale.notApplicable) values.add('na');
  a.ratings.forEach((r, i) => {
    if (!items.has(r.itemId))
      issues.push({ path: [name, 'ratings', i, 'itemId'], message: 'is not an item of this instrument' });
    if (r.value !== undefined && !values.has(r.value))
      issues.push({ path: [name, 'ratings', i, 'value'], message: 'is not a point of this instrument’s scale' });
  });
  return { ...a, rater: { ...a.rater, name: a.rater.name.trim() } };
}

function blank(c: Context): Assessment {
  return {
    id: newId('as'),
    instrumentId: c.instrument.id,
    instrumentVersion: c.instrument.version,
    meetingId: c.meetingId,
    rater: { name: '' },
    raterRole: 'self',
    evidence: 'live',
    status: 'draft',
    ratings: [],
  };
}

/** Every field of the body as lists of text (a File, or anything else, is not text and is refused). */
function readBody(body: FormBody): Map<string, string[]> {
  return guarded('Assessment form', () => {
    const out = new Map<string, string[]>();
    const add = (key: string, value: unknown) => {
      const list = out.get(key) ?? [];
      list.push(typeof value === 'string' ? value : '\u0000');
      out.set(key, list);
    };
    if (body instanceof URLSearchParams || (typeof FormData !== 'undefined' && body instanceof FormData)) {
      for (const [key, value] of (body as URLSearchParams).entries()) add(key, value);
    } else if (typeof body === 'object' && body !== null) {
      for (const [key, value] of Object.entries(body)) {
        if (Array.isArray(value)) value.forEach((v) => add(key, v));
        else add(key, value);
      }
    } else {
      throw new ValidationError('Assessment form', [
        { path: [], message: 'must be FormData, URLSearchParams or an object of fields' },
      ]);
    }
    return out;
  });
}

/** A field's one value; a field sent twice (a tampered radio) or not as text is an issue. */
function single(
  fields: Map<string, string[]>,
  key: string,
  issues: Issue[],
  known: ReadonlySet<string>,
): string | undefined {
  const values = fields.get(key);
  if (!values) return undefined;
  if (values.length > 1) {
    issues.push({ path: fieldPath(key, known), message: 'was sent more than once' });
    return undefined;
  }
  if (values[0] === '\u0000') {
    issues.push({ path: fieldPath(key, known), message: 'is not text' });
    return undefined;
  }
  return values[0];
}

function oneOf<T extends string>(value: string, allowed: readonly T[], path: string[], issues: Issue[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  issues.push({ path, message: `must be one of ${allowed.join(', ')}` });
  return allowed[0] as T;
}

/**
 * An issue's path for a form field: a field of this checklist by its parts (`assessment`,
 * `rating`, `flexibility`: joined with "." they are the field's name); any other key as one
 * part, which formatPath describes by its length unless it is a plain name (it may be anything).
 */
const fieldPath = (key: string, known: ReadonlySet<string>): string[] => (known.has(key) ? key.split('.') : [key]);

/** Every field name a checklist of `instrument` under `name` posts without script. */
function fieldNames(name: string, instrument: Instrument): Set<string> {
  const f = assessmentFieldNames;
  const known = new Set<string>([f.raterName(name), f.raterRole(name), f.evidence(name)]);
  for (const item of instrument.items) known.add(f.rating(name, item.id)).add(f.comment(name, item.id));
  return known;
}
