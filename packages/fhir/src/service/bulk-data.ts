/**
 * Case records from FHIR Bulk Data output: the NDJSON files a `$export` writes, one (or
 * more) per resource type, read as streams and grouped per patient. Memory holds one
 * window of patients at a time: the files are read once per window of `patientsPerPass`
 * patients (one pass for a service of up to 10,000 by default), never whole.
 */
import { OdError, StorageError, ValidationError, type CaseRecord } from '@odkit/core';
import { isNdjsonInput, ndjsonLines, type NdjsonInput } from '../internal/ndjson.js';
import type { FhirResource } from '../types.js';
import {
  CaseAssembler,
  PATIENT_TYPES,
  Problems,
  SHARED_TYPES,
  checkSourceOptions,
  patientOf,
  type CaseSource,
  type SourceOptions,
  type SourcePosition,
} from './cases.js';

/** One NDJSON file of a Bulk Data export. */
export interface BulkDataFile {
  /** The file's name or URL (the export manifest's `url`), named in problem reports. */
  readonly name: string;
  /**
   * The resource type the file holds (the manifest's `type`). Default: read from the name, e.g. `EpisodeOfCare.ndjson`
   * or `EpisodeOfCare.2.ndjson`.
   */
  readonly type?: string;
  /**
   * Opens the file from its start, e.g. `() => fetch(url, { headers })`, `() => file` (a File
   * from an input), `() => fs.createReadStream(path)`. Called once per pass.
   */
  open(): NdjsonInput | Promise<NdjsonInput>;
}

export interface BulkDataSourceOptions extends SourceOptions {
  /**
   * Patients grouped in memory at once (default 10,000): more patients than this mean one more read of the files per
   * window.
   */
  patientsPerPass?: number;
  /** Longest line read, in characters (default 4,000,000); a longer one is a problem, skipped. */
  maxLineLength?: number;
  /** Aborting it stops the reading (the iteration throws a StorageError). */
  signal?: AbortSignal;
}

