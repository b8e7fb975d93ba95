import { ValidationError, type Issue } from '@odkit/core';
import type { Distribution, Mean, Rate, ServiceMeasures, ServicePeriod, ServiceSummary } from '@odkit/core/service';
import type { MeasureId } from './measures.js';
import type { DashboardView, Figure, Tile, Trend, Unit } from './view-model.js';

/** The measures with a monthly trend (by month of first contact), in the order of their charts. */
const TRENDED: readonly MeasureId[] = [
  'firstMeetingWithinTarget',
  'timeToFirstMeeting',
  'twoOrMorePractitioners',
  'withPeerWorker',
  'withNetworkMember',
  'continuity',
  'networkGrowth',
];

const share = (unit: Unit, r: Rate): Figure => ({
  kind: 'share',
  unit,
  share: { numerator: r.numerator, denominator: r.denominator, value: r.rate },
});
const spread = (unit: Unit, scale: 'hours' | 'count', d: Distribution): Figure => ({
  kind: 'spread',
  unit,
  scale,
  spread: { count: d.n, median: d.median, q1: d.q1, q3: d.q3 },
});
const mean = (m: Mean): Figure => ({
  kind: 'mean',
  unit: 'meetings',
  scale: 'count',
  mean: { count: m.count, mean: m.mean },
});

/** One measure's figure from a set of service measures (fidelity is per instrument: see `tilesOf`). */
function figureOf(measure: Exclude<MeasureId, 'fidelity'>, m: ServiceMeasures): Figure {
  switch (measure) {
    case 'firstMeetingWithinTarget':
      return share('episodes', m.firstMeetingWithinTarget);
    case 'timeToFirstMeeting':
      return spread('episodes', 'hours', m.hoursToFirstMeeting);
    case 'earlyMeetings':
      return spread('episodes', 'count', m.earlyMeetingsPerEpisode);
    case 'twoOrMorePractitioners':
    case 'withPeerWorker':
    case 'withNetworkMember':
    case 'continuity':
      return share('meetings', m[measure]);
    case 'networkPresent':
      return mean(m.networkMembersPresent);
    case 'networkGrowth':
      return share('episodes', m.network.grew);
  }
}

function tilesOf(m: ServiceMeasures): Tile[] {
  const tiles: Tile[] = (
    [
      'firstMeetingWithinTarget',
      'timeToFirstMeeting',
      'earlyMeetings',
      'twoOrMorePractitioners',
      'withPeerWorker',
      'withNetworkMember',
      'continuity',
      'networkPresent',
      'networkGrowth',
    ] as const
  ).map((measure) => ({ measure, figure: figureOf(measure, m) }));
  for (const f of m.fidelity) {
    tiles.push({
      measure: 'fidelity',
      instrumentId: f.instrumentId,
      figure: { kind: 'mean', unit: 'assessments', scale: 'share', mean: { count: f.assessments, mean: f.score.rate } },
    });
  }
  return tiles;
}

/**
 * Every month from the first to the last (`YYYY-MM`), gaps filled: a chart shows a month with no episodes as empty, not
 * skipped.
 */
export function monthRange(months: readonly string[]): string[] {
  const sorted = [...months].sort();
  if (!sorted.length) return [];
  const out: string[] = [];
  let [year, month] = sorted[0]!.split('-').map(Number) as [number, number];
  const last = sorted[sorted.length - 1]!;
  // Bounded: a summary spanning more than 100 years is not a dashboard's to draw month by month.
  for (let i = 0; i < 1200; i++) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) break;
    month++;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return out;
}

export interface ViewOptions {
  /** The team chosen, when the summary's groups are teams (summary given by the host). */
  readonly team?: string | undefined;
  /** Filters to offer (records given: the dashboard worked them out from every record). */
  readonly months?: readonly string[];
  readonly teams?: readonly string[];
}

/**
 * What the dashboard shows of a (checked) service summary. With `team` and a summary grouped
 * by team, the tiles are that team's; its monthly trends are the whole service's then (a summary
 * has monthly figures for the whole service only), and the view says so.
 */
