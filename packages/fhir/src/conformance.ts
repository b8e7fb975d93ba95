/**
 * The kit's conformance resources: a StructureDefinition for every extension and
 * a CodeSystem for every vocabulary the mapping uses. `scripts/write-conformance.mjs`
 * writes them as JSON to `resources/` (shipped in the package); a test checks the
 * files match. Not part of the runtime entry.
 */
import {
  ATTENDEE_ROLES,
  CONTACT_FREQUENCIES,
  CRITICAL_RATINGS,
  EVIDENCE_SOURCES,
  MEETING_MODES,
  MEMBER_STATUSES,
  RATER_ROLES,
  SECTORS,
  SUPPORT_TYPES,
  TIE_DIRECTIONS,
  TIE_QUALITIES,
  TIE_STRENGTHS,
} from '@odkit/core';
import type { FhirResource } from './types.js';
import { CODE_SYSTEM, CONCEPT, EXT, FHIR_BASE, KIT_RELATIONSHIPS } from './vocabulary.js';

const VERSION = '0.1.0';
const PUBLISHER = 'Open Dialogue Kit';

type ExtKey = keyof typeof EXT;

interface ExtensionSpec {
  /** FHIRPath contexts (elements) the extension may appear on. */
  context: string[];
  /** value[x] type, or 'complex' (with `parts`). */
  type: string;
  /** A complex extension's parts: name, value type, description, required. */
  parts?: [string, string, string, boolean][];
  max?: '1' | '*';
  short: string;
}

const PARTICIPANT = ['CareTeam.participant'];
const MEETING = ['Encounter', 'Appointment'];

const TIE_PARTS: [string, string, string, boolean][] = [
  ['id', 'id', 'The tie’s id in the case', true],
  ['from', 'id', 'The person’s or a member’s id', true],
  ['to', 'id', 'A member’s id', true],
  ['strength', 'Coding', 'strong, moderate, tenuous', true],
  ['quality', 'Coding', 'supportive, neutral, stressful, conflictual, cut-off', true],
  ['direction', 'Coding', 'Direction of support: none, to, from, both', true],
  ['label', 'string', 'A short label', false],
  ['period', 'Period', 'Since / until', false],
];

const MEMBER_HISTORY_PARTS: [string, string, string, boolean][] = [
  ['period', 'Period', 'The values held until period.end: the time of the change that replaced them', true],
  ['ring', 'integer', 'The earlier closeness ring', false],
  ['sector', 'Coding', 'The earlier life domain', false],
  ['status', 'Coding', 'The earlier status: active, past, deceased', false],
];

const TIE_HISTORY_PARTS: [string, string, string, boolean][] = [
  ['tie', 'id', 'The tie’s id in the case (its network-tie extension)', true],
  ['period', 'Period', 'The values held until period.end: the time of the change that replaced them', true],
  ['strength', 'Coding', 'The earlier strength', false],
  ['quality', 'Coding', 'The earlier quality', false],
  ['direction', 'Coding', 'The earlier direction', false],
];

const EDIT_PARTS: [string, string, string, boolean][] = [
  ['id', 'string', 'The edit’s id, kept through every retry and sync', true],
  ['type', 'code', 'The change type, e.g. member/update (case/create: the initial record)', true],
  ['entityKind', 'code', 'The kind of entity changed: person, member, tie, episode, meeting, assessment', false],
  ['entityId', 'id', 'The id of the entity changed, in the case', false],
];

