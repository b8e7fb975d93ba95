/**
 * What every public function of @odkit/core promises about input it cannot use:
 * it throws only the kit's typed errors (never a TypeError from a revoked proxy, a
 * throwing getter or a cyclic object), it never modifies what it is given, and its
 * messages are bounded and never quote text from the input (records are health data,
 * and messages end up in logs and alerts).
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  IndexedDbStore,
  InstrumentRegistry,
  MemoryStore,
  OdError,
  createInstrumentRegistry,
  defaultInstruments,
  formatPath,
  localise,
  ratio,
  scoreAssessment,
  sevenPrinciples,
  ValidationError,
  applyChange,
  continuity,
  fidelityTrend,
  heldMeetings,
  isValidNhsNumber,
  meanNetworkMembersPresent,
  normaliseNhsNumber,
  parseCaseRecord,
  parseChange,
  placeMix,
  serializeCaseRecord,
  summariseMeetings,
  timeToFirstMeeting,
  validate,
  type Change,
  type EntityKind,
  changeActivity,
  changeSubject,
  newId,
  parseAuthor,
  parseEntityRef,
} from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { validCaseRecord } from '../../../test/fixtures/arbitraries.js';
import {
  PERSON_ID,
  clone,
  exampleRecord,
  expectInstance,
  member,
  meeting,
  minimalRecord,
  episode,
  rejection,
  thrown,
} from './support.js';

/** The longest a single issue may read (path and message), and a whole error message. */
const ISSUE_BOUND = 300;
const MESSAGE_BOUND = 3_500;

/* ------------------------------------------------------------------ hostile values */

const revokedProxy = (): object => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};

/** A proxy whose every trap throws an error carrying `marker`. */
const trappedProxy = (marker: string, target: object = {}): object =>
  new Proxy(target, {
    get: () => {
      throw new TypeError(marker);
    },
    has: () => {
      throw new TypeError(marker);
    },
    ownKeys: () => {
      throw new TypeError(marker);
    },
    getOwnPropertyDescriptor: () => {
      throw new TypeError(marker);
    },
    getPrototypeOf: () => {
      throw new TypeError(marker);
    },
  });

/** `base` with a getter at `key` that throws an error named and worded with `marker`. */
function throwingGetter(base: Record<string, unknown>, key: string, marker: string): Record<string, unknown> {
  const error = new Error(marker);
  error.name = marker;
  return Object.defineProperty({ ...base }, key, {
    enumerable: true,
    get() {
      throw error;
    },
  });
}

const cyclic = (base: Record<string, unknown>): Record<string, unknown> => {
  const value: Record<string, unknown> = { ...base };
  value.self = value;
  value.list = [value];
  return value;
};

/**
 * A unique marker that never occurs in the kit's own text. It has spaces, so it is
 * never an identifier: neither an id nor a field name a message may name.
 */
const markers = (): fc.Arbitrary<string> => fc.integer({ min: 0, max: 1e9 }).map((n) => `zq marker ${n} qz`);

/**
 * Makers of hostile values in place of any input, each carrying `marker` wherever text
 * can be. (Makers, not values: fast-check itself would trip over a revoked proxy.)
 */
function hostileValue(marker: string): fc.Arbitrary<() => unknown> {
  return fc.constantFrom(...hostileMakers(marker));
}

function hostileMakers(marker: string): (() => unknown)[] {
  const huge = marker.padEnd(1 << 20, 'x');
  const changeBase = { type: 'member/add', member: member('zz') };
  return [
    () => revokedProxy(),
    () => trappedProxy(marker),
    () => trappedProxy(marker, []),
    () => throwingGetter(changeBase, 'member', marker),
    () => throwingGetter(changeBase, 'type', marker),
    () => throwingGetter(exampleRecord() as unknown as Record<string, unknown>, 'members', marker),
    () => throwingGetter(exampleRecord() as unknown as Record<string, unknown>, 'person', marker),
    () => ({
      ...changeBase,
      member: throwingGetter(member('zz') as unknown as Record<string, unknown>, 'name', marker),
    }),
    () => ({ ...exampleRecord(), members: [trappedProxy(marker)] }),
    () => ({ ...exampleRecord(), person: revokedProxy() }),
    () => ({ ...changeBase, [Symbol(marker)]: marker }),
    () => ({ ...exampleRecord(), [Symbol(marker)]: marker }),
    () => cyclic(changeBase),
    () => cyclic(exampleRecord() as unknown as Record<string, unknown>),
    () => ({ ...changeBase, member: { ...member('zz'), [huge]: 1 } }),
    () => ({ ...exampleRecord(), [huge]: 1 }),
    () => ({ ...exampleRecord(), [`${marker} field`]: marker }),
    () => ({ ...changeBase, member: { ...member('zz'), name: huge } }),
    () => ({ ...changeBase, member: { ...member('zz'), name: marker, ring: 7 } }),
    () => ({ ...changeBase, member: member(marker) }),
    () => ({ type: marker }),
    () => ({ type: 'tie/remove', tieId: huge }),
    () => ({ ...exampleRecord(), id: marker }),
    () => huge,
    () => marker,
    () => Symbol(marker),
    () => BigInt(7),
    () => () => marker,
    () => null,
    () => undefined,
    () => new Map([[marker, marker]]),
  ];
}

