/**
 * Every URL the mapping uses, in one place. The kit's own canonical URLs all start
 * with FHIR_BASE; the conformance resources behind them ship as JSON in
 * `@odkit/fhir/resources/`.
 */
export const FHIR_BASE = 'https://fhir.opendialoguekit.org';

const SD = `${FHIR_BASE}/StructureDefinition/`;
const CS = `${FHIR_BASE}/CodeSystem/`;

/** The kit's extensions (canonical URLs of their StructureDefinitions). */
export const EXT = {
  ring: `${SD}network-ring`,
  sector: `${SD}network-sector`,
  support: `${SD}network-support`,
  household: `${SD}network-household`,
  carer: `${SD}network-carer`,
  critical: `${SD}network-critical`,
  contactFrequency: `${SD}network-contact-frequency`,
  knownSince: `${SD}network-known-since`,
  memberStatus: `${SD}network-member-status`,
  hiddenFrom: `${SD}network-hidden-from`,
  preferredLanguage: `${SD}preferred-language`,
  organisation: `${SD}network-organisation`,
  tie: `${SD}network-tie`,
  /**
   * On a network participant: the member's earlier ring, sector or status (each given), held until the end of its
   * `period` (the time of the change that replaced them). Repeats, oldest first.
   */
  memberHistory: `${SD}network-member-history`,
  /** On the network CareTeam: a tie's earlier strength, quality or direction, as memberHistory (naming the tie). */
  tieHistory: `${SD}network-tie-history`,
  /**
   * On the network CareTeam: how many times the kit has written the case (so every write changes the network's
   * version).
   */
  writeCount: `${SD}network-write-count`,
  notes: `${SD}notes`,
  pronouns: `${SD}pronouns`,
  referralSource: `${SD}referral-source`,
  /** On a contained responsible-team CareTeam of an EpisodeOfCare: why responsibility was handed to that team. */
  handoverReason: `${SD}handover-reason`,
  meetingEpisode: `${SD}meeting-episode`,
  meetingPlace: `${SD}meeting-place`,
  personPresent: `${SD}meeting-person-present`,
  attended: `${SD}meeting-attended`,
  attendeeOrganization: `${SD}meeting-attendee-organization`,
  reflectingConversation: `${SD}reflecting-conversation`,
  nextMeeting: `${SD}next-meeting`,
  raterRole: `${SD}rater-role`,
  evidenceSource: `${SD}evidence-source`,
  completedAt: `${SD}assessment-completed-at`,
  ratingComment: `${SD}rating-comment`,
  /** On a primitive: the kit's exact text where FHIR needs another form (e.g. seconds added to a time). */
  originalText: `${SD}original-text`,
  /** On a string primitive that has no value: the text was recorded, and is empty. */
  emptyText: `${SD}empty-text`,
  /**
   * On a string primitive that has no value: the text is only white space (which FHIR strings cannot be), base64 of its
   * UTF-8.
   */
  blankText: `${SD}blank-text`,
  /**
   * On a Provenance: the kit's edit it records (edit id, change type, entity kind and id), so history reads back
   * exactly and a re-sent edit is recognised.
   */
  edit: `${SD}provenance-edit`,
} as const;

/** The kit's CodeSystems. */
export const CODE_SYSTEM = {
  concept: `${CS}open-dialogue`,
  sector: `${CS}network-sector`,
  support: `${CS}support-type`,
  critical: `${CS}critical-rating`,
  contactFrequency: `${CS}contact-frequency`,
  memberStatus: `${CS}member-status`,
  tieStrength: `${CS}tie-strength`,
  tieQuality: `${CS}tie-quality`,
  tieDirection: `${CS}tie-direction`,
  relationship: `${CS}relationship`,
  hostRelationship: `${CS}host-relationship`,
  attendeeRole: `${CS}attendee-role`,
  meetingMode: `${CS}meeting-mode`,
  raterRole: `${CS}rater-role`,
  evidenceSource: `${CS}evidence-source`,
  rating: `${CS}rating`,
  /**
   * Audiences a member must not be shown to (the member's `hiddenFrom`), as security labels in `meta.security` of the
   * member's resource: each code is a service's own audience id (e.g. `family`), so the CodeSystem lists none.
   */
  audience: `${CS}audience`,
} as const;

