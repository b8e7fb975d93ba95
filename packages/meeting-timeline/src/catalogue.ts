import { wholeCatalogue, type Catalogue } from '@odkit/elements';
import { timelineFormEnglish } from './internal/form-strings.js';
import { timelineStrings as tables, type TimelineStrings } from './strings.js';
import { timelineWelsh } from './strings-cy.js';

/**
 * Both of <od-meeting-timeline>'s string tables, as data (for overrides, tests, translations); the
 * element itself fetches Welsh only when it shows Welsh.
 */
export const timelineStrings: Catalogue<TimelineStrings> = wholeCatalogue(tables, timelineFormEnglish, timelineWelsh);
