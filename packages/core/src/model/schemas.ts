import * as z from '../internal/z.js';
import {
  Id,
  IsoDate,
  IsoDateTime,
  LanguageTag,
  LocalisedText,
  LongText,
  NhsNumber,
  PartialDate,
  ShortText,
} from './primitives.js';

/* ------------------------------------------------------------------ vocabularies */

export const MEMBER_KINDS = ['person', 'organisation', 'professional'] as const;
/** Tracy–Whittaker life domains. */
export const SECTORS = [
  'household',
  'family',
  'friends',
  'work-school',
  'organisations',
  'neighbours',
  'services',
] as const;
/** Closeness rings: 1 is the closest. */
export const RINGS = [1, 2, 3] as const;
export const SUPPORT_TYPES = ['emotional', 'practical', 'information'] as const;
export const MEMBER_STATUSES = ['active', 'past', 'deceased'] as const;
/** How often the member is critical of the person (Tracy–Whittaker grid). */
export const CRITICAL_RATINGS = ['hardly-ever', 'sometimes', 'almost-always'] as const;
export const CONTACT_FREQUENCIES = ['daily', 'weekly', 'monthly', 'few-times-a-year', 'rarely'] as const;
export const TIE_STRENGTHS = ['strong', 'moderate', 'tenuous'] as const;
export const TIE_QUALITIES = ['supportive', 'neutral', 'stressful', 'conflictual', 'cut-off'] as const;
/** Direction of support or energy along a tie, relative to `from` → `to`. */
export const TIE_DIRECTIONS = ['none', 'to', 'from', 'both'] as const;
export const EPISODE_STATUSES = ['active', 'on-hold', 'finished'] as const;
export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;
export const MEETING_MODES = ['home', 'clinic', 'remote', 'other'] as const;
export const ATTENDEE_ROLES = ['facilitator', 'peer-worker', 'network', 'other'] as const;
/** Roles that count as practitioners in the meeting measures. */
export const PRACTITIONER_ROLES = ['facilitator', 'peer-worker'] as const;
export const RATER_ROLES = ['self', 'co-facilitator', 'supervisor', 'independent'] as const;
export const EVIDENCE_SOURCES = ['live', 'audio', 'video', 'notes'] as const;
export const ASSESSMENT_STATUSES = ['draft', 'complete'] as const;

/* ------------------------------------------------------------------ person */

export const Person = z.strictObject({
  id: Id,
  /** Display name; initials are allowed (minimum necessary data). */
  name: ShortText,
  nhsNumber: z.optional(NhsNumber),
  birthDate: z.optional(IsoDate),
  preferredLanguage: z.optional(LanguageTag),
  pronouns: z.optional(ShortText),
});
export type Person = z.infer<typeof Person>;

/* ------------------------------------------------------------------ network */

export const Relationship = z
  .strictObject({
    /** A code from the kit's relationship CodeSystem or v3 RoleCode (e.g. `MTH`, `FRND`, `NBOR`, `carer`). */
    code: z.optional(
      z.string().check(z.regex(/^[A-Za-z0-9_-]{1,40}$/, { error: 'must be a code of letters, digits, "-" or "_"' })),
    ),
    /** Free text, as the person says it ("my nan", "Dr Patel at the surgery"). */
    text: z.optional(ShortText),
  })
  .check(z.refine((r) => r.code !== undefined || r.text !== undefined, { error: 'needs a code or a text' }));
export type Relationship = z.infer<typeof Relationship>;

/** Whether dated entries are oldest first (entries of the same instant in any order). */
const inDateOrder = (history: readonly { at: string }[] | undefined) =>
  !history || history.every((e, i) => i === 0 || Date.parse(history[i - 1]!.at) <= Date.parse(e.at));

/**
 * A member's ring, sector or status before a change: each field given is what the member had until `at`, the time
 * of the change (the kit adds one for every change of these fields, so the network can be shown as it was).
 */
export const MemberEarlierValues = z
  .strictObject({
    /** When the change was made: the values here held until then. */
    at: IsoDateTime,
    ring: z.optional(z.literal(RINGS)),
    sector: z.optional(z.enum(SECTORS)),
    status: z.optional(z.enum(MEMBER_STATUSES)),
  })
  .check(
    z.refine((e) => e.ring !== undefined || e.sector !== undefined || e.status !== undefined, {
      error: 'needs an earlier ring, sector or status',
    }),
  );
