/**
 * @odkit/meeting-timeline — `<od-meeting-timeline>`. Importing this module registers
 * nothing; import `@odkit/meeting-timeline/define.js` to register the tag.
 */
export { OdMeetingTimeline, type TimelineScale, type TimelineView, type TimelineZoom } from './meeting-timeline.js';
export { timelineStrings } from './catalogue.js';
export type { TimelineStrings } from './strings.js';
