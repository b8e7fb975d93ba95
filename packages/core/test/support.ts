/**
 * Small, readable builders for valid records, and helpers for asserting on the
 * SDK's typed errors. Every builder returns a fresh, mutable object so a test can
 * break exactly one thing.
 */
import { expect } from '@open-wc/testing';
import type { Assessment, CaseRecord, Episode, Instrument, Meeting, NetworkMember, Person, Tie } from '@odkit/core';

export const CASE_ID = 'case-1';
export const PERSON_ID = 'p1';

export function person(overrides: Partial<Person> = {}): Person {
  return { id: PERSON_ID, name: 'A. M.', ...overrides };
}

/** The smallest valid record: a person and nothing else. */
export function minimalRecord(overrides: Partial<CaseRecord> = {}): CaseRecord {
  return {
    schemaVersion: 1,
    id: CASE_ID,
    person: person(),
    members: [],
    ties: [],
    episodes: [],
    meetings: [],
    assessments: [],
    ...overrides,
  };
}

/** A family member (not a professional). */
export function member(id: string, overrides: Partial<NetworkMember> = {}): NetworkMember {
  return {
    id,
    kind: 'person',
    name: `Member ${id}`,
    relationship: { code: 'MTH', text: 'mum' },
    sector: 'family',
    ring: 1,
    support: ['emotional'],
    household: true,
    carer: false,
    status: 'active',
    hiddenFrom: [],
    ...overrides,
  };
}

/** A professional, who may attend as facilitator or peer worker. */
export function professional(id: string, overrides: Partial<NetworkMember> = {}): NetworkMember {
  return member(id, {
    kind: 'professional',
    name: `Practitioner ${id}`,
    relationship: { text: 'crisis team' },
    sector: 'services',
    ring: 2,
    support: [],
    household: false,
    organisation: 'Crisis team',
    ...overrides,
  });
}

export function tie(id: string, from: string, to: string, overrides: Partial<Tie> = {}): Tie {
  return { id, from, to, strength: 'strong', quality: 'supportive', direction: 'both', ...overrides };
}

export function episode(id: string, overrides: Partial<Episode> = {}): Episode {
  return {
    id,
    firstContact: '2026-03-02T09:00:00+00:00',
    status: 'active',
    responsibleTeam: 'Crisis team',
    ...overrides,
  };
}

/** A held meeting in episode `e1` with nobody listed. */
export function meeting(id: string, overrides: Partial<Meeting> = {}): Meeting {
  return {
    id,
    episodeId: 'e1',
    status: 'held',
    start: '2026-03-02T15:00:00+00:00',
    mode: 'home',
    personPresent: true,
    attendees: [],
    reflectingConversation: true,
    ...overrides,
  };
}

/** A draft seven-principles assessment of meeting `mt1` with no ratings. */
export function assessment(id: string, overrides: Partial<Assessment> = {}): Assessment {
  return {
    id,
    instrumentId: 'od-seven-principles',
    instrumentVersion: '1.0.0',
    meetingId: 'mt1',
    rater: { name: 'Dr Rhys' },
    raterRole: 'self',
    evidence: 'live',
    status: 'draft',
    ratings: [],
    ...overrides,
  };
}

/** One rating per item of `instrument`, all with `value`. */
export function allRatings(instrument: Instrument, value: number | 'na'): Assessment['ratings'] {
  return instrument.items.map((item) => ({ itemId: item.id, value }));
}

/**
 * A small but complete case: mum, friend and neighbour; three professionals;
 * ties (neighbour has two, so removing them cascades); episode e1; a held
 * meeting mt1 and a planned meeting mt2; a draft assessment a1 of mt1 with one rating.
 */
export function exampleRecord(): CaseRecord {
  return minimalRecord({
    person: person({ name: 'Alex Morgan', nhsNumber: '9434765919', birthDate: '1999-05-14', preferredLanguage: 'cy' }),
    members: [
      member('mum', { carer: true }),
      member('friend', { relationship: { code: 'FRND' }, sector: 'friends', ring: 2, household: false }),
      member('nbr', {
        relationship: { code: 'NBOR' },
        sector: 'neighbours',
        ring: 3,
        household: false,
        support: ['practical'],
      }),
      professional('dr'),
      professional('nurse'),
      professional('peer', { relationship: { text: 'peer support worker' } }),
    ],
    ties: [
      tie('t1', PERSON_ID, 'mum'),
      tie('t2', PERSON_ID, 'friend', { strength: 'moderate' }),
      tie('t3', 'mum', 'friend', { strength: 'tenuous', quality: 'stressful', direction: 'none' }),
      tie('t4', PERSON_ID, 'nbr', { strength: 'tenuous', quality: 'neutral', direction: 'to' }),
      tie('t5', 'nbr', 'mum', { quality: 'conflictual', direction: 'from' }),
    ],
    episodes: [episode('e1')],
    meetings: [
      meeting('mt1', {
        end: '2026-03-02T16:30:00+00:00',
        attendees: [
          { memberId: 'dr', role: 'facilitator', present: true },
          { memberId: 'nurse', role: 'facilitator', present: true },
          { memberId: 'peer', role: 'peer-worker', present: true },
          { memberId: 'mum', role: 'network', present: true },
          { memberId: 'friend', role: 'network', present: false },
        ],
        nextMeeting: { kind: 'date', at: '2026-03-04T15:00:00+00:00' },
      }),
      meeting('mt2', {
        status: 'planned',
        start: '2026-03-04T15:00:00+00:00',
        personPresent: false,
        reflectingConversation: false,
        attendees: [
          { memberId: 'dr', role: 'facilitator', present: false },
          { memberId: 'mum', role: 'network', present: false },
        ],
      }),
    ],
    assessments: [
      assessment('a1', {
        rater: { name: 'Dr Rhys', memberId: 'dr' },
        ratings: [{ itemId: 'immediate-help', value: 4 }],
      }),
    ],
  });
}

/** Runs `fn` and returns what it threw; fails the test if it returned normally. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  expect.fail('expected the call to throw');
}

/** Awaits `promise` and returns its rejection reason; fails the test if it resolved. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  expect.fail('expected the promise to reject');
}

/** Asserts `error` is an instance of `type` and narrows it. */
export function expectInstance<T>(error: unknown, type: abstract new (...args: never[]) => T): T {
  expect(error, String(error)).to.be.instanceOf(type);
  return error as T;
}

/** A deep, mutable copy (records returned by the SDK are frozen). */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