export type MemberEarlierValues = z.infer<typeof MemberEarlierValues>;

export const NetworkMember = z
  .strictObject({
    id: Id,
    kind: z.enum(MEMBER_KINDS),
    /** Name, or initials only where the person prefers. */
    name: ShortText,
    relationship: Relationship,
    sector: z.enum(SECTORS),
    ring: z.literal(RINGS),
    support: z
      .array(z.enum(SUPPORT_TYPES))
      .check(z.refine((s) => new Set(s).size === s.length, { error: 'must not list a support type twice' })),
    household: z.boolean(),
    carer: z.boolean(),
    critical: z.optional(z.enum(CRITICAL_RATINGS)),
    contactFrequency: z.optional(z.enum(CONTACT_FREQUENCIES)),
    knownSince: z.optional(PartialDate),
    status: z.enum(MEMBER_STATUSES),
    /** When the member became part of the network. */
    since: z.optional(IsoDate),
    /** When they left the network or died. */
    until: z.optional(IsoDate),
    /** For professionals: their organisation or team. */
    organisation: z.optional(ShortText),
    preferredLanguage: z.optional(LanguageTag),
    /** Audiences (e.g. `network`, `family`) this member must not be shown to. */
    hiddenFrom: z.array(Id),
    notes: z.optional(LongText),
    /** Earlier rings, sectors and statuses, oldest first, each dated by the change that replaced it (absent: none). */
    history: z.optional(z.array(MemberEarlierValues).check(z.minLength(1))),
  })
  .check(
    z.refine((m) => !(m.since && m.until && m.until < m.since), { error: 'ends before it starts', path: ['until'] }),
    z.refine((m) => m.kind !== 'organisation' || m.status !== 'deceased', {
      error: 'an organisation cannot be deceased',
      path: ['status'],
    }),
    z.refine((m) => inDateOrder(m.history), { error: 'must be oldest first', path: ['history'] }),
    z.refine((m) => m.kind !== 'organisation' || !m.history?.some((e) => e.status === 'deceased'), {
      error: 'an organisation cannot have been deceased',
      path: ['history'],
    }),
  );
export type NetworkMember = z.infer<typeof NetworkMember>;

/** A tie's strength, quality or direction before a change: each field given is what the tie had until `at`. */
export const TieEarlierValues = z
  .strictObject({
    /** When the change was made: the values here held until then. */
    at: IsoDateTime,
    strength: z.optional(z.enum(TIE_STRENGTHS)),
    quality: z.optional(z.enum(TIE_QUALITIES)),
    direction: z.optional(z.enum(TIE_DIRECTIONS)),
  })
  .check(
    z.refine((e) => e.strength !== undefined || e.quality !== undefined || e.direction !== undefined, {
      error: 'needs an earlier strength, quality or direction',
    }),
  );
export type TieEarlierValues = z.infer<typeof TieEarlierValues>;

export const Tie = z
  .strictObject({
    id: Id,
    /** The person's id or a member's id. */
    from: Id,
    /** A member's id. */
    to: Id,
    strength: z.enum(TIE_STRENGTHS),
    quality: z.enum(TIE_QUALITIES),
    direction: z.enum(TIE_DIRECTIONS),
    label: z.optional(ShortText),
    since: z.optional(IsoDate),
    until: z.optional(IsoDate),
    /** Earlier strengths, qualities and directions, oldest first, each dated by the change that replaced it. */
    history: z.optional(z.array(TieEarlierValues).check(z.minLength(1))),
  })
  .check(
    z.refine((t) => t.from !== t.to, { error: 'cannot tie a member to themselves', path: ['to'] }),
    z.refine((t) => !(t.since && t.until && t.until < t.since), { error: 'ends before it starts', path: ['until'] }),
    z.refine((t) => inDateOrder(t.history), { error: 'must be oldest first', path: ['history'] }),
  );
export type Tie = z.infer<typeof Tie>;

/* ------------------------------------------------------------------ episodes and meetings */

/**
 * Responsibility for an episode handed to another team: when, to whom, and why. Open Dialogue keeps responsibility
 * with the team first contacted, so a hand-over is the exception (the person moves away, the team closes); the
 * episode keeps its first team and lists each hand-over after it, so who held it when is never lost.
 */
