import type { Instrument } from '../model/schemas.js';

/**
 * The seven principles of Open Dialogue (Seikkula and colleagues), with the kit's
 * own one-line paraphrases in English and Welsh.
 */
export const sevenPrinciples: Instrument = {
  id: 'od-seven-principles',
  version: '1.0.0',
  title: { 'en-GB': 'The seven principles of Open Dialogue', cy: 'Saith egwyddor y Ddeialog Agored' },
  description: {
    'en-GB': 'How far each principle was put into practice for this meeting and the care around it.',
    cy: 'I ba raddau y rhoddwyd pob egwyddor ar waith yn y cyfarfod hwn a’r gofal o’i gwmpas.',
  },
  source: {
    'en-GB': 'Principle names after Seikkula and colleagues; paraphrases by Open Dialogue Kit.',
    cy: 'Enwau’r egwyddorion yn ôl Seikkula a’i gydweithwyr; aralleiriadau gan Open Dialogue Kit.',
  },
  groups: [
    { id: 'service', title: { 'en-GB': 'How the service is organised', cy: 'Sut mae’r gwasanaeth wedi’i drefnu' } },
    { id: 'practice', title: { 'en-GB': 'Practice in the meeting', cy: 'Ymarfer yn y cyfarfod' } },
  ],
  items: [
    {
      id: 'immediate-help',
      groupId: 'service',
      required: true,
      title: { 'en-GB': 'Immediate help', cy: 'Cymorth ar unwaith' },
      text: {
        'en-GB': 'The first network meeting took place within 24 hours of first contact.',
        cy: 'Cynhaliwyd y cyfarfod rhwydwaith cyntaf o fewn 24 awr i’r cyswllt cyntaf.',
      },
    },
    {
      id: 'social-network',
      groupId: 'service',
      required: true,
      title: { 'en-GB': 'Social network perspective', cy: 'Safbwynt y rhwydwaith cymdeithasol' },
      text: {
        'en-GB': 'Family, friends and other people who matter to the person were invited.',
        cy: 'Gwahoddwyd teulu, ffrindiau a phobl eraill sy’n bwysig i’r person.',
      },
    },
    {
      id: 'flexibility',
      groupId: 'service',
      required: true,
      title: { 'en-GB': 'Flexibility and mobility', cy: 'Hyblygrwydd a symudedd' },
      text: {
        'en-GB': 'Place, time and format were chosen to suit the network.',
        cy: 'Dewiswyd y lle, yr amser a’r fformat i siwtio’r rhwydwaith.',
      },
    },
    {
      id: 'responsibility',
      groupId: 'service',
      required: true,
      title: { 'en-GB': 'Responsibility', cy: 'Cyfrifoldeb' },
      text: {
        'en-GB': 'The team first contacted kept responsibility and arranged what was needed.',
        cy: 'Cadwodd y tîm a gafodd y cyswllt cyntaf y cyfrifoldeb a threfnu’r hyn oedd ei angen.',
      },
    },
    {
      id: 'continuity',
      groupId: 'service',
      required: true,
      title: { 'en-GB': 'Psychological continuity', cy: 'Parhad seicolegol' },
      text: {
        'en-GB': 'The same practitioners stayed involved from one meeting and setting to the next.',
        cy: 'Arhosodd yr un ymarferwyr yn rhan o’r gwaith o un cyfarfod a lleoliad i’r nesaf.',
      },
    },
    {
      id: 'uncertainty',
      groupId: 'practice',
      required: true,
      title: { 'en-GB': 'Tolerance of uncertainty', cy: 'Goddef ansicrwydd' },
      text: {
        'en-GB': 'No conclusion was rushed; options stayed open and were explored together.',
        cy: 'Ni frysiwyd at unrhyw gasgliad; cadwyd y dewisiadau’n agored a’u harchwilio gyda’n gilydd.',
      },
    },
    {
      id: 'dialogism',
      groupId: 'practice',
      required: true,
      title: { 'en-GB': 'Dialogism', cy: 'Deialogiaeth' },
      text: {
        'en-GB': 'Every voice in the room was heard, respected and answered.',
        cy: 'Clywyd, parchwyd ac atebwyd pob llais yn yr ystafell.',
      },
    },
  ],
  scale: {
    notApplicable: true,
    options: [
      { value: 1, label: { 'en-GB': 'Not in place', cy: 'Dim ar waith' } },
      { value: 2, label: { 'en-GB': 'Partly', cy: 'Yn rhannol' } },
      { value: 3, label: { 'en-GB': 'Largely', cy: 'Yn bennaf' } },
      { value: 4, label: { 'en-GB': 'Fully', cy: 'Yn llawn' } },
    ],
  },
};
