/**
 * Case records from FHIR resources of many patients: resources are added as they arrive
 * (a search page, an NDJSON line), grouped by the Patient they belong to, and each
 * patient's group is mapped with `fromFhir`, one network (one case) at a time. What a
 * case cannot be made of is a problem reported with its position and skipped, never a crash.
 */
import { OdError, ValidationError, type CaseRecord, type InstrumentRegistry } from '@odkit/core';
import { fromFhir, hasCoding, identifierValue, keyOf, refKey } from '../from-fhir.js';
import type { Bundle, FhirResource } from '../types.js';
import { CODE_SYSTEM, CONCEPT, IDENTIFIER } from '../vocabulary.js';

/** Where a case or a line came from, for reports. */
export interface SourcePosition {
  /** The NDJSON file, as the host named it (Bulk Data). */
  readonly file?: string;
  /** The 1-based line in `file`. */
  readonly line?: number;
  /** The Patient (`Patient/<id>`) the case belongs to, when known. */
  readonly patient?: string;
}

/** Something a source could not read or map: reported with its position and skipped. */
export interface SourceProblem {
  readonly position: SourcePosition;
  /** Why, without quoting any record text. */
  readonly message: string;
  /** The typed error (a ValidationError for data, a StorageError for reading). */
  readonly error: OdError;
}

/**
 * Case records read one at a time from many patients' data. Iterating again reads the
 * source again (and starts `problems` afresh).
 */
export interface CaseSource extends AsyncIterable<CaseRecord> {
  /** Problems met so far in the current reading (the first `maxProblemsListed`). */
  readonly problems: readonly SourceProblem[];
  /** Every problem met so far in the current reading, listed or not. */
  readonly problemCount: number;
}

/** Options every many-case source takes. */
export interface SourceOptions {
  /** Instruments that QuestionnaireResponses may refer to (default: core's default registry). */
  instruments?: InstrumentRegistry;
  /** Called with each problem as it is met (besides `problems`). */
  onProblem?: (problem: SourceProblem) => void;
  /** How many problems `problems` lists (default 1,000; all are counted). */
  maxProblemsListed?: number;
}

/** Resources shared between patients, reached through the networks' participants. */
export const SHARED_TYPES = new Set(['Practitioner', 'PractitionerRole', 'Organization']);
/** Resources that belong to one patient, with the field that says whom. */
export const PATIENT_TYPES = new Set([
  'Patient',
  'CareTeam',
  'RelatedPerson',
  'EpisodeOfCare',
  'Encounter',
  'Appointment',
  'QuestionnaireResponse',
]);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const reference = (ref: unknown): string | undefined =>
  isObj(ref) && typeof ref.reference === 'string' ? refKey(ref.reference) : undefined;

/** The Patient (`Patient/<id>`) a resource belongs to, or undefined when it names none. */
export function patientOf(r: FhirResource): string | undefined {
  switch (r.resourceType) {
    case 'Patient':
      return typeof r.id === 'string' ? keyOf(r) : undefined;
    case 'CareTeam':
    case 'Encounter':
    case 'QuestionnaireResponse':
      return asPatient(reference(r.subject));
    case 'EpisodeOfCare':
    case 'RelatedPerson':
      return asPatient(reference(r.patient));
    case 'Appointment':
      for (const p of Array.isArray(r.participant) ? (r.participant as unknown[]) : []) {
        const key = asPatient(reference(isObj(p) ? p.actor : undefined));
        if (key) return key;
      }
      return undefined;
    default:
      return undefined;
  }
}
const asPatient = (key: string | undefined) => (key?.startsWith('Patient/') ? key : undefined);

export const isNetwork = (r: FhirResource) =>
  r.resourceType === 'CareTeam' && hasCoding(r.category, CODE_SYSTEM.concept, CONCEPT.network);

/** Shared resources (`Type/id`) a network or a PractitionerRole refers to. */
export function sharedReferences(r: FhirResource): string[] {
  const refs =
    r.resourceType === 'CareTeam'
      ? (Array.isArray(r.participant) ? (r.participant as unknown[]) : []).map((p) =>
          reference(isObj(p) ? p.member : undefined),
        )
      : r.resourceType === 'PractitionerRole'
        ? [reference(r.practitioner), reference(r.organization)]
        : [];
  return refs.filter((k): k is string => k !== undefined && SHARED_TYPES.has(k.slice(0, k.indexOf('/'))));
}

/** Problems of one reading: listed up to a limit, all counted, each passed to the host's callback. */
export class Problems {
  list: SourceProblem[] = [];
  count = 0;
  readonly #max: number;
  readonly #onProblem: SourceOptions['onProblem'];
  constructor(options: SourceOptions) {
    this.#max = options.maxProblemsListed ?? 1000;
    this.#onProblem = options.onProblem;
  }
  report(position: SourcePosition, error: OdError): void {
    const problem: SourceProblem = Object.freeze({
      position: Object.freeze({ ...position }),
      message: error.message,
      error,
    });
    this.count++;
    if (this.list.length < this.#max) this.list.push(problem);
    this.#onProblem?.(problem);
  }
  reset(): void {
    this.list = [];
    this.count = 0;
  }
}

/** Checks the options every source shares; issues go in the caller's list. */
export function checkSourceOptions(
  options: SourceOptions,
  issues: { path: (string | number)[]; message: string }[],
): void {
  if (options.onProblem !== undefined && typeof options.onProblem !== 'function')
    issues.push({ path: ['onProblem'], message: 'must be a function' });
  const max = options.maxProblemsListed;
  if (max !== undefined && !(Number.isInteger(max) && max >= 0 && max <= 1_000_000))
    issues.push({ path: ['maxProblemsListed'], message: 'must be a whole number from 0 to 1,000,000' });
  if (
    options.instruments !== undefined &&
    (typeof options.instruments !== 'object' ||
      options.instruments === null ||
      typeof (options.instruments as { get?: unknown }).get !== 'function')
  ) {
    issues.push({ path: ['instruments'], message: 'must be an InstrumentRegistry' });
  }
}

/**
 * One batch of patients' resources, grouped by patient, turned into case records. Holds
 * only the batch: a source adds a batch, takes its cases, and starts a new one.
 */
export class CaseAssembler {
  /** `Patient/<id>` → that patient's resources, in arrival order (Patient first once it arrives). */
  readonly #byPatient = new Map<string, FhirResource[]>();
  readonly #patients = new Map<string, FhirResource>();
  readonly #positions = new Map<string, SourcePosition>();
  readonly #shared = new Map<string, FhirResource>();
  readonly #seen = new Set<string>();

