import type { Catalogue, Message } from './messages.js';

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

const cy: { readonly [K in keyof typeof en]: Message } = {
  'privacy.audience': 'Yn cael ei ddangos i: {audience}',
  'privacy.initialsOnly': 'Llythrennau blaen yn unig',
  'privacy.nameHidden': 'Heb ei ddangos i’r gynulleidfa hon',
  'error.audience': 'Rhaid i’r gynulleidfa fod rhwng 1 a 64 o lythrennau, digidau, cysylltnodau neu atalnodau llawn.',
};

export type PrivacyStrings = typeof en;
export const privacyStrings: Catalogue<PrivacyStrings> = { 'en-GB': en, cy };
