import type { Instrument } from '../model/schemas.js';

type Element = [id: string, group: string, en: string, cy: string, enText: string, cyText: string];

// Element names follow Olson, Seikkula and Ziedonis (2014). The criteria text is the
// authors' copyright, so each item carries only our own one-line paraphrase; a
// service with a licence registers the full text as its own instrument.
const elements: Element[] = [
  [
    'two-practitioners',
    'who',
    'Two or more practitioners',
    'Dau ymarferydd neu ragor',
    'At least two practitioners took part in the meeting.',
    'Cymerodd o leiaf ddau ymarferydd ran yn y cyfarfod.',
  ],
  [
    'network-participation',
    'who',
    'Family and network take part',
    'Teulu a rhwydwaith yn cymryd rhan',
    'Family and network members were there and joined in.',
    'Roedd aelodau o’r teulu a’r rhwydwaith yno ac yn cymryd rhan.',
  ],
  [
    'open-questions',
    'responding',
    'Open-ended questions',
    'Cwestiynau penagored',
    'Questions left room for people to answer in their own way.',
    'Roedd y cwestiynau’n gadael lle i bobl ateb yn eu ffordd eu hunain.',
  ],
  [
    'responding',
    'responding',
    'Responding to what is said',
    'Ymateb i’r hyn a ddywedir',
    'Practitioners answered what people actually said, often in their words.',
    'Atebodd yr ymarferwyr yr hyn a ddywedodd pobl mewn gwirionedd, yn aml yn eu geiriau nhw.',
  ],
  [
    'present-moment',
    'responding',
    'The present moment',
    'Y foment bresennol',
    'Attention stayed with what was happening in the room now.',
    'Arhosodd y sylw ar yr hyn oedd yn digwydd yn yr ystafell nawr.',
  ],
  [
    'multiple-viewpoints',
    'responding',
    'Many viewpoints',
    'Sawl safbwynt',
    'Different views were invited and each was given space.',
    'Gwahoddwyd safbwyntiau gwahanol a rhoddwyd lle i bob un.',
  ],
  [
    'relational-focus',
    'responding',
    'Relationships in focus',
    'Ffocws ar berthnasoedd',
    'The talk turned to relationships between people, not only to one person.',
    'Trodd y sgwrs at y berthynas rhwng pobl, nid at un person yn unig.',
  ],
  [
    'matter-of-fact',
    'responding',
    'Problems met calmly',
    'Ymateb yn ddigyffro i broblemau',
    'Talk of problems and symptoms was met plainly, looking for its meaning.',
    'Ymatebwyd yn blaen i sôn am broblemau a symptomau, gan chwilio am eu hystyr.',
  ],
  [
    'own-words',
    'responding',
    'The person’s own words',
    'Geiriau’r person ei hun',
    'The person’s own language and stories led, rather than clinical terms.',
    'Iaith a straeon y person ei hun oedd yn arwain, yn hytrach na thermau clinigol.',
  ],
  [
    'reflecting',
    'reflecting',
    'Reflecting among practitioners',
    'Myfyrio rhwng ymarferwyr',
    'Practitioners reflected together in front of the network.',
    'Myfyriodd yr ymarferwyr gyda’i gilydd o flaen y rhwydwaith.',
  ],
  [
    'transparency',
    'reflecting',
    'Transparency',
    'Tryloywder',
    'Plans and decisions were discussed openly with everyone present.',
    'Trafodwyd cynlluniau a phenderfyniadau yn agored gyda phawb oedd yno.',
  ],
  [
    'tolerating-uncertainty',
    'reflecting',
    'Tolerating uncertainty',
    'Goddef ansicrwydd',
    'The team stayed with not knowing instead of closing the question early.',
    'Arhosodd y tîm gyda’r ansicrwydd yn hytrach na chau’r cwestiwn yn rhy gynnar.',
  ],
];

/** The twelve key elements of dialogic practice, as a fidelity instrument. */
export const keyElements: Instrument = {
  id: 'od-key-elements',
  version: '1.0.0',
  title: { 'en-GB': 'Twelve key elements of dialogic practice', cy: 'Deuddeg elfen allweddol ymarfer deialogaidd' },
  description: {
    'en-GB': 'How clearly each element showed in this meeting.',
    cy: 'Pa mor glir y gwelwyd pob elfen yn y cyfarfod hwn.',
  },
  source: {
    'en-GB': 'Element names after Olson, Seikkula and Ziedonis (2014); grouping and paraphrases by Open Dialogue Kit.',
    cy: 'Enwau’r elfennau yn ôl Olson, Seikkula a Ziedonis (2014); grwpio ac aralleiriadau gan Open Dialogue Kit.',
  },
  groups: [
    { id: 'who', title: { 'en-GB': 'Who takes part', cy: 'Pwy sy’n cymryd rhan' } },
    { id: 'responding', title: { 'en-GB': 'How practitioners respond', cy: 'Sut mae ymarferwyr yn ymateb' } },
    { id: 'reflecting', title: { 'en-GB': 'Reflecting and openness', cy: 'Myfyrio a bod yn agored' } },
  ],
  items: elements.map(([id, groupId, en, cy, enText, cyText]) => ({
    id,
    groupId,
    required: true,
    title: { 'en-GB': en, cy },
    text: { 'en-GB': enText, cy: cyText },
  })),
  scale: {
    notApplicable: true,
    options: [
      { value: 0, label: { 'en-GB': 'Not seen', cy: 'Heb ei weld' } },
      { value: 1, label: { 'en-GB': 'Partly seen', cy: 'Wedi’i weld yn rhannol' } },
      { value: 2, label: { 'en-GB': 'Clearly seen', cy: 'Wedi’i weld yn glir' } },
    ],
  },
};