export const EXTENSIONS: Record<ExtKey, ExtensionSpec> = {
  ring: { context: PARTICIPANT, type: 'integer', short: 'Closeness ring: 1 (closest) to 3' },
  sector: {
    context: PARTICIPANT,
    type: 'Coding',
    short: 'Life domain (Tracy–Whittaker): household, family, friends, …',
  },
  support: {
    context: PARTICIPANT,
    type: 'Coding',
    max: '*',
    short: 'Support the member gives: emotional, practical, information',
  },
  household: { context: PARTICIPANT, type: 'boolean', short: 'Lives in the person’s household' },
  carer: { context: PARTICIPANT, type: 'boolean', short: 'Is a carer of the person' },
  critical: { context: PARTICIPANT, type: 'Coding', short: 'How often the member is critical of the person' },
  contactFrequency: { context: PARTICIPANT, type: 'Coding', short: 'How often the person sees the member' },
  knownSince: { context: PARTICIPANT, type: 'date', short: 'Known since (year, month or date)' },
  memberStatus: { context: PARTICIPANT, type: 'Coding', short: 'Active, past or deceased member of the network' },
  // Read only since the kit writes audiences as meta.security labels (CODE_SYSTEM.audience): kept for older data.
  hiddenFrom: { context: PARTICIPANT, type: 'id', max: '*', short: 'Audiences this member must not be shown to' },
  preferredLanguage: { context: PARTICIPANT, type: 'code', short: 'The member’s preferred language (BCP 47)' },
  organisation: { context: PARTICIPANT, type: 'string', short: 'The member’s organisation or team, as text' },
  tie: {
    context: ['CareTeam'],
    type: 'complex',
    parts: TIE_PARTS,
    max: '*',
    short: 'A tie between the person or a member and a member: strength, quality, direction, label, period',
  },
  memberHistory: {
    context: PARTICIPANT,
    type: 'complex',
    parts: MEMBER_HISTORY_PARTS,
    max: '*',
    short: 'The member’s earlier ring, sector or status, held until a dated change (oldest first)',
  },
  tieHistory: {
    context: ['CareTeam'],
    type: 'complex',
    parts: TIE_HISTORY_PARTS,
    max: '*',
    short: 'A tie’s earlier strength, quality or direction, held until a dated change (oldest first)',
  },
  writeCount: {
    context: ['CareTeam'],
    type: 'integer',
    short: 'How many times the kit has written the case (changes the network’s version on every write)',
  },
  notes: { context: [...PARTICIPANT, ...MEETING], type: 'string', short: 'Free-text notes (always shown as text)' },
  pronouns: { context: ['Patient'], type: 'string', short: 'The person’s pronouns, as they write them' },
  referralSource: { context: ['EpisodeOfCare'], type: 'string', short: 'Who referred the person' },
  handoverReason: {
    context: ['CareTeam'],
    type: 'string',
    short: 'Why responsibility for an episode was handed to this team (on a contained responsible-team CareTeam)',
  },
  meetingEpisode: {
    context: ['Appointment'],
    type: 'Reference',
    short: 'The episode of care a planned meeting belongs to',
  },
  meetingPlace: { context: ['Appointment'], type: 'string', short: 'Where a planned meeting will be' },
  personPresent: {
    context: ['Encounter'],
    type: 'boolean',
    short: 'Whether the person was in the meeting (they are always its subject)',
  },
  attended: {
    context: ['Encounter.participant'],
    type: 'boolean',
    short: 'Whether an invited network member was there',
  },
  attendeeOrganization: {
    context: ['Encounter.participant', 'Appointment.participant'],
    type: 'Reference',
    short: 'An organisation taking part (participant.individual / actor cannot be one)',
  },
  reflectingConversation: {
    context: ['Encounter'],
    type: 'boolean',
    short: 'The practitioners held at least one reflecting conversation',
  },
  nextMeeting: {
    context: MEETING,
    type: 'dateTime',
    short: 'What the network agreed about meeting next: a date-time, or the code "open"',
  },
  raterRole: {
    context: ['QuestionnaireResponse'],
    type: 'Coding',
    short: 'Who rated: self, co-facilitator, supervisor, independent',
  },
  evidenceSource: {
    context: ['QuestionnaireResponse'],
    type: 'Coding',
    short: 'What the rating is based on: live, audio, video, notes',
  },
  completedAt: { context: ['QuestionnaireResponse'], type: 'dateTime', short: 'When the assessment was completed' },
  ratingComment: { context: ['QuestionnaireResponse.item'], type: 'string', short: 'The rater’s comment on an item' },
  originalText: {
    context: ['Element'],
    type: 'string',
    short: 'The kit’s exact text of a date-time FHIR writes in another form',
  },
  emptyText: { context: ['Element'], type: 'boolean', short: 'The text was recorded, and is empty' },
  blankText: { context: ['Element'], type: 'base64Binary', short: 'The text is only white space: its UTF-8, base64' },
  edit: {
    context: ['Provenance'],
    type: 'complex',
    parts: EDIT_PARTS,
    short: 'The kit edit a Provenance records: its id, change type and entity',
  },
};

const name = (slug: string) => slug.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
const typeOf = (type: string) => [{ code: type }];

function structureDefinition(key: ExtKey): FhirResource {
  const url = EXT[key];
  const slug = url.slice(url.lastIndexOf('/') + 1);
  const spec = EXTENSIONS[key];
  const elements: Record<string, unknown>[] = [
    { id: 'Extension', path: 'Extension', short: spec.short, definition: spec.short, min: 0, max: spec.max ?? '1' },
  ];
  if (spec.type === 'complex') {
    for (const [part, type, short, required] of spec.parts ?? []) {
      elements.push(
        {
          id: `Extension.extension:${part}`,
          path: 'Extension.extension',
          sliceName: part,
          short,
          definition: short,
          min: required ? 1 : 0,
          max: '1',
        },
        { id: `Extension.extension:${part}.url`, path: 'Extension.extension.url', min: 1, max: '1', fixedUri: part },
        {
          id: `Extension.extension:${part}.value[x]`,
          path: 'Extension.extension.value[x]',
          min: 1,
          max: '1',
          type: typeOf(type),
        },
      );
    }
    elements.push(
      { id: 'Extension.url', path: 'Extension.url', min: 1, max: '1', fixedUri: url },
      { id: 'Extension.value[x]', path: 'Extension.value[x]', min: 0, max: '0' },
    );
  } else {
    elements.push(
      { id: 'Extension.extension', path: 'Extension.extension', min: 0, max: '0' },
      { id: 'Extension.url', path: 'Extension.url', min: 1, max: '1', fixedUri: url },
      {
        id: 'Extension.value[x]',
        path: 'Extension.value[x]',
        min: 1,
        max: '1',
        type: key === 'nextMeeting' ? [...typeOf('dateTime'), ...typeOf('code')] : typeOf(spec.type),
      },
    );
  }
  return {
    resourceType: 'StructureDefinition',
    id: `odkit-${slug}`,
    url,
    version: VERSION,
    name: name(slug),
    title: spec.short,
    status: 'active',
    publisher: PUBLISHER,
    description: spec.short,
    fhirVersion: '4.0.1',
    kind: 'complex-type',
    abstract: false,
    context: spec.context.map((expression) => ({ type: 'element', expression })),
    type: 'Extension',
    baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Extension',
    derivation: 'constraint',
    differential: { element: elements },
  };
}