  /** Adds a resource of one of the batch's patients; false when it names no patient (not kept). */
  add(r: FhirResource, position?: SourcePosition): boolean {
    if (SHARED_TYPES.has(r.resourceType)) {
      if (typeof r.id === 'string') this.#shared.set(keyOf(r), r);
      return true;
    }
    const patient = patientOf(r);
    if (!patient) return false;
    // A resource read twice (an _include, a second page) counts once.
    if (typeof r.id === 'string') {
      const key = keyOf(r);
      if (this.#seen.has(key)) return true;
      this.#seen.add(key);
    }
    if (r.resourceType === 'Patient') {
      this.#patients.set(patient, r);
      if (position) this.#positions.set(patient, position);
    }
    let list = this.#byPatient.get(patient);
    if (!list) this.#byPatient.set(patient, (list = []));
    if (r.resourceType !== 'Patient') list.push(r);
    return true;
  }

  /** Shared resources the batch's networks (and their PractitionerRoles) refer to but the batch lacks. */
  missingShared(): string[] {
    const wanted = new Set<string>();
    for (const list of this.#byPatient.values())
      for (const r of list)
        if (isNetwork(r)) for (const key of sharedReferences(r)) if (!this.#shared.has(key)) wanted.add(key);
    for (const r of this.#shared.values())
      for (const key of sharedReferences(r)) if (!this.#shared.has(key)) wanted.add(key);
    return [...wanted];
  }

  /**
   * The batch's case records, patient by patient in the order given (default: as they
   * arrived), one per network (a patient without a network: one case from RelatedPersons).
   * A patient whose resources arrived without the Patient itself, or whose data does not make
   * a valid case, is reported and skipped.
   */
  *cases(
    problems: Problems,
    instruments: InstrumentRegistry | undefined,
    order: Iterable<string> = this.#byPatient.keys(),
  ): Generator<CaseRecord> {
    for (const patientKey of order) {
      const resources = this.#byPatient.get(patientKey);
      const patient = this.#patients.get(patientKey);
      const position: SourcePosition = this.#positions.get(patientKey) ?? { patient: patientKey };
      if (!patient) {
        if (resources?.length)
          problems.report(
            position,
            new ValidationError(`Case of ${patientKey}`, [
              { path: [], message: 'has resources but no Patient resource; it was skipped' },
            ]),
          );
        continue;
      }
      const bundle = this.#bundle(patient, resources ?? []);
      const networks = (resources ?? []).filter(isNetwork);
      const caseIds = networks.length > 1 ? networks.map((n) => identifierValue(n, IDENTIFIER.caseId)) : [undefined];
      for (const caseId of caseIds) {
        try {
          yield fromFhir(bundle, { instruments, patientId: String(patient.id), caseId }).record;
        } catch (error) {
          problems.report(
            { ...position, patient: patientKey },
            error instanceof OdError
              ? error
              : new ValidationError(`Case of ${patientKey}`, [{ path: [], message: 'could not be read' }]),
          );
        }
      }
    }
  }

  #bundle(patient: FhirResource, resources: FhirResource[]): Bundle {
    const shared = new Map<string, FhirResource>();
    const reach = (r: FhirResource) => {
      for (const key of sharedReferences(r)) {
        const found = this.#shared.get(key);
        if (found && !shared.has(key)) {
          shared.set(key, found);
          reach(found);
        }
      }
    };
    for (const r of resources) if (isNetwork(r)) reach(r);
    // Episodes and meetings in time order, as FhirStore reads them, so a case reads the same from either.
    const rank = (r: FhirResource) => RANK[r.resourceType] ?? 5;
    const sorted = [...resources].sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (TIMED.has(a.resourceType) ? startOf(a) - startOf(b) || String(a.id).localeCompare(String(b.id)) : 0),
    );
    const all = [
      patient,
      ...sorted.filter((r) => rank(r) < 2),
      ...shared.values(),
      ...sorted.filter((r) => rank(r) >= 2),
    ];
    return { resourceType: 'Bundle', type: 'collection', entry: all.map((resource) => ({ resource })) };
  }
}

/** Bundle order: networks and their people, episodes, meetings (Encounters and Appointments together), responses. */
const RANK: Record<string, number> = {
  CareTeam: 0,
  RelatedPerson: 1,
  EpisodeOfCare: 2,
  Encounter: 3,
  Appointment: 3,
  QuestionnaireResponse: 4,
};
const TIMED = new Set(['EpisodeOfCare', 'Encounter', 'Appointment']);

function startOf(r: FhirResource): number {
  const period = r.period as { start?: string } | undefined;
  const requested = (r.requestedPeriod as { start?: string }[] | undefined)?.[0];
  const t = Date.parse(String(r.start ?? period?.start ?? requested?.start ?? ''));
  return Number.isNaN(t) ? Infinity : t;
}
