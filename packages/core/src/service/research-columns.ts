/**
 * The research export's tables, column by column: the data dictionary is this list, and the
 * writers emit each row's values in this order. Every column is a count, a flag, a code
 * from the kit's vocabularies, a pseudonym, a date or time (optionally shifted), the team,
 * or an instrument or item id: never a name, an NHS number, free text or a birth date.
 */
import { MEMBER_KINDS, RINGS, SECTORS } from '../model/schemas.js';
import type { DictionaryEntry, ResearchTable } from './types.js';

type Column = readonly [column: string, type: DictionaryEntry['type'], nullable: boolean, description: string];

const PSEUDONYM = 'an HMAC-SHA-256 pseudonym under the host’s key (32 hex digits)';

const composition = (when: 'first' | 'last'): Column[] => {
  const at = `at the ${when} held meeting (members in the network on its local date)`;
  return [
    [`network_size_${when}`, 'BIGINT', true, `Network members ${at}; empty without a held meeting.`],
    ...MEMBER_KINDS.map((k): Column => [`kind_${k}_${when}`, 'BIGINT', true, `Members of kind "${k}" ${at}.`]),
    ...SECTORS.map((s): Column => [
      `sector_${s.replace('-', '_')}_${when}`,
      'BIGINT',
      true,
      `Members in sector "${s}" ${at}.`,
    ]),
    ...RINGS.map((r): Column => [`ring_${r}_${when}`, 'BIGINT', true, `Members in ring ${r} ${at}.`]),
  ];
};

export const EPISODE_COLUMNS: readonly Column[] = [
  ['case_id', 'VARCHAR', false, `The case record, as ${PSEUDONYM}.`],
  ['episode_id', 'VARCHAR', false, `The episode, as ${PSEUDONYM}.`],
  [
    'episode_number',
    'BIGINT',
    false,
    'Order of the episode within its case by first contact (1 is the first exported).',
  ],
  ['team', 'VARCHAR', false, 'The responsible team (an organisational label, as the service names it).'],
  ['status', 'VARCHAR', false, 'Episode status: active, on-hold or finished.'],
  ['birth_year', 'BIGINT', true, 'The person’s year of birth (never the full date); empty when not recorded.'],
  [
    'age_band',
    'VARCHAR',
    true,
    'Age at first contact: 0-17, 18-24, 25-34, 35-44, 45-54, 55-64 or 65+; empty without a birth date.',
  ],
  ['first_contact', 'TIMESTAMPTZ', false, 'First contact (UTC; shifted when dates are shifted).'],
  [
    'first_contact_date',
    'DATE',
    false,
    'Local date of first contact in the service time zone (the period rule uses it).',
  ],
  ['first_contact_month', 'VARCHAR', false, 'Local month of first contact, YYYY-MM (the monthly cohort).'],
  ['episode_end', 'TIMESTAMPTZ', true, 'End of the episode (UTC); empty while it runs.'],
  ['held_meetings', 'BIGINT', false, 'Held meetings counted (up to "as of").'],
  ['planned_meetings', 'BIGINT', false, 'Meetings whose current status is planned.'],
  ['cancelled_meetings', 'BIGINT', false, 'Meetings whose current status is cancelled.'],
  ['first_meeting_start', 'TIMESTAMPTZ', true, 'Start of the first held meeting (UTC); empty when none has been held.'],
  [
    'hours_to_first_meeting',
    'DOUBLE',
    true,
    'Hours from first contact to the first held meeting; empty when none has been held.',
  ],
  [
    'first_meeting_within_24h',
    'BOOLEAN',
    true,
    'First meeting held within 24 hours of first contact; empty while still awaited and inside the 24 hours.',
  ],
  ['early_meetings', 'BIGINT', false, 'Held meetings starting in the first 14 days from first contact.'],
  [
    'early_phase_ms',
    'BIGINT',
    false,
    'Length of the first 14 days that had passed (by the end or "as of"), in milliseconds.',
  ],
  ['early_phase_complete', 'BOOLEAN', false, 'Whether all 14 days of the early phase had passed.'],
  ['later_meetings', 'BIGINT', false, 'Held meetings after the first 14 days.'],
  ['later_phase_ms', 'BIGINT', false, 'Time after the first 14 days up to the end or "as of", in milliseconds.'],
  [
    'continuity_numerator',
    'BIGINT',
    false,
    'Held meetings after the first attended by a practitioner present at the first.',
  ],
  ['continuity_denominator', 'BIGINT', false, 'Held meetings after the first.'],
  [
    'distinct_practitioners',
    'BIGINT',
    true,
    'Distinct practitioners present across held meetings; empty without a held meeting.',
  ],
  ...composition('first'),
  ...composition('last'),
];

