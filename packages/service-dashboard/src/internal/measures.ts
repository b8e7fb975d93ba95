/**
 * The measures the dashboard shows, in the order of its tiles. Each has a name and a
 * definition in the string tables (`measure.<id>`, `measure.<id>.target`); the
 * definitions themselves are core's (docs/metrics.md).
 */
export const MEASURES = [
  'firstMeetingWithinTarget',
  'timeToFirstMeeting',
  'earlyMeetings',
  'twoOrMorePractitioners',
  'withPeerWorker',
  'withNetworkMember',
  'continuity',
  'networkPresent',
  'networkGrowth',
  'fidelity',
] as const;

export type MeasureId = (typeof MEASURES)[number];

/** Goals a service sets for its rates, as shares from 0 to 1 (e.g. `{ firstMeetingWithinTarget: 0.8 }`). */
export type MeasureGoals = Partial<Record<MeasureId, number>>;

export const isMeasureId = (value: unknown): value is MeasureId => (MEASURES as readonly unknown[]).includes(value);
