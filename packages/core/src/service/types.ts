/**
 * Public types of `@odkit/core/service`: measures over many case records (a service,
 * a team, a month) and the pseudonymised research export. Every definition is in
 * docs/metrics.md ("Service measures"), with the DuckDB SQL that recomputes the
 * headline figures from the export.
 */
import type { InstrumentRegistry } from '../instruments/registry.js';
import type { MeetingMode, MemberKind, Ring, Sector } from '../model/schemas.js';

/** Records to summarise or export: an array, any iterable, or an async iterable (read one at a time). */
export type RecordSource = Iterable<unknown> | AsyncIterable<unknown>;

/**
 * Calendar days in the service's time zone, both ends included: an episode is in the
 * period when the local date of its first contact is on or after `start` and on or before `end`.
 */
export interface ServicePeriod {
  /** `YYYY-MM-DD`, included. */
  readonly start: string;
  /** `YYYY-MM-DD`, included. */
  readonly end: string;
}

/**
 * How episodes are grouped besides the whole service:
 * - `team`: the episode's responsible team;
 * - `practitioner`: each practitioner (facilitator or peer worker, by member id) present at
 *   one or more of the episode's held meetings; an episode counts in each of its practitioners' groups;
 * - `month`: the month (`YYYY-MM`, service time zone) of the episode's first contact;
 * - `referralSource`: the episode's referral source (`(none)` when not given).
 */
export type ServiceGroupBy = 'team' | 'practitioner' | 'month' | 'referralSource';

export interface ServiceOptions {
  /** Only episodes whose first contact falls in this period (default: every episode). */
  period?: ServicePeriod;
  /** Groups to summarise besides the whole service (default: none). */
  groupBy?: ServiceGroupBy;
  /** IANA time zone for local dates and months (default `Europe/London`). */
  timeZone?: string;
  /** Instruments that assessments refer to (default: the default registry). Records are validated against it. */
  instruments?: InstrumentRegistry;
  /**
   * "Now", as an ISO date-time with offset: passed to the per-case metrics, so episodes still
   * awaiting a first meeting are judged against the 24-hour target as of this instant, and
   * meetings after it are not counted. Default: each episode's own end or latest held meeting
   * (the per-case default), so an episode with no meeting yet is not judged.
   */
  asOf?: string;
  /** How many skipped records to list in `skipped` (default 1,000; all are counted). */
  maxSkippedListed?: number;
}

/** A count out of a total: `rate` is `numerator / denominator` (one division), null when the denominator is 0. */
export interface Rate {
  readonly numerator: number;
  readonly denominator: number;
  readonly rate: number | null;
}

/** A total over a number of units: `mean` is `total / count` (one division), null when count is 0. */
export interface Mean {
  readonly total: number;
  readonly count: number;
  readonly mean: number | null;
}

/**
 * The spread of a measure over units (episodes, meetings). Quartiles by linear interpolation
 * between order statistics (Hyndman & Fan type 7, as DuckDB's `quantile_cont`, R's and Excel's
 * default): for sorted values x[0..n-1] and p in {0.25, 0.5, 0.75}, h = (n − 1)·p,
 * lo = x[floor h], hi = x[ceil h], d = h − floor h, value = lo·(1 − d) + hi·d (written as DuckDB
 * computes it, so the two agree to the last digit). All null when n is 0.
 */
export interface Distribution {
  readonly n: number;
  readonly min: number | null;
  readonly q1: number | null;
  readonly median: number | null;
  readonly q3: number | null;
  readonly max: number | null;
}

/** Who was in the person's network at an instant: members counted by kind, sector and ring. */
export interface NetworkComposition {
  /** Members in the network (any kind). */
  readonly size: number;
  readonly byKind: Readonly<Record<MemberKind, number>>;
  readonly bySector: Readonly<Record<Sector, number>>;
  readonly byRing: Readonly<Record<`${Ring}`, number>>;
}

