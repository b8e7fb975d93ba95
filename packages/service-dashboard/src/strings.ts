import { sharedEnglish, type LazyCatalogue } from '@odkit/elements';

/**
 * The dashboard's strings, on top of the kit's shared vocabulary (error and form wording).
 * Welsh wording should be reviewed by the service's Welsh language officer.
 */
const en = {
  ...sharedEnglish,
  'dashboard.label': 'Service measures',
  'dashboard.scope': {
    one: '{cases} case, {episodes} episodes of care',
    other: '{cases} cases, {episodes} episodes of care',
  },
  'dashboard.scopePeriod': 'From {from} to {to}',
  'dashboard.skipped': {
    one: '{count} record could not be read and is not counted. Check it in the case system.',
    other: '{count} records could not be read and are not counted. Check them in the case system.',
  },
  'dashboard.empty': 'No episodes of care match these filters, so there is nothing to measure yet.',
  'dashboard.none': 'No data',
  'dashboard.working': 'Working out the measures…',
  'dashboard.badSummary': 'The summary given to this dashboard is not one the kit can show.',
  'dashboard.badRecords': 'The records given to this dashboard must be a list of case records.',

  'filters.title': 'Filters',
  'filters.from': 'From',
  'filters.to': 'To',
  'filters.team': 'Team',
  'filters.allTeams': 'All teams',
  'filters.anyMonth': 'Any month',
  'filters.periodHint': 'Months count by the date of first contact.',
  'filters.badPeriod': 'The “from” month must be on or before the “to” month',

  'tiles.title': 'Measures',
  'tiles.percentOf': '{percent} ({numerator} of {denominator})',
  'tiles.median': 'Median {median}',
  'tiles.quartiles': 'Middle half between {q1} and {q3}',
  'tiles.countEpisodes': { one: 'From {count} episode', other: 'From {count} episodes' },
  'tiles.countMeetings': { one: 'From {count} meeting', other: 'From {count} meetings' },
  'tiles.countAssessments': { one: 'From {count} assessment', other: 'From {count} assessments' },
  'tiles.mean': 'Average {value}',
  'tiles.goal': 'Goal: {percent} or more',
  'tiles.goalMet': 'Goal met',
  'tiles.goalMissed': { one: 'Below goal by {gap} percentage point', other: 'Below goal by {gap} percentage points' },
  'tiles.open': 'Open the cases',
  'tiles.openLabel': 'Open the cases behind “{measure}”',

  'measure.firstMeetingWithinTarget': 'First meeting within 24 hours',
  'measure.firstMeetingWithinTarget.target': 'Target: a first network meeting within 24 hours of first contact.',
  'measure.timeToFirstMeeting': 'Time to first meeting',
  'measure.timeToFirstMeeting.target': 'From first contact to the first network meeting held.',
  'measure.earlyMeetings': 'Meetings in the first two weeks',
  'measure.earlyMeetings.target': 'Meetings held per episode in the 14 days after first contact.',
  'measure.twoOrMorePractitioners': 'Two or more practitioners',
  'measure.twoOrMorePractitioners.target': 'Meetings held with at least two practitioners.',
  'measure.withPeerWorker': 'With a peer support worker',
  'measure.withPeerWorker.target': 'Meetings held with a peer support worker.',
  'measure.withNetworkMember': 'With a network member',
  'measure.withNetworkMember.target': 'Meetings held with at least one member of the person’s network.',
  'measure.continuity': 'Same practitioners',
  'measure.continuity.target': 'Meetings with a practitioner from the episode’s first meeting.',
  'measure.networkPresent': 'Network members taking part',
  'measure.networkPresent.target': 'Network members present at each meeting held.',
  'measure.networkGrowth': 'Networks that grew',
  'measure.networkGrowth.target': 'Episodes whose network was larger at the last meeting than at the first.',
  'measure.fidelity': 'Fidelity score',
  'measure.fidelity.target': 'Completed fidelity assessments, 0% to 100% of the scale.',
  'measure.fidelityOf': 'Fidelity score: {instrument}',

  'trends.title': 'Monthly trends',
  'trends.view': 'Show trends as',
  'trends.both': 'Chart and table',
  'trends.chart': 'Chart',
  'trends.table': 'Table',
  'trends.caption': '“{measure}” by month of first contact',
  'trends.captionMeeting': '“{measure}” by month of the assessed meeting',
  'trends.allTeams': 'Monthly trends are for all teams: the summary given has no monthly figures for one team.',
  'trends.chartLabel': '“{measure}” by month, from {from} ({first}) to {to} ({last})',
  'trends.month': 'Month',
  'trends.count': 'Based on',
  'trends.value': 'Figure',
  'trends.openMonth': 'Open the cases for {month}',
  'trends.empty': 'No month in this period has data for this measure.',
} as const;

export type DashboardStrings = typeof en;
/**
 * The tables <od-service-dashboard> renders with: English here, Welsh fetched the first time an element
 * resolves to Welsh (strings-cy.ts, a chunk of its own in the kit's bundle). Both tables
 * together, as data, are the package's public `dashboardStrings` (catalogue.ts).
 */
export const dashboardStrings: LazyCatalogue<DashboardStrings> = {
  'en-GB': en,
  cy: () => import('./strings-cy.js').then((m) => m.dashboardWelsh),
};
