// A chunk of the chunked bundle (dist/odkit-meeting-timeline.js):
// <od-meeting-timeline>'s code, fetched when the tag is first used.
export { OdMeetingTimeline as element } from '@odkit/meeting-timeline';
