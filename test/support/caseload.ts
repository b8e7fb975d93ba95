/**
 * A deterministic, seeded caseload: many valid case records as an Open Dialogue service
 * holds them, for the service measures, sources, exports and their benchmarks. The same
 * options always give deep-equal records, one at a time (a generator: 10,000 cases never
 * sit in memory unless the caller keeps them).
 *
 * Shape (what the issue calls realistic): one to three episodes a case, about 15 meetings an
 * episode (first one mostly within 24 hours of first contact, every 1–3 days in the first two
 * weeks, then every 3–10 days), a few cancelled and one planned, some fidelity assessments
 * (two in five episodes), networks that often grow between the first and last meeting.
 * Practitioners are the service's: the same member id, name and team in every case they
 * work on, so measures grouped by practitioner or team have something to group.
 *
 * Only types come from @odkit/core, so this runs anywhere (browser tests, workers, node
 * benchmarks) without the SDK; records are plain (not frozen or parsed).
 */
import type { Assessment, Attendee, CaseRecord, Episode, Meeting, NetworkMember, Sector } from '@odkit/core';
import {
  FIRST_NAMES,
  KEY_ELEMENT_ITEMS,
  MODES,
  PRINCIPLE_ITEMS,
  SURNAMES,
  mulberry32,
  testNhsNumber,
} from '../fixtures/generate-case.js';

export interface CaseloadOptions {
  /** How many cases (default 1,000). */
  cases?: number;
  /** PRNG seed (default 1): the same seed gives the same caseload. */
  seed?: number;
  /** First contacts are spread from here (ISO date, default 2024-01-01) over `months` months. */
  from?: string;
  /** Months over which first contacts are spread (default 24). */
  months?: number;
  /**
   * Unique marker text in every name, NHS number and note (`NAME-<case>-<n>`, `NOTE-…`), so a
   * test can prove an export leaks none of them. Default false: realistic names.
   */
  markers?: boolean;
  /** Episodes a case, picked evenly between the two (default [1, 3], one more often than three). */
  episodes?: readonly [number, number];
  /** Meetings an episode, picked evenly between the two (default [10, 20]). */
  meetingsPerEpisode?: readonly [number, number];
}

/** The service's teams and their practitioners (stable ids across cases). */
export const CASELOAD_TEAMS = [
  { name: 'Northbrook Open Dialogue Team', practitioners: 6 },
  { name: 'Riverside Open Dialogue Team', practitioners: 5 },
  { name: 'Eastfield Crisis and Open Dialogue Service', practitioners: 4 },
] as const;

