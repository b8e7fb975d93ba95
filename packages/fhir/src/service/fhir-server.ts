/**
 * Case records from a FHIR R4 server, searched across patients: a batch of patients at a
 * time (every Patient with an Open Dialogue network, found by paging through the networks,
 * or the patients the host names), their networks with members, episodes, encounters,
 * appointments and questionnaire responses searched for the whole batch at once, paged with
 * `_count` and `next` links, grouped by patient and mapped with `fromFhir`. Memory holds one
 * batch. Requests go through the same guard as FhirStore's: only under the base URL, a time
 * limit each, the host's signal, `next` links only under the base URL, never twice, and at
 * most `maxPages` a search.
 */
import { OdError, StorageError, ValidationError, type CaseRecord } from '@odkit/core';
import type { FhirHttp, FhirHttpRequest } from '../fhir-store.js';
import { entryResults, isResource } from '../internal/answers.js';
import { checkReadRetry, exchangeRead, readRetryOf, type Answer } from '../internal/exchange.js';
import { isUnderBase, nextPage, type Paging } from '../internal/links.js';
import type { Bundle, FhirResource } from '../types.js';
import { CODE_SYSTEM, CONCEPT } from '../vocabulary.js';
import {
  CaseAssembler,
  Problems,
  checkSourceOptions,
  patientOf,
  type CaseSource,
  type SourceOptions,
} from './cases.js';

export interface FhirServerSourceOptions extends SourceOptions {
  /** The server's base URL, e.g. `https://ehr.example/fhir/R4/`. */
  baseUrl: string;
  /** Makes one HTTP request (as for FhirStore): the host adds authentication. */
  http: FhirHttp;
  /**
   * The patients (FHIR ids) whose cases to read, e.g. a team's caseload from the EHR. Default:
   * every Patient with an Open Dialogue network on the server.
   */
  patients?: Iterable<string> | AsyncIterable<string>;
  /** Patients searched together, each search naming them all (default 50). */
  batchSize?: number;
  /** Entries asked for per search page (default 200). */
  pageSize?: number;
  /** Most milliseconds one request may take (default 30,000). */
  timeoutMs?: number;
  /** Most pages one search may have (default 1,000). */
  maxPages?: number;
  /** Times a read that failed for a moment is asked again (default 2; 0 to 5), as for FhirStore. */
  readRetries?: number;
  /** The pause before a read is first asked again, in milliseconds (default 500; 0 to 60,000), as for FhirStore. */
  retryDelayMs?: number;
  /** Aborting it ends the request under way and every later one (StorageError). */
  signal?: AbortSignal;
}

const ID = /^[A-Za-z0-9.-]{1,64}$/;
const NETWORK = `${CODE_SYSTEM.concept}|${CONCEPT.network}`;
const NETWORKS_PER_PAGE = 20;

/** Searches for a batch of patients: resource type, the parameter naming the patients, and any more parameters. */
const SEARCHES: readonly {
  type: string;
  param: string;
  extra?: Record<string, string>;
  include?: Record<string, string>;
}[] = [
  { type: 'Patient', param: '_id' },
  {
    type: 'CareTeam',
    param: 'subject',
    extra: { category: NETWORK },
    include: { _include: 'CareTeam:participant', '_include:iterate': 'PractitionerRole:practitioner' },
  },
  { type: 'RelatedPerson', param: 'patient' },
  { type: 'EpisodeOfCare', param: 'patient' },
  { type: 'Encounter', param: 'subject' },
  { type: 'Appointment', param: 'actor' },
  { type: 'QuestionnaireResponse', param: 'subject' },
];

/**
 * Case records from a FHIR server, one per patient's network. A patient whose data do not make
 * a valid case is a problem, reported and skipped; a server that cannot be read (an error
 * status, no answer in time, a search it ignores, paging outside the base URL) ends the
 * reading with a StorageError, since a summary of part of the service would mislead.
 * Throws ValidationError for bad options.
 */
