import { wholeCatalogue, type Catalogue } from '@odkit/elements';
import { mapFormEnglish } from './internal/form-strings.js';
import { mapStrings as tables, type MapStrings } from './strings.js';
import { mapWelsh } from './strings-cy.js';

/**
 * Both of <od-network-map>'s string tables, as data (for overrides, tests, translations); the
 * element itself fetches Welsh only when it shows Welsh.
 */
export const mapStrings: Catalogue<MapStrings> = wholeCatalogue(tables, mapFormEnglish, mapWelsh);
