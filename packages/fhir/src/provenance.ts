/**
 * Who changed what, and when, as FHIR R4 Provenance: FhirStore writes one in the
 * same transaction as the resources each edit writes, and reads them back as an
 * entity's history. See docs/fhir.md ("Provenance").
 */
import {
  ValidationError,
  changeActivity,
  changeSubject,
  parseAuthor,
  type Author,
  type Change,
  type ChangeType,
  type EntityRef,
  type EntityRefKind,
  type HistoryEntry,
} from '@odkit/core';
import { keyOf } from './from-fhir.js';
import { putDateTime } from './internal/text.js';
import type { BundleEntry, Extension, FhirResource } from './types.js';
import { EXT, IDENTIFIER } from './vocabulary.js';

export const DATA_OPERATION = 'http://terminology.hl7.org/CodeSystem/v3-DataOperation';
export const PARTICIPANT_TYPE = 'http://terminology.hl7.org/CodeSystem/provenance-participant-type';

/** The `type` the kit writes for the initial record (a seed is no single change: it creates every entity). */
export const SEED_TYPE = 'case/create';

/** What one Provenance records: an edit, or (without `change`) the seeding of a new case. */
export interface ProvenanceEdit {
  readonly id: string;
  readonly at: string;
  readonly author: Author;
  readonly change?: Change;
}

const ACTIVITY_DISPLAY = { create: 'create', update: 'update', delete: 'delete' } as const;

/** Author ids that are FHIR references: written as `agent.who.reference`, everything else as an identifier. */
const AGENT_REFERENCE = /^(Practitioner|PractitionerRole|RelatedPerson|Patient)\/[A-Za-z0-9.-]{1,64}$/;

/** The resources a transaction writes, as Provenance targets (a POST by its `fullUrl`). */
export function transactionTargets(entries: readonly BundleEntry[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const method = e.request?.method;
    const key = method === 'POST' ? e.fullUrl : method === 'PUT' || method === 'DELETE' ? e.request!.url : undefined;
    if (key && !out.includes(key)) out.push(key);
  }
  return out;
}

/** The Provenance of one edit (or seed), as a transaction entry: a POST with a fresh `urn:uuid`. */
export function provenanceEntry(edit: ProvenanceEdit, targets: readonly string[]): BundleEntry {
  return {
    fullUrl: `urn:uuid:${uuid()}`,
    resource: provenanceResource(edit, targets),
    request: { method: 'POST', url: 'Provenance' },
  };
}

export function provenanceResource(edit: ProvenanceEdit, targets: readonly string[]): FhirResource {
  const activity = edit.change ? changeActivity(edit.change) : 'create';
  const parts: Extension[] = [
    { url: 'id', valueString: edit.id },
    { url: 'type', valueCode: edit.change ? edit.change.type : SEED_TYPE },
  ];
  if (edit.change) {
    const entity = changeSubject(edit.change);
    parts.push({ url: 'entityKind', valueCode: entity.kind }, { url: 'entityId', valueId: entity.id });
  }
  const resource: FhirResource = {
    resourceType: 'Provenance',
    extension: [{ url: EXT.edit, extension: parts }],
    target: targets.map((reference) => ({ reference })),
  };
  // The time the person made the edit (kept through offline queues and retries), in FHIR's form; the kit's exact text
  // rides along.
  putDateTime(resource, 'occurredDateTime', edit.at);
  putDateTime(resource, 'recorded', edit.at);
  resource.activity = {
    coding: [{ system: DATA_OPERATION, code: activity.toUpperCase(), display: ACTIVITY_DISPLAY[activity] }],
  };
  resource.agent = [agentOf(edit.author)];
  return resource;
}

function agentOf(author: Author): Record<string, unknown> {
  const who = AGENT_REFERENCE.test(author.id)
    ? { reference: author.id, display: author.name }
    : { identifier: { system: IDENTIFIER.hostUser, value: author.id }, display: author.name };
  return {
    type: { coding: [{ system: PARTICIPANT_TYPE, code: 'author', display: 'Author' }] },
    ...(author.role !== undefined ? { role: [{ text: author.role }] } : {}),
    who,
  };
}

/* ------------------------------------------------------------------ reading back */

const CHANGE_TYPES: Record<ChangeType, EntityRefKind> = {
  'person/update': 'person',
  'member/add': 'member',
  'member/update': 'member',
  'member/remove': 'member',
  'tie/add': 'tie',
  'tie/update': 'tie',
  'tie/remove': 'tie',
  'episode/add': 'episode',
  'episode/update': 'episode',
  'meeting/record': 'meeting',
  'meeting/update': 'meeting',
  'meeting/cancel': 'meeting',
  'meeting/set-attendance': 'meeting',
  'assessment/start': 'assessment',
  'assessment/update': 'assessment',
  'assessment/rate': 'assessment',
  'assessment/complete': 'assessment',
  'assessment/reopen': 'assessment',
};

