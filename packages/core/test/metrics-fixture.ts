/**
 * A small hand-made case record for the metrics tests. Every expected value in
 * metrics.test.ts is worked out by hand from the table below, so keep the two in step.
 *
 * All instants are UTC (one is written with a +01:00 offset on purpose).
 *
 * Members
 *   f1, f2, f3  professional  facilitators
 *   pw          professional  peer support worker
 *   interp      professional  interpreter (attends with role "other")
 *   mum, friend person        family / friend
 *   gp          professional  attends as role "network" (not a non-professional member)
 *   charity     organisation  attends as role "network"
 *
 * Episode e1: first contact Mon 2026-03-02 09:00, finished 2026-03-30 09:00 (exactly 4 weeks).
 *   Early phase ends 2026-03-16 09:00 (first contact + 14 days).
 *   id   status     start              mode    present practitioners  present "network" role (kind)         reflecting
 *   m1   held       03-03 09:00 (+24h)  home    f1, pw                 mum (person), gp (professional)        yes
 *   m2   held       03-05 14:30         clinic  f1   (f2 absent)       gp (professional), charity (org)       no
 *   m3   held       03-10 18:00         remote  f2, f3 (pw absent)     mum, friend (persons)                  yes
 *   m6   cancelled  03-12 10:00         home    — (f1 invited)         —                                      no
 *   m4   held       03-16 09:00 (=14d)  home    f1, pw, f3 (+interp as "other")  mum (person)                 no
 *   m5   held       03-25 11:00         home    f3                     none (mum absent; friend as "other")   no
 *   m7   planned    03-27 10:00         home    —                      —                                      no
 *
 * Episode e2: first contact Mon 2026-03-09 22:00, active, no end.
 *   n1   held       03-10 22:30 (+24.5h, written 23:30+01:00) home   f2, pw   friend (person)               yes
 *   n2   held       03-12 16:00         other   f2                     mum (person), charity (org)            yes
 *   n3   planned    03-19 16:00         home    —                      —                                      no
 *
 * Episode e3: first contact Fri 2026-03-20 10:00, active, no held meeting.
 *   c1   cancelled  03-20 15:00–16:00   home    —
 *
 * Episode e4: first contact Mon 2026-02-02 09:00, finished 2026-02-03 21:00 (36 h), no meetings.
 *
 * Assessments (seven principles, scale 1–4; key elements, scale 0–2)
 *   sp-m3-self   m3  complete  seven principles
 *   sp-m1        m1  complete  seven principles
 *   ke-m3-draft  m3  draft     key elements
 *   sp-n1        n1  complete  seven principles
 *   sp-m3-sup    m3  complete  seven principles (second rater)
 *   sp-m4-draft  m4  draft     seven principles
 *   ke-m1        m1  complete  key elements
 *   sp-m3-empty  m3  draft     seven principles, nothing rated
 *   sp-m5-na     m5  draft     seven principles, everything "na"
 */

const member = (
  id: string,
  kind: 'person' | 'professional' | 'organisation',
  name: string,
  sector: string,
  text: string,
) => ({
  id,
  kind,
  name,
  relationship: { text },
  sector,
  ring: kind === 'person' ? 1 : 3,
  support: [],
  household: false,
  carer: false,
  status: 'active',
  hiddenFrom: [],
});

const at = (memberId: string, role: 'facilitator' | 'peer-worker' | 'network' | 'other', present: boolean) => ({
  memberId,
  role,
  present,
});

const SP = { instrumentId: 'od-seven-principles', instrumentVersion: '1.0.0' };
const KE = { instrumentId: 'od-key-elements', instrumentVersion: '1.0.0' };
const r = (itemId: string, value?: number | 'na') => (value === undefined ? { itemId } : { itemId, value });

/**
 * Raw JSON for the fixture; pass it through parseCaseRecord. Meetings and assessments are deliberately out of order.
 */
