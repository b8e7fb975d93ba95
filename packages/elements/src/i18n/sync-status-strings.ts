/**
 * The sync status messages: the status line's words and what `<od-provider>` announces.
 * Their own small table so the provider carries these and not every widget string; they
 * are part of the shared tables (`sharedStrings`) too, and overridden there like any other.
 * Welsh wording should be reviewed by the service's Welsh language officer.
 */
const en = {
  'sync.saved': 'All changes saved',
  'sync.pending': {
    one: 'Saved on this device: {count} change not yet sent',
    other: 'Saved on this device: {count} changes not yet sent',
  },
  'sync.offline': {
    one: 'Offline: {count} change is kept on this device and will be sent when the connection is back',
    other: 'Offline: {count} changes are kept on this device and will be sent when the connection is back',
  },
  'sync.offlineNone': 'Offline: changes you make are kept on this device and will be sent when the connection is back',
  'sync.sending': { one: 'Sending {count} change…', other: 'Sending {count} changes…' },
  'sync.conflicts': { one: '{count} change needs your decision', other: '{count} changes need your decision' },
  'sync.unreadable': {
    one: '{count} change could not be read back from this device and was set aside. Ask your system administrator.',
    other: '{count} changes could not be read back from this device and were set aside. Ask your system administrator.',
  },
} as const;

const cy = {
  'sync.saved': 'Pob newid wedi’i gadw',
  'sync.pending': {
    zero: 'Wedi’u cadw ar y ddyfais hon: {count} newid heb eu hanfon',
    one: 'Wedi’i gadw ar y ddyfais hon: {count} newid heb ei anfon',
    two: 'Wedi’u cadw ar y ddyfais hon: {count} newid heb eu hanfon',
    other: 'Wedi’u cadw ar y ddyfais hon: {count} newid heb eu hanfon',
  },
  'sync.offline': {
    one: 'All-lein: cedwir {count} newid ar y ddyfais hon a’i anfon pan fydd y cysylltiad yn ôl',
    other: 'All-lein: cedwir {count} newid ar y ddyfais hon a’u hanfon pan fydd y cysylltiad yn ôl',
  },
  'sync.offlineNone': 'All-lein: cedwir y newidiadau a wnewch ar y ddyfais hon a’u hanfon pan fydd y cysylltiad yn ôl',
  'sync.sending': { one: 'Wrthi’n anfon {count} newid…', other: 'Wrthi’n anfon {count} newid…' },
  'sync.conflicts': {
    one: 'Mae angen i chi benderfynu am {count} newid',
    other: 'Mae angen i chi benderfynu am {count} newid',
  },
  'sync.unreadable': {
    one: 'Nid oedd modd darllen {count} newid yn ôl o’r ddyfais hon, ac fe’i rhoddwyd o’r neilltu. Holwch weinyddwr eich system.',
    other:
      'Nid oedd modd darllen {count} newid yn ôl o’r ddyfais hon, ac fe’u rhoddwyd o’r neilltu. Holwch weinyddwr eich system.',
  },
} as const satisfies { readonly [K in keyof typeof en]: unknown };

export const syncStatusStrings = { 'en-GB': en, cy } as const;
