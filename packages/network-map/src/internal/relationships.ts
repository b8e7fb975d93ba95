/**
 * The coded relationships the member form offers: HL7 v3 RoleCode personal relationships (what UK Core's
 * PersonRelationshipType draws on) and the kit's own `carer`. Each has an en-GB and a Welsh label in the string
 * tables; @odkit/fhir writes a code only when its code system declares it (a test holds this list to it).
 */
import type { Translate } from '@odkit/elements';
import type { MapStrings } from '../strings.js';
import type { ShownMember } from './view.js';

export const RELATIONSHIP_CODES = [
  'MTH',
  'FTH',
  'PRN',
  'STPMTH',
  'STPFTH',
  'PRNFOST',
  'SPS',
  'DOMPART',
  'SIGOTHR',
  'FMRSPS',
  'SIS',
  'BRO',
  'SIB',
  'HSIS',
  'HBRO',
  'STPSIS',
  'STPBRO',
  'DAU',
  'SON',
  'CHILD',
  'STPCHLD',
  'CHLDFOST',
  'GRMTH',
  'GRFTH',
  'MGRMTH',
  'MGRFTH',
  'PGRMTH',
  'PGRFTH',
  'GRNDCHILD',
  'AUNT',
  'UNCLE',
  'COUSN',
  'NIECE',
  'NEPHEW',
  'FAMMEMB',
  'FRND',
  'NBOR',
  'ROOM',
  'carer',
] as const;
export type RelationshipCode = (typeof RELATIONSHIP_CODES)[number];

export const isRelationshipCode = (code: unknown): code is RelationshipCode =>
  (RELATIONSHIP_CODES as readonly unknown[]).includes(code);

/**
 * A member's relationship as the map shows it: in their own words, else the code's name in the language shown
 * (a record from an EHR often has only the code: "Mother", not "MTH"); empty when there is neither.
 */
export const relationshipShown = (m: ShownMember, t: Translate<MapStrings>): string =>
  m.relationship || (m.relationshipCode ? relationshipLabel(m.relationshipCode, t) : '');

/** A code's label in the language shown; a code the kit does not offer is shown as it is. */
export const relationshipLabel = (code: string, t: Translate<MapStrings>): string =>
  isRelationshipCode(code) ? t(`relationship.${code}`) : code;

/**
 * The code for what was typed into the picker: a label in the language shown (any case, spaces trimmed) or the code
 * itself. `undefined` for nothing typed, `null` for text that is neither.
 */
export function relationshipCodeFor(typed: string, t: Translate<MapStrings>): RelationshipCode | undefined | null {
  const wanted = typed.trim().toLocaleLowerCase();
  if (!wanted) return undefined;
  return (
    RELATIONSHIP_CODES.find(
      (c) => c.toLowerCase() === wanted || t(`relationship.${c}`).toLocaleLowerCase() === wanted,
    ) ?? null
  );
}
