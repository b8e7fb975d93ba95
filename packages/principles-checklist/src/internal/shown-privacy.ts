/**
 * The checklist under the privacy settings (`audience`, `initials-only`): the record and an
 * assessment as shown. Apart from the element because it is a concern of its own with a small
 * cache: the record's private copy is made once per record and settings, not on every render.
 */
import { isId, type CaseRecord } from '@odkit/core';
import { hiddenMembers, privateAssessment, privateRecord, type PrivacyOptions } from '@odkit/elements';
import type { Draft } from './draft.js';
import type { ChecklistProblem } from './resolve.js';

/** `audience` must be an id (as a member's `hiddenFrom` holds). */
export const audienceProblem = (audience: string | undefined): ChecklistProblem | undefined =>
  audience && !isId(audience) ? { option: 'audience', key: 'error.audience' } : undefined;

/** The record as shown (raters hidden from the audience, initials), kept while nothing it depends on changes. */
export class PrivateRecordCache {
  #key: unknown[] = [];
  #record: CaseRecord | undefined;

  of(record: CaseRecord | undefined, privacy: PrivacyOptions): CaseRecord | undefined {
    const { audience, initialsOnly, hiddenName } = privacy;
    const key = [record, audience, initialsOnly, hiddenName];
    if (key.some((k, i) => k !== this.#key[i])) {
      this.#key = key;
      this.#record = record && privateRecord(record, privacy);
    }
    return this.#record;
  }
}

/** An assessment as shown under the privacy settings (its rater's name, its comments). */
export const privateValue = (value: Draft, record: CaseRecord | undefined, privacy: PrivacyOptions): Draft =>
  privateAssessment(value, privacy, hiddenMembers(record, privacy.audience));
