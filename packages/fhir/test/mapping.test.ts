import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { OdError, ValidationError, type CaseRecord } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import {
  CODE_SYSTEM,
  EXT,
  NHS_NUMBER_SYSTEM,
  UK_CORE_PROFILE,
  V3_RELATIONSHIPS,
  V3_ROLE_CODE,
  fromFhir,
  toFhir,
  type Bundle,
  type FhirResource,
} from '@odkit/fhir';
import { anyJson, validCaseRecord } from '../../../test/fixtures/arbitraries.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { conformanceResources } from '../src/conformance.js';
import { loadDefinitions, validationErrors } from './support.js';

const resources = (bundle: Bundle) => bundle.entry!.map((e) => e.resource!);
const ofType = (bundle: Bundle, type: string) => resources(bundle).filter((r) => r.resourceType === type);
/** Through JSON, as a server would hand it back. */
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('toFhir / fromFhir', () => {
  guardConsole();
  before(async function () {
    this.timeout(60_000);
    await loadDefinitions();
  });

  it('has a validator that finds errors (so a clean result means something)', () => {
    expect(
      validationErrors({
        resourceType: 'Appointment',
        status: 'booked',
        start: '2026-01-01T10:00:00Z',
        participant: [],
      }).length,
    ).to.be.greaterThan(0);
    expect(
      validationErrors({
        resourceType: 'Encounter',
        status: 'finished',
        class: { code: 'HH' },
        period: { start: '2026-01-01T10:00+00:00' },
      }).length,
    ).to.be.greaterThan(0);
  });

  it('maps the demo case to valid R4 resources with UK Core profiles', () => {
    const bundle = toFhir(demoCase);
    const types = new Set(resources(bundle).map((r) => r.resourceType));
    for (const type of [
      'Patient',
      'RelatedPerson',
      'Practitioner',
      'PractitionerRole',
      'Organization',
      'CareTeam',
      'EpisodeOfCare',
      'Encounter',
      'Appointment',
      'QuestionnaireResponse',
      'Questionnaire',
    ]) {
      expect(types.has(type), type).to.equal(true);
    }
    for (const resource of resources(bundle)) {
      expect(validationErrors(resource), `${resource.resourceType}/${resource.id}`).to.deep.equal([]);
      expect(resource.meta?.profile, resource.resourceType).to.deep.equal([UK_CORE_PROFILE[resource.resourceType]]);
    }
    const [patient] = ofType(bundle, 'Patient');
    expect(patient!.identifier).to.deep.equal([{ system: NHS_NUMBER_SYSTEM, value: demoCase.person.nhsNumber }]);
  });

  it('writes meetings as Encounters (held) and Appointments (planned, cancelled) with home / clinic / virtual classes', () => {
    const bundle = toFhir(demoCase);
    const held = demoCase.meetings.filter((m) => m.status === 'held').length;
    expect(ofType(bundle, 'Encounter')).to.have.length(held);
    expect(ofType(bundle, 'Appointment')).to.have.length(demoCase.meetings.length - held);
    const classes = new Set(ofType(bundle, 'Encounter').map((e) => (e.class as { code: string }).code));
    expect([...classes].every((c) => ['HH', 'AMB', 'VR', 'other'].includes(c))).to.equal(true);
    for (const encounter of ofType(bundle, 'Encounter')) {
      expect((encounter.subject as { reference: string }).reference).to.equal(`Patient/${demoCase.person.id}`);
    }
  });

  it('writes each instrument as a Questionnaire with its Welsh text as translations', () => {
    const questionnaires = ofType(toFhir(demoCase), 'Questionnaire');
    expect(questionnaires.length).to.be.greaterThan(0);
    for (const q of questionnaires) expect(validationErrors(q), String(q.url)).to.deep.equal([]);
    expect(questionnaires.map((q) => q.url).sort()).to.deep.equal([
      'https://fhir.opendialoguekit.org/Questionnaire/od-key-elements',
      'https://fhir.opendialoguekit.org/Questionnaire/od-seven-principles',
    ]);
    const seven = questionnaires.find((q) => String(q.url).endsWith('/od-seven-principles'))!;
    expect(seven.title).to.equal('The seven principles of Open Dialogue');
    expect(JSON.stringify(seven._title)).to.contain('Saith egwyddor y Ddeialog Agored');
    expect(JSON.stringify(seven.item)).to.contain('"valueCode":"cy"');
  });

  it('keeps ring, sector and ties in the kit extensions with the kit CodeSystems', () => {
    const [network] = ofType(toFhir(demoCase), 'CareTeam');
    const participants = network!.participant as {
      extension: { url: string; valueInteger?: number; valueCoding?: { system: string } }[];
    }[];
    const member = participants[1]!;
    expect(member.extension.find((e) => e.url === EXT.ring)?.valueInteger).to.equal(demoCase.members[0]!.ring);
    expect(member.extension.find((e) => e.url === EXT.sector)?.valueCoding?.system).to.equal(CODE_SYSTEM.sector);
    expect((network!.extension as { url: string }[]).filter((e) => e.url === EXT.tie)).to.have.length(
      demoCase.ties.length,
    );
  });

  it('writes each team that held an episode as a contained CareTeam with its period, and reads the hand-overs back', () => {
    const [first] = demoCase.episodes;
    const episode = {
      ...first!,
      handovers: [
        { at: '2026-03-20T10:00:00+00:00', to: 'Home treatment team', reason: 'Moved to the next town' },
        { at: '2026-04-02T09:30:00+01:00', to: first!.responsibleTeam },
      ],
    };
    const record = { ...demoCase, episodes: [episode] };
    const bundle = wire(toFhir(record));
    const [eoc] = ofType(bundle, 'EpisodeOfCare');
    expect(validationErrors(eoc!)).to.deep.equal([]);
    const teams = eoc!.contained as { id: string; name: string; period: { start: string; end?: string } }[];
    expect(teams.map((t) => [t.id, t.name, t.period.start, t.period.end])).to.deep.equal([
      [
        'team',
        first!.responsibleTeam,
        first!.firstContact.replace(/(T\d\d:\d\d)\+/, '$1:00+'),
        '2026-03-20T10:00:00+00:00',
      ],
      ['team-1', 'Home treatment team', '2026-03-20T10:00:00+00:00', '2026-04-02T09:30:00+01:00'],
      ['team-2', first!.responsibleTeam, '2026-04-02T09:30:00+01:00', undefined],
    ]);
    expect(eoc!.team).to.deep.equal(teams.map((t) => ({ reference: `#${t.id}`, display: t.name })));
    expect(JSON.stringify(teams[1])).to.contain(EXT.handoverReason);
    const { record: back, warnings } = fromFhir(bundle);
    expect(back.episodes[0]).to.deep.equal(episode);
    expect(warnings).to.deep.equal([]);
    // A hand-over out of order (written by another system) is left out, and said so.
    const swapped = wire(bundle);
    const [eoc2] = ofType(swapped, 'EpisodeOfCare');
    (eoc2!.contained as { period: { start: string } }[])[2]!.period.start = '2026-03-01T00:00:00Z';
    const read = fromFhir(swapped);
    expect(read.record.episodes[0]!.handovers).to.deep.equal([episode.handovers[0]]);
    expect(read.warnings.map((w) => w.message)).to.deep.equal([
      'A hand-over of responsibility has no start, is out of order or repeats a team; it was left out.',
    ]);
  });

  it('gives the demo case back exactly, with no warnings', () => {
    const { record, warnings } = fromFhir(wire(toFhir(demoCase)));
    expect(record).to.deep.equal(demoCase);
    expect(warnings).to.deep.equal([]);
  });

  it("writes each date-time in FHIR's form (seconds, an offset up to ±14:00), with the kit's own text where it differs", () => {
    const start = (kit: string) => {
      const record = structuredClone(demoCase) as CaseRecord;
      const meeting = record.meetings.find((m) => m.status === 'held')!;
      meeting.start = kit;
      delete meeting.end;
      const bundle = toFhir(record);
      const encounter = ofType(bundle, 'Encounter').find((r) =>
        (r.identifier as { value: string }[]).some((i) => i.value === meeting.id),
      )!;
      const period = encounter.period as {
        start: string;
        _start?: { extension: { url: string; valueString: string }[] };
      };
      expect(fromFhir(wire(bundle)).record.meetings.find((m) => m.id === meeting.id)!.start, kit).to.equal(kit);
      return [period.start, period._start?.extension.find((e) => e.url === EXT.originalText)?.valueString];
    };
    // Already FHIR's form: written as it is.
    for (const kit of [
      '2026-03-02T14:00:00Z',
      '2026-03-02T14:00:00.125+01:00',
      '2026-03-02T14:00:00+14:00',
      '2026-03-02T14:00:00-13:59',
    ])
      expect(start(kit), kit).to.deep.equal([kit, undefined]);
    // The kit's other forms: the same instant in FHIR's form, and the kit's text beside it.
    expect(start('2026-03-02T14:00+01:00')).to.deep.equal(['2026-03-02T14:00:00+01:00', '2026-03-02T14:00+01:00']);
    expect(start('2026-03-02T14:00:00+14:30')).to.deep.equal(['2026-03-01T23:30:00.000Z', '2026-03-02T14:00:00+14:30']);
    expect(start('2026-03-02T14:00:00-14:01')).to.deep.equal(['2026-03-03T04:01:00.000Z', '2026-03-02T14:00:00-14:01']);
  });

  it('round-trips every generated valid record losslessly', function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(validCaseRecord(), (record: CaseRecord) => {
        const { record: back, warnings } = fromFhir(wire(toFhir(record)));
        expect(back).to.deep.equal(record);
        expect(warnings).to.deep.equal([]);
      }),
      { numRuns: 300 },
    );
  });

  it('produces only resources that validate against R4, for generated records', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(validCaseRecord(), (record: CaseRecord) => {
        for (const resource of resources(toFhir(record))) {
          expect(validationErrors(resource), `${resource.resourceType}/${resource.id}`).to.deep.equal([]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('refuses what is not a valid record with a ValidationError', () => {
    expect(() => toFhir({ ...demoCase, id: '' } as CaseRecord)).to.throw(ValidationError);
  });

  it('only ever returns a record or throws a typed error, whatever JSON it is given', function () {
    this.timeout(60_000);
    const bundles = fc.oneof(
      anyJson(),
      fc.array(anyJson(), { maxLength: 4 }).map((entry) => ({ resourceType: 'Bundle', type: 'collection', entry })),
      fc
        .array(anyJson(), { maxLength: 4 })
        .map((list) => ({ resourceType: 'Bundle', type: 'searchset', entry: list.map((resource) => ({ resource })) })),
      // A valid bundle damaged in one place.
      fc.tuple(fc.constantFrom(...resources(toFhir(demoCase)).map((_, i) => i)), anyJson()).map(([i, junk]) => {
        const bundle = wire(toFhir(demoCase));
        (bundle.entry![i] as { resource: unknown }).resource =
          typeof junk === 'object' && junk !== null ? { ...bundle.entry![i]!.resource, ...junk } : junk;
        return bundle;
      }),
    );
    fc.assert(
      fc.property(bundles, (input) => {
        try {
          const { record, warnings } = fromFhir(input);
          expect(record.schemaVersion).to.equal(1);
          expect(Array.isArray(warnings)).to.equal(true);
        } catch (error) {
          if (!(error instanceof OdError)) throw error;
        }
      }),
      { numRuns: 400 },
    );
  });

  it('writes each relationship code under the system that declares it, and no code under one that does not', () => {
    const withCode = (code: string, text?: string): CaseRecord => ({
      ...demoCase,
      members: demoCase.members.map((m) =>
        m.id === 'm-sarah' ? { ...m, relationship: { code, ...(text ? { text } : {}) } } : m,
      ),
    });
    const concept = (record: CaseRecord) => {
      const sarah = ofType(toFhir(record), 'RelatedPerson').find((r) =>
        JSON.stringify(r.identifier).includes('m-sarah'),
      )!;
      return (
        sarah.relationship as { coding: { system: string; code: string; display?: string }[]; text?: string }[]
      )[0]!;
    };
    expect(concept(withCode('MTH')).coding).to.deep.equal([{ system: V3_ROLE_CODE, code: 'MTH' }]);
    expect(concept(withCode('carer')).coding).to.deep.equal([{ system: CODE_SYSTEM.relationship, code: 'carer' }]);
    // Upper case, as v3 codes are, but not a v3 RoleCode: never written as one.
    for (const code of ['GP', 'GODMTH']) {
      expect(V3_RELATIONSHIPS.has(code)).to.equal(false);
      const written = concept(withCode(code, 'Godmother'));
      expect(written.coding).to.deep.equal([{ system: CODE_SYSTEM.hostRelationship, code, display: code }]);
      expect(written.text).to.equal('Godmother');
      const back = fromFhir(wire(toFhir(withCode(code, 'Godmother'))));
      expect(back.record.members.find((m) => m.id === 'm-sarah')!.relationship).to.deep.equal({
        code,
        text: 'Godmother',
      });
      expect(back.warnings).to.deep.equal([]);
    }
    // The CodeSystem says its codes are a host's own and not listed; it validates as R4.
    const host = conformanceResources().find((r) => r.url === CODE_SYSTEM.hostRelationship)!;
    expect(host).to.include({ content: 'not-present' });
    expect(validationErrors(host)).to.deep.equal([]);
  });

  it('reads a real-world bundle: unused resources ignored, unknown codes keep their text, defaults reported', () => {
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        {
          resource: {
            resourceType: 'Patient',
            id: 'ehr-1',
            name: [{ given: ['Rhys'], family: 'Evans' }],
            identifier: [{ system: NHS_NUMBER_SYSTEM, value: '943 476 5919' }],
            gender: 'male',
          },
        },
        {
          resource: {
            resourceType: 'RelatedPerson',
            id: 'rp-1',
            patient: { reference: 'Patient/ehr-1' },
            name: [{ text: 'Ann Evans' }],
            relationship: [
              { coding: [{ system: 'http://example.org/local-codes', code: 'X1', display: 'Foster mum' }] },
            ],
          },
        },
        { resource: { resourceType: 'Observation', id: 'o-1', status: 'final', code: { text: 'Blood pressure' } } },
        {
          resource: {
            resourceType: 'EpisodeOfCare',
            id: 'eoc-1',
            status: 'active',
            patient: { reference: 'Patient/ehr-1' },
            period: { start: '2026-01-05T09:30:00+00:00' },
            managingOrganization: { display: 'Crisis team' },
          },
        },
        {
          resource: {
            resourceType: 'Encounter',
            id: 'enc-1',
            status: 'finished',
            class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'HH' },
            subject: { reference: 'Patient/ehr-1' },
            episodeOfCare: [{ reference: 'EpisodeOfCare/eoc-1' }],
            period: { start: '2026-01-06T10:00:00+00:00' },
            participant: [{ individual: { reference: 'RelatedPerson/rp-1' } }],
          },
        },
      ],
    };
    const { record, warnings } = fromFhir(bundle);
    expect(record.person).to.deep.equal({ id: 'ehr-1', name: 'Rhys Evans', nhsNumber: '9434765919' });
    expect(record.members).to.have.length(1);
    expect(record.members[0]!.relationship).to.deep.equal({ text: 'Foster mum' });
    expect(record.episodes[0]!.responsibleTeam).to.equal('Crisis team');
    expect(record.meetings[0]!.attendees).to.deep.equal([{ memberId: 'rp-1', role: 'other', present: true }]);
    const messages = warnings.map((w) => w.message).join('\n');
    expect(messages).to.contain('1 Observation resource was not part of this case');
    expect(messages).to.contain('relationship code is not one the kit knows');
    expect(messages).to.contain('no Open Dialogue network');
  });

  it('names what is missing when a bundle cannot be a case', () => {
    expect(() => fromFhir({ resourceType: 'Bundle', type: 'collection', entry: [] })).to.throw(
      ValidationError,
      /no Patient/,
    );
    expect(() => fromFhir({ resourceType: 'Patient' })).to.throw(ValidationError, /resourceType must be "Bundle"/);
    const noName = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: { resourceType: 'Patient', id: 'x' } as FhirResource }],
    };
    expect(() => fromFhir(noName)).to.throw(ValidationError, /person\.name/);
  });
});
