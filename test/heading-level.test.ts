/**
 * GOV.UK and NHS.UK fit: every widget's headings fit under the host's (`heading-level`), a host
 * gives the title, a hint and the empty state in its own words (slots), and a heading level
 * that is not 1–6 is refused the kit's way (error state and od-error), never thrown.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { parseCaseRecord, type CaseRecord } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import '@odkit/elements/define.js';
import '@odkit/meeting-timeline/define.js';
import '@odkit/network-map/define.js';
import '@odkit/principles-checklist/define.js';
import '@odkit/service-dashboard/define.js';
import { serviceSummary } from './fixtures/service-summary.js';
import { guardConsole } from './support/console-guard.js';
import { allByRole, byRole, until } from './support/dom.js';
import { nextEvent } from './support/events.js';

const DEMO_NOW = '2026-06-30T12:00:00+01:00';
const levelOf = (heading: Element) => Number(heading.localName.slice(1));
/** The levels of the headings shown (a hidden one, the map's title with nothing slotted, is not). */
const levels = (el: Element) =>
  allByRole(el, 'heading')
    .filter((h) => !h.closest('[hidden]'))
    .map(levelOf);

/** Each widget as a host would write it, with `heading-level` (omitted when undefined) and light-DOM children. */
const WIDGETS = {
  'od-meeting-timeline': (level: string | undefined, children: unknown = '', record: CaseRecord = demoCase) =>
    html`<od-meeting-timeline .record=${record} as-of=${DEMO_NOW} heading-level=${level ?? ''}>${children}</od-meeting-timeline>`,
  'od-principles-checklist': (level: string | undefined, children: unknown = '') =>
    html`<od-principles-checklist heading-level=${level ?? ''}>${children}</od-principles-checklist>`,
  'od-service-dashboard': (level: string | undefined, children: unknown = '') =>
    html`<od-service-dashboard .summary=${serviceSummary()} heading-level=${level ?? ''}>${children}</od-service-dashboard>`,
  'od-network-map': (level: string | undefined, children: unknown = '') =>
    html`<od-network-map .record=${demoCase} heading-level=${level ?? ''}>${children}</od-network-map>`,
} as const;
type Tag = keyof typeof WIDGETS;

/** Mounts a widget inside a provider (a Lit root: no wait for a frame) and waits until it shows its headings. */
async function mount(tag: Tag, level?: string, children: unknown = '') {
  const provider = await fixture(
    html`<od-provider locale="en-GB" time-zone="Europe/London">${WIDGETS[tag](level, children)}</od-provider>`,
  );
  const el = provider.querySelector(tag)! as HTMLElement & { updateComplete: Promise<boolean> };
  // heading-level="" is not a level: leave it out when the test gives none.
  if (level === undefined) el.removeAttribute('heading-level');
  await el.updateComplete;
  await until(
    () => allByRole(el, 'heading').length > 0 || el.shadowRoot!.querySelector('[role=alert]'),
    `<${tag}> to render`,
  );
  return el;
}