export function viewOf(summary: ServiceSummary, options: ViewOptions = {}): DashboardView {
  const byTeam = summary.groupBy === 'team';
  if (options.team && !byTeam && !options.teams) {
    throw new ValidationError('Dashboard options', [
      { path: ['team'], message: 'needs a summary grouped by team (summariseService with groupBy: "team")' },
    ]);
  }
  const group = byTeam && options.team ? summary.groups.find((g) => g.key === options.team) : undefined;
  // A team with no episodes in the summary has nothing to show: the empty state, not the whole service's figures.
  if (byTeam && options.team && !group) return { ...emptyView(summary), teams: summary.groups.map((g) => g.key) };
  const measures = group?.measures ?? summary.overall;
  const monthly = new Map(summary.monthly.map((g) => [g.key, g.measures]));
  const months = monthRange([...monthly.keys()]);
  const trends: Trend[] = TRENDED.map((measure) => ({
    measure,
    by: 'contact',
    points: months.map((month) => {
      const m = monthly.get(month);
      return { month, figure: m ? figureOf(measure as Exclude<MeasureId, 'fidelity'>, m) : emptyFigure(measure) };
    }),
  }));
  for (const f of measures.fidelity) {
    const byMonth = new Map(f.byMonth.map((b) => [b.month, b]));
    trends.push({
      measure: 'fidelity',
      instrumentId: f.instrumentId,
      by: 'meeting',
      points: monthRange([...byMonth.keys()]).map((month) => {
        const b = byMonth.get(month);
        return {
          month,
          figure: {
            kind: 'mean',
            unit: 'assessments',
            scale: 'share',
            mean: { count: b?.assessments ?? 0, mean: b?.score.rate ?? null },
          },
        };
      }),
    });
  }
  return {
    cases: measures.cases,
    episodes: measures.episodes,
    skipped: summary.records.skipped,
    period: summary.period,
    months: options.months ?? [],
    teams: options.teams ?? (byTeam ? summary.groups.map((g) => g.key) : []),
    trendsForAllTeams: Boolean(group),
    tiles: tilesOf(measures),
    trends,
  };
}

function emptyView(summary: ServiceSummary): DashboardView {
  return {
    cases: 0,
    episodes: 0,
    skipped: summary.records.skipped,
    period: summary.period,
    months: [],
    teams: [],
    trendsForAllTeams: false,
    tiles: [],
    trends: [],
  };
}

function emptyFigure(measure: MeasureId): Figure {
  const none: Rate = { numerator: 0, denominator: 0, rate: null };
  const noSpread: Distribution = { n: 0, min: null, q1: null, median: null, q3: null, max: null };
  if (measure === 'timeToFirstMeeting') return spread('episodes', 'hours', noSpread);
  return share(measure === 'firstMeetingWithinTarget' || measure === 'networkGrowth' ? 'episodes' : 'meetings', none);
}

/* ------------------------------------------------------------------ checking a summary given by a host */

type Path = (string | number)[];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isAmount = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isNumberOrNull = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks the parts of a service summary the dashboard reads, so a summary from elsewhere (a
 * Worker, a server, an older kit) that is not one gives a `ValidationError` naming every
 * problem and where, never a TypeError half-way through a render. Messages never quote values.
 */
export function checkSummary(value: unknown): ServiceSummary {
  const issues: Issue[] = [];
  const add = (path: Path, message: string) => issues.length < 50 && issues.push({ path, message });
  if (!isObject(value)) {
    add([], 'must be a service summary (an object from summariseService)');
    throw new ValidationError('Service summary', issues);
  }
  const records = value.records;
  if (!isObject(records)) add(['records'], 'must give the records read, valid and skipped');
  else
    for (const k of ['read', 'valid', 'skipped'])
      if (!isCount(records[k])) add(['records', k], 'must be a whole number, 0 or more');
  if (value.groupBy !== null && typeof value.groupBy !== 'string') add(['groupBy'], 'must be text or null');
  if (value.period !== null) {
    const p = value.period;
    if (
      !isObject(p) ||
      typeof p.start !== 'string' ||
      !DAY.test(p.start) ||
      typeof p.end !== 'string' ||
      !DAY.test(p.end)
    ) {
      add(['period'], 'must be null or a start and end date (YYYY-MM-DD)');
    }
  }
  checkMeasures(value.overall, ['overall'], add);
  for (const key of ['groups', 'monthly'] as const) {
    const list = value[key];
    if (!Array.isArray(list)) {
      add([key], 'must be a list');
      continue;
    }
    list.forEach((g: unknown, i) => {
      if (!isObject(g) || typeof g.key !== 'string') return void add([key, i, 'key'], 'must be text');
      if (key === 'monthly' && !MONTH.test(g.key)) add([key, i, 'key'], 'must be a month (YYYY-MM)');
      checkMeasures(g.measures, [key, i, 'measures'], add);
    });
  }
  if (issues.length) throw new ValidationError('Service summary', issues);
  return value as unknown as ServiceSummary;
}

