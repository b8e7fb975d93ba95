/**
 * The research export against an engine built for it: 2,000 generated cases exported as CSV
 * and as NDJSON, loaded into DuckDB unchanged, and the headline measures computed by the SQL
 * in docs/metrics.md (read from the page itself, so the documented queries are the tested
 * ones) must equal summariseService's to the last digit.
 */
import { expect, test } from '@playwright/test';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportResearch, summariseService, type ServiceSummary } from '../../packages/core/src/service/index.js';
import { generateCaseload } from '../fixtures/generate-caseload.js';

const CASES = 2_000;
const AS_OF = '2026-09-01T00:00:00+01:00';
const KEY = new TextEncoder().encode('duckdb cross-check key, 32 bytes');

/** Every ```sql block of docs/metrics.md whose first line is `-- query: <name>`. */
function documentedQueries(): Map<string, string> {
  const text = readFileSync(new URL('../../docs/metrics.md', import.meta.url), 'utf8');
  const queries = new Map<string, string>();
  for (const [, name, sql] of text.matchAll(/```sql\n-- query: ([\w-]+)\n([\s\S]*?)```/g)) queries.set(name!, sql!);
  return queries;
}

const plain = (value: unknown): unknown => (typeof value === 'bigint' ? Number(value) : value);

async function rows(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
}

let summary: ServiceSummary;
let records: unknown[];
const queries = documentedQueries();

test.beforeAll(async () => {
  // JSON as a host or a FHIR source would hand it over; one invalid record among them.
  records = [...generateCaseload({ cases: CASES, seed: 19 })].map((r) => JSON.parse(JSON.stringify(r)));
  records.splice(1234, 0, { schemaVersion: 1, id: 'broken' });
  summary = await summariseService(records, { asOf: AS_OF, groupBy: 'team' });
  expect(summary.records).toEqual({ read: CASES + 1, valid: CASES, skipped: 1 });
  expect(summary.skipped[0]?.position).toBe(1234);
});

for (const format of ['csv', 'ndjson'] as const) {
  test(`the ${format} export loads into DuckDB unchanged and the documented SQL gives summariseService's figures`, async () => {
    const out = await exportResearch(records, { key: KEY, format, asOf: AS_OF });
    expect(out.records).toEqual(summary.records);
    const dir = mkdtempSync(join(tmpdir(), 'odkit-duckdb-'));
    try {
      for (const table of ['episodes', 'meetings', 'assessment_items'] as const)
        writeFileSync(join(dir, out.fileNames[table]), out.tables[table]);
      const instance = await DuckDBInstance.create(':memory:');
      const db = await instance.connect();
      await db.run(`SET file_search_path = '${dir.replaceAll("'", "''")}'`);
      await db.run(queries.get(`load-${format}`)!);
      const o = summary.overall;

      const [e] = await rows(db, queries.get('episodes')!);
      expect(e).toEqual({
        episodes: o.episodes,
        cases: o.cases,
        awaiting_first_meeting: o.awaitingFirstMeeting,
        within_target_numerator: o.firstMeetingWithinTarget.numerator,
        within_target_denominator: o.firstMeetingWithinTarget.denominator,
        within_target_rate: o.firstMeetingWithinTarget.rate,
        hours_n: o.hoursToFirstMeeting.n,
        hours_min: o.hoursToFirstMeeting.min,
        hours_q1: o.hoursToFirstMeeting.q1,
        hours_median: o.hoursToFirstMeeting.median,
        hours_q3: o.hoursToFirstMeeting.q3,
        hours_max: o.hoursToFirstMeeting.max,
        early_meetings: o.meetingsPerWeek.early.meetings,
        early_per_week: o.meetingsPerWeek.early.perWeek,
        later_meetings: o.meetingsPerWeek.later.meetings,
        later_per_week: o.meetingsPerWeek.later.perWeek,
        early_meetings_median: o.earlyMeetingsPerEpisode.median,
        continuity_numerator: o.continuity.numerator,
        continuity_denominator: o.continuity.denominator,
        distinct_practitioners_median: o.distinctPractitioners.median,
      });
      // Not a vacuous match: the caseload has every kind of episode.
      expect(o.firstMeetingWithinTarget.numerator).toBeGreaterThan(100);
      expect(o.firstMeetingWithinTarget.denominator).toBeGreaterThan(o.firstMeetingWithinTarget.numerator);
      expect(o.awaitingFirstMeeting).toBeGreaterThan(0);

      const byTeam = await rows(db, queries.get('episodes-by-team')!);
      expect(byTeam).toEqual(
        summary.groups.map((g) => ({
          team: g.key,
          episodes: g.measures.episodes,
          within_target_numerator: g.measures.firstMeetingWithinTarget.numerator,
          within_target_denominator: g.measures.firstMeetingWithinTarget.denominator,
          hours_median: g.measures.hoursToFirstMeeting.median,
        })),
      );
      expect(byTeam.length).toBe(3);

      const [m] = await rows(db, queries.get('meetings')!);
      expect(m).toEqual({
        held: o.meetings.held,
        planned: o.meetings.planned,
        cancelled: o.meetings.cancelled,
        two_or_more_practitioners: o.twoOrMorePractitioners.numerator,
        with_peer_worker: o.withPeerWorker.numerator,
        with_network_member: o.withNetworkMember.numerator,
        person_present: o.personPresent.numerator,
        reflecting_conversation: o.reflectingConversation.numerator,
        network_members_present: o.networkMembersPresent.total,
        home: o.placeMix.home.numerator,
        continuity_numerator: o.continuity.numerator,
        continuity_denominator: o.continuity.denominator,
        two_or_more_rate: o.twoOrMorePractitioners.rate,
      });

      const [n] = await rows(db, queries.get('network')!);
      expect(n).toEqual({
        episodes: o.network.episodes,
        size_at_first_median: o.network.sizeAtFirst.median,
        size_at_last_median: o.network.sizeAtLast.median,
        change_q1: o.network.change.q1,
        grew: o.network.grew.numerator,
        shrank: o.network.shrank.numerator,
        size_at_first_total: o.network.atFirst.size.total,
        person_at_last_total: o.network.atLast.byKind.person.total,
      });

      const fidelity = await rows(db, queries.get('fidelity-by-month')!);
      const expected = o.fidelity.flatMap((f) =>
        f.byMonth.map((month) => ({
          instrument_id: f.instrumentId,
          meeting_month: month.month,
          assessments: month.assessments,
          rated_items: month.ratedItems,
          points: month.score.numerator,
          possible: month.score.denominator,
          score: month.score.rate,
        })),
      );
      expect(fidelity).toEqual(expected);
      expect(expected.length).toBeGreaterThan(20);
      db.closeSync();
      instance.closeSync();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('every column of the data dictionary is documented in docs/metrics.md', async () => {
  const { RESEARCH_DICTIONARY } = await import('../../packages/core/src/service/index.js');
  const docs = readFileSync(new URL('../../docs/metrics.md', import.meta.url), 'utf8');
  // A row of the dictionary table, however its columns are padded (Prettier aligns them).
  const rows = new Set(
    docs
      .split('\n')
      .map((line) => /^\|\s*([a-z_]+)\s*\|\s*`([a-z_0-9]+)`\s*\|/.exec(line))
      .filter((m) => m !== null)
      .map((m) => `${m[1]}.${m[2]}`),
  );
  for (const { table, column } of RESEARCH_DICTIONARY)
    expect(rows.has(`${table}.${column}`), `${table}.${column}`).toBe(true);
});
