/**
 * What a person does to an attendee, in the details or the attendance matrix, told to the host:
 * focus on a member (`od-member-focus`, which the map follows) and choosing one (`od-select`).
 * Apart so the element's handler table only wires them in.
 */
import type { CaseRecord } from '@odkit/core';
import { OdMemberFocusEvent, OdSelectEvent } from '@odkit/elements';
import type { TimelineHandlers } from './view-kit.js';

export type AttendeeHandlers = Pick<TimelineHandlers, 'attendeeFocus' | 'attendeeBlur' | 'selectMember'>;

/** `emit` dispatches from the element; `recorded` is the record as saved (not as shown). */
export function attendeeHandlers(
  emit: (event: Event) => void,
  recorded: () => CaseRecord | undefined,
): AttendeeHandlers {
  return {
    attendeeFocus: (event) => {
      const id = (event.target as HTMLElement).dataset.member;
      if (id) emit(new OdMemberFocusEvent(id));
    },
    // Focus moving from one attendee to the next says nothing: only leaving them all clears the focus.
    attendeeBlur: (event) => {
      const to = event.relatedTarget as HTMLElement | null;
      if ((event.target as HTMLElement).dataset.member && !to?.dataset.member) emit(new OdMemberFocusEvent(null));
    },
    // The host gets the member as recorded, not as shown (initials).
    selectMember: (member) =>
      emit(
        new OdSelectEvent({ kind: 'member', member: recorded()?.members.find((m) => m.id === member.id) ?? member }),
      ),
  };
}
