import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import * as zm from 'zod/mini';
import {
  CURRENT_SCHEMA_VERSION,
  ValidationError,
  createInstrumentRegistry,
  formatPath,
  isValidNhsNumber,
  keyElements,
  normaliseNhsNumber,
  parseCaseRecord,
  serializeCaseRecord,
  sevenPrinciples,
  type CaseRecord,
  type Instrument,
  type Migration,
} from '@odkit/core';
import { anyJson, validCaseRecord } from '../../../test/fixtures/arbitraries.js';
import {
  PERSON_ID,
  allRatings,
  clone,
  episode,
  exampleRecord,
  expectInstance,
  meeting,
  member,
  minimalRecord,
  person,
  thrown,
  tie,
} from './support.js';

/** Parses `input`, expecting a ValidationError, and returns it. */
function rejected(input: unknown, options?: Parameters<typeof parseCaseRecord>[1]): ValidationError {
  return expectInstance(
    thrown(() => parseCaseRecord(input, options)),
    ValidationError,
  );
}

/** The issue paths, formatted (`members[0].ring`), for compact assertions. */
const paths = (error: ValidationError) => error.issues.map((i) => formatPath(i.path));

/** The one issue at `path`, asserting there is exactly one there. */
function issueAt(error: ValidationError, path: (string | number)[]) {
  const found = error.issues.filter((i) => JSON.stringify(i.path) === JSON.stringify(path));
  expect(found, `issues at ${formatPath(path)} in ${error.message}`).to.have.length(1);
  return found[0]!;
}

/** Every object and array reachable from `value`. */
function nodes(value: unknown, out: object[] = []): object[] {
  if (value !== null && typeof value === 'object') {
    out.push(value);
    for (const child of Object.values(value)) nodes(child, out);
  }
  return out;
}

