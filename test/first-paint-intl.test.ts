/**
 * The first paint of each widget, in English and the kit's default time zone
 * (Europe/London), builds no Intl formatter: in Chromium the first Intl.DateTimeFormat or
 * NumberFormat on a page costs 15–50 ms while ICU's data loads (issue 15's cold page). Dates,
 * times, numbers, plurals and the London wall clock are written as code (elements'
 * i18n/rules.ts, held to Intl by rules.test.ts). This file runs in a page of its own, and
 * counts from before any kit module runs.
 */
import { intlBuilt } from './support/count-intl.js';
import { expect, fixture, html } from '@open-wc/testing';
import { MemoryStore } from '@odkit/core';
import { demoCase as sharedDemo } from '@odkit/core/demo';
import type { OdProvider } from '@odkit/elements';
import '@odkit/elements/define.js';
import '@odkit/meeting-timeline/define.js';
import '@odkit/network-map/define.js';
import '@odkit/principles-checklist/define.js';
import { DEMO_NOW } from './fixtures/index.js';
import { guardConsole } from './support/console-guard.js';
import { forgetDrafts, ownCase } from './support/own-case.js';

const demoCase = ownCase(sharedDemo);
beforeEach(() => forgetDrafts(demoCase.id));

describe('first paint without Intl (English, Europe/London)', () => {
  guardConsole();

  it('the map, the timeline (with the measures) and the checklist paint the demo case with no Intl formatter built', async () => {
    expect(intlBuilt, 'nothing built before the widgets').to.deep.equal([]);
    const provider = await fixture<OdProvider>(html`<od-provider .store=${new MemoryStore(demoCase)}>
      <od-network-map sectors></od-network-map>
      <od-meeting-timeline as-of=${DEMO_NOW} show-measures></od-meeting-timeline>
      <od-principles-checklist meeting-id="mt-01"></od-principles-checklist>
    </od-provider>`);
    const widgets = [...provider.querySelectorAll('od-network-map, od-meeting-timeline, od-principles-checklist')];
    await Promise.all(widgets.map((w) => (w as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete));
    // Each painted the case: names, meeting times and the instrument's items are on screen.
    const text = widgets.map((w) => w.shadowRoot!.textContent!.replace(/\s+/g, ' '));
    expect(text[0]).to.contain('Sarah Lewis');
    expect(text[1]).to.match(/\d{1,2} [A-Z][a-z]{2,3} 2026, \d{2}:\d{2}/);
    expect(text[2]!.length).to.be.greaterThan(200);
    expect(intlBuilt).to.deep.equal([]);
  });
});