/** Network size and composition at the first and the last held meeting of each episode, across episodes. */
export interface NetworkMeasures {
  /** Episodes with at least one held meeting: the unit of every figure below. */
  readonly episodes: number;
  /** Network size at the first held meeting. */
  readonly sizeAtFirst: Distribution;
  /** Network size at the last held meeting (the same meeting when only one was held). */
  readonly sizeAtLast: Distribution;
  /** Size at the last minus size at the first meeting. */
  readonly change: Distribution;
  /** Episodes whose network grew / stayed the same size / shrank, out of `episodes`. */
  readonly grew: Rate;
  readonly same: Rate;
  readonly shrank: Rate;
  /** Members summed over episodes by kind, sector and ring; `mean` is per episode. */
  readonly atFirst: CompositionTotals;
  readonly atLast: CompositionTotals;
}

export interface CompositionTotals {
  readonly size: Mean;
  readonly byKind: Readonly<Record<MemberKind, Mean>>;
  readonly bySector: Readonly<Record<Sector, Mean>>;
  readonly byRing: Readonly<Record<`${Ring}`, Mean>>;
}

/**
 * A pooled fidelity score for complete assessments of one instrument: numerator is the sum over
 * rated items of (value − scale minimum), denominator the sum over rated items of
 * (scale maximum − scale minimum); not-applicable and unrated items do not count. `rate` is the
 * share between the scale's lowest (0) and highest (1) value.
 */
export interface FidelityScore {
  /** Complete assessments counted. */
  readonly assessments: number;
  /** Rated items counted. */
  readonly ratedItems: number;
  readonly score: Rate;
  /** The same score for each group of the instrument's items, in the instrument's order. */
  readonly byItemGroup: readonly { readonly groupId: string; readonly score: Rate; readonly ratedItems: number }[];
}

export interface InstrumentFidelity extends FidelityScore {
  readonly instrumentId: string;
  /**
   * By the month (`YYYY-MM`, service time zone) of the assessed meeting's start, earliest first; months without
   * assessments are left out.
   */
  readonly byMonth: readonly (FidelityScore & { readonly month: string })[];
}

/** Every measure over a set of episodes (the service, or one group). */
export interface ServiceMeasures {
  /** Distinct case records with at least one episode counted. */
  readonly cases: number;
  readonly episodes: number;
  readonly episodesByStatus: Readonly<Record<'active' | 'on-hold' | 'finished', number>>;
  /** Meetings of the counted episodes, by current status (held ones up to `asOf`). */
  readonly meetings: { readonly held: number; readonly planned: number; readonly cancelled: number };

  /**
   * Episodes whose first meeting was held within 24 hours of first contact, out of episodes whose outcome is known
   * (per-case `withinTarget` not null).
   */
  readonly firstMeetingWithinTarget: Rate;
  /** Hours from first contact to the first held meeting, over episodes with one. */
  readonly hoursToFirstMeeting: Distribution;
  /** Episodes with no held meeting yet. */
  readonly awaitingFirstMeeting: number;

  /**
   * Held meetings per week in each episode's first 14 days from first contact (`total` meetings over `count`
   * episode-weeks), and after.
   */
  readonly meetingsPerWeek: { readonly early: WeeklyRate; readonly later: WeeklyRate };
  /** Held meetings in the first 14 days, per episode whose first 14 days have passed (as of its end / `asOf`). */
  readonly earlyMeetingsPerEpisode: Distribution;

  /** Held meetings with two or more practitioners present, out of held meetings. */
  readonly twoOrMorePractitioners: Rate;
  readonly withPeerWorker: Rate;
  /** Held meetings with a non-professional network member (kind `person`) present. */
  readonly withNetworkMember: Rate;
  /** Held meetings the person attended. */
  readonly personPresent: Rate;
  readonly reflectingConversation: Rate;
  /** Network members (role `network`) present, summed over held meetings; `mean` is per meeting. */
  readonly networkMembersPresent: Mean;
  readonly placeMix: Readonly<Record<MeetingMode, Rate>>;
  /** Held meetings after each episode's first attended by a practitioner present at that first one. */
  readonly continuity: Rate;
  /** Distinct practitioners present across each episode's held meetings, over episodes with a held meeting. */
  readonly distinctPractitioners: Distribution;

