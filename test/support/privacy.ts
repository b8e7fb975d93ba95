/**
 * What a shared screen (`initials-only`) must never show of a record, for the privacy tests of
 * every widget.
 */
import type { CaseRecord } from '@odkit/core';
import { initials } from '@odkit/elements';

/**
 * Every person's and member's full name, each rater's, and each word of a person's name (a
 * first name alone names someone too). A name recorded as initials already ("J. K.") is what the
 * screen may show, so it is left out.
 */
export function namesIn(record: CaseRecord): string[] {
  const people = [
    record.person.name,
    ...record.members.map((m) => m.name),
    ...record.assessments.map((a) => a.rater.name),
  ];
  const words = [
    record.person.name,
    ...record.members.filter((m) => m.kind !== 'organisation').map((m) => m.name),
    ...record.assessments.map((a) => a.rater.name),
  ]
    .flatMap((name) => name.split(/\s+/u))
    .filter((w) => /^\p{Lu}\p{L}{2,}/u.test(w) && w !== 'Dr');
  return [...new Set([...people.filter((name) => name !== initials(name)), ...words])];
}
