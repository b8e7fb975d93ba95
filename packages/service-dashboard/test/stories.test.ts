/**
 * Every dashboard story renders as Storybook shows it (its args through the story's render,
 * inside an <od-provider> with the story's toolbar globals), says what it should, and is
 * axe-clean: the stories are the designers' view of the same fixtures the tests use.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '@odkit/elements/define.js';
import type { OdServiceDashboard } from '@odkit/service-dashboard';
import type { TemplateResult } from 'lit';
import meta, * as stories from '../../../stories/service-dashboard.stories.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { ServiceDashboardPage, text, until } from './support.js';

interface Story {
  args?: Record<string, unknown>;
  globals?: { locale?: string; theme?: string; scheme?: string };
}

const page = (el: OdServiceDashboard) => new ServiceDashboardPage(el);

const expected: Record<string, (el: OdServiceDashboard) => void> = {
  Service: (el) => expect(page(el).tiles[0]!.value).to.equal('79% (31 of 39)'),
  WithGoals: (el) =>
    expect(
      text(
        page(el)
          .tiles.find((t) => t.goal)!
          .goal!.querySelector('strong'),
      ),
    ).to.equal('✗ Below goal by 1 percentage point'),
  OneTeam: (el) => expect(page(el).trendsNote).to.match(/^Monthly trends are for all teams/),
  Tables: (el) => expect(page(el).charts).to.have.length(0),
  Charts: (el) => expect(page(el).tables).to.have.length(0),
  FromRecords: (el) => expect(page(el).filters('From')).to.have.length(1),
  Welsh: (el) => expect(page(el).title).to.equal('Mesurau’r gwasanaeth'),
  NhsDark: (el) => expect(getComputedStyle(el).getPropertyValue('--od-sys-color-primary').trim()).to.equal('#8ec5ff'),
  Govuk: (el) => expect(getComputedStyle(el).getPropertyValue('--od-sys-color-primary').trim()).to.equal('#1d70b8'),
  Empty: (el) => expect(page(el).notes[0]).to.match(/^No episodes of care/),
  BadSummary: (el) => expect(page(el).alertTitle).to.equal('This information cannot be shown'),
};

describe('service dashboard stories', function () {
  this.timeout(60_000);
  guardConsole();

  it('every story is tested here', () => {
    expect(
      Object.keys(stories)
        .filter((k) => k !== 'default')
        .sort(),
    ).to.deep.equal(Object.keys(expected).sort());
  });

  for (const [name, check] of Object.entries(expected)) {
    it(`${name} renders, says what it should and is accessible`, async () => {
      const story = (stories as unknown as Record<string, Story>)[name]!;
      const g = story.globals ?? {};
      const args = { ...meta.args, ...story.args };
      const render = meta.render as unknown as (a: typeof args) => TemplateResult;
      const provider =
        await fixture(html`<od-provider theme=${g.theme ?? 'default'} color-scheme=${g.scheme ?? 'light'} locale=${g.locale ?? 'en-GB'}
        >${render(args)}</od-provider
      >`);
      const el = provider.querySelector('od-service-dashboard')!;
      if (name === 'BadSummary') el.addEventListener('od-error', (e) => e.stopPropagation());
      await until(() => page(el).shows, `the ${name} story to show`, 20_000);
      check(el);
      await expect(el).to.be.accessible();
    });
  }
});
