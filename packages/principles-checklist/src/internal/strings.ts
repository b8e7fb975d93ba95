import { privacyEnglish, sharedEnglish, type LazyCatalogue } from '@odkit/elements';

/**
 * The checklist's own strings, on top of the shared vocabulary (rater roles,
 * evidence sources, "Not applicable", form and error wording). Instrument text
 * (titles, items, scale labels) comes from the instrument and its own translations.
 */
const en = {
  ...sharedEnglish,
  ...privacyEnglish,
  'checklist.progress': { one: '{rated} of {count} item rated', other: '{rated} of {count} items rated' },
  'checklist.aboutRating': 'About this rating',
  'checklist.raterName': 'Rater’s name',
  'checklist.raterNameHint': 'The person giving these ratings.',
  'checklist.raterSignedIn': 'You are signed in as {name}: your ratings are saved under this name.',
  'checklist.raterSignedInRole': 'You are signed in as {name} ({role}): your ratings are saved under this name.',
  'checklist.badRater': 'The rater given to this checklist is invalid: it needs a name of at most 200 characters.',
  'checklist.raterRole': 'Rater’s role',
  'checklist.evidence': 'What the rating is based on',
  'checklist.comment': 'Comment',
  'checklist.ratingFor': 'Rating for “{item}”',
  'checklist.complete': 'Complete assessment',
  'checklist.reopen': 'Reopen to change it',
  'checklist.completed': 'Completed on {date}. This assessment is read-only.',
  'checklist.savedAt': 'Saved as you go. Last saved {time}.',
  'checklist.notSaved': 'Not saved yet: enter the rater’s name to save as you go.',
  'checklist.draftKept': 'Your draft is kept on this device until you complete the assessment.',
  'checklist.draftOnlyHere':
    'Your draft is only on this device: it could not be saved to the record yet. It is saved with your next change.',
  'checklist.draftNeedsName': 'Your draft is only on this device: enter the rater’s name to save it to the record.',
  'checklist.draftRestored': 'What you entered before was restored from this device.',
  'checklist.draftUnreadable': 'A draft kept on this device could not be read, so it was removed.',
  // Someone else changed the assessment being rated (with the shared form.changed* and form.theirs strings).
  'checklist.completedUnderneath':
    'They completed this assessment, so it is read-only. What you had not saved yet is kept on this device and shown here: reopen the assessment to save it.',
  'checklist.notRated': 'Not rated',
  'checklist.meeting': 'Meeting on {date}',
  'checklist.notReady': 'The checklist is not ready, so there is no assessment to send yet',
  'checklist.enterRater': 'Enter the rater’s name',
  'checklist.badValue': 'The value given is not an assessment of this instrument, or this checklist has a record.',
  'checklist.selectRating': 'Select a rating for “{item}”',
  'checklist.missingMeeting': 'Set the meeting-id attribute to the id of a held meeting in this record.',
  'checklist.unknownMeeting': 'There is no meeting with id “{id}” in this record.',
  'checklist.meetingNotHeld': 'Meeting “{id}” has not been held, so it cannot be rated yet.',
  'checklist.unknownAssessment': 'There is no assessment with id “{id}” in this record.',
  'checklist.unknownInstrument':
    'No instrument “{id}” is registered. Register it, or give it as the instrument property.',
  'checklist.badInstrument': 'The instrument given to this checklist is invalid.',
  'summary.title': 'Scores',
  'summary.caption': 'Scores by group for {rater}',
  'summary.group': 'Group',
  'summary.rated': 'Rated',
  'summary.na': 'Not applicable',
  'summary.unrated': 'Not rated',
  'summary.mean': 'Mean rating',
  'summary.score': 'Score',
  'summary.overall': 'Overall',
  'summary.none': '–',
  'summary.scoreHint':
    'Score: where the ratings sit between the lowest (0%) and highest (100%) point of the scale. Items not applicable or not rated do not count.',
  'trend.title': 'Trend across the episode',
  'trend.caption': 'Score of each rated meeting in this episode, earliest first',
  'trend.date': 'Meeting',
  'trend.assessments': 'Assessments',
  'trend.score': 'Score',
  'trend.empty': 'No meeting in this episode has a completed assessment with this instrument yet.',
  'compare.title': 'Two raters compared',
  'compare.caption': 'Ratings of each item by both raters',
  'compare.item': 'Item',
  'compare.difference': 'Difference',
  'compare.same': 'Same',
  'compare.differs': 'Differs',
  'compare.agreement': {
    one: 'The raters agree on {agree} of {count} item.',
    other: 'The raters agree on {agree} of {count} items.',
  },
  'compare.none': 'There is no second assessment of this meeting with this instrument to compare with.',
  'compare.rater': '{name} ({role})',
} as const;

export type ChecklistStrings = typeof en;
/**
 * The tables <od-principles-checklist> renders with: English here, Welsh fetched the first time an element
 * resolves to Welsh (strings-cy.ts, a chunk of its own in the kit's bundle). Both tables
 * together, as data, are the package's public `checklistStrings` (catalogue.ts).
 */
export const checklistStrings: LazyCatalogue<ChecklistStrings> = {
  'en-GB': en,
  cy: () => import('./strings-cy.js').then((m) => m.checklistWelsh),
};
