/**
 * The timeline's edit forms (a meeting's, its cancellation, an episode's), what reads them, and the edits that
 * hold their state and save their changes: the part of the timeline only editing needs, loaded once the
 * timeline is editable (a read-only timeline never fetches it). Imported nowhere else but through
 * `timelineForms` (on-demand.ts), so bundlers split it into a file of its own.
 */
export { EditedUnderneath } from '@odkit/elements';
export { timelineFormEnglish } from './form-strings.js';
export { EpisodeEdits } from './episode-edits.js';
export { MeetingEdits } from './meeting-edits.js';
export { buildCancel, cancelFieldFor, renderCancelForm } from './cancel-form.js';
export {
  buildChange,
  draftFor,
  fieldForIssue,
  pickableMembers,
  readForm,
  renderMeetingPanel,
  withPickable,
} from './meeting-form.js';
export {
  buildEpisodeChange,
  episodeDraftFor,
  episodeFieldFor,
  episodeFormTitle,
  readEpisodeForm,
  renderEpisodeFields,
} from './episode-form.js';