/**
 * The change type shown for a Provenance without the kit's extension (written by
 * an EHR or another app), from its activity: a create is the kind's "add", a
 * delete its "remove" (a meeting's "cancel"; a person or episode is never
 * removed, so that is an update), anything else (or no activity) an update.
 */
const FOREIGN_TYPE: Record<EntityRefKind, Record<'create' | 'update' | 'delete', ChangeType>> = {
  person: { create: 'person/update', update: 'person/update', delete: 'person/update' },
  member: { create: 'member/add', update: 'member/update', delete: 'member/remove' },
  tie: { create: 'tie/add', update: 'tie/update', delete: 'tie/remove' },
  episode: { create: 'episode/add', update: 'episode/update', delete: 'episode/update' },
  meeting: { create: 'meeting/record', update: 'meeting/update', delete: 'meeting/cancel' },
  assessment: { create: 'assessment/start', update: 'assessment/update', delete: 'assessment/update' },
};

/** The resource types an entity of each kind is written as (its "own" resource, besides the network CareTeam). */
const OWN_TYPES: Record<EntityRefKind, readonly string[]> = {
  person: ['Patient'],
  member: ['RelatedPerson', 'PractitionerRole', 'Organization'],
  tie: [],
  episode: ['EpisodeOfCare'],
  meeting: ['Encounter', 'Appointment'],
  assessment: ['QuestionnaireResponse'],
};

/**
 * The resource an entity is written as (`Type/id`), from the resources the kit
 * maps for the current record (JSON by key); undefined for a tie (it lives on
 * the network CareTeam) or an entity no longer in the record.
 */
export function entityResourceKey(mapped: ReadonlyMap<string, string>, entity: EntityRef): string | undefined {
  const types = OWN_TYPES[entity.kind];
  for (const [key, json] of mapped) {
    if (!types.includes(key.slice(0, key.indexOf('/')))) continue;
    const r = JSON.parse(json) as FhirResource;
    if (entity.kind === 'person') return key;
    const ids = Array.isArray(r.identifier) ? (r.identifier as { system?: string; value?: string }[]) : [];
    if (ids.some((i) => i.system === IDENTIFIER.entityId && i.value === entity.id)) return key;
  }
  return undefined;
}

/**
 * One entity's history from the Provenances found for it, oldest first. The kit's
 * own are matched by their edit extension; a seed counts as the creation of every
 * entity it targets (a tie: unless the tie was added later); others' Provenances
 * count where they target the entity's own resource (`ownKey`).
 */
export function historyFromProvenances(
  resources: readonly FhirResource[],
  entity: EntityRef,
  ownKey: string | undefined,
): HistoryEntry[] {
  const out: { entry: HistoryEntry; order: number }[] = [];
  const seen = new Set<string>();
  const seeds: { p: FhirResource; id: string; at: string; order: number }[] = [];
  resources.forEach((p, order) => {
    if (p.resourceType !== 'Provenance' || seen.has(keyOf(p))) return;
    seen.add(keyOf(p));
    const at = recordedOf(p);
    if (at === undefined) return;
    const author = authorOf(p);
    const kit = kitEdit(p);
    const targets = targetKeys(p);
    if (kit?.type === SEED_TYPE) {
      seeds.push({ p, id: kit.id, at, order });
      return;
    }
    if (kit) {
      if (kit.entity?.kind !== entity.kind || kit.entity.id !== entity.id) return;
      out.push({ entry: { id: kit.id, at, ...(author ? { author } : {}), type: kit.type, entity }, order });
      return;
    }
    if (!ownKey || !targets.includes(ownKey)) return;
    out.push({
      entry: {
        id: `Provenance/${p.id}`,
        at,
        ...(author ? { author } : {}),
        type: FOREIGN_TYPE[entity.kind][activityOf(p)],
        entity,
      },
      order,
    });
  });
  // A tie has no resource of its own: one added after the seed has its own tie/add.
  const added = out.some((o) => o.entry.type === 'tie/add');
  // A seed written in several transactions has a Provenance in each: one line per seed.
  const listed = new Set<string>();
  for (const s of seeds) {
    const created = ownKey ? targetKeys(s.p).includes(ownKey) : entity.kind === 'tie' && !added;
    if (!created || listed.has(s.id)) continue;
    listed.add(s.id);
    const author = authorOf(s.p);
    out.push({
      entry: { id: s.id, at: s.at, ...(author ? { author } : {}), type: FOREIGN_TYPE[entity.kind].create, entity },
      order: s.order,
    });
  }
  return out.sort((a, b) => Date.parse(a.entry.at) - Date.parse(b.entry.at) || a.order - b.order).map((o) => o.entry);
}

