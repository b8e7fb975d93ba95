// The home-visit page's helpers (test/hosts/offline/): open it watched, cut the EHR's FHIR server
// off and bring it back, read the store's sync status and the server's Provenances, and make the
// edits a practitioner makes in the three widgets.
import { expect } from '@playwright/test';
import { expectCleanConsole, watchPage, widgetsReady } from './page-watch.mjs';

export const PAGE = '/test/hosts/offline/';
export const AUTHOR = 'Practitioner/jo-whitfield';

/** The store's sync status, read in the page (the host left its store on window). */
export const status = (page) =>
  page.evaluate(() => {
    const s = document.querySelector('od-provider').syncStatus;
    return (
      s && {
        pending: s.pending,
        conflicts: s.conflicts.map((c) => ({ editId: c.editId, type: c.change.type, reason: c.reason })),
        connection: s.connection,
        unreadable: s.unreadable,
      }
    );
  });

/** The EHR's FHIR server is out of reach for this context (the page's own files still load). */
export const cutOff = (context) => context.route('**/fhir/**', (route) => route.abort('internetdisconnected'));
export const reconnect = (context) => context.unroute('**/fhir/**');

/** Opens the page in `context`, watched, and waits for the widgets and the store. */
export async function openPage(context) {
  const page = await context.newPage();
  const watched = await watchPage(page);
  // The browser reports each request to the unreachable server as a console error of its own;
  // those (and only those: requests to /fhir/) are expected while it is cut off.
  watched.unreachable = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && msg.text() === DISCONNECTED) watched.unreachable.push(msg.location().url);
  });
  await page.goto(PAGE);
  await widgetsReady(page);
  await page.waitForFunction(() => !!document.querySelector('od-provider').syncStatus);
  return { page, watched };
}

const DISCONNECTED = 'Failed to load resource: net::ERR_INTERNET_DISCONNECTED';

/** No console error, uncaught exception or CSP report, but the browser's own for requests to the cut-off server. */
export function expectCleanConsoleOffline(watched) {
  expect(
    watched.unreachable.filter((url) => !new URL(url).pathname.startsWith('/fhir/')),
    'failed requests beyond /fhir/',
  ).toEqual([]);
  expectCleanConsole({ ...watched, consoleErrors: watched.consoleErrors.filter((text) => text !== DISCONNECTED) });
}

/** Every Provenance the server holds for the case, read from the test (not through the page). */
export async function provenances(request) {
  const team = await (await request.get('/fhir/CareTeam?subject=Patient/maya')).json();
  const id = team.entry.find((e) => e.resource.resourceType === 'CareTeam').resource.id;
  const found = await (await request.get(`/fhir/Provenance?target=CareTeam/${id}&_count=500`)).json();
  return (found.entry ?? [])
    .map((e) => e.resource)
    .map((p) => {
      const parts = p.extension?.find((x) => x.url.endsWith('/provenance-edit'))?.extension ?? [];
      const part = (url) =>
        parts.find((x) => x.url === url)?.valueString ?? parts.find((x) => x.url === url)?.valueCode;
      return {
        resource: p,
        editId: part('id'),
        type: part('type'),
        author: p.agent?.[0]?.who?.reference,
        recorded: p.recorded,
        targets: p.target.map((t) => t.reference),
      };
    });
}

export async function addMember(page, name) {
  const map = page.locator('od-network-map');
  await map.getByRole('button', { name: 'Add a member' }).click();
  await map.locator('#member-name').fill(name);
  await map.locator('#member-relationship').fill('Cousin');
  await map.getByRole('button', { name: 'Save' }).click();
  await expect(map.locator('[role="status"]').filter({ hasText: 'Saved.' })).toHaveCount(1);
}

export async function recordMeeting(page, place) {
  const timeline = page.locator('od-meeting-timeline');
  await timeline.getByRole('button', { name: 'Record a meeting' }).click();
  await timeline.locator('#mt-time').fill('14:00');
  await timeline.locator('#mt-place').fill(place);
  await timeline.locator('.side form button[type="submit"]').click();
  await expect(timeline.getByText(place).first()).toBeVisible();
}

export async function editMeetingPlace(page, meetingId, place) {
  const timeline = page.locator('od-meeting-timeline');
  await timeline.locator(`#meeting-${meetingId}`).click();
  await timeline.locator('[data-action="edit"]').click();
  await timeline.locator('#mt-place').fill(place);
  await timeline.locator('.side form button[type="submit"]').click();
  await expect
    .poll(() =>
      page.evaluate((id) => window.odkitStore.snapshot.record.meetings.find((m) => m.id === id).place, meetingId),
    )
    .toBe(place);
}

export async function rateItems(page, ratings) {
  const checklist = page.locator('od-principles-checklist');
  // With a signed-in author the checklist shows who rates, read-only; otherwise the name is typed.
  const rater = checklist.locator('#rater-name');
  if (await rater.isEditable()) await rater.fill('Jo Whitfield');
  for (const [item, label] of ratings) {
    const id = await checklist
      .locator(`input[type=radio][name="item-${item}"]`)
      .and(checklist.getByRole('radio', { name: label }))
      .getAttribute('id');
    await checklist.locator(`label[for="${id}"]`).click();
  }
}

export const assessment = (page) =>
  page.evaluate(() =>
    window.odkitStore.snapshot.record.assessments.find(
      (a) => a.meetingId === 'mt-13' && a.instrumentId === 'od-seven-principles',
    ),
  );
