// The FhirStore page: the host reads the case from the EHR's FHIR server (on the same origin,
// under the same strict CSP) and the widgets write back through FhirStore. The only requests
// beyond the page's own files are FhirStore's, to /fhir/: reads and searches on load, one
// transaction per edit.
import { test, expect } from '@playwright/test';
import {
  CASE_WIDGETS,
  expectCleanConsole,
  expectNoAxeViolations,
  expectOnlyRequests,
  kitFiles,
  saveScreenshot,
  watchPage,
  widgetsReady,
} from '../support/page-watch.mjs';
import { seedFhirServer } from '../.generated/fhir-seed.mjs';

/** The page's own files (a function: the kit's file list exists once the build has run). */
const pageFiles = () => [
  '/test/hosts/csp/fhir.html',
  '/test/hosts/csp/page.css',
  ...kitFiles(CASE_WIDGETS, { editing: true }),
  '/test/hosts/.generated/fhir-host.js',
];

test('a host using FhirStore: the widgets show the EHR’s case and save to it, and FhirStore makes the only other requests', async ({
  page,
  baseURL,
}) => {
  await seedFhirServer(`${baseURL}/fhir/`);
  const watched = await watchPage(page);
  const fhir = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/fhir/'))
      fhir.push({ method: request.method(), url: request.url(), body: request.postDataJSON() });
  });
  const res = await page.goto('/test/hosts/csp/fhir.html');
  expect(res.headers()['content-security-policy']).toMatch(/require-trusted-types-for 'script'/);
  await widgetsReady(page);
  const map = page.locator('od-network-map');
  await expect(map.getByRole('button', { name: /Sarah Lewis/ }).first()).toBeVisible();
  await expect(page.locator('od-meeting-timeline #meeting-mt-14')).toBeVisible();
  await expect(page.locator('#load-error')).toHaveText('');

  // Loading is reads only: the Patient, then searches (GET) — nothing written.
  expect(fhir.length).toBeGreaterThan(0);
  expect(
    fhir.filter((r) => r.method !== 'GET'),
    'writes while loading',
  ).toEqual([]);
  for (const r of fhir)
    expect(new URL(r.url).pathname).toMatch(
      /^\/fhir\/(Patient\/maya|CareTeam|EpisodeOfCare|Encounter|Appointment|QuestionnaireResponse)$/,
    );
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'csp-fhir');

  // An edit is one transaction to the server's base, and the server has it. (A store's first
  // write is preceded by one batch of conditional creates of the instruments' Questionnaires:
  // shared by every case, never overwritten.)
  const loaded = fhir.length;
  await map.getByRole('button', { name: 'Add a member' }).click();
  await map.locator('#member-name').fill('Ffion Rees');
  await map.locator('#member-relationship').fill('Cousin');
  await map.getByRole('button', { name: 'Save' }).click();
  await expect(map.locator('[role="status"]')).toHaveText('Saved.');
  // The member's details then say who changed it ("Changed by … on …"): read from the server's
  // Provenance (searches, GET); everything else after the load is the write.
  const after = fhir.slice(loaded);
  for (const r of after.filter((x) => x.method === 'GET')) expect(new URL(r.url).pathname).toBe('/fhir/Provenance');
  const writes = after.filter((r) => r.method !== 'GET');
  expect(writes.map((r) => `${r.method} ${new URL(r.url).pathname} ${r.body?.type ?? ''}`.trim())).toEqual([
    'POST /fhir/ batch',
    'POST /fhir/ transaction',
  ]);
  expect(
    writes[0].body.entry.map(
      (e) => `${e.request.method} ${e.request.url} ${e.request.ifNoneExist ? 'if-none-exist' : ''}`,
    ),
  ).toEqual(writes[0].body.entry.map(() => 'POST Questionnaire if-none-exist'));
  // The transaction's updates carry If-Match with the version read: nothing is overwritten blind.
  expect(
    writes[1].body.entry.filter((e) => e.request.method === 'PUT' && e.request.url.startsWith('CareTeam/'))[0].request
      .ifMatch,
  ).toMatch(/^W\/"/);
  // With the change, in the same transaction: its Provenance, naming the EHR's signed-in user.
  const provenance = writes[1].body.entry.filter((e) => e.resource?.resourceType === 'Provenance');
  expect(provenance).toHaveLength(1);
  expect(provenance[0].resource.agent[0].who).toEqual({
    reference: 'Practitioner/nia-roberts',
    display: 'Nia Roberts',
  });
  const related = await page.request.get('/fhir/RelatedPerson?patient=Patient/maya&_count=200');
  expect(JSON.stringify(await related.json())).toContain('Ffion Rees');

  // Nothing else: the page's own files, and FhirStore's requests to /fhir/.
  expectOnlyRequests(page, watched, pageFiles(), (url) => new URL(url).pathname.startsWith('/fhir/'));
  expectCleanConsole(watched);
});
