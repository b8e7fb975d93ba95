import { sharedWelsh, type WelshTable } from '@odkit/elements';
import type { DashboardStrings } from './strings.js';

/**
 * <od-service-dashboard>'s strings in Welsh, in a module of their own: a page in English never downloads them (see
 * strings.ts). Welsh wording should be reviewed by the service's Welsh language officer.
 */
export const dashboardWelsh: WelshTable<DashboardStrings> = {
  ...sharedWelsh,
  'dashboard.label': 'Mesurau’r gwasanaeth',
  // Welsh keeps the noun singular after a number (“12 achos”).
  'dashboard.scope': '{cases} achos, {episodes} cyfnod gofal',
  'dashboard.scopePeriod': 'O {from} i {to}',
  'dashboard.skipped':
    'Nid oedd modd darllen {count} cofnod ac nid ydynt yn cael eu cyfrif. Gwiriwch nhw yn system yr achosion.',
  'dashboard.empty': 'Nid oes cyfnod gofal yn cyfateb i’r hidlwyr hyn, felly nid oes dim i’w fesur eto.',
  'dashboard.none': 'Dim data',
  'dashboard.working': 'Yn cyfrifo’r mesurau…',
  'dashboard.badSummary': 'Nid yw’r crynodeb a roddwyd i’r dangosfwrdd hwn yn un y gall y pecyn ei ddangos.',
  'dashboard.badRecords': 'Rhaid i’r cofnodion a roddir i’r dangosfwrdd hwn fod yn rhestr o gofnodion achos.',

  'filters.title': 'Hidlwyr',
  'filters.from': 'O',
  'filters.to': 'I',
  'filters.team': 'Tîm',
  'filters.allTeams': 'Pob tîm',
  'filters.anyMonth': 'Unrhyw fis',
  'filters.periodHint': 'Mae’r misoedd yn cyfrif yn ôl dyddiad y cyswllt cyntaf.',
  'filters.badPeriod': 'Rhaid i’r mis “o” fod ar neu cyn y mis “i”',

  'tiles.title': 'Mesurau',
  'tiles.percentOf': '{percent} ({numerator} o {denominator})',
  'tiles.median': 'Canolrif {median}',
  'tiles.quartiles': 'Yr hanner canol rhwng {q1} a {q3}',
  'tiles.countEpisodes': 'O {count} cyfnod gofal',
  'tiles.countMeetings': 'O {count} cyfarfod',
  'tiles.countAssessments': 'O {count} asesiad',
  'tiles.mean': 'Cyfartaledd {value}',
  'tiles.goal': 'Nod: {percent} neu fwy',
  'tiles.goalMet': 'Wedi cyrraedd y nod',
  'tiles.goalMissed': 'Islaw’r nod o {gap} pwynt canran',
  'tiles.open': 'Agor yr achosion',
  'tiles.openLabel': 'Agor yr achosion y tu ôl i “{measure}”',

  'measure.firstMeetingWithinTarget': 'Y cyfarfod cyntaf o fewn 24 awr',
  'measure.firstMeetingWithinTarget.target': 'Targed: cyfarfod rhwydwaith cyntaf o fewn 24 awr i’r cyswllt cyntaf.',
  'measure.timeToFirstMeeting': 'Amser hyd at y cyfarfod cyntaf',
  'measure.timeToFirstMeeting.target': 'O’r cyswllt cyntaf hyd at y cyfarfod rhwydwaith cyntaf a gynhaliwyd.',
  'measure.earlyMeetings': 'Cyfarfodydd yn y pythefnos cyntaf',
  'measure.earlyMeetings.target':
    'Cyfarfodydd a gynhaliwyd ym mhob cyfnod gofal yn y 14 diwrnod ar ôl y cyswllt cyntaf.',
  'measure.twoOrMorePractitioners': 'Dau ymarferydd neu fwy',
  'measure.twoOrMorePractitioners.target': 'Cyfarfodydd a gynhaliwyd gydag o leiaf ddau ymarferydd.',
  'measure.withPeerWorker': 'Gyda gweithiwr cymorth cymheiriaid',
  'measure.withPeerWorker.target': 'Cyfarfodydd a gynhaliwyd gyda gweithiwr cymorth cymheiriaid.',
  'measure.withNetworkMember': 'Gydag aelod o’r rhwydwaith',
  'measure.withNetworkMember.target': 'Cyfarfodydd a gynhaliwyd gydag o leiaf un aelod o rwydwaith y person.',
  'measure.continuity': 'Yr un ymarferwyr',
  'measure.continuity.target': 'Cyfarfodydd gydag ymarferydd o gyfarfod cyntaf y cyfnod gofal.',
  'measure.networkPresent': 'Aelodau’r rhwydwaith yn cymryd rhan',
  'measure.networkPresent.target': 'Aelodau’r rhwydwaith yn bresennol ym mhob cyfarfod a gynhaliwyd.',
  'measure.networkGrowth': 'Rhwydweithiau a dyfodd',
  'measure.networkGrowth.target': 'Cyfnodau gofal lle’r oedd y rhwydwaith yn fwy yn y cyfarfod olaf nag yn y cyntaf.',
  'measure.fidelity': 'Sgôr ffyddlondeb',
  'measure.fidelity.target': 'Asesiadau ffyddlondeb wedi’u cwblhau, 0% i 100% o’r raddfa.',
  'measure.fidelityOf': 'Sgôr ffyddlondeb: {instrument}',

  'trends.title': 'Tueddiadau misol',
  'trends.view': 'Dangos tueddiadau fel',
  'trends.both': 'Siart a thabl',
  'trends.chart': 'Siart',
  'trends.table': 'Tabl',
  'trends.caption': '“{measure}” fesul mis y cyswllt cyntaf',
  'trends.captionMeeting': '“{measure}” fesul mis y cyfarfod a aseswyd',
  'trends.allTeams':
    'Mae’r tueddiadau misol ar gyfer pob tîm: nid oes gan y crynodeb a roddwyd ffigurau misol ar gyfer un tîm.',
  'trends.chartLabel': '“{measure}” fesul mis, o {from} ({first}) i {to} ({last})',
  'trends.month': 'Mis',
  'trends.count': 'Yn seiliedig ar',
  'trends.value': 'Ffigur',
  'trends.openMonth': 'Agor yr achosion ar gyfer {month}',
  'trends.empty': 'Nid oes gan unrhyw fis yn y cyfnod hwn ddata ar gyfer y mesur hwn.',
};