/* ------------------------------------------------------------------ the public functions */

const kinds: EntityKind[] = ['person', 'member', 'tie', 'episode', 'meeting', 'assessment', 'instrument'];

/** Every public function of core that takes input, called with `value` wherever input goes. */
function callsWith(value: unknown): (() => unknown)[] {
  const record = parseCaseRecord(exampleRecord());
  return [
    () => parseCaseRecord(value),
    () => parseCaseRecord(exampleRecord(), value as never),
    () => serializeCaseRecord(value as never),
    () => parseChange(value),
    () => applyChange(record, value),
    () => applyChange(value as never, { type: 'tie/remove', tieId: 't1' }),
    () => applyChange(record, { type: 'tie/remove', tieId: 't1' }, value as never),
    ...kinds.map((kind) => () => validate(kind, value)),
    () => validate(value as never, member('x')),
    () => normaliseNhsNumber(value as never),
    () => isValidNhsNumber(value as never),
    () => new MemoryStore(value),
    () => new MemoryStore(exampleRecord(), value as never),
    () => heldMeetings(value as never),
    () => heldMeetings(record, value as never),
    () => timeToFirstMeeting(value as never),
    () => summariseMeetings(value as never),
    () => summariseMeetings(record, value as never),
    () => placeMix(value as never),
    () => continuity(value as never),
    () => meanNetworkMembersPresent(value as never),
    () => fidelityTrend(value as never, { instrumentId: 'od-seven-principles' }),
    () => fidelityTrend(record, value as never),
    () => scoreAssessment(value as never, sevenPrinciples),
    () => scoreAssessment(record.assessments[0]!, value as never),
    () => ratio(value as never, 2),
    () => formatPath(value as never),
    () => localise(value as never, 'en-GB'),
    () => localise({ 'en-GB': 'x' }, value as never),
    () => new InstrumentRegistry(value as never),
    () => new InstrumentRegistry().register(value),
    () => createInstrumentRegistry(value as never),
    () => defaultInstruments.get(value as never),
    () => defaultInstruments.get('od-seven-principles', value as never),
    () => new MemoryStore(exampleRecord()).subscribe(value as never),
    () => parseAuthor(value),
    () => parseEntityRef(value),
    () => changeSubject(value as never),
    () => changeActivity(value as never),
    () => newId(value as never),
    () => {
      new MemoryStore(exampleRecord()).author = value as never;
    },
  ];
}

/** Same, for the asynchronous ones: a store's apply and load. */
function asyncCallsWith(value: unknown): (() => Promise<unknown>)[] {
  return [
    () => IndexedDbStore.open(value as never),
    () => IndexedDbStore.open({ caseId: value as never }),
    () => IndexedDbStore.readStoredEntry(value as never),
    () => IndexedDbStore.discard(value as never),
    () => new MemoryStore(exampleRecord()).apply(value as Change),
    () => new MemoryStore(exampleRecord()).apply({ type: 'tie/remove', tieId: 't1' }, value as never),
    () => new MemoryStore(exampleRecord()).apply({ type: 'tie/remove', tieId: 't1' }, { author: value as never }),
    () => new MemoryStore(exampleRecord()).history(value as never),
  ];
}

/**
 * What a call threw, or undefined (returning is fine: a predicate may answer false).
 * A `validate` result with issues counts as a ValidationError, so its messages are checked too.
 */
function outcome(call: () => unknown): unknown {
  try {
    const result = call() as { ok?: unknown; issues?: ValidationError['issues'] } | undefined;
    if (result && result.ok === false && result.issues) return new ValidationError('Result', result.issues);
    return undefined;
  } catch (error) {
    return error;
  }
}

function expectTyped(error: unknown, context: string) {
  if (error === undefined) return;
  expect(
    error instanceof OdError,
    `${context}: threw ${String(error instanceof Error ? error.name : typeof error)}`,
  ).to.equal(true);
}

