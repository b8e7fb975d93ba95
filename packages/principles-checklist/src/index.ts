/**
 * @odkit/principles-checklist — `<od-principles-checklist>`, a form-associated fidelity
 * checklist. Importing this module registers nothing; import
 * `@odkit/principles-checklist/define.js` to register the tag.
 */
export { OdPrinciplesChecklist } from './principles-checklist.js';
export { checklistStrings } from './internal/catalogue.js';
export type { ChecklistStrings } from './internal/strings.js';
export type { Draft as ChecklistValue } from './internal/draft.js';
