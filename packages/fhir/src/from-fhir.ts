import {
  ATTENDEE_ROLES,
  CONTACT_FREQUENCIES,
  CRITICAL_RATINGS,
  EVIDENCE_SOURCES,
  MEMBER_STATUSES,
  OdError,
  PRACTITIONER_ROLES,
  RATER_ROLES,
  SECTORS,
  SUPPORT_TYPES,
  TIE_DIRECTIONS,
  TIE_QUALITIES,
  TIE_STRENGTHS,
  ValidationError,
  defaultInstruments,
  isId,
  isIsoDateTime,
  isLanguageTag,
  isValidNhsNumber,
  parseCaseRecord,
  type Assessment,
  type Attendee,
  type CaseRecord,
  type Episode,
  type Handover,
  type InstrumentRegistry,
  type Meeting,
  type NetworkMember,
  type Person,
  type Tie,
} from '@odkit/core';
import { readString } from './internal/text.js';
import type { FhirResource, FhirWarning } from './types.js';
import {
  BCP47,
  CODE_SYSTEM,
  CONCEPT,
  EXT,
  IDENTIFIER,
  MODE_TO_CLASS,
  NHS_NUMBER_SYSTEM,
  QUESTIONNAIRE_BASE,
  V3_ROLE_CODE,
} from './vocabulary.js';

export interface FromFhirOptions {
  /** Instruments that QuestionnaireResponses may refer to (default: core's default registry). */
  instruments?: InstrumentRegistry;
  /** The person's Patient id, when the bundle holds more than one Patient. */
  patientId?: string;
  /** The case id, when the bundle holds more than one network for the patient. */
  caseId?: string;
}

export interface FromFhirResult {
  /** A valid, frozen case record. */
  readonly record: CaseRecord;
  /** Everything that could not be mapped, or was mapped with a default. */
  readonly warnings: readonly FhirWarning[];
  /**
   * Where each entity came from: `member:<id>`, `episode:<id>`, `meeting:<id>`,
   * `assessment:<id>` and `network` to `ResourceType/id`. FhirStore writes back to
   * these resources (so data an EHR wrote keeps its own ids).
   */
  readonly sources: ReadonlyMap<string, string>;
}

type Obj = Record<string, unknown>;

const MODES = Object.keys(MODE_TO_CLASS) as Meeting['mode'][];

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const objs = (v: unknown): Obj[] => arr(v).filter(isObj);
const includes = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (list as readonly string[]).includes(v);

/**
 * Maps a FHIR R4 Bundle (a `collection` from `toFhir`, a `searchset`, or any
 * real-world bundle) to a case record. Resources it does not use are ignored and
 * listed in the warnings; unknown codes keep their text; anything that cannot be
 * mapped is a warning. Throws only core's ValidationError: when the input is not a
 * Bundle, has no Patient, or what it maps to is not a valid case record.
 */
export function fromFhir(bundle: unknown, options: FromFhirOptions = {}): FromFhirResult {
  try {
    return new Reader(bundle, options).read();
  } catch (error) {
    if (error instanceof OdError) throw error;
    // Input that throws when read (a failing getter, a revoked proxy) or a shape not foreseen.
    throw new ValidationError('FHIR bundle', [
      { path: [], message: `could not be read (${error instanceof Error ? error.name : 'error'})` },
    ]);
  }
}

class Reader {
  readonly warnings: FhirWarning[] = [];
  readonly sources = new Map<string, string>();
  readonly byKey = new Map<string, FhirResource>();
  readonly byFullUrl = new Map<string, FhirResource>();
  readonly all: FhirResource[] = [];
  readonly used = new Set<FhirResource>();
  readonly instruments: InstrumentRegistry;
  /** Resource key (`Type/id`) → member id. */
  readonly memberByResource = new Map<string, string>();
  readonly membersById = new Map<string, NetworkMember>();

  constructor(
    readonly input: unknown,
    readonly options: FromFhirOptions,
  ) {
    this.instruments = options.instruments ?? defaultInstruments;
  }

  warn(resource: FhirResource | string | undefined, message: string): void {
    const key = typeof resource === 'string' ? resource : resource ? keyOf(resource) : undefined;
    this.warnings.push(key ? { resource: key, message } : { message });
  }

  read(): FromFhirResult {
    const bundle = this.input;
    if (!isObj(bundle) || bundle.resourceType !== 'Bundle') {
      throw new ValidationError('FHIR bundle', [{ path: ['resourceType'], message: 'must be "Bundle"' }]);
    }
    if (bundle.entry !== undefined && !Array.isArray(bundle.entry)) {
      throw new ValidationError('FHIR bundle', [{ path: ['entry'], message: 'must be a list' }]);
    }
    arr(bundle.entry).forEach((entry, i) => {
      const resource = isObj(entry) ? entry.resource : undefined;
      if (!isObj(resource) || typeof resource.resourceType !== 'string') {
        this.warn(undefined, `Bundle entry ${i} has no resource; it was ignored.`);
        return;
      }
      const r = resource as FhirResource;
      // A search with _include can list a resource twice: read it once.
      if (typeof r.id === 'string' && this.byKey.has(keyOf(r))) return;
      this.all.push(r);
      if (typeof r.id === 'string') this.byKey.set(keyOf(r), r);
      if (isObj(entry) && typeof entry.fullUrl === 'string') this.byFullUrl.set(entry.fullUrl, r);
    });

    const patient = this.findPatient();
    const network = this.findNetwork(patient);
    const person = this.person(patient);
    const caseId = this.caseId(network, patient);
    if (network) this.sources.set('network', keyOf(network));
    const members = network ? this.networkMembers(network) : this.relatedPersonMembers(patient);
    const ties = network ? this.ties(network) : [];
    const episodes = this.episodes(patient);
    const meetings = this.meetings(patient, episodes);
    const assessments = this.assessments(patient, meetings);

    const ignored = new Map<string, number>();
    for (const r of this.all)
      if (!this.used.has(r)) ignored.set(r.resourceType, (ignored.get(r.resourceType) ?? 0) + 1);
    for (const [type, count] of ignored) {
      this.warn(
        undefined,
        `${count} ${type} resource${count === 1 ? ' was' : 's were'} not part of this case and ignored.`,
      );
    }

    const draft = {
      schemaVersion: 1,
      id: caseId,
      person,
      members,
      ties,
      episodes: episodes.map((e) => e.episode),
      meetings: meetings.map((m) => m.meeting),
      assessments,
    };
    const record = parseCaseRecord(draft, { instruments: this.instruments });
    return { record, warnings: this.warnings, sources: this.sources };
  }

