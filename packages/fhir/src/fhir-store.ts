import {
  BaseStore,
  ConflictError,
  NotFoundError,
  StorageError,
  ValidationError,
  newId,
  parseCaseRecord,
  type CaseRecord,
  type ChangeEntry,
  type EntityRef,
  type HistoryEntry,
  type StoreOptions,
  type StoreSnapshot,
} from '@odkit/core';
import { fromFhir, keyOf } from './from-fhir.js';
import {
  entityResourceKey,
  historyFromProvenances,
  isProvenanceKey,
  provenanceEntry,
  requireAuthor,
  transactionTargets,
} from './provenance.js';
import { confirmTransaction, entryResults, isResource, isVersion } from './internal/answers.js';
import {
  checkReadRetry,
  exchange,
  exchangeRead,
  readRetryOf,
  type Answer,
  type ReadRetry,
} from './internal/exchange.js';
import { isUnderBase, nextPage, type Paging } from './internal/links.js';
import { caseResources } from './to-fhir.js';
import type { Bundle, BundleEntry, FhirResource, FhirWarning } from './types.js';
import { CODE_SYSTEM, CONCEPT, EXT, IDENTIFIER } from './vocabulary.js';

/** One HTTP request the store needs made. `fetch(request.url, request)` makes it as is. */
export interface FhirHttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Aborted when the request times out or the host's `signal` is aborted: pass it to `fetch`. */
  signal?: AbortSignal;
}

/** What the store reads of an answer: a `fetch` Response has all of it. */
export interface FhirHttpResponse {
  readonly status: number;
  json(): Promise<unknown>;
}

/**
 * Makes one HTTP request. The host supplies it, so that a SMART client, a Medplum
 * client or a portal's own gateway adds authentication; the store depends on none.
 */
export type FhirHttp = (request: FhirHttpRequest) => Promise<FhirHttpResponse>;

export interface FhirStoreOptions extends StoreOptions {
  /** The server's base URL, e.g. `https://ehr.example/fhir/R4/`. */
  baseUrl: string;
  /** The person's Patient id. */
  patientId: string;
  http: FhirHttp;
  /** The case to open, when the Patient has more than one network (default: the first). */
  caseId?: string;
  /**
   * Written to the server when the Patient has no Open Dialogue network yet (never
   * overwrites one). A Patient the server already has is kept as it is.
   */
  initial?: unknown;
  /** Entries asked for per search page (default 200). */
  pageSize?: number;
  /** Most entries in one transaction when seeding (default 50, Medplum's limit for updates). */
  maxTransactionEntries?: number;
  /** Most milliseconds one request may take before it is given up with a StorageError (default 30,000). */
  timeoutMs?: number;
  /**
   * Times a read is asked again when the connection failed or the server answered 408, 429, 500, 502, 503 or 504
   * (default 2; 0 to 5). Only reads: a write is never sent twice by the store (see `SyncedStore` for edits kept
   * until they are sent).
   */
  readRetries?: number;
  /**
   * The pause before a read is first asked again, in milliseconds (default 500; 0 to 60,000), doubled for each later
   * try; each pause is shortened by a random part of up to half. No try starts more than `timeoutMs` after the first.
   */
  retryDelayMs?: number;
  /** Most pages one search may have (default 1,000); a search with more fails with a StorageError. */
  maxPages?: number;
  /**
   * Aborting it ends the request under way and every later one (StorageError), e.g. when the page closes the widget.
   */
  signal?: AbortSignal;
}

/** A search that could not be read (e.g. no access to one resource type): the load goes on without it. */
export interface FhirReadFailure {
  readonly resourceType: string;
  readonly status: number;
}

/** Searches by patient; `param` is also where each result must point at the patient. */
const SEARCHES = [
  { type: 'EpisodeOfCare', param: 'patient' },
  { type: 'Encounter', param: 'subject' },
  { type: 'Appointment', param: 'actor' },
  { type: 'QuestionnaireResponse', param: 'subject' },
] as const;

/**
 * A CaseStore over any FHIR R4 REST server. Loads a person's case by Patient id
 * (searches with paging), writes each change as one transaction Bundle whose
 * updates carry `If-Match` with the version read. A 412 becomes a ConflictError
 * (nothing is overwritten); network and server failures, answers that do not
 * confirm a write with a version for each resource, requests with no answer within
 * `timeoutMs`, paging links outside `baseUrl` and search results that are not the
 * patient's become StorageErrors; either way the store's record stays as it was.
 *
 * Every write also updates the network CareTeam (its write-count extension), so
 * two kit clients editing different parts of one case still see each other's
 * writes as conflicts: one case, one revision, as with the other stores.
 *
 * `revision` counts the versions this store has seen: 1 after the first load, one
 * more for each write and for each reload that found the server's data changed.
 */
