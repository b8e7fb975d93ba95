/**
 * Core SDK benchmarks in node: parsing and validating, serialising, applying a
 * change, and every meeting and fidelity metric, on a large generated case.
 * Run with `npm run bench` (test/bench/run.mjs bundles and runs this file).
 */
import {
  applyChange,
  continuity,
  fidelityTrend,
  firstMeetingWithinTarget,
  meanNetworkMembersPresent,
  meetingsPerWeekByPhase,
  parseCaseRecord,
  placeMix,
  reflectingConversationRate,
  serializeCaseRecord,
  summariseMeetings,
  timeToFirstMeeting,
  twoOrMorePractitioners,
  withNetworkMember,
  withPeerWorker,
  type Change,
} from '@odkit/core';
import { generateCase } from '../fixtures/generate-case.js';
import { measure, report, type BenchResult } from './harness.js';

const TARGET_MS = 50;
const size = { members: 1000, meetings: 2000, assessments: 200, seed: 1 };

const generated = generateCase(size);
const json = JSON.stringify(generated);
const plain: unknown = JSON.parse(json);
const record = parseCaseRecord(plain);

console.log(
  `Input: ${record.members.length} members, ${record.ties.length} ties, ${record.episodes.length} episodes, ` +
    `${record.meetings.length} meetings, ${record.assessments.length} assessments ` +
    `(${(json.length / 1e6).toFixed(2)} MB of JSON, seed ${size.seed})\n`,
);

const addMember: Change = {
  type: 'member/add',
  member: {
    id: 'bench-new-member',
    kind: 'person',
    name: 'New Member',
    relationship: { code: 'FRND', text: 'Friend' },
    sector: 'friends',
    ring: 2,
    support: ['emotional'],
    household: false,
    carer: false,
    status: 'active',
    hiddenFrom: [],
  },
};

const results: BenchResult[] = [
  measure('JSON.parse + parseCaseRecord', () => parseCaseRecord(JSON.parse(json))),
  measure('parseCaseRecord (validate only)', () => parseCaseRecord(plain)),
  measure('serializeCaseRecord', () => serializeCaseRecord(record)),
  measure('applyChange (member/add)', () => applyChange(record, addMember)),
  measure('timeToFirstMeeting', () => timeToFirstMeeting(record)),
  measure('firstMeetingWithinTarget', () => firstMeetingWithinTarget(record)),
  measure('meetingsPerWeekByPhase', () => meetingsPerWeekByPhase(record)),
  measure('twoOrMorePractitioners', () => twoOrMorePractitioners(record)),
  measure('withPeerWorker', () => withPeerWorker(record)),
  measure('withNetworkMember', () => withNetworkMember(record)),
  measure('meanNetworkMembersPresent', () => meanNetworkMembersPresent(record)),
  measure('placeMix', () => placeMix(record)),
  measure('continuity', () => continuity(record)),
  measure('reflectingConversationRate', () => reflectingConversationRate(record)),
  measure('summariseMeetings', () => summariseMeetings(record)),
  measure('fidelityTrend (od-key-elements)', () => fidelityTrend(record, { instrumentId: 'od-key-elements' })),
];

report(results, TARGET_MS);
