import { expect } from '@open-wc/testing';
import type { CaseRecord } from '@odkit/core';
import { CODE_SYSTEM, EXT, FhirStore, IDENTIFIER, fromFhir, toFhir, type Bundle, type FhirResource } from '@odkit/fhir';
import { guardConsole } from '../../../test/support/console-guard.js';
import { FHIR_URL, demoFor, http, loadDefinitions, testAuthor, uniqueId, validationErrors } from './support.js';

/** Who is hidden from whom in these tests: one member of each kind. */
const HIDDEN: Record<string, string[]> = {
  'm-sarah': ['family', 'school'], // a person: RelatedPerson
  'm-nia': ['family'], // a professional: PractitionerRole (+ Practitioner)
  'm-debt-advice': ['network'], // an organisation: Organization
};

function withAudiences(record: CaseRecord): CaseRecord {
  const copy = structuredClone(record);
  for (const m of copy.members) m.hiddenFrom = HIDDEN[m.id] ?? [];
  return copy;
}

const kitId = (r: FhirResource) =>
  (r.identifier as { system?: string; value?: string }[] | undefined)?.find((i) => i.system === IDENTIFIER.entityId)
    ?.value;
const audienceLabels = (r: FhirResource | undefined) =>
  (r?.meta?.security ?? []).filter((c) => c.system === CODE_SYSTEM.audience).map((c) => c.code);
const resourcesOf = (bundle: Bundle): FhirResource[] =>
  (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
const json = { 'content-type': 'application/fhir+json' };
const get = async (url: string) => (await fetch(`${FHIR_URL}${url}`)).json();

describe('hiddenFrom as FHIR security labels (meta.security)', () => {
  guardConsole();
  before(async function () {
    this.timeout(60_000);
    await loadDefinitions();
  });

  it('labels each member’s own resource with the kit’s audience CodeSystem, valid R4, and reads them back', () => {
    const record = withAudiences(demoFor('pt-labels'));
    const resources = resourcesOf(toFhir(record));
    const member = (type: string, id: string) => resources.find((r) => r.resourceType === type && kitId(r) === id);
    expect(audienceLabels(member('RelatedPerson', 'm-sarah'))).to.deep.equal(['family', 'school']);
    expect(audienceLabels(member('PractitionerRole', 'm-nia'))).to.deep.equal(['family']);
    expect(audienceLabels(member('Organization', 'm-debt-advice'))).to.deep.equal(['network']);
    // The Practitioner may be the EHR's own, shared with other cases: it carries no label of this network's.
    expect(member('Practitioner', 'm-nia')?.meta?.security).to.equal(undefined);
    // A member hidden from no one has no security labels at all.
    expect(member('RelatedPerson', 'm-tom')?.meta?.security).to.equal(undefined);
    // Nothing is written twice: the participant extension is no longer written.
    const team = resources.find((r) => r.resourceType === 'CareTeam')!;
    expect(JSON.stringify(team)).to.not.contain(EXT.hiddenFrom);
    for (const r of resources) expect(validationErrors(r), `${r.resourceType}/${r.id}`).to.deep.equal([]);

    const { record: back } = fromFhir(toFhir(record));
    for (const m of back.members) expect(m.hiddenFrom, m.id).to.deep.equal(HIDDEN[m.id] ?? []);
  });

  it('still reads the participant extension written before the labels, and other systems’ labels are not audiences', () => {
    const record = withAudiences(demoFor('pt-legacy'));
    const bundle = toFhir(record);
    for (const r of resourcesOf(bundle)) {
      if (r.meta?.security) {
        // An older kit's resource: no labels on the member; and an EHR's own confidentiality label.
        r.meta.security = [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }];
      }
      if (r.resourceType === 'CareTeam') {
        for (const p of r.participant as { member?: { reference?: string }; extension?: object[] }[]) {
          const resource = resourcesOf(bundle).find((x) => p.member?.reference === `${x.resourceType}/${x.id}`);
          const id = resource && kitId(resource);
          for (const audience of (id && HIDDEN[id]) || [])
            p.extension!.push({ url: EXT.hiddenFrom, valueId: audience });
        }
      }
    }
    const { record: back, warnings } = fromFhir(bundle);
    expect(warnings).to.deep.equal([]);
    for (const m of back.members) expect(m.hiddenFrom, m.id).to.deep.equal(HIDDEN[m.id] ?? []);
  });

  it('round-trips through the FHIR engine: stored as labels an EHR can search, changed and removed by kit writes, and an EHR’s own labels kept', async () => {
    const patientId = uniqueId('pt');
    const record = withAudiences(demoFor(patientId));
    const store = await FhirStore.open({
      baseUrl: FHIR_URL,
      patientId,
      http,
      initial: record,
      author: testAuthor,
    });

    // On the server: the RelatedPerson carries the labels, and the engine finds it by them.
    const found = await get(`RelatedPerson?patient=Patient/${patientId}&_security=${CODE_SYSTEM.audience}|school`);
    expect(found.entry.map((e: { resource: FhirResource }) => kitId(e.resource))).to.deep.equal(['m-sarah']);
    const sarah = found.entry[0].resource as FhirResource;
    expect(audienceLabels(sarah)).to.deep.equal(['family', 'school']);

    // A second client reads exactly what was written.
    const reopen = () => FhirStore.open({ baseUrl: FHIR_URL, patientId, http, author: testAuthor });
    const other = await reopen();
    for (const m of other.snapshot!.record.members) expect(m.hiddenFrom, m.id).to.deep.equal(HIDDEN[m.id] ?? []);

    // The EHR adds its own confidentiality label to Sarah's resource.
    const restricted = { system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' };
    const put = await fetch(`${FHIR_URL}RelatedPerson/${sarah.id}`, {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ ...sarah, meta: { ...sarah.meta, security: [...sarah.meta!.security!, restricted] } }),
    });
    expect(put.status).to.equal(200);

    // The kit shows Sarah to the family again and hides her from work: its labels change, the EHR's stays.
    const fresh = await reopen();
    const member = fresh.snapshot!.record.members.find((m) => m.id === 'm-sarah')!;
    await fresh.apply({ type: 'member/update', member: { ...member, hiddenFrom: ['work'] } });
    const after = (await get(`RelatedPerson/${sarah.id}`)) as FhirResource;
    expect(audienceLabels(after)).to.deep.equal(['work']);
    expect(after.meta!.security).to.deep.include(restricted);
    const reread = await reopen();
    expect(reread.snapshot!.record.members.find((m) => m.id === 'm-sarah')!.hiddenFrom).to.deep.equal(['work']);

    // Hidden from no one: the kit's labels go; the EHR's stays.
    const latest = reread.snapshot!.record.members.find((m) => m.id === 'm-sarah')!;
    await reread.apply({ type: 'member/update', member: { ...latest, hiddenFrom: [] } });
    const cleared = (await get(`RelatedPerson/${sarah.id}`)) as FhirResource;
    expect(audienceLabels(cleared)).to.deep.equal([]);
    expect(cleared.meta!.security).to.deep.equal([restricted]);
    expect(store.patientId).to.equal(patientId);
  });
});