export class FhirStore extends BaseStore {
  #caseId: string;
  readonly baseUrl: string;
  readonly patientId: string;
  readonly #http: FhirHttp;
  readonly #options: FhirStoreOptions;
  /** Taken once, when the options were checked: a host changing its options object later changes nothing. */
  readonly #retry: ReadRetry;
  /** Server JSON of every resource read or written, by `Type/id`. */
  #server = new Map<string, FhirResource>();
  /** What the kit wrote (or would write) for the current record, by `Type/id`, as JSON text. */
  #mapped = new Map<string, string>();
  #sources: ReadonlyMap<string, string> = new Map();
  #revision = 0;
  #warnings: readonly FhirWarning[] = [];
  #failures: readonly FhirReadFailure[] = [];
  /** Conditional-create searches of Questionnaires already made. */
  readonly #questionnaires = new Set<string>();

  private constructor(options: FhirStoreOptions) {
    super(options);
    this.#options = options;
    this.baseUrl = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
    this.patientId = options.patientId;
    this.#http = options.http;
    this.#retry = readRetryOf(options);
    this.#caseId = options.caseId ?? options.patientId;
  }

  get caseId(): string {
    return this.#caseId;
  }

  /** What the last load could not map, or mapped with a default. */
  get warnings(): readonly FhirWarning[] {
    return this.#warnings;
  }

  /** Searches the last load could not read (e.g. 403 on QuestionnaireResponse): reported, not fatal. */
  get readFailures(): readonly FhirReadFailure[] {
    return this.#failures;
  }

  /**
   * Loads the case (seeding it from `initial` first when the Patient has no network).
   * Throws NotFoundError (no such Patient, or no case and no `initial`),
   * ValidationError (options, or data that does not make a valid record) or StorageError.
   */
  static async open(options: FhirStoreOptions): Promise<FhirStore> {
    const issues = [];
    if (typeof options?.baseUrl !== 'string' || !/^https?:\/\//.test(options.baseUrl))
      issues.push({ path: ['baseUrl'], message: 'must be an http(s) URL' });
    if (typeof options?.patientId !== 'string' || !/^[A-Za-z0-9.-]{1,64}$/.test(options.patientId))
      issues.push({ path: ['patientId'], message: 'must be a FHIR id' });
    if (typeof options?.http !== 'function')
      issues.push({ path: ['http'], message: 'must be a function that makes an HTTP request' });
    if (
      options?.caseId !== undefined &&
      (typeof options.caseId !== 'string' || !/^[A-Za-z0-9.-]{1,64}$/.test(options.caseId))
    )
      issues.push({ path: ['caseId'], message: 'must be a FHIR id' });
    for (const [key, max] of [
      ['pageSize', 1000],
      ['maxTransactionEntries', 1000],
      ['timeoutMs', 600_000],
      ['maxPages', 100_000],
    ] as const) {
      const value = options?.[key];
      if (value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= max))
        issues.push({ path: [key], message: `must be a whole number from 1 to ${max}` });
    }
    if (options) checkReadRetry(options, issues);
    if (options?.signal !== undefined && !isAbortSignal(options.signal))
      issues.push({ path: ['signal'], message: 'must be an AbortSignal' });
    if (issues.length) throw new ValidationError('FhirStore options', issues);
    const store = new FhirStore(options);
    try {
      await store.load();
    } catch (error) {
      // No case yet (or not even the Patient, on a server of its own): seed it from `initial`.
      if (!(error instanceof NotFoundError) || options.initial === undefined) throw error;
      await store.#seed(options.initial);
      await store.load();
    }
    return store;
  }

  /* ------------------------------------------------------------------ reading */