const NETWORK: readonly { sector: Sector; code?: string; text: string }[] = [
  { sector: 'household', code: 'MTH', text: 'Mother' },
  { sector: 'household', code: 'FTH', text: 'Father' },
  { sector: 'household', code: 'SIS', text: 'Sister' },
  { sector: 'family', code: 'GRMTH', text: 'Grandmother' },
  { sector: 'family', code: 'AUNT', text: 'Aunt' },
  { sector: 'friends', code: 'FRND', text: 'Friend' },
  { sector: 'friends', code: 'FRND', text: 'Friend' },
  { sector: 'neighbours', code: 'NBOR', text: 'Neighbour' },
  { sector: 'work-school', text: 'Tutor' },
  { sector: 'services', text: 'GP' },
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
/** `YYYY-MM-DDThh:mm:ss+00:00` for a whole-second UTC time (Date#toISOString is the generator's slowest step). */
function iso(time: number): string {
  const days = Math.floor(time / DAY);
  const ms = time - days * DAY;
  // Civil date from a day count (Howard Hinnant's algorithm).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const seconds = Math.floor(ms / 1000);
  return `${year}-${pad(month)}-${pad(day)}T${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}+00:00`;
}

interface Practitioner {
  readonly id: string;
  readonly name: string;
  readonly team: string;
  readonly peer: boolean;
}

/** Every practitioner of the service, by team (the last of each team is a peer worker). */
export const caseloadPractitioners: readonly Practitioner[] = CASELOAD_TEAMS.flatMap((team, t) =>
  Array.from({ length: team.practitioners }, (_, i) => ({
    id: `pr-${t + 1}-${i + 1}`,
    name: `${FIRST_NAMES[(t * 5 + i) % FIRST_NAMES.length]} ${SURNAMES[(t * 3 + i * 2) % SURNAMES.length]}`,
    team: team.name,
    peer: i === team.practitioners - 1,
  })),
);

/** The caseload, one case at a time. */
export function* caseload(options: CaseloadOptions = {}): Generator<CaseRecord> {
  const count = options.cases ?? 1000;
  const seed = options.seed ?? 1;
  const from = Date.parse(`${options.from ?? '2024-01-01'}T00:00:00Z`);
  const spread = (options.months ?? 24) * 30 * DAY;
  const shape: Shape = {
    markers: options.markers ?? false,
    episodes: options.episodes,
    meetings: options.meetingsPerEpisode ?? [10, 20],
  };
  for (let n = 0; n < count; n++) yield generateServiceCase(n, seed, from, spread, shape);
}

/** The whole caseload as an array (for tests that need it more than once). */
export function caseloadArray(options: CaseloadOptions = {}): CaseRecord[] {
  return [...caseload(options)];
}

interface Shape {
  readonly markers: boolean;
  readonly episodes: readonly [number, number] | undefined;
  readonly meetings: readonly [number, number];
}

function generateServiceCase(n: number, seed: number, from: number, spread: number, shape: Shape): CaseRecord {
  const markers = shape.markers;
  const random = mulberry32((seed * 0x9e3779b1 + n * 0x85ebca6b) >>> 0);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const chance = (p: number) => random() < p;
  let names = 0;
  const name = () => (markers ? `NAME-${seed}-${n}-${++names}` : `${pick(FIRST_NAMES)} ${pick(SURNAMES)}`);
  let notes = 0;
  const note = (what: string) => (markers ? `NOTE-${seed}-${n}-${++notes}` : `${what}.`);

  const teamIndex = n % CASELOAD_TEAMS.length;
  const team = CASELOAD_TEAMS[teamIndex]!.name;
  const staff = caseloadPractitioners.filter((p) => p.team === team);
  const facilitators = staff.filter((p) => !p.peer);
  const peer = staff.find((p) => p.peer)!;

  /* members: the network the person names, then the practitioners who work with them */
  const members: NetworkMember[] = [];
  const networkSize = int(2, 8);
  for (let i = 0; i < networkSize; i++) {
    const role = pick(NETWORK);
    const kind = role.sector === 'services' ? 'professional' : 'person';
    const member: NetworkMember = {
      id: `m-${i + 1}`,
      kind,
      name: name(),
      relationship: role.code ? { code: role.code, text: role.text } : { text: role.text },
      sector: role.sector,
      ring: role.sector === 'household' ? 1 : pick([1, 2, 3] as const),
      support: (['emotional', 'practical', 'information'] as const).filter(() => chance(0.5)),
      household: role.sector === 'household',
      carer: role.sector === 'household' && chance(0.3),
      status: 'active',
      hiddenFrom: [],
    };
    if (kind === 'professional') member.organisation = 'Millbrook Surgery';
    if (chance(0.1) || markers) member.notes = note(`About member ${i + 1}`);
    members.push(member);
  }
  const lead = [pick(facilitators), pick(facilitators)].filter((p, i, all) => all.indexOf(p) === i);
  const cover = pick(facilitators);
  for (const p of new Set([...lead, cover, peer])) {
    members.push({
      id: p.id,
      kind: 'professional',
      name: markers ? name() : p.name,
      relationship: { text: p.peer ? 'Peer support worker' : 'Open Dialogue practitioner' },
      sector: 'services',
      ring: 2,
      support: ['emotional', 'information'],
      household: false,
      carer: false,
      status: 'active',
      organisation: team,
      hiddenFrom: [],
    });
  }
  const network = members.filter((m) => !m.id.startsWith('pr-')).map((m) => m.id);

  /* episodes and meetings */
  const episodes: Episode[] = [];
  const meetings: Meeting[] = [];
  const assessments: Assessment[] = [];
  const episodeCount = shape.episodes ? int(shape.episodes[0], shape.episodes[1]) : pick([1, 1, 1, 2, 2, 3]);
  let clock = from + Math.floor(random() * spread);
  for (let e = 0; e < episodeCount; e++) {
    const last = e === episodeCount - 1;
    const firstContact = clock + int(0, 10) * HOUR;
    const episode: Episode = {
      id: `ep-${e + 1}`,
      firstContact: iso(firstContact),
      status: last ? pick(['active', 'finished', 'finished'] as const) : 'finished',
      responsibleTeam: team,
    };
    if (chance(0.7)) episode.referralSource = pick(['GP', 'Self-referral', 'Family', 'A&E liaison', 'Crisis line']);
    episodes.push(episode);
    // Attending network members: a few at first, often more later (networks grow).
    let present = network.slice(0, Math.min(network.length, int(1, 3)));
    const meetingCount = int(shape.meetings[0], shape.meetings[1]);
    let time = firstContact + (chance(0.8) ? int(2, 23) : int(25, 96)) * HOUR;
    for (let k = 0; k < meetingCount; k++) {
      const planned = last && episode.status === 'active' && k === meetingCount - 1;
      const status: Meeting['status'] = planned ? 'planned' : k > 0 && chance(0.05) ? 'cancelled' : 'held';
      const held = status === 'held';
      if (chance(0.15) && present.length < network.length) present = network.slice(0, present.length + 1);
      const attendees: Attendee[] = [];
      for (const p of chance(0.9) ? lead : [lead[0]!, cover]) {
        if (!attendees.some((a) => a.memberId === p.id))
          attendees.push({ memberId: p.id, role: 'facilitator', present: held && chance(0.95) });
      }
      if (chance(0.6)) attendees.push({ memberId: peer.id, role: 'peer-worker', present: held && chance(0.9) });
      for (const id of present) attendees.push({ memberId: id, role: 'network', present: held && chance(0.85) });
      const meeting: Meeting = {
        id: `mt-${meetings.length + 1}`,
        episodeId: episode.id,
        status,
        start: iso(time),
        end: iso(time + int(45, 90) * 60_000),
        mode: pick(MODES),
        personPresent: held && chance(0.95),
        attendees,
        reflectingConversation: held && chance(0.85),
      };
      if (status === 'cancelled')
        meeting.cancellationReason = pick(['Asked to rearrange', 'Illness', 'Travel problems']);
      const gap = (time - firstContact < 14 * DAY ? int(1, 3) : int(3, 10)) * DAY + int(-3, 3) * HOUR;
      if (held) meeting.nextMeeting = chance(0.05) ? { kind: 'open' } : { kind: 'date', at: iso(time + gap) };
      if (markers || chance(0.1)) meeting.notes = note(`Notes for meeting ${meetings.length + 1}`);
      meetings.push(meeting);
      time += gap;
    }
    if (episode.status === 'finished') episode.end = iso(time);
    // Fidelity: two in five episodes rated, at a held meeting early and one late.
    if (chance(0.4)) {
      const ofEpisode = meetings.filter((m) => m.episodeId === episode.id && m.status === 'held');
      for (const meeting of [ofEpisode[1], ofEpisode[ofEpisode.length - 2]]) {
        if (!meeting || assessments.some((a) => a.meetingId === meeting.id)) continue;
        const keyElements = chance(0.7);
        const items = keyElements ? KEY_ELEMENT_ITEMS : PRINCIPLE_ITEMS;
        const values = keyElements ? [0, 1, 2] : [1, 2, 3, 4];
        const at = iso(Date.parse(meeting.end!) + int(1, 72) * HOUR);
        const self = chance(0.5);
        const assessment: Assessment = {
          id: `as-${assessments.length + 1}`,
          instrumentId: keyElements ? 'od-key-elements' : 'od-seven-principles',
          instrumentVersion: '1.0.0',
          meetingId: meeting.id,
          rater: self
            ? { name: markers ? name() : staff.find((p) => p.id === lead[0]!.id)!.name, memberId: lead[0]!.id }
            : { name: name() },
          raterRole: self ? 'self' : pick(['supervisor', 'independent'] as const),
          evidence: self ? 'live' : pick(['audio', 'video', 'notes'] as const),
          status: 'complete',
          ratings: items.map((itemId) =>
            chance(0.05) ? { itemId, value: 'na' as const } : { itemId, value: pick(values) },
          ),
          updatedAt: at,
          completedAt: at,
        };
        if (markers) assessment.ratings[0] = { ...assessment.ratings[0]!, comment: note('comment') };
        assessments.push(assessment);
      }
    }
    clock = time + int(30, 180) * DAY;
  }

  const birthYear = 1950 + int(0, 55);
  return {
    schemaVersion: 1,
    id: `case-${seed}-${n}`,
    person: {
      id: `person-${seed}-${n}`,
      name: name(),
      nhsNumber: testNhsNumber(n),
      birthDate: `${birthYear}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`,
      preferredLanguage: chance(0.1) ? 'cy' : 'en-GB',
    },
    members,
    ties: members
      .filter((m) => !m.id.startsWith('pr-'))
      .map((m, i) => ({
        id: `t-${i + 1}`,
        from: `person-${seed}-${n}`,
        to: m.id,
        strength: pick(['strong', 'moderate', 'tenuous'] as const),
        quality: pick(['supportive', 'supportive', 'neutral', 'stressful'] as const),
        direction: 'both' as const,
      })),
    episodes,
    meetings,
    assessments,
  };
}
