import type { Catalogue } from '@odkit/elements';
import { checklistStrings as tables, type ChecklistStrings } from './strings.js';
import { checklistWelsh } from './strings-cy.js';

/**
 * Both of <od-principles-checklist>'s string tables, as data (for overrides, tests, translations); the
 * element itself fetches Welsh only when it shows Welsh.
 */
export const checklistStrings: Catalogue<ChecklistStrings> = { 'en-GB': tables['en-GB'], cy: checklistWelsh };
