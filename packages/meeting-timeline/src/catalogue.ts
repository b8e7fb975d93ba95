import type { Catalogue } from '@odkit/elements';
import { timelineStrings as tables, type TimelineStrings } from './strings.js';
import { timelineWelsh } from './strings-cy.js';

/**
 * Both of <od-meeting-timeline>'s string tables, as data (for overrides, tests, translations); the
 * element itself fetches Welsh only when it shows Welsh.
 */
export const timelineStrings: Catalogue<TimelineStrings> = { 'en-GB': tables['en-GB'], cy: timelineWelsh };