  readonly network: NetworkMeasures;
  /** One entry per instrument with complete assessments, by instrument id. */
  readonly fidelity: readonly InstrumentFidelity[];
}

/** Held meetings over episode-weeks. `weeks` is a sum of fractional weeks; `perWeek` is `meetings / weeks`. */
export interface WeeklyRate {
  readonly meetings: number;
  readonly weeks: number;
  readonly perWeek: number | null;
}

export interface ServiceGroup {
  /** The team, practitioner member id, month (`YYYY-MM`) or referral source. */
  readonly key: string;
  readonly measures: ServiceMeasures;
}

/** A record that failed validation: where it was in the input (0-based), and its first issue. */
export interface SkippedRecord {
  readonly position: number;
  readonly path: readonly (string | number)[];
  /** Core's validation message (it never quotes record text). */
  readonly message: string;
}

export interface ServiceSummary {
  readonly period: ServicePeriod | null;
  readonly timeZone: string;
  readonly groupBy: ServiceGroupBy | null;
  readonly asOf: string | null;
  /** Records read, valid and skipped (skipped = read − valid). */
  readonly records: { readonly read: number; readonly valid: number; readonly skipped: number };
  readonly overall: ServiceMeasures;
  /** One per key when `groupBy` is given, sorted by key; empty otherwise. */
  readonly groups: readonly ServiceGroup[];
  /** Measures of episodes by the month of their first contact (cohorts), earliest first. */
  readonly monthly: readonly ServiceGroup[];
  /** The first `maxSkippedListed` invalid records, in input order. */
  readonly skipped: readonly SkippedRecord[];
}

/* ------------------------------------------------------------------ research export */

export type ExportFormat = 'csv' | 'ndjson';

export interface ResearchExportOptions {
  /**
   * The host's secret key for HMAC-SHA-256 pseudonyms: raw bytes (at least 16) or an HMAC
   * `CryptoKey` (SHA-256, usable for `sign`). The same key gives the same pseudonyms.
   */
  key: Uint8Array | ArrayBuffer | CryptoKey;
  format: ExportFormat;
  /**
   * Shift every date and time of a case by a whole number of days derived from the key and the
   * case id (the same for all of a case's dates, so intervals are kept). `true` means up to
   * ±182 days; or give `maxDays` (1–3,650). Default: no shift.
   */
  shiftDates?: boolean | { maxDays: number };
  /** Only episodes in this period (as `summariseService`). */
  period?: ServicePeriod;
  timeZone?: string;
  instruments?: InstrumentRegistry;
  asOf?: string;
  maxSkippedListed?: number;
}

export type ResearchTable = 'episodes' | 'meetings' | 'assessment_items';

export interface DictionaryEntry {
  readonly table: ResearchTable;
  readonly column: string;
  /** DuckDB type the column loads as. */
  readonly type: 'VARCHAR' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'DATE' | 'TIMESTAMPTZ';
  readonly description: string;
  /** Whether the column may be empty (CSV) / null (NDJSON). */
  readonly nullable: boolean;
}

/** Receives the export's text as it is made: a table's name and the next piece of its file. */
export type ResearchSink = (table: ResearchTable, text: string) => void | Promise<void>;

export interface ResearchExport {
  readonly format: ExportFormat;
  /** The tables' text: CSV with a header row (RFC 4180, CRLF line ends), or one JSON object per line. */
  readonly tables: Readonly<Record<ResearchTable, string>>;
  /** Suggested file names, e.g. `episodes.csv`. */
  readonly fileNames: Readonly<Record<ResearchTable, string>>;
  readonly dictionary: readonly DictionaryEntry[];
  readonly records: { readonly read: number; readonly valid: number; readonly skipped: number };
  readonly skipped: readonly SkippedRecord[];
}
