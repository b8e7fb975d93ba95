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

// Metrics cache per record (records are frozen), so every timed call gets a record
// no metric has seen: the cost after an edit, not a cache hit (warm-up 3 + 10 runs).
let edits = 0;
const freshRecords = () =>
  Array.from({ length: 13 }, () =>
    applyChange(record, { type: 'person/update', person: { ...record.person, pronouns: `edit ${edits++}` } }),
  );
const metric = (name: string, fn: (r: typeof record) => unknown) => {
  const records = freshRecords();
  let turn = 0;
  return measure(name, () => fn(records[turn++]!));
};

const results: BenchResult[] = [
  // The target is for parseCaseRecord: a record usually arrives as a value (IndexedDB's
  // structured clone, a host's object). Reading JSON text first adds JSON.parse's own time.
  measure('parseCaseRecord (parse + validate a value)', () => parseCaseRecord(plain)),
  measure('JSON.parse alone', () => JSON.parse(json), { targeted: false }),
  measure('JSON.parse + parseCaseRecord', () => parseCaseRecord(JSON.parse(json)), { targeted: false }),
  metric('serializeCaseRecord', serializeCaseRecord),
  measure('applyChange (member/add)', () => applyChange(record, addMember)),
  metric('timeToFirstMeeting', timeToFirstMeeting),
  metric('firstMeetingWithinTarget', firstMeetingWithinTarget),
  metric('meetingsPerWeekByPhase', meetingsPerWeekByPhase),
  metric('twoOrMorePractitioners', twoOrMorePractitioners),
  metric('withPeerWorker', withPeerWorker),
  metric('withNetworkMember', withNetworkMember),
  metric('meanNetworkMembersPresent', meanNetworkMembersPresent),
  metric('placeMix', placeMix),
  metric('continuity', continuity),
  metric('reflectingConversationRate', reflectingConversationRate),
  metric('summariseMeetings', summariseMeetings),
  metric('fidelityTrend (od-key-elements)', (r) => fidelityTrend(r, { instrumentId: 'od-key-elements' })),
];

report(results, TARGET_MS);