  /* -------------------------------------------------------------- references */

  resolve(ref: unknown, container?: FhirResource): FhirResource | undefined {
    if (!isObj(ref)) return undefined;
    const reference = str(ref.reference);
    if (!reference) return undefined;
    if (reference.startsWith('#')) {
      return objs(container?.contained).find((c) => c.id === reference.slice(1)) as FhirResource | undefined;
    }
    const key = refKey(reference);
    return (key ? this.byKey.get(key) : undefined) ?? this.byFullUrl.get(reference);
  }

  readonly #targets = new Map<string, string | undefined>();

  /** `Type/id` of a reference, resolved through the bundle when it can be. */
  refTarget(ref: unknown): string | undefined {
    if (!isObj(ref) || typeof ref.reference !== 'string') return undefined;
    const reference = ref.reference;
    if (this.#targets.has(reference)) return this.#targets.get(reference);
    const resolved = this.resolve(ref);
    const target = resolved ? keyOf(resolved) : refKey(reference);
    if (!reference.startsWith('#')) this.#targets.set(reference, target);
    return target;
  }

  /* -------------------------------------------------------------- person */

  findPatient(): FhirResource {
    const patients = this.all.filter((r) => r.resourceType === 'Patient');
    if (this.options.patientId !== undefined) {
      const found = patients.find((p) => p.id === this.options.patientId);
      if (!found)
        throw new ValidationError('FHIR bundle', [{ path: ['entry'], message: `has no Patient with the id given` }]);
      return found;
    }
    if (patients.length === 0)
      throw new ValidationError('FHIR bundle', [{ path: ['entry'], message: 'has no Patient resource' }]);
    if (patients.length > 1) {
      const network = this.all.find(
        (r) => r.resourceType === 'CareTeam' && hasCoding(r.category, CODE_SYSTEM.concept, CONCEPT.network),
      );
      const subject = network && this.refTarget(network.subject);
      const chosen = patients.find((p) => keyOf(p) === subject) ?? patients[0]!;
      this.warn(chosen, `The bundle holds ${patients.length} Patients; this one was read as the person.`);
      return chosen;
    }
    return patients[0]!;
  }

  person(patient: FhirResource): Person {
    this.used.add(patient);
    const person: Person = { id: patient.id as string, name: humanName(patient.name) ?? '' };
    if (!person.name) this.warn(patient, 'The Patient has no name.');
    const nhs = objs(patient.identifier).find((i) => i.system === NHS_NUMBER_SYSTEM);
    const nhsNumber = str(nhs?.value)?.replace(/\s+/g, '');
    if (nhsNumber !== undefined) {
      if (isValidNhsNumber(nhsNumber)) person.nhsNumber = nhsNumber;
      else
        this.warn(patient, 'The NHS number is not a valid NHS number (ten digits, modulus-11 check); it was left out.');
    }
    const birthDate = str(patient.birthDate);
    if (birthDate !== undefined) {
      if (/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) person.birthDate = birthDate;
      else this.warn(patient, 'The birth date is not a full date; it was left out.');
    }
    const language = this.language(
      patient,
      objs(patient.communication).find((c) => c.preferred === true) ?? objs(patient.communication)[0],
      'language',
    );
    if (language !== undefined) person.preferredLanguage = language;
    const pronouns = str(ext(patient, EXT.pronouns)?.valueString);
    if (pronouns !== undefined) person.pronouns = pronouns;
    return person;
  }

  language(resource: FhirResource, holder: Obj | undefined, key: string | undefined): string | undefined {
    const concept = key ? holder?.[key] : holder;
    if (!isObj(concept)) return undefined;
    const codings = objs(concept.coding);
    const code = str((codings.find((c) => c.system === BCP47) ?? codings[0])?.code);
    if (code === undefined) return undefined;
    if (isLanguageTag(code)) return code;
    this.warn(resource, 'A language is not a BCP 47 language tag; it was left out.');
    return undefined;
  }

  /* -------------------------------------------------------------- network */

  findNetwork(patient: FhirResource): FhirResource | undefined {
    const key = keyOf(patient);
    const networks = this.all.filter(
      (r) =>
        r.resourceType === 'CareTeam' &&
        hasCoding(r.category, CODE_SYSTEM.concept, CONCEPT.network) &&
        this.refTarget(r.subject) === key,
    );
    const wanted = this.options.caseId;
    const chosen =
      wanted !== undefined ? networks.find((n) => identifierValue(n, IDENTIFIER.caseId) === wanted) : networks[0];
    if (wanted !== undefined && !chosen && networks.length)
      this.warn(patient, 'No network of this Patient has the case id given.');
    if (chosen && networks.length > 1 && wanted === undefined) {
      this.warn(chosen, `The Patient has ${networks.length} Open Dialogue networks; the first was read.`);
    }
    if (chosen) this.used.add(chosen);
    return chosen;
  }

  caseId(network: FhirResource | undefined, patient: FhirResource): string {
    return (network && identifierValue(network, IDENTIFIER.caseId)) ?? this.options.caseId ?? (patient.id as string);
  }

  networkMembers(network: FhirResource): NetworkMember[] {
    const members: NetworkMember[] = [];
    for (const p of objs(network.participant)) {
      const target = this.resolve(p.member);
      const targetKey = this.refTarget(p.member);
      if (targetKey?.startsWith('Patient/')) continue;
      if (!target) {
        this.warn(
          network,
          `A network participant refers to ${targetKey ?? 'nothing'}, which is not in the bundle; it was left out.`,
        );
        continue;
      }
      const member = this.member(target, p);
      if (member) members.push(member);
    }
    return members;
  }

  relatedPersonMembers(patient: FhirResource): NetworkMember[] {
    const key = keyOf(patient);
    const related = this.all.filter((r) => r.resourceType === 'RelatedPerson' && this.refTarget(r.patient) === key);
    if (related.length) {
      this.warn(
        patient,
        'The bundle has no Open Dialogue network (CareTeam); network members were made from the RelatedPersons, with defaults.',
      );
    }
    return related.map((r) => this.member(r, undefined)).filter((m): m is NetworkMember => m !== undefined);
  }

  member(resource: FhirResource, p: Obj | undefined): NetworkMember | undefined {
    const type = resource.resourceType;
    const kind =
      type === 'RelatedPerson'
        ? 'person'
        : type === 'PractitionerRole' || type === 'Practitioner'
          ? 'professional'
          : type === 'Organization'
            ? 'organisation'
            : undefined;
    if (!kind) {
      this.warn(resource, `A ${type} cannot be a network member; it was left out.`);
      return undefined;
    }
    const id = kitId(resource);
    if (this.membersById.has(id)) {
      this.warn(resource, 'This member is listed twice in the network; the second was left out.');
      return undefined;
    }
    this.used.add(resource);
    const practitioner = type === 'PractitionerRole' ? this.resolve(resource.practitioner) : undefined;
    if (practitioner) this.used.add(practitioner);
    const defaulted: string[] = [];
    const name =
      (type === 'Organization'
        ? str(resource.name)
        : type === 'PractitionerRole'
          ? (humanName(practitioner?.name) ?? str((resource.practitioner as Obj | undefined)?.display))
          : humanName(resource.name)) ??
      (defaulted.push('name'), kind === 'organisation' ? 'Unnamed organisation' : 'Unnamed');
    const pe = (url: string) => ext(p, url);
    const relationship = this.relationship(
      resource,
      arr(p?.role)[0] ?? arr(resource.relationship)[0] ?? arr(resource.code)[0],
      defaulted,
    );
    const sector =
      codeIn(pe(EXT.sector)?.valueCoding, SECTORS) ??
      (defaulted.push('sector'), kind === 'person' ? 'family' : kind === 'professional' ? 'services' : 'organisations');
    const ringValue = pe(EXT.ring)?.valueInteger;
    const ring = ringValue === 1 || ringValue === 2 || ringValue === 3 ? ringValue : (defaulted.push('ring'), 2);
    const support = [
      ...new Set(
        exts(p, EXT.support)
          .map((e) => codeIn(e.valueCoding, SUPPORT_TYPES))
          .filter((s) => s !== undefined),
      ),
    ];
    const bool = (url: string, name: string) => {
      const v = pe(url)?.valueBoolean;
      if (typeof v === 'boolean') return v;
      defaulted.push(name);
      return false;
    };
    const household = bool(EXT.household, 'household');
    const carer = bool(EXT.carer, 'carer');
    let status =
      codeIn(pe(EXT.memberStatus)?.valueCoding, MEMBER_STATUSES) ?? (resource.active === false ? 'past' : 'active');
    if (kind === 'organisation' && status === 'deceased') {
      status = 'past';
      this.warn(resource, 'An organisation cannot be deceased; it was read as past.');
    }
    const member: NetworkMember = {
      id,
      kind,
      name,
      relationship,
      sector,
      ring,
      support,
      household,
      carer,
      status,
      hiddenFrom: [],
    };
    const critical = pe(EXT.critical);
    if (critical) {
      const code = codeIn(critical.valueCoding, CRITICAL_RATINGS);
      if (code) member.critical = code;
      else this.warn(resource, 'The "critical" rating has an unknown code; it was left out.');
    }
    const frequency = pe(EXT.contactFrequency);
    if (frequency) {
      const code = codeIn(frequency.valueCoding, CONTACT_FREQUENCIES);
      if (code) member.contactFrequency = code;
      else this.warn(resource, 'The contact frequency has an unknown code; it was left out.');
    }
    const knownSince = str(pe(EXT.knownSince)?.valueDate);
    if (knownSince !== undefined) member.knownSince = knownSince;
    const period = isObj(p?.period) ? p.period : isObj(resource.period) ? resource.period : undefined;
    const since = dateOf(period?.start);
    const until = dateOf(period?.end);
    if (since !== undefined) member.since = since;
    if (until !== undefined) member.until = until;
    const organisation =
      str(pe(EXT.organisation)?.valueString) ??
      str(isObj(p?.onBehalfOf) ? p.onBehalfOf.display : undefined) ??
      str(isObj(resource.organization) ? resource.organization.display : undefined);
    if (organisation !== undefined) member.organisation = organisation;
    const language =
      str(pe(EXT.preferredLanguage)?.valueCode) ??
      (type === 'RelatedPerson'
        ? this.language(
            resource,
            objs(resource.communication).find((c) => c.preferred === true) ?? objs(resource.communication)[0],
            'language',
          )
        : this.language(resource, objs(practitioner?.communication)[0], undefined));
    if (language !== undefined) member.preferredLanguage = language;
    // Security labels on the member's resource; the participant extension of resources written before them too.
    const labels = objs(isObj(resource.meta) ? resource.meta.security : undefined)
      .filter((c) => c.system === CODE_SYSTEM.audience)
      .map((c) => str(c.code));
    const legacy = exts(p, EXT.hiddenFrom).map((e) => str(e.valueId));
    const audiences = [...new Set([...labels, ...legacy])];
    member.hiddenFrom = audiences.filter((v): v is string => v !== undefined && isId(v));
    if (member.hiddenFrom.length < audiences.length)
      this.warn(resource, 'An audience label is not an id; it was left out.');
    const notes = pe(EXT.notes);
    if (notes) {
      const text = readText(notes, 'valueString');
      if (text !== undefined) member.notes = text;
    }
    const history = exts(p, EXT.memberHistory)
      .map((e) =>
        this.earlier(resource, e, {
          ring: (x) =>
            x.valueInteger === 1 || x.valueInteger === 2 || x.valueInteger === 3 ? x.valueInteger : undefined,
          sector: (x) => codeIn(x.valueCoding, SECTORS),
          // An organisation was never deceased.
          status: (x) => {
            const code = codeIn(x.valueCoding, MEMBER_STATUSES);
            return kind === 'organisation' && code === 'deceased' ? undefined : code;
          },
        }),
      )
      .filter((e) => e !== undefined);
    if (history.length) member.history = oldestFirst(history) as NetworkMember['history'];
    if (defaulted.length)
      this.warn(resource, `Not recorded for this member, so defaults were used: ${defaulted.join(', ')}.`);
    this.membersById.set(id, member);
    this.memberByResource.set(keyOf(resource), id);
    if (practitioner) this.memberByResource.set(keyOf(practitioner), id);
    this.sources.set(`member:${id}`, keyOf(resource));
    return member;
  }

  relationship(resource: FhirResource, concept: unknown, defaulted: string[]): NetworkMember['relationship'] {
    const out: NetworkMember['relationship'] = {};
    const c = isObj(concept) ? concept : {};
    const codings = objs(c.coding);
    const known = codings.find(
      (x) =>
        x.system === V3_ROLE_CODE || x.system === CODE_SYSTEM.relationship || x.system === CODE_SYSTEM.hostRelationship,
    );
    const code = str(known?.code);
    if (code !== undefined && /^[A-Za-z0-9_-]{1,40}$/.test(code)) out.code = code;
    else if (codings.length) this.warn(resource, 'The relationship code is not one the kit knows; its text was kept.');
    const text = str(c.text)?.trim() || (out.code === undefined ? str(codings[0]?.display)?.trim() : undefined);
    if (text) out.text = text.slice(0, 200);
    if (out.code === undefined && out.text === undefined) {
      defaulted.push('relationship');
      out.text =
        resource.resourceType === 'RelatedPerson'
          ? 'Related person'
          : resource.resourceType === 'Organization'
            ? 'Organisation'
            : 'Professional';
    }
    return out;
  }

  ties(network: FhirResource): Tie[] {
    const ties: Tie[] = [];
    const seen = new Set<string>();
    for (const e of exts(network, EXT.tie)) {
      const parts = objs(e.extension);
      const part = (name: string) => parts.find((x) => x.url === name);
      const id = str(part('id')?.valueId);
      const from = str(part('from')?.valueId);
      const to = str(part('to')?.valueId);
      const strength = codeIn(part('strength')?.valueCoding, TIE_STRENGTHS);
      const quality = codeIn(part('quality')?.valueCoding, TIE_QUALITIES);
      const direction = codeIn(part('direction')?.valueCoding, TIE_DIRECTIONS);
      if (!id || !from || !to || !strength || !quality || !direction || seen.has(id)) {
        this.warn(network, 'A tie is incomplete, repeated or has an unknown code; it was left out.');
        continue;
      }
      seen.add(id);
      const tie: Tie = { id, from, to, strength, quality, direction };
      const label = str(part('label')?.valueString);
      if (label !== undefined) tie.label = label;
      const period = part('period')?.valuePeriod;
      const since = dateOf(isObj(period) ? period.start : undefined);
      const until = dateOf(isObj(period) ? period.end : undefined);
      if (since !== undefined) tie.since = since;
      if (until !== undefined) tie.until = until;
      ties.push(tie);
    }
    const histories = new Map<string, Record<string, unknown>[]>();
    for (const e of exts(network, EXT.tieHistory)) {
      const tieId = str(objs(e.extension).find((x) => x.url === 'tie')?.valueId);
      const entry = this.earlier(network, e, {
        strength: (x) => codeIn(x.valueCoding, TIE_STRENGTHS),
        quality: (x) => codeIn(x.valueCoding, TIE_QUALITIES),
        direction: (x) => codeIn(x.valueCoding, TIE_DIRECTIONS),
      });
      if (!tieId || !seen.has(tieId))
        this.warn(network, 'A tie’s earlier values name no tie of the network; they were left out.');
      else if (entry) histories.set(tieId, [...(histories.get(tieId) ?? []), entry]);
    }
    for (const tie of ties) {
      const history = histories.get(tie.id);
      if (history) tie.history = oldestFirst(history) as Tie['history'];
    }
    return ties;
  }

  /**
   * One entry of dated earlier values (the kit's memberHistory / tieHistory): its time (period.end) and the values
   * `read` knows; undefined, with a warning, when either is missing.
   */
  earlier(r: FhirResource, e: Obj, read: Record<string, (part: Obj) => unknown>): Record<string, unknown> | undefined {
    const parts = objs(e.extension);
    const period = parts.find((x) => x.url === 'period')?.valuePeriod;
    const at = isObj(period) ? this.dateTime(r, period, 'end') : undefined;
    const entry: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(read)) {
      const part = parts.find((x) => x.url === name);
      const v = part ? value(part) : undefined;
      if (v !== undefined) entry[name] = v;
    }
    if (at === undefined || !isIsoDateTime(at) || !Object.keys(entry).length) {
      this.warn(r, 'Earlier values have no time, or no value the kit knows; they were left out.');
      return undefined;
    }
    return { at, ...entry };
  }

