/**
 * Privacy on screen, the same in every widget: `audience` leaves out the members hidden from
 * it (`hiddenFrom`), and `initials-only` (a shared screen) shows names as initials and leaves
 * out free text that may identify someone. One pure function gives the record as a widget may
 * show it, so that every view and export drawn from it follows the settings; the widget keeps
 * the full record for its edits.
 */
import type { Assessment, CaseRecord, Episode, Meeting, NetworkMember } from '@odkit/core';
import { html, nothing, type TemplateResult } from 'lit';
import type { SyncPrivacy } from './sync/sync-locale.js';

/** What a widget's `audience` and `initials-only` ask for. */
export interface PrivacyOptions {
  /** An audience id (e.g. `family`): members hidden from it are left out. */
  readonly audience?: string | undefined;
  /** Names as initials, and no free text that may identify someone. */
  readonly initialsOnly?: boolean | undefined;
  /** What a hidden rater's name reads as, in the widget's language (default "–"). */
  readonly hiddenName?: string | undefined;
}

/** Initials of a name: "Sarah Lewis" → "S. L."; at most three. */
export function initials(name: string): string {
  const words = name.split(/[\s-]+/u).filter((w) => /\p{L}|\p{N}/u.test(w));
  const letters = words.slice(0, 3).map((w) => [...w.replace(/^[^\p{L}\p{N}]+/u, '')][0]?.toLocaleUpperCase() ?? '');
  return (
    letters
      .filter(Boolean)
      .map((l) => `${l}.`)
      .join(' ') || '?'
  );
}

/** Whether a member may be shown to `audience` (everyone may be, without one). */
export const shownTo = (member: Pick<NetworkMember, 'hiddenFrom'>, audience: string | undefined): boolean =>
  !audience || !member.hiddenFrom.includes(audience);

/** A name as shown under the options. */
export const shownName = (name: string, options: PrivacyOptions): string =>
  options.initialsOnly ? initials(name) : name;

/** The options as the sync status and review views take them (names in conflicts, free text). */
export const syncPrivacy = (options: PrivacyOptions): SyncPrivacy =>
  options.initialsOnly ? { displayName: initials, hideText: true } : {};

/** Takes out the optional fields `keys` of `value` (a copy). */
function without<T extends object, K extends keyof T>(value: T, keys: readonly K[]): T {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
}

/**
 * The record as a widget may show it under the options: members hidden from the audience left out (with their ties,
 * their place in meetings and their name as a rater); with `initialsOnly`, every name as initials and the free text
 * that may name someone (relationship text, organisation, notes, tie labels, meeting place, notes and cancellation
 * reason, rating comments, referral source, hand-over reasons) and the person's NHS number and birth date left out.
 * The same record when no option is set. For showing only: a widget never saves what this returns.
 */
export function privateRecord(record: CaseRecord, options: PrivacyOptions): CaseRecord {
  const { audience, initialsOnly } = options;
  if (!audience && !initialsOnly) return record;
  const hidden = hiddenMembers(record, audience);
  const name = (text: string) => shownName(text, options);
  const members = record.members
    .filter((m) => !hidden.has(m.id))
    .map((m): NetworkMember => {
      if (!initialsOnly) return m;
      const { code } = m.relationship;
      return {
        ...without(m, ['organisation', 'notes']),
        name: name(m.name),
        relationship: code === undefined ? {} : { code },
      };
    });
  const ties = record.ties
    .filter((t) => !hidden.has(t.from) && !hidden.has(t.to))
    .map((t) => (initialsOnly ? without(t, ['label']) : t));
  const meetings = record.meetings.map((m): Meeting => {
    const attendees = hidden.size ? m.attendees.filter((a) => !hidden.has(a.memberId)) : m.attendees;
    const shown = attendees === m.attendees ? m : { ...m, attendees };
    return initialsOnly ? without(shown, ['place', 'notes', 'cancellationReason']) : shown;
  });
  const assessments = record.assessments.map((a) => privateAssessment(a, options, hidden));
  return {
    ...record,
    person: initialsOnly
      ? { ...without(record.person, ['nhsNumber', 'birthDate']), name: name(record.person.name) }
      : record.person,
    members,
    ties,
    episodes: initialsOnly ? record.episodes.map(privateEpisode) : record.episodes,
    meetings,
    assessments,
  };
}

/** An episode with no free text that may name someone: no referral source, no hand-over reasons. */
function privateEpisode(episode: Episode): Episode {
  const shown = without(episode, ['referralSource']);
  return shown.handovers ? { ...shown, handovers: shown.handovers.map((h) => without(h, ['reason'])) } : shown;
}

/**
 * An assessment (or a checklist's draft of one) as shown: with `initialsOnly` the rater's name as initials and no
 * comments; a rater who is a member in `hidden` (hidden from the audience) keeps their role, and their name is
 * `options.hiddenName` (default "–"). The same assessment when nothing applies.
 */
export function privateAssessment<A extends Pick<Assessment, 'rater' | 'ratings'>>(
  assessment: A,
  options: PrivacyOptions,
  hidden: ReadonlySet<string>,
): A {
  const { memberId } = assessment.rater;
  const rater =
    memberId !== undefined && hidden.has(memberId)
      ? { name: options.hiddenName ?? '–' }
      : options.initialsOnly
        ? // A draft's name not given yet stays empty (the views say so), not "?".
          { ...assessment.rater, name: assessment.rater.name && initials(assessment.rater.name) }
        : undefined;
  if (!rater && !options.initialsOnly) return assessment;
  const ratings = options.initialsOnly ? assessment.ratings.map((r) => without(r, ['comment'])) : assessment.ratings;
  return { ...assessment, rater: rater ?? assessment.rater, ratings };
}

/** The members of `record` hidden from the audience, by id. */
export const hiddenMembers = (record: CaseRecord | undefined, audience: string | undefined): ReadonlySet<string> =>
  new Set(audience && record ? record.members.filter((m) => !shownTo(m, audience)).map((m) => m.id) : []);

/** The settings in words ("Initials only · Shown to: family"), so that a person sees the view is filtered. */
export function renderPrivacyNote(
  options: PrivacyOptions,
  t: (key: 'privacy.audience' | 'privacy.initialsOnly', params?: { audience: string }) => string,
): TemplateResult | typeof nothing {
  const parts = [
    options.initialsOnly ? t('privacy.initialsOnly') : '',
    options.audience ? t('privacy.audience', { audience: options.audience }) : '',
  ].filter(Boolean);
  return parts.length ? html`<p class="od-privacy-note" part="privacy">${parts.join(' · ')}</p>` : nothing;
}
