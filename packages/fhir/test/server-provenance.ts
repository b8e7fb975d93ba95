/**
 * What the FHIR engine at /fhir/ holds as Provenance for one case: every kit write's Provenance
 * targets the network CareTeam, so one search (all pages) finds them. Read straight from the
 * server, not through the store under test.
 */
import { EXT, type Bundle, type Extension, type FhirResource } from '@odkit/fhir';
import { FHIR_URL } from './support.js';

/** One kit Provenance, as the tests check it. */
export interface AuditRecord {
  readonly resource: FhirResource;
  readonly editId: string;
  readonly type: string;
  /** `agent.who.reference`, or its identifier's value. */
  readonly author: string | undefined;
  readonly recorded: string;
  /** `Type/id` of every target. */
  readonly targets: readonly string[];
}

async function searchAll(url: string): Promise<FhirResource[]> {
  const out: FhirResource[] = [];
  for (let next: string | undefined = url; next;) {
    const response = await fetch(next);
    if (response.status !== 200) throw new Error(`GET ${next}: ${response.status}`);
    const bundle = (await response.json()) as Bundle;
    out.push(...(bundle.entry ?? []).map((e) => e.resource!).filter(Boolean));
    next = bundle.link?.find((l) => l.relation === 'next')?.url;
  }
  return out;
}

/** The kit's Provenances for the case of `patientId`, by edit id (an edit written twice has two). */
export async function provenanceByEdit(patientId: string, baseUrl = FHIR_URL): Promise<Map<string, AuditRecord[]>> {
  const teams = await searchAll(`${baseUrl}CareTeam?subject=Patient/${encodeURIComponent(patientId)}`);
  if (teams.length !== 1) throw new Error(`expected one network CareTeam for the patient, found ${teams.length}`);
  const found = await searchAll(`${baseUrl}Provenance?target=CareTeam/${teams[0]!.id}&_count=500`);
  const byEdit = new Map<string, AuditRecord[]>();
  for (const resource of found) {
    const parts = ((resource.extension as Extension[] | undefined) ?? []).find((e) => e.url === EXT.edit)?.extension as
      Extension[] | undefined;
    const part = (url: string) => {
      const e = parts?.find((x) => x.url === url);
      return (e?.valueString ?? e?.valueCode ?? e?.valueId) as string | undefined;
    };
    const editId = part('id');
    if (!editId) continue;
    const who = (resource.agent as { who?: { reference?: string; identifier?: { value?: string } } }[] | undefined)?.[0]
      ?.who;
    const record: AuditRecord = {
      resource,
      editId,
      type: part('type') ?? '',
      author: who?.reference ?? who?.identifier?.value,
      recorded: resource.recorded as string,
      targets: ((resource.target as { reference?: string }[] | undefined) ?? []).map((t) =>
        String(t.reference).replace(/\/_history\/.*$/, ''),
      ),
    };
    byEdit.set(editId, [...(byEdit.get(editId) ?? []), record]);
  }
  return byEdit;
}
