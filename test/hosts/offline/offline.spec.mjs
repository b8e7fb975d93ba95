// A home visit with no signal: the page's store is SyncedStore over FhirStore (./host.js), under
// the strict CSP, against the real FHIR engine at /fhir/. Edits made in all three widgets while
// the EHR cannot be reached are kept on the device through a closed page, counted as pending,
// and reach the server (each with its Provenance) when it is back. Two devices editing the same
// case offline end with every edit on the server or listed as a conflict, and a conflict is
// resolved with the keyboard alone, axe clean; the review panel's file is fetched only for the
// device with a conflict, and a failed fetch of it is said and tried again.
import { test, expect } from '@playwright/test';
import { tabTo } from '../support/keyboard.mjs';
import {
  AUTHOR,
  PAGE,
  addMember,
  assessment,
  cutOff,
  editMeetingPlace,
  expectCleanConsoleOffline,
  openPage,
  provenances,
  rateItems,
  reconnect,
  recordMeeting,
  status,
} from '../support/offline-page.mjs';
import {
  CASE_WIDGETS,
  expectNoAxeViolations,
  expectOnlyRequests,
  kitFiles,
  saveScreenshot,
} from '../support/page-watch.mjs';
import { seedFhirServer } from '../.generated/fhir-seed.mjs';
import { validationErrors } from '../../../packages/fhir/test/server/validate.mjs';

test.describe.configure({ timeout: 180_000 });

/**
 * Every widget shows the same status line, and none of them is a live region: the page's one
 * live region is `<od-provider>`'s sync announcer, which says each change that matters once
 * (after the status settles), not once per widget.
 */
async function expectStatusLine(page, message) {
  for (const tag of ['od-network-map', 'od-meeting-timeline', 'od-principles-checklist']) {
    await expect(page.locator(`${tag} [part="sync-status"]`).getByText(message, { exact: true })).toBeVisible();
  }
  await expect(page.locator('[part="sync-status"] [role="status"]')).toHaveCount(0);
  const announcer = page.locator('[part="sync-announcer"]');
  await expect(announcer).toHaveCount(1);
  await expect(announcer).toHaveAttribute('role', 'status');
  await expect(announcer).toHaveText(message);
}

/** How many entries the case's outbox holds in IndexedDB, read straight from the database. */
const outboxEntries = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('odkit-sync');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const caseId = document.querySelector('od-provider').dataset.case;
          const count = db
            .transaction('outbox', 'readonly')
            .objectStore('outbox')
            .count(IDBKeyRange.bound([caseId], [caseId, []]));
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
          count.onerror = () => reject(count.error);
        };
      }),
  );