  /* -------------------------------------------------------------- episodes */

  episodes(patient: FhirResource): { episode: Episode; key: string }[] {
    const key = keyOf(patient);
    const all = this.all.filter((r) => r.resourceType === 'EpisodeOfCare' && this.refTarget(r.patient) === key);
    const kit = all.filter((r) => hasCoding(r.type, CODE_SYSTEM.concept, CONCEPT.episode));
    const chosen = kit.length ? kit : all;
    if (!kit.length && all.length)
      this.warn(patient, 'No episode is marked as Open Dialogue; every EpisodeOfCare of the Patient was read as one.');
    const out: { episode: Episode; key: string }[] = [];
    const seen = new Set<string>();
    for (const r of chosen) {
      const id = kitId(r);
      const period = isObj(r.period) ? r.period : {};
      const firstContact = this.dateTime(r, period, 'start');
      if (r.status === 'entered-in-error' || firstContact === undefined || seen.has(id)) {
        this.warn(
          r,
          firstContact === undefined
            ? 'The episode has no start (first contact); it was left out.'
            : 'The episode is entered in error or repeated; it was left out.',
        );
        continue;
      }
      seen.add(id);
      this.used.add(r);
      const end = this.dateTime(r, period, 'end');
      let status: Episode['status'] =
        r.status === 'onhold' ? 'on-hold' : r.status === 'finished' || r.status === 'cancelled' ? 'finished' : 'active';
      if (status === 'finished' && end === undefined) {
        status = 'active';
        this.warn(r, 'The episode is finished but has no end; it was read as active.');
      }
      const episode: Episode = { id, firstContact, status, responsibleTeam: this.team(r) };
      if (end !== undefined) episode.end = end;
      const referral = str(ext(r, EXT.referralSource)?.valueString);
      if (referral !== undefined) episode.referralSource = referral;
      const handovers = this.handovers(r, episode);
      if (handovers.length) episode.handovers = handovers;
      this.sources.set(`episode:${id}`, keyOf(r));
      out.push({ episode, key: keyOf(r) });
    }
    return out;
  }

