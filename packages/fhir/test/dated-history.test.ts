import { expect } from '@open-wc/testing';
import { parseCaseRecord, type CaseRecord } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { CODE_SYSTEM, EXT, FhirStore, fromFhir, toFhir, type Bundle, type FhirResource } from '@odkit/fhir';
import { guardConsole } from '../../../test/support/console-guard.js';
import { FHIR_URL, demoFor, http, loadDefinitions, testAuthor, uniqueId, validationErrors } from './support.js';

type Ext = {
  url: string;
  extension?: Ext[];
  valuePeriod?: { end?: string; _end?: unknown };
  valueId?: string;
} & Record<string, unknown>;

const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const networkOf = (bundle: Bundle) => bundle.entry!.map((e) => e.resource!).find((r) => r.resourceType === 'CareTeam')!;

/** The demo case with a dated history: Dad moved closer and a tie eased, then Sam left. */
function withHistory(): CaseRecord {
  const record = structuredClone(demoCase) as CaseRecord;
  const dad = record.members.find((m) => m.id === 'm-david')!;
  dad.history = [
    { at: '2026-02-09T10:00:00Z', ring: 3, sector: 'family' },
    { at: '2026-03-02T17:30+00:00', ring: 2, status: 'active' },
  ];
  const tie = record.ties[0]!;
  tie.history = [{ at: '2026-02-16T09:15:30.250Z', quality: 'conflictual', strength: 'tenuous', direction: 'none' }];
  return parseCaseRecord(record);
}

describe('FHIR: dated history of rings, sectors, statuses and ties', () => {
  guardConsole();
  before(async function () {
    this.timeout(60_000);
    await loadDefinitions();
  });

  it('writes each earlier value under the kit’s extensions, dated by period.end, as valid R4', () => {
    const bundle = toFhir(withHistory());
    const network = networkOf(bundle);
    const participant = (network.participant as { member: { reference: string }; extension: Ext[] }[]).find((p) =>
      p.extension?.some((e) => e.url === EXT.memberHistory),
    )!;
    const entries = participant.extension.filter((e) => e.url === EXT.memberHistory);
    expect(entries).to.have.length(2);
    const parts = (e: Ext) => Object.fromEntries(e.extension!.map((x) => [x.url, x]));
    expect(parts(entries[0]!).period!.valuePeriod!.end).to.equal('2026-02-09T10:00:00Z');
    expect(parts(entries[0]!).ring!.valueInteger).to.equal(3);
    expect(parts(entries[0]!).sector!.valueCoding).to.deep.equal({ system: CODE_SYSTEM.sector, code: 'family' });
    // A time without seconds is written with them, and the kit's text is kept beside it.
    expect(parts(entries[1]!).period!.valuePeriod!.end).to.equal('2026-03-02T17:30:00+00:00');
    const ties = (network.extension as Ext[]).filter((e) => e.url === EXT.tieHistory);
    expect(ties).to.have.length(1);
    expect(parts(ties[0]!).tie!.valueId).to.equal(demoCase.ties[0]!.id);
    expect(parts(ties[0]!).quality!.valueCoding).to.deep.equal({ system: CODE_SYSTEM.tieQuality, code: 'conflictual' });
    expect(validationErrors(network as FhirResource)).to.deep.equal([]);
  });

  it('reads the same history back, exactly', () => {
    const record = withHistory();
    const { record: back, warnings } = fromFhir(wire(toFhir(record)));
    expect(back).to.deep.equal(record);
    expect(warnings).to.deep.equal([]);
  });

  it('reads an EHR’s entries oldest first, and leaves out (saying so) one with no time or no known value', () => {
    const bundle = wire(toFhir(withHistory()));
    const network = networkOf(bundle);
    const participant = (network.participant as { extension: Ext[] }[]).find((p) =>
      p.extension?.some((e) => e.url === EXT.memberHistory),
    )!;
    const history = participant.extension.filter((e) => e.url === EXT.memberHistory);
    const others = participant.extension.filter((e) => e.url !== EXT.memberHistory);
    const noTime: Ext = { url: EXT.memberHistory, extension: [{ url: 'ring', valueInteger: 1 }] };
    const unknownValue: Ext = {
      url: EXT.memberHistory,
      extension: [
        { url: 'period', valuePeriod: { end: '2026-01-01T00:00:00Z' } },
        { url: 'ring', valueInteger: 9 },
      ],
    };
    participant.extension = [...others, history[1]!, noTime, history[0]!, unknownValue];
    const { record, warnings } = fromFhir(bundle);
    expect(record.members.find((m) => m.id === 'm-david')!.history).to.deep.equal(
      withHistory().members.find((m) => m.id === 'm-david')!.history,
    );
    expect(warnings.map((w) => w.message)).to.deep.equal([
      'Earlier values have no time, or no value the kit knows; they were left out.',
      'Earlier values have no time, or no value the kit knows; they were left out.',
    ]);
  });

  it('a ring change through FhirStore is dated, and a second client reads the history', async function () {
    this.timeout(30_000);
    const patientId = uniqueId('pt');
    const store = await FhirStore.open({
      baseUrl: FHIR_URL,
      patientId,
      http,
      initial: demoFor(patientId),
      author: testAuthor,
    });
    const dad = store.snapshot!.record.members.find((m) => m.id === 'm-david')!;
    await store.apply({ type: 'member/update', member: { ...dad, ring: 1 } }, { at: '2026-03-09T12:00:00Z' });
    const other = await FhirStore.open({ baseUrl: FHIR_URL, patientId, http, author: testAuthor });
    expect(other.snapshot!.record.members.find((m) => m.id === 'm-david')!.history).to.deep.equal([
      { at: '2026-03-09T12:00:00Z', ring: 2 },
    ]);
    expect(other.warnings).to.deep.equal([]);
  });
});