describe('parseCaseRecord', () => {
  describe('a valid record', () => {
    it('accepts the minimal record and returns it deeply frozen', () => {
      const input = minimalRecord();
      const record = parseCaseRecord(input);
      expect(record).to.deep.equal(input);
      expect(record.person.name).to.equal('A. M.');
      for (const node of nodes(record)) expect(Object.isFrozen(node)).to.equal(true);
      expect(() => (record.members as unknown[]).push(member('x'))).to.throw(TypeError);
    });

    it('accepts a record with every kind of entity and leaves the input unfrozen and unchanged', () => {
      const input = exampleRecord();
      const before = clone(input);
      const record = parseCaseRecord(input);
      expect(record).to.deep.equal(before);
      expect(input).to.deep.equal(before);
      expect(record).not.to.equal(input);
      for (const node of nodes(input)) expect(Object.isFrozen(node)).to.equal(false);
      for (const node of nodes(record)) expect(Object.isFrozen(node)).to.equal(true);
    });

    it('trims short text, and leaves absent optional fields absent', () => {
      const record = parseCaseRecord(minimalRecord({ person: person({ name: '  Alex  ' }) }));
      expect(record.person.name).to.equal('Alex');
      expect(Object.keys(record.person).sort()).to.deep.equal(['id', 'name']);
    });
  });

  describe('schema issues', () => {
    it('lists every issue, each with its own path', () => {
      const input = minimalRecord({
        members: [member('m1', { ring: 5 as never }), member('m2', { sector: 'space' as never })],
      });
      const error = rejected(input);
      expect(error.issues).to.have.length(2);
      expect(paths(error)).to.have.members(['members[0].ring', 'members[1].sector']);
      expect(issueAt(error, ['members', 0, 'ring']).message).to.equal('must be one of 1, 2, 3; got the number 5');
      // The allowed values are listed; the input text itself is never quoted back (it may be health data).
      expect(issueAt(error, ['members', 1, 'sector']).message)
        .to.contain('"household"')
        .and.contain('got text of 5 characters');
      expect(issueAt(error, ['members', 1, 'sector']).message).not.to.contain('space');
    });

    it('lists issues from different parts of the record together', () => {
      const input = {
        ...minimalRecord({ episodes: [episode('e1', { status: 'finished' })] }),
        person: { id: 'bad id!', name: '' },
        meetings: 'none',
      };
      const error = rejected(input);
      // The finished-without-end rule is a refinement of the episode; it runs because the episode's
      // own fields are valid, whatever else is wrong in the record.
      expect(paths(error)).to.have.members(['person.id', 'person.name', 'episodes[0].end', 'meetings']);
      expect(issueAt(error, ['episodes', 0, 'end']).message).to.equal('a finished episode needs an end');
      expect(issueAt(error, ['meetings']).message).to.equal('expected a list, got text of 4 characters');
    });

    it('puts the formatted path and the message into ValidationError.message', () => {
      const error = rejected(minimalRecord({ members: [member('m1', { ring: 4 as never })] }));
      expect(error.message).to.contain('members[0].ring');
      expect(error.message).to.contain('must be one of 1, 2, 3');
      expect(error.message).to.match(/^Case record is invalid: /);
      expect(error.code).to.equal('validation');
      expect(error.name).to.equal('ValidationError');
    });

    it('leaves a host\u2019s own zod schemas their own messages (the kit\u2019s go with its own parses)', () => {
      rejected({ schemaVersion: 1, id: 'x', person: { id: 'p', name: 3 } });
      const hostSchema = zm.object({ age: zm.number() });
      const result = hostSchema.safeParse({ age: 'ten' });
      expect(result.success).to.equal(false);
      // zod/mini's own default (it loads no locale), not the kit's "expected a number, got text…".
      expect(result.error!.issues[0]!.message).to.equal('Invalid input');
    });

    it('writes readable messages, never zod\u2019s "Invalid input"', () => {
      const input = {
        schemaVersion: 1,
        id: '',
        person: { id: 'p1', name: 42, nhsNumber: '123' },
        members: [{ ...member('m1'), household: 'yes', support: ['emotional', 'emotional'], relationship: {} }],
        ties: [{}],
        episodes: [episode('e1', { firstContact: 'yesterday' })],
        meetings: [meeting('mt1', { nextMeeting: { kind: 'soon' } as never })],
        assessments: null,
      };
      const error = rejected(input);
      expect(error.issues.length).to.be.greaterThan(8);
      for (const issue of error.issues) {
        expect(issue.message, formatPath(issue.path)).not.to.match(/invalid input/i);
        expect(issue.message.length, formatPath(issue.path)).to.be.greaterThan(5);
      }
      expect(issueAt(error, ['person', 'name']).message).to.equal('expected text, got the number 42');
      expect(issueAt(error, ['members', 0, 'household']).message).to.equal(
        'expected true or false, got text of 3 characters',
      );
      expect(issueAt(error, ['members', 0, 'support']).message).to.equal('must not list a support type twice');
      expect(issueAt(error, ['members', 0, 'relationship']).message).to.equal('needs a code or a text');
      expect(issueAt(error, ['ties', 0, 'id']).message).to.equal('is required (expected text)');
      expect(issueAt(error, ['assessments']).message).to.equal('expected a list, got null');
      expect(issueAt(error, ['meetings', 0, 'nextMeeting', 'kind']).message).to.equal(
        'has an unknown "kind" (expected one of "date", "open")',
      );
    });

    it('rejects something that is not an object at all', () => {
      for (const input of [null, 'record', 42, [], true]) {
        const error = rejected(input);
        expect(error.issues).to.have.length(1);
        expect(error.issues[0]!.path).to.deep.equal([]);
        expect(error.message).to.contain('(root)');
      }
    });

    it('rejects unknown fields, naming them', () => {
      const atRoot = rejected({ ...minimalRecord(), colour: 'red' });
      expect(atRoot.issues).to.deep.equal([{ path: [], message: 'has unknown field "colour"' }]);

      const nested = rejected(
        minimalRecord({ members: [{ ...member('m1'), favouriteFood: 'chips', shoeSize: 9 } as never] }),
      );
      expect(nested.issues).to.have.length(1);
      expect(nested.issues[0]!.path).to.deep.equal(['members', 0]);
      expect(nested.issues[0]!.message).to.equal('has unknown fields "favouriteFood", "shoeSize"');
    });

    it('rejects ids that FHIR would not accept and short text that is blank or too long', () => {
      const error = rejected(
        minimalRecord({
          members: [
            member('has space'),
            member('a'.repeat(65)),
            member('ok', { name: '   ' }),
            member('ok2', { name: 'x'.repeat(201) }),
          ],
        }),
      );
      expect(paths(error)).to.have.members(['members[0].id', 'members[1].id', 'members[2].name', 'members[3].name']);
      expect(issueAt(error, ['members', 0, 'id']).message).to.equal('must be 1–64 letters, digits, "-" or "."');
      expect(issueAt(error, ['members', 2, 'name']).message).to.equal('must not be empty');
      expect(issueAt(error, ['members', 3, 'name']).message).to.equal('must be at most 200 characters');
      expect(() => parseCaseRecord(minimalRecord({ members: [member('A-z.0'.padEnd(64, '9'))] }))).not.to.throw();
    });
  });

  describe('NHS numbers', () => {
    const withNhs = (nhsNumber: string) => minimalRecord({ person: person({ nhsNumber }) });

    it('accepts a number with a valid modulus-11 check digit', () => {
      expect(parseCaseRecord(withNhs('9434765919')).person.nhsNumber).to.equal('9434765919');
      expect(parseCaseRecord(withNhs('4010232137')).person.nhsNumber).to.equal('4010232137');
    });

    it('rejects a wrong check digit, a check digit of 10, spaces, and the wrong length', () => {
      for (const bad of ['9434765918', '0000000060', '943 476 5919', '943476591', '94347659190', '943476591X']) {
        const error = rejected(withNhs(bad));
        expect(error.issues, bad).to.deep.equal([
          {
            path: ['person', 'nhsNumber'],
            message: 'must be a 10-digit NHS number with a valid check digit (no spaces)',
          },
        ]);
      }
    });

    it('isValidNhsNumber checks the digit and tolerates spaces; normaliseNhsNumber removes them', () => {
      expect(isValidNhsNumber('943 476 5919')).to.equal(true);
      expect(isValidNhsNumber('9434765918')).to.equal(false);
      expect(isValidNhsNumber('0000000060')).to.equal(false);
      expect(isValidNhsNumber('0000000000')).to.equal(true);
      expect(normaliseNhsNumber(' 943 476\t5919 ')).to.equal('9434765919');
    });
  });

  describe('dates and times', () => {
    it('requires a UTC offset on a date-time', () => {
      const error = rejected(minimalRecord({ episodes: [episode('e1', { firstContact: '2026-03-02T14:00:00' })] }));
      expect(error.issues).to.deep.equal([
        {
          path: ['episodes', 0, 'firstContact'],
          message: 'must be a date and time with a UTC offset, e.g. 2026-03-02T14:00:00+00:00',
        },
      ]);
    });

    it('accepts Z, positive and negative offsets, with or without seconds and milliseconds', () => {
      for (const firstContact of ['2026-03-29T01:30Z', '2026-03-29T01:30:00+01:00', '2026-03-29T01:30:15.250-05:30']) {
        expect(
          () => parseCaseRecord(minimalRecord({ episodes: [episode('e1', { firstContact })] })),
          firstContact,
        ).not.to.throw();
      }
    });

    it('rejects impossible dates and times', () => {
      for (const firstContact of [
        '2026-02-29T10:00:00Z',
        '2026-13-01T10:00:00Z',
        '2026-03-02T24:00:00Z',
        '2026-03-02T10:00:00+15:00',
        '2026-03-02 10:00:00Z',
      ]) {
        const error = rejected(minimalRecord({ episodes: [episode('e1', { firstContact })] }));
        expect(paths(error), firstContact).to.deep.equal(['episodes[0].firstContact']);
      }
      expect(() =>
        parseCaseRecord(minimalRecord({ episodes: [episode('e1', { firstContact: '2024-02-29T10:00:00Z' })] })),
      ).not.to.throw();
      const birth = rejected(minimalRecord({ person: person({ birthDate: '2023-02-29' }) }));
      expect(birth.issues).to.deep.equal([
        { path: ['person', 'birthDate'], message: 'must be a real date written YYYY-MM-DD' },
      ]);
    });

    it('compares instants across offsets', () => {
      // 10:30+01:00 is 09:30Z, which is after 09:00Z: fine. 09:30+01:00 is 08:30Z: before first contact.
      const ok = episode('e1', { firstContact: '2026-06-01T09:00:00Z', end: '2026-06-01T10:30:00+01:00' });
      expect(() => parseCaseRecord(minimalRecord({ episodes: [ok] }))).not.to.throw();
      const bad = episode('e1', { firstContact: '2026-06-01T09:00:00Z', end: '2026-06-01T09:30:00+01:00' });
      expect(rejected(minimalRecord({ episodes: [bad] })).issues).to.deep.equal([
        { path: ['episodes', 0, 'end'], message: 'ends before first contact' },
      ]);
    });
  });

  describe('referential integrity', () => {
    it('rejects repeated ids, and a member that reuses the person\u2019s id', () => {
      const record = exampleRecord();
      record.members.push(member('mum'), member(PERSON_ID));
      record.ties.push(tie('t1', PERSON_ID, 'friend'));
      record.meetings.push(meeting('mt2', { status: 'planned', personPresent: false, reflectingConversation: false }));
      const error = rejected(record);
      expect(issueAt(error, ['members', 6, 'id']).message).to.equal('repeats the id "mum"');
      expect(issueAt(error, ['members', 7, 'id']).message).to.equal(`uses the person's own id "${PERSON_ID}"`);
      expect(issueAt(error, ['ties', 5, 'id']).message).to.equal('repeats the id "t1"');
      expect(issueAt(error, ['meetings', 2, 'id']).message).to.equal('repeats the id "mt2"');
      expect(error.issues).to.have.length(4);
    });

    it('rejects an audience listed twice in hiddenFrom (FHIR keeps one security label for each)', () => {
      const record = exampleRecord();
      record.members[0] = { ...record.members[0]!, hiddenFrom: ['family', 'school', 'family'] };
      const error = rejected(record);
      expect(error.issues).to.deep.equal([
        { path: ['members', 0, 'hiddenFrom', 2], message: 'repeats the audience "family"' },
      ]);
    });

    it('rejects a tie to or from someone who is not in the network', () => {
      const record = exampleRecord();
      record.ties.push(tie('t9', 'ghost', 'mum'), tie('t10', PERSON_ID, 'ghost'), tie('t11', 'mum', PERSON_ID));
      const error = rejected(record);
      expect(error.issues).to.deep.equal([
        { path: ['ties', 5, 'from'], message: 'refers to "ghost", which is neither the person nor a network member' },
        { path: ['ties', 6, 'to'], message: 'refers to "ghost", which is not a network member' },
        { path: ['ties', 7, 'to'], message: `refers to "${PERSON_ID}", which is not a network member` },
      ]);
    });

    it('rejects a tie from a member to themselves', () => {
      const record = exampleRecord();
      record.ties.push(tie('t9', 'mum', 'mum'));
      expect(rejected(record).issues).to.deep.equal([
        { path: ['ties', 5, 'to'], message: 'cannot tie a member to themselves' },
      ]);
    });

    it('rejects a meeting in an unknown episode, an unknown attendee, and an attendee listed twice', () => {
      const record = exampleRecord();
      record.meetings[0]!.episodeId = 'e9';
      record.meetings[0]!.attendees.push({ memberId: 'stranger', role: 'network', present: true });
      record.meetings[1]!.attendees.push({ memberId: 'mum', role: 'other', present: false });
      const error = rejected(record);
      expect(error.issues).to.deep.equal([
        { path: ['meetings', 0, 'episodeId'], message: 'refers to "e9", which is not an episode of this case' },
        {
          path: ['meetings', 0, 'attendees', 5, 'memberId'],
          message: 'refers to "stranger", which is not a network member',
        },
        { path: ['meetings', 1, 'attendees', 2, 'memberId'], message: 'lists "mum" twice' },
      ]);
    });

    it('allows practitioner roles only for professionals', () => {
      const record = exampleRecord();
      record.meetings[0]!.attendees[3] = { memberId: 'mum', role: 'facilitator', present: true };
      record.meetings[1]!.attendees.push({ memberId: 'friend', role: 'peer-worker', present: false });
      const error = rejected(record);
      expect(error.issues).to.deep.equal([
        {
          path: ['meetings', 0, 'attendees', 3, 'role'],
          message: 'is "facilitator", but member "mum" is not a professional',
        },
        {
          path: ['meetings', 1, 'attendees', 2, 'role'],
          message: 'is "peer-worker", but member "friend" is not a professional',
        },
      ]);
      // A professional may also attend in a network role.
      const ok = exampleRecord();
      ok.meetings[0]!.attendees[0]!.role = 'other';
      expect(() => parseCaseRecord(ok)).not.to.throw();
    });

    it('records presence and reflecting conversations only for held meetings', () => {
      const record = exampleRecord();
      record.meetings[1]!.attendees[0]!.present = true;
      expect(rejected(record).issues).to.deep.equal([
        {
          path: ['meetings', 1, 'status'],
          message: 'only a held meeting can record who was present or a reflecting conversation',
        },
      ]);
      const reflecting = exampleRecord();
      reflecting.meetings[1]!.reflectingConversation = true;
      expect(paths(rejected(reflecting))).to.deep.equal(['meetings[1].status']);
      const cancelledWithPerson = exampleRecord();
      Object.assign(cancelledWithPerson.meetings[1]!, { status: 'cancelled', personPresent: true });
      expect(paths(rejected(cancelledWithPerson))).to.deep.equal(['meetings[1].status']);
    });

    it('keeps meetings within their episode: not before first contact, not after its end unless cancelled', () => {
      const early = exampleRecord();
      early.meetings[0]!.start = '2026-03-02T08:59:00+00:00'; // first contact 09:00
      expect(rejected(early).issues).to.deep.equal([
        {
          path: ['meetings', 0, 'start'],
          message: 'is before first contact of episode "e1" (2026-03-02T09:00:00+00:00)',
        },
      ]);
      // Same instant written with another offset is not before.
      const sameInstant = exampleRecord();
      sameInstant.meetings[0]!.start = '2026-03-02T10:00:00+01:00';
      sameInstant.meetings[0]!.end = '2026-03-02T11:00:00+01:00';
      expect(() => parseCaseRecord(sameInstant)).not.to.throw();

      const late = exampleRecord();
      Object.assign(late.episodes[0]!, { status: 'finished', end: '2026-03-03T12:00:00+00:00' });
      // mt2 (planned, 03-04 15:00) lies after the end.
      expect(rejected(late).issues).to.deep.equal([
        { path: ['meetings', 1, 'start'], message: 'is after the end of episode "e1" (2026-03-03T12:00:00+00:00)' },
      ]);
      const cancelledAfterEnd = exampleRecord();
      Object.assign(cancelledAfterEnd.episodes[0]!, { status: 'finished', end: '2026-03-03T12:00:00+00:00' });
      cancelledAfterEnd.meetings[1]!.status = 'cancelled';
      expect(() => parseCaseRecord(cancelledAfterEnd)).not.to.throw();
    });

    it('rates held meetings only', () => {
      const record = exampleRecord();
      record.assessments[0]!.meetingId = 'mt2'; // planned
      expect(rejected(record).issues).to.deep.equal([
        {
          path: ['assessments', 0, 'meetingId'],
          message: 'refers to meeting "mt2", which is planned; only a held meeting can be rated',
        },
      ]);
    });

    it('rejects an assessment of an unknown meeting, or rated by someone not in the network', () => {
      const record = exampleRecord();
      record.assessments[0]!.meetingId = 'mt9';
      record.assessments[0]!.rater.memberId = 'nobody';
      expect(rejected(record).issues).to.deep.equal([
        { path: ['assessments', 0, 'meetingId'], message: 'refers to "mt9", which is not a meeting of this case' },
        { path: ['assessments', 0, 'rater', 'memberId'], message: 'refers to "nobody", which is not a network member' },
      ]);
    });

    it('rejects an assessment with an unregistered instrument or version', () => {
      for (const [instrumentId, instrumentVersion] of [
        ['dpas-uk', '1.0.0'],
        ['od-seven-principles', '2.0.0'],
      ] as const) {
        const record = exampleRecord();
        Object.assign(record.assessments[0]!, { instrumentId, instrumentVersion });
        expect(rejected(record).issues).to.deep.equal([
          {
            path: ['assessments', 0, 'instrumentId'],
            message: `refers to instrument "${instrumentId}" version "${instrumentVersion}", which is not registered`,
          },
        ]);
      }
    });

    it('rejects ratings off the scale, of unknown items, or of the same item twice', () => {
      const record = exampleRecord();
      record.assessments[0]!.ratings = [
        { itemId: 'immediate-help', value: 0 },
        { itemId: 'made-up', value: 2 },
        { itemId: 'immediate-help', value: 3 },
      ];
      expect(rejected(record).issues).to.deep.equal([
        { path: ['assessments', 0, 'ratings', 0, 'value'], message: 'is 0, which is not on the scale (1, 2, 3, 4)' },
        {
          path: ['assessments', 0, 'ratings', 1, 'itemId'],
          message: 'refers to "made-up", which is not an item of "od-seven-principles"',
        },
        { path: ['assessments', 0, 'ratings', 2, 'itemId'], message: 'rates "immediate-help" twice' },
      ]);
      // 0 is on the key-elements scale, so the same value is fine there.
      const keyed = exampleRecord();
      Object.assign(keyed.assessments[0]!, {
        instrumentId: 'od-key-elements',
        ratings: [{ itemId: 'reflecting', value: 0 }],
      });
      expect(() => parseCaseRecord(keyed)).not.to.throw();
    });

    it('rejects "not applicable" when the instrument does not allow it', () => {
      const strict: Instrument = {
        ...clone(sevenPrinciples),
        id: 'strict-principles',
        scale: { ...clone(sevenPrinciples.scale), notApplicable: false },
      };
      const instruments = createInstrumentRegistry([strict]);
      const record = exampleRecord();
      Object.assign(record.assessments[0]!, {
        instrumentId: 'strict-principles',
        ratings: [{ itemId: 'dialogism', value: 'na' }],
      });
      expect(rejected(record, { instruments }).issues).to.deep.equal([
        {
          path: ['assessments', 0, 'ratings', 0, 'value'],
          message: 'is "not applicable", which "strict-principles" does not allow',
        },
      ]);
      // The built-in instrument allows it.
      const builtIn = exampleRecord();
      builtIn.assessments[0]!.ratings = [{ itemId: 'dialogism', value: 'na' }];
      expect(parseCaseRecord(builtIn, { instruments }).assessments[0]!.ratings[0]!.value).to.equal('na');
    });

    it('refuses a complete assessment until every required item is rated', () => {
      const record = exampleRecord();
      Object.assign(record.assessments[0]!, {
        status: 'complete',
        completedAt: '2026-03-02T17:00:00+00:00',
        ratings: [...allRatings(sevenPrinciples, 3).slice(0, 5), { itemId: 'uncertainty', comment: 'not sure yet' }],
      });
      const error = rejected(record);
      expect(error.issues).to.deep.equal([
        {
          path: ['assessments', 0, 'ratings'],
          message: 'has no rating for required item "uncertainty", so it cannot be complete',
        },
        {
          path: ['assessments', 0, 'ratings'],
          message: 'has no rating for required item "dialogism", so it cannot be complete',
        },
      ]);
      record.assessments[0]!.ratings = [
        ...allRatings(sevenPrinciples, 3).slice(0, 6),
        { itemId: 'dialogism', value: 'na' },
      ];
      expect(parseCaseRecord(record).assessments[0]!.status).to.equal('complete');
    });

    it('ties completedAt to the complete status', () => {
      const draftWithTime = exampleRecord();
      draftWithTime.assessments[0]!.completedAt = '2026-03-02T17:00:00+00:00';
      const completeWithout = exampleRecord();
      Object.assign(completeWithout.assessments[0]!, { status: 'complete', ratings: allRatings(sevenPrinciples, 4) });
      for (const record of [draftWithTime, completeWithout]) {
        expect(rejected(record).issues).to.deep.equal([
          {
            path: ['assessments', 0, 'completedAt'],
            message: 'a complete assessment has a completedAt time, and a draft has none',
          },
        ]);
      }
    });

    it('checks assessments against the registry passed in options', () => {
      const own: Instrument = {
        id: 'kent-pod-fidelity',
        version: '2024.1',
        title: { 'en-GB': 'Kent POD fidelity', cy: 'Ffyddlondeb POD Caint' },
        groups: [{ id: 'all', title: 'All' }],
        items: [{ id: 'q1', groupId: 'all', title: 'Question one', required: true }],
        scale: {
          notApplicable: false,
          options: [
            { value: 0, label: 'No' },
            { value: 1, label: 'Yes' },
          ],
        },
      };
      const record = exampleRecord();
      Object.assign(record.assessments[0]!, {
        instrumentId: own.id,
        instrumentVersion: own.version,
        ratings: [{ itemId: 'q1', value: 1 }],
      });
      expect(paths(rejected(record))).to.deep.equal(['assessments[0].instrumentId']);
      expect(() => parseCaseRecord(record, { instruments: createInstrumentRegistry([own]) })).not.to.throw();
    });

    it('reports schema issues before integrity (integrity runs on a well-formed record only)', () => {
      const record = exampleRecord();
      record.ties.push(tie('t9', 'ghost', 'mum'));
      record.members[0]!.ring = 7 as never;
      expect(paths(rejected(record))).to.deep.equal(['members[0].ring']);
    });
  });

  describe('hostile host objects', () => {
    it('turns input that throws when read into a ValidationError', () => {
      const input = {
        get schemaVersion(): number {
          throw new TypeError('boom');
        },
      };
      const error = expectInstance(
        thrown(() => parseCaseRecord(input)),
        ValidationError,
      );
      expect(error.issues).to.deep.equal([
        { path: [], message: 'could not be read (a getter or proxy threw, or it is not plain data)' },
      ]);
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      expectInstance(
        thrown(() => parseCaseRecord(proxy)),
        ValidationError,
      );
    });
  });

  describe('schema versions and migrations', () => {
    it('rejects a record from a newer version of the kit with a clear message', () => {
      const error = rejected({ ...minimalRecord(), schemaVersion: CURRENT_SCHEMA_VERSION + 1 });
      expect(error.issues).to.have.length(1);
      expect(error.issues[0]!.path).to.deep.equal(['schemaVersion']);
      expect(error.message).to.contain('schemaVersion is 2, written by a newer version of the kit');
      expect(error.message).to.contain('update @odkit/core');
    });

    it('upgrades an old record with a migration passed in options', () => {
      const v0 = { ...minimalRecord(), schemaVersion: 0, network: [member('mum')] } as Record<string, unknown>;
      delete v0.members;
      const before = clone(v0);
      const renameNetwork: Migration = {
        from: 0,
        migrate: ({ network, ...rest }) => ({ ...rest, members: network }),
      };
      const record = parseCaseRecord(v0, { migrations: [renameNetwork] });
      expect(record.schemaVersion).to.equal(1);
      expect(record.members.map((m) => m.id)).to.deep.equal(['mum']);
      expect(v0).to.deep.equal(before);
    });

    it('still validates what a migration returns', () => {
      const error = rejected(
        { ...minimalRecord(), schemaVersion: 0 },
        { migrations: [{ from: 0, migrate: (r) => ({ ...r, members: 'x' }) }] },
      );
      expect(paths(error)).to.deep.equal(['members']);
    });

    it('explains when no migration is registered for an old version', () => {
      const error = rejected({ ...minimalRecord(), schemaVersion: 0 });
      expect(error.issues).to.deep.equal([
        { path: ['schemaVersion'], message: 'is 0, and no migration from version 0 is registered' },
      ]);
    });

    it('turns a migration that throws, or returns nothing, into a ValidationError', () => {
      const throwing = rejected(
        { ...minimalRecord(), schemaVersion: 0 },
        {
          migrations: [
            {
              from: 0,
              migrate: () => {
                throw new TypeError('boom');
              },
            },
          ],
        },
      );
      expect(throwing.issues[0]!.message).to.contain('could not be migrated from version 0');
      // The migration's own message may quote the record: it is not passed on.
      expect(throwing.issues[0]!.message).not.to.contain('boom');
      const empty = rejected(
        { ...minimalRecord(), schemaVersion: 0 },
        {
          migrations: [{ from: 0, migrate: () => null as never }],
        },
      );
      expect(empty.issues[0]!.message).to.contain('migration from version 0 returned no object');
    });

    it('rejects a missing or non-numeric schemaVersion', () => {
      const { schemaVersion: _, ...noVersion } = minimalRecord();
      expect(paths(rejected(noVersion))).to.deep.equal(['schemaVersion']);
      expect(paths(rejected({ ...minimalRecord(), schemaVersion: '1' }))).to.deep.equal(['schemaVersion']);
    });
  });

  describe('serializeCaseRecord', () => {
    it('round-trips a record through JSON text', () => {
      const record = parseCaseRecord(exampleRecord());
      const text = serializeCaseRecord(record);
      expect(text).to.be.a('string');
      const again = parseCaseRecord(JSON.parse(text));
      expect(again).to.deep.equal(record);
      expect(serializeCaseRecord(again)).to.equal(text);
    });
  });

  describe('properties', () => {
    it('throws nothing but ValidationError for any JSON value, and every issue has a path and a readable message', () => {
      fc.assert(
        fc.property(anyJson(), (input) => {
          let record: CaseRecord;
          try {
            record = parseCaseRecord(input);
          } catch (error) {
            expect(error, String(error)).to.be.instanceOf(ValidationError);
            const issues = (error as ValidationError).issues;
            expect(issues.length).to.be.greaterThan(0);
            for (const issue of issues) {
              expect(Array.isArray(issue.path)).to.equal(true);
              for (const key of issue.path) expect(['string', 'number']).to.include(typeof key);
              expect(issue.message)
                .to.be.a('string')
                .and.not.match(/^invalid input$/i);
              expect(issue.message.length).to.be.greaterThan(0);
            }
            return;
          }
          // Whatever was accepted is frozen and survives a round trip.
          expect(Object.isFrozen(record)).to.equal(true);
          expect(parseCaseRecord(JSON.parse(serializeCaseRecord(record)))).to.deep.equal(record);
        }),
        { numRuns: 300 },
      );
    });

    it('accepts every generated valid record and round-trips it losslessly', () => {
      fc.assert(
        fc.property(validCaseRecord(), (input) => {
          const record = parseCaseRecord(input);
          expect(JSON.parse(serializeCaseRecord(record))).to.deep.equal(input);
        }),
        { numRuns: 200 },
      );
    });

    it('the generator really covers the model (not only empty records)', () => {
      const samples = fc.sample(validCaseRecord(), { numRuns: 200, seed: 42 });
      const count = (pick: (r: CaseRecord) => number) => samples.filter((r) => pick(r) > 0).length;
      expect(count((r) => r.members.length)).to.be.greaterThan(100);
      expect(count((r) => r.ties.length)).to.be.greaterThan(50);
      expect(
        count((r) => r.meetings.filter((m) => m.status === 'held' && m.attendees.some((a) => a.present)).length),
      ).to.be.greaterThan(10);
      expect(
        count((r) => r.meetings.flatMap((m) => m.attendees).filter((a) => a.role === 'facilitator').length),
      ).to.be.greaterThan(10);
      expect(count((r) => r.assessments.filter((a) => a.status === 'complete').length)).to.be.greaterThan(10);
      expect(count((r) => r.assessments.filter((a) => a.instrumentId === keyElements.id).length)).to.be.greaterThan(10);
    });
  });
});