export const Handover = z.strictObject({
  /** When the receiving team took responsibility. */
  at: IsoDateTime,
  /** The team that holds responsibility from `at` (the one before it is the previous hand-over's, or the first). */
  to: ShortText,
  reason: z.optional(ShortText),
});
export type Handover = z.infer<typeof Handover>;

export const Episode = z
  .strictObject({
    id: Id,
    /** First contact with the service: the episode starts here and the 24-hour clock runs from it. */
    firstContact: IsoDateTime,
    end: z.optional(IsoDateTime),
    status: z.enum(EPISODE_STATUSES),
    /** The team first contacted, which keeps responsibility throughout (unless handed over: see `handovers`). */
    responsibleTeam: ShortText,
    referralSource: z.optional(ShortText),
    /** Each hand-over of responsibility to another team, earliest first (none: the first team held it throughout). */
    handovers: z.optional(
      z.array(Handover).check(z.minLength(1, { error: 'must list at least one hand-over (leave it out for none)' })),
    ),
  })
  .check(
    z.refine((e) => !(e.end && Date.parse(e.end) < Date.parse(e.firstContact)), {
      error: 'ends before first contact',
      path: ['end'],
    }),
    z.refine((e) => e.status !== 'finished' || e.end !== undefined, {
      error: 'a finished episode needs an end',
      path: ['end'],
    }),
    z.superRefine((e, ctx) => {
      // Each hand-over lies within the episode, after the one before, and to a team that did not hold it already.
      let since = Date.parse(e.firstContact);
      let holder = e.responsibleTeam;
      (e.handovers ?? []).forEach((h, i) => {
        const at = Date.parse(h.at);
        const issue = (message: string, key: string) =>
          ctx.issues.push({ code: 'custom', message, input: h, path: ['handovers', i, key] });
        if (at <= since) issue(i ? 'is not after the hand-over before it' : 'is not after first contact', 'at');
        else if (e.end && at > Date.parse(e.end)) issue('is after the end of the episode', 'at');
        if (h.to.trim() === holder.trim()) issue('names the team that already holds responsibility', 'to');
        since = Math.max(since, at);
        holder = h.to;
      });
    }),
  );
/** The team responsible for an episode now (at its end, for a finished one): the last hand-over's, or the first. */
export const currentTeam = (e: Episode): string => e.handovers?.at(-1)?.to ?? e.responsibleTeam;
export type Episode = z.infer<typeof Episode>;

export const Attendee = z.strictObject({
  memberId: Id,
  role: z.enum(ATTENDEE_ROLES),
  /** Whether they were there (invited but absent: false). */
  present: z.boolean(),
});
export type Attendee = z.infer<typeof Attendee>;

export const NextMeeting = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('date'), at: IsoDateTime }),
  z.strictObject({ kind: z.literal('open') }),
]);
export type NextMeeting = z.infer<typeof NextMeeting>;

export const Meeting = z
  .strictObject({
    id: Id,
    episodeId: Id,
    status: z.enum(MEETING_STATUSES),
    start: IsoDateTime,
    end: z.optional(IsoDateTime),
    mode: z.enum(MEETING_MODES),
    place: z.optional(ShortText),
    /** The person is the subject of every meeting; this records whether they were in the room. */
    personPresent: z.boolean(),
    attendees: z.array(Attendee),
    reflectingConversation: z.boolean(),
    /** What the network agreed at the end of the meeting: a date, or "open". */
    nextMeeting: z.optional(NextMeeting),
    notes: z.optional(LongText),
    cancellationReason: z.optional(ShortText),
  })
  .check(
    z.refine((m) => !(m.end && Date.parse(m.end) <= Date.parse(m.start)), {
      error: 'must end after it starts',
      path: ['end'],
    }),
    z.refine(
      (m) =>
        m.status === 'held' || (!m.reflectingConversation && m.attendees.every((a) => !a.present) && !m.personPresent),
      {
        error: 'only a held meeting can record who was present or a reflecting conversation',
        path: ['status'],
      },
    ),
    z.refine((m) => m.status === 'cancelled' || m.cancellationReason === undefined, {
      error: 'only a cancelled meeting has a cancellation reason',
      path: ['cancellationReason'],
    }),
  );
export type Meeting = z.infer<typeof Meeting>;

