import type { Catalogue } from './messages.js';
import { privacyWelsh } from './shared-strings-cy.js';

/**
 * The words of `audience` and `initials-only` (see privacy.ts): a table of their own, spread
 * into the tables of the widgets that show people, so a widget that shows no one carries none.
 * Welsh wording should be reviewed by the service's Welsh language officer.
 */
const en = {
  'privacy.audience': 'Shown to: {audience}',
  'privacy.initialsOnly': 'Initials only',
  'privacy.nameHidden': 'Not shown to this audience',
  'error.audience': 'The audience must be 1 to 64 letters, digits, hyphens or full stops.',
} as const;

export type PrivacyStrings = typeof en;
/** The privacy words in English, for a widget's own table to extend (Welsh: `privacyWelsh`). */
export const privacyEnglish: PrivacyStrings = en;

/** Both privacy tables, as data. */
export const privacyStrings: Catalogue<PrivacyStrings> = { 'en-GB': en, cy: privacyWelsh };
