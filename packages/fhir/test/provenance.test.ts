import { expect } from '@open-wc/testing';
import {
  ConflictError,
  StorageError,
  ValidationError,
  changeActivity,
  changeSubject,
  type Author,
  type CaseRecord,
  type Change,
} from '@odkit/core';
import { EXT, FhirStore, IDENTIFIER, type Bundle, type FhirHttp, type FhirResource } from '@odkit/fhir';
import { guardConsole } from '../../../test/support/console-guard.js';
import { FHIR_URL, demoFor, http, injectFault, loadDefinitions, uniqueId, validationErrors } from './support.js';

const NIA: Author = { id: 'Practitioner/nia-roberts', name: 'Nia Roberts', role: 'Open Dialogue practitioner' };
const SAM: Author = { id: 'sam.okafor', name: 'Sam Okafor' };

/** One change of every type, in an order that applies to the demo case. */
function everyChange(record: CaseRecord): Change[] {
  const patientId = record.person.id;
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
    attendees: [{ memberId: 'm-nia', role: 'facilitator' as const, present: true }],
    reflectingConversation: true,
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
  return [
    { type: 'person/update', person: { ...record.person, pronouns: 'they/them' } },
    { type: 'member/add', member: newMember },
    { type: 'member/update', member: { ...newMember, ring: 1 } },
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
      tie: { id: 't-new', from: patientId, to: 'm-new', strength: 'strong', quality: 'supportive', direction: 'both' },
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
      at: '2026-05-01T12:00:00+01:00',
    },
    { type: 'assessment/complete', assessmentId: 'as-new', at: '2026-05-01T12:30:00+01:00' },
    { type: 'assessment/reopen', assessmentId: 'as-new', at: '2026-05-02T09:00:00+01:00' },
  ];
}

/** Records the transaction Bundles a store sends. */
function recording(): { http: FhirHttp; transactions: Bundle[] } {
  const transactions: Bundle[] = [];
  return {
    transactions,
    http: (request) => {
      if (request.method === 'POST' && request.body) {
        const body = JSON.parse(request.body) as Bundle;
        if (body.type === 'transaction') transactions.push(body);
      }
      return http(request);
    },
  };
}

/** Every Provenance on the server that targets `target`, all pages. */
async function provenances(target: string): Promise<FhirResource[]> {
  const out: FhirResource[] = [];
  let url: string | undefined = `${FHIR_URL}Provenance?target=${encodeURIComponent(target)}&_count=200`;
  while (url) {
    const bundle = (await (await fetch(url)).json()) as Bundle;
    out.push(...(bundle.entry ?? []).map((e) => e.resource!));
    url = bundle.link?.find((l) => l.relation === 'next')?.url;
  }
  return out;
}

const editPart = (p: FhirResource, part: string) => {
  const ext = (p.extension as { url: string; extension?: Record<string, string>[] }[] | undefined)?.find(
    (e) => e.url === EXT.edit,
  );
  const found = ext?.extension?.find((e) => e.url === part);
  return found?.valueString ?? found?.valueCode ?? found?.valueId;
};

const networkKey = (bundle: Bundle) => bundle.entry!.find((e) => e.request?.url.startsWith('CareTeam/'))!.request!.url;