  team(r: FhirResource): string {
    const ref = objs(r.team)[0];
    const team = ref ? this.resolve(ref, r) : undefined;
    if (team && !String(ref?.reference).startsWith('#')) this.used.add(team);
    const name =
      str(team?.name)?.trim() ||
      str(ref?.display)?.trim() ||
      str(isObj(r.managingOrganization) ? r.managingOrganization.display : undefined)?.trim();
    if (name) return name.slice(0, 200);
    this.warn(r, 'The episode names no responsible team; "Unknown team" was used.');
    return 'Unknown team';
  }

  /**
   * The hand-overs of responsibility: the episode's teams after the first, each a responsible-team CareTeam whose
   * period starts when it took over (to-fhir's `responsibleTeams`). One that starts no later than the team before
   * it, after the episode's end, or names the team already responsible is left out with a warning.
   */
  handovers(r: FhirResource, episode: Episode): Handover[] {
    const out: Handover[] = [];
    let since = Date.parse(episode.firstContact);
    let holder = episode.responsibleTeam;
    for (const ref of objs(r.team).slice(1)) {
      const team = this.resolve(ref, r);
      if (!team || !hasCoding(team.category, CODE_SYSTEM.concept, CONCEPT.responsibleTeam)) continue;
      const at = isObj(team.period) ? this.dateTime(team, team.period, 'start') : undefined;
      const to = str(team.name)?.trim().slice(0, 200);
      const time = at === undefined ? NaN : Date.parse(at);
      const fits = !(time <= since) && !(episode.end && time > Date.parse(episode.end)) && to !== holder.trim();
      if (at === undefined || !to || !fits) {
        this.warn(r, 'A hand-over of responsibility has no start, is out of order or repeats a team; it was left out.');
        continue;
      }
      if (!String(ref.reference).startsWith('#')) this.used.add(team);
      const handover: Handover = { at, to };
      const reason = str(ext(team, EXT.handoverReason)?.valueString);
      if (reason !== undefined) handover.reason = reason;
      out.push(handover);
      since = time;
      holder = to;
    }
    return out;
  }

