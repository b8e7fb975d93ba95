/** The timeline's edit forms, fetched on demand: the one instance the meeting and episode edits share. */
import { addEnglish, OnDemand } from '@odkit/elements';
import { timelineStrings } from '../strings.js';
import type * as Forms from './forms.js';

export type TimelineForms = typeof Forms;

/**
 * Fetched once the timeline is editable (the element's `updated`), or when a form is opened before that. Their
 * English completes the timeline's table as they arrive, before any form is drawn.
 */
export const timelineForms = new OnDemand<TimelineForms>(() =>
  import('./forms.js').then((forms) => {
    addEnglish(timelineStrings, forms.timelineFormEnglish);
    return forms;
  }),
);

/** The forms, which an open form was drawn by (so they are here). */
export function formsOpen(): TimelineForms {
  if (!timelineForms.module) throw new Error('A timeline form was used before the forms were loaded');
  return timelineForms.module;
}