export const MEETING_COLUMNS: readonly Column[] = [
  ['case_id', 'VARCHAR', false, `The case record, as ${PSEUDONYM}.`],
  ['episode_id', 'VARCHAR', false, `The episode, as ${PSEUDONYM}.`],
  ['meeting_id', 'VARCHAR', false, `The meeting, as ${PSEUDONYM}.`],
  ['status', 'VARCHAR', false, 'Current status: planned, held or cancelled.'],
  ['counted', 'BOOLEAN', false, 'Held and starting no later than "as of": the meetings every meeting measure counts.'],
  [
    'held_number',
    'BIGINT',
    true,
    'Order among the episode’s counted meetings (1 is the first held meeting); empty when not counted.',
  ],
  ['start', 'TIMESTAMPTZ', false, 'Start (UTC; shifted when dates are shifted).'],
  ['start_date', 'DATE', false, 'Local date of the start in the service time zone.'],
  ['start_month', 'VARCHAR', false, 'Local month of the start, YYYY-MM.'],
  ['hours_from_first_contact', 'DOUBLE', false, 'Hours from the episode’s first contact to the start.'],
  ['early_phase', 'BOOLEAN', false, 'Starts in the first 14 days from first contact.'],
  ['duration_minutes', 'DOUBLE', true, 'Minutes from start to end; empty when no end is recorded.'],
  ['mode', 'VARCHAR', false, 'home, clinic, remote or other.'],
  ['person_present', 'BOOLEAN', false, 'The person attended.'],
  ['practitioners_present', 'BIGINT', false, 'Attendees present in a practitioner role (facilitator or peer worker).'],
  ['two_or_more_practitioners', 'BOOLEAN', false, 'practitioners_present is 2 or more.'],
  ['peer_worker_present', 'BOOLEAN', false, 'A peer support worker was present.'],
  ['network_members_present', 'BIGINT', false, 'Attendees present in the network role.'],
  [
    'network_person_present',
    'BOOLEAN',
    false,
    'A network member of kind "person" (not a professional or organisation) was present.',
  ],
  ['reflecting_conversation', 'BOOLEAN', false, 'The meeting had a reflecting conversation.'],
  [
    'first_meeting_practitioner_present',
    'BOOLEAN',
    true,
    'A practitioner present at the episode’s first held meeting was present (continuity); empty for the first held meeting and meetings not counted.',
  ],
];

export const ASSESSMENT_ITEM_COLUMNS: readonly Column[] = [
  ['case_id', 'VARCHAR', false, `The case record, as ${PSEUDONYM}.`],
  ['episode_id', 'VARCHAR', false, `The episode, as ${PSEUDONYM}.`],
  ['meeting_id', 'VARCHAR', false, `The assessed meeting, as ${PSEUDONYM}.`],
  ['assessment_id', 'VARCHAR', false, `The assessment, as ${PSEUDONYM}.`],
  ['instrument_id', 'VARCHAR', false, 'The instrument’s id, e.g. od-seven-principles.'],
  ['instrument_version', 'VARCHAR', false, 'The instrument’s version.'],
  ['status', 'VARCHAR', false, 'draft or complete.'],
  ['rater_role', 'VARCHAR', false, 'self, co-facilitator, supervisor or independent (never the rater’s name).'],
  ['evidence', 'VARCHAR', false, 'live, audio, video or notes.'],
  ['meeting_month', 'VARCHAR', false, 'Local month of the assessed meeting’s start, YYYY-MM.'],
  ['counted', 'BOOLEAN', false, 'Complete, and its meeting is counted: the rows the fidelity scores use.'],
  ['item_id', 'VARCHAR', false, 'The instrument item.'],
  ['item_group_id', 'VARCHAR', false, 'The item’s group within the instrument.'],
  ['value', 'BIGINT', true, 'The scale value given; empty when not applicable or unrated.'],
  ['not_applicable', 'BOOLEAN', false, 'Rated "not applicable".'],
  ['scale_min', 'BIGINT', false, 'The instrument scale’s lowest value.'],
  ['scale_max', 'BIGINT', false, 'The instrument scale’s highest value.'],
];

export const TABLE_COLUMNS: Readonly<Record<ResearchTable, readonly Column[]>> = {
  episodes: EPISODE_COLUMNS,
  meetings: MEETING_COLUMNS,
  assessment_items: ASSESSMENT_ITEM_COLUMNS,
};

/** The data dictionary: every column of every table, in file order. */
export const RESEARCH_DICTIONARY: readonly DictionaryEntry[] = Object.freeze(
  (Object.entries(TABLE_COLUMNS) as [ResearchTable, readonly Column[]][]).flatMap(([table, columns]) =>
    columns.map(([column, type, nullable, description]) =>
      Object.freeze({ table, column, type, nullable, description }),
    ),
  ),
);
