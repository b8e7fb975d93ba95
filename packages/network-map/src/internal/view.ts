import {
  memberAsOf,
  tieAsOf,
  type CaseRecord,
  type MemberStatus,
  type NetworkMember,
  type Person,
  type Tie,
} from '@odkit/core';
import { initials, shownTo } from '@odkit/elements';

/** What the map shows of a record: the options that filter it everywhere (picture, table, summary, details, export). */
export interface ViewOptions {
  /** `YYYY-MM-DD`: only members and ties active on that day. */
  readonly asOf?: string | undefined;
  /**
   * The instant `asOf` stands for (ISO 8601; by default the end of that day in UTC): rings, sectors, statuses and
   * ties are shown as their dated history has them then.
   */
  readonly asOfInstant?: string | undefined;
  /** Leave out members hidden from this audience (and their ties). */
  readonly audience?: string | undefined;
  /** Show initials instead of names, and leave out free text that may identify someone. */
  readonly initialsOnly?: boolean | undefined;
}

/** A member as shown: display name and the status they had on the view's date. */
export interface ShownMember {
  /** The member, with the ring, sector and status they had on the view's date. */
  readonly member: NetworkMember;
  readonly name: string;
  /** The relationship in the person's own words; empty in initials-only mode (it may identify someone). */
  readonly relationship: string;
  /** The relationship's code, if it has one: shown by its name where there are no words (`relationshipShown`). */
  readonly relationshipCode: string | undefined;
  readonly status: MemberStatus;
}

export interface ShownTie {
  /** The tie, with the strength, quality and direction it had on the view's date. */
  readonly tie: Tie;
  /** True when both ends are members (drawn quieter). */
  readonly between: boolean;
  readonly label: string | undefined;
}

export interface NetworkView {
  readonly person: Person;
  readonly personName: string;
  readonly members: readonly ShownMember[];
  readonly ties: readonly ShownTie[];
  /** Members by id, for lookups. */
  readonly byId: ReadonlyMap<string, ShownMember>;
}

/** Initials of a name (shared by every widget): "Sarah Lewis" → "S. L.". */
export { initials };

/** Active on `day` (inclusive start, exclusive end: on the `until` day they had left). */
const activeOn = (day: string, since?: string, until?: string) => (!since || since <= day) && (!until || day < until);

/** The part of the record the map shows, with the view options applied. Pure; cached by the element. */
export function networkView(record: CaseRecord, options: ViewOptions): NetworkView {
  const { asOf, audience, initialsOnly } = options;
  const instant = asOf ? (options.asOfInstant ?? `${asOf}T23:59:59.999Z`) : undefined;
  const shown = (name: string) => (initialsOnly ? initials(name) : name);
  const members: ShownMember[] = [];
  for (const current of record.members) {
    if (!shownTo(current, audience)) continue;
    if (asOf && !activeOn(asOf, current.since, current.until)) continue;
    const member = instant ? memberAsOf(current, instant) : current;
    // A status from the history is as it was; without one, on a day before they left, a member was still active.
    const status: MemberStatus =
      member.status !== current.status
        ? member.status
        : asOf && current.until && asOf < current.until
          ? 'active'
          : current.status;
    const relationship = initialsOnly ? '' : (member.relationship.text ?? '');
    members.push({
      member,
      name: shown(member.name),
      relationship,
      relationshipCode: member.relationship.code,
      status,
    });
  }
  const byId = new Map(members.map((m) => [m.member.id, m]));
  const personId = record.person.id;
  const ties: ShownTie[] = [];
  for (const tie of record.ties) {
    const fromOk = tie.from === personId || byId.has(tie.from);
    if (!fromOk || !byId.has(tie.to)) continue;
    if (asOf && !activeOn(asOf, tie.since, tie.until)) continue;
    const was = instant ? tieAsOf(tie, instant) : tie;
    ties.push({ tie: was, between: tie.from !== personId, label: initialsOnly ? undefined : tie.label });
  }
  return { person: record.person, personName: shown(record.person.name), members, ties, byId };
}