function checkMeasures(m: unknown, path: Path, add: (path: Path, message: string) => unknown): void {
  if (!isObject(m)) return void add(path, 'must be the measures of a set of episodes');
  for (const k of ['cases', 'episodes']) if (!isCount(m[k])) add([...path, k], 'must be a whole number, 0 or more');
  for (const k of [
    'firstMeetingWithinTarget',
    'twoOrMorePractitioners',
    'withPeerWorker',
    'withNetworkMember',
    'continuity',
  ])
    checkRate(m[k], [...path, k], add);
  for (const k of ['hoursToFirstMeeting', 'earlyMeetingsPerEpisode']) checkDistribution(m[k], [...path, k], add);
  const present = m.networkMembersPresent;
  if (!isObject(present) || !isCount(present.count) || !isNumberOrNull(present.mean))
    add([...path, 'networkMembersPresent'], 'must be a mean (count and mean)');
  if (!isObject(m.network)) add([...path, 'network'], 'must give the network measures');
  else checkRate(m.network.grew, [...path, 'network', 'grew'], add);
  if (!Array.isArray(m.fidelity)) return void add([...path, 'fidelity'], 'must be a list');
  m.fidelity.forEach((f: unknown, i) => {
    const at = [...path, 'fidelity', i];
    if (!isObject(f)) return void add(at, 'must be one instrument’s scores');
    if (typeof f.instrumentId !== 'string' || !f.instrumentId) add([...at, 'instrumentId'], 'must be an instrument id');
    if (!isCount(f.assessments)) add([...at, 'assessments'], 'must be a whole number, 0 or more');
    checkRate(f.score, [...at, 'score'], add);
    if (!Array.isArray(f.byMonth)) return void add([...at, 'byMonth'], 'must be a list');
    f.byMonth.forEach((b: unknown, j) => {
      if (!isObject(b) || typeof b.month !== 'string' || !MONTH.test(b.month))
        return void add([...at, 'byMonth', j, 'month'], 'must be a month (YYYY-MM)');
      if (!isCount(b.assessments)) add([...at, 'byMonth', j, 'assessments'], 'must be a whole number, 0 or more');
      checkRate(b.score, [...at, 'byMonth', j, 'score'], add);
    });
  });
}

function checkRate(r: unknown, path: Path, add: (path: Path, message: string) => unknown): void {
  // Not whole numbers only: a fidelity score pools scale points, which a service's own scale may give in halves.
  if (!isObject(r) || !isAmount(r.numerator) || !isAmount(r.denominator))
    return void add(path, 'must be a rate: a numerator and a denominator (0 or more)');
  if ((r.numerator as number) > (r.denominator as number))
    add([...path, 'numerator'], 'must not be more than the denominator');
  const rate = r.rate;
  if (r.denominator === 0 ? rate !== null : typeof rate !== 'number' || !(rate >= 0 && rate <= 1))
    add([...path, 'rate'], 'must be the share (0 to 1), or null when the denominator is 0');
}

function checkDistribution(d: unknown, path: Path, add: (path: Path, message: string) => unknown): void {
  if (!isObject(d) || !isCount(d.n)) return void add(path, 'must be a distribution (n, quartiles and median)');
  for (const k of ['q1', 'median', 'q3']) {
    if (!isNumberOrNull(d[k]) || (d.n === 0) !== (d[k] === null))
      add([...path, k], 'must be a number, or null when n is 0');
  }
}

/** The first and last day of a period of months (`YYYY-MM`), for `summariseService`'s `period`. */
export function periodOf(
  from: string | undefined,
  to: string | undefined,
  months: readonly string[],
): ServicePeriod | undefined {
  if (!from && !to) return undefined;
  const start = from ?? months[0] ?? '1900-01';
  const end = to ?? months[months.length - 1] ?? '2999-12';
  const [y, m] = end.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { start: `${start}-01`, end: `${end}-${String(lastDay).padStart(2, '0')}` };
}