/** Identifier systems: the kit's own ids, kept so that a round trip is lossless. */
export const IDENTIFIER = {
  caseId: `${FHIR_BASE}/NamingSystem/case-id`,
  entityId: `${FHIR_BASE}/NamingSystem/entity-id`,
  /** A Provenance agent's user id given by the host (not a FHIR reference), e.g. the EHR's login name. */
  hostUser: `${FHIR_BASE}/NamingSystem/host-user-id`,
} as const;

export const QUESTIONNAIRE_BASE = `${FHIR_BASE}/Questionnaire/`;

/** Standard systems. */
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
export const V3_ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';

/**
 * The HL7 v3 RoleCode personal relationships (PersonalRelationshipRoleType, which UK Core's PersonRelationshipType
 * draws on) the kit writes under V3_ROLE_CODE. A code not here and not the kit's own is never written as a v3 code.
 */
export const V3_RELATIONSHIPS: ReadonlySet<string> = new Set(
  (
    'MTH FTH PRN NMTH NFTH NPRN STPMTH STPFTH STPPRN ADOPTM ADOPTF ADOPTP PRNFOST MTHFOST FTHFOST ' +
    'SPS HUSB WIFE DOMPART SIGOTHR FMRSPS SIS BRO SIB NSIS NBRO NSIB HSIS HBRO HSIB STPSIS STPBRO STPSIB TWIN ' +
    'TWINSIS TWINBRO DAU SON CHILD NCHILD STPCHLD STPDAU STPSON CHLDADOPT DAUADOPT SONADOPT CHLDFOST DAUFOST ' +
    'SONFOST GRPRN GRMTH GRFTH MGRPRN MGRMTH MGRFTH PGRPRN PGRMTH PGRFTH GGRPRN GGRMTH GGRFTH MGGRPRN MGGRMTH ' +
    'MGGRFTH PGGRPRN PGGRMTH PGGRFTH GRNDCHILD GRNDDAU GRNDSON AUNT MAUNT PAUNT UNCLE MUNCLE PUNCLE COUSN ' +
    'MCOUSN PCOUSN NIENEPH NIECE NEPHEW INLAW PRNINLAW MTHINLAW FTHINLAW SIBINLAW SISINLAW BROINLAW CHLDINLAW ' +
    'DAUINLAW SONINLAW EXT FAMMEMB FRND NBOR ROOM'
  ).split(' '),
);

/** Relationships in the kit's own CodeSystem (CODE_SYSTEM.relationship), with their display. */
export const KIT_RELATIONSHIPS: readonly (readonly [string, string])[] = [
  ['carer', 'Carer (not a family relationship)'],
];
export const V3_ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
export const BCP47 = 'urn:ietf:bcp:47';

/** UK Core profiles (STU) for the resources that have one. */
const UK_CORE = 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-';
export const UK_CORE_PROFILE: Readonly<Record<string, string>> = {
  Patient: `${UK_CORE}Patient`,
  RelatedPerson: `${UK_CORE}RelatedPerson`,
  Practitioner: `${UK_CORE}Practitioner`,
  PractitionerRole: `${UK_CORE}PractitionerRole`,
  Organization: `${UK_CORE}Organization`,
  CareTeam: `${UK_CORE}CareTeam`,
  EpisodeOfCare: `${UK_CORE}EpisodeOfCare`,
  Encounter: `${UK_CORE}Encounter`,
  Appointment: `${UK_CORE}Appointment`,
  Questionnaire: `${UK_CORE}Questionnaire`,
  QuestionnaireResponse: `${UK_CORE}QuestionnaireResponse`,
};

/** Meeting mode ↔ Encounter.class (v3 ActCode); "other" has no ActCode and uses the kit's own code. */
export const MODE_TO_CLASS = {
  home: { system: V3_ACT_CODE, code: 'HH', display: 'home health' },
  clinic: { system: V3_ACT_CODE, code: 'AMB', display: 'ambulatory' },
  remote: { system: V3_ACT_CODE, code: 'VR', display: 'virtual' },
  other: { system: CODE_SYSTEM.meetingMode, code: 'other', display: 'Other place or format' },
} as const;

/** Codes in the kit's open-dialogue CodeSystem (no SNOMED CT concept exists for these). */
export const CONCEPT = {
  network: 'network',
  responsibleTeam: 'responsible-team',
  episode: 'open-dialogue-episode',
  networkMeeting: 'network-meeting',
  person: 'person',
} as const;
