import { ValidationError, type Issue } from '../errors.js';
import { guarded } from '../internal/guard.js';
import { toTime } from '../model/primitives.js';
import { PRACTITIONER_ROLES } from '../model/schemas.js';
import type { CaseRecord, Meeting } from '../model/schemas.js';
import { COMPOSITION_SLOTS, HOUR_MS, WEEK_MS, type EpisodeFacts } from './episode-facts.js';
import { dayOffset, hmacKey, pseudonym, type PseudonymKey } from './pseudonyms.js';
import { RESEARCH_DICTIONARY, TABLE_COLUMNS } from './research-columns.js';
import { forEachRecord, RecordReader } from './summarise.js';
import { TableWriter, type Cell } from './table-writer.js';
import type {
  ExportFormat,
  RecordSource,
  ResearchExport,
  ResearchExportOptions,
  ResearchSink,
  ResearchTable,
} from './types.js';

export { RESEARCH_DICTIONARY } from './research-columns.js';

const SUBJECT = 'Research export options';
const DAY_MS = 24 * HOUR_MS;
const EARLY_PHASE_MS = 2 * WEEK_MS;
const DEFAULT_SHIFT_DAYS = 182;
const TABLES: readonly ResearchTable[] = ['episodes', 'meetings', 'assessment_items'];

const isPractitionerRole = (role: string) => (PRACTITIONER_ROLES as readonly string[]).includes(role);

/** Age bands at first contact (whole years, by local calendar date). */
export function ageBand(birthDate: string, onDate: string): string {
  const years =
    Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (onDate.slice(5) < birthDate.slice(5) ? 1 : 0);
  if (years < 18) return '0-17';
  if (years < 25) return '18-24';
  if (years >= 65) return '65+';
  const lower = Math.floor((years - 25) / 10) * 10 + 25;
  return `${lower}-${lower + 9}`;
}

function readExportOptions(input: ResearchExportOptions): { format: ExportFormat; shiftDays: number; key: unknown } {
  return guarded(SUBJECT, () => {
    if (typeof input !== 'object' || input === null)
      throw new ValidationError(SUBJECT, [{ path: [], message: 'must be an object with a key and a format' }]);
    const { format, shiftDates, key } = input;
    const issues: Issue[] = [];
    if (format !== 'csv' && format !== 'ndjson')
      issues.push({ path: ['format'], message: 'must be "csv" or "ndjson"' });
    let shiftDays = 0;
    if (shiftDates === true) shiftDays = DEFAULT_SHIFT_DAYS;
    else if (typeof shiftDates === 'object' && shiftDates !== null) {
      const max = shiftDates.maxDays;
      if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 3650) {
        issues.push({ path: ['shiftDates', 'maxDays'], message: 'must be a whole number of days from 1 to 3,650' });
      } else shiftDays = max;
    } else if (shiftDates !== undefined && shiftDates !== false) {
      issues.push({ path: ['shiftDates'], message: 'must be true, false or { maxDays }' });
    }
    if (issues.length) throw new ValidationError(SUBJECT, issues);
    return { format: format as ExportFormat, shiftDays, key };
  });
}

// The counts are already in the dictionary's column order: size, kinds, sectors, rings.
const compositionCells = (c: readonly number[] | null): Cell[] =>
  c ? [...c] : new Array<Cell>(COMPOSITION_SLOTS).fill(null);

/**
 * Pseudonymised research export of many case records: one row per episode, per meeting and
 * per assessment item, as CSV or NDJSON, with its data dictionary. No names, NHS numbers,
 * free text or exact birth dates leave; ids become HMAC-SHA-256 pseudonyms under the host's
 * key. Episodes are chosen as `summariseService` chooses them (same period, time zone and
 * "as of"), and the figures in the rows are the ones it aggregates, so the SQL in
 * docs/metrics.md recomputes its headline measures from these files. Runs in browsers and
 * Node (WebCrypto). Invalid records are skipped and listed, as in `summariseService`.
 */
