/**
 * The timeline's edit forms (a meeting's, its cancellation, an episode's) are a module of their
 * own (src/internal/forms.ts), so a page showing a read-only timeline never fetches them: a
 * read-only timeline and one in initials-only fetch nothing more, even with a meeting's details
 * open; an editable one fetches them after its first paint. The tests run in order in one page,
 * whose module cache keeps the forms once fetched. (The kit's own file for them, held back, is
 * tested on a host page: test/hosts/csp/edit-forms.spec.mjs.)
 */
import { expect, fixture, html } from '@open-wc/testing';
import { MemoryStore } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import '@odkit/elements/define.js';
import type { OdMeetingTimeline } from '@odkit/meeting-timeline';
import '@odkit/meeting-timeline/define.js';
import { sendKeys } from '@web/test-runner-commands';
import { guardConsole } from '../../../test/support/console-guard.js';
import { fetchedAny } from '../../../test/support/modules-fetched.js';
import { until } from '../../../test/support/dom.js';
import { expectFocused } from '../../../test/support/keyboard.js';
import { timelinePage } from '../../../test/support/timeline-page.js';
import { DEMO_NOW } from './support.js';

/** Whether the page has fetched the forms' module or a form in it. */
const formsFetched = () =>
  fetchedAny([
    'meeting-timeline/src/internal/forms',
    'meeting-timeline/src/internal/meeting-form',
    'meeting-timeline/src/internal/episode-form',
    'meeting-timeline/src/internal/cancel-form',
  ]);

async function timelineWith(attributes: Record<string, string> = {}) {
  const store = new MemoryStore(demoCase);
  const provider = await fixture(html`<od-provider .store=${store} locale="en-GB"></od-provider>`);
  const el = document.createElement('od-meeting-timeline') as OdMeetingTimeline;
  el.setAttribute('as-of', DEMO_NOW);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  provider.append(el);
  await until(() => timelinePage(el).meetings().length > 0, 'the meetings shown');
  await el.updateComplete;
  return timelinePage(el);
}

describe('<od-meeting-timeline> edit forms, fetched only for editing', () => {
  guardConsole();

  it('a read-only timeline and one in initials-only never fetch the forms, details open or not', async () => {
    const readOnly = await timelineWith();
    await readOnly.open('mt-14');
    expect(readOnly.detailsTitle()).to.not.equal('');
    await timelineWith({ editable: '', 'initials-only': '' });
    // Anything the timelines were going to fetch has been asked for by now: modules are fetched as they are imported.
    await readOnly.el.updateComplete;
    expect(formsFetched()).to.equal(false);
  });

  it('an editable timeline fetches them after its first paint; "Record a meeting" then opens the form', async () => {
    const page = await timelineWith({ editable: '' });
    await until(formsFetched, 'the forms fetched');
    page.toolbarButton('Record a meeting').focus();
    await sendKeys({ press: 'Enter' });
    // Fetched is not yet loaded: the form opens once the forms' modules are here.
    await page.formOpened();
    expectFocused(page.el, page.detailsHeading());
    expect(page.detailsTitle()).to.equal('Record a meeting');
    await expect(page.el).to.be.accessible();
  });
});
