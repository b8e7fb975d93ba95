import type { Catalogue } from './messages.js';
import { sharedWelsh } from './shared-strings-cy.js';
import { syncStatusStrings } from './sync-status-strings.js';

/**
 * Strings every widget shares: the error state and the domain vocabulary
 * (sectors, rings, tie styles, meeting modes, roles). Widgets extend this table.
 * Welsh wording should be reviewed by the service's Welsh language officer.
 */
const en = {
  'error.title': 'This information cannot be shown',
  'error.hint': 'Nothing has been changed. Check the data given to this widget, or ask your system administrator.',
  'error.saveTitle': 'Your change was not saved',
  'error.conflict':
    'Someone else changed this record while you were working. The latest version is now shown; please make your change again.',
  'error.more': { one: 'and {count} more problem', other: 'and {count} more problems' },
  loading: 'Loading…',
  'form.errorSummaryTitle': 'There is a problem',
  'form.errorPrefix': 'Error:',
  'form.optional': '(optional)',
  'form.save': 'Save',
  'form.cancel': 'Cancel',
  'form.saveFailed': 'Your change could not be saved. Nothing has been changed. Try again.',
  'form.changedTitle': 'Someone else saved a change while you were editing',
  'form.changedBody':
    'What you typed is kept. Fields you had not changed now show what they saved. Where you both changed a field, choose which to keep.',
  'form.changedAnnounce': {
    one: 'Someone else saved a change while you were editing. {count} field needs your choice.',
    other: 'Someone else saved a change while you were editing. {count} fields need your choice.',
  },
  'form.theirs': 'They saved: {value}',
  'form.theirsEmpty': 'They saved: (nothing)',
  'form.useTheirs': 'Use theirs',
  'form.changedRetry':
    'Someone else saved a change while you were editing. It is now in the form: check it and save again.',
  'form.keepMine': 'Keep mine',
  'form.yes': 'Yes',
  'form.no': 'No',
  'form.chooseVersion': 'Someone else changed this field: keep yours or use theirs',
  // The date input (forms/date-input.ts), as GOV.UK words it; {field} starts the sentence.
  'error.headingLevel': 'The heading-level attribute must be a whole number from 1 to 6',
  'date.day': 'Day',
  'date.month': 'Month',
  'date.year': 'Year',
  'date.hint': 'For example, 27 3 2026',
  'date.missing.day': '{field} must include a day',
  'date.missing.month': '{field} must include a month',
  'date.missing.year': '{field} must include a year',
  'date.missing.day-month': '{field} must include a day and month',
  'date.missing.day-year': '{field} must include a day and year',
  'date.missing.month-year': '{field} must include a month and year',
  'person.label': 'The person',
  'kind.person': 'Person',
  'kind.organisation': 'Organisation',
  'kind.professional': 'Professional',
  'sector.household': 'Household',
  'sector.family': 'Family',
  'sector.friends': 'Friends',
  'sector.work-school': 'Work or school',
  'sector.organisations': 'Clubs, groups and faith',
  'sector.neighbours': 'Neighbours',
  'sector.services': 'Services',
  'ring.1': 'Closest',
  'ring.2': 'Close',
  'ring.3': 'Less close',
  'support.emotional': 'Emotional support',
  'support.practical': 'Practical help',
  'support.information': 'Information and advice',
  'memberStatus.active': 'Active',
  'memberStatus.past': 'No longer in touch',
  'memberStatus.deceased': 'Died',
  'tieStrength.strong': 'Strong',
  'tieStrength.moderate': 'Moderate',
  'tieStrength.tenuous': 'Tenuous',
  'tieQuality.supportive': 'Supportive',
  'tieQuality.neutral': 'Neutral',
  'tieQuality.stressful': 'Stressful',
  'tieQuality.conflictual': 'Conflict',
  'tieQuality.cut-off': 'Cut off',
  'tieDirection.none': 'No direction',
  'tieDirection.to': 'Support given',
  'tieDirection.from': 'Support received',
  'tieDirection.both': 'Support both ways',
  'meetingStatus.planned': 'Planned',
  'meetingStatus.held': 'Held',
  'meetingStatus.cancelled': 'Cancelled',
  'meetingMode.home': 'Home',
  'meetingMode.clinic': 'Clinic',
  'meetingMode.remote': 'Video or phone',
  'meetingMode.other': 'Other place',
  'role.facilitator': 'Practitioner',
  'role.peer-worker': 'Peer support worker',
  'role.network': 'Network member',
  'role.other': 'Other',
  'raterRole.self': 'Self-rating',
  'raterRole.co-facilitator': 'Co-facilitator',
  'raterRole.supervisor': 'Supervisor',
  'raterRole.independent': 'Independent rater',
  'evidence.live': 'In the meeting',
  'evidence.audio': 'Audio recording',
  'evidence.video': 'Video recording',
  'evidence.notes': 'Meeting notes',
  'assessmentStatus.draft': 'Draft',
  'assessmentStatus.complete': 'Complete',
  notApplicable: 'Not applicable',
  // Offline sync: the status line, the review panel and "Changed by … on …".
  ...syncStatusStrings['en-GB'],
  'sync.lastSavedAt': 'Last saved to the record at {time}',
  'sync.lastSavedOn': 'Last saved to the record on {date}',
  'sync.review': 'Review changes',
  'sync.reviewUnavailable':
    'The changes could not be shown: this page could not fetch them. Check the connection and try again, or reload the page.',
  'critical.hardly-ever': 'Hardly ever',
  'critical.sometimes': 'Sometimes',
  'critical.almost-always': 'Almost always',
  'contactFrequency.daily': 'Daily',
  'contactFrequency.weekly': 'Weekly',
  'contactFrequency.monthly': 'Monthly',
  'contactFrequency.few-times-a-year': 'A few times a year',
  'contactFrequency.rarely': 'Rarely',
  'episodeStatus.active': 'Active',
  'episodeStatus.on-hold': 'On hold',
  'episodeStatus.finished': 'Finished',
  'history.withState': '{line} ({state})',
  'history.changedBy': 'Changed by {name} on {date}',
  'history.changedOn': 'Changed on {date}',
  'history.pending': 'not yet sent',
  'history.conflict': 'not yet sent: needs your decision',
} as const;

export type SharedStrings = typeof en;

/** The shared English table, for a widget's own table to extend. */
export const sharedEnglish: SharedStrings = en;

/**
 * Both shared tables, as data. Widgets spread `sharedEnglish`, and `sharedWelsh` in their own
 * Welsh module, fetched only for Welsh.
 */
export const sharedStrings: Catalogue<SharedStrings> = { 'en-GB': en, cy: sharedWelsh };