export async function exportResearch(records: RecordSource, options: ResearchExportOptions): Promise<ResearchExport> {
  const chunks: Record<ResearchTable, string[]> = { episodes: [], meetings: [], assessment_items: [] };
  const result = await streamResearchExport(records, options, (table, text) => {
    chunks[table].push(text);
  });
  return {
    ...result,
    tables: Object.fromEntries(TABLES.map((t) => [t, chunks[t].join('')])) as Record<ResearchTable, string>,
  };
}

/**
 * The same export, handed to `sink` as it is made (the CSV header rows first, then each
 * record's rows as soon as the record is read), so that 10,000 cases can go to files or a
 * `WritableStream` without the whole text in memory. `sink` may return a promise: the next
 * record is read only after it settles. What `sink` throws is passed on as it is.
 */
export async function streamResearchExport(
  records: RecordSource,
  options: ResearchExportOptions,
  sink: ResearchSink,
): Promise<Omit<ResearchExport, 'tables'>> {
  const { format, shiftDays, key: rawKey } = readExportOptions(options);
  if (typeof sink !== 'function')
    throw new ValidationError(SUBJECT, [{ path: ['sink'], message: 'must be a function (table, text)' }]);
  const reader = new RecordReader(
    guarded(SUBJECT, () => ({
      period: options.period,
      timeZone: options.timeZone,
      instruments: options.instruments,
      asOf: options.asOf,
      maxSkippedListed: options.maxSkippedListed,
    })),
  );
  const key = hmacKey(rawKey);
  const writers = Object.fromEntries(
    TABLES.map((t) => [
      t,
      new TableWriter(
        format,
        TABLE_COLUMNS[t].map(([column]) => column),
      ),
    ]),
  ) as Record<ResearchTable, TableWriter>;
  const { localDate, instruments } = reader.options;

  const flush = async () => {
    for (const table of TABLES) {
      const text = writers[table].take();
      if (text) await sink(table, text);
    }
  };
  await flush(); // the CSV header rows

  await forEachRecord(records, async (input) => {
    const record = reader.parse(input);
    if (!record) return;
    const episodes = reader.episodes(record);
    if (episodes.length === 0) return;
    const shift = shiftDays ? (await dayOffset(key, record.id, shiftDays)) * DAY_MS : 0;
    const time = (iso: string) => toTime(iso) + shift;
    const stamp = (iso: string | undefined) => (iso === undefined ? null : new Date(time(iso)).toISOString());
    const ids = await pseudonymsFor(key, record, episodes);
    const members = new Map(record.members.map((m) => [m.id, m]));
    const birth = record.person.birthDate;

    episodes.forEach(({ episode, facts }, index) => {
      const episodeId = ids.episodes[index]!;
      const contactDate = localDate(time(episode.firstContact));
      writers.episodes.add([
        ids.case,
        episodeId,
        index + 1,
        episode.responsibleTeam,
        episode.status,
        birth === undefined ? null : Number(birth.slice(0, 4)),
        // Age from the real dates: a shift moves every date of the case, not the person's age.
        birth === undefined ? null : ageBand(birth, facts.firstContactDate),
        stamp(episode.firstContact),
        contactDate,
        contactDate.slice(0, 7),
        stamp(episode.end),
        facts.held.length,
        facts.planned,
        facts.cancelled,
        stamp(facts.held[0]?.start),
        facts.hoursToFirstMeeting,
        facts.withinTarget,
        facts.earlyMeetings,
        facts.earlyPhaseMs,
        facts.earlyPhaseMs === EARLY_PHASE_MS,
        facts.laterMeetings,
        facts.laterPhaseMs,
        facts.continuityNumerator,
        facts.continuityDenominator,
        facts.held.length ? facts.practitioners.length : null,
        ...compositionCells(facts.networkAtFirst),
        ...compositionCells(facts.networkAtLast),
      ]);

      const contact = toTime(episode.firstContact);
      const heldNumber = new Map(facts.held.map((m, i) => [m.id, i + 1]));
      const firstPractitioners = new Set(
        (facts.held[0]?.attendees ?? []).filter((a) => a.present && isPractitionerRole(a.role)).map((a) => a.memberId),
      );
      const meetings = record.meetings
        .filter((m) => m.episodeId === episode.id)
        .sort((a, b) => toTime(a.start) - toTime(b.start) || (a.id < b.id ? -1 : 1));
      for (const meeting of meetings) {
        const start = toTime(meeting.start);
        const number = heldNumber.get(meeting.id) ?? null;
        const present = meeting.attendees.filter((a) => a.present);
        const practitioners = present.filter((a) => isPractitionerRole(a.role));
        const startDate = localDate(start + shift);
        writers.meetings.add([
          ids.case,
          episodeId,
          ids.meetings.get(meeting.id)!,
          meeting.status,
          number !== null,
          number,
          stamp(meeting.start),
          startDate,
          startDate.slice(0, 7),
          (start - contact) / HOUR_MS,
          start < contact + EARLY_PHASE_MS,
          meeting.end === undefined ? null : (toTime(meeting.end) - start) / 60_000,
          meeting.mode,
          meeting.personPresent,
          practitioners.length,
          practitioners.length >= 2,
          present.some((a) => a.role === 'peer-worker'),
          present.filter((a) => a.role === 'network').length,
          present.some((a) => a.role === 'network' && members.get(a.memberId)?.kind === 'person'),
          meeting.reflectingConversation,
          number === null || number === 1 ? null : practitioners.some((a) => firstPractitioners.has(a.memberId)),
        ]);
      }

      const meetingMonths = new Map(meetings.map((m) => [m.id, localDate(toTime(m.start) + shift).slice(0, 7)]));
      for (const assessment of record.assessments) {
        const month = meetingMonths.get(assessment.meetingId);
        const instrument = instruments.get(assessment.instrumentId, assessment.instrumentVersion);
        if (month === undefined || !instrument) continue;
        const values = instrument.scale.options.map((o) => o.value);
        const counted = assessment.status === 'complete' && heldNumber.has(assessment.meetingId);
        const ratings = new Map(assessment.ratings.map((r) => [r.itemId, r.value]));
        for (const item of instrument.items) {
          const value = ratings.get(item.id);
          writers.assessment_items.add([
            ids.case,
            episodeId,
            ids.meetings.get(assessment.meetingId)!,
            ids.assessments.get(assessment.id)!,
            instrument.id,
            instrument.version,
            assessment.status,
            assessment.raterRole,
            assessment.evidence,
            month,
            counted,
            item.id,
            item.groupId,
            typeof value === 'number' ? value : null,
            value === 'na',
            Math.min(...values),
            Math.max(...values),
          ]);
        }
      }
    });
    await flush();
  });

  const ext = format === 'csv' ? 'csv' : 'ndjson';
  return {
    format,
    fileNames: Object.fromEntries(TABLES.map((t) => [t, `${t}.${ext}`])) as Record<ResearchTable, string>,
    dictionary: RESEARCH_DICTIONARY,
    records: reader.counts(),
    skipped: [...reader.skipped],
  };
}

