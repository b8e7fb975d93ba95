import { privacyWelsh, sharedWelsh, type WelshTable } from '@odkit/elements';
import type { ChecklistStrings } from './strings.js';

/**
 * <od-principles-checklist>'s strings in Welsh, in a module of their own: a page in English never downloads them (see
 * strings.ts). Welsh wording should be reviewed by the service's Welsh language officer.
 */
export const checklistWelsh: WelshTable<ChecklistStrings> = {
  ...sharedWelsh,
  ...privacyWelsh,
  // Welsh keeps the noun singular after a number (“12 eitem”).
  'checklist.progress': '{rated} o {count} eitem wedi’u sgorio',
  'checklist.aboutRating': 'Am y sgorio hwn',
  'checklist.raterName': 'Enw’r sgoriwr',
  'checklist.raterNameHint': 'Y person sy’n rhoi’r sgoriau hyn.',
  'checklist.raterSignedIn': 'Rydych wedi mewngofnodi fel {name}: caiff eich sgoriau eu cadw dan yr enw hwn.',
  'checklist.raterSignedInRole':
    'Rydych wedi mewngofnodi fel {name} ({role}): caiff eich sgoriau eu cadw dan yr enw hwn.',
  'checklist.badRater': 'Mae’r sgoriwr a roddwyd i’r rhestr wirio hon yn annilys: mae angen enw o 200 nod ar y mwyaf.',
  'checklist.raterRole': 'Rôl y sgoriwr',
  'checklist.evidence': 'Ar beth mae’r sgôr yn seiliedig',
  'checklist.comment': 'Sylw',
  'checklist.ratingFor': 'Sgôr ar gyfer “{item}”',
  'checklist.complete': 'Cwblhau’r asesiad',
  'checklist.reopen': 'Ailagor i’w newid',
  'checklist.completed': 'Cwblhawyd ar {date}. Gallwch ddarllen yr asesiad hwn ond nid ei newid.',
  'checklist.savedAt': 'Yn cadw wrth i chi fynd. Cadwyd ddiwethaf am {time}.',
  'checklist.notSaved': 'Heb ei gadw eto: rhowch enw’r sgoriwr i gadw wrth i chi fynd.',
  'checklist.draftKept': 'Caiff eich drafft ei gadw ar y ddyfais hon nes i chi gwblhau’r asesiad.',
  'checklist.draftOnlyHere':
    'Dim ond ar y ddyfais hon mae eich drafft: nid oedd modd ei gadw yn y cofnod eto. Caiff ei gadw gyda’ch newid nesaf.',
  'checklist.draftNeedsName': 'Dim ond ar y ddyfais hon mae eich drafft: rhowch enw’r sgoriwr i’w gadw yn y cofnod.',
  'checklist.draftRestored': 'Cafodd yr hyn a roesoch o’r blaen ei adfer o’r ddyfais hon.',
  'checklist.draftUnreadable': 'Nid oedd modd darllen drafft a gadwyd ar y ddyfais hon, felly cafodd ei ddileu.',
  // Someone else changed the assessment being rated (with the shared form.changed* and form.theirs strings).
  'checklist.completedUnderneath':
    'Maen nhw wedi cwblhau’r asesiad hwn, felly dim ond ei ddarllen y gallwch chi. Mae’r hyn nad oeddech chi wedi’i gadw eto wedi’i gadw ar y ddyfais hon ac i’w weld yma: ailagorwch yr asesiad i’w gadw.',
  'checklist.notRated': 'Heb ei sgorio',
  'checklist.meeting': 'Cyfarfod ar {date}',
  'checklist.notReady': 'Nid yw’r rhestr wirio’n barod, felly nid oes asesiad i’w anfon eto',
  'checklist.enterRater': 'Rhowch enw’r sgoriwr',
  'checklist.badValue': 'Nid yw’r gwerth a roddwyd yn asesiad o’r offeryn hwn, neu mae gan y rhestr wirio hon gofnod.',
  'checklist.selectRating': 'Dewiswch sgôr ar gyfer “{item}”',
  'checklist.missingMeeting': 'Gosodwch y briodwedd meeting-id i ddynodydd cyfarfod a gynhaliwyd yn y cofnod hwn.',
  'checklist.unknownMeeting': 'Nid oes cyfarfod â’r dynodydd “{id}” yn y cofnod hwn.',
  'checklist.meetingNotHeld': 'Nid yw cyfarfod “{id}” wedi’i gynnal eto, felly nid oes modd ei sgorio.',
  'checklist.unknownAssessment': 'Nid oes asesiad â’r dynodydd “{id}” yn y cofnod hwn.',
  'checklist.unknownInstrument':
    'Nid oes offeryn “{id}” wedi’i gofrestru. Cofrestrwch ef, neu rhowch ef fel y briodwedd instrument.',
  'checklist.badInstrument': 'Mae’r offeryn a roddwyd i’r rhestr wirio hon yn annilys.',
  'summary.title': 'Sgoriau',
  'summary.caption': 'Sgoriau fesul grŵp gan {rater}',
  'summary.group': 'Grŵp',
  'summary.rated': 'Wedi’u sgorio',
  'summary.na': 'Amherthnasol',
  'summary.unrated': 'Heb eu sgorio',
  'summary.mean': 'Sgôr gymedrig',
  'summary.score': 'Sgôr',
  'summary.overall': 'Cyfanswm',
  'summary.none': '–',
  'summary.scoreHint':
    'Sgôr: lle mae’r sgoriau rhwng pwynt isaf (0%) a phwynt uchaf (100%) y raddfa. Nid yw eitemau amherthnasol neu heb eu sgorio yn cyfrif.',
  'trend.title': 'Tuedd ar draws y cyfnod gofal',
  'trend.caption': 'Sgôr pob cyfarfod a sgoriwyd yn y cyfnod gofal hwn, y cynharaf yn gyntaf',
  'trend.date': 'Cyfarfod',
  'trend.assessments': 'Asesiadau',
  'trend.score': 'Sgôr',
  'trend.empty': 'Nid oes gan unrhyw gyfarfod yn y cyfnod gofal hwn asesiad wedi’i gwblhau gyda’r offeryn hwn eto.',
  'compare.title': 'Cymharu dau sgoriwr',
  'compare.caption': 'Sgoriau pob eitem gan y ddau sgoriwr',
  'compare.item': 'Eitem',
  'compare.difference': 'Gwahaniaeth',
  'compare.same': 'Yr un fath',
  'compare.differs': 'Yn wahanol',
  'compare.agreement': 'Mae’r sgorwyr yn cytuno ar {agree} o {count} eitem.',
  'compare.none': 'Nid oes ail asesiad o’r cyfarfod hwn gyda’r offeryn hwn i’w gymharu ag ef.',
  'compare.rater': '{name} ({role})',
};
