import type { Catalogue } from '@odkit/elements';
import { dashboardStrings as tables, type DashboardStrings } from './strings.js';
import { dashboardWelsh } from './strings-cy.js';

/**
 * Both of <od-service-dashboard>'s string tables, as data (for overrides, tests, translations); the
 * element itself fetches Welsh only when it shows Welsh.
 */
export const dashboardStrings: Catalogue<DashboardStrings> = { 'en-GB': tables['en-GB'], cy: dashboardWelsh };