export const metricsFixtureJson = {
  schemaVersion: 1,
  id: 'case-metrics',
  person: { id: 'p1', name: 'A.B.' },
  members: [
    member('f1', 'professional', 'F. One', 'services', 'facilitator'),
    member('f2', 'professional', 'F. Two', 'services', 'facilitator'),
    member('f3', 'professional', 'F. Three', 'services', 'facilitator'),
    member('pw', 'professional', 'P. Worker', 'services', 'peer support worker'),
    member('interp', 'professional', 'I. Nterpreter', 'services', 'interpreter'),
    member('mum', 'person', 'Mum', 'family', 'mum'),
    member('friend', 'person', 'C.D.', 'friends', 'friend'),
    member('gp', 'professional', 'Dr G', 'services', 'GP'),
    member('charity', 'organisation', 'Mind', 'organisations', 'local Mind'),
  ],
  ties: [],
  episodes: [
    {
      id: 'e1',
      firstContact: '2026-03-02T09:00:00+00:00',
      end: '2026-03-30T09:00:00+00:00',
      status: 'finished',
      responsibleTeam: 'Team North',
    },
    { id: 'e2', firstContact: '2026-03-09T22:00:00+00:00', status: 'active', responsibleTeam: 'Team North' },
    { id: 'e3', firstContact: '2026-03-20T10:00:00+00:00', status: 'active', responsibleTeam: 'Team South' },
    {
      id: 'e4',
      firstContact: '2026-02-02T09:00:00+00:00',
      end: '2026-02-03T21:00:00+00:00',
      status: 'finished',
      responsibleTeam: 'Team South',
    },
  ],
  meetings: [
    {
      id: 'm3',
      episodeId: 'e1',
      status: 'held',
      start: '2026-03-10T18:00:00+00:00',
      end: '2026-03-10T19:30:00+00:00',
      mode: 'remote',
      personPresent: true,
      reflectingConversation: true,
      attendees: [
        at('f2', 'facilitator', true),
        at('f3', 'facilitator', true),
        at('mum', 'network', true),
        at('friend', 'network', true),
        at('pw', 'peer-worker', false),
      ],
    },
    {
      id: 'n2',
      episodeId: 'e2',
      status: 'held',
      start: '2026-03-12T16:00:00+00:00',
      end: '2026-03-12T17:00:00+00:00',
      mode: 'other',
      place: 'café',
      personPresent: true,
      reflectingConversation: true,
      attendees: [at('f2', 'facilitator', true), at('mum', 'network', true), at('charity', 'network', true)],
    },
    {
      id: 'm1',
      episodeId: 'e1',
      status: 'held',
      start: '2026-03-03T09:00:00+00:00',
      end: '2026-03-03T10:30:00+00:00',
      mode: 'home',
      personPresent: true,
      reflectingConversation: true,
      attendees: [
        at('f1', 'facilitator', true),
        at('pw', 'peer-worker', true),
        at('mum', 'network', true),
        at('gp', 'network', true),
        at('friend', 'network', false),
      ],
    },
    {
      id: 'm6',
      episodeId: 'e1',
      status: 'cancelled',
      start: '2026-03-12T10:00:00+00:00',
      mode: 'home',
      personPresent: false,
      reflectingConversation: false,
      cancellationReason: 'Network asked to move it',
      attendees: [at('f1', 'facilitator', false)],
    },
    {
      id: 'm5',
      episodeId: 'e1',
      status: 'held',
      start: '2026-03-25T11:00:00+00:00',
      mode: 'home',
      personPresent: true,
      reflectingConversation: false,
      attendees: [at('f3', 'facilitator', true), at('mum', 'network', false), at('friend', 'other', true)],
    },
    {
      id: 'n1',
      episodeId: 'e2',
      status: 'held',
      start: '2026-03-10T23:30:00+01:00',
      end: '2026-03-10T23:30:00+00:00',
      mode: 'home',
      personPresent: true,
      reflectingConversation: true,
      attendees: [at('f2', 'facilitator', true), at('pw', 'peer-worker', true), at('friend', 'network', true)],
    },
    {
      id: 'm2',
      episodeId: 'e1',
      status: 'held',
      start: '2026-03-05T14:30:00+00:00',
      mode: 'clinic',
      personPresent: true,
      reflectingConversation: false,
      attendees: [
        at('f1', 'facilitator', true),
        at('f2', 'facilitator', false),
        at('gp', 'network', true),
        at('charity', 'network', true),
      ],
    },
    {
      id: 'm7',
      episodeId: 'e1',
      status: 'planned',
      start: '2026-03-27T10:00:00+00:00',
      mode: 'home',
      personPresent: false,
      reflectingConversation: false,
      attendees: [at('f1', 'facilitator', false), at('mum', 'network', false)],
      nextMeeting: { kind: 'open' },
    },
    {
      id: 'n3',
      episodeId: 'e2',
      status: 'planned',
      start: '2026-03-19T16:00:00+00:00',
      mode: 'home',
      personPresent: false,
      reflectingConversation: false,
      attendees: [at('f2', 'facilitator', false)],
    },
    {
      id: 'm4',
      episodeId: 'e1',
      status: 'held',
      start: '2026-03-16T09:00:00+00:00',
      mode: 'home',
      personPresent: true,
      reflectingConversation: false,
      attendees: [
        at('f1', 'facilitator', true),
        at('pw', 'peer-worker', true),
        at('f3', 'facilitator', true),
        at('interp', 'other', true),
        at('mum', 'network', true),
      ],
      nextMeeting: { kind: 'date', at: '2026-03-25T11:00:00+00:00' },
    },
    {
      id: 'c1',
      episodeId: 'e3',
      status: 'cancelled',
      start: '2026-03-20T15:00:00+00:00',
      end: '2026-03-20T16:00:00+00:00',
      mode: 'home',
      personPresent: false,
      reflectingConversation: false,
      cancellationReason: 'Person unwell',
      attendees: [],
    },
  ],
  assessments: [
    {
      id: 'sp-m3-self',
      ...SP,
      meetingId: 'm3',
      rater: { name: 'F. Two', memberId: 'f2' },
      raterRole: 'self',
      evidence: 'live',
      status: 'complete',
      completedAt: '2026-03-10T20:00:00+00:00',
      ratings: [
        r('immediate-help', 'na'),
        r('social-network', 4),
        r('flexibility', 3),
        r('responsibility', 4),
        r('continuity', 2),
        r('uncertainty', 3),
        r('dialogism', 4),
      ],
    },
    {
      id: 'sp-m1',
      ...SP,
      meetingId: 'm1',
      rater: { name: 'F. One', memberId: 'f1' },
      raterRole: 'self',
      evidence: 'notes',
      status: 'complete',
      completedAt: '2026-03-03T12:00:00+00:00',
      ratings: [
        r('immediate-help', 4),
        r('social-network', 2),
        r('flexibility', 3),
        r('responsibility', 3),
        r('continuity', 'na'),
        r('uncertainty', 2),
        r('dialogism', 3),
      ],
    },
    {
      id: 'ke-m3-draft',
      ...KE,
      meetingId: 'm3',
      rater: { name: 'F. Three', memberId: 'f3' },
      raterRole: 'co-facilitator',
      evidence: 'live',
      status: 'draft',
      ratings: [
        r('two-practitioners', 2),
        r('network-participation', 1),
        { itemId: 'open-questions', comment: 'come back to this' },
      ],
    },
    {
      id: 'sp-n1',
      ...SP,
      meetingId: 'n1',
      rater: { name: 'F. Two', memberId: 'f2' },
      raterRole: 'self',
      evidence: 'live',
      status: 'complete',
      completedAt: '2026-03-11T09:00:00+00:00',
      ratings: [
        r('immediate-help', 1),
        r('social-network', 1),
        r('flexibility', 1),
        r('responsibility', 1),
        r('continuity', 1),
        r('uncertainty', 1),
        r('dialogism', 'na'),
      ],
    },
    {
      id: 'sp-m3-sup',
      ...SP,
      meetingId: 'm3',
      rater: { name: 'S. Upervisor' },
      raterRole: 'supervisor',
      evidence: 'audio',
      status: 'complete',
      completedAt: '2026-03-12T09:00:00+00:00',
      ratings: [
        r('immediate-help', 4),
        r('social-network', 4),
        r('flexibility', 4),
        r('responsibility', 3),
        r('continuity', 3),
        r('uncertainty', 2),
        r('dialogism', 2),
      ],
    },
    {
      id: 'sp-m4-draft',
      ...SP,
      meetingId: 'm4',
      rater: { name: 'P. Worker', memberId: 'pw' },
      raterRole: 'self',
      evidence: 'notes',
      status: 'draft',
      updatedAt: '2026-03-16T11:00:00+00:00',
      ratings: [r('immediate-help', 3), { itemId: 'social-network', comment: 'unsure' }, r('flexibility', 'na')],
    },
    {
      id: 'ke-m1',
      ...KE,
      meetingId: 'm1',
      rater: { name: 'I. Ndependent' },
      raterRole: 'independent',
      evidence: 'audio',
      status: 'complete',
      completedAt: '2026-03-20T09:00:00+00:00',
      ratings: [
        r('two-practitioners', 2),
        r('network-participation', 2),
        r('open-questions', 1),
        r('responding', 2),
        r('present-moment', 0),
        r('multiple-viewpoints', 'na'),
        r('relational-focus', 1),
        r('matter-of-fact', 2),
        r('own-words', 1),
        r('reflecting', 2),
        r('transparency', 'na'),
        r('tolerating-uncertainty', 0),
      ],
    },
    {
      id: 'sp-m3-empty',
      ...SP,
      meetingId: 'm3',
      rater: { name: 'F. Three', memberId: 'f3' },
      raterRole: 'co-facilitator',
      evidence: 'live',
      status: 'draft',
      ratings: [],
    },
    {
      id: 'sp-m5-na',
      ...SP,
      meetingId: 'm5',
      rater: { name: 'F. Three', memberId: 'f3' },
      raterRole: 'self',
      evidence: 'notes',
      status: 'draft',
      ratings: [
        'immediate-help',
        'social-network',
        'flexibility',
        'responsibility',
        'continuity',
        'uncertainty',
        'dialogism',
      ].map((id) => r(id, 'na')),
    },
  ],
};
