import {
  BaseStore,
  ConflictError,
  NotFoundError,
  OdError,
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
import { entityResourceKey, historyFromProvenances, isProvenanceKey, provenanceEntry, requireAuthor, transactionTargets } from './provenance.js';
import { caseResources } from './to-fhir.js';
import type { Bundle, BundleEntry, FhirResource, FhirWarning } from './types.js';
import { CODE_SYSTEM, CONCEPT, EXT, IDENTIFIER } from './vocabulary.js';

/** One HTTP request the store needs made. `fetch(request.url, request)` makes it as is. */
export interface FhirHttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
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
}

/** A search that could not be read (e.g. no access to one resource type): the load goes on without it. */
export interface FhirReadFailure {
  readonly resourceType: string;
  readonly status: number;
}

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
 * (nothing is overwritten); network and server failures become StorageErrors;
 * either way the store's record stays as it was.
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
    if (typeof options?.baseUrl !== 'string' || !/^https?:\/\//.test(options.baseUrl)) issues.push({ path: ['baseUrl'], message: 'must be an http(s) URL' });
    if (typeof options?.patientId !== 'string' || !/^[A-Za-z0-9.-]{1,64}$/.test(options.patientId)) issues.push({ path: ['patientId'], message: 'must be a FHIR id' });
    if (typeof options?.http !== 'function') issues.push({ path: ['http'], message: 'must be a function that makes an HTTP request' });
    if (options?.caseId !== undefined && (typeof options.caseId !== 'string' || !/^[A-Za-z0-9.-]{1,64}$/.test(options.caseId))) issues.push({ path: ['caseId'], message: 'must be a FHIR id' });
    for (const [key, max] of [['pageSize', 1000], ['maxTransactionEntries', 1000]] as const) {
      const value = options?.[key];
      if (value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= max)) issues.push({ path: [key], message: `must be a whole number from 1 to ${max}` });
    }
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
    if (patient.status !== 200 || !isResource(patient.body)) throw this.#failure('read the Patient', patient.status);
    const failures: FhirReadFailure[] = [];
    const subject = `Patient/${this.patientId}`;
    const networkQuery = new URLSearchParams({
      subject,
      category: `${CODE_SYSTEM.concept}|${CONCEPT.network}`,
      _include: 'CareTeam:participant',
      '_include:iterate': 'PractitionerRole:practitioner',
    });
    if (this.#options.caseId !== undefined) networkQuery.set('identifier', `${IDENTIFIER.caseId}|${this.#options.caseId}`);
    const [network, ...rest] = await Promise.all([
      this.#search('CareTeam', networkQuery, failures),
      ...SEARCHES.map((s) => this.#search(s.type, new URLSearchParams({ [s.param]: subject }), failures)),
    ]);
    const networks = network!.filter((r) => r.resourceType === 'CareTeam');
    if (!networks.length) {
      if (failures.some((f) => f.resourceType === 'CareTeam')) throw this.#failure('read the network (CareTeam)', failures[0]!.status);
      throw new NotFoundError(this.#options.caseId === undefined ? 'case for Patient' : 'case', this.#options.caseId ?? this.patientId);
    }
    // Servers that ignore _include (or :iterate) still get the network's members: read what is missing.
    for (let round = 0; round < 2; round++) {
      const have = new Set(network!.map(keyOf));
      const wanted = new Set<string>();
      for (const r of network!) {
        const refs = r.resourceType === 'CareTeam' ? ((r.participant as { member?: { reference?: string } }[] | undefined) ?? []).map((p) => p.member) : r.resourceType === 'PractitionerRole' ? [r.practitioner as { reference?: string } | undefined] : [];
        for (const ref of refs) {
          const key = ref?.reference;
          if (key && /^(RelatedPerson|Practitioner|PractitionerRole|Organization)\/[A-Za-z0-9.-]{1,64}$/.test(key) && !have.has(key)) wanted.add(key);
        }
      }
      if (!wanted.size) break;
      network!.push(...(await this.#readAll([...wanted], failures)));
    }
    const [episodes = [], encounters = [], appointments = [], responses = []] = rest;
    const meetings = [...encounters, ...appointments].sort((a, b) => startOf(a) - startOf(b) || String(a.id).localeCompare(String(b.id)));
    episodes.sort((a, b) => startOf(a) - startOf(b) || String(a.id).localeCompare(String(b.id)));
    const resources = [patient.body, ...network!, ...episodes, ...meetings, ...responses];
    const bundle: Bundle = { resourceType: 'Bundle', type: 'searchset', entry: resources.map((resource) => ({ resource })) };
    const { record, warnings, sources } = fromFhir(bundle, {
      instruments: this.parseOptions.instruments,
      patientId: this.patientId,
      caseId: this.#options.caseId,
    });
    this.#failures = failures;
    this.#warnings = [
      ...failures.map((f) => ({ message: `${f.resourceType} could not be read (HTTP ${f.status}); the case is shown without it.` })),
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

  /** All pages of one search; a 401/403/404 is a partial failure, anything else throws. */
  async #search(type: string, query: URLSearchParams, failures: FhirReadFailure[]): Promise<FhirResource[]> {
    query.set('_count', String(this.#options.pageSize ?? 200));
    let url: string | undefined = `${type}?${query}`;
    const out: FhirResource[] = [];
    const seen = new Set<string>();
    for (let page = 0; url && page < 10_000; page++) {
      const answer = await this.#get(url);
      if (answer.status === 401 || answer.status === 403 || answer.status === 404) {
        failures.push({ resourceType: type, status: answer.status });
        return out;
      }
      if (answer.status !== 200 || !isResource(answer.body) || answer.body.resourceType !== 'Bundle') throw this.#failure(`search ${type}`, answer.status);
      const bundle = answer.body as Bundle;
      for (const entry of bundle.entry ?? []) {
        const r = entry.resource;
        if (!isResource(r) || seen.has(keyOf(r))) continue;
        seen.add(keyOf(r));
        out.push(r);
      }
      url = bundle.link?.find((l) => l.relation === 'next')?.url;
    }
    return out;
  }

  /** Reads resources by `Type/id` in batches; the ones that cannot be read are partial failures. */
  async #readAll(keys: string[], failures: FhirReadFailure[]): Promise<FhirResource[]> {
    const out: FhirResource[] = [];
    for (let i = 0; i < keys.length; i += 100) {
      const chunk = keys.slice(i, i + 100);
      const answer = await this.#send({
        method: 'POST',
        url: this.baseUrl,
        headers: { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' },
        body: JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry: chunk.map((url) => ({ request: { method: 'GET', url } })) }),
      });
      if (answer.status !== 200 || !isResource(answer.body)) throw this.#failure('read the network’s members', answer.status);
      ((answer.body as Bundle).entry ?? []).forEach((entry, j) => {
        if (isResource(entry.resource) && entry.resource.resourceType !== 'OperationOutcome') out.push(entry.resource);
        else failures.push({ resourceType: chunk[j]!.split('/')[0]!, status: Number.parseInt(entry.response?.status ?? '0', 10) });
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
      entries.push({ request: { method: 'DELETE', url: key, ifMatch: etag(server) } });
    }
    // The network goes first: a kit client that wrote since this one read fails here, before anything else.
    entries.unshift(this.#put(networkKey, JSON.parse(next.get(networkKey)!) as FhirResource, kitKeys, true));
    // Who made the edit and when, in the same transaction: no change without its Provenance, no Provenance without its change.
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

  /** A PUT of the kit's resource merged into what the server holds (fields the kit does not map are kept), with If-Match. */
  #put(key: string, mapped: FhirResource, kitKeys: ReadonlySet<string>, bump = false): BundleEntry {
    const server = this.#server.get(key);
    const resource = merge(server, mapped, kitKeys);
    if (bump) {
      const count = Number((server?.extension as { url: string; valueInteger?: number }[] | undefined)?.find((e) => e.url === EXT.writeCount)?.valueInteger ?? 0);
      resource.extension = [...((resource.extension as object[] | undefined) ?? []).filter((e) => (e as { url: string }).url !== EXT.writeCount), { url: EXT.writeCount, valueInteger: count + 1 }];
    }
    const request: NonNullable<BundleEntry['request']> = { method: 'PUT', url: key };
    if (server) request.ifMatch = etag(server);
    return { resource, request };
  }

  /**
   * Questionnaires are shared by every case: each is created once (a conditional create,
   * never an overwrite), in a batch of its own, since conditional entries make a
   * transaction "strict" and servers limit those.
   */
  async #createQuestionnaires(resources: Map<string, string> | FhirResource[]): Promise<void> {
    const list = Array.isArray(resources) ? resources : [...resources.values()].map((json) => JSON.parse(json) as FhirResource);
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
    if (answer.status !== 200) throw this.#failure('save the instruments (Questionnaire)', answer.status);
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
    if (answer.status === 412 || answer.status === 409) throw new ConflictError(this.caseId, baseRevision, baseRevision + 1);
    if (answer.status !== 200 || !isResource(answer.body)) throw this.#failure('save the change', answer.status);
    const results = (answer.body as Bundle).entry ?? [];
    entries.forEach((entry, i) => {
      const status = Number.parseInt(results[i]?.response?.status ?? '', 10);
      if (status === 412 || status === 409) throw new ConflictError(this.caseId, baseRevision, baseRevision + 1);
      const key = entry.request!.url;
      if (entry.request!.method === 'DELETE') {
        this.#server.delete(key);
        return;
      }
      const saved = results[i]?.resource;
      const version = /W\/"([^"]+)"/.exec(results[i]?.response?.etag ?? '')?.[1] ?? /_history\/([^/]+)$/.exec(results[i]?.response?.location ?? '')?.[1];
      const resource = isResource(saved) ? saved : { ...entry.resource!, meta: { ...entry.resource!.meta, versionId: version } };
      if (entry.request!.method === 'POST' && isResource(saved)) this.#server.set(keyOf(saved), saved);
      else this.#server.set(key, resource);
    });
  }

  /** Writes a new case: every resource except a Patient the server already has, the network last. */
  async #seed(initial: unknown): Promise<void> {
    const record = parseCaseRecord(initial, this.parseOptions);
    if (record.person.id !== this.patientId) {
      throw new ValidationError('FhirStore initial record', [{ path: ['person', 'id'], message: `must be the Patient id the store was opened for` }]);
    }
    if (this.#options.caseId !== undefined && record.id !== this.#options.caseId) {
      throw new ValidationError('FhirStore initial record', [{ path: ['id'], message: 'must be the case id the store was opened for' }]);
    }
    const patient = await this.#get(`Patient/${encodeURIComponent(this.patientId)}`);
    const hasPatient = patient.status === 200;
    const mapped = caseResources(record, { instruments: this.parseOptions.instruments });
    const network = mapped.find((r) => r.resourceType === 'CareTeam')!;
    await this.#createQuestionnaires(mapped);
    const entries: BundleEntry[] = [];
    for (const r of mapped) {
      if (r === network || r.resourceType === 'Questionnaire' || (r.resourceType === 'Patient' && hasPatient)) continue;
      entries.push({ resource: r, request: { method: 'PUT', url: keyOf(r) } });
    }
    const size = Math.max(1, this.#options.maxTransactionEntries ?? 50);
    for (let i = 0; i < entries.length; i += size) await this.#transaction(entries.slice(i, i + size), 0);
    const last: BundleEntry[] = [{ resource: { ...network, extension: [...((network.extension as object[]) ?? []), { url: EXT.writeCount, valueInteger: 1 }] }, request: { method: 'PUT', url: keyOf(network) } }];
    // The network commits the case: its transaction carries the seed's Provenance (every resource written is a target).
    const author = this.author;
    if (author) last.push(provenanceEntry({ id: newId('edit'), at: new Date().toISOString(), author }, transactionTargets([...entries, ...last])));
    try {
      await this.#transaction(last, 0);
    } finally {
      this.#forgetProvenance();
    }
  }

  /** Provenances are not part of the case: the record of what the server holds leaves them out (or every reload would look like a change). */
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
    const found = await Promise.all([...new Set([network, own])].filter((k) => k !== undefined).map((target) => this.#search('Provenance', new URLSearchParams({ target }), failures)));
    if (failures.length) throw this.#failure('read the change history (Provenance)', failures[0]!.status);
    return historyFromProvenances(found.flat(), entity, own);
  }

  /* ------------------------------------------------------------------ HTTP */

  async #get(path: string): Promise<{ status: number; body: unknown }> {
    const url = /^https?:\/\//.test(path) ? path : `${this.baseUrl}${path}`;
    return this.#send({ method: 'GET', url, headers: { accept: 'application/fhir+json' } });
  }

  async #send(request: FhirHttpRequest): Promise<{ status: number; body: unknown }> {
    let response: FhirHttpResponse;
    try {
      response = await this.#http(request);
    } catch (cause) {
      if (cause instanceof OdError) throw cause;
      throw new StorageError(`Could not reach the FHIR server (${request.method} request failed: ${describe(cause)}). Nothing was changed here; check the connection and try again.`, { cause });
    }
    let body: unknown;
    try {
      body = response.status === 204 ? undefined : await response.json();
    } catch (cause) {
      if (response.status >= 200 && response.status < 300) {
        throw new StorageError(`The FHIR server's answer could not be read (HTTP ${response.status}). Nothing was changed here.`, { cause });
      }
    }
    return { status: response.status, body };
  }

  #failure(what: string, status: number): StorageError {
    return new StorageError(`The FHIR server could not ${what} (HTTP ${status}). Nothing was changed here; try again, or ask your system administrator if it goes on.`);
  }
}

