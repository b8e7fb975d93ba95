import { guarded } from '../internal/guard.js';
import { defaultInstruments } from '../instruments/index.js';
import type { InstrumentRegistry } from '../instruments/registry.js';
import { toTime } from '../model/primitives.js';
import type { Assessment, CaseRecord, Instrument } from '../model/schemas.js';

export interface Score {
  /** Items with a scale value. */
  readonly rated: number;
  readonly notApplicable: number;
  readonly unrated: number;
  /** Sum of the scale values given. */
  readonly sum: number;
  /** Mean scale value of rated items; null when none is rated. */
  readonly mean: number | null;
  /**
   * Where the ratings sit between the scale's lowest (0) and highest (1) value:
   * `(sum − rated × min) / (rated × (max − min))`. Not-applicable and unrated items
   * do not count. Null when none is rated.
   */
  readonly share: number | null;
}

export interface AssessmentScore {
  readonly assessmentId: string;
  readonly overall: Score;
  readonly groups: readonly (Score & { groupId: string })[];
}

/** Scores one assessment, overall and per group of its instrument. */
export function scoreAssessment(assessment: Assessment, instrument: Instrument): AssessmentScore {
  return guarded('Metric input', () => {
    const values = instrument.scale.options.map((o) => o.value);
    const min = Math.min(...values);
    const max = Math.max(...values);
    const ratings = new Map(assessment.ratings.map((r) => [r.itemId, r.value]));
    const score = (items: readonly Instrument['items'][number][]): Score => {
      let rated = 0,
        notApplicable = 0,
        unrated = 0,
        sum = 0;
      for (const item of items) {
        const value = ratings.get(item.id);
        if (value === 'na') notApplicable++;
        else if (value === undefined) unrated++;
        else {
          rated++;
          sum += value;
        }
      }
      return {
        rated,
        notApplicable,
        unrated,
        sum,
        mean: rated ? sum / rated : null,
        share: rated ? (sum - rated * min) / (rated * (max - min)) : null,
      };
    };
    return {
      assessmentId: assessment.id,
      overall: score(instrument.items),
      groups: instrument.groups.map((g) => ({
        groupId: g.id,
        ...score(instrument.items.filter((i) => i.groupId === g.id)),
      })),
    };
  });
}

export interface FidelityOptions {
  instrumentId: string;
  instruments?: InstrumentRegistry;
  /** Only meetings of this episode. */
  episodeId?: string;
  /** Count draft assessments too (default: complete ones only). */
  includeDrafts?: boolean;
}

export interface MeetingFidelity {
  readonly meetingId: string;
  readonly start: string;
  /** The assessments that count, and each one's score. */
  readonly scores: readonly AssessmentScore[];
  /** Mean of the assessments' overall shares; null when none has a rated item. */
  readonly share: number | null;
}

/**
 * Fidelity per held meeting for one instrument, earliest meeting first: the trend
 * across an episode. Meetings without a counted assessment are left out.
 */
export function fidelityTrend(record: CaseRecord, options: FidelityOptions): MeetingFidelity[] {
  return guarded('Metric input', () => {
    const registry = options.instruments ?? defaultInstruments;
    const byMeeting = new Map<string, AssessmentScore[]>();
    for (const assessment of record.assessments) {
      if (assessment.instrumentId !== options.instrumentId) continue;
      if (assessment.status !== 'complete' && !options.includeDrafts) continue;
      const instrument = registry.get(assessment.instrumentId, assessment.instrumentVersion);
      if (!instrument) continue;
      const list = byMeeting.get(assessment.meetingId) ?? [];
      list.push(scoreAssessment(assessment, instrument));
      byMeeting.set(assessment.meetingId, list);
    }
    return record.meetings
      .filter(
        (m) =>
          m.status === 'held' &&
          byMeeting.has(m.id) &&
          (options.episodeId === undefined || m.episodeId === options.episodeId),
      )
      .sort((a, b) => toTime(a.start) - toTime(b.start))
      .map((m) => {
        const scores = byMeeting.get(m.id) ?? [];
        const shares = scores.map((s) => s.overall.share).filter((s): s is number => s !== null);
        return {
          meetingId: m.id,
          start: m.start,
          scores,
          share: shares.length ? shares.reduce((a, b) => a + b, 0) / shares.length : null,
        };
      });
  });
}
