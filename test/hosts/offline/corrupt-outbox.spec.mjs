// Bad input on the device: entries in SyncedStore's IndexedDB outbox that it did not write
// (garbage written straight into the database, as a browser extension, a disk fault or a
// downgraded kit might leave) are set aside and reported, the page's real edits still reach the
// server, and nothing throws into the page.
import { test, expect } from '@playwright/test';
import {
  addMember,
  cutOff,
  expectCleanConsoleOffline,
  openPage,
  PAGE,
  reconnect,
  status,
} from '../support/offline-page.mjs';
import { seedFhirServer } from '../.generated/fhir-seed.mjs';

test.describe.configure({ timeout: 180_000 });

/** Writes three entries the store never wrote into its outbox, under keys in `caseId`'s range. */
const writeGarbage = (page, caseId) =>
  page.evaluate(
    (caseId) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('odkit-sync');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('outbox', 'readwrite');
          const outbox = tx.objectStore('outbox');
          outbox.put('not an edit at all', [caseId, 1_000_000]);
          outbox.put(
            {
              id: 'e-bad-change',
              caseId,
              seq: 1_000_001,
              at: '2026-04-10T10:00:00+01:00',
              state: 'pending',
              change: { type: 'member/add', member: '<img src=x onerror=alert(1)>' },
            },
            [caseId, 1_000_001],
          );
          outbox.put({ id: 'e-wrong-key', caseId, seq: 7, at: 'yesterday', state: 'sent', change: null }, [
            caseId,
            1_000_002,
          ]);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    caseId,
  );

test('a corrupted outbox entry is set aside and reported; the rest still syncs; nothing throws into the page', async ({
  browser,
  baseURL,
}) => {
  await seedFhirServer(`${baseURL}/fhir/`);
  const context = await browser.newContext();
  let { page, watched } = await openPage(context);
  await expect.poll(() => status(page)).toMatchObject({ pending: 0, connection: 'online' });

  // Two real edits while the server is out of reach, then garbage beside them.
  await cutOff(context);
  await addMember(page, 'Ffion Rees');
  await addMember(page, 'Gareth Rees');
  await expect.poll(() => status(page)).toMatchObject({ pending: 2 });
  const caseId = await page.locator('od-provider').getAttribute('data-case');
  expectCleanConsoleOffline(watched);
  await page.close();
  // The garbage is written with the page closed, from a document of the same origin that runs no
  // kit: an open page's retry pass would otherwise find it first, set it aside and report it there.
  const writer = await context.newPage();
  await writer.goto(`${PAGE}host.js`);
  await writeGarbage(writer, caseId);
  await writer.close();

  // Opened again: the three bad entries are set aside and reported (to the host, and in every widget's status line).
  ({ page, watched } = await openPage(context));
  await expect.poll(() => status(page)).toMatchObject({ pending: 2, unreadable: 3 });
  await expect(page.locator('#sync-problem')).toContainText('ValidationError');
  await expect(page.locator('#sync-problem')).not.toContainText('<img');
  for (const tag of ['od-network-map', 'od-meeting-timeline', 'od-principles-checklist']) {
    await expect(page.locator(`${tag} [part="sync-status"] .od-sync__unreadable`)).toBeVisible();
  }
  await expect(
    page
      .locator('od-network-map')
      .getByRole('button', { name: /Gareth Rees/ })
      .first(),
  ).toBeVisible();

  // The server is back: the two real edits arrive; the garbage is never sent and stays set aside.
  await reconnect(context);
  await expect
    .poll(() => status(page), { timeout: 60_000 })
    .toMatchObject({ pending: 0, conflicts: [], connection: 'online', unreadable: 3 });
  const related = JSON.stringify(
    await (await context.request.get('/fhir/RelatedPerson?patient=Patient/maya&_count=200')).json(),
  );
  expect(related).toContain('Ffion Rees');
  expect(related).toContain('Gareth Rees');
  expect(related).not.toContain('onerror');
  expectCleanConsoleOffline(watched);
  await context.close();
});