function mapResources(record: CaseRecord, instruments: StoreOptions['instruments'], sources: ReadonlyMap<string, string>): Map<string, string> {
  return new Map(caseResources(record, { instruments, sources }).map((r) => [keyOf(r), JSON.stringify(r)]));
}

/** Top-level fields the kit writes, per resource type: on update these come from the kit, everything else stays as the server has it. */
const OWNED = ['extension', 'identifier', 'name', 'active', 'status', 'category', 'subject', 'participant', 'patient', 'relationship', 'communication', 'period', 'practitioner', 'organization', 'code', 'contained', 'type', 'team', 'class', 'episodeOfCare', 'location', 'cancelationReason', 'serviceType', 'appointmentType', 'start', '_start', 'end', '_end', 'requestedPeriod', 'questionnaire', 'encounter', 'authored', '_authored', 'author', 'item', 'birthDate'];
const KIT_URL = /^https:\/\/fhir\.opendialoguekit\.org\//;

/** The resource a participant (CareTeam member, Encounter individual, Appointment actor) points at. */
const participantRef = (p: unknown): string | undefined => {
  const x = p as { member?: { reference?: unknown }; individual?: { reference?: unknown }; actor?: { reference?: unknown } } | null;
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
  if (server.name !== undefined && JSON.stringify(nameText(server.name)) === JSON.stringify(nameText(mapped.name))) out.name = server.name;
  // Keep what others added: their extensions, identifiers, meta (profiles, security labels).
  const theirs = <T>(list: unknown, keep: (x: T) => boolean): T[] => (Array.isArray(list) ? (list as T[]).filter(keep) : []);
  const extensions = [...theirs<{ url?: string }>(server.extension, (e) => !KIT_URL.test(e.url ?? '')), ...((mapped.extension as object[]) ?? [])];
  if (extensions.length) out.extension = extensions;
  if (Array.isArray(server.identifier) && Array.isArray(mapped.identifier)) {
    const systems = new Set((mapped.identifier as { system?: string }[]).map((i) => i.system));
    out.identifier = [...theirs<{ system?: string }>(server.identifier, (i) => !systems.has(i.system)), ...mapped.identifier];
  }
  if (mapped.communication === undefined && server.communication !== undefined && mapped.resourceType !== 'Patient' && mapped.resourceType !== 'RelatedPerson') out.communication = server.communication;
  // The kit holds one preferred language: the EHR's other languages stay, no longer marked preferred.
  if (Array.isArray(mapped.communication) && Array.isArray(server.communication)) {
    const ours = new Set((mapped.communication as unknown[]).map(languageOf));
    const others = (server.communication as unknown[])
      .filter((c) => !ours.has(languageOf(c)))
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
  if (mapped.resourceType === 'Patient' && mapped.birthDate === undefined && typeof server.birthDate === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(server.birthDate)) {
    out.birthDate = server.birthDate;
  }
  out.meta = { ...server.meta, profile: [...new Set([...(server.meta?.profile ?? []), ...(mapped.meta?.profile ?? [])])] };
  delete out.meta.versionId;
  delete out.meta.lastUpdated;
  return out;
}

const hasKitIdentifier = (r: FhirResource) => {
  const list = Array.isArray(r.identifier) ? r.identifier : [r.identifier];
  return list.some((i) => typeof i === 'object' && i !== null && (i as { system?: string }).system === IDENTIFIER.entityId);
};

const etag = (r: FhirResource) => `W/"${r.meta?.versionId ?? ''}"`;

/** The display text of a name (HumanName list or string), to tell whether the kit changed it. */
function nameText(name: unknown): string | undefined {
  if (typeof name === 'string') return name;
  const first = Array.isArray(name) ? (name[0] as { text?: string; given?: string[]; family?: string } | undefined) : undefined;
  if (!first) return undefined;
  return first.text?.trim() || [...(first.given ?? []), first.family].filter(Boolean).join(' ').trim();
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

const isResource = (v: unknown): v is FhirResource => typeof v === 'object' && v !== null && typeof (v as FhirResource).resourceType === 'string';

const describe = (e: unknown) => (e instanceof Error ? e.name : 'error');