/** Resource types read, in the order a pass reads them: a network before the shared resources it refers to. */
const PHASES = [
  'Patient',
  'CareTeam',
  'RelatedPerson',
  'EpisodeOfCare',
  'Encounter',
  'Appointment',
  'QuestionnaireResponse',
  'PractitionerRole',
  'Practitioner',
  'Organization',
];
const TYPE_IN_NAME = /(?:^|[/\\])(?:\d+\.)?([A-Z][A-Za-z]{1,63})(?:[.-]\d+)?\.ndjson(?:$|[?#])/;
const FHIR_TYPE = /^[A-Z][A-Za-z]{1,63}$/;

interface File extends BulkDataFile {
  /**
   * The file's type, or undefined when neither the host nor the name says: such a file is read in every phase's place.
   */
  readonly fileType: string | undefined;
}

/**
 * Case records from Bulk Data NDJSON files, one per patient's network, mapped with `fromFhir`.
 * Lines that are not JSON resources, resources naming no patient, and patients whose data do
 * not make a valid case are problems (with file and line), skipped; a file that cannot be
 * opened or read ends the reading with a StorageError. Throws ValidationError for bad arguments.
 */
export function bulkDataSource(files: Iterable<BulkDataFile>, options: BulkDataSourceOptions = {}): CaseSource {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const list: File[] = [];
  let given: unknown[] = [];
  try {
    given = [...(files as Iterable<unknown>)];
  } catch {
    issues.push({ path: ['files'], message: 'must be a list of files' });
  }
  given.forEach((f, i) => {
    const file = f as Partial<BulkDataFile> | null;
    if (typeof file !== 'object' || file === null)
      return issues.push({ path: ['files', i], message: 'must be a file ({ name, open })' });
    if (typeof file.name !== 'string' || file.name.length < 1 || file.name.length > 2000)
      issues.push({ path: ['files', i, 'name'], message: 'must be a name of 1–2,000 characters' });
    if (typeof file.open !== 'function')
      issues.push({ path: ['files', i, 'open'], message: 'must be a function that opens the file' });
    if (file.type !== undefined && (typeof file.type !== 'string' || !FHIR_TYPE.test(file.type)))
      issues.push({ path: ['files', i, 'type'], message: 'must be a FHIR resource type' });
    if (typeof file.name === 'string' && typeof file.open === 'function') {
      const fileType = file.type ?? TYPE_IN_NAME.exec(file.name)?.[1];
      list.push({ name: file.name, type: file.type, open: file.open.bind(file), fileType });
    }
  });
  checkSourceOptions(options, issues);
  const perPass = options.patientsPerPass ?? 10_000;
  if (!(Number.isInteger(perPass) && perPass >= 1 && perPass <= 10_000_000))
    issues.push({ path: ['patientsPerPass'], message: 'must be a whole number from 1 to 10,000,000' });
  const maxLine = options.maxLineLength ?? 4_000_000;
  if (!(Number.isInteger(maxLine) && maxLine >= 1 && maxLine <= 500_000_000))
    issues.push({ path: ['maxLineLength'], message: 'must be a whole number from 1 to 500,000,000' });
  if (options.signal !== undefined && !(typeof AbortSignal !== 'undefined' && options.signal instanceof AbortSignal))
    issues.push({ path: ['signal'], message: 'must be an AbortSignal' });
  if (issues.length) throw new ValidationError('Bulk Data source', issues);

  const problems = new Problems(options);
  // Files the host's manifest may list but no case uses (Provenance, Questionnaire, Observation…) are never opened.
  const unknown = list.filter((f) => f.fileType === undefined);
  const byPhase = PHASES.map((type) => list.filter((f) => f.fileType === type));

  /** Every resource of a file, checked; bad lines are reported once (on the first pass). */
  async function* resources(
    file: File,
    report: boolean,
  ): AsyncGenerator<{ resource: FhirResource; position: SourcePosition }> {
    let input: NdjsonInput;
    try {
      input = await file.open();
    } catch (cause) {
      if (cause instanceof OdError) throw cause;
      throw new StorageError(
        `The Bulk Data file ${fileLabel(file)} could not be opened. No summary was made from part of the data; check the file and try again.`,
        { cause },
      );
    }
    if (!isNdjsonInput(input))
      throw new StorageError(
        `Opening the Bulk Data file ${fileLabel(file)} gave something that is not a stream, a Blob or a Response. Ask your system administrator to check the page's set-up.`,
      );
    try {
      for await (const item of ndjsonLines(input, maxLine)) {
        if (options.signal?.aborted) throw cancelled();
        const position = { file: file.name, line: item.line };
        if ('tooLong' in item) {
          if (report) problems.report(position, lineError(`is longer than ${maxLine} characters`));
          continue;
        }
        let value: unknown;
        try {
          value = JSON.parse(item.text);
        } catch {
          if (report) problems.report(position, lineError('is not valid JSON'));
          continue;
        }
        const r = value as FhirResource;
        if (
          typeof r !== 'object' ||
          r === null ||
          Array.isArray(r) ||
          typeof r.resourceType !== 'string' ||
          (r.id !== undefined && typeof r.id !== 'string')
        ) {
          if (report)
            problems.report(position, lineError('is not a FHIR resource (a JSON object with a resourceType)'));
          continue;
        }
        yield { resource: r, position };
      }
    } catch (cause) {
      if (cause instanceof OdError) throw cause;
      throw new StorageError(
        `The Bulk Data file ${fileLabel(file)} could not be read to its end. No summary was made from part of the data; check the file and try again.`,
        { cause },
      );
    }
  }

  async function* read(): AsyncGenerator<CaseRecord> {
    problems.reset();
    // First the patients, by id only: the windows are made of them, in file order.
    const patients: string[] = [];
    const known = new Set<string>();
    for (const file of [...byPhase[0]!, ...unknown]) {
      for await (const { resource, position } of resources(file, true)) {
        if (resource.resourceType !== 'Patient') continue;
        const key = patientOf(resource);
        if (!key) problems.report(position, lineError('is a Patient without an id'));
        else if (!known.has(key)) {
          known.add(key);
          patients.push(key);
        }
      }
    }
    known.clear();
    for (let from = 0; from < patients.length || from === 0; from += perPass) {
      const window = patients.slice(from, from + perPass);
      const inWindow = new Set(window);
      const first = from === 0;
      const assembler = new CaseAssembler();
      for (let phase = 0; phase < PHASES.length; phase++) {
        const type = PHASES[phase]!;
        const shared = SHARED_TYPES.has(type);
        // Shared resources: only those this window's networks (and their roles) refer to.
        const wanted = shared ? new Set(assembler.missingShared()) : undefined;
        const reading = phase === 0 ? [...byPhase[0]!, ...unknown] : byPhase[phase]!;
        // Patient files were checked in the first reading: their bad lines are not reported twice.
        for (const file of reading) {
          for await (const { resource, position } of resources(file, first && phase !== 0)) {
            const t = resource.resourceType;
            if (SHARED_TYPES.has(t)) {
              if (!wanted || wanted.has(`${t}/${String(resource.id)}`) || file.fileType === undefined)
                assembler.add(resource);
              continue;
            }
            if (!PATIENT_TYPES.has(t)) continue;
            const patient = patientOf(resource);
            if (patient === undefined) {
              if (first && t !== 'Patient') problems.report(position, lineError(`is a ${t} that names no Patient`));
              continue;
            }
            if (inWindow.has(patient)) assembler.add(resource, position);
          }
        }
      }
      for (const record of assembler.cases(problems, options.instruments, window)) {
        if (options.signal?.aborted) throw cancelled();
        yield record;
      }
      if (!patients.length) break;
    }
  }

  return {
    [Symbol.asyncIterator]: () => read(),
    get problems() {
      return problems.list;
    },
    get problemCount() {
      return problems.count;
    },
  };
}

const cancelled = () =>
  new StorageError('The page cancelled reading the Bulk Data files; nothing was summarised from part of them.');

const lineError = (message: string) =>
  new ValidationError('NDJSON line', [{ path: [], message: `${message}; it was skipped` }]);

/** A file's name for a message: a URL's path only (its query could carry a token). */
function fileLabel(file: BulkDataFile): string {
  const name = file.name.replace(/[?#].*$/, '');
  return `"${name.length > 80 ? `…${name.slice(-79)}` : name}"`;
}