  protected async read(): Promise<StoreSnapshot> {
    const patient = await this.#get(`Patient/${encodeURIComponent(this.patientId)}`);
    if (patient.status === 404 || patient.status === 410) throw new NotFoundError('patient', this.patientId);
    if (patient.status !== 200 || !isResource(patient.body) || keyOf(patient.body) !== `Patient/${this.patientId}`)
      throw this.#failure('read the Patient', patient.status);
    const failures: FhirReadFailure[] = [];
    const subject = `Patient/${this.patientId}`;
    const networkQuery = new URLSearchParams({
      subject,
      category: `${CODE_SYSTEM.concept}|${CONCEPT.network}`,
      _include: 'CareTeam:participant',
      '_include:iterate': 'PractitionerRole:practitioner',
    });
    if (this.#options.caseId !== undefined)
      networkQuery.set('identifier', `${IDENTIFIER.caseId}|${this.#options.caseId}`);
    const [network, ...rest] = await Promise.all([
      this.#search('CareTeam', 'subject', networkQuery, failures),
      ...SEARCHES.map((s) => this.#search(s.type, s.param, new URLSearchParams({ [s.param]: subject }), failures)),
    ]);
    const networks = network!.filter((r) => r.resourceType === 'CareTeam');
    if (!networks.length) {
      if (failures.some((f) => f.resourceType === 'CareTeam'))
        throw this.#failure('read the network (CareTeam)', failures[0]!.status);
      throw new NotFoundError(
        this.#options.caseId === undefined ? 'case for Patient' : 'case',
        this.#options.caseId ?? this.patientId,
      );
    }
    // Servers that ignore _include (or :iterate) still get the network's members: read what is missing.
    for (let round = 0; round < 2; round++) {
      const have = new Set(network!.map(keyOf));
      const wanted = new Set<string>();
      for (const r of network!) {
        // Any shape may come back: only a string reference of the expected form is read.
        const refs =
          r.resourceType === 'CareTeam'
            ? (Array.isArray(r.participant) ? (r.participant as unknown[]) : []).map(
                (p) => (p as { member?: unknown } | null)?.member,
              )
            : r.resourceType === 'PractitionerRole'
              ? [r.practitioner]
              : [];
        for (const ref of refs) {
          const key = (ref as { reference?: unknown } | null | undefined)?.reference;
          if (
            typeof key === 'string' &&
            /^(RelatedPerson|Practitioner|PractitionerRole|Organization)\/[A-Za-z0-9.-]{1,64}$/.test(key) &&
            !have.has(key)
          )
            wanted.add(key);
        }
      }
      if (!wanted.size) break;
      network!.push(...(await this.#readAll([...wanted], failures)));
    }
    const [episodes = [], encounters = [], appointments = [], responses = []] = rest;
    const meetings = [...encounters, ...appointments].sort(
      (a, b) => startOf(a) - startOf(b) || String(a.id).localeCompare(String(b.id)),
    );
    episodes.sort((a, b) => startOf(a) - startOf(b) || String(a.id).localeCompare(String(b.id)));
    const resources = [patient.body, ...network!, ...episodes, ...meetings, ...responses];
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: resources.map((resource) => ({ resource })),
    };
    const { record, warnings, sources } = fromFhir(bundle, {
      instruments: this.parseOptions.instruments,
      patientId: this.patientId,
      caseId: this.#options.caseId,
    });
    this.#failures = failures;
    this.#warnings = [
      ...failures.map((f) => ({
        message: `${f.resourceType} could not be read (HTTP ${f.status}); the case is shown without it.`,
      })),
      ...warnings,
    ];
    const server = new Map(resources.map((r) => [keyOf(r), r]));
    const current = this.snapshot;
    const unchanged = current !== undefined && sameVersions(this.#server, server);
    this.#server = server;
    this.#sources = sources;
    this.#caseId = record.id;
    this.#mapped = mapResources(record, this.parseOptions.instruments, sources);
    if (unchanged) return current;
    this.#revision++;
    return { record, revision: this.#revision };
  }

  /**
   * All pages of one search by the patient (`param`); a 401/403/404 is a partial failure,
   * anything else throws. Paging follows only links under the base URL (see links.ts). A result
   * of the searched type that does not point at the patient fails the whole load: the server
   * ignored the patient parameter, and showing (or later writing into) anyone else's data is
   * worse than showing nothing.
   */
  /**
   * All pages of one search. Every result of the searched type must point (by `param`)
   * at one of `expected` (default: this Patient): a server that ignores the search is refused.
   */
  async #search(
    type: string,
    param: string,
    query: URLSearchParams,
    failures: FhirReadFailure[],
    expected: ReadonlySet<string> = this.#patientRefs,
  ): Promise<FhirResource[]> {
    query.set('_count', String(this.#options.pageSize ?? 200));
    let url: string | undefined = new URL(`${type}?${query}`, this.baseUrl).href;
    const paging: Paging = {
      baseUrl: this.baseUrl,
      maxPages: this.#options.maxPages ?? 1000,
      type,
      seen: new Set([url]),
    };
    const out: FhirResource[] = [];
    const read = new Set<string>();
    for (let page = 1; url; page++) {
      const answer = await this.#get(url);
      if (answer.status === 401 || answer.status === 403 || answer.status === 404) {
        failures.push({ resourceType: type, status: answer.status });
        return out;
      }
      if (answer.status !== 200 || !isResource(answer.body) || answer.body.resourceType !== 'Bundle')
        throw this.#failure(`search ${type}`, answer.status);
      const bundle = answer.body as Bundle;
      for (const entry of Array.isArray(bundle.entry) ? bundle.entry : []) {
        const r = (entry as BundleEntry | null)?.resource;
        if (!isResource(r) || read.has(keyOf(r))) continue;
        if (r.resourceType === type && !pointsAt(r, param, expected)) {
          throw new StorageError(
            param === 'target'
              ? `The FHIR server's ${type} search returned entries about other records, so it ignores the search by target. The history is not shown; ask your system administrator to check the FHIR server.`
              : `The FHIR server's ${type} search returned resources of other patients (or of none), so it ignores the search by patient. The case was not loaded, so that no one else's data is shown or written into it; ask your system administrator to check the FHIR server.`,
          );
        }
        read.add(keyOf(r));
        out.push(r);
      }
      url = nextPage(bundle, page, paging);
    }
    return out;
  }

  /** The ways a reference may name this store's Patient. */
  get #patientRefs(): ReadonlySet<string> {
    const relative = `Patient/${this.patientId}`;
    return new Set([relative, `${this.baseUrl}${relative}`]);
  }

  /** Reads resources by `Type/id` in batches; the ones that cannot be read are partial failures. */
  async #readAll(keys: string[], failures: FhirReadFailure[]): Promise<FhirResource[]> {
    const out: FhirResource[] = [];
    for (let i = 0; i < keys.length; i += 100) {
      const chunk = keys.slice(i, i + 100);
      const answer = await this.#send(
        {
          method: 'POST',
          url: this.baseUrl,
          headers: { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' },
          body: JSON.stringify({
            resourceType: 'Bundle',
            type: 'batch',
            entry: chunk.map((url) => ({ request: { method: 'GET', url } })),
          }),
        },
        'read', // a batch of GETs changes nothing
      );
      const results = entryResults(answer, 'batch-response', chunk.length);
      if (!results) throw this.#failure('read the network’s members', answer.status);
      results.forEach((result, j) => {
        if (result.status >= 200 && result.status < 300 && result.resource && keyOf(result.resource) === chunk[j])
          out.push(result.resource);
        else
          failures.push({
            resourceType: chunk[j]!.split('/')[0]!,
            status: Number.isNaN(result.status) ? 0 : result.status,
          });
      });
    }
    return out;
  }

  /* ------------------------------------------------------------------ writing */

  protected async write(record: CaseRecord, baseRevision: number, edit: ChangeEntry): Promise<number> {
    const author = requireAuthor(edit.author);
    const next = mapResources(record, this.parseOptions.instruments, this.#sources);
    // Every resource the kit maps, before and after: a participant pointing anywhere else is the EHR's, and stays.
    const kitKeys = new Set([...this.#mapped.keys(), ...next.keys()]);
    const entries: BundleEntry[] = [];
    const networkKey = [...next.keys()].find((k) => k.startsWith('CareTeam/'))!;
    for (const [key, json] of next) {
      if (key === networkKey || key.startsWith('Questionnaire/')) continue;
      if (this.#mapped.get(key) === json && this.#server.has(key)) continue;
      entries.push(this.#put(key, JSON.parse(json) as FhirResource, kitKeys));
    }
    for (const key of this.#mapped.keys()) {
      const server = this.#server.get(key);
      if (next.has(key) || !server || key.startsWith('Questionnaire/') || key.startsWith('Patient/')) continue;
      // Only resources the kit created are deleted; an EHR's own (e.g. its RelatedPerson) just leaves the case.
      if (!hasKitIdentifier(server)) continue;
      entries.push({ request: { method: 'DELETE', url: key, ifMatch: ifMatch(server) } });
    }
    // The network goes first: a kit client that wrote since this one read fails here, before anything else.
    entries.unshift(this.#put(networkKey, JSON.parse(next.get(networkKey)!) as FhirResource, kitKeys, true));
    // Who made the edit and when, in the same transaction: no change without its Provenance, no Provenance without its
    // change.
    entries.push(provenanceEntry({ ...edit, author }, transactionTargets(entries)));
    await this.#createQuestionnaires(next);
    try {
      await this.#transaction(entries, baseRevision);
    } finally {
      this.#forgetProvenance();
    }
    this.#mapped = next;
    this.#revision = baseRevision + 1;
    return this.#revision;
  }

  /**
   * A PUT of the kit's resource merged into what the server holds (fields the kit does not map are kept), with
   * If-Match.
   */
  #put(key: string, mapped: FhirResource, kitKeys: ReadonlySet<string>, bump = false): BundleEntry {
    const server = this.#server.get(key);
    const resource = merge(server, mapped, kitKeys);
    if (bump) {
      // The server's JSON may have any shape: only a whole, non-negative count is taken as one.
      const counted = (Array.isArray(server?.extension) ? (server.extension as unknown[]) : []).find(
        (e) => (e as { url?: unknown } | null)?.url === EXT.writeCount,
      ) as { valueInteger?: unknown } | undefined;
      const count =
        Number.isSafeInteger(counted?.valueInteger) && (counted!.valueInteger as number) >= 0
          ? (counted!.valueInteger as number)
          : 0;
      resource.extension = [
        ...(Array.isArray(resource.extension) ? (resource.extension as unknown[]) : []).filter(
          (e) => (e as { url?: unknown } | null)?.url !== EXT.writeCount,
        ),
        { url: EXT.writeCount, valueInteger: count + 1 },
      ];
    }
    const request: NonNullable<BundleEntry['request']> = { method: 'PUT', url: key };
    if (server) request.ifMatch = ifMatch(server);
    return { resource, request };
  }

  /**
   * Questionnaires are shared by every case: each is created once (a conditional create,
   * never an overwrite), in a batch of its own, since conditional entries make a
   * transaction "strict" and servers limit those.
   */
  async #createQuestionnaires(resources: Map<string, string> | FhirResource[]): Promise<void> {
    const list = Array.isArray(resources)
      ? resources
      : [...resources.values()].map((json) => JSON.parse(json) as FhirResource);
    const entries: BundleEntry[] = [];
    for (const q of list) {
      if (q.resourceType !== 'Questionnaire') continue;
      const search = `url=${encodeURIComponent(String(q.url))}&version=${encodeURIComponent(String(q.version))}`;
      if (this.#questionnaires.has(search)) continue;
      entries.push({ resource: q, request: { method: 'POST', url: 'Questionnaire', ifNoneExist: search } });
    }
    if (!entries.length) return;
    const answer = await this.#send({
      method: 'POST',
      url: this.baseUrl,
      headers: { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry: entries }),
    });
    const results = entryResults(answer, 'batch-response', entries.length);
    if (!results?.every((r) => r.status >= 200 && r.status < 300))
      throw this.#failure('save the instruments (Questionnaire)', answer.status);
    for (const e of entries) this.#questionnaires.add(e.request!.ifNoneExist!);
  }

  async #transaction(entries: BundleEntry[], baseRevision: number): Promise<void> {
    const bundle: Bundle = { resourceType: 'Bundle', type: 'transaction', entry: entries };
    const answer = await this.#send({
      method: 'POST',
      url: this.baseUrl,
      headers: { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' },
      body: JSON.stringify(bundle),
    });
    // Checked in full before anything is recorded: an answer that does not confirm the write leaves the store as it
    // was.
    const saved = confirmTransaction(
      answer,
      entries,
      () => new ConflictError(this.caseId, baseRevision, baseRevision + 1),
    );
    for (const [key, resource] of saved) {
      if (resource) this.#server.set(key, resource);
      else this.#server.delete(key);
    }
  }

  /** Writes a new case: every resource except a Patient the server already has, the network last. */
  async #seed(initial: unknown): Promise<void> {
    // Checked before anything is written: a case is never created anonymously.
    const author = requireAuthor(this.author);
    const record = parseCaseRecord(initial, this.parseOptions);
    if (record.person.id !== this.patientId) {
      throw new ValidationError('FhirStore initial record', [
        { path: ['person', 'id'], message: `must be the Patient id the store was opened for` },
      ]);
    }
    if (this.#options.caseId !== undefined && record.id !== this.#options.caseId) {
      throw new ValidationError('FhirStore initial record', [
        { path: ['id'], message: 'must be the case id the store was opened for' },
      ]);
    }
    const patient = await this.#get(`Patient/${encodeURIComponent(this.patientId)}`);
    // Only a Patient the server says it has not (404, 410) is written: an error (a 503, a 401) says nothing of
    // whether the EHR has one, and writing ours would overwrite theirs.
    if (patient.status !== 200 && patient.status !== 404 && patient.status !== 410)
      throw this.#failure('read the Patient', patient.status);
    const hasPatient = patient.status === 200;
    const mapped = caseResources(record, { instruments: this.parseOptions.instruments });
    const network = mapped.find((r) => r.resourceType === 'CareTeam')!;
    await this.#createQuestionnaires(mapped);
    const entries: BundleEntry[] = [];
    for (const r of mapped) {
      if (r === network || r.resourceType === 'Questionnaire' || (r.resourceType === 'Patient' && hasPatient)) continue;
      entries.push({ resource: r, request: { method: 'PUT', url: keyOf(r) } });
    }
    // One seed edit; every transaction of it carries its Provenance (what that transaction wrote),
    // so the resources of a seed cut short after its first batches are never anonymous.
    const seedEdit = { id: newId('edit'), at: new Date().toISOString(), author };
    const size = Math.max(1, (this.#options.maxTransactionEntries ?? 50) - 1); // room for the Provenance
    for (let i = 0; i < entries.length; i += size) {
      const batch = entries.slice(i, i + size);
      await this.#transaction([...batch, provenanceEntry(seedEdit, transactionTargets(batch))], 0);
    }
    const last: BundleEntry[] = [
      {
        resource: {
          ...network,
          extension: [...((network.extension as object[]) ?? []), { url: EXT.writeCount, valueInteger: 1 }],
        },
        request: { method: 'PUT', url: keyOf(network) },
      },
    ];
    // The network commits the case: its Provenance targets every resource of the seed.
    last.push(provenanceEntry(seedEdit, transactionTargets([...entries, ...last])));
    try {
      await this.#transaction(last, 0);
    } finally {
      this.#forgetProvenance();
    }
  }

  /**
   * Provenances are not part of the case: the record of what the server holds leaves them out (or every reload would
   * look like a change).
   */
  #forgetProvenance(): void {
    for (const key of this.#server.keys()) if (isProvenanceKey(key)) this.#server.delete(key);
  }

  /* ------------------------------------------------------------------ history */

  /**
   * An entity's history from the server's Provenances: those that target the
   * network CareTeam (every kit write does) and those that target the entity's
   * own resource (an EHR's too), all pages.
   */
  protected override async readHistory(entity: EntityRef): Promise<readonly HistoryEntry[]> {
    const network = [...this.#mapped.keys()].find((k) => k.startsWith('CareTeam/'));
    const own = entityResourceKey(this.#mapped, entity);
    const failures: FhirReadFailure[] = [];
    const found = await Promise.all(
      [...new Set([network, own])]
        .filter((k) => k !== undefined)
        .map((target) =>
          this.#search(
            'Provenance',
            'target',
            new URLSearchParams({ target }),
            failures,
            new Set([target, `${this.baseUrl}${target}`]),
          ),
        ),
    );
    if (failures.length) throw this.#failure('read the change history (Provenance)', failures[0]!.status);
    return historyFromProvenances(found.flat(), entity, own);
  }

  /* ------------------------------------------------------------------ HTTP */

  /** A GET of a path under the base URL, or of an absolute URL already checked to be under it. */
  async #get(path: string): Promise<Answer> {
    const url = /^https?:\/\//.test(path) ? path : `${this.baseUrl}${path}`;
    return this.#send({ method: 'GET', url, headers: { accept: 'application/fhir+json' } }, 'read');
  }

  /**
   * Every request goes through here: only under the base URL, with the time limit and the host's signal. A `read`
   * (a request that changes nothing) is asked again after a failure of the moment; anything else is sent once.
   */
  async #send(request: FhirHttpRequest, kind: 'read' | 'write' = 'write'): Promise<Answer> {
    if (!isUnderBase(request.url, this.baseUrl)) {
      throw new StorageError(
        `The store was about to send a ${request.method} request outside the FHIR server, and did not. Nothing was changed here.`,
      );
    }
    const limits = { timeoutMs: this.#options.timeoutMs ?? 30_000, signal: this.#options.signal };
    if (kind === 'write') return exchange(this.#http, request, limits);
    return exchangeRead(this.#http, request, limits, this.#retry);
  }

  #failure(what: string, status: number): StorageError {
    return new StorageError(
      `The FHIR server could not ${what} (HTTP ${status}). Nothing was changed here; try again, or ask your system administrator if it goes on.`,
    );
  }
}

function mapResources(
  record: CaseRecord,
  instruments: StoreOptions['instruments'],
  sources: ReadonlyMap<string, string>,
): Map<string, string> {
  return new Map(caseResources(record, { instruments, sources }).map((r) => [keyOf(r), JSON.stringify(r)]));
}

/**
 * Top-level fields the kit writes, per resource type: on update these come from the kit, everything else stays as the
 * server has it.
 */
const OWNED = [
  'extension',
  'identifier',
  'name',
  'active',
  'status',
  'category',
  'subject',
  'participant',
  'patient',
  'relationship',
  'communication',
  'period',
  'practitioner',
  'organization',
  'code',
  'contained',
  'type',
  'team',
  'class',
  'episodeOfCare',
  'location',
  'cancelationReason',
  'serviceType',
  'appointmentType',
  'start',
  '_start',
  'end',
  '_end',
  'requestedPeriod',
  'questionnaire',
  'encounter',
  'authored',
  '_authored',
  'author',
  'item',
  'birthDate',
];
const KIT_URL = /^https:\/\/fhir\.opendialoguekit\.org\//;

/** The resource a participant (CareTeam member, Encounter individual, Appointment actor) points at. */
const participantRef = (p: unknown): string | undefined => {
  const x = p as {
    member?: { reference?: unknown };
    individual?: { reference?: unknown };
    actor?: { reference?: unknown };
  } | null;
  const ref = x?.member?.reference ?? x?.individual?.reference ?? x?.actor?.reference;
  return typeof ref === 'string' ? ref : undefined;
};

/** A communication entry's language code (or text). */
const languageOf = (c: unknown): string | undefined => {
  const x = c as { language?: { coding?: { code?: unknown }[]; text?: unknown } } | null;
  const code = x?.language?.coding?.[0]?.code ?? x?.language?.text;
  return typeof code === 'string' ? code.toLowerCase() : undefined;
};

function merge(server: FhirResource | undefined, mapped: FhirResource, kitKeys: ReadonlySet<string>): FhirResource {
  if (!server) return mapped;
  const out: FhirResource = { ...server };
  for (const key of OWNED) if (key !== 'extension' && key !== 'identifier' && key !== 'communication') delete out[key];
  Object.assign(out, mapped);
  if (server.name !== undefined && JSON.stringify(nameText(server.name)) === JSON.stringify(nameText(mapped.name)))
    out.name = server.name;
  // Keep what others added: their extensions, identifiers, meta (profiles, security labels).
  // The server's lists may hold anything: only objects are kept (a null entry is not valid FHIR to write back).
  const theirs = <T>(list: unknown, keep: (x: T) => boolean): T[] =>
    Array.isArray(list)
      ? (list as unknown[]).filter((x): x is T => typeof x === 'object' && x !== null && keep(x as T))
      : [];
  const extensions = [
    ...theirs<{ url?: string }>(server.extension, (e) => !KIT_URL.test(e.url ?? '')),
    ...((mapped.extension as object[]) ?? []),
  ];
  if (extensions.length) out.extension = extensions;
  if (Array.isArray(server.identifier) && Array.isArray(mapped.identifier)) {
    const systems = new Set((mapped.identifier as { system?: string }[]).map((i) => i.system));
    out.identifier = [
      ...theirs<{ system?: string }>(server.identifier, (i) => !systems.has(i.system)),
      ...mapped.identifier,
    ];
  }
  if (
    mapped.communication === undefined &&
    server.communication !== undefined &&
    mapped.resourceType !== 'Patient' &&
    mapped.resourceType !== 'RelatedPerson'
  )
    out.communication = server.communication;
  // The kit holds one preferred language: the EHR's other languages stay, no longer marked preferred.
  if (Array.isArray(mapped.communication) && Array.isArray(server.communication)) {
    const ours = new Set((mapped.communication as unknown[]).map(languageOf));
    const others = (server.communication as unknown[])
      .filter((c) => typeof c === 'object' && c !== null && !ours.has(languageOf(c)))
      .map((c) => {
        const { preferred: _preferred, ...rest } = c as Record<string, unknown>;
        return rest;
      });
    if (others.length) out.communication = [...(mapped.communication as unknown[]), ...others];
  }
  // Participants the kit does not map (an EHR's interpreter, a crisis team) are never dropped by a kit write.
  if (Array.isArray(server.participant)) {
    const foreign = (server.participant as unknown[]).filter((p) => {
      const ref = participantRef(p);
      return ref !== undefined && !kitKeys.has(ref);
    });
    if (foreign.length) out.participant = [...((mapped.participant as unknown[] | undefined) ?? []), ...foreign];
  }
  // A birth date the kit could not read (FHIR allows "1980-05"; the kit holds full dates) is kept, not erased.
  if (
    mapped.resourceType === 'Patient' &&
    mapped.birthDate === undefined &&
    typeof server.birthDate === 'string' &&
    !/^\d{4}-\d{2}-\d{2}$/.test(server.birthDate)
  ) {
    out.birthDate = server.birthDate;
  }
  const profiles = (meta: FhirResource['meta']) => (Array.isArray(meta?.profile) ? meta.profile : []);
  out.meta = { ...server.meta, profile: [...new Set([...profiles(server.meta), ...profiles(mapped.meta)])] };
  // Security labels: the kit's audience labels are its own (an audience removed is removed); others' stay.
  const security = [
    ...theirs<{ system?: string }>(server.meta?.security, (c) => c.system !== CODE_SYSTEM.audience),
    ...((mapped.meta?.security as object[] | undefined) ?? []),
  ];
  if (security.length) out.meta.security = security;
  else delete out.meta.security;
  delete out.meta.versionId;
  delete out.meta.lastUpdated;
  return out;
}

const hasKitIdentifier = (r: FhirResource) => {
  const list = Array.isArray(r.identifier) ? r.identifier : [r.identifier];
  return list.some(
    (i) => typeof i === 'object' && i !== null && (i as { system?: string }).system === IDENTIFIER.entityId,
  );
};

/**
 * The If-Match for a resource as last read or written; the version must be known (an empty `W/""` checks nothing on
 * some servers).
 */
function ifMatch(r: FhirResource): string {
  const version = r.meta?.versionId;
  if (isVersion(version)) return `W/"${version}"`;
  throw new StorageError(
    `The FHIR server gave no version for a ${r.resourceType} in this case, so saving could overwrite someone else's change unseen. Nothing was changed here; ask your system administrator (the server must give meta.versionId).`,
  );
}

/** A `subject`/`patient` reference, or (`actor`) any Appointment participant's actor, names the patient. */
function pointsAt(r: FhirResource, param: string, expected: ReadonlySet<string>): boolean {
  const field = r[param];
  const refs =
    param === 'actor'
      ? (Array.isArray(r.participant) ? (r.participant as unknown[]) : []).map(
          (p) => (p as { actor?: unknown } | null)?.actor,
        )
      : Array.isArray(field) // e.g. Provenance.target
        ? (field as unknown[])
        : [field];
  return refs.some((ref) => {
    const value = (ref as { reference?: unknown } | null | undefined)?.reference;
    return typeof value === 'string' && expected.has(value);
  });
}

const isAbortSignal = (v: unknown): v is AbortSignal => typeof AbortSignal !== 'undefined' && v instanceof AbortSignal;

/** The display text of a name (HumanName list or string), to tell whether the kit changed it. */
function nameText(name: unknown): string | undefined {
  if (typeof name === 'string') return name;
  const first = Array.isArray(name)
    ? (name[0] as { text?: unknown; given?: unknown; family?: unknown } | null | undefined)
    : undefined;
  if (typeof first !== 'object' || first === null) return undefined;
  const text = typeof first.text === 'string' ? first.text.trim() : '';
  const given = Array.isArray(first.given) ? first.given.filter((g): g is string => typeof g === 'string') : [];
  return text || [...given, typeof first.family === 'string' ? first.family : ''].filter(Boolean).join(' ').trim();
}

function sameVersions(a: Map<string, FhirResource>, b: Map<string, FhirResource>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, r] of b) if (a.get(key)?.meta?.versionId !== r.meta?.versionId) return false;
  return true;
}

function startOf(r: FhirResource): number {
  const period = r.period as { start?: string } | undefined;
  const requested = (r.requestedPeriod as { start?: string }[] | undefined)?.[0];
  const t = Date.parse(String(r.start ?? period?.start ?? requested?.start ?? ''));
  return Number.isNaN(t) ? Infinity : t;
}