  /* -------------------------------------------------------------- meetings */

  meetings(patient: FhirResource, episodes: { episode: Episode; key: string }[]): { meeting: Meeting; key: string }[] {
    const episodeByKey = new Map(episodes.map((e) => [e.key, e.episode.id]));
    const patientKey = keyOf(patient);
    const out: { meeting: Meeting; key: string }[] = [];
    const seen = new Set<string>();
    let unlinked = 0;
    for (const r of this.all) {
      if (r.resourceType !== 'Encounter' && r.resourceType !== 'Appointment') continue;
      const episodeRef =
        r.resourceType === 'Encounter' ? arr(r.episodeOfCare)[0] : ext(r, EXT.meetingEpisode)?.valueReference;
      const episodeId = episodeByKey.get(this.refTarget(episodeRef) ?? '');
      if (episodeId === undefined) {
        const forPatient =
          r.resourceType === 'Encounter'
            ? this.refTarget(r.subject) === patientKey
            : objs(r.participant).some((p) => this.refTarget(p.actor) === patientKey);
        if (forPatient) unlinked++;
        continue;
      }
      const meeting = r.resourceType === 'Encounter' ? this.encounter(r, episodeId) : this.appointment(r, episodeId);
      if (!meeting) continue;
      if (seen.has(meeting.id)) {
        this.warn(r, 'This meeting is in the bundle twice; the second was left out.');
        continue;
      }
      seen.add(meeting.id);
      this.used.add(r);
      this.sources.set(`meeting:${meeting.id}`, keyOf(r));
      out.push({ meeting, key: keyOf(r) });
    }
    if (unlinked)
      this.warn(
        patient,
        `${unlinked} Encounter or Appointment resource${unlinked === 1 ? ' is' : 's are'} not linked to an Open Dialogue episode and ${unlinked === 1 ? 'was' : 'were'} ignored.`,
      );
    return out;
  }

