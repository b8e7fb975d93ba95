/**
 * The English only the map's edit forms use (a member's, a tie's and the person's fields, and their errors): they
 * travel with the forms' code (forms.ts), fetched once the map is editable, and complete the element's English
 * table when it arrives (`addEnglish`, in edits.ts). Their Welsh stays in strings-cy.ts with the rest. The public
 * `mapStrings` (catalogue.ts) holds them with every other string.
 */
export const mapFormEnglish = {
  'edit.gone': 'This is no longer in the record, so there is nothing to edit. Nothing has been saved.',
  'edit.close': 'Close',
  'field.name': 'Name',
  'field.nameHint': 'Initials are fine if the person prefers.',
  'field.kind': 'Kind',
  'field.relationship': 'Relationship to the person',
  'field.relationshipHint': 'In the person’s words, for example “my nan”.',
  'field.sector': 'Sector',
  'field.ring': 'Closeness',
  'field.support': 'Support they give',
  'field.about': 'About them',
  'field.household': 'Lives with the person',
  'field.carer': 'Is a carer',
  'field.status': 'Status',
  'err.name': 'Enter a name',
  'err.relationship': 'Enter the relationship to the person',
  'err.tooLong': 'Must be 200 characters or fewer',
  'err.to': 'Choose who the tie is to',
  'err.sameEnds': 'Choose two different people for a tie',
  'field.birthDate': 'Date of birth',
  'field.birthDateName': 'The date of birth',
  'err.birthDateFuture': 'The date of birth must be today or in the past',
  'field.since': 'In the network since',
  'field.sinceHint': 'For example, 27 3 2024. Leave empty if not known.',
  'field.sinceName': 'The date they joined the network',
  'field.until': 'Left the network on',
  'field.untilHint': 'Marking them no longer in touch without a date records today.',
  'field.untilName': 'The date they left the network',
  'err.dateInvalid': '{field} must be a real date',
  'err.untilBeforeSince': 'The date they left must be the same as or after the date they joined',
  'field.nhsNumber': 'NHS number',
  'field.nhsNumberHint': '10 digits, for example 999 123 4567.',
  'field.pronouns': 'Pronouns',
  'field.pronounsHint': 'For example, she/her or they/them.',
  'field.language': 'Preferred language',
  'field.languageHint': 'A language tag, for example cy for Welsh or en-GB for English.',
  'err.nhsNumber': 'Enter a valid NHS number: 10 digits, for example 999 123 4567',
  'err.language': 'Enter a language tag, such as cy or en-GB',
  'field.relationshipCode': 'Type of relationship',
  'field.relationshipCodeHint':
    'Start typing to choose, for example mother or neighbour. You can leave it empty if you describe it below.',
  'field.organisation': 'Organisation or team',
  'field.organisationHint': 'For a professional: where they work.',
  'field.knownSinceHint': 'A year, or a year and month, for example 2013 or 2013-09.',
  'field.hiddenFrom': 'Hidden from',
  'field.hiddenFromHint':
    'The audiences not shown this member, as your service names them, separated by commas, for example family.',
  'field.notes': 'Notes',
  'field.notRecorded': 'Not recorded',
  'err.relationshipCode': 'Choose a type of relationship from the list, or leave it empty and describe it below',
  'err.knownSince': 'Enter a year, or a year and month, such as 2013 or 2013-09',
  'err.hiddenFrom': 'Each audience must be 1 to 64 letters, digits, hyphens or full stops',
  'err.notesTooLong': 'Notes must be 4,000 characters or fewer',
} as const;

export type MapFormStrings = typeof mapFormEnglish;
