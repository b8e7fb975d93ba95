import { expect } from '@open-wc/testing';
import {
  ConflictError,
  NotFoundError,
  StorageError,
  ValidationError,
  type CaseRecord,
  type Change,
  type StoreSnapshot,
} from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { FhirStore, type FhirHttp } from '@odkit/fhir';
import { generateCase } from '../../../test/fixtures/generate-case.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { FHIR_URL, demoFor, http, injectFault, rejection, testAuthor, uniqueId } from './support.js';

const author = testAuthor;

/** A FhirStore reads episodes by first contact and meetings by start time: compare records in that order. */
function ordered(record: CaseRecord): CaseRecord {
  const copy = structuredClone(record) as CaseRecord;
  const byTime = (a: string, b: string) => Date.parse(a) - Date.parse(b);
  copy.episodes.sort((a, b) => byTime(a.firstContact, b.firstContact) || a.id.localeCompare(b.id));
  copy.meetings.sort((a, b) => byTime(a.start, b.start) || a.id.localeCompare(b.id));
  return copy;
}

async function seeded(record: CaseRecord, options: { pageSize?: number } = {}): Promise<FhirStore> {
  return FhirStore.open({ baseUrl: FHIR_URL, patientId: record.person.id, http, initial: record, author, ...options });
}

const reopen = (store: FhirStore, options: { pageSize?: number; http?: FhirHttp } = {}) =>
  FhirStore.open({ baseUrl: FHIR_URL, patientId: store.patientId, http, author, ...options });

