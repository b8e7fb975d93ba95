/**
 * A slow, obviously correct reference for the service measures, written straight from
 * docs/metrics.md ("Service measures"): plain loops over each record, no caches, none of
 * core's per-case metrics, local dates from Intl on every call. The property tests hold
 * summariseService to it.
 */
import {
  MEETING_MODES,
  MEMBER_KINDS,
  RINGS,
  SECTORS,
  defaultInstruments,
  parseCaseRecord,
  type CaseRecord,
  type Episode,
  type Meeting,
  type NetworkMember,
} from '@odkit/core';
import type { Distribution, ServiceGroupBy, ServicePeriod } from '@odkit/core/service';

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

export interface ReferenceOptions {
  period?: ServicePeriod;
  groupBy?: ServiceGroupBy;
  timeZone: string;
  asOf?: string;
}

export function referenceLocalDate(time: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(time);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function referenceDistribution(values: number[]): Distribution {
  if (values.length === 0) return { n: 0, min: null, q1: null, median: null, q3: null, max: null };
  const x = [...values].sort((a, b) => a - b);
  const q = (p: number) => {
    const h = (x.length - 1) * p;
    const d = h - Math.floor(h);
    return x[Math.floor(h)]! * (1 - d) + x[Math.ceil(h)]! * d;
  };
  return { n: x.length, min: x[0]!, q1: q(0.25), median: q(0.5), q3: q(0.75), max: x[x.length - 1]! };
}

const rate = (numerator: number, denominator: number) => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : numerator / denominator,
});
const mean = (total: number, count: number) => ({ total, count, mean: count === 0 ? null : total / count });
const isPractitioner = (role: string) => role === 'facilitator' || role === 'peer-worker';

interface EpisodeRow {
  position: number;
  record: CaseRecord;
  episode: Episode;
  month: string;
  held: Meeting[];
  end: number;
}