function expectDiscreet(error: unknown, marker: string, context: string) {
  if (!(error instanceof OdError)) return;
  expect(error.message.length, `${context}: message length`).to.be.at.most(MESSAGE_BOUND);
  expect(error.message.includes(marker), `${context}: message quotes the input`).to.equal(false);
  expect(error.message.includes('zq marker'), `${context}: message quotes the input`).to.equal(false);
  if (error instanceof ValidationError) {
    for (const issue of error.issues) {
      expect(issue.message.length, `${context}: issue message length`).to.be.at.most(ISSUE_BOUND);
      expect(issue.message.includes('zq marker'), `${context}: issue message quotes the input`).to.equal(false);
    }
  }
}

/** fc.assert, with the failing assertion's own message in the error (the test runner does not show `cause`). */
async function holds<T>(property: fc.IProperty<T> | fc.IAsyncProperty<T>, numRuns: number): Promise<void> {
  const details = await fc.check(property as fc.IAsyncProperty<T>, { numRuns });
  if (details.failed) {
    throw new Error(
      `${String(details.errorInstance)}\nCounterexample: ${fc.stringify(details.counterexample)} (seed ${details.seed})`,
    );
  }
}

/* ------------------------------------------------------------------ the defects, one by one */

describe('untyped errors (issue 12, item 7)', () => {
  const hostile = {
    revoked: [revokedProxy, revokedProxy] as const,
    getter: [
      () => throwingGetter({ type: 'member/add', member: member('zz') }, 'member', 'boom'),
      () => throwingGetter({}, 'baseRevision', 'boom'),
    ],
  } as const;

  for (const [label, [make, makeOptions]] of Object.entries(hostile)) {
    it(`parseChange, applyChange and validate give a ValidationError for a ${label}`, () => {
      const record = parseCaseRecord(exampleRecord());
      expectInstance(
        thrown(() => parseChange(make())),
        ValidationError,
      );
      expectInstance(
        thrown(() => applyChange(record, make())),
        ValidationError,
      );
      const result = validate('member', make());
      expect(result.ok).to.equal(false);
    });

    it(`store.apply rejects with a ValidationError for a ${label}`, async () => {
      const store = new MemoryStore(exampleRecord());
      expectInstance(await rejection(store.apply(make() as Change)), ValidationError);
      expectInstance(
        await rejection(store.apply({ type: 'tie/remove', tieId: 't1' }, makeOptions() as never)),
        ValidationError,
      );
      expect(store.snapshot!.revision).to.equal(1);
    });
  }

  it('a baseRevision that is not a number is a ValidationError naming it', async () => {
    const store = new MemoryStore(exampleRecord());
    const error = expectInstance(
      await rejection(store.apply({ type: 'tie/remove', tieId: 't1' }, { baseRevision: '1' as never })),
      ValidationError,
    );
    expect(error.issues.map((i) => i.path)).to.deep.equal([['baseRevision']]);
  });
});

describe('messages never quote input (issue 12, item 8)', () => {
  it('an unknown field of 1 MB gives a short message that does not contain it', () => {
    const key = 'k'.repeat(1 << 20);
    const error = expectInstance(
      thrown(() => parseCaseRecord({ ...exampleRecord(), [key]: 1 })),
      ValidationError,
    );
    expect(error.message.length).to.be.below(400);
    expect(error.message).to.contain('an unknown field of 1048576 characters');
    expect(error.message).not.to.contain('kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk');
  });

  it('a short unknown field name is still named (it helps find a typo)', () => {
    const error = expectInstance(
      thrown(() => parseCaseRecord({ ...exampleRecord(), nmae: 1 })),
      ValidationError,
    );
    expect(error.message).to.contain('"nmae"');
  });

  it('an unknown field name with spaces (text, not a field name) is not quoted', () => {
    const error = expectInstance(
      thrown(() => parseCaseRecord({ ...exampleRecord(), 'Sarah Lewis': 1 })),
      ValidationError,
    );
    expect(error.message).not.to.contain('Sarah');
  });

  it("a practitioner role for a non-professional does not quote the member's name", () => {
    const record = minimalRecord({
      members: [member('sl', { name: 'Sarah Lewis' })],
      episodes: [episode('e1')],
      meetings: [meeting('mt1', { attendees: [{ memberId: 'sl', role: 'facilitator', present: true }] })],
    });
    const error = expectInstance(
      thrown(() => parseCaseRecord(record)),
      ValidationError,
    );
    expect(error.issues.map((i) => i.path)).to.deep.equal([['meetings', 0, 'attendees', 0, 'role']]);
    expect(error.message).not.to.contain('Sarah');
    expect(error.message).to.contain('"sl"');
  });

  it('a migration that throws is reported without its message (it may quote the record)', () => {
    const migration = {
      from: 0,
      migrate() {
        throw new Error('could not read Sarah Lewis');
      },
    };
    const error = expectInstance(
      thrown(() => parseCaseRecord({ ...exampleRecord(), schemaVersion: 0 }, { migrations: [migration] })),
      ValidationError,
    );
    expect(error.message).not.to.contain('Sarah');
  });

  it('a long path is shortened too', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 400; i++) deep = { ['f' + i]: deep };
    const error = expectInstance(
      thrown(() => parseCaseRecord({ ...exampleRecord(), person: { ...exampleRecord().person, name: deep } })),
      ValidationError,
    );
    for (const issue of error.issues) expect(issue.message.length).to.be.at.most(ISSUE_BOUND);
    expect(error.message.length).to.be.at.most(MESSAGE_BOUND);
  });
});