/** The seed's Provenance that targets the network (and so every resource of the seed). */
async function seedProvenance(patientId: string): Promise<FhirResource> {
  const all = await provenances(`Patient/${patientId}`);
  return all.find((p) => (p.target as { reference: string }[]).some((t) => t.reference.startsWith('CareTeam/')))!;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('FhirStore Provenance: who changed what, and when', () => {
  guardConsole();
  let patientId: string;
  before(async function () {
    this.timeout(60_000);
    await loadDefinitions();
  });
  beforeEach(() => {
    patientId = uniqueId('prov');
  });

  it('writes exactly one valid Provenance per change, in the same transaction: every resource written as target, the edit’s time, its author, its activity', async function () {
    this.timeout(90_000);
    const record = demoFor(patientId);
    const { http: rec, transactions } = recording();
    const store = await FhirStore.open({ baseUrl: FHIR_URL, patientId, http: rec, initial: record, author: NIA });
    const network = networkKey(transactions.at(-1)!);
    let count = (await provenances(network)).length;
    expect(count, 'the seed’s Provenance').to.equal(1);
    let minute = 0;
    for (const change of everyChange(record)) {
      const at = `2026-06-01T09:${String(minute++).padStart(2, '0')}+01:00`;
      const editId = uniqueId('edit');
      const author = minute % 2 ? NIA : SAM;
      transactions.length = 0;
      await store.apply(change, { at, editId, author });
      // One transaction, holding the change's resources and its one Provenance.
      expect(transactions, change.type).to.have.length(1);
      const entries = transactions[0]!.entry!;
      const sent = entries.filter((e) => e.resource?.resourceType === 'Provenance');
      expect(sent, change.type).to.have.length(1);
      expect(sent[0]!.request).to.deep.equal({ method: 'POST', url: 'Provenance' });
      expect(sent[0]!.fullUrl).to.match(
        /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      const written = entries.filter((e) => e.request!.method !== 'POST').map((e) => e.request!.url);
      expect(written).to.include(network);

      const all = await provenances(network);
      expect(all.length, change.type).to.equal(++count);
      const saved = all.filter((p) => editPart(p, 'id') === editId);
      expect(saved, change.type).to.have.length(1);
      const p = saved[0]!;
      expect(validationErrors(p), change.type).to.deep.equal([]);
      expect((p.target as { reference: string }[]).map((t) => t.reference).sort(), change.type).to.deep.equal(
        [...written].sort(),
      );
      expect(p.recorded, change.type).to.equal(`${at.slice(0, 16)}:00+01:00`);
      expect(p.occurredDateTime).to.equal(p.recorded);
      expect((p.activity as { coding: { system: string; code: string }[] }).coding[0]).to.deep.include({
        system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation',
        code: changeActivity(change).toUpperCase(),
      });
      expect(editPart(p, 'type')).to.equal(change.type);
      expect(editPart(p, 'entityKind')).to.equal(changeSubject(change).kind);
      expect(editPart(p, 'entityId')).to.equal(changeSubject(change).id);
      const agent = (p.agent as Record<string, unknown>[])[0]!;
      expect(agent.type).to.deep.equal({
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
            code: 'author',
            display: 'Author',
          },
        ],
      });
      if (author === NIA) {
        expect(agent.who).to.deep.equal({ reference: NIA.id, display: NIA.name });
        expect(agent.role).to.deep.equal([{ text: NIA.role }]);
      } else {
        expect(agent.who).to.deep.equal({
          identifier: { system: IDENTIFIER.hostUser, value: SAM.id },
          display: SAM.name,
        });
        expect(agent.role).to.equal(undefined);
      }
    }
  });

  it('seeds with a Provenance (create) in every transaction it writes; the network\u2019s targets every resource; no seed without an author', async () => {
    const { http: rec, transactions } = recording();
    await FhirStore.open({
      baseUrl: FHIR_URL,
      patientId,
      http: rec,
      initial: demoFor(patientId),
      author: SAM,
      maxTransactionEntries: 6,
    });
    const written = transactions.flatMap((t) =>
      t.entry!.filter((e) => e.request!.method === 'PUT').map((e) => e.request!.url),
    );
    expect(transactions.length, 'a seed in several transactions').to.be.greaterThan(2);
    // Each transaction carries one Provenance of the one seed edit, targeting what it wrote: a seed cut short is never
    // anonymous.
    const seedIds = new Set<string>();
    for (const t of transactions) {
      const provs = t.entry!.filter((e) => e.resource?.resourceType === 'Provenance');
      expect(provs, 'one Provenance per transaction').to.have.length(1);
      expect(t.entry!.length).to.be.at.most(6);
      const targets = (provs[0]!.resource!.target as { reference: string }[]).map((r) => r.reference);
      const puts = t.entry!.filter((e) => e.request!.method === 'PUT').map((e) => e.request!.url);
      for (const url of puts) expect(targets).to.include(url);
      expect(validationErrors(provs[0]!.resource!)).to.deep.equal([]);
      seedIds.add(editPart(provs[0]!.resource!, 'id')!);
    }
    expect(seedIds.size).to.equal(1);
    // The network commits the case, last: its Provenance targets every resource of the seed.
    expect(transactions.at(-1)!.entry!.map((e) => e.resource!.resourceType)).to.deep.equal(['CareTeam', 'Provenance']);
    const [p] = await provenances(networkKey(transactions.at(-1)!));
    expect(validationErrors(p!)).to.deep.equal([]);
    expect((p!.target as { reference: string }[]).map((t) => t.reference).sort()).to.deep.equal(
      [...new Set(written)].sort(),
    );
    expect(editPart(p!, 'type')).to.equal('case/create');
    expect((p!.activity as { coding: { code: string }[] }).coding[0]!.code).to.equal('CREATE');
    // History lists the seed once for an entity written in an early batch.
    const store = await FhirStore.open({ baseUrl: FHIR_URL, patientId, http, author: SAM });
    const member = store.snapshot!.record.members[0]!;
    expect(
      (await store.history({ kind: 'member', id: member.id })).filter((h) => h.type === 'member/add'),
    ).to.have.length(1);

    const other = recording();
    let requests = 0;
    const counted: FhirHttp = (request) => {
      requests++;
      return other.http(request);
    };
    const anonymous = uniqueId('prov');
    const error = await rejection(
      FhirStore.open({ baseUrl: FHIR_URL, patientId: anonymous, http: counted, initial: demoFor(anonymous) }),
    );
    expect((error as ValidationError).issues?.map((i) => i.path)).to.deep.equal([['author']]);
    expect(error).to.be.instanceOf(ValidationError);
    expect(other.transactions).to.deep.equal([]);
    expect(requests, 'only reads before the refusal').to.be.at.most(3);
  });

  it('a write the server refuses for good (403, 422) is a permanent StorageError; a 503 is not', async () => {
    const store = await FhirStore.open({
      baseUrl: FHIR_URL,
      patientId,
      http,
      initial: demoFor(patientId),
      author: NIA,
    });
    for (const [status, permanent] of [
      [403, true],
      [422, true],
      [503, false],
      [401, false],
    ] as const) {
      await injectFault({ method: 'POST', path: '', match: patientId, action: 'status', status, times: 1 });
      const error = await rejection(store.apply({ type: 'meeting/cancel', meetingId: 'mt-15' }));
      expect(error, `HTTP ${status}`).to.be.instanceOf(StorageError);
      expect((error as StorageError).permanent, `HTTP ${status}`).to.equal(permanent);
    }
  });

  it('writes no Provenance when the transaction fails (server error, conflict), and one when the same edit then succeeds', async () => {
    const store = await FhirStore.open({
      baseUrl: FHIR_URL,
      patientId,
      http,
      initial: demoFor(patientId),
      author: NIA,
    });
    // The seed's Provenance that commits the network (the seed's first batches have their own).
    const network = (await seedProvenance(patientId)).target as { reference: string }[];
    const networkRef = network.find((t) => t.reference.startsWith('CareTeam/'))!.reference;
    const editId = uniqueId('edit');
    await injectFault({ method: 'POST', path: '', match: patientId, action: 'status', status: 500 });
    expect(await rejection(store.apply({ type: 'meeting/cancel', meetingId: 'mt-15' }, { editId }))).to.be.instanceOf(
      StorageError,
    );
    expect((await provenances(networkRef)).filter((p) => editPart(p, 'id') === editId)).to.deep.equal([]);

    // The engine refuses the transaction (a second client wrote first): it is rolled back, Provenance and all.
    const other = await FhirStore.open({ baseUrl: FHIR_URL, patientId, http, author: SAM });
    await other.apply({ type: 'person/update', person: { ...other.snapshot!.record.person, pronouns: 'she/her' } });
    expect(await rejection(store.apply({ type: 'meeting/cancel', meetingId: 'mt-15' }, { editId }))).to.be.instanceOf(
      ConflictError,
    );
    expect((await provenances(networkRef)).filter((p) => editPart(p, 'id') === editId)).to.deep.equal([]);

    await store.apply({ type: 'meeting/cancel', meetingId: 'mt-15' }, { editId });
    expect((await provenances(networkRef)).filter((p) => editPart(p, 'id') === editId)).to.have.length(1);
    // 1 seed + the other client's edit + this one.
    expect(await provenances(networkRef)).to.have.length(3);
  });

  it('recognises an edit whose answer was lost: it is on the server once, with its Provenance, by its id', async () => {
    const store = await FhirStore.open({
      baseUrl: FHIR_URL,
      patientId,
      http,
      initial: demoFor(patientId),
      author: NIA,
    });
    const editId = uniqueId('edit');
    // The server commits the transaction, then the connection drops before its answer.
    await injectFault({ method: 'POST', path: '', match: patientId, action: 'drop-after' });
    expect(await rejection(store.apply({ type: 'meeting/cancel', meetingId: 'mt-15' }, { editId }))).to.be.instanceOf(
      StorageError,
    );
    const history = await store.history({ kind: 'meeting', id: 'mt-15' });
    expect(history.filter((h) => h.id === editId).map((h) => [h.type, h.author])).to.deep.equal([
      ['meeting/cancel', NIA],
    ]);
  });

  it('refuses a write without an author, naming the author option, and changes nothing; reads need none', async () => {
    const record = demoFor(patientId);
    await FhirStore.open({ baseUrl: FHIR_URL, patientId, http, initial: record, author: NIA });
    const requests: string[] = [];
    const counting: FhirHttp = (request) => {
      requests.push(request.method);
      return http(request);
    };
    const store = await FhirStore.open({ baseUrl: FHIR_URL, patientId, http: counting });
    expect(store.snapshot!.record.members).to.have.length(record.members.length);
    const before = store.snapshot;
    requests.length = 0;
    const error = await rejection(store.apply({ type: 'meeting/cancel', meetingId: 'mt-15' }));
    expect(error).to.be.instanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).to.deep.equal([['author']]);
    expect((error as Error).message).to.match(/store\.author|FhirStore\.open\(\{ author/);
    expect(requests).to.deep.equal([]);
    expect(store.snapshot).to.equal(before);
    const fresh = await FhirStore.open({ baseUrl: FHIR_URL, patientId, http });
    expect(fresh.snapshot!.record.meetings.find((m) => m.id === 'mt-15')!.status).to.equal('planned');

    // Once the host says who is working, the same edit goes through.
    store.author = SAM;
    await store.apply({ type: 'meeting/cancel', meetingId: 'mt-15' });
    expect(
      (await FhirStore.open({ baseUrl: FHIR_URL, patientId, http })).snapshot!.record.meetings.find(
        (m) => m.id === 'mt-15',
      )!.status,
    ).to.equal('cancelled');
  });

  it('gives each entity’s history back from the server: author, time and type, oldest first, seed first', async function () {
    this.timeout(30_000);
    const record = demoFor(patientId);
    const store = await FhirStore.open({ baseUrl: FHIR_URL, patientId, http, initial: record, author: NIA });
    const member = record.members.find((m) => m.id === 'm-college')!;
    // Applied out of time order: history is by the time each edit was made.
    await store.apply(
      { type: 'member/update', member: { ...member, ring: 2 } },
      { at: '2027-06-02T10:00:00+01:00', author: SAM, editId: 'edit-second' },
    );
    await store.apply(
      { type: 'member/update', member: { ...member, ring: 3 } },
      { at: '2027-06-01T10:00+01:00', editId: 'edit-first' },
    );
    await store.apply(
      {
        type: 'tie/add',
        tie: {
          id: 't-new',
          from: patientId,
          to: 'm-college',
          strength: 'tenuous',
          quality: 'neutral',
          direction: 'none',
        },
      },
      { at: '2027-06-03T10:00:00Z', editId: 'edit-tie' },
    );
    await store.apply(
      { type: 'meeting/cancel', meetingId: 'mt-15' },
      { at: '2027-06-04T08:00:00.250Z', editId: 'edit-meeting' },
    );

    const reader = await FhirStore.open({ baseUrl: FHIR_URL, patientId, http, pageSize: 2 });
    const history = await reader.history({ kind: 'member', id: 'm-college' });
    expect(history.map((h) => h.id).slice(1)).to.deep.equal(['edit-first', 'edit-second']);
    expect(history[0]).to.deep.include({
      type: 'member/add',
      author: NIA,
      entity: { kind: 'member', id: 'm-college' },
    });
    expect(history[1]).to.deep.equal({
      id: 'edit-first',
      at: '2027-06-01T10:00+01:00',
      author: NIA,
      type: 'member/update',
      entity: { kind: 'member', id: 'm-college' },
    });
    expect(history[2]).to.deep.equal({
      id: 'edit-second',
      at: '2027-06-02T10:00:00+01:00',
      author: SAM,
      type: 'member/update',
      entity: { kind: 'member', id: 'm-college' },
    });
    // A tie added later has no creation by the seed; a tie from the seed has one.
    expect(await reader.history({ kind: 'tie', id: 't-new' })).to.deep.equal([
      {
        id: 'edit-tie',
        at: '2027-06-03T10:00:00Z',
        author: NIA,
        type: 'tie/add',
        entity: { kind: 'tie', id: 't-new' },
      },
    ]);
    expect((await reader.history({ kind: 'tie', id: record.ties[0]!.id })).map((h) => h.type)).to.deep.equal([
      'tie/add',
    ]);
    expect(
      (await reader.history({ kind: 'meeting', id: 'mt-15' })).map((h) => [h.id, h.at, h.type]),
    ).to.deep.include.members([['edit-meeting', '2027-06-04T08:00:00.250Z', 'meeting/cancel']]);
    expect((await reader.history({ kind: 'person', id: patientId })).map((h) => h.type)).to.deep.equal([
      'person/update',
    ]);
    // The writer reads the same history as a fresh client.
    expect(await store.history({ kind: 'member', id: 'm-college' })).to.deep.equal(history);
  });

  it('shows Provenances others wrote for an entity’s resource, typed from their activity', async () => {
    const record = demoFor(patientId);
    const { http: rec, transactions } = recording();
    const store = await FhirStore.open({ baseUrl: FHIR_URL, patientId, http: rec, initial: record, author: NIA });
    const episodeKey = transactions.flatMap((t) => t.entry!).find((e) => e.resource?.resourceType === 'EpisodeOfCare')!
      .request!.url;
    const post = (resource: object) =>
      fetch(`${FHIR_URL}Provenance`, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json' },
        body: JSON.stringify(resource),
      }).then((r) => r.json());
    const ehr = await post({
      resourceType: 'Provenance',
      target: [{ reference: episodeKey }],
      recorded: '2027-07-01T12:00:00Z',
      activity: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation', code: 'UPDATE' }] },
      agent: [{ who: { reference: 'Practitioner/ehr-1', display: 'Dr EHR' } }],
    });
    const episodeId = record.episodes[0]!.id;
    const history = await store.history({ kind: 'episode', id: episodeId });
    expect(history.at(-1)).to.deep.equal({
      id: `Provenance/${ehr.id}`,
      at: '2027-07-01T12:00:00Z',
      author: { id: 'Practitioner/ehr-1', name: 'Dr EHR' },
      type: 'episode/update',
      entity: { kind: 'episode', id: episodeId },
    });
    expect(history[0]!.type).to.equal('episode/add');
  });

  it('reports a history it may not read as a StorageError', async () => {
    const store = await FhirStore.open({
      baseUrl: FHIR_URL,
      patientId,
      http,
      initial: demoFor(patientId),
      author: NIA,
    });
    // The history's searches name the case's network CareTeam: the seed's Provenance targets it.
    const seedTargets = (await seedProvenance(patientId)).target as { reference: string }[];
    const networkRef = seedTargets.find((t) => t.reference.startsWith('CareTeam/'))!.reference;
    // (The id alone: the search encodes the reference's "/".)
    await injectFault({
      method: 'GET',
      path: 'Provenance',
      match: networkRef.slice('CareTeam/'.length),
      action: 'status',
      status: 403,
    });
    const error = await rejection(store.history({ kind: 'member', id: 'm-college' }));
    expect(error).to.be.instanceOf(StorageError);
    expect((error as Error).message).to.match(/change history \(Provenance\).*403/);
  });
});