test('edits in all three widgets with the EHR unreachable survive a closed page, are counted as pending, and reach the server with their Provenance', async ({
  browser,
  baseURL,
}) => {
  await seedFhirServer(`${baseURL}/fhir/`);
  const context = await browser.newContext();
  // Online once: the device keeps its copy of the case.
  let { page, watched } = await openPage(context);
  await expect.poll(() => status(page)).toMatchObject({ pending: 0, connection: 'online' });
  // The kit's files: odkit.js, odkit-offline.js for the host's SyncedStore, each widget's with its
  // edit forms (fetched once it is editable, after its first paint); beyond them only FHIR requests.
  const files = [PAGE, '/test/hosts/csp/page.css', ...kitFiles(CASE_WIDGETS, { editing: true, offline: true })];
  files.push('/test/hosts/.generated/offline-host.js');
  const requested = () => watched.requests.map((url) => new URL(url).pathname);
  await expect.poll(() => files.filter((file) => !requested().includes(file))).toEqual([]);
  expectOnlyRequests(page, watched, files, (url) => new URL(url).pathname.startsWith('/fhir/'));
  // Preloaded by the page and imported by its script: one request.
  expect(requested().filter((path) => path.endsWith('/odkit-offline.js'))).toHaveLength(1);
  const before = (await provenances(context.request)).length;

  await cutOff(context);
  await addMember(page, 'Ffion Rees');
  await recordMeeting(page, 'Family home, kitchen table');
  await rateItems(page, [
    ['immediate-help', 'Fully'],
    ['social-network', 'Partly'],
  ]);
  await expect.poll(async () => (await assessment(page))?.ratings.length).toBe(2);
  // The status line catches up with the outbox after each write: wait until it counts every entry there.
  await expect.poll(async () => (await status(page)).pending === (await outboxEntries(page))).toBe(true);
  const pending = (await status(page)).pending;
  // The signed-in author is the rater, so the checklist's start carries the name (no edit of its own).
  expect(pending, 'a member, a meeting, the checklist’s start and its ratings').toBeGreaterThanOrEqual(3);
  expectCleanConsoleOffline(watched);
  await page.close();

  // Opened again, still unreachable: every edit is there, and counted.
  ({ page, watched } = await openPage(context));
  await expect(
    page
      .locator('od-network-map')
      .getByRole('button', { name: /Ffion Rees/ })
      .first(),
  ).toBeVisible();
  await expect(page.locator('od-meeting-timeline').getByText('Family home, kitchen table').first()).toBeVisible();
  expect((await assessment(page)).ratings).toEqual([
    { itemId: 'immediate-help', value: 4 },
    { itemId: 'social-network', value: 2 },
  ]);
  await expect.poll(() => status(page)).toMatchObject({ pending, conflicts: [], connection: 'offline' });
  await expectStatusLine(
    page,
    `Offline: ${pending} changes are kept on this device and will be sent when the connection is back`,
  );
  await expectNoAxeViolations(page, { include: ['od-network-map'] });
  await saveScreenshot(page, 'offline-pending');

  // The server is back: the store sends everything on its own (on its retry), and the count falls to 0.
  const reconnectedAt = Date.now();
  await reconnect(context);
  await expect
    .poll(() => status(page), { timeout: 60_000 })
    .toMatchObject({ pending: 0, conflicts: [], connection: 'online' });
  await expectStatusLine(page, 'All changes saved');
  // On the server, each edit with its Provenance (this practitioner, targeting what it wrote).
  const related = await (await context.request.get('/fhir/RelatedPerson?patient=Patient/maya&_count=200')).json();
  const ffion = related.entry.map((e) => e.resource).find((r) => JSON.stringify(r.name).includes('Ffion'));
  expect(ffion).toBeTruthy();
  const encounters =
    JSON.stringify(await (await context.request.get('/fhir/Encounter?subject=Patient/maya&_count=200')).json()) +
    JSON.stringify(await (await context.request.get('/fhir/Appointment?actor=Patient/maya&_count=200')).json());
  expect(encounters).toContain('Family home, kitchen table');
  const responses = await (
    await context.request.get('/fhir/QuestionnaireResponse?subject=Patient/maya&_count=200')
  ).json();
  expect(JSON.stringify(responses)).toContain('immediate-help');
  const written = (await provenances(context.request)).slice(before);
  expect(written.length, 'one Provenance per edit sent').toBe(pending);
  expect(new Set(written.map((p) => p.editId)).size).toBe(pending);
  // Each valid FHIR R4 (Medplum's validator), naming this practitioner, recorded when the edit
  // was made offline (not when it was sent).
  for (const p of written) {
    expect(validationErrors(p.resource), p.editId).toEqual([]);
    expect(p.author).toBe(AUTHOR);
    expect(Date.parse(p.recorded), p.editId).toBeLessThan(reconnectedAt);
  }
  expect(written.find((p) => p.type === 'member/add').targets).toContain(`RelatedPerson/${ffion.id}`);
  expect(written.some((p) => p.type === 'meeting/record')).toBe(true);
  // With the signed-in rater the first rating can travel with the assessment's start: each write has its Provenance.
  expect(
    written.filter((p) => p.type === 'assessment/rate' || p.type === 'assessment/start').length,
  ).toBeGreaterThanOrEqual(2);
  expectCleanConsoleOffline(watched);
  await context.close();
});