  encounter(r: FhirResource, episodeId: string): Meeting | undefined {
    const status: Meeting['status'] | undefined =
      r.status === 'planned'
        ? 'planned'
        : r.status === 'cancelled'
          ? 'cancelled'
          : r.status === 'entered-in-error' || r.status === 'unknown'
            ? undefined
            : 'held';
    if (!status) {
      this.warn(r, 'The Encounter is entered in error or of unknown status; it was left out.');
      return undefined;
    }
    if (status === 'held' && r.status !== 'finished')
      this.warn(r, `The Encounter is "${String(r.status)}"; it was read as held.`);
    const period = isObj(r.period) ? r.period : {};
    const start = this.dateTime(r, period, 'start');
    if (start === undefined) {
      this.warn(r, 'The Encounter has no start; it was left out.');
      return undefined;
    }
    const held = status === 'held';
    const meeting: Meeting = {
      id: kitId(r),
      episodeId,
      status,
      start,
      mode: this.mode(r, r.class),
      personPresent: held && bool(ext(r, EXT.personPresent)?.valueBoolean, true),
      attendees: this.attendees(r, objs(r.participant), 'individual', held),
      reflectingConversation: held && bool(ext(r, EXT.reflectingConversation)?.valueBoolean, false),
    };
    const end = this.dateTime(r, period, 'end');
    if (end !== undefined) meeting.end = end;
    const place = str(objs(r.location).map((l) => (isObj(l.location) ? l.location.display : undefined))[0]);
    if (place !== undefined) meeting.place = place;
    this.meetingExtras(r, meeting);
    return meeting;
  }

  appointment(r: FhirResource, episodeId: string): Meeting | undefined {
    const s = r.status;
    const status: Meeting['status'] | undefined =
      s === 'cancelled' || s === 'noshow' ? 'cancelled' : s === 'entered-in-error' ? undefined : 'planned';
    if (!status) {
      this.warn(r, 'The Appointment is entered in error; it was left out.');
      return undefined;
    }
    if (s === 'fulfilled' || s === 'arrived' || s === 'checked-in') {
      this.warn(r, `The Appointment is "${String(s)}" but no Encounter records the meeting; it was read as planned.`);
    }
    const requested = objs(r.requestedPeriod)[0] ?? {};
    const start = this.dateTime(r, r, 'start') ?? this.dateTime(r, requested, 'start');
    if (start === undefined) {
      this.warn(r, 'The Appointment has no start; it was left out.');
      return undefined;
    }
    const meeting: Meeting = {
      id: kitId(r),
      episodeId,
      status,
      start,
      mode: this.mode(r, objs(isObj(r.appointmentType) ? r.appointmentType.coding : undefined)[0]),
      personPresent: false,
      attendees: this.attendees(r, objs(r.participant), 'actor', false),
      reflectingConversation: false,
    };
    const end = this.dateTime(r, r, 'end');
    if (end !== undefined) meeting.end = end;
    const place = str(ext(r, EXT.meetingPlace)?.valueString);
    if (place !== undefined) meeting.place = place;
    const reason = str(isObj(r.cancelationReason) ? r.cancelationReason.text : undefined)?.trim();
    if (reason && status === 'cancelled') meeting.cancellationReason = reason.slice(0, 200);
    this.meetingExtras(r, meeting);
    return meeting;
  }

  meetingExtras(r: FhirResource, meeting: Meeting): void {
    const next = ext(r, EXT.nextMeeting);
    if (next) {
      if (next.valueCode === 'open') meeting.nextMeeting = { kind: 'open' };
      else {
        const at = this.dateTime(r, next, 'valueDateTime');
        if (at !== undefined) meeting.nextMeeting = { kind: 'date', at };
        else this.warn(r, 'The next meeting agreed is neither a date nor "open"; it was left out.');
      }
    }
    const notes = ext(r, EXT.notes);
    const text = notes ? readText(notes, 'valueString') : undefined;
    if (text !== undefined) meeting.notes = text;
  }

  mode(r: FhirResource, value: unknown): Meeting['mode'] {
    const c = isObj(value) ? value : {};
    for (const mode of MODES) {
      const coding = MODE_TO_CLASS[mode];
      if (c.system === coding.system && c.code === coding.code) return mode;
    }
    this.warn(r, 'The meeting has no home, clinic or virtual class; it was read as "other".');
    return 'other';
  }