describe('FhirStore against a FHIR R4 engine on loopback', () => {
  guardConsole();
  let patientId: string;
  beforeEach(() => {
    patientId = uniqueId('pt');
  });

  it('seeds the demo case, and a second client loads it back unchanged', async () => {
    const record = demoFor(patientId);
    const store = await seeded(record);
    expect(store.caseId).to.equal(record.id);
    expect(store.snapshot!.revision).to.equal(1);
    expect(store.warnings).to.deep.equal([]);
    const other = await reopen(store);
    expect(ordered(other.snapshot!.record)).to.deep.equal(ordered(record));
    expect(other.warnings).to.deep.equal([]);
  });

  it('never overwrites a case already on the server when opened with an initial record', async () => {
    const record = demoFor(patientId);
    await seeded(record);
    const again = await FhirStore.open({ baseUrl: FHIR_URL, patientId, http, initial: { ...record, members: [] } });
    expect(again.snapshot!.record.members).to.have.length(record.members.length);
  });

  it('applies every change type, and each is what a fresh client then reads', async function () {
    this.timeout(60_000);
    const record = demoFor(patientId);
    const store = await seeded(record);
    const member = structuredClone(record.members[0]!);
    const newMember = {
      ...member,
      id: 'm-new',
      name: 'New Friend',
      sector: 'friends' as const,
      household: false,
      carer: false,
      relationship: { code: 'FRND', text: 'Friend' },
    };
    const planned = {
      id: 'mt-new',
      episodeId: 'ep-new',
      status: 'planned' as const,
      start: '2026-05-01T10:00+01:00',
      mode: 'remote' as const,
      personPresent: false,
      attendees: [{ memberId: 'm-nia', role: 'facilitator' as const, present: false }],
      reflectingConversation: false,
    };
    const held = {
      ...planned,
      status: 'held' as const,
      end: '2026-05-01T11:00:00+01:00',
      personPresent: true,
      attendees: [
        { memberId: 'm-nia', role: 'facilitator' as const, present: true },
        { memberId: 'm-college', role: 'network' as const, present: true },
      ],
      reflectingConversation: true,
      notes: '',
    };
    const assessment = {
      id: 'as-new',
      instrumentId: 'od-seven-principles',
      instrumentVersion: '1.0.0',
      meetingId: 'mt-new',
      rater: { name: 'Nia Roberts', memberId: 'm-nia' },
      raterRole: 'self' as const,
      evidence: 'live' as const,
      status: 'draft' as const,
      ratings: ['immediate-help', 'social-network', 'flexibility', 'responsibility', 'continuity', 'uncertainty'].map(
        (itemId) => ({ itemId, value: 3 }),
      ),
    };
    const changes: Change[] = [
      { type: 'person/update', person: { ...record.person, pronouns: 'they/them' } },
      { type: 'member/add', member: newMember },
      { type: 'member/update', member: { ...newMember, ring: 1, notes: 'Met at college' } },
      {
        type: 'tie/add',
        tie: {
          id: 't-new',
          from: patientId,
          to: 'm-new',
          strength: 'moderate',
          quality: 'supportive',
          direction: 'both',
        },
      },
      {
        type: 'tie/update',
        tie: {
          id: 't-new',
          from: patientId,
          to: 'm-new',
          strength: 'strong',
          quality: 'supportive',
          direction: 'both',
          label: 'Closer now',
        },
      },
      { type: 'tie/remove', tieId: 't-new' },
      { type: 'member/remove', memberId: 'm-new' },
      {
        type: 'episode/add',
        episode: {
          id: 'ep-new',
          firstContact: '2026-04-30T09:00:00+01:00',
          status: 'active',
          responsibleTeam: 'Northbrook Open Dialogue Team',
        },
      },
      {
        type: 'episode/update',
        episode: {
          id: 'ep-new',
          firstContact: '2026-04-30T09:00:00+01:00',
          status: 'on-hold',
          responsibleTeam: 'Northbrook Open Dialogue Team',
          referralSource: 'Self',
        },
      },
      { type: 'meeting/record', meeting: planned },
      { type: 'meeting/update', meeting: held },
      { type: 'meeting/cancel', meetingId: 'mt-15', reason: 'Maya is away' },
      {
        type: 'meeting/set-attendance',
        meetingId: 'mt-14',
        personPresent: false,
        attendees: [{ memberId: 'm-nia', role: 'facilitator', present: true }],
      },
      { type: 'assessment/start', assessment },
      { type: 'assessment/update', assessment: { ...assessment, evidence: 'notes' } },
      {
        type: 'assessment/rate',
        assessmentId: 'as-new',
        itemId: 'dialogism',
        value: 'na',
        comment: 'Only two voices today',
        at: '2026-05-01T12:00:00+01:00',
      },
      { type: 'assessment/complete', assessmentId: 'as-new', at: '2026-05-01T12:30:00+01:00' },
      { type: 'assessment/reopen', assessmentId: 'as-new', at: '2026-05-02T09:00:00+01:00' },
    ];
    let revision = store.snapshot!.revision;
    for (const change of changes) {
      const snapshot = await store.apply(change);
      expect(snapshot.revision, change.type).to.equal(++revision);
      const fresh = await reopen(store);
      expect(ordered(fresh.snapshot!.record), change.type).to.deep.equal(ordered(snapshot.record));
      expect(fresh.warnings, change.type).to.deep.equal([]);
    }
  });

  it('turns a write from a second client (412) into a ConflictError and keeps the other client’s data', async () => {
    const store = await seeded(demoFor(patientId));
    const other = await reopen(store);
    await other.apply({ type: 'person/update', person: { ...other.snapshot!.record.person, name: 'Maya L.' } });
    const seen: StoreSnapshot[] = [];
    store.subscribe((s) => seen.push(s));
    const error = await rejection(
      store.apply({ type: 'person/update', person: { ...store.snapshot!.record.person, pronouns: 'they/them' } }),
    );
    expect(error).to.be.instanceOf(ConflictError);
    // The store now shows the other client's write; nothing of its own change was written.
    expect(store.snapshot!.record.person.name).to.equal('Maya L.');
    expect(store.snapshot!.record.person.pronouns).to.equal('she/her');
    expect(seen).to.have.length(1);
    const fresh = await reopen(store);
    expect(fresh.snapshot!.record.person).to.deep.include({ name: 'Maya L.', pronouns: 'she/her' });
    // Once it has seen the other write, the same change goes through.
    await store.apply({ type: 'person/update', person: { ...store.snapshot!.record.person, pronouns: 'they/them' } });
    expect((await reopen(store)).snapshot!.record.person).to.deep.include({ name: 'Maya L.', pronouns: 'they/them' });
  });

  it('sees a conflict on a resource an EHR changed behind its back', async () => {
    const store = await seeded(demoFor(patientId));
    const patient = await (await fetch(`${FHIR_URL}Patient/${patientId}`)).json();
    const put = await fetch(`${FHIR_URL}Patient/${patientId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ ...patient, gender: 'female' }),
    });
    expect(put.status).to.equal(200);
    const error = await rejection(
      store.apply({ type: 'person/update', person: { ...store.snapshot!.record.person, pronouns: 'they/them' } }),
    );
    expect(error).to.be.instanceOf(ConflictError);
    // Retried on the new version, the kit's write keeps what the EHR added.
    await store.apply({ type: 'person/update', person: { ...store.snapshot!.record.person, pronouns: 'they/them' } });
    const after = await (await fetch(`${FHIR_URL}Patient/${patientId}`)).json();
    expect(after.gender).to.equal('female');
  });

  it('keeps what the EHR holds that the kit does not map: other participants, other languages, a partial birth date', async () => {
    await seeded(demoFor(patientId));
    const json = { 'content-type': 'application/fhir+json' };
    const get = async (url: string) => (await fetch(`${FHIR_URL}${url}`)).json();
    const put = async (resource: { resourceType: string; id: string }) => {
      const response = await fetch(`${FHIR_URL}${resource.resourceType}/${resource.id}`, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify(resource),
      });
      expect(response.status).to.equal(200);
    };
    const interpreter = await (
      await fetch(`${FHIR_URL}Practitioner`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ resourceType: 'Practitioner', name: [{ text: 'EHR interpreter' }] }),
      })
    ).json();
    const ref = `Practitioner/${interpreter.id}`;
    // The EHR adds its interpreter to every care team and to the first meeting, a second language and a partial birth
    // date.
    const teams = (await get(`CareTeam?subject=Patient/${patientId}`)).entry.map(
      (e: { resource: unknown }) => e.resource,
    );
    for (const team of teams)
      await put({ ...team, participant: [...team.participant, { member: { reference: ref } }] });
    const encounter = (await get(`Encounter?subject=Patient/${patientId}&identifier=mt-01`)).entry[0].resource;
    await put({ ...encounter, participant: [...encounter.participant, { individual: { reference: ref } }] });
    const patient = await get(`Patient/${patientId}`);
    await put({
      ...patient,
      birthDate: '1980-05',
      communication: [
        ...(patient.communication ?? []),
        { language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'pl' }] } },
      ],
    });

    // A fresh kit client edits the person and the first meeting.
    const store = await reopen({ patientId } as FhirStore);
    await store.apply({ type: 'person/update', person: { ...store.snapshot!.record.person, pronouns: 'she/her' } });
    const mt01 = store.snapshot!.record.meetings.find((m) => m.id === 'mt-01')!;
    await store.apply({ type: 'meeting/update', meeting: { ...mt01, place: 'Kitchen table' } });

    const after = await get(`Patient/${patientId}`);
    expect(after.birthDate).to.equal('1980-05');
    expect(
      after.communication.map((c: { language: { coding: { code: string }[] } }) => c.language.coding[0]!.code),
    ).to.include('pl');
    for (const team of (await get(`CareTeam?subject=Patient/${patientId}`)).entry) {
      expect(team.resource.participant.map((p: { member?: { reference?: string } }) => p.member?.reference)).to.include(
        ref,
      );
    }
    const meeting = (await get(`Encounter?subject=Patient/${patientId}&identifier=mt-01`)).entry[0].resource;
    expect(meeting.participant.map((p: { individual?: { reference?: string } }) => p.individual?.reference)).to.include(
      ref,
    );
    // And the kit's own edits went through.
    const reread = await reopen(store);
    expect(reread.snapshot!.record.person.pronouns).to.equal('she/her');
    expect(reread.snapshot!.record.meetings.find((m) => m.id === 'mt-01')!.place).to.equal('Kitchen table');
  });

  for (const [what, fault] of [
    ['answers 500', { method: 'POST', action: 'status', status: 500 }],
    ['drops the connection mid-write', { method: 'POST', action: 'drop' }],
  ] as const) {
    it(`reports a StorageError and changes nothing when the server ${what}`, async () => {
      const store = await seeded(demoFor(patientId));
      const before = store.snapshot!;
      await injectFault({ ...fault, path: '', match: patientId });
      const error = await rejection(store.apply({ type: 'meeting/cancel', meetingId: 'mt-15' }));
      expect(error).to.be.instanceOf(StorageError);
      expect((error as Error).message).to.match(/Nothing was changed here/);
      expect(store.snapshot).to.equal(before);
      expect((await reopen(store)).snapshot!.record.meetings.find((m) => m.id === 'mt-15')!.status).to.equal('planned');
      // The same change succeeds once the server is back.
      await store.apply({ type: 'meeting/cancel', meetingId: 'mt-15' });
      expect((await reopen(store)).snapshot!.record.meetings.find((m) => m.id === 'mt-15')!.status).to.equal(
        'cancelled',
      );
    });
  }

  it('never overwrites after a write whose answer was lost: the next write is a conflict', async () => {
    const store = await seeded(demoFor(patientId));
    await injectFault({ method: 'POST', path: '', match: patientId, action: 'drop-after' });
    expect(await rejection(store.apply({ type: 'meeting/cancel', meetingId: 'mt-15' }))).to.be.instanceOf(StorageError);
    const error = await rejection(
      store.apply({ type: 'person/update', person: { ...store.snapshot!.record.person, pronouns: 'they/them' } }),
    );
    expect(error).to.be.instanceOf(ConflictError);
    expect(store.snapshot!.record.meetings.find((m) => m.id === 'mt-15')!.status).to.equal('cancelled');
  });

  it('reports a network failure as a StorageError, on load and on write', async () => {
    await seeded(demoFor(patientId));
    let online = true;
    const flaky: FhirHttp = (request) => (online ? http(request) : Promise.reject(new TypeError('Failed to fetch')));
    // Reads that fail are asked again at once here (the pauses are tested in fhir-store-faults.test.ts).
    const store = await FhirStore.open({ baseUrl: FHIR_URL, patientId, http: flaky, author, retryDelayMs: 0 });
    const before = store.snapshot;
    online = false;
    expect(await rejection(store.apply({ type: 'meeting/cancel', meetingId: 'mt-15' }))).to.be.instanceOf(StorageError);
    expect(await rejection(store.load())).to.be.instanceOf(StorageError);
    expect(store.snapshot).to.equal(before);
  });

  it('loads without what it may not read, and says so', async () => {
    const store = await seeded(demoFor(patientId));
    await injectFault({
      method: 'GET',
      path: 'QuestionnaireResponse',
      match: patientId,
      action: 'status',
      status: 403,
    });
    const partial = await reopen(store);
    expect(partial.readFailures).to.deep.equal([{ resourceType: 'QuestionnaireResponse', status: 403 }]);
    expect(partial.snapshot!.record.assessments).to.deep.equal([]);
    expect(partial.snapshot!.record.meetings).to.have.length(demoCase.meetings.length);
    expect(partial.warnings[0]!.message).to.match(/QuestionnaireResponse could not be read \(HTTP 403\)/);
  });

  it('reads the network’s members itself from a server that ignores _include', async () => {
    const record = demoFor(patientId);
    await seeded(record);
    const noInclude: FhirHttp = (request) => {
      const url = new URL(request.url);
      for (const key of [...url.searchParams.keys()]) if (key.startsWith('_include')) url.searchParams.delete(key);
      return http({ ...request, url: url.href });
    };
    const store = await FhirStore.open({ baseUrl: FHIR_URL, patientId, http: noInclude });
    expect(ordered(store.snapshot!.record)).to.deep.equal(ordered(record));
    expect(store.warnings).to.deep.equal([]);
  });

  it('pages through 1,000 meetings', async function () {
    this.timeout(120_000);
    const record = structuredClone(
      generateCase({ members: 12, meetings: 1000, assessments: 20, seed: 7 }),
    ) as CaseRecord;
    const generatedPerson = record.person.id;
    record.person.id = patientId;
    for (const tie of record.ties) if (tie.from === generatedPerson) tie.from = patientId;
    record.id = uniqueId('big');
    await seeded(record);
    const requests: string[] = [];
    const counting: FhirHttp = (request) => {
      requests.push(request.url);
      return http(request);
    };
    const store = await FhirStore.open({ baseUrl: FHIR_URL, patientId, http: counting, pageSize: 100 });
    expect(store.snapshot!.record.meetings).to.have.length(1000);
    expect(ordered(store.snapshot!.record)).to.deep.equal(ordered(record));
    expect(
      requests.filter((u) => u.includes('Encounter') || u.includes('Appointment')).length,
    ).to.be.greaterThanOrEqual(10);
  });

  it('names what is wrong with its options, and a patient or case that does not exist', async () => {
    const error = await rejection(
      FhirStore.open({ baseUrl: 'ftp://x', patientId: 'a b', http: undefined as unknown as FhirHttp }),
    );
    expect(error).to.be.instanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path[0])).to.deep.equal(['baseUrl', 'patientId', 'http']);
    const paging = await rejection(
      FhirStore.open({ baseUrl: FHIR_URL, patientId, http, pageSize: 0, maxTransactionEntries: 2.5 }),
    );
    expect((paging as ValidationError).issues.map((i) => i.path[0])).to.deep.equal([
      'pageSize',
      'maxTransactionEntries',
    ]);
    expect(
      await rejection(FhirStore.open({ baseUrl: FHIR_URL, patientId: uniqueId('nobody'), http })),
    ).to.be.instanceOf(NotFoundError);
    const record = demoFor(patientId);
    await seeded(record);
    expect(
      await rejection(FhirStore.open({ baseUrl: FHIR_URL, patientId, http, caseId: 'no-such-case' })),
    ).to.be.instanceOf(NotFoundError);
  });
});