describe('the input is never modified (issue 12, item 9)', () => {
  it('applyChange on a plain, unfrozen record leaves it unfrozen and unchanged', () => {
    const input = clone(demoCase) as typeof demoCase;
    const before = clone(input);
    const next = applyChange(input, { type: 'member/add', member: member('newcomer', { ring: 3, household: false }) });
    expect(Object.isFrozen(input)).to.equal(false);
    expect(Object.isFrozen(input.person)).to.equal(false);
    expect(Object.isFrozen(input.members)).to.equal(false);
    expect(Object.isFrozen(input.members[0])).to.equal(false);
    expect(input).to.deep.equal(before);
    expect(Object.isFrozen(next.person)).to.equal(true);
    expect(Object.isFrozen(next.members[0])).to.equal(true);
    expect(next.members.map((m) => m.id)).to.include('newcomer');
  });

  it('a change object is not frozen either', () => {
    const change = { type: 'member/add', member: member('newcomer', { ring: 3, household: false }) };
    applyChange(parseCaseRecord(exampleRecord()), change);
    expect(Object.isFrozen(change)).to.equal(false);
    expect(Object.isFrozen(change.member)).to.equal(false);
  });

  it('a parsed record is shared, not copied (structural sharing stays)', () => {
    const record = parseCaseRecord(exampleRecord());
    const next = applyChange(record, { type: 'tie/remove', tieId: 't1' });
    expect(next.members).to.equal(record.members);
    expect(next.person).to.equal(record.person);
  });

  it('the demo case itself is not frozen by applyChange', () => {
    applyChange(demoCase, { type: 'person/update', person: { ...demoCase.person } });
    expect(Object.isFrozen(demoCase.person)).to.equal(false);
  });
});

/* ------------------------------------------------------------------ properties */

describe('every public function on hostile input (property)', function () {
  // Each run calls ~60 functions, some with 1 MB strings: generous on a busy machine.
  this.timeout(60_000);
  it('throws only the kit typed errors, with bounded messages that never quote the input', async () => {
    await holds(
      fc.property(
        markers().chain((marker) => fc.tuple(fc.constant(marker), hostileValue(marker))),
        ([marker, make]) => {
          callsWith(make()).forEach((call, i) => {
            const error = outcome(call);
            expectTyped(error, `call ${i}`);
            expectDiscreet(error, marker, `call ${i}`);
          });
        },
      ),
      80,
    );
  });

  it('store.apply rejects only with typed errors, with bounded messages that never quote the input', async () => {
    await holds(
      fc.asyncProperty(
        markers().chain((marker) => fc.tuple(fc.constant(marker), hostileValue(marker))),
        async ([marker, make]) => {
          for (const [i, call] of asyncCallsWith(make()).entries()) {
            let error: unknown;
            try {
              await call();
            } catch (caught) {
              error = caught;
            }
            expectTyped(error, `async call ${i}`);
            expectDiscreet(error, marker, `async call ${i}`);
          }
        },
      ),
      60,
    );
  });

  it('no message quotes the free text of a record, wherever the record is broken', async () => {
    // Valid records whose every text field is a marker, damaged by a bad value next to the text.
    await holds(
      fc.property(validCaseRecord(), markers(), fc.integer({ min: 0, max: 5 }), (record, marker, damage) => {
        const text = clone(record) as unknown as Record<string, unknown>;
        const person = text.person as Record<string, unknown>;
        person.name = marker;
        for (const m of text.members as Record<string, unknown>[]) {
          m.name = marker;
          if (damage === 0) m.ring = 9;
          if (damage === 1) m.kind = 'professional';
        }
        if (damage === 2) (text.ties as unknown[]).push({ id: 'tx', from: PERSON_ID, to: 'ghost', strength: marker });
        if (damage === 3) text[marker] = marker;
        if (damage === 4) person.nhsNumber = marker;
        for (const mt of text.meetings as Record<string, unknown>[]) {
          for (const a of mt.attendees as Record<string, unknown>[]) a.role = 'facilitator';
        }
        for (const call of [
          () => parseCaseRecord(text),
          () => validate('person', person),
          () => new MemoryStore(text),
        ]) {
          const error = outcome(call);
          expectTyped(error, 'record');
          expectDiscreet(error, marker, 'record');
        }
      }),
      150,
    );
  });
});
