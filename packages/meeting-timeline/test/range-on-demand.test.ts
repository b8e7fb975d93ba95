/**
 * The date filter's form (internal/range-form.ts, with the elements' date input) is fetched the first time a
 * person opens it, not with the timeline: a file of its own, so this test page must not have fetched it before.
 */
import { expect } from '@open-wc/testing';
import { demoCase } from '@odkit/core/demo';
import { sendKeys } from '@web/test-runner-commands';
import { guardConsole } from '../../../test/support/console-guard.js';
import { expectFocused } from '../../../test/support/keyboard.js';
import { fetchedAny } from '../../../test/support/modules-fetched.js';
import { timelinePage } from '../../../test/support/timeline-page.js';
import { timeline } from './support.js';

const rangeFormFetched = () => fetchedAny(['meeting-timeline/src/internal/range-form']);

describe('<od-meeting-timeline> date filter, fetched when first opened', () => {
  guardConsole();

  it('a timeline, editable or not, paints without the form; "Choose dates" then fetches it and opens it', async () => {
    const editable = await timeline(demoCase);
    editable.editable = true;
    await editable.updateComplete;
    const page = timelinePage(await timeline(demoCase));
    await page.el.updateComplete;
    // Anything the timelines were going to fetch has been asked for by now (the module graph is fetched as imported).
    expect(rangeFormFetched()).to.equal(false);
    const toggle = page.toolbarButton('Choose dates');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    // The render waits for the form's file (up to 3 s), so the form is open once this update is done.
    await page.el.updateComplete;
    expect(rangeFormFetched()).to.equal(true);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expectFocused(page.el, page.dateInput('From').day);
    await expect(page.el).to.be.accessible();
  });
});
