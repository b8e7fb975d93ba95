import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { longHistory } from '../../../test/fixtures/long-history.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { byText, shadow, until } from '../../../test/support/dom.js';
import { timelinePage } from '../../../test/support/timeline-page.js';
import { text, timeline } from './support.js';
import type { CaseStore } from '@odkit/core';
import * as stories from '../../../stories/meeting-timeline.stories.js';

describe('<od-meeting-timeline> with a long history', () => {
  guardConsole();
  const record = longHistory(1000);
  const last = [...record.meetings].sort((a, b) => Date.parse(a.start) - Date.parse(b.start)).at(-1)!;

  it('renders only the rows in view, each saying where it is in the whole list', async () => {
    const page = timelinePage(await timeline(record, { 'as-of': '2045-01-01T12:00:00+00:00', scale: 'month' }));
    const rows = page.rows();
    expect(rows.length).to.be.greaterThan(5).and.lessThan(60);
    expect(rows.every((li) => li.getAttribute('aria-setsize') === '1000')).to.equal(true);
    expect(rows[0]!.getAttribute('aria-posinset')).to.equal('1');
    expect(page.list()!.parentElement!.hasAttribute('data-virtual')).to.equal(true);
    await expect(page.el).to.be.accessible();
  });

  it('End, Home and PageDown reach any meeting with a real key press', async () => {
    const page = timelinePage(await timeline(record, { 'as-of': '2045-01-01T12:00:00+00:00', scale: 'month' }));
    const el = page.el;
    const active = () => el.shadowRoot!.activeElement as HTMLElement;
    page.meetings()[0]!.focus();
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(active() === page.meeting(last.id), 'the last meeting has focus').to.equal(true);
    expect(active().closest('li')!.getAttribute('aria-posinset')).to.equal('1000');
    expect(page.rows().length).to.be.lessThan(60);
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(active().closest('li')!.getAttribute('aria-posinset')).to.equal('1');
    await sendKeys({ press: 'PageDown' });
    await el.updateComplete;
    expect(Number(active().closest('li')!.getAttribute('aria-posinset'))).to.be.greaterThan(1);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(page.detailsOrNull()).not.to.equal(null);
  });

  it('scrolling renders the rows scrolled to', async () => {
    const page = timelinePage(await timeline(record, { 'as-of': '2045-01-01T12:00:00+00:00', scale: 'month' }));
    // The list scrolls inside its own viewport (the element around part `list`).
    const viewport = page.list()!.parentElement!;
    viewport.scrollTop = viewport.scrollHeight / 2;
    // A tab in the background (web-test-runner runs two files at once) paints no frames and may
    // deliver no scroll event: say it, and wait for the rows rather than for a frame.
    viewport.dispatchEvent(new Event('scroll'));
    const first = () => Math.min(...page.rows().map((li) => Number(li.getAttribute('aria-posinset'))));
    await until(() => first() >= 400, 'the rows scrolled to are rendered');
    await page.el.updateComplete;
    expect(first()).to.be.within(400, 520);
    // The rows rendered are the ones in view: the first visible row sits at the top of the viewport.
    const top = viewport.getBoundingClientRect().top;
    const visible = page.rows().find((li) => li.getBoundingClientRect().bottom > top + 1)!;
    expect(Math.abs(visible.getBoundingClientRect().top - top)).to.be.lessThan(visible.offsetHeight);
  });

  it('scrolling the focused meeting out of the rendered rows moves focus to a row still there, not to the page', async () => {
    const page = timelinePage(await timeline(record, { 'as-of': '2045-01-01T12:00:00+00:00', scale: 'month' }));
    const el = page.el;
    page.meetings()[0]!.focus();
    const viewport = page.list()!.parentElement!;
    viewport.scrollTop = viewport.scrollHeight / 2;
    viewport.dispatchEvent(new Event('scroll'));
    const active = () => el.shadowRoot!.activeElement as HTMLElement | null;
    await until(
      () => Number(active()?.closest('li')?.getAttribute('aria-posinset')) >= 400,
      'focus on a row scrolled to',
    );
    expect(page.meetings()).to.include(active()!);
  });

  it('the attendance matrix shows the latest 100 meetings and says so', async () => {
    const page = timelinePage(await timeline(record, { 'as-of': '2045-01-01T12:00:00+00:00', view: 'matrix' }));
    const table = page.matrixTable();
    expect(table.querySelectorAll('thead th').length).to.equal(101);
    expect(
      text(byText(shadow(page.el), 'Showing the latest 100 of 1,000 meetings. Choose dates above to see others.')),
    ).to.equal('Showing the latest 100 of 1,000 meetings. Choose dates above to see others.');
    expect([...table.querySelectorAll('thead time')].at(-1)!.getAttribute('datetime')).to.equal(last.start);
  });

  it('the long-history story dates its held meetings before its as-of date, and its planned one after', async () => {
    const story = stories.LongHistory as unknown as {
      parameters: { odkit: { store: () => CaseStore } };
      args: Record<string, unknown>;
    };
    const { record: shown } = await story.parameters.odkit.store().load();
    // The as-of date the story gives the widget (test/stories-args.test.ts checks args reach it).
    const asOf = Date.parse(String(story.args.asOf));
    expect(shown.meetings.length).to.equal(1000);
    const held = shown.meetings.filter((m) => m.status === 'held');
    expect(held.filter((m) => Date.parse(m.end ?? m.start) > asOf).map((m) => m.start)).to.deep.equal([]);
    expect(shown.meetings.filter((m) => m.status === 'planned').every((m) => Date.parse(m.start) > asOf)).to.equal(
      true,
    );
    expect(Date.parse(shown.episodes[0]!.firstContact)).to.be.lessThan(asOf);
  });
});
