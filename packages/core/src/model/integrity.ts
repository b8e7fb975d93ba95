import type { Issue } from '../errors.js';
import type { InstrumentRegistry } from '../instruments/registry.js';
import { PRACTITIONER_ROLES, type CaseRecord } from './schemas.js';

/**
 * Checks what a schema cannot see: unique ids and that every reference points at
 * something in the record (or, for assessments, at a registered instrument).
 * Returns every issue found, each with its path.
 */
export function checkIntegrity(record: CaseRecord, instruments: InstrumentRegistry): Issue[] {
  const issues: Issue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });

  const uniqueIds = <T extends { id: string }>(list: readonly T[], key: string) => {
    const byId = new Map<string, T>();
    list.forEach((entry, i) => {
      if (byId.has(entry.id)) add([key, i, 'id'], `repeats the id "${entry.id}"`);
      else byId.set(entry.id, entry);
    });
    return byId;
  };

  const members = uniqueIds(record.members, 'members');
  // An audience is one an entity is hidden from or not (FHIR keeps one security label for each).
  record.members.forEach((m, i) =>
    m.hiddenFrom.forEach((audience, j) => {
      if (m.hiddenFrom.indexOf(audience) < j)
        add(['members', i, 'hiddenFrom', j], `repeats the audience "${audience}"`);
    }),
  );
  if (members.has(record.person.id)) {
    add(
      ['members', record.members.findIndex((m) => m.id === record.person.id), 'id'],
      `uses the person's own id "${record.person.id}"`,
    );
  }
  const episodes = uniqueIds(record.episodes, 'episodes');
  const bounds = new Map(
    record.episodes.map((e) => [
      e.id,
      { from: Date.parse(e.firstContact), until: e.end ? Date.parse(e.end) : Infinity },
    ]),
  );
  const meetings = uniqueIds(record.meetings, 'meetings');
  uniqueIds(record.ties, 'ties');
  uniqueIds(record.assessments, 'assessments');

  record.ties.forEach((tie, i) => {
    if (tie.from !== record.person.id && !members.has(tie.from)) {
      add(['ties', i, 'from'], `refers to "${tie.from}", which is neither the person nor a network member`);
    }
    if (!members.has(tie.to)) add(['ties', i, 'to'], `refers to "${tie.to}", which is not a network member`);
  });

  record.meetings.forEach((meeting, i) => {
    const episode = episodes.get(meeting.episodeId);
    const range = bounds.get(meeting.episodeId);
    const start = Date.parse(meeting.start);
    if (!episode || !range) {
      add(['meetings', i, 'episodeId'], `refers to "${meeting.episodeId}", which is not an episode of this case`);
    } else if (start < range.from) {
      add(['meetings', i, 'start'], `is before first contact of episode "${episode.id}" (${episode.firstContact})`);
    } else if (meeting.status !== 'cancelled' && start > range.until) {
      add(['meetings', i, 'start'], `is after the end of episode "${episode.id}" (${episode.end})`);
    }
    const seen = new Set<string>();
    meeting.attendees.forEach((attendee, j) => {
      const member = members.get(attendee.memberId);
      if (!member)
        add(
          ['meetings', i, 'attendees', j, 'memberId'],
          `refers to "${attendee.memberId}", which is not a network member`,
        );
      else if ((PRACTITIONER_ROLES as readonly string[]).includes(attendee.role) && member.kind !== 'professional') {
        add(
          ['meetings', i, 'attendees', j, 'role'],
          `is "${attendee.role}", but member "${member.id}" is not a professional`,
        );
      }
      if (seen.has(attendee.memberId))
        add(['meetings', i, 'attendees', j, 'memberId'], `lists "${attendee.memberId}" twice`);
      seen.add(attendee.memberId);
    });
  });

  record.assessments.forEach((assessment, i) => {
    const meeting = meetings.get(assessment.meetingId);
    if (!meeting) {
      add(['assessments', i, 'meetingId'], `refers to "${assessment.meetingId}", which is not a meeting of this case`);
    } else if (meeting.status !== 'held') {
      add(
        ['assessments', i, 'meetingId'],
        `refers to meeting "${meeting.id}", which is ${meeting.status}; only a held meeting can be rated`,
      );
    }
    if (assessment.rater.memberId !== undefined && !members.has(assessment.rater.memberId)) {
      add(
        ['assessments', i, 'rater', 'memberId'],
        `refers to "${assessment.rater.memberId}", which is not a network member`,
      );
    }
    const instrument = instruments.get(assessment.instrumentId, assessment.instrumentVersion);
    if (!instrument) {
      add(
        ['assessments', i, 'instrumentId'],
        `refers to instrument "${assessment.instrumentId}" version "${assessment.instrumentVersion}", which is not registered`,
      );
      return;
    }
    const items = new Map(instrument.items.map((item) => [item.id, item]));
    const values = new Set(instrument.scale.options.map((o) => o.value));
    const rated = new Set<string>();
    assessment.ratings.forEach((rating, j) => {
      const path = ['assessments', i, 'ratings', j];
      if (!items.has(rating.itemId))
        add([...path, 'itemId'], `refers to "${rating.itemId}", which is not an item of "${instrument.id}"`);
      if (rated.has(rating.itemId)) add([...path, 'itemId'], `rates "${rating.itemId}" twice`);
      rated.add(rating.itemId);
      if (rating.value === 'na' && !instrument.scale.notApplicable) {
        add([...path, 'value'], `is "not applicable", which "${instrument.id}" does not allow`);
      } else if (typeof rating.value === 'number' && !values.has(rating.value)) {
        add([...path, 'value'], `is ${rating.value}, which is not on the scale (${[...values].join(', ')})`);
      }
    });
    if (assessment.status === 'complete') {
      for (const item of instrument.items) {
        const rating = assessment.ratings.find((r) => r.itemId === item.id);
        if (item.required && rating?.value === undefined) {
          add(['assessments', i, 'ratings'], `has no rating for required item "${item.id}", so it cannot be complete`);
        }
      }
    }
  });

  return issues;
}

/** Checks an instrument's internal references: unique group and item ids, items in known groups. */
export function checkInstrumentIntegrity(instrument: {
  groups: readonly { id: string }[];
  items: readonly { id: string; groupId: string }[];
}): Issue[] {
  const issues: Issue[] = [];
  const groups = new Set<string>();
  instrument.groups.forEach((g, i) => {
    if (groups.has(g.id)) issues.push({ path: ['groups', i, 'id'], message: `repeats the id "${g.id}"` });
    groups.add(g.id);
  });
  const items = new Set<string>();
  instrument.items.forEach((item, i) => {
    if (items.has(item.id)) issues.push({ path: ['items', i, 'id'], message: `repeats the id "${item.id}"` });
    items.add(item.id);
    if (!groups.has(item.groupId)) {
      issues.push({
        path: ['items', i, 'groupId'],
        message: `refers to "${item.groupId}", which is not a group of this instrument`,
      });
    }
  });
  return issues;
}