test('two devices edit the same case offline: every edit reaches the server or is listed as a conflict; the conflict is resolved with the keyboard alone, axe clean', async ({
  browser,
  baseURL,
}) => {
  await seedFhirServer(`${baseURL}/fhir/`);
  const devices = [];
  for (const name of ['a', 'b']) {
    const context = await browser.newContext();
    const { page, watched } = await openPage(context);
    await expect.poll(() => status(page)).toMatchObject({ pending: 0, connection: 'online' });
    await cutOff(context);
    devices.push({ name, context, page, watched });
  }
  const [a, b] = devices;
  const before = (await provenances(a.context.request)).length;
  await addMember(a.page, 'Ffion Rees');
  await editMeetingPlace(a.page, 'mt-14', 'College library');
  await addMember(b.page, 'Gareth Rees');
  await editMeetingPlace(b.page, 'mt-14', 'Family home');
  expect((await status(a.page)).pending).toBe(2);
  expect((await status(b.page)).pending).toBe(2);

  // A reconnects first: both its edits go through.
  await reconnect(a.context);
  await expect
    .poll(() => status(a.page), { timeout: 60_000 })
    .toMatchObject({ pending: 0, conflicts: [], connection: 'online' });
  const reconnectedAt = Date.now();
  // The review panel is a file of its own, fetched when a conflict is reported. B's first two fetches of it fail
  // (the one ahead, on the conflict, and the first "Review changes"), as on a connection that drops again.
  let panelRequests = 0;
  await b.page.route('**/packages/kit/dist/odkit-review-panel.js', (route) =>
    ++panelRequests <= 2 ? route.abort('internetdisconnected') : route.continue(),
  );
  // Then B: its member is added on top of A's edits; its place no longer applies (A changed it since).
  await reconnect(b.context);
  await expect
    .poll(async () => (await status(b.page)).conflicts, { timeout: 60_000 })
    .toEqual([expect.objectContaining({ type: 'meeting/update', reason: 'changed' })]);
  await expect.poll(() => status(b.page)).toMatchObject({ pending: 1, connection: 'online' });
  const written = (await provenances(b.context.request)).slice(before);
  expect(written.map((p) => p.type).sort()).toEqual(['meeting/update', 'member/add', 'member/add']);
  const [conflict] = (await status(b.page)).conflicts;
  expect(written.map((p) => p.editId)).not.toContain(conflict.editId);

  // B decides with the keyboard alone: Tab to "Review changes", Enter, Tab to "Keep mine", Enter.
  const timeline = b.page.locator('od-meeting-timeline');
  await expect(
    timeline.locator('[part="sync-status"]').getByText('1 change needs your decision', { exact: true }),
  ).toBeVisible();
  // Fetched ahead once the conflict was reported (and failed); never by A, which has none.
  await expect.poll(() => panelRequests).toBe(1);
  expect(a.watched.requests.filter((url) => url.endsWith('/odkit-review-panel.js'))).toEqual([]);
  await tabTo(b.page, (f) => f.widget === 'od-meeting-timeline' && f.text === 'Review changes', {
    what: 'Review changes',
  });
  await b.page.keyboard.press('Enter');
  // Fetched again when asked for, and failed: said beside the button, which keeps focus to try again.
  await expect(timeline.locator('[part="sync-status"] [role="alert"]')).toHaveText(
    'The changes could not be shown: this page could not fetch them. Check the connection and try again, or reload the page.',
  );
  await expect(timeline.locator('[part="sync-review"]')).toHaveCount(0);
  expect(panelRequests).toBe(2);
  await expectNoAxeViolations(b.page, { include: ['od-meeting-timeline'] });
  await saveScreenshot(b.page, 'offline-review-unavailable');
  await b.page.keyboard.press('Enter');
  await expect(timeline.locator('[part="sync-review"]')).toBeVisible();
  await expect(timeline.locator('[part="sync-status"] [role="alert"]')).toHaveCount(0);
  expect(panelRequests).toBe(3);
  await expect(timeline.locator('[part="sync-review"] table')).toContainText('College library');
  await expect(timeline.locator('[part="sync-review"] table')).toContainText('Family home');
  await expectNoAxeViolations(b.page, { include: ['od-meeting-timeline'] });
  await saveScreenshot(b.page, 'offline-conflict');
  await tabTo(b.page, (f) => f.widget === 'od-meeting-timeline' && f.text.startsWith('Keep mine'), {
    what: 'Keep mine',
  });
  await b.page.keyboard.press('Enter');
  await expect
    .poll(() => status(b.page), { timeout: 60_000 })
    .toMatchObject({ pending: 0, conflicts: [], connection: 'online' });
  await expect(timeline.locator('[part="sync-review"] [role="status"]')).toContainText('Kept your version');
  await expectNoAxeViolations(b.page, { include: ['od-meeting-timeline'] });

  // Every edit is on the server: B's decision too, with its Provenance (made when B made it).
  const all = (await provenances(b.context.request)).slice(before);
  expect(all.map((p) => p.editId)).toContain(conflict.editId);
  for (const p of all) expect(validationErrors(p.resource), p.editId).toEqual([]);
  // Made when B made it, offline (not when it was sent after the decision).
  expect(Date.parse(all.find((p) => p.editId === conflict.editId).recorded)).toBeLessThan(reconnectedAt);
  const encounters = JSON.stringify(
    await (await b.context.request.get('/fhir/Encounter?subject=Patient/maya&_count=200')).json(),
  );
  expect(encounters).toContain('Family home');
  // The two review panel fetches the test refused are the only failed requests beyond /fhir/.
  expect(b.watched.unreachable.filter((url) => url.endsWith('/odkit-review-panel.js'))).toHaveLength(2);
  b.watched.unreachable = b.watched.unreachable.filter((url) => !url.endsWith('/odkit-review-panel.js'));
  for (const d of devices) {
    expectCleanConsoleOffline(d.watched);
    await d.context.close();
  }
});
