import { expect } from '@open-wc/testing';
import { StorageError, ValidationError, type CaseRecord } from '@odkit/core';
import type { FhirHttpRequest } from '@odkit/fhir';
import { fhirServerSource, type CaseSource, type FhirServerSourceOptions } from '@odkit/fhir/service';
import { guardConsole } from '../../../test/support/console-guard.js';
import { expectSameRecords, parsedCaseload, writeToEngine } from './service-support.js';
import { FHIR_URL, answer, http, rejection, rewritten, tap } from './support.js';

const readAll = async (source: CaseSource) => {
  const records: CaseRecord[] = [];
  for await (const record of source) records.push(record);
  return records;
};
const isSearch = (request: FhirHttpRequest, type: string) =>
  request.method === 'GET' && new URL(request.url).pathname.endsWith(`/${type}`);

describe('fhirServerSource (a FHIR server searched across patients)', function () {
  // 500 cases written to and read from the engine on a shared two-core machine.
  this.timeout(180_000);
  guardConsole();
  // A seed of its own, so that the engine's other cases (other test files, a second run) never share an id.
  const seed = 1000 + Math.floor(Math.random() * 1e6);
  // Small cases (one episode of three or four meetings): 500 of them are ~10,000 resources for the engine.
  const records = parsedCaseload({ cases: 500, seed, episodes: [1, 1], meetingsPerEpisode: [3, 4] });
  const patients = records.map((r) => r.person.id);
  const base = { baseUrl: FHIR_URL, http } satisfies FhirServerSourceOptions;

  before(async () => {
    await writeToEngine(records);
  });

  it('reads 500 cases back as they were written, in the order of the patients given, paging every search', async () => {
    const { http: tapped, requests } = tap();
    const source = fhirServerSource({ ...base, http: tapped, patients, batchSize: 100, pageSize: 50 });
    const read = await readAll(source);
    expect(read.length).to.equal(500);
    expectSameRecords(read, records);
    expect(source.problemCount).to.equal(0);
    // Five batches of 100 patients; Encounters (about 350 a batch) came in pages of 50 through `next` links.
    const encounterPages = requests.filter((r) => isSearch(r, 'Encounter'));
    expect(encounterPages.length).to.be.greaterThan(25);
    expect(encounterPages.filter((r) => new URL(r.url).searchParams.has('_offset')).length).to.equal(
      encounterPages.length - 5,
    );
    expect(requests.every((r) => r.url.startsWith(FHIR_URL))).to.equal(true);
  });

  it('finds every patient with a network when given none, each case once', async () => {
    const read = await readAll(fhirServerSource({ ...base, batchSize: 100, pageSize: 500 }));
    const ids = read.map((r) => r.id);
    expect(new Set(ids).size).to.equal(ids.length);
    const mine = new Map(read.filter((r) => r.id.startsWith(`case-${seed}-`)).map((r) => [r.id, r]));
    expectSameRecords(
      records.map((r) => mine.get(r.id)!),
      records,
    );
  });

  it('reads the networks’ members itself from a server that ignores _include', async () => {
    const some = records.slice(0, 40);
    const { http: tapped, requests } = tap((request, forward) =>
      isSearch(request, 'CareTeam')
        ? rewritten<{ entry?: { resource: { resourceType: string } }[] }>(forward, (b) => ({
            ...b,
            entry: b.entry?.filter((e) => e.resource.resourceType === 'CareTeam'),
          }))
        : undefined,
    );
    const read = await readAll(fhirServerSource({ ...base, http: tapped, patients: some.map((r) => r.person.id) }));
    expectSameRecords(read, some);
    expect(requests.some((r) => r.method === 'POST' && /"type":"batch"/.test(r.body ?? ''))).to.equal(true);

    // A server that refuses a page with too many includes (Medplum's cap is 1,000): the same search without them.
    const { http: capped, requests: asked } = tap((request) =>
      isSearch(request, 'CareTeam') && request.url.includes('_include')
        ? answer(400, { resourceType: 'OperationOutcome' })
        : undefined,
    );
    expectSameRecords(
      await readAll(fhirServerSource({ ...base, http: capped, patients: some.map((r) => r.person.id) })),
      some,
    );
    const careTeams = asked
      .filter((r) => isSearch(r, 'CareTeam'))
      .map((r) => new URL(r.url).searchParams.has('_include'));
    expect(careTeams[0]).to.equal(true);
    expect(careTeams.slice(1)).to.have.length.greaterThan(1).and.not.include(true);
  });

  it('reports a case that does not map, with its patient, without quoting it, and reads the others', async () => {
    const some = records.slice(0, 30);
    const victim = some[4]!;
    const { http: tapped } = tap((request, forward) =>
      isSearch(request, 'EpisodeOfCare')
        ? rewritten<{ entry?: { resource: { patient: { reference: string }; period: { end?: string } } }[] }>(
            forward,
            (b) => {
              for (const e of b.entry ?? [])
                if (e.resource.patient.reference === `Patient/${victim.person.id}`)
                  e.resource.period.end = '1999-01-01T00:00:00+00:00';
            },
          )
        : undefined,
    );
    const problems: unknown[] = [];
    const source = fhirServerSource({
      ...base,
      http: tapped,
      patients: some.map((r) => r.person.id),
      onProblem: (p) => problems.push(p),
    });
    const read = await readAll(source);
    expectSameRecords(
      read,
      some.filter((r) => r !== victim),
    );
    expect(source.problems.map((p) => p.position)).to.deep.equal([{ patient: `Patient/${victim.person.id}` }]);
    expect(source.problems[0]!.error).to.be.instanceOf(ValidationError);
    expect(source.problems[0]!.message).to.not.contain(victim.person.name);
    expect(problems).to.deep.equal(source.problems);
  });

  it('skips (and reports) patient ids that are not FHIR ids', async () => {
    const source = fhirServerSource({ ...base, patients: [patients[0]!, 'not an id!', patients[1]!] });
    const read = await readAll(source);
    expect(read.map((r) => r.person.id)).to.deep.equal(patients.slice(0, 2));
    expect(source.problems.map((p) => p.message)).to.deep.equal([
      'FHIR server source is invalid: patients[1] must be a FHIR id; it was skipped',
    ]);
  });

  it('refuses a server that ignores the search by patient (nothing of anyone else is counted)', async () => {
    const stranger = {
      resourceType: 'Encounter',
      id: 'stranger',
      status: 'finished',
      subject: { reference: 'Patient/someone-else' },
    };
    const { http: tapped } = tap((request, forward) =>
      isSearch(request, 'Encounter')
        ? rewritten<{ entry?: unknown[] }>(forward, (b) => ({
            ...b,
            entry: [...(b.entry ?? []), { resource: stranger }],
          }))
        : undefined,
    );
    const error = await rejection(readAll(fhirServerSource({ ...base, http: tapped, patients: patients.slice(0, 3) })));
    expect(error).to.be.instanceOf(StorageError);
    expect((error as Error).message).to.contain('ignores the search by patient');
  });

  it('follows next links only under the base URL, and stops on an error status or a cancel (StorageError)', async () => {
    const { http: away, requests } = tap((request, forward) =>
      isSearch(request, 'QuestionnaireResponse')
        ? rewritten<Record<string, unknown>>(forward, (b) => ({
            ...b,
            link: [{ relation: 'next', url: 'https://elsewhere.example/fhir/QuestionnaireResponse?page=2' }],
          }))
        : undefined,
    );
    const outside = await rejection(readAll(fhirServerSource({ ...base, http: away, patients: patients.slice(0, 3) })));
    expect(outside).to.be.instanceOf(StorageError);
    expect((outside as Error).message).to.contain('outside the FHIR server');
    expect(requests.every((r) => r.url.startsWith(FHIR_URL))).to.equal(true);

    const { http: failing, requests: tried } = tap((request) =>
      isSearch(request, 'EpisodeOfCare') ? answer(500, { resourceType: 'OperationOutcome' }) : undefined,
    );
    const status = await rejection(
      readAll(fhirServerSource({ ...base, http: failing, patients: patients.slice(0, 3), retryDelayMs: 1 })),
    );
    expect(status).to.be.instanceOf(StorageError);
    expect((status as Error).message).to.contain('HTTP 500');
    // Asked twice more first (a 500 may pass), then the reading ends.
    expect(tried.filter((r) => isSearch(r, 'EpisodeOfCare'))).to.have.length(3);

    const controller = new AbortController();
    let count = 0;
    const cancelled = await rejection(
      (async () => {
        for await (const record of fhirServerSource({
          ...base,
          patients: patients.slice(0, 60),
          batchSize: 20,
          signal: controller.signal,
        })) {
          void record;
          if (++count === 5) controller.abort();
        }
      })(),
    );
    expect(cancelled).to.be.instanceOf(StorageError);
    expect(count).to.equal(5);
  });

  it('asks a search again after a moment’s trouble, and the reading goes on', async () => {
    const failed = new Set<string>();
    const { http: patchy, requests } = tap((request) => {
      // The first EpisodeOfCare search is answered 503; the first Encounter search loses its connection.
      const type = ['EpisodeOfCare', 'Encounter'].find((t) => isSearch(request, t));
      if (!type || failed.has(type)) return undefined;
      failed.add(type);
      return type === 'Encounter' ? Promise.reject(new TypeError('Failed to fetch')) : answer(503, {});
    });
    const some = records.slice(0, 3);
    const read = await readAll(
      fhirServerSource({ ...base, http: patchy, patients: some.map((r) => r.person.id), retryDelayMs: 1 }),
    );
    expectSameRecords(read, some);
    expect(requests.filter((r) => isSearch(r, 'EpisodeOfCare'))).to.have.length(2);
    expect(requests.filter((r) => isSearch(r, 'Encounter'))).to.have.length(2);
  });

  it('checks its options (ValidationError naming each bad one)', () => {
    const issues = (options: unknown) => {
      try {
        fhirServerSource(options as FhirServerSourceOptions);
      } catch (error) {
        expect(error).to.be.instanceOf(ValidationError);
        return (error as ValidationError).issues.map((i) => i.path.join('.'));
      }
      throw new Error('expected a ValidationError');
    };
    expect(issues(undefined)).to.deep.equal(['baseUrl', 'http']);
    expect(
      issues({
        baseUrl: 'ftp://x',
        http: 1,
        batchSize: 101,
        pageSize: 0,
        timeoutMs: 1.5,
        maxPages: -1,
        patients: 'abc',
        signal: {},
        readRetries: 6,
        retryDelayMs: -1,
        onProblem: 1,
      }),
    ).to.deep.equal([
      'baseUrl',
      'http',
      'batchSize',
      'pageSize',
      'timeoutMs',
      'maxPages',
      'readRetries',
      'retryDelayMs',
      'patients',
      'signal',
      'onProblem',
    ]);
  });
});