describe('heading-level and slots on every widget', function () {
  this.timeout(30_000);
  guardConsole();

  for (const tag of Object.keys(WIDGETS) as Tag[]) {
    it(`<${tag}>: every heading moves with heading-level (title h2 by default, h4 under an h3), capped at h6; passes axe`, async () => {
      const plain = await mount(tag);
      const before = levels(plain);
      expect(before.length).to.be.greaterThan(0);
      expect(Math.min(...before)).to.equal(2);
      // One widget on the page at a time, as axe reads the page's headings as a whole.
      plain.parentElement!.remove();
      const deeper = await mount(tag, '4');
      expect(levels(deeper)).to.deep.equal(before.map((l) => Math.min(6, l + 2)));
      await expect(deeper).to.be.accessible();
      deeper.parentElement!.remove();
      const top = await mount(tag, '1');
      expect(levels(top)).to.deep.equal(before.map((l) => l - 1));
    });

    it(`<${tag}>: a heading-level that is not 1–6 is shown as an error and reported by od-error, not thrown`, async () => {
      const el = await mount(tag, '3');
      const failed = nextEvent(el, 'od-error');
      el.setAttribute('heading-level', '7');
      const error = (await failed).error;
      expect(error.message).to.equal('The heading-level attribute must be a whole number from 1 to 6');
      await el.updateComplete;
      await until(() => el.shadowRoot!.querySelector('[role=alert]'), 'the error state');
      expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('heading-level');
    });
  }

  for (const tag of ['od-meeting-timeline', 'od-principles-checklist', 'od-service-dashboard'] as const) {
    it(`<${tag}>: the host's title goes inside the widget's title heading, its hint under it; passes axe`, async () => {
      const el = await mount(
        tag,
        '3',
        html`<span slot="heading">Work with the family</span><p slot="hint">Only people the family asked to be there.</p>`,
      );
      const title = el.querySelector('[slot="heading"]')!;
      const hint = el.querySelector('[slot="hint"]')!;
      // Slotted into the title heading, at the host's level: the heading reads as the host's words.
      const heading = title.assignedSlot!.closest('h1, h2, h3, h4, h5, h6')!;
      expect(levelOf(heading)).to.equal(3);
      expect(heading.getRootNode()).to.equal(el.shadowRoot);
      expect(hint.assignedSlot).to.not.equal(null);
      expect(hint.getBoundingClientRect().height).to.be.greaterThan(0);
      expect(hint.getBoundingClientRect().top).to.be.greaterThan(title.getBoundingClientRect().top);
      await expect(el).to.be.accessible();
    });
  }

  it('<od-network-map>: a slotted title is shown at heading-level and the panel’s title goes one under it', async () => {
    const plain = await mount('od-network-map', '3');
    expect(levels(plain)).to.deep.equal([3]);
    plain.parentElement!.remove();
    const titled = await mount('od-network-map', '3', html`<span slot="heading">Sam’s network</span>`);
    await until(() => levels(titled).length === 2, 'the slotted title to be shown');
    const title = titled.querySelector('[slot="heading"]')!;
    expect(levelOf(title.assignedSlot!.closest('h1, h2, h3, h4, h5, h6')!)).to.equal(3);
    expect(levels(titled)).to.deep.equal([3, 4]);
    await expect(titled).to.be.accessible();
  });

  it('the empty state in the host’s words: a timeline with no meetings, a map with no members', async () => {
    const empty = parseCaseRecord({ ...demoCase, members: [], ties: [], meetings: [], assessments: [] });
    const provider = await fixture(html`<od-provider locale="en-GB" time-zone="Europe/London">
      ${WIDGETS['od-meeting-timeline']('2', html`<p slot="empty">No meetings yet: book the first within 24 hours.</p>`, empty)}
      <od-network-map .record=${empty}><p slot="empty">Ask who matters to the person.</p></od-network-map>
    </od-provider>`);
    for (const el of provider.querySelectorAll<HTMLElement & { updateComplete: Promise<boolean> }>(
      'od-meeting-timeline, od-network-map',
    )) {
      await el.updateComplete;
      const words = el.querySelector('[slot="empty"]')!;
      await until(() => words.assignedSlot, `<${el.localName}>'s empty state`);
      expect(words.getBoundingClientRect().height).to.be.greaterThan(0);
      await expect(el).to.be.accessible();
    }
  });

  it('the timeline’s form headings and error summary follow it: an h4 form title under heading-level 3', async () => {
    const el = await mount('od-meeting-timeline', '3');
    el.setAttribute('editable', '');
    await el.updateComplete;
    byRole(el, 'button', 'Record a meeting').click();
    await el.updateComplete;
    expect(levelOf(byRole(el, 'heading', 'Record a meeting'))).to.equal(4);
  });
});
