import { OdMeetingTimeline } from './meeting-timeline.js';

OdMeetingTimeline.define('od-meeting-timeline');

declare global {
  interface HTMLElementTagNameMap {
    'od-meeting-timeline': OdMeetingTimeline;
  }
}
