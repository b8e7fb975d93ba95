/**
 * Which instrument, assessment and meeting the checklist shows, worked out from its
 * properties and the record. Pure functions, apart from the element so that the rules
 * ("Which assessment is shown" in docs/principles-checklist.md) read in one place.
 */
import {
  createInstrumentRegistry,
  defaultInstruments,
  InstrumentRegistry,
  type Assessment,
  type CaseRecord,
  type Instrument,
  type Meeting,
} from '@odkit/core';
import type { OptionProblem } from '@odkit/elements';
import type { ChecklistStrings } from './strings.js';

/** Something about the checklist's options or record that stops it being shown, told with the checklist's strings. */
export type ChecklistProblem = OptionProblem<keyof ChecklistStrings & string>;

/** The registry instruments are looked up in, the host's own instrument, and what is wrong with it. */
export interface Instruments {
  readonly registry: InstrumentRegistry;
  readonly own?: Instrument | undefined;
  readonly problem?: ChecklistProblem | undefined;
}

/**
 * The host's `instrument` (validated by registering it beside `instruments`, or the kit's
 * defaults) and the registry to look instruments up in. A bad instrument is a problem,
 * never a throw: the registry without it is used meanwhile.
 */
export function chooseInstruments(instrument: unknown, instruments: InstrumentRegistry | undefined): Instruments {
  const base = instruments ?? defaultInstruments;
  if (instrument === undefined || instrument === null) return { registry: base };
  try {
    const registry = instruments ? new InstrumentRegistry(instruments.list()) : createInstrumentRegistry();
    return { registry, own: registry.register(instrument) };
  } catch (error) {
    return {
      registry: base,
      problem: { option: 'instrument', key: 'checklist.badInstrument', ...(error instanceof Error ? { error } : {}) },
    };
  }
}

/** What the checklist is asked to show. */
export interface ShownQuery {
  readonly record: CaseRecord | undefined;
  readonly instruments: Instruments;
  readonly instrumentId: string;
  readonly meetingId: string | undefined;
  readonly assessmentId: string | undefined;
  /** The assessment the element started or continued, followed across updates. */
  readonly trackedId: string | undefined;
  readonly raterName: string | undefined;
}

/** Everything one render needs, worked out from properties and the record. */
export interface Shown {
  readonly instrument?: Instrument | undefined;
  /** The assessment in the record being shown, if there is one yet. */
  readonly stored?: Assessment | undefined;
  readonly meeting?: Meeting | undefined;
  readonly problem?: ChecklistProblem | undefined;
}

export function resolveShown(query: ShownQuery): Shown {
  const { record, instruments } = query;
  let stored: Assessment | undefined;
  let meeting: Meeting | undefined;
  let problem: ChecklistProblem | undefined;
  const wanted = instruments.own ?? instruments.registry.get(query.instrumentId);
  if (record) {
    stored = findStored(record, wanted, query);
    if (query.assessmentId && !stored)
      problem = { option: 'assessment-id', key: 'checklist.unknownAssessment', params: { id: query.assessmentId } };
    const meetingId = stored?.meetingId ?? query.meetingId;
    meeting = meetingId ? record.meetings.find((m) => m.id === meetingId) : undefined;
    if (!stored && !problem) {
      if (!meetingId) problem = { option: 'meeting-id', key: 'checklist.missingMeeting' };
      else if (!meeting) problem = { option: 'meeting-id', key: 'checklist.unknownMeeting', params: { id: meetingId } };
      else if (meeting.status !== 'held')
        problem = { option: 'meeting-id', key: 'checklist.meetingNotHeld', params: { id: meetingId } };
    }
  }
  const instrument = stored ? instruments.registry.get(stored.instrumentId, stored.instrumentVersion) : wanted;
  if (!instrument && !instruments.problem) {
    problem ??= {
      option: 'instrument-id',
      key: 'checklist.unknownInstrument',
      params: { id: stored?.instrumentId ?? query.instrumentId },
    };
  }
  return { instrument, stored, meeting, problem };
}

/**
 * `assessment-id` (or the one being followed); otherwise the latest draft of this instrument for the meeting, by this
 * rater if named.
 */
function findStored(record: CaseRecord, wanted: Instrument | undefined, query: ShownQuery): Assessment | undefined {
  const id = query.assessmentId ?? query.trackedId;
  if (id) return record.assessments.find((a) => a.id === id);
  if (!wanted || !query.meetingId) return undefined;
  const rater = typeof query.raterName === 'string' ? query.raterName.trim() : undefined;
  return record.assessments.findLast(
    (a) =>
      a.status === 'draft' &&
      a.meetingId === query.meetingId &&
      a.instrumentId === wanted.id &&
      a.instrumentVersion === wanted.version &&
      (!rater || a.rater.name === rater),
  );
}
