import { expect, fixture, html } from '@open-wc/testing';
import { ValidationError } from '@odkit/core';
import type { ServiceSummary } from '@odkit/core/service';
import '@odkit/elements/define.js';
import '@odkit/service-dashboard/define.js';
import type { OdErrorEvent } from '@odkit/elements';
import { dashboardStrings, OdOpenCasesEvent, type OdServiceDashboard } from '@odkit/service-dashboard';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { HOSTILE_TEXT, pwned } from '../../../test/fixtures/index.js';
import { serviceSummary, TEAMS } from '../../../test/fixtures/service-summary.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { nextEvent } from '../../../test/support/events.js';
import { deepActiveElement, focusNothing, tabUntil } from '../../../test/support/keyboard.js';
import { nameOf, roleOf } from '../../../test/support/dom.js';
import { ratioText, ServiceDashboardPage, text, until } from './support.js';

async function dashboard(summary: unknown = serviceSummary(), attrs: { lang?: string; view?: string } = {}) {
  const el = await fixture<OdServiceDashboard>(html`<od-service-dashboard
    .summary=${summary}
    lang=${attrs.lang ?? 'en-GB'}
    trend-view=${attrs.view ?? 'both'}
  ></od-service-dashboard>`);
  await el.updateComplete;
  return { el, page: new ServiceDashboardPage(el) };
}