export function fhirServerSource(options: FhirServerSourceOptions): CaseSource {
  const issues: { path: (string | number)[]; message: string }[] = [];
  if (typeof options?.baseUrl !== 'string' || !/^https?:\/\//.test(options.baseUrl))
    issues.push({ path: ['baseUrl'], message: 'must be an http(s) URL' });
  if (typeof options?.http !== 'function')
    issues.push({ path: ['http'], message: 'must be a function that makes an HTTP request' });
  for (const [key, max] of [
    ['batchSize', 100],
    ['pageSize', 1000],
    ['timeoutMs', 600_000],
    ['maxPages', 100_000],
  ] as const) {
    const value = options?.[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= max))
      issues.push({ path: [key], message: `must be a whole number from 1 to ${max}` });
  }
  if (options) checkReadRetry(options, issues);
  const patients = options?.patients;
  if (
    patients !== undefined &&
    (typeof patients !== 'object' ||
      patients === null ||
      (typeof (patients as Iterable<string>)[Symbol.iterator] !== 'function' &&
        typeof (patients as AsyncIterable<string>)[Symbol.asyncIterator] !== 'function'))
  ) {
    issues.push({ path: ['patients'], message: 'must be a list (or async iterable) of Patient ids' });
  }
  if (options?.signal !== undefined && !(typeof AbortSignal !== 'undefined' && options.signal instanceof AbortSignal))
    issues.push({ path: ['signal'], message: 'must be an AbortSignal' });
  if (options) checkSourceOptions(options, issues);
  if (issues.length) throw new ValidationError('FHIR server source', issues);

  const baseUrl = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const batchSize = options.batchSize ?? 50;
  const pageSize = options.pageSize ?? 200;
  const problems = new Problems(options);
  const retry = readRetryOf(options);

  const send = (request: FhirHttpRequest): Promise<Answer> => {
    if (!isUnderBase(request.url, baseUrl))
      throw new StorageError(
        `The source was about to send a ${request.method} request outside the FHIR server, and did not.`,
      );
    // Every request here only reads (searches, and batches of GETs): one lost to a moment's trouble is asked again,
    // rather than ending a reading of the whole service.
    const limits = { timeoutMs: options.timeoutMs ?? 30_000, signal: options.signal };
    return exchangeRead(options.http, request, limits, retry);
  };
  const failure = (what: string, status: number) =>
    new StorageError(
      `The FHIR server could not ${what} (HTTP ${status}), so the service's cases were not all read and nothing was summarised from part of them. Try again, or ask your system administrator if it goes on.`,
    );

  /**
   * Every page of one search; each page's resources go to `take`. `count` overrides the page
   * size; `plain` is the same search without `_include`s, made instead when the server refuses
   * the first page with 400 (servers limit how many resources a page may include).
   */
  async function search(
    type: string,
    query: URLSearchParams,
    take: (r: FhirResource, searched: boolean) => void,
    count = pageSize,
    plain?: URLSearchParams,
  ): Promise<void> {
    query.set('_count', String(count));
    let url: string | undefined = new URL(`${type}?${query}`, baseUrl).href;
    const paging: Paging = { baseUrl, maxPages: options.maxPages ?? 1000, type, seen: new Set([url]) };
    for (let page = 1; url; page++) {
      const answer = await send({ method: 'GET', url, headers: { accept: 'application/fhir+json' } });
      if (answer.status === 400 && page === 1 && plain) return search(type, plain, take, count);
      if (answer.status !== 200 || !isResource(answer.body) || answer.body.resourceType !== 'Bundle')
        throw failure(`search ${type}`, answer.status);
      const bundle = answer.body as Bundle;
      for (const entry of Array.isArray(bundle.entry) ? (bundle.entry as unknown[]) : []) {
        const r = (entry as { resource?: unknown } | null)?.resource;
        if (isResource(r)) take(r, r.resourceType === type);
      }
      url = nextPage(bundle, page, paging);
    }
  }

  /** The patients to read, in batches: the host's, or those with a network (each once). */
  async function* batches(): AsyncGenerator<string[]> {
    let batch: string[] = [];
    const seen = new Set<string>();
    const add = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      batch.push(id);
    };
    if (patients !== undefined) {
      let position = 0;
      for await (const id of patients as AsyncIterable<unknown>) {
        if (typeof id === 'string' && ID.test(id)) add(id);
        else
          problems.report(
            {},
            new ValidationError('FHIR server source', [
              { path: ['patients', position], message: 'must be a FHIR id; it was skipped' },
            ]),
          );
        position++;
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
    } else {
      const found: string[] = [];
      await search('CareTeam', new URLSearchParams({ category: NETWORK, _elements: 'subject' }), (r, searched) => {
        const key = searched ? patientOf(r) : undefined;
        if (key) found.push(key.slice('Patient/'.length));
      });
      // Networks are listed first (ids only), then read a batch at a time with everything else.
      for (const id of found) {
        add(id);
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length) yield batch;
  }

  async function readBatch(ids: string[]): Promise<CaseAssembler> {
    const assembler = new CaseAssembler();
    const refs = ids.map((id) => `Patient/${id}`);
    const expected = new Set([...refs, ...refs.map((r) => `${baseUrl}${r}`)]);
    await Promise.all(
      SEARCHES.map(({ type, param, extra, include }) => {
        const query = { [param]: (param === '_id' ? ids : refs).join(','), ...extra };
        const take = (r: FhirResource, searched: boolean) => {
          const patient = patientOf(r);
          // A result of the searched type about anyone else: the server ignores the search, and a summary would count
          // other people.
          if (searched && (patient === undefined || !expected.has(patient))) {
            throw new StorageError(
              `The FHIR server's ${type} search returned resources of other patients (or of none), so it ignores the search by patient. Nothing was summarised; ask your system administrator to check the FHIR server.`,
            );
          }
          assembler.add(r);
        };
        // Networks with their members (and their practitioners) included: few networks a page, since servers cap a
        // page's includes (Medplum at 1,000).
        if (include)
          return search(
            type,
            new URLSearchParams({ ...query, ...include }),
            take,
            Math.min(pageSize, NETWORKS_PER_PAGE),
            new URLSearchParams(query),
          );
        return search(type, new URLSearchParams(query), take);
      }),
    );
    // Servers that ignore _include (or :iterate) still give the networks' members: read what is missing.
    for (let round = 0; round < 2; round++) {
      const missing = assembler.missingShared();
      if (!missing.length) break;
      for (let i = 0; i < missing.length; i += 100) {
        const chunk = missing.slice(i, i + 100);
        const answer = await send({
          method: 'POST',
          url: baseUrl,
          headers: { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' },
          body: JSON.stringify({
            resourceType: 'Bundle',
            type: 'batch',
            entry: chunk.map((url) => ({ request: { method: 'GET', url } })),
          }),
        });
        const results = entryResults(answer, 'batch-response', chunk.length);
        if (!results) throw failure('read the networks’ members', answer.status);
        // A member that cannot be read is left out of its case (fromFhir warns); the rest of the case stands.
        results.forEach((result, j) => {
          if (result.resource && `${result.resource.resourceType}/${String(result.resource.id)}` === chunk[j])
            assembler.add(result.resource);
        });
      }
    }
    return assembler;
  }

  async function* read(): AsyncGenerator<CaseRecord> {
    problems.reset();
    try {
      for await (const ids of batches()) {
        const assembler = await readBatch(ids);
        for (const record of assembler.cases(
          problems,
          options.instruments,
          ids.map((id) => `Patient/${id}`),
        )) {
          if (options.signal?.aborted)
            throw new StorageError(
              'The page cancelled reading the FHIR server; nothing was summarised from part of it.',
            );
          yield record;
        }
      }
    } catch (error) {
      if (error instanceof OdError) throw error;
      throw new StorageError(
        'The FHIR server source stopped on an unexpected error. Nothing was summarised from part of the data.',
        { cause: error },
      );
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
