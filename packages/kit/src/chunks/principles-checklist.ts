// A chunk of the chunked bundle (dist/odkit-principles-checklist.js):
// <od-principles-checklist>'s code, fetched when the tag is first used.
export { OdPrinciplesChecklist as element } from '@odkit/principles-checklist';