describe('<od-service-dashboard> with a summary', () => {
  guardConsole();

  it('shows each measure with its target and what it counts, not only a percentage', async () => {
    const summary = serviceSummary();
    const { el, page } = await dashboard(summary);
    const overall = summary.overall;
    expect(page.scope).to.equal('39 cases, 39 episodes of care. From 1 January 2026 to 30 June 2026');
    const first = page.tile('firstMeetingWithinTarget');
    expect(first.name).to.equal('First meeting within 24 hours');
    expect(first.target).to.equal('Target: a first network meeting within 24 hours of first contact.');
    expect(first.value).to.equal(ratioText(overall.firstMeetingWithinTarget));
    expect(first.value).to.equal('79% (31 of 39)');
    expect(first.count).to.equal('From 39 episodes');
    // Times: the median and the middle half, as durations.
    const time = page.tile('timeToFirstMeeting');
    expect(time.value).to.equal('Median 13 hours');
    expect(time.spread).to.equal('Middle half between 7 hours, 30 minutes and 20 hours, 30 minutes');
    expect(page.tile('twoOrMorePractitioners').value).to.equal(ratioText(overall.twoOrMorePractitioners));
    expect(page.tile('twoOrMorePractitioners').count).to.equal(`From ${overall.meetings.held} meetings`);
    expect(page.tile('fidelity').name).to.equal('Fidelity score: The seven principles of Open Dialogue');
    expect(page.tile('fidelity').count).to.equal('From 13 assessments');
    // The record that could not be read is said, not silently dropped.
    expect(page.notes).to.deep.equal(['1 record could not be read and is not counted. Check it in the case system.']);
    await expect(el).to.be.accessible();
  });

  it('a goal is met or missed in words and a symbol, never colour alone', async () => {
    const { el, page } = await dashboard();
    el.goals = { firstMeetingWithinTarget: 0.8, twoOrMorePractitioners: 0.75 };
    await el.updateComplete;
    expect(text(page.tile('firstMeetingWithinTarget').goal)).to.equal(
      'Goal: 80% or more ✗ Below goal by 1 percentage point',
    );
    expect(text(page.tile('twoOrMorePractitioners').goal)).to.equal('Goal: 75% or more ✓ Goal met');
    // No goal set: no goal line at all (target, figure, count).
    const noGoal = page.tile('withPeerWorker');
    expect(noGoal.goal).to.equal(null);
    expect(noGoal.lines).to.have.length(3);
    expect(noGoal.lines.filter((l) => l.startsWith('Goal'))).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('monthly trends: a chart and its table for each measure, months with no episodes shown as such', async () => {
    const summary = serviceSummary();
    const { el, page } = await dashboard(summary);
    const trend = page.trend('firstMeetingWithinTarget');
    const svg = page.chart('firstMeetingWithinTarget')!;
    expect(svg.getAttribute('aria-hidden')).to.equal('true');
    // One bar per month.
    expect(svg.querySelectorAll('rect')).to.have.length(6);
    expect(text(trend.querySelector('caption'))).to.equal('“First meeting within 24 hours” by month of first contact');
    const rows = [...trend.querySelectorAll('tbody tr')];
    expect(rows.map((r) => text(r.querySelector('th')))).to.deep.equal([
      'January 2026',
      'February 2026',
      'March 2026',
      'April 2026',
      'May 2026',
      'June 2026',
    ]);
    expect(rows.map((r) => text(r.querySelector('td')))).to.deep.equal(
      summary.monthly.map((m) => ratioText(m.measures.firstMeetingWithinTarget)),
    );
    // Fidelity is by month of the assessed meeting; June had no assessment.
    const fidelity = page.trend('fidelity');
    expect(text(fidelity.querySelector('caption'))).to.equal(
      '“Fidelity score: The seven principles of Open Dialogue” by month of the assessed meeting',
    );
    expect(fidelity.querySelectorAll('tbody tr')).to.have.length(5);
    // No inline style anywhere (strict CSP): geometry is in SVG attributes.
    expect(el.shadowRoot!.querySelectorAll('[style]')).to.have.length(0);
  });

  describe('the trend view switch', () => {
    /** Tabs to the switch's checked radio, "Chart and table", with real key presses. */
    async function focusSwitch() {
      focusNothing();
      return tabUntil((e) => roleOf(e) === 'radio' && nameOf(e) === 'Chart and table', {
        max: 60,
        what: 'the trend view switch',
      });
    }

    it('starts on "Chart and table"', async () => {
      await dashboard();
      const radio = await focusSwitch();
      expect(radio.matches(':checked')).to.equal(true);
    });

    it('ArrowRight shows the charts alone, each an image named with its first and last months', async () => {
      const { el, page } = await dashboard();
      await focusSwitch();
      await sendKeys({ press: 'ArrowRight' });
      await until(() => el.trendView === 'chart', 'the chart view');
      await el.updateComplete;
      expect(page.tables).to.have.length(0);
      const chart = page.chart('firstMeetingWithinTarget')!;
      expect(chart.getAttribute('role')).to.equal('img');
      expect(chart.getAttribute('aria-label')).to.equal(
        '“First meeting within 24 hours” by month, from January 2026 (63% (5 of 8)) to June 2026 (75% (3 of 4))',
      );
      await expect(el).to.be.accessible();
    });

    it('a second ArrowRight shows the tables alone, reflected in trend-view, focus staying on the switch', async () => {
      const { el, page } = await dashboard();
      await focusSwitch();
      await sendKeys({ press: 'ArrowRight' });
      await until(() => el.trendView === 'chart', 'the chart view');
      await sendKeys({ press: 'ArrowRight' });
      await until(() => el.trendView === 'table', 'the table view');
      await el.updateComplete;
      expect(page.charts).to.have.length(0);
      expect(el.getAttribute('trend-view')).to.equal('table');
      const focused = deepActiveElement()!;
      expect(roleOf(focused)).to.equal('radio');
      expect(nameOf(focused)).to.equal('Table');
      await expect(el).to.be.accessible();
    });
  });

  it('a keyboard user filters by team: the team’s tiles, the change event, and a note that trends are the service’s', async () => {
    const summary = serviceSummary();
    const { el, page } = await dashboard(summary);
    const changed = nextEvent(el, 'change');
    focusNothing();
    const select = await tabUntil((e) => e === page.filter('Team'), { what: 'the team filter' });
    expect([...(select as HTMLSelectElement).options].map((o) => o.text)).to.deep.equal([
      'All teams',
      TEAMS.north,
      TEAMS.south,
    ]);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await changed;
    expect(el.team).to.equal(TEAMS.south);
    await el.updateComplete;
    const south = summary.groups[1]!.measures;
    expect(page.tile('firstMeetingWithinTarget').value).to.equal(ratioText(south.firstMeetingWithinTarget));
    expect(page.scope).to.match(/^14 cases, 14 episodes of care/);
    expect(page.trendsNote).to.equal(
      'Monthly trends are for all teams: the summary given has no monthly figures for one team.',
    );
    // No period filter for a summary: its period is fixed where it was worked out.
    expect(page.filters('From')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  describe('opening the cases behind a figure', () => {
    it('a tile’s button, by keyboard, asks the host with the measure and the filters (od-open-cases)', async () => {
      const { el, page } = await dashboard();
      el.team = TEAMS.north;
      await el.updateComplete;
      focusNothing();
      const open = await tabUntil((e) => e === page.tile('firstMeetingWithinTarget').open, {
        what: 'the first tile’s button',
      });
      expect(open.getAttribute('aria-label')).to.equal('Open the cases behind “First meeting within 24 hours”');
      const event = nextEvent(el, 'od-open-cases');
      await sendKeys({ press: 'Enter' });
      const opened = await event;
      expect(opened).to.be.instanceOf(OdOpenCasesEvent);
      expect(opened.measure).to.equal('firstMeetingWithinTarget');
      expect(opened.filter).to.deep.equal({
        from: '2026-01',
        to: '2026-06',
        team: TEAMS.north,
        month: undefined,
        instrumentId: undefined,
      });
      expect(opened.composed && opened.bubbles).to.equal(true);
    });

    it('a month’s button in a trend table, by keyboard, asks for that month', async () => {
      const { el, page } = await dashboard();
      el.team = TEAMS.north;
      await el.updateComplete;
      // After the first tile's button, as a keyboard user goes on from there.
      page.tile('firstMeetingWithinTarget').open.focus();
      const row = await tabUntil((e) => e === page.monthButton('firstMeetingWithinTarget', 'March 2026'), {
        max: 80,
        what: 'March’s button',
      });
      expect(text(row)).to.equal('Open the cases for March 2026');
      const event = nextEvent(el, 'od-open-cases');
      await sendKeys({ press: 'Space' });
      const opened = await event;
      expect(opened.filter.month).to.equal('2026-03');
    });

    it('fidelity by month (across the service) names the instrument', async () => {
      // This summary's team groups have no monthly scores: the fidelity trend is the service's.
      const { el, page } = await dashboard();
      const event = nextEvent(el, 'od-open-cases');
      page.monthButton('fidelity', 'January 2026').click();
      const opened = await event;
      expect(opened.measure).to.equal('fidelity');
      expect(opened.filter.instrumentId).to.equal('od-seven-principles');
    });
  });

  it('in Welsh: every string, months and numbers', async () => {
    expect(Object.keys(dashboardStrings.cy).sort()).to.deep.equal(Object.keys(dashboardStrings['en-GB']).sort());
    const { el, page } = await dashboard(serviceSummary(), { lang: 'cy' });
    expect(page.title).to.equal('Mesurau’r gwasanaeth');
    expect(page.scope).to.equal('39 achos, 39 cyfnod gofal. O 1 Ionawr 2026 i 30 Mehefin 2026');
    const first = page.tile('firstMeetingWithinTarget');
    expect(first.name).to.equal('Y cyfarfod cyntaf o fewn 24 awr');
    expect(first.value).to.equal('79% (31 o 39)');
    expect(page.tile('timeToFirstMeeting').value).to.equal('Canolrif 13 awr');
    expect(text(page.trend('firstMeetingWithinTarget').querySelector('tbody th'))).to.equal('Ionawr 2026');
    expect(page.filter('Tîm').options[0]!.text).to.equal('Pob tîm');
    // Nothing English left on the page (the team names are the host's data).
    const english = (Object.values(dashboardStrings['en-GB']) as unknown[]).filter(
      (m): m is string => typeof m === 'string' && m.length > 12 && !m.includes('{'),
    );
    const shown = text(el.shadowRoot);
    expect(english.filter((m) => shown.includes(m))).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  for (const [theme, scheme] of [
    ['govuk', 'light'],
    ['nhs', 'dark'],
    ['default', 'dark'],
  ] as const) {
    it(`is accessible in the ${theme} theme, ${scheme}, with a goal missed and an error shown`, async () => {
      const provider = await fixture(html`<od-provider theme=${theme} color-scheme=${scheme}>
        <od-service-dashboard .summary=${serviceSummary()} .goals=${{ firstMeetingWithinTarget: 0.9 }}></od-service-dashboard>
      </od-provider>`);
      const el = provider.querySelector('od-service-dashboard')!;
      await el.updateComplete;
      el.summary = { broken: true };
      await el.updateComplete;
      const page = new ServiceDashboardPage(el);
      expect(page.alerts).to.have.length(1);
      expect(page.tiles).to.have.length.greaterThan(8);
      await expect(el).to.be.accessible();
    });
  }

  it('in forced colours the bars, goals and buttons keep their meaning', async () => {
    await emulateMedia({ forcedColors: 'active' });
    try {
      const { el, page } = await dashboard();
      el.goals = { firstMeetingWithinTarget: 0.9 };
      await el.updateComplete;
      const bar = page.chart('firstMeetingWithinTarget')!.querySelector('rect')!;
      expect(getComputedStyle(bar).fill).to.not.equal('none');
      const goal = page.tile('firstMeetingWithinTarget').goal!;
      expect(getComputedStyle(goal).borderInlineStartStyle).to.equal('solid');
      expect(text(goal.querySelector('strong'))).to.equal('✗ Below goal by 11 percentage points');
      await expect(el).to.be.accessible();
    } finally {
      await emulateMedia({ forcedColors: 'none' });
    }
  });

  describe('empty and error states', () => {
    const EMPTY = 'No episodes of care match these filters, so there is nothing to measure yet.';

    /** Collects the od-error events `el` fires. */
    function errorsOf(el: OdServiceDashboard): Error[] {
      const errors: Error[] = [];
      el.addEventListener('od-error', (e: OdErrorEvent) => errors.push(e.error));
      return errors;
    }

    it('no episodes in the summary is said plainly, with no tiles', async () => {
      const summary = serviceSummary();
      const empty: ServiceSummary = {
        ...summary,
        records: { read: 0, valid: 0, skipped: 0 },
        overall: { ...summary.overall, cases: 0, episodes: 0 },
        groups: [],
        monthly: [],
        skipped: [],
      };
      const { el, page } = await dashboard(empty);
      // Said plainly, and nothing else: no note of records not read.
      expect(page.notes).to.deep.equal([EMPTY]);
      expect(page.tiles).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('no summary at all yet is said the same way', async () => {
      const none = await fixture<OdServiceDashboard>(html`<od-service-dashboard></od-service-dashboard>`);
      expect(new ServiceDashboardPage(none).notes).to.deep.equal([EMPTY]);
      await expect(none).to.be.accessible();
    });

    it('a bad summary shows the error state naming each issue and fires od-error, keeping the last good figures', async () => {
      const { el, page } = await dashboard();
      const errors = errorsOf(el);
      const broken = serviceSummary() as unknown as { overall: Record<string, unknown>; monthly: unknown[] };
      broken.overall.firstMeetingWithinTarget = { numerator: 50, denominator: 39, rate: 1.28 };
      broken.monthly[2] = { key: 'March', measures: {} };
      el.summary = broken;
      await el.updateComplete;
      await until(() => errors.length === 1, 'od-error');
      expect(errors[0]).to.be.instanceOf(ValidationError);
      expect(page.alertTitle).to.equal('This information cannot be shown');
      const issues = [...page.alert.querySelectorAll('li')].map(text);
      expect(issues[0]).to.equal('overall.firstMeetingWithinTarget.numerator must not be more than the denominator');
      expect(issues).to.include('monthly[2].key must be a month (YYYY-MM)');
      // The last good render stays below the alert.
      expect(page.tile('firstMeetingWithinTarget').value).to.equal('79% (31 of 39)');
      await expect(el).to.be.accessible();
    });

    it('anything that is not a summary shows one error state and fires od-error; never throws', async () => {
      const { el, page } = await dashboard();
      const errors = errorsOf(el);
      for (const bad of [
        'a string',
        42,
        [],
        { records: null },
        new Proxy(
          {},
          {
            get: () => {
              throw new Error('trap');
            },
          },
        ),
      ]) {
        el.summary = bad;
        await el.updateComplete;
        expect(page.alerts).to.have.length(1);
      }
      await until(() => errors.length >= 3, 'od-error for the bad summaries');
      expect(errors.every((e) => e instanceof Error)).to.equal(true);
    });

    it('a good summary after a bad one takes the error state away', async () => {
      const { el, page } = await dashboard();
      const errors = errorsOf(el);
      el.summary = 42;
      await el.updateComplete;
      await until(() => errors.length === 1, 'od-error');
      expect(page.alerts).to.have.length(1);
      el.summary = serviceSummary();
      await el.updateComplete;
      expect(page.alerts).to.have.length(0);
    });

    it('a bad month is reported the same way', async () => {
      const { el, page } = await dashboard();
      const errors = errorsOf(el);
      el.setAttribute('from', '2026-13');
      await el.updateComplete;
      await until(() => errors.length === 1, 'od-error');
      expect(page.firstIssue).to.equal('from must be a month (YYYY-MM)');
    });

    it('a goal that is not a share is reported the same way', async () => {
      const { el, page } = await dashboard();
      const errors = errorsOf(el);
      el.goals = { firstMeetingWithinTarget: 80 };
      await el.updateComplete;
      await until(() => errors.length === 1, 'od-error');
      expect(page.firstIssue).to.equal('goals.firstMeetingWithinTarget must be a share from 0 to 1');
    });

    it('an unknown trend view is reported, and the trends still render, as both', async () => {
      const { el, page } = await dashboard();
      const errors = errorsOf(el);
      el.setAttribute('trend-view', 'pie');
      await el.updateComplete;
      await until(() => errors.length === 1, 'od-error');
      expect(page.charts.length).to.be.greaterThan(0);
      expect(page.tables.length).to.be.greaterThan(0);
    });

    it('a team the summary does not have shows the empty state, the filter keeping the summary’s teams', async () => {
      const { el, page } = await dashboard();
      el.team = 'West Kent team';
      await el.updateComplete;
      expect(page.notes).to.include(EMPTY);
      expect(page.tiles).to.have.length(0);
      expect([...page.filter('Team').options].map((o) => o.text)).to.deep.equal([
        'All teams',
        TEAMS.north,
        TEAMS.south,
      ]);
      await expect(el).to.be.accessible();
    });

    it('a team for a summary not grouped by team is an error', async () => {
      const { el, page } = await dashboard();
      const errors = errorsOf(el);
      el.team = TEAMS.north;
      el.summary = { ...serviceSummary(), groupBy: null, groups: [] };
      await el.updateComplete;
      await until(() => errors.length === 1, 'od-error');
      expect(page.firstIssue).to.equal('team needs a summary grouped by team (summariseService with groupBy: "team")');
    });
  });

  it('team names are the host’s text: shown as text, never markup', async () => {
    const summary = serviceSummary();
    const hostile: ServiceSummary = {
      ...summary,
      groups: [{ key: HOSTILE_TEXT, measures: summary.groups[0]!.measures }],
    };
    const { el, page } = await dashboard(hostile);
    expect([...page.filter('Team').options].map((o) => o.text)).to.deep.equal(['All teams', HOSTILE_TEXT]);
    el.team = HOSTILE_TEXT;
    await el.updateComplete;
    expect(page.tile('firstMeetingWithinTarget').value).to.equal(
      ratioText(summary.groups[0]!.measures.firstMeetingWithinTarget),
    );
    expect(el.shadowRoot!.querySelectorAll('img, script')).to.have.length(0);
    expect(pwned()).to.equal(false);
  });
});