/** Every pseudonym a record's rows need, computed together (a host's WebCrypto key signs asynchronously). */
async function pseudonymsFor(
  key: PseudonymKey,
  record: CaseRecord,
  episodes: readonly { episode: { id: string }; facts: EpisodeFacts }[],
) {
  const episodeIds = new Set(episodes.map((e) => e.episode.id));
  const meetings: Meeting[] = record.meetings.filter((m) => episodeIds.has(m.episodeId));
  const meetingIds = new Set(meetings.map((m) => m.id));
  const assessments = record.assessments.filter((a) => meetingIds.has(a.meetingId));
  const [caseId, episodeList, meetingList, assessmentList] = await Promise.all([
    pseudonym(key, 'case', record.id),
    Promise.all(episodes.map((e) => pseudonym(key, 'episode', record.id, e.episode.id))),
    Promise.all(meetings.map((m) => pseudonym(key, 'meeting', record.id, m.id))),
    Promise.all(assessments.map((a) => pseudonym(key, 'assessment', record.id, a.id))),
  ]);
  return {
    case: caseId,
    episodes: episodeList,
    meetings: new Map(meetings.map((m, i) => [m.id, meetingList[i]!])),
    assessments: new Map(assessments.map((a, i) => [a.id, assessmentList[i]!])),
  };
}
