import { expect } from '@open-wc/testing';
import { CaseRecord, Change, Instrument, Meeting, builtInInstruments } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import fc from 'fast-check';
import { anyJson, validCaseRecord } from '../../../test/fixtures/arbitraries.js';
import { FAIL, compile } from '../src/internal/fast-parse.js';
import { exampleRecord } from './support.js';

/**
 * The fast path must give exactly zod's answer: the same output for what zod
 * accepts (or FAIL, which hands over to zod), and FAIL for everything zod rejects.
 */
function agrees(schema: { safeParse(v: unknown): { success: boolean; data?: unknown } }, input: unknown): void {
  const fast = compile(schema as never)!(input);
  const zod = schema.safeParse(input);
  if (!zod.success) {
    expect(fast, 'zod rejects, so the fast path must FAIL').to.equal(FAIL);
    return;
  }
  if (fast === FAIL) return;
  // Same values and the same key order.
  expect(JSON.stringify(fast)).to.equal(JSON.stringify(zod.data));
  expect(fast).to.deep.equal(zod.data);
}

describe('fast parse', () => {
  it('covers the whole model, so valid data never waits for zod', () => {
    for (const schema of [CaseRecord, Change, Instrument]) expect(compile(schema)).to.be.a('function');
    expect(compile(CaseRecord)!(JSON.parse(JSON.stringify(demoCase)))).not.to.equal(FAIL);
    for (const instrument of builtInInstruments) expect(compile(Instrument)!(instrument)).not.to.equal(FAIL);
  });

  it('returns what zod returns for every generated valid record', () => {
    fc.assert(
      fc.property(validCaseRecord(), (record) => {
        const fast = compile(CaseRecord)!(record);
        expect(fast).not.to.equal(FAIL);
        agrees(CaseRecord, record);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with zod on any JSON, including valid records broken in one place', () => {
    fc.assert(
      fc.property(anyJson(), (input) => agrees(CaseRecord, input)),
      { numRuns: 400 },
    );
  });

  it('agrees with zod on changes built from any JSON', () => {
    const types = ['member/add', 'meeting/record', 'assessment/rate', 'meeting/set-attendance', 'person/update'];
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.jsonValue(), fc.jsonValue(), (type, a, b) => {
        agrees(Change, {
          type,
          member: a,
          meeting: a,
          person: a,
          meetingId: 'm1',
          assessmentId: 'a1',
          itemId: 'i',
          value: b,
        });
        agrees(Change, { type, meetingId: 'm1', personPresent: true, attendees: a });
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with zod on dated histories, valid and broken (order, empty entries, odd dates, organisations)', () => {
    const entry = fc.record(
      {
        at: fc.oneof(
          fc.constantFrom('2026-03-02T10:00:00Z', '2026-03-02T11:00+01:00', '2026-03-03T09:00:00.5Z'),
          fc.constantFrom('2026-03-02', '2026-13-01T00:00Z', '', 'yesterday'),
        ),
        ring: fc.constantFrom(1, 2, 3, 4, '1'),
        sector: fc.constantFrom('family', 'friends', 'moon'),
        status: fc.constantFrom('active', 'past', 'deceased', 'gone'),
        strength: fc.constantFrom('strong', 'tenuous', 'weak'),
        quality: fc.constantFrom('neutral', 'cut-off', 'bad'),
        direction: fc.constantFrom('to', 'both', 'up'),
        extra: fc.constant(1),
      },
      { requiredKeys: [] },
    );
    const record = exampleRecord();
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 4 }),
        fc.constantFrom('person', 'organisation'),
        fc.constantFrom(0, 1),
        (history, kind, i) => {
          const member = { ...record.members[i]!, kind, history };
          agrees(CaseRecord, { ...record, members: [member] });
          agrees(CaseRecord, { ...record, ties: [{ ...record.ties[0]!, history }] });
          agrees(Change, { type: 'member/update', member, at: history[0]?.at });
          agrees(Change, { type: 'tie/update', tie: { ...record.ties[0]!, history }, at: '2026-03-02T10:00:00Z' });
        },
      ),
      { numRuns: 400 },
    );
  });

  it('agrees on the odd inputs JavaScript hosts can give', () => {
    const record = exampleRecord();
    const person = record.person;
    const cases: unknown[] = [
      { ...record, person: { ...person, pronouns: undefined } }, // optional key present but undefined
      { ...record, person: { ...person, name: '  Alex  ' } }, // trimmed
      { ...record, person: Object.assign(Object.create({ inherited: 1 }), person) }, // inherited enumerable key
      JSON.parse(`{"id":"p1","name":"A","__proto__":{"x":1}}`),
      { ...record, members: [{ ...record.members[0], ring: Number.NaN }] },
      { ...record, members: [{ ...record.members[0], ring: Infinity }] },
      { ...record, members: [{ ...record.members[0], ring: -0 }] },
      { ...record, members: Object.assign([record.members[0]], { extra: true }) },
      // eslint-disable-next-line no-sparse-arrays
      { ...record, members: [, record.members[0]] },
      { ...record, members: record.members.map((m) => new Proxy(m, {})) },
      new Date(),
      Object.create(null),
    ];
    for (const input of cases) {
      agrees(CaseRecord, input);
      agrees(Meeting, input);
    }
    const titles: unknown[] = [
      JSON.parse(`{"en-GB":"Hi","__proto__":"x"}`),
      { 'en-GB': 'Hello', [Symbol('x')]: 'y' },
      Object.defineProperty({ 'en-GB': 'Hello' }, 'constructor', { value: () => 1, enumerable: false }),
      '😀'.repeat(150), // 300 UTF-16 units, 150 code points: zod counts code points
      '😀'.repeat(2001),
    ];
    for (const title of titles) agrees(Instrument, { ...builtInInstruments[0], title });
    // Long text in code points, within the limit, still takes the fast path.
    expect(compile(Meeting)!({ ...exampleRecord().meetings[0], place: '😀'.repeat(150) })).not.to.equal(FAIL);
  });
});
