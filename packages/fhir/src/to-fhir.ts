import {
  defaultInstruments,
  localise,
  parseCaseRecord,
  type Assessment,
  type CaseRecord,
  type Episode,
  type Instrument,
  type InstrumentRegistry,
  type LocalisedText,
  type Meeting,
  type NetworkMember,
  type Tie,
} from '@odkit/core';
import { resourceId } from './internal/ids.js';
import { putDateTime, textExtension } from './internal/text.js';
import type { Bundle, Coding, Extension, FhirResource, Reference } from './types.js';
import {
  BCP47,
  CODE_SYSTEM,
  CONCEPT,
  EXT,
  IDENTIFIER,
  MODE_TO_CLASS,
  NHS_NUMBER_SYSTEM,
  QUESTIONNAIRE_BASE,
  UK_CORE_PROFILE,
  KIT_RELATIONSHIPS,
  V3_RELATIONSHIPS,
  V3_ROLE_CODE,
} from './vocabulary.js';

export interface ToFhirOptions {
  /** Instruments that assessments refer to, written as Questionnaires (default: core's default registry). */
  instruments?: InstrumentRegistry;
  /**
   * Resources that entities were read from (`fromFhir`'s `sources`): an entity read
   * from an EHR's resource is written back to that resource, not a new one.
   */
  sources?: ReadonlyMap<string, string>;
}

/**
 * Maps a case record to FHIR R4 resources (UK Core profiles where they exist),
 * as a `collection` Bundle. Throws core's ValidationError when `record` is not a
 * valid case record.
 */
export function toFhir(record: CaseRecord, options: ToFhirOptions = {}): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: caseResources(record, options).map((resource) => ({ resource })),
  };
}

/**
 * The resources of a case, in a stable order: Patient, network, members, episodes, meetings, assessments,
 * questionnaires.
 */
export function caseResources(input: CaseRecord, options: ToFhirOptions = {}): FhirResource[] {
  const instruments = options.instruments ?? defaultInstruments;
  // Records from parseCaseRecord, applyChange or a store are valid and deeply frozen: anything else is checked first.
  const record =
    Object.isFrozen(input) && Object.isFrozen(input.meetings) && Object.isFrozen(input.person)
      ? input
      : parseCaseRecord(input, { instruments });
  const ctx = new Context(record, options.sources);
  const out: FhirResource[] = [patient(record), network(ctx)];
  for (const member of record.members) out.push(...memberResources(ctx, member));
  for (const episode of record.episodes) out.push(episodeOfCare(ctx, episode));
  for (const meeting of record.meetings) out.push(meetingResource(ctx, meeting));
  const used = new Map<string, Instrument>();
  for (const assessment of record.assessments) {
    out.push(questionnaireResponse(ctx, assessment));
    const instrument = instruments.get(assessment.instrumentId, assessment.instrumentVersion);
    if (instrument) used.set(questionnaireUrl(instrument.id, instrument.version), instrument);
  }
  for (const instrument of used.values()) out.push(instrumentToQuestionnaire(instrument));
  return out;
}