function heldOf(record: CaseRecord, episode: Episode, asOf: number): Meeting[] {
  const held = record.meetings.filter(
    (m) => m.episodeId === episode.id && m.status === 'held' && Date.parse(m.start) <= asOf,
  );
  // Array.prototype.sort is stable: equal starts keep record order.
  return held.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

/** How far an episode has run (docs: the asOf table). */
function measureEnd(record: CaseRecord, episode: Episode, asOf: string | undefined): number {
  if (asOf !== undefined) {
    const now = Date.parse(asOf);
    return episode.end === undefined ? now : Math.min(now, Date.parse(episode.end));
  }
  if (episode.end !== undefined) return Date.parse(episode.end);
  let latest = Date.parse(episode.firstContact);
  for (const m of record.meetings) {
    if (m.episodeId !== episode.id || m.status !== 'held') continue;
    latest = Math.max(latest, Date.parse(m.start), m.end ? Date.parse(m.end) : 0);
  }
  return latest;
}

function inNetwork(member: NetworkMember, date: string): boolean {
  if (member.since !== undefined && member.since > date) return false;
  if (member.until !== undefined) return member.until > date;
  return member.status === 'active';
}

function measuresOf(rows: EpisodeRow[], options: ReferenceOptions) {
  const held = rows.flatMap((r) => r.held.map((m) => ({ row: r, m })));
  const present = (m: Meeting) => m.attendees.filter((a) => a.present);
  const countHeld = (test: (m: Meeting, r: EpisodeRow) => boolean) => held.filter(({ m, row }) => test(m, row)).length;

  // First meeting and the 24 hours.
  let within = 0,
    known = 0;
  const hours: number[] = [];
  for (const r of rows) {
    const contact = Date.parse(r.episode.firstContact);
    const first = r.held[0];
    if (first) {
      const h = (Date.parse(first.start) - contact) / HOUR;
      hours.push(h);
      known++;
      if (h <= 24) within++;
    } else if (Math.max(0, (r.end - contact) / HOUR) > 24) known++;
  }

  // Phases, in exact ms.
  let early = 0,
    later = 0,
    earlyMs = 0,
    laterMs = 0;
  const earlyPerEpisode: number[] = [];
  for (const r of rows) {
    const contact = Date.parse(r.episode.firstContact);
    const boundary = contact + 14 * 24 * HOUR;
    const e = r.held.filter((m) => Date.parse(m.start) < boundary).length;
    early += e;
    later += r.held.length - e;
    const thisEarly = Math.max(0, Math.min(r.end, boundary) - contact);
    earlyMs += thisEarly;
    laterMs += Math.max(0, r.end - boundary);
    if (thisEarly === 14 * 24 * HOUR) earlyPerEpisode.push(e);
  }

  // Continuity, practitioners, network.
  let contNum = 0,
    contDen = 0;
  const distinct: number[] = [],
    sizeFirst: number[] = [],
    sizeLast: number[] = [];
  let grew = 0,
    same = 0,
    shrank = 0;
  const zero = () => ({
    size: 0,
    kind: new Map<string, number>(),
    sector: new Map<string, number>(),
    ring: new Map<string, number>(),
  });
  const atFirst = zero(),
    atLast = zero();
  const addComposition = (to: ReturnType<typeof zero>, members: NetworkMember[], date: string) => {
    let size = 0;
    for (const m of members) {
      if (!inNetwork(m, date)) continue;
      size++;
      to.kind.set(m.kind, (to.kind.get(m.kind) ?? 0) + 1);
      to.sector.set(m.sector, (to.sector.get(m.sector) ?? 0) + 1);
      to.ring.set(`${m.ring}`, (to.ring.get(`${m.ring}`) ?? 0) + 1);
    }
    to.size += size;
    return size;
  };
  for (const r of rows) {
    if (r.held.length === 0) continue;
    const firstIds = present(r.held[0]!)
      .filter((a) => isPractitioner(a.role))
      .map((a) => a.memberId);
    const all = new Set<string>();
    r.held.forEach((m, i) => {
      const ids = present(m)
        .filter((a) => isPractitioner(a.role))
        .map((a) => a.memberId);
      ids.forEach((id) => all.add(id));
      if (i > 0) {
        contDen++;
        if (ids.some((id) => firstIds.includes(id))) contNum++;
      }
    });
    distinct.push(all.size);
    const f = addComposition(
      atFirst,
      [...r.record.members],
      referenceLocalDate(Date.parse(r.held[0]!.start), options.timeZone),
    );
    const l = addComposition(
      atLast,
      [...r.record.members],
      referenceLocalDate(Date.parse(r.held[r.held.length - 1]!.start), options.timeZone),
    );
    sizeFirst.push(f);
    sizeLast.push(l);
    if (l > f) grew++;
    else if (l < f) shrank++;
    else same++;
  }
  const n = sizeFirst.length;
  const totals = (c: ReturnType<typeof zero>) => ({
    size: mean(c.size, n),
    byKind: Object.fromEntries(MEMBER_KINDS.map((k) => [k, mean(c.kind.get(k) ?? 0, n)])),
    bySector: Object.fromEntries(SECTORS.map((k) => [k, mean(c.sector.get(k) ?? 0, n)])),
    byRing: Object.fromEntries(RINGS.map((k) => [`${k}`, mean(c.ring.get(`${k}`) ?? 0, n)])),
  });

  // Fidelity: pooled points of complete assessments of counted meetings.
  type Totals = {
    assessments: number;
    rated: number;
    points: number;
    possible: number;
    groups: Map<string, { rated: number; points: number; possible: number }>;
  };
  const newTotals = (): Totals => ({ assessments: 0, rated: 0, points: 0, possible: 0, groups: new Map() });
  const byInstrument = new Map<string, { all: Totals; months: Map<string, Totals>; order: string[] }>();
  for (const r of rows) {
    for (const a of r.record.assessments) {
      const m = r.held.find((h) => h.id === a.meetingId);
      if (!m || a.status !== 'complete') continue;
      const instrument = defaultInstruments.get(a.instrumentId, a.instrumentVersion)!;
      const values = instrument.scale.options.map((o) => o.value);
      const min = Math.min(...values),
        max = Math.max(...values);
      let entry = byInstrument.get(instrument.id);
      if (!entry) byInstrument.set(instrument.id, (entry = { all: newTotals(), months: new Map(), order: [] }));
      for (const g of instrument.groups) if (!entry.order.includes(g.id)) entry.order.push(g.id);
      const month = referenceLocalDate(Date.parse(m.start), options.timeZone).slice(0, 7);
      if (!entry.months.has(month)) entry.months.set(month, newTotals());
      for (const t of [entry.all, entry.months.get(month)!]) {
        t.assessments++;
        for (const item of instrument.items) {
          const value = a.ratings.find((x) => x.itemId === item.id)?.value;
          if (typeof value !== 'number') continue;
          const g = t.groups.get(item.groupId) ?? { rated: 0, points: 0, possible: 0 };
          t.groups.set(item.groupId, g);
          for (const x of [t, g]) {
            x.rated++;
            x.points += value - min;
            x.possible += max - min;
          }
        }
      }
    }
  }
  const score = (t: Totals, order: string[]) => ({
    assessments: t.assessments,
    ratedItems: t.rated,
    score: rate(t.points, t.possible),
    byItemGroup: order.map((groupId) => {
      const g = t.groups.get(groupId) ?? { rated: 0, points: 0, possible: 0 };
      return { groupId, score: rate(g.points, g.possible), ratedItems: g.rated };
    }),
  });

  const heldCount = held.length;
  return {
    cases: new Set(rows.map((r) => r.position)).size,
    episodes: rows.length,
    episodesByStatus: {
      active: rows.filter((r) => r.episode.status === 'active').length,
      'on-hold': rows.filter((r) => r.episode.status === 'on-hold').length,
      finished: rows.filter((r) => r.episode.status === 'finished').length,
    },
    meetings: {
      held: heldCount,
      planned: rows.reduce(
        (s, r) => s + r.record.meetings.filter((m) => m.episodeId === r.episode.id && m.status === 'planned').length,
        0,
      ),
      cancelled: rows.reduce(
        (s, r) => s + r.record.meetings.filter((m) => m.episodeId === r.episode.id && m.status === 'cancelled').length,
        0,
      ),
    },
    firstMeetingWithinTarget: rate(within, known),
    hoursToFirstMeeting: referenceDistribution(hours),
    awaitingFirstMeeting: rows.filter((r) => r.held.length === 0).length,
    meetingsPerWeek: {
      early: { meetings: early, weeks: earlyMs / WEEK, perWeek: earlyMs === 0 ? null : (early * WEEK) / earlyMs },
      later: { meetings: later, weeks: laterMs / WEEK, perWeek: laterMs === 0 ? null : (later * WEEK) / laterMs },
    },
    earlyMeetingsPerEpisode: referenceDistribution(earlyPerEpisode),
    twoOrMorePractitioners: rate(
      countHeld((m) => present(m).filter((a) => isPractitioner(a.role)).length >= 2),
      heldCount,
    ),
    withPeerWorker: rate(
      countHeld((m) => present(m).some((a) => a.role === 'peer-worker')),
      heldCount,
    ),
    withNetworkMember: rate(
      countHeld((m, r) =>
        present(m).some(
          (a) => a.role === 'network' && r.record.members.find((x) => x.id === a.memberId)?.kind === 'person',
        ),
      ),
      heldCount,
    ),
    personPresent: rate(
      countHeld((m) => m.personPresent),
      heldCount,
    ),
    reflectingConversation: rate(
      countHeld((m) => m.reflectingConversation),
      heldCount,
    ),
    networkMembersPresent: mean(
      held.reduce((s, { m }) => s + present(m).filter((a) => a.role === 'network').length, 0),
      heldCount,
    ),
    placeMix: Object.fromEntries(
      MEETING_MODES.map((mode) => [
        mode,
        rate(
          countHeld((m) => m.mode === mode),
          heldCount,
        ),
      ]),
    ),
    continuity: rate(contNum, contDen),
    distinctPractitioners: referenceDistribution(distinct),
    network: {
      episodes: n,
      sizeAtFirst: referenceDistribution(sizeFirst),
      sizeAtLast: referenceDistribution(sizeLast),
      change: referenceDistribution(sizeLast.map((l, i) => l - sizeFirst[i]!)),
      grew: rate(grew, n),
      same: rate(same, n),
      shrank: rate(shrank, n),
      atFirst: totals(atFirst),
      atLast: totals(atLast),
    },
    fidelity: [...byInstrument.keys()].sort().map((instrumentId) => {
      const entry = byInstrument.get(instrumentId)!;
      return {
        instrumentId,
        ...score(entry.all, entry.order),
        byMonth: [...entry.months.keys()]
          .sort()
          .map((month) => ({ month, ...score(entry.months.get(month)!, entry.order) })),
      };
    }),
  };
}

/** The whole summary, by the reference's rules. */
export function referenceSummary(inputs: readonly unknown[], options: ReferenceOptions) {
  const rows: EpisodeRow[] = [];
  const skipped: { position: number }[] = [];
  const asOf = options.asOf === undefined ? Infinity : Date.parse(options.asOf);
  inputs.forEach((input, position) => {
    let record: CaseRecord;
    try {
      record = parseCaseRecord(input);
    } catch {
      skipped.push({ position });
      return;
    }
    for (const episode of record.episodes) {
      const date = referenceLocalDate(Date.parse(episode.firstContact), options.timeZone);
      if (options.period && (date < options.period.start || date > options.period.end)) continue;
      rows.push({
        position,
        record,
        episode,
        month: date.slice(0, 7),
        held: heldOf(record, episode, asOf),
        end: measureEnd(record, episode, options.asOf),
      });
    }
  });
  const keysOf = (r: EpisodeRow): string[] => {
    switch (options.groupBy) {
      case 'team':
        return [r.episode.responsibleTeam];
      case 'referralSource':
        return [r.episode.referralSource ?? '(none)'];
      case 'month':
        return [r.month];
      case 'practitioner':
        return [
          ...new Set(
            r.held.flatMap((m) =>
              m.attendees.filter((a) => a.present && isPractitioner(a.role)).map((a) => a.memberId),
            ),
          ),
        ];
      default:
        return [];
    }
  };
  const grouped = (keys: (r: EpisodeRow) => string[]) => {
    const all = [...new Set(rows.flatMap(keys))].sort();
    return all.map((key) => ({
      key,
      measures: measuresOf(
        rows.filter((r) => keys(r).includes(key)),
        options,
      ),
    }));
  };
  return {
    records: { read: inputs.length, valid: inputs.length - skipped.length, skipped: skipped.length },
    overall: measuresOf(rows, options),
    groups: grouped(keysOf),
    monthly: grouped((r) => [r.month]),
    skippedPositions: skipped.map((s) => s.position),
  };
}