  attendees(r: FhirResource, participants: Obj[], field: 'individual' | 'actor', held: boolean): Attendee[] {
    const out: Attendee[] = [];
    const listed = new Set<string>();
    for (const p of participants) {
      const ref = p[field] ?? ext(p, EXT.attendeeOrganization)?.valueReference;
      const target = this.refTarget(ref);
      if (
        target?.startsWith('Patient/') ||
        (!ref && field === 'actor' && hasCoding(p.type, CODE_SYSTEM.concept, CONCEPT.person))
      )
        continue;
      const memberId = target ? this.memberByResource.get(target) : undefined;
      const member = memberId !== undefined ? this.membersById.get(memberId) : undefined;
      if (!member) {
        this.warn(r, `A participant (${target ?? 'with no reference'}) is not a network member; it was left out.`);
        continue;
      }
      if (listed.has(member.id)) {
        this.warn(r, 'A participant is listed twice; the second was left out.');
        continue;
      }
      listed.add(member.id);
      let role = attendeeRole(p.type);
      if ((PRACTITIONER_ROLES as readonly string[]).includes(role) && member.kind !== 'professional') {
        this.warn(r, 'A practitioner role is given to someone who is not a professional; it was read as "other".');
        role = 'other';
      }
      out.push({ memberId: member.id, role, present: held && bool(ext(p, EXT.attended)?.valueBoolean, true) });
    }
    return out;
  }

  /* -------------------------------------------------------------- assessments */

  assessments(patient: FhirResource, meetings: { meeting: Meeting; key: string }[]): Assessment[] {
    const meetingByKey = new Map(meetings.map((m) => [m.key, m.meeting]));
    const out: Assessment[] = [];
    const seen = new Set<string>();
    for (const r of this.all) {
      if (r.resourceType !== 'QuestionnaireResponse') continue;
      const meeting = meetingByKey.get(this.refTarget(r.encounter) ?? '');
      if (!meeting) {
        if (this.refTarget(r.subject) === keyOf(patient))
          this.warn(r, 'The QuestionnaireResponse is not linked to a network meeting of this case; it was left out.');
        continue;
      }
      if (meeting.status !== 'held') {
        this.warn(r, 'The QuestionnaireResponse rates a meeting that was not held; it was left out.');
        continue;
      }
      const a = this.assessment(r, meeting.id);
      if (!a) continue;
      if (seen.has(a.id)) {
        this.warn(r, 'This assessment is in the bundle twice; the second was left out.');
        continue;
      }
      seen.add(a.id);
      this.used.add(r);
      this.sources.set(`assessment:${a.id}`, keyOf(r));
      out.push(a);
    }
    // Questionnaires describe instruments; the instruments themselves come from the registry.
    for (const q of this.all)
      if (q.resourceType === 'Questionnaire' && String(q.url ?? '').startsWith(QUESTIONNAIRE_BASE)) this.used.add(q);
    return out;
  }

  assessment(r: FhirResource, meetingId: string): Assessment | undefined {
    const canonical = str(r.questionnaire) ?? '';
    const [url = '', version] = canonical.split('|');
    const instrumentId = url.slice(url.lastIndexOf('/') + 1);
    const instrument = this.instruments.get(instrumentId, version);
    if (!instrument) {
      this.warn(
        r,
        'The QuestionnaireResponse answers a questionnaire that is not a registered instrument; it was left out.',
      );
      return undefined;
    }
    if (r.status === 'entered-in-error') {
      this.warn(r, 'The QuestionnaireResponse is entered in error; it was left out.');
      return undefined;
    }
    if (version === undefined)
      this.warn(r, 'The questionnaire has no version; the latest registered version was used.');
    const author = isObj(r.author) ? r.author : {};
    const raterTarget = this.refTarget(author);
    const raterId = raterTarget ? this.memberByResource.get(raterTarget) : undefined;
    const raterName =
      str(author.display)?.trim() || (raterId !== undefined ? this.membersById.get(raterId)?.name : undefined);
    const defaulted: string[] = [];
    const rater: Assessment['rater'] = { name: raterName?.slice(0, 200) || (defaulted.push('rater'), 'Unknown rater') };
    if (raterId !== undefined) rater.memberId = raterId;
    const raterRole =
      codeIn(ext(r, EXT.raterRole)?.valueCoding, RATER_ROLES) ?? (defaulted.push('rater role'), 'independent');
    const evidence =
      codeIn(ext(r, EXT.evidenceSource)?.valueCoding, EVIDENCE_SOURCES) ?? (defaulted.push('evidence'), 'notes');
    const identifier =
      isObj(r.identifier) && r.identifier.system === IDENTIFIER.entityId ? str(r.identifier.value) : undefined;
    const ratings: Assessment['ratings'] = [];
    const itemIds = new Set(instrument.items.map((i) => i.id));
    const walk = (items: unknown) => {
      for (const item of objs(items)) {
        const linkId = str(item.linkId);
        if (linkId !== undefined && itemIds.has(linkId)) {
          if (ratings.some((x) => x.itemId === linkId)) continue;
          const rating: Assessment['ratings'][number] = { itemId: linkId };
          const answer = objs(item.answer)[0];
          if (answer) {
            if (typeof answer.valueInteger === 'number') rating.value = answer.valueInteger;
            else if (
              isObj(answer.valueCoding) &&
              answer.valueCoding.system === CODE_SYSTEM.rating &&
              answer.valueCoding.code === 'not-applicable'
            )
              rating.value = 'na';
            else this.warn(r, 'An answer is neither a scale value nor "not applicable"; it was left out.');
          }
          const comment = ext(item, EXT.ratingComment);
          const text = comment ? readText(comment, 'valueString') : undefined;
          if (text !== undefined) rating.comment = text;
          ratings.push(rating);
        } else if (item.item !== undefined) walk(item.item);
        else this.warn(r, 'An answer is to an item the instrument does not have; it was left out.');
      }
    };
    walk(r.item);
    let status: Assessment['status'] = r.status === 'completed' || r.status === 'amended' ? 'complete' : 'draft';
    let completedAt = ext(r, EXT.completedAt) ? this.dateTime(r, ext(r, EXT.completedAt)!, 'valueDateTime') : undefined;
    const updatedAt = this.dateTime(r, r, 'authored');
    if (status === 'complete') {
      const missing = instrument.items.some(
        (i) => i.required && ratings.find((x) => x.itemId === i.id)?.value === undefined,
      );
      if (missing) {
        status = 'draft';
        this.warn(
          r,
          'The QuestionnaireResponse is completed but leaves required items unanswered; it was read as a draft.',
        );
      } else if (completedAt === undefined) {
        completedAt = updatedAt;
        if (completedAt === undefined) {
          status = 'draft';
          this.warn(r, 'The QuestionnaireResponse is completed but has no time; it was read as a draft.');
        }
      }
    }
    const assessment: Assessment = {
      id: identifier ?? (r.id as string),
      instrumentId: instrument.id,
      instrumentVersion: instrument.version,
      meetingId,
      rater,
      raterRole,
      evidence,
      status,
      ratings,
    };
    if (updatedAt !== undefined) assessment.updatedAt = updatedAt;
    if (status === 'complete' && completedAt !== undefined) assessment.completedAt = completedAt;
    if (defaulted.length)
      this.warn(r, `Not recorded for this assessment, so defaults were used: ${defaulted.join(', ')}.`);
    return assessment;
  }

