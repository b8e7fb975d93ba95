import type { OdSelectEvent } from '@odkit/react';

/** The host's own words for what a widget's od-select points at. */
export function describeSelection(selection: OdSelectEvent['selection']): string {
  if (!selection) return 'Nothing selected';
  switch (selection.kind) {
    case 'person':
      return `Selected: ${selection.person.name}`;
    case 'member':
      return `Selected: ${selection.member.name}`;
    case 'meeting':
      return `Selected: meeting ${selection.meeting.id} on ${selection.meeting.start.slice(0, 10)}`;
  }
}
