import * as z from '../internal/z.js';
import { Id, IsoDateTime } from '../model/primitives.js';
import { NetworkMember, Person, Tie, type CaseRecord } from '../model/schemas.js';
import { MEMBER_DATED_FIELDS, TIE_DATED_FIELDS, withHistory } from '../model/dated.js';
import { add, changeApplier, find, invalid, now, replace } from './apply.js';

/** The changes to the person and their network: the network map's edits. */
export const NetworkChange = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('person/update'), person: Person }),
  z.strictObject({ type: z.literal('member/add'), member: NetworkMember }),
  /**
   * `at`: when the change was made (stores fill it in from the edit's time); a change of the member's ring, sector
   * or status keeps the earlier value in the member's `history`, dated then.
   */
  z.strictObject({ type: z.literal('member/update'), member: NetworkMember, at: z.optional(IsoDateTime) }),
  /** Removes the member and their ties. Refused while a meeting or assessment refers to them. */
  z.strictObject({ type: z.literal('member/remove'), memberId: Id }),
  z.strictObject({ type: z.literal('tie/add'), tie: Tie }),
  /** `at`: as for member/update; a change of the tie's strength, quality or direction is dated in its `history`. */
  z.strictObject({ type: z.literal('tie/update'), tie: Tie, at: z.optional(IsoDateTime) }),
  z.strictObject({ type: z.literal('tie/remove'), tieId: Id }),
]);
export type NetworkChange = z.infer<typeof NetworkChange>;

export function reduceNetwork(record: CaseRecord, change: NetworkChange): CaseRecord {
  switch (change.type) {
    case 'person/update':
      if (change.person.id !== record.person.id) {
        throw invalid(['person', 'id'], `cannot change the person's id (is "${record.person.id}")`);
      }
      return { ...record, person: change.person };
    case 'member/add':
      return { ...record, members: add(record.members, change.member, 'member') };
    case 'member/update': {
      const current = find(record.members, change.member.id, 'member');
      const member = withHistory(current, change.member, MEMBER_DATED_FIELDS, change.at ?? now(), ['member']);
      return { ...record, members: replace(record.members, member, 'member') };
    }
    case 'member/remove': {
      const id = change.memberId;
      find(record.members, id, 'member');
      const attended = record.meetings.find((m) => m.attendees.some((a) => a.memberId === id));
      if (attended) {
        throw invalid(
          ['memberId'],
          `"${id}" is listed in meeting "${attended.id}"; mark them as past instead of removing them`,
        );
      }
      const rated = record.assessments.find((a) => a.rater.memberId === id);
      if (rated)
        throw invalid(['memberId'], `"${id}" is the rater of assessment "${rated.id}"; mark them as past instead`);
      return {
        ...record,
        members: record.members.filter((m) => m.id !== id),
        ties: record.ties.filter((t) => t.from !== id && t.to !== id),
      };
    }
    case 'tie/add':
      return { ...record, ties: add(record.ties, change.tie, 'tie') };
    case 'tie/update': {
      const current = find(record.ties, change.tie.id, 'tie');
      const tie = withHistory(current, change.tie, TIE_DATED_FIELDS, change.at ?? now(), ['tie']);
      return { ...record, ties: replace(record.ties, tie, 'tie') };
    }
    case 'tie/remove':
      find(record.ties, change.tieId, 'tie');
      return { ...record, ties: record.ties.filter((t) => t.id !== change.tieId) };
  }
}

/** `applyChange` for the person and their network alone (`NetworkChange`): any other change is a ValidationError. */
export const applyNetworkChange = changeApplier(NetworkChange, reduceNetwork);