  /* -------------------------------------------------------------- primitives */

  /** A date-time from `holder[key]`, the kit's exact text when its original-text extension matches. */
  dateTime(r: FhirResource, holder: Obj, key: string): string | undefined {
    const value = str(holder[key]);
    if (value === undefined) return undefined;
    const element = holder[`_${key}`];
    const original = isObj(element) ? str(ext(element, EXT.originalText)?.valueString) : undefined;
    if (original !== undefined && Date.parse(original) === Date.parse(value)) return original;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      this.warn(r, `A time (${key}) is a date only; midnight UTC was used.`);
      return `${value}T00:00:00Z`;
    }
    return value;
  }
}

/* ------------------------------------------------------------------ helpers */

export function keyOf(r: FhirResource): string {
  return `${r.resourceType}/${String(r.id)}`;
}

/** `Type/id` from a relative or absolute reference (history suffix dropped), or undefined. */
export function refKey(reference: string): string | undefined {
  const slash = reference.indexOf('/');
  if (slash > 0 && reference.indexOf('/', slash + 1) < 0 && /^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.test(reference))
    return reference;
  const m = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(reference);
  return m ? `${m[1]}/${m[2]}` : undefined;
}

function ext(holder: unknown, url: string): Obj | undefined {
  if (!isObj(holder) || !Array.isArray(holder.extension)) return undefined;
  for (const e of holder.extension) if (isObj(e) && e.url === url) return e;
  return undefined;
}

function exts(holder: unknown, url: string): Obj[] {
  const out: Obj[] = [];
  if (isObj(holder) && Array.isArray(holder.extension))
    for (const e of holder.extension) if (isObj(e) && e.url === url) out.push(e);
  return out;
}

const readText = readString;

/** The kit's attendee role among a participant's types, else "other". */
function attendeeRole(types: unknown): Attendee['role'] {
  if (!Array.isArray(types)) return 'other';
  for (const t of types) {
    const codings = isObj(t) ? t.coding : undefined;
    if (!Array.isArray(codings)) continue;
    for (const c of codings)
      if (isObj(c) && c.system === CODE_SYSTEM.attendeeRole && includes(ATTENDEE_ROLES, c.code)) return c.code;
  }
  return 'other';
}

function bool(v: unknown, fallback: boolean): boolean {
  return typeof v === 'boolean' ? v : fallback;
}

function codeIn<T extends string>(coding: unknown, list: readonly T[]): T | undefined {
  return isObj(coding) && includes(list, coding.code) ? coding.code : undefined;
}

export function hasCoding(concepts: unknown, system: string, code: string): boolean {
  const list = Array.isArray(concepts) ? concepts : [concepts];
  return list.some((c) => isObj(c) && objs(c.coding).some((x) => x.system === system && x.code === code));
}

export function identifierValue(r: FhirResource, system: string): string | undefined {
  // Read in place, as every resource is: no list is built for the lookup.
  const found = (i: unknown) => isObj(i) && i.system === system;
  const identifier = Array.isArray(r.identifier) ? r.identifier.find(found) : found(r.identifier) && r.identifier;
  return isObj(identifier) ? str(identifier.value) : undefined;
}

/** The kit id of a resource: its entity-id identifier, else its own id. */
function kitId(r: FhirResource): string {
  return identifierValue(r, IDENTIFIER.entityId) ?? String(r.id);
}

function humanName(names: unknown): string | undefined {
  const name = objs(names)[0];
  if (!name) return undefined;
  const text =
    str(name.text)?.trim() ||
    [...arr(name.given), name.family]
      .filter((p) => typeof p === 'string' && p.trim())
      .join(' ')
      .trim();
  return text ? text.slice(0, 200) : undefined;
}

/** Dated entries oldest first (a stable sort: entries of the same time keep their order). */
function oldestFirst(entries: Record<string, unknown>[]): Record<string, unknown>[] {
  return entries.sort((a, b) => Date.parse(a.at as string) - Date.parse(b.at as string));
}

function dateOf(v: unknown): string | undefined {
  const s = str(v);
  return s && /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : undefined;
}
