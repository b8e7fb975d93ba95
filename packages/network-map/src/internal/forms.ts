/**
 * The map's edit forms and what reads them: the part of the map only editing needs, loaded by
 * MapEdits once the map is editable (a read-only map never fetches it). Imported nowhere else
 * but through `loadForms`, so bundlers split it into a file of its own.
 */
import type { NetworkMember, Person, Tie } from '@odkit/core';
import type { Translate } from '@odkit/elements';
import type { MapStrings } from '../strings.js';
import { memberFieldValues } from './member-form.js';
import { personFieldValues } from './person-form.js';
import { tieFieldValues } from './tie-form.js';

export { EditedUnderneath, formAccess } from '@odkit/elements';
export { mapFormEnglish } from './form-strings.js';
export { memberFieldFor, readMemberForm, renderMemberForm } from './member-form.js';
export { personFieldFor, readPersonForm, renderPersonForm } from './person-form.js';
export { readTieForm, renderTieForm, tieFieldFor } from './tie-form.js';

/** An edited member's, tie's or person's values by control name (for merging changes saved elsewhere). */
export const fieldValues = (edited: NetworkMember | Tie | Person, t: Translate<MapStrings>) =>
  'from' in edited
    ? tieFieldValues(edited)
    : 'ring' in edited
      ? memberFieldValues(edited, t)
      : personFieldValues(edited);
