import { expect } from '@open-wc/testing';
import { OdError, StorageError, ValidationError, parseCaseRecord, type CaseRecord } from '@odkit/core';
import { bulkDataSource, type BulkDataFile, type CaseSource } from '@odkit/fhir/service';
import { caseload } from '../../../test/support/caseload.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { blobFiles, chunkedStream, expectSameRecords, ndjsonByType, parsedCaseload } from './service-support.js';
import { rejection } from './support.js';

const readAll = async (source: CaseSource) => {
  const records: CaseRecord[] = [];
  for await (const record of source) records.push(record);
  return records;
};

describe('bulkDataSource (FHIR Bulk Data NDJSON)', function () {
  // Hundreds of cases on a shared two-core machine.
  this.timeout(60_000);
  guardConsole();
  // 200 generated cases with unique marker text, so no problem message can be shown to quote any of it.
  const records = parsedCaseload({ cases: 200, seed: 11, markers: true });
  const files = ndjsonByType(records);

  it('reads files written by toFhir back to the same case records, in the Patient file’s order', async () => {
    expect([...files.keys()].sort()).to.include.members([
      'Patient',
      'CareTeam',
      'RelatedPerson',
      'Practitioner',
      'PractitionerRole',
      'EpisodeOfCare',
      'Encounter',
      'Appointment',
      'QuestionnaireResponse',
    ]);
    const source = bulkDataSource(blobFiles(files));
    const read = await readAll(source);
    expect(read.map((r) => r.id)).to.deep.equal(records.map((r) => r.id));
    expectSameRecords(read, records);
    expect(source.problemCount).to.equal(0);
    expect(source.problems).to.deep.equal([]);
  });

  it('reads a window of patients per pass when told to, with the same result (each file opened once a pass)', async () => {
    const opened: string[] = [];
    const read = await readAll(bulkDataSource(blobFiles(files, opened), { patientsPerPass: 80 }));
    expectSameRecords(read, records);
    // The Patient file once for the ids, then every file once for each of three windows (80 + 80 + 40).
    expect(opened.filter((t) => t === 'Patient')).to.have.length(4);
    expect(opened.filter((t) => t === 'Encounter')).to.have.length(3);
  });

  it('reads a stream cut anywhere: lines and multi-byte characters across chunks, CRLF, a byte-order mark, blank lines', async () => {
    const plain = [...caseload({ cases: 3, seed: 12 })];
    plain[1]!.person.name = 'Siôn Llŷr 👋';
    plain[1]!.members[0]!.name = 'Ffion ŵ ŷ ✓';
    const welsh = plain.map((r) => parseCaseRecord(r));
    const byType = ndjsonByType(welsh);
    const streams: BulkDataFile[] = [...byType].map(([type, lines]) => ({
      name: `https://bulk.example/output/${type}.ndjson`,
      open: () => chunkedStream(`\uFEFF${lines.join('\r\n')}\r\n\r\n`, 7),
    }));
    const read = await readAll(bulkDataSource(streams));
    expectSameRecords(read, welsh);
  });

  it('reports bad lines with their file and line, skips them, and reads every other case', async () => {
    const bad = new Map([...files].map(([type, lines]) => [type, [...lines]]));
    const encounters = bad.get('Encounter')!;
    encounters.splice(
      4,
      0,
      '{"resourceType":"Encounter",',
      '[1,2,3]',
      '{"resourceType":"Encounter","id":"e-x","status":"finished"}',
    );
    bad.get('Patient')!.push('{"resourceType":"Patient"}');
    const source = bulkDataSource(blobFiles(bad), { maxLineLength: 200_000 });
    const read = await readAll(source);
    expectSameRecords(read, records);
    expect(source.problems.map((p) => [p.position.file, p.position.line])).to.deep.equal([
      ['Patient.ndjson', 201],
      ['Encounter.ndjson', 5],
      ['Encounter.ndjson', 6],
      ['Encounter.ndjson', 7],
    ]);
    expect(source.problemCount).to.equal(4);
    expect(source.problems.map((p) => p.message)).to.deep.equal([
      'NDJSON line is invalid: (root) is a Patient without an id; it was skipped',
      'NDJSON line is invalid: (root) is not valid JSON; it was skipped',
      'NDJSON line is invalid: (root) is not a FHIR resource (a JSON object with a resourceType); it was skipped',
      'NDJSON line is invalid: (root) is a Encounter that names no Patient; it was skipped',
    ]);
    for (const p of source.problems) expect(p.error).to.be.instanceOf(ValidationError);
  });

  it('reports a patient whose data do not make a valid case at the Patient’s line, without quoting it, and reads the rest', async () => {
    const bad = new Map([...files].map(([type, lines]) => [type, [...lines]]));
    const victim = records[7]!;
    const episodes = bad.get('EpisodeOfCare')!;
    const at = episodes.findIndex((l) => l.includes(`"Patient/${victim.person.id}"`));
    const episode = JSON.parse(episodes[at]!) as { period: { start: string; end?: string } };
    // Ends before it starts: not a valid episode.
    episode.period.end = '1999-01-01T00:00:00+00:00';
    episodes[at] = JSON.stringify(episode);
    const seen: unknown[] = [];
    const source = bulkDataSource(blobFiles(bad), { onProblem: (p) => seen.push(p) });
    const read = await readAll(source);
    expectSameRecords(
      read,
      records.filter((r) => r !== victim),
    );
    expect(source.problemCount).to.equal(1);
    const [problem] = source.problems;
    expect(problem!.position).to.deep.equal({
      file: 'Patient.ndjson',
      line: 8,
      patient: `Patient/${victim.person.id}`,
    });
    expect(problem!.error).to.be.instanceOf(ValidationError);
    expect(seen).to.deep.equal([problem]);
    expect(problem!.message).to.not.match(/NAME-|NOTE-|999\d{7}/);
  });

  it('reports a line over the length limit without holding it, and goes on', async () => {
    const long = `{"resourceType":"Encounter","note":"${'x'.repeat(5000)}"}`;
    const source = bulkDataSource(
      [
        {
          name: 'Patient.ndjson',
          open: () => chunkedStream(`${files.get('Patient')![0]}\n${long}\n${files.get('Patient')![1]}`, 64),
        },
      ],
      { maxLineLength: 1000 },
    );
    const read = await readAll(source);
    expect(read.map((r) => r.person.id)).to.deep.equal([records[0]!.person.id, records[1]!.person.id]);
    expect(source.problems.map((p) => [p.position.line, p.message])).to.deep.equal([
      [2, 'NDJSON line is invalid: (root) is longer than 1000 characters; it was skipped'],
    ]);
  });

  it('takes the type from the manifest, from the name, or from each line of a file named neither way', async () => {
    const [first, ...rest] = [...files];
    const named: BulkDataFile[] = [
      { name: 'https://bulk.example/output/1', type: first![0], open: () => new Blob([first![1].join('\n')]) },
      { name: 'everything-else.ndjson', open: () => new Blob([rest.flatMap(([, lines]) => lines).join('\n')]) },
    ];
    expectSameRecords(await readAll(bulkDataSource(named)), records);
  });

  it('starts afresh on every reading, and lists only the first maxProblemsListed problems (counting all)', async () => {
    const bad = new Map([...files].map(([type, lines]) => [type, [...lines, 'x', 'y', 'z']]));
    const source = bulkDataSource(blobFiles(bad), { maxProblemsListed: 2 });
    await readAll(source);
    expect(source.problemCount).to.equal(3 * bad.size);
    expect(source.problems).to.have.length(2);
    await readAll(source);
    expect(source.problemCount).to.equal(3 * bad.size);
  });

  it('ends the reading with a StorageError when a file cannot be opened or read, or the page cancels', async () => {
    const failing = [
      ...blobFiles(files),
      { name: 'Encounter.2.ndjson?token=secret', open: () => Promise.reject(new TypeError('Failed to fetch')) },
    ];
    const error = await rejection(readAll(bulkDataSource(failing)));
    expect(error).to.be.instanceOf(StorageError);
    expect((error as Error).message)
      .to.contain('"Encounter.2.ndjson"')
      .and.not.contain('secret');

    const broken = new ReadableStream({ pull: (c) => c.error(new Error('disk')) });
    expect(await rejection(readAll(bulkDataSource([{ name: 'Patient.ndjson', open: () => broken }])))).to.be.instanceOf(
      StorageError,
    );
    expect(
      await rejection(readAll(bulkDataSource([{ name: 'Patient.ndjson', open: () => 'not a stream' as never }]))),
    ).to.be.instanceOf(StorageError);

    const controller = new AbortController();
    const source = bulkDataSource(blobFiles(files), { signal: controller.signal });
    let count = 0;
    const stopped = await rejection(
      (async () => {
        for await (const record of source) {
          void record;
          if (++count === 10) controller.abort();
        }
      })(),
    );
    expect(stopped).to.be.instanceOf(StorageError);
    expect(count).to.equal(10);
  });

  it('checks its arguments (ValidationError naming each bad one)', () => {
    const bad = (files: unknown, options?: unknown) => {
      try {
        bulkDataSource(files as BulkDataFile[], options as never);
      } catch (error) {
        expect(error).to.be.instanceOf(OdError);
        return (error as ValidationError).issues.map((i) => i.path.join('.'));
      }
      throw new Error('expected a ValidationError');
    };
    expect(bad(null)).to.deep.equal(['files']);
    expect(bad([null, { name: '', open: 1, type: 'not a type' }])).to.deep.equal([
      'files.0',
      'files.1.name',
      'files.1.open',
      'files.1.type',
    ]);
    expect(
      bad([], {
        patientsPerPass: 0,
        maxLineLength: 1.5,
        signal: {},
        onProblem: 'x',
        maxProblemsListed: -1,
        instruments: 3,
      }),
    ).to.deep.equal(['onProblem', 'maxProblemsListed', 'instruments', 'patientsPerPass', 'maxLineLength', 'signal']);
  });
});