/** What the mapping of one record needs to know: server ids and references. */
export class Context {
  readonly record: CaseRecord;
  readonly members: Map<string, NetworkMember>;
  readonly sources: ReadonlyMap<string, string>;
  readonly #ids = new Map<string, string>();
  readonly #meetingTypes: Map<string, 'Encounter' | 'Appointment'>;
  constructor(record: CaseRecord, sources: ReadonlyMap<string, string> = new Map()) {
    this.record = record;
    this.members = new Map(record.members.map((m) => [m.id, m]));
    this.sources = sources;
    this.#meetingTypes = new Map(record.meetings.map((m) => [m.id, meetingResourceType(m)]));
  }
  /** The server id of an entity's resource of `type`: where it was read from, or derived from the case and kit ids. */
  id(kitId: string, kind?: string, type?: string): string {
    if (this.sources.size) {
      const source = kind ? this.sources.get(`${kind}:${kitId}`) : undefined;
      if (source && (!type || source.startsWith(`${type}/`))) return source.slice(source.indexOf('/') + 1);
    }
    let id = this.#ids.get(kitId);
    if (id === undefined) this.#ids.set(kitId, (id = resourceId(this.record.id, kitId)));
    return id;
  }
  readonly #refs = new Map<string, Map<string, string>>();
  /**
   * One string per reference (its hash computed once): readers look these up in maps by the thousand. Found by type,
   * then by id (each id one string already), so no key is built to look one up.
   */
  #ref(type: string, id: string): string {
    let byId = this.#refs.get(type);
    if (byId === undefined) this.#refs.set(type, (byId = new Map()));
    let ref = byId.get(id);
    if (ref === undefined) byId.set(id, (ref = `${type}/${id}`));
    return ref;
  }
  get patientRef(): Reference {
    return { reference: this.#ref('Patient', this.record.person.id) };
  }
  get networkId(): string {
    const source = this.sources.get('network');
    return source?.startsWith('CareTeam/') ? source.slice('CareTeam/'.length) : resourceId(this.record.id, 'network');
  }
  /** The resource standing for a member in the network and in meetings. */
  memberRef(memberId: string): Reference {
    const member = this.members.get(memberId);
    const type = member ? memberResourceType(member) : 'RelatedPerson';
    return { reference: this.#ref(type, this.id(memberId, 'member', type)) };
  }
  episodeRef(episodeId: string): Reference {
    return { reference: this.#ref('EpisodeOfCare', this.id(episodeId, 'episode', 'EpisodeOfCare')) };
  }
  meetingRef(meetingId: string): Reference {
    const type = this.#meetingTypes.get(meetingId) ?? 'Encounter';
    return { reference: this.#ref(type, this.id(meetingId, 'meeting', type)) };
  }
}

/** RelatedPerson for people, PractitionerRole for professionals, Organization for organisations. */
export function memberResourceType(
  member: Pick<NetworkMember, 'kind'>,
): 'RelatedPerson' | 'PractitionerRole' | 'Organization' {
  return member.kind === 'person'
    ? 'RelatedPerson'
    : member.kind === 'professional'
      ? 'PractitionerRole'
      : 'Organization';
}

/** The resource type a meeting maps to: Encounter once held, Appointment while planned or when cancelled. */
export function meetingResourceType(meeting: Pick<Meeting, 'status'>): 'Encounter' | 'Appointment' {
  return meeting.status === 'held' ? 'Encounter' : 'Appointment';
}

export function questionnaireUrl(instrumentId: string, version: string): string {
  return `${QUESTIONNAIRE_BASE}${instrumentId}|${version}`;
}

const TRANSLATION = 'http://hl7.org/fhir/StructureDefinition/translation';

const meta = (type: string) => ({ profile: [UK_CORE_PROFILE[type]!] });
/**
 * A member resource's meta: its profile, and a security label for each audience the member is hidden from (the kit's
 * audience CodeSystem), where an EHR's access control can see it.
 */
const memberMeta = (type: string, m: NetworkMember) =>
  m.hiddenFrom.length
    ? { ...meta(type), security: m.hiddenFrom.map((audience) => coding(CODE_SYSTEM.audience, audience)) }
    : meta(type);
const kitIdentifier = (value: string) => ({ system: IDENTIFIER.entityId, value });
const coding = (system: string, code: string): Coding => ({ system, code });
const codeExt = (url: string, system: string, code: string): Extension => ({ url, valueCoding: coding(system, code) });

/* ------------------------------------------------------------------ person */

function patient(record: CaseRecord): FhirResource {
  const p = record.person;
  const resource: FhirResource = { resourceType: 'Patient', id: p.id, meta: meta('Patient') };
  if (p.pronouns !== undefined) resource.extension = [{ url: EXT.pronouns, valueString: p.pronouns }];
  if (p.nhsNumber !== undefined) resource.identifier = [{ system: NHS_NUMBER_SYSTEM, value: p.nhsNumber }];
  resource.name = [{ text: p.name }];
  if (p.birthDate !== undefined) resource.birthDate = p.birthDate;
  if (p.preferredLanguage !== undefined) resource.communication = [communication(p.preferredLanguage)];
  return resource;
}

const communication = (tag: string) => ({ language: { coding: [coding(BCP47, tag)] }, preferred: true });

/* ------------------------------------------------------------------ network */

function network(ctx: Context): FhirResource {
  const { record } = ctx;
  const resource: FhirResource = {
    resourceType: 'CareTeam',
    id: ctx.networkId,
    meta: meta('CareTeam'),
  };
  if (record.ties.length) resource.extension = [...record.ties.map(tieExtension), ...record.ties.flatMap(tieHistory)];
  resource.identifier = [{ system: IDENTIFIER.caseId, value: record.id }];
  resource.status = 'active';
  resource.category = [
    { coding: [{ ...coding(CODE_SYSTEM.concept, CONCEPT.network), display: 'Open Dialogue network' }] },
  ];
  resource.name = 'Network';
  resource.subject = ctx.patientRef;
  resource.participant = [
    { role: [{ coding: [coding(CODE_SYSTEM.concept, CONCEPT.person)] }], member: ctx.patientRef },
    ...record.members.map((m) => participant(ctx, m)),
  ];
  return resource;
}

function relationshipConcept(member: NetworkMember): Record<string, unknown> {
  const concept: Record<string, unknown> = {};
  const { code, text } = member.relationship;
  if (code !== undefined) {
    // Each code under the system that declares it: HL7 v3 RoleCode (UK Core PersonRelationshipType), the kit's own
    // ("carer"), or, for a code neither has, the kit's "host relationship" system, which says it is unverified, with
    // the code as its display so that a reader that knows neither system still reads it.
    const v3 = V3_RELATIONSHIPS.has(code);
    const kit = KIT_RELATIONSHIPS.some(([c]) => c === code);
    concept.coding = [
      v3 || kit
        ? coding(v3 ? V3_ROLE_CODE : CODE_SYSTEM.relationship, code)
        : { ...coding(CODE_SYSTEM.hostRelationship, code), display: code },
    ];
  }
  if (text !== undefined) concept.text = text;
  return concept;
}

function participant(ctx: Context, m: NetworkMember): Record<string, unknown> {
  const ext: Extension[] = [
    { url: EXT.ring, valueInteger: m.ring },
    codeExt(EXT.sector, CODE_SYSTEM.sector, m.sector),
    ...m.support.map((s) => codeExt(EXT.support, CODE_SYSTEM.support, s)),
    { url: EXT.household, valueBoolean: m.household },
    { url: EXT.carer, valueBoolean: m.carer },
    codeExt(EXT.memberStatus, CODE_SYSTEM.memberStatus, m.status),
  ];
  if (m.critical !== undefined) ext.push(codeExt(EXT.critical, CODE_SYSTEM.critical, m.critical));
  if (m.contactFrequency !== undefined)
    ext.push(codeExt(EXT.contactFrequency, CODE_SYSTEM.contactFrequency, m.contactFrequency));
  if (m.knownSince !== undefined) ext.push({ url: EXT.knownSince, valueDate: m.knownSince });
  if (m.preferredLanguage !== undefined) ext.push({ url: EXT.preferredLanguage, valueCode: m.preferredLanguage });
  // participant.onBehalfOf is only for Practitioners (ctm-1): the kit's extension carries the organisation or team.
  if (m.organisation !== undefined) ext.push({ url: EXT.organisation, valueString: m.organisation });
  if (m.notes !== undefined) ext.push(textExtension(EXT.notes, m.notes));
  for (const e of m.history ?? []) {
    const parts = [earlierUntil(e.at)];
    if (e.ring !== undefined) parts.push({ url: 'ring', valueInteger: e.ring });
    if (e.sector !== undefined) parts.push({ url: 'sector', valueCoding: coding(CODE_SYSTEM.sector, e.sector) });
    if (e.status !== undefined) parts.push({ url: 'status', valueCoding: coding(CODE_SYSTEM.memberStatus, e.status) });
    ext.push({ url: EXT.memberHistory, extension: parts });
  }
  const p: Record<string, unknown> = { extension: ext, role: [relationshipConcept(m)], member: ctx.memberRef(m.id) };
  const period = datePeriod(m.since, m.until);
  if (period) p.period = period;
  return p;
}

function datePeriod(start: string | undefined, end: string | undefined): Record<string, string> | undefined {
  if (start === undefined && end === undefined) return undefined;
  const period: Record<string, string> = {};
  if (start !== undefined) period.start = start;
  if (end !== undefined) period.end = end;
  return period;
}

function tieExtension(t: Tie): Extension {
  const parts: Extension[] = [
    { url: 'id', valueId: t.id },
    { url: 'from', valueId: t.from },
    { url: 'to', valueId: t.to },
    { url: 'strength', valueCoding: coding(CODE_SYSTEM.tieStrength, t.strength) },
    { url: 'quality', valueCoding: coding(CODE_SYSTEM.tieQuality, t.quality) },
    { url: 'direction', valueCoding: coding(CODE_SYSTEM.tieDirection, t.direction) },
  ];
  if (t.label !== undefined) parts.push({ url: 'label', valueString: t.label });
  const period = datePeriod(t.since, t.until);
  if (period) parts.push({ url: 'period', valuePeriod: period });
  return { url: EXT.tie, extension: parts };
}

/** A tie's earlier strengths, qualities and directions: one extension each, on the network, naming the tie. */
function tieHistory(t: Tie): Extension[] {
  return (t.history ?? []).map((e) => {
    const parts: Extension[] = [{ url: 'tie', valueId: t.id }, earlierUntil(e.at)];
    if (e.strength !== undefined)
      parts.push({ url: 'strength', valueCoding: coding(CODE_SYSTEM.tieStrength, e.strength) });
    if (e.quality !== undefined) parts.push({ url: 'quality', valueCoding: coding(CODE_SYSTEM.tieQuality, e.quality) });
    if (e.direction !== undefined)
      parts.push({ url: 'direction', valueCoding: coding(CODE_SYSTEM.tieDirection, e.direction) });
    return { url: EXT.tieHistory, extension: parts };
  });
}

/** When earlier values stopped holding: the end of the period they held (the change's exact time). */
function earlierUntil(at: string): Extension {
  const period: Record<string, unknown> = {};
  putDateTime(period, 'end', at);
  return { url: 'period', valuePeriod: period };
}

/** The member's own resources: RelatedPerson; Practitioner + PractitionerRole; or Organization. */
function memberResources(ctx: Context, m: NetworkMember): FhirResource[] {
  const id = ctx.id(m.id, 'member', memberResourceType(m));
  const identifier = [kitIdentifier(m.id)];
  const active = m.status === 'active';
  if (m.kind === 'person') {
    const resource: FhirResource = {
      resourceType: 'RelatedPerson',
      id,
      meta: memberMeta('RelatedPerson', m),
      identifier,
      active,
    };
    resource.patient = ctx.patientRef;
    resource.relationship = [relationshipConcept(m)];
    resource.name = [{ text: m.name }];
    if (m.preferredLanguage !== undefined) resource.communication = [communication(m.preferredLanguage)];
    const period = datePeriod(m.since, m.until);
    if (period) resource.period = period;
    return [resource];
  }
  if (m.kind === 'organisation') {
    return [
      { resourceType: 'Organization', id, meta: memberMeta('Organization', m), identifier, active, name: m.name },
    ];
  }
  const practitioner: FhirResource = {
    resourceType: 'Practitioner',
    id,
    meta: meta('Practitioner'),
    identifier,
    active,
    name: [{ text: m.name }],
  };
  if (m.preferredLanguage !== undefined)
    practitioner.communication = [{ coding: [coding(BCP47, m.preferredLanguage)] }];
  const role: FhirResource = {
    resourceType: 'PractitionerRole',
    id,
    // The role is this network's; the Practitioner may be the EHR's own, shared by other cases: no label on it.
    meta: memberMeta('PractitionerRole', m),
    identifier,
    active,
    practitioner: { reference: `Practitioner/${id}`, display: m.name },
  };
  if (m.organisation !== undefined) role.organization = { display: m.organisation };
  role.code = [relationshipConcept(m)];
  return [practitioner, role];
}

/* ------------------------------------------------------------------ episodes and meetings */

const EPISODE_STATUS = { active: 'active', 'on-hold': 'onhold', finished: 'finished' } as const;

function episodeOfCare(ctx: Context, e: Episode): FhirResource {
  const resource: FhirResource = {
    resourceType: 'EpisodeOfCare',
    id: ctx.id(e.id, 'episode', 'EpisodeOfCare'),
    meta: meta('EpisodeOfCare'),
    contained: responsibleTeams(e),
  };
  if (e.referralSource !== undefined) resource.extension = [{ url: EXT.referralSource, valueString: e.referralSource }];
  resource.identifier = [kitIdentifier(e.id)];
  resource.status = EPISODE_STATUS[e.status];
  resource.type = [{ coding: [{ ...coding(CODE_SYSTEM.concept, CONCEPT.episode), display: 'Open Dialogue episode' }] }];
  resource.patient = ctx.patientRef;
  const period: Record<string, unknown> = {};
  putDateTime(period, 'start', e.firstContact);
  putDateTime(period, 'end', e.end);
  resource.period = period;
  resource.team = (resource.contained as FhirResource[]).map((team) => ({
    reference: `#${String(team.id)}`,
    display: team.name,
  }));
  return resource;
}

/**
 * The teams that held responsibility, as contained CareTeams (FHIR R4 EpisodeOfCare.team is 0..* CareTeam): the
 * first team (`#team`), then one per hand-over (`#team-1`, …) with the period it held responsibility and the
 * hand-over's reason (the kit's extension: CareTeam.reasonCode says why a team cares for the patient, not why it
 * took over). Without hand-overs the first team has no period, as before hand-overs were recorded.
 */
function responsibleTeams(e: Episode): FhirResource[] {
  const handovers = e.handovers ?? [];
  const team = (id: string, name: string, start?: string, end?: string): FhirResource => {
    const resource: FhirResource = {
      resourceType: 'CareTeam',
      id,
      category: [{ coding: [coding(CODE_SYSTEM.concept, CONCEPT.responsibleTeam)] }],
      name,
    };
    if (handovers.length) {
      const period: Record<string, unknown> = {};
      putDateTime(period, 'start', start);
      putDateTime(period, 'end', end);
      resource.period = period;
    }
    return resource;
  };
  const teams = [team('team', e.responsibleTeam, e.firstContact, handovers[0]?.at ?? e.end)];
  handovers.forEach((h, i) => {
    const held = team(`team-${i + 1}`, h.to, h.at, handovers[i + 1]?.at ?? e.end);
    if (h.reason !== undefined) held.extension = [{ url: EXT.handoverReason, valueString: h.reason }];
    teams.push(held);
  });
  return teams;
}

function meetingExtensions(ctx: Context, m: Meeting, type: 'Encounter' | 'Appointment'): Extension[] {
  const ext: Extension[] = [];
  if (type === 'Appointment') ext.push({ url: EXT.meetingEpisode, valueReference: ctx.episodeRef(m.episodeId) });
  if (type === 'Appointment' && m.place !== undefined) ext.push({ url: EXT.meetingPlace, valueString: m.place });
  if (type === 'Encounter') {
    ext.push({ url: EXT.personPresent, valueBoolean: m.personPresent });
    ext.push({ url: EXT.reflectingConversation, valueBoolean: m.reflectingConversation });
  }
  if (m.nextMeeting !== undefined) {
    const next: Extension = { url: EXT.nextMeeting };
    if (m.nextMeeting.kind === 'open') next.valueCode = 'open';
    else putDateTime(next, 'valueDateTime', m.nextMeeting.at);
    ext.push(next);
  }
  if (m.notes !== undefined) ext.push(textExtension(EXT.notes, m.notes));
  return ext;
}

function meetingResource(ctx: Context, m: Meeting): FhirResource {
  const type = meetingResourceType(m);
  const mode = MODE_TO_CLASS[m.mode];
  const resource: FhirResource = { resourceType: type, id: ctx.id(m.id, 'meeting', type), meta: meta(type) };
  const ext = meetingExtensions(ctx, m, type);
  if (ext.length) resource.extension = ext;
  resource.identifier = [kitIdentifier(m.id)];
  const roleOf = (role: string) => [{ coding: [coding(CODE_SYSTEM.attendeeRole, role)] }];
  if (type === 'Encounter') {
    resource.status = 'finished';
    resource.class = { ...mode };
    resource.type = [
      { coding: [{ ...coding(CODE_SYSTEM.concept, CONCEPT.networkMeeting), display: 'Network meeting' }] },
    ];
    resource.subject = ctx.patientRef;
    resource.episodeOfCare = [ctx.episodeRef(m.episodeId)];
    if (m.attendees.length) {
      resource.participant = m.attendees.map((a) => {
        const ref = ctx.memberRef(a.memberId);
        const p: Record<string, unknown> = {
          extension: [{ url: EXT.attended, valueBoolean: a.present }],
          type: roleOf(a.role),
        };
        // Encounter.participant.individual cannot be an Organization: an organisation attends through the kit's
        // extension.
        if (ref.reference!.startsWith('Organization/'))
          (p.extension as Extension[]).push({ url: EXT.attendeeOrganization, valueReference: ref });
        else p.individual = ref;
        return p;
      });
    }
    const period: Record<string, unknown> = {};
    putDateTime(period, 'start', m.start);
    putDateTime(period, 'end', m.end);
    resource.period = period;
    if (m.place !== undefined) resource.location = [{ location: { display: m.place } }];
    return resource;
  }
  // Appointment: booked with start and end; without an end FHIR allows neither (app-2), so the time
  // goes in requestedPeriod and the status is "proposed" (or "cancelled").
  resource.status = m.status === 'cancelled' ? 'cancelled' : m.end !== undefined ? 'booked' : 'proposed';
  if (m.cancellationReason !== undefined) resource.cancelationReason = { text: m.cancellationReason };
  resource.serviceType = [
    { coding: [{ ...coding(CODE_SYSTEM.concept, CONCEPT.networkMeeting), display: 'Network meeting' }] },
  ];
  resource.appointmentType = { coding: [{ ...mode }] };
  if (m.end !== undefined) {
    putDateTime(resource, 'start', m.start);
    putDateTime(resource, 'end', m.end);
  } else {
    const period: Record<string, unknown> = {};
    putDateTime(period, 'start', m.start);
    resource.requestedPeriod = [period];
  }
  resource.participant = [
    { type: [{ coding: [coding(CODE_SYSTEM.concept, CONCEPT.person)] }], actor: ctx.patientRef, status: 'accepted' },
    ...m.attendees.map((a) => {
      const ref = ctx.memberRef(a.memberId);
      const p: Record<string, unknown> = { type: roleOf(a.role), status: 'needs-action' };
      if (ref.reference!.startsWith('Organization/'))
        p.extension = [{ url: EXT.attendeeOrganization, valueReference: ref }];
      else p.actor = ref;
      return p;
    }),
  ];
  return resource;
}

/* ------------------------------------------------------------------ assessments */

function questionnaireResponse(ctx: Context, a: Assessment): FhirResource {
  const ext: Extension[] = [
    codeExt(EXT.raterRole, CODE_SYSTEM.raterRole, a.raterRole),
    codeExt(EXT.evidenceSource, CODE_SYSTEM.evidenceSource, a.evidence),
  ];
  if (a.completedAt !== undefined) {
    const completed: Extension = { url: EXT.completedAt };
    putDateTime(completed, 'valueDateTime', a.completedAt);
    ext.push(completed);
  }
  const author: Reference =
    a.rater.memberId !== undefined
      ? { ...ctx.memberRef(a.rater.memberId), display: a.rater.name }
      : { display: a.rater.name };
  const resource: FhirResource = {
    resourceType: 'QuestionnaireResponse',
    id: ctx.id(a.id, 'assessment', 'QuestionnaireResponse'),
    meta: meta('QuestionnaireResponse'),
    extension: ext,
    identifier: kitIdentifier(a.id),
    questionnaire: questionnaireUrl(a.instrumentId, a.instrumentVersion),
    status: a.status === 'complete' ? 'completed' : 'in-progress',
    subject: ctx.patientRef,
    encounter: ctx.meetingRef(a.meetingId),
  };
  putDateTime(resource, 'authored', a.updatedAt);
  resource.author = author;
  if (a.ratings.length) {
    resource.item = a.ratings.map((r) => {
      const item: Record<string, unknown> = {};
      if (r.comment !== undefined) item.extension = [textExtension(EXT.ratingComment, r.comment)];
      item.linkId = r.itemId;
      if (r.value === 'na')
        item.answer = [{ valueCoding: { ...coding(CODE_SYSTEM.rating, 'not-applicable'), display: 'Not applicable' } }];
      else if (r.value !== undefined) item.answer = [{ valueInteger: r.value }];
      return item;
    });
  }
  return resource;
}

/** An instrument as a FHIR Questionnaire: one group item per instrument group, one choice item per instrument item. */
export function instrumentToQuestionnaire(instrument: Instrument): FhirResource {
  // English text, with every other language the instrument has as HL7 translation extensions (Welsh on equal terms).
  const put = (target: Record<string, unknown>, key: string, t: LocalisedText) => {
    const english = localise(t, 'en-GB');
    target[key] = english;
    if (typeof t === 'string') return;
    const others = Object.entries(t).filter(([, value]) => value !== english);
    if (others.length) {
      target[`_${key}`] = {
        extension: others.map(([lang, content]) => ({
          url: TRANSLATION,
          extension: [
            { url: 'lang', valueCode: lang },
            { url: 'content', valueString: content },
          ],
        })),
      };
    }
  };
  const options = instrument.scale.options.map((o) => ({ valueInteger: o.value }));
  if (instrument.scale.notApplicable)
    options.push({
      valueCoding: { ...coding(CODE_SYSTEM.rating, 'not-applicable'), display: 'Not applicable' },
    } as never);
  const resource: FhirResource = {
    resourceType: 'Questionnaire',
    id: resourceId('questionnaire', `${instrument.id}|${instrument.version}`),
    meta: meta('Questionnaire'),
    language: 'en-GB',
    url: `${QUESTIONNAIRE_BASE}${instrument.id}`,
    version: instrument.version,
  };
  put(resource, 'title', instrument.title);
  resource.status = 'active';
  resource.subjectType = ['Patient'];
  if (instrument.description !== undefined) put(resource, 'description', instrument.description);
  if (instrument.source !== undefined) put(resource, 'copyright', instrument.source);
  // A group item must have items (que-1): groups without any are left out.
  const groups = instrument.groups.filter((g) => instrument.items.some((i) => i.groupId === g.id));
  resource.item = groups.map((g) => {
    const group: Record<string, unknown> = { linkId: g.id };
    put(group, 'text', g.title);
    group.type = 'group';
    group.item = instrument.items
      .filter((i) => i.groupId === g.id)
      .map((i) => {
        const item: Record<string, unknown> = { linkId: i.id };
        put(item, 'text', i.title);
        item.type = 'choice';
        item.required = i.required;
        item.answerOption = options;
        return item;
      });
    return group;
  });
  return resource;
}