/* ------------------------------------------------------------------ instruments and assessments */

const InstrumentVersion = z
  .string()
  .check(z.regex(/^[0-9A-Za-z.+-]{1,32}$/, { error: 'must be a version such as "1.0.0"' }));

export const ScaleOption = z.strictObject({
  value: z.number().check(z.int(), z.gte(0), z.lte(100)),
  label: LocalisedText,
  description: z.optional(LocalisedText),
});
export type ScaleOption = z.infer<typeof ScaleOption>;

export const ResponseScale = z.strictObject({
  options: z.array(ScaleOption).check(
    z.minLength(2),
    z.refine((o) => new Set(o.map((x) => x.value)).size === o.length, { error: 'must not repeat a value' }),
  ),
  /** Whether "not applicable" may be chosen. */
  notApplicable: z.boolean(),
});
export type ResponseScale = z.infer<typeof ResponseScale>;

export const InstrumentGroup = z.strictObject({
  id: Id,
  title: LocalisedText,
  description: z.optional(LocalisedText),
});
export type InstrumentGroup = z.infer<typeof InstrumentGroup>;

export const InstrumentItem = z.strictObject({
  id: Id,
  groupId: Id,
  title: LocalisedText,
  /** What the item means in practice (a paraphrase, or a service's licensed text). */
  text: z.optional(LocalisedText),
  required: z.boolean(),
});
export type InstrumentItem = z.infer<typeof InstrumentItem>;

export const Instrument = z.strictObject({
  id: Id,
  version: InstrumentVersion,
  title: LocalisedText,
  description: z.optional(LocalisedText),
  /** Where the instrument comes from and under what terms. */
  source: z.optional(LocalisedText),
  groups: z.array(InstrumentGroup).check(z.minLength(1)),
  items: z.array(InstrumentItem).check(z.minLength(1)),
  scale: ResponseScale,
});
export type Instrument = z.infer<typeof Instrument>;

export const Rating = z.strictObject({
  itemId: Id,
  /** A scale value, or "na" (not applicable) where the scale allows it; absent while unrated. */
  value: z.optional(z.union([z.number().check(z.int()), z.literal('na')])),
  comment: z.optional(LongText),
});
export type Rating = z.infer<typeof Rating>;

export const Rater = z.strictObject({
  name: ShortText,
  /** The rater, when they are a member of this network (e.g. a facilitator rating themselves). */
  memberId: z.optional(Id),
});
export type Rater = z.infer<typeof Rater>;

export const Assessment = z
  .strictObject({
    id: Id,
    instrumentId: Id,
    instrumentVersion: InstrumentVersion,
    meetingId: Id,
    rater: Rater,
    raterRole: z.enum(RATER_ROLES),
    evidence: z.enum(EVIDENCE_SOURCES),
    status: z.enum(ASSESSMENT_STATUSES),
    ratings: z.array(Rating),
    updatedAt: z.optional(IsoDateTime),
    completedAt: z.optional(IsoDateTime),
  })
  .check(
    z.refine((a) => (a.status === 'complete') === (a.completedAt !== undefined), {
      error: 'a complete assessment has a completedAt time, and a draft has none',
      path: ['completedAt'],
    }),
  );
export type Assessment = z.infer<typeof Assessment>;

/* ------------------------------------------------------------------ the case record */

export const CURRENT_SCHEMA_VERSION = 1;

export const CaseRecord = z.strictObject({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  id: Id,
  person: Person,
  members: z.array(NetworkMember),
  ties: z.array(Tie),
  episodes: z.array(Episode),
  meetings: z.array(Meeting),
  assessments: z.array(Assessment),
});
export type CaseRecord = z.infer<typeof CaseRecord>;

export type MemberKind = NetworkMember['kind'];
export type Sector = NetworkMember['sector'];
export type Ring = NetworkMember['ring'];
export type SupportType = NetworkMember['support'][number];
export type MemberStatus = NetworkMember['status'];
export type TieStrength = Tie['strength'];
export type TieQuality = Tie['quality'];
export type TieDirection = Tie['direction'];
export type MeetingStatus = Meeting['status'];
export type MeetingMode = Meeting['mode'];
export type AttendeeRole = Attendee['role'];
export type RaterRole = Assessment['raterRole'];
export type EvidenceSource = Assessment['evidence'];