/** The kit's edit extension, when present and well formed. */
function kitEdit(p: FhirResource): { id: string; type: ChangeType | typeof SEED_TYPE; entity?: EntityRef } | undefined {
  const ext = (Array.isArray(p.extension) ? (p.extension as Extension[]) : []).find((e) => e?.url === EXT.edit);
  if (!ext || !Array.isArray(ext.extension)) return undefined;
  const part = (url: string) => {
    const e = (ext.extension as Extension[]).find((x) => x?.url === url);
    const value = e?.valueString ?? e?.valueCode ?? e?.valueId;
    return typeof value === 'string' ? value : undefined;
  };
  const id = part('id');
  const type = part('type');
  if (!id || !type) return undefined;
  if (type === SEED_TYPE) return { id, type };
  if (!Object.prototype.hasOwnProperty.call(CHANGE_TYPES, type)) return undefined;
  const kind = part('entityKind');
  const entityId = part('entityId');
  if (kind !== CHANGE_TYPES[type as ChangeType] || !entityId) return undefined;
  return { id, type: type as ChangeType, entity: { kind: kind as EntityRefKind, id: entityId } };
}

/** When the edit was made: `recorded` (the kit's exact text where it rides along), else when it occurred. */
function recordedOf(p: FhirResource): string | undefined {
  for (const key of ['recorded', 'occurredDateTime']) {
    const value = p[key];
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) continue;
    const element = p[`_${key}`] as { extension?: Extension[] } | undefined;
    const original = element?.extension?.find((e) => e?.url === EXT.originalText)?.valueString;
    return typeof original === 'string' && Date.parse(original) === Date.parse(value) ? original : value;
  }
  return undefined;
}

function activityOf(p: FhirResource): 'create' | 'update' | 'delete' {
  const codings = (p.activity as { coding?: { system?: string; code?: string }[] } | undefined)?.coding ?? [];
  for (const c of codings) {
    const code = typeof c?.code === 'string' ? c.code.toUpperCase() : '';
    if (code === 'CREATE') return 'create';
    if (code === 'DELETE' || code === 'NULLIFY') return 'delete';
  }
  return 'update';
}

/** The author of a Provenance: its agent of type `author` (else its first agent), when it names someone. */
function authorOf(p: FhirResource): Author | undefined {
  type Agent = {
    type?: { coding?: { code?: string }[] };
    role?: { text?: string; coding?: { display?: string; code?: string }[] }[];
    who?: { reference?: string; display?: string; identifier?: { value?: string } };
  };
  const agents = Array.isArray(p.agent) ? (p.agent as Agent[]) : [];
  const agent = agents.find((a) => a?.type?.coding?.some((c) => c?.code === 'author')) ?? agents[0];
  const who = agent?.who;
  const id = who?.reference ?? who?.identifier?.value;
  if (typeof id !== 'string') return undefined;
  const role = agent?.role?.[0];
  const roleText = role?.text ?? role?.coding?.[0]?.display ?? role?.coding?.[0]?.code;
  try {
    return parseAuthor({
      id,
      name: typeof who?.display === 'string' && who.display.trim() ? who.display : id,
      ...(typeof roleText === 'string' && roleText.trim() ? { role: roleText } : {}),
    });
  } catch {
    return undefined;
  }
}

/** `Type/id` of every target (absolute and versioned references reduced to it). */
function targetKeys(p: FhirResource): string[] {
  const out: string[] = [];
  for (const t of Array.isArray(p.target) ? (p.target as { reference?: unknown }[]) : []) {
    const m =
      typeof t?.reference === 'string'
        ? /(?:^|\/)([A-Z][A-Za-z]+\/[A-Za-z0-9.-]{1,64})(?:\/_history\/[^/]+)?$/.exec(t.reference)
        : null;
    if (m) out.push(m[1]!);
  }
  return out;
}

/** A version 4 UUID from getRandomValues (randomUUID needs a secure context). */
function uuid(): string {
  const b = new Uint8Array(16);
  globalThis.crypto.getRandomValues(b);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The author a FHIR write records. A FHIR record must say who changed it, so a
 * write without one is refused (ValidationError on `author`) before anything is sent.
 */
export function requireAuthor(author: Author | undefined): Author {
  if (author) return author;
  throw new ValidationError('FhirStore write', [
    {
      path: ['author'],
      message:
        'is missing: every FHIR write records who made it (its Provenance). Set the store’s author (FhirStore.open({ author: { id, name, role } }) or store.author = …), or pass { author } to apply(). Nothing was changed.',
    },
  ]);
}

/** Whether a `Type/id` key (or a POST's url) is a Provenance: the store's record of resources leaves them out. */
export const isProvenanceKey = (key: string): boolean => key === 'Provenance' || key.startsWith('Provenance/');
