import * as z from '../internal/z.js';
import { Id, ShortText } from '../model/primitives.js';
import { Attendee, Episode, Meeting, type CaseRecord } from '../model/schemas.js';
import { add, changeApplier, derived, find, invalid, replace } from './apply.js';

/** The changes to the episodes of care and their meetings: the meeting timeline's edits. */
export const TimelineChange = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('episode/add'), episode: Episode }),
  z.strictObject({ type: z.literal('episode/update'), episode: Episode }),
  z.strictObject({ type: z.literal('meeting/record'), meeting: Meeting }),
  z.strictObject({ type: z.literal('meeting/update'), meeting: Meeting }),
  z.strictObject({ type: z.literal('meeting/cancel'), meetingId: Id, reason: z.optional(ShortText) }),
  z.strictObject({
    type: z.literal('meeting/set-attendance'),
    meetingId: Id,
    personPresent: z.boolean(),
    attendees: z.array(Attendee),
  }),
]);
export type TimelineChange = z.infer<typeof TimelineChange>;

export function reduceTimeline(record: CaseRecord, change: TimelineChange): CaseRecord {
  switch (change.type) {
    case 'episode/add':
      return { ...record, episodes: add(record.episodes, change.episode, 'episode') };
    case 'episode/update':
      return { ...record, episodes: replace(record.episodes, change.episode, 'episode') };
    case 'meeting/record':
      return { ...record, meetings: add(record.meetings, change.meeting, 'meeting') };
    case 'meeting/update':
      return { ...record, meetings: replace(record.meetings, change.meeting, 'meeting') };
    case 'meeting/cancel': {
      const meeting = find(record.meetings, change.meetingId, 'meeting');
      if (meeting.status !== 'planned') {
        throw invalid(['meetingId'], `"${meeting.id}" is ${meeting.status}; only a planned meeting can be cancelled`);
      }
      const cancelled: Meeting = { ...meeting, status: 'cancelled' };
      if (change.reason !== undefined) cancelled.cancellationReason = change.reason;
      return {
        ...record,
        meetings: replace(record.meetings, derived(Meeting, cancelled, record.meetings, 'meetings'), 'meeting'),
      };
    }
    case 'meeting/set-attendance': {
      const meeting = find(record.meetings, change.meetingId, 'meeting');
      const updated = { ...meeting, personPresent: change.personPresent, attendees: change.attendees };
      return {
        ...record,
        meetings: replace(record.meetings, derived(Meeting, updated, record.meetings, 'meetings'), 'meeting'),
      };
    }
  }
}

/** `applyChange` for episodes and meetings alone (`TimelineChange`): any other change is a ValidationError. */
export const applyTimelineChange = changeApplier(TimelineChange, reduceTimeline);
