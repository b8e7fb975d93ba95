// An EHR intranet page served over plain http from a name that is not localhost: no
// secure context, so no crypto.randomUUID. Every id the widgets make for new entities
// must still come (they use core's newId, on crypto.getRandomValues).
import { test, expect } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../../support/chromium.mjs';
import { expectCleanConsole, watchPage, widgetsReady } from '../support/page-watch.mjs';

// intranet.test resolves to this loopback server; Chromium treats only localhost and
// 127.0.0.0/8 as potentially trustworthy, so the page is not a secure context.
test.use({
  launchOptions: {
    executablePath: chromiumPath,
    args: [...chromiumArgs, '--host-resolver-rules=MAP intranet.test 127.0.0.1'],
  },
});

test('on a plain-http intranet origin, a meeting is recorded and a member added (ids without randomUUID)', async ({
  page,
  baseURL,
}) => {
  const watched = await watchPage(page);
  const origin = new URL(baseURL);
  origin.hostname = 'intranet.test';
  await page.goto(new URL('/test/hosts/bare/', origin).href);
  await widgetsReady(page);
  expect(await page.evaluate(() => [window.isSecureContext, typeof crypto.randomUUID])).toEqual([false, 'undefined']);
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('od-network-map, od-meeting-timeline')) el.editable = true;
  });

  const timeline = page.locator('od-meeting-timeline');
  await timeline.getByRole('button', { name: 'Record a meeting' }).click();
  await timeline.getByLabel('Yes, it was held').check();
  const date = timeline.getByRole('group', { name: 'Date', exact: true });
  await date.getByLabel('Day').fill('9');
  await date.getByLabel('Month').fill('4');
  await date.getByLabel('Year').fill('2026');
  await timeline.getByLabel('Start time').fill('10:00');
  await timeline.getByLabel('Length in minutes').fill('60');
  await timeline.getByRole('button', { name: 'Save' }).click();
  await expect(timeline.getByText('Meeting saved')).toBeVisible();

  const map = page.locator('od-network-map');
  await map.getByRole('button', { name: 'Add a member' }).click();
  await map.getByLabel('Name').fill('Rhys Morgan');
  await map.getByLabel('Relationship to the person').fill('Cousin');
  await map.getByRole('button', { name: 'Save' }).click();
  await expect(map.getByRole('button', { name: /Rhys Morgan/ }).first()).toBeVisible();

  const ids = await page.evaluate(() => {
    const record = document.querySelector('od-provider').store.snapshot.record;
    return { meeting: record.meetings.at(-1).id, member: record.members.find((m) => m.name === 'Rhys Morgan').id };
  });
  expect(ids.meeting).toMatch(/^mt-[a-z0-9]{20}$/);
  expect(ids.member).toMatch(/^m-[a-z0-9]{20}$/);
  expectCleanConsole(watched);
});