const CODES: Record<
  keyof typeof CODE_SYSTEM,
  { title: string; concepts: readonly (string | readonly [string, string])[] }
> = {
  concept: {
    title: 'Open Dialogue concepts (no SNOMED CT concept exists for these)',
    concepts: [
      [CONCEPT.network, 'Open Dialogue network'],
      [CONCEPT.responsibleTeam, 'Team responsible for the episode'],
      [CONCEPT.episode, 'Open Dialogue episode'],
      [CONCEPT.networkMeeting, 'Network meeting'],
      [CONCEPT.person, 'The person at the centre of the network'],
    ],
  },
  sector: { title: 'Network sectors (Tracy–Whittaker life domains)', concepts: SECTORS },
  support: { title: 'Support types', concepts: SUPPORT_TYPES },
  critical: { title: 'How often critical', concepts: CRITICAL_RATINGS },
  contactFrequency: { title: 'Contact frequency', concepts: CONTACT_FREQUENCIES },
  memberStatus: { title: 'Network member status', concepts: MEMBER_STATUSES },
  tieStrength: { title: 'Tie strength', concepts: TIE_STRENGTHS },
  tieQuality: { title: 'Tie quality', concepts: TIE_QUALITIES },
  tieDirection: { title: 'Tie direction', concepts: TIE_DIRECTIONS },
  relationship: { title: 'Relationships not in HL7 v3 RoleCode', concepts: KIT_RELATIONSHIPS },
  hostRelationship: {
    title:
      'Relationship codes a host system wrote that neither HL7 v3 RoleCode nor the kit declares (kept as written, not verified)',
    concepts: [],
  },
  attendeeRole: { title: 'Meeting attendee roles', concepts: ATTENDEE_ROLES },
  meetingMode: {
    title: 'Meeting place or format without an HL7 ActCode',
    concepts: MEETING_MODES.filter((m) => m === 'other'),
  },
  raterRole: { title: 'Rater roles', concepts: RATER_ROLES },
  evidenceSource: { title: 'Evidence sources for a rating', concepts: EVIDENCE_SOURCES },
  rating: { title: 'Ratings that are not a scale value', concepts: [['not-applicable', 'Not applicable']] },
  audience: { title: 'Audiences a member is hidden from', concepts: [] },
};

function codeSystem(key: keyof typeof CODE_SYSTEM): FhirResource {
  const url = CODE_SYSTEM[key];
  const slug = url.slice(url.lastIndexOf('/') + 1);
  const { title, concepts } = CODES[key];
  const concept = concepts.map((c) =>
    typeof c === 'string'
      ? { code: c, display: c.charAt(0).toUpperCase() + c.slice(1).replace(/-/g, ' ') }
      : { code: c[0], display: c[1] },
  );
  return {
    resourceType: 'CodeSystem',
    id: `odkit-${slug}`,
    url,
    version: VERSION,
    name: name(slug),
    title,
    status: 'active',
    publisher: PUBLISHER,
    description: `${title}. Part of the Open Dialogue Kit FHIR mapping (${FHIR_BASE}).`,
    caseSensitive: true,
    // The relationship CodeSystem only adds to HL7 v3 RoleCode; audiences are each service's own, and a host's own
    // relationship codes are not listed; the others are complete.
    content:
      key === 'relationship'
        ? 'fragment'
        : key === 'audience' || key === 'hostRelationship'
          ? 'not-present'
          : 'complete',
    // FHIR arrays are never empty: a CodeSystem whose codes are not listed has none.
    ...(concept.length ? { count: concept.length, concept } : {}),
  };
}

/** Every StructureDefinition and CodeSystem the mapping uses, in a stable order. */
export function conformanceResources(): FhirResource[] {
  return [
    ...(Object.keys(EXT) as ExtKey[]).map(structureDefinition),
    ...(Object.keys(CODE_SYSTEM) as (keyof typeof CODE_SYSTEM)[]).map(codeSystem),
  ];
}
