import { expect, fixture, html } from '@open-wc/testing';
import { ValidationError, type CaseRecord } from '@odkit/core';
import { summariseService, type ServiceMeasures, type ServiceSummary } from '@odkit/core/service';
import '@odkit/service-dashboard/define.js';
import type { OdErrorEvent } from '@odkit/elements';
import type { OdOpenCasesEvent, OdServiceDashboard } from '@odkit/service-dashboard';
import { sendKeys } from '@web/test-runner-commands';
import { CASELOAD_TEAMS, generateCaseload } from '../../../test/fixtures/generate-caseload.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { nextEvent } from '../../../test/support/events.js';
import { deepActiveElement } from '../../../test/support/keyboard.js';
import { ratioText, ServiceDashboardPage, text, until } from './support.js';

const TIME_ZONE = 'Europe/London';
const caseload = (cases: number, seed = 7): CaseRecord[] => [
  ...generateCaseload({ cases, seed, spreadDays: 180, start: Date.UTC(2026, 0, 1) }),
];

async function dashboard(records: unknown) {
  const el = await fixture<OdServiceDashboard>(
    html`<od-service-dashboard .records=${records} time-zone=${TIME_ZONE} lang="en-GB"></od-service-dashboard>`,
  );
  const page = new ServiceDashboardPage(el);
  await until(() => !page.busy && page.shows, 'the dashboard to show its figures');
  return el;
}

/** Waits until the dashboard has finished summarising. */
const settled = (el: OdServiceDashboard) =>
  until(() => !new ServiceDashboardPage(el).busy, 'the dashboard to finish summarising');

/** The tiles' figures, as shown, for the rates a test compares. */
function expectTiles(el: OdServiceDashboard, m: ServiceMeasures) {
  const page = new ServiceDashboardPage(el);
  for (const measure of [
    'firstMeetingWithinTarget',
    'twoOrMorePractitioners',
    'withPeerWorker',
    'withNetworkMember',
    'continuity',
  ] as const) {
    expect(page.tile(measure).value, measure).to.equal(m[measure].rate === null ? 'No data' : ratioText(m[measure]));
  }
  expect(page.tile('networkGrowth').value).to.equal(ratioText(m.network.grew));
  expect(page.tile('firstMeetingWithinTarget').count).to.equal(
    `From ${m.firstMeetingWithinTarget.denominator} episodes`,
  );
}

/** Chooses `label` in a select with real key presses (the select has focus). */
async function choose(select: HTMLSelectElement, label: string) {
  select.focus();
  const target = [...select.options].findIndex((o) => o.text === label);
  expect(target, `option ${label}`).to.be.greaterThan(-1);
  const step = target > select.selectedIndex ? 'ArrowDown' : 'ArrowUp';
  for (let i = 0; i < 40 && select.selectedIndex !== target; i++) await sendKeys({ press: step });
  expect(select.selectedIndex, `${label} chosen`).to.equal(target);
}

describe('<od-service-dashboard> with records', function () {
  // Each test summarises a caseload several times and runs axe over a page of tables: more than
  // the default 10 s when two test files share a busy machine.
  this.timeout(60_000);
  guardConsole();

  it('summarises the records itself: the same figures as summariseService, months and teams to filter by', async () => {
    const records = caseload(120);
    const el = await dashboard(records);
    const page = new ServiceDashboardPage(el);
    const expected = await summariseService(records, { timeZone: TIME_ZONE });
    expect(expected.overall.episodes).to.be.greaterThan(150);
    expectTiles(el, expected.overall);
    expect(page.scope).to.equal(`120 cases, ${expected.overall.episodes} episodes of care`);
    // Every month from the first to the last first contact, a month with none included.
    const months = [...page.filter('From').options].map((o) => o.value);
    expect(months[0]).to.equal('');
    expect(months[1]).to.equal(expected.monthly[0]!.key);
    expect(months.at(-1)).to.equal(expected.monthly.at(-1)!.key);
    expect(
      months
        .slice(1)
        .every(
          (m, i, all) =>
            i === 0 || new Date(`${all[i - 1]}-15`).getUTCMonth() === (new Date(`${m}-15`).getUTCMonth() + 11) % 12,
        ),
    ).to.equal(true);
    const cohorts = new Map(expected.monthly.map((g) => [g.key, g.measures]));
    expect([...page.filter('Team').options].map((o) => o.text)).to.deep.equal([
      'All teams',
      ...[...CASELOAD_TEAMS].sort(),
    ]);
    const rows = page.trendRows('firstMeetingWithinTarget');
    expect(rows.map((r) => text(r.querySelector('td')))).to.deep.equal(
      months.slice(1).map((m) => {
        const rate = cohorts.get(m)?.firstMeetingWithinTarget;
        return rate && rate.rate !== null ? ratioText(rate) : 'No data';
      }),
    );
    await expect(el).to.be.accessible();
  });

  it('a keyboard user picks a team: the figures are that team’s, as summariseService groups them', async () => {
    const records = caseload(120);
    const el = await dashboard(records);
    const page = new ServiceDashboardPage(el);
    const grouped = await summariseService(records, { timeZone: TIME_ZONE, groupBy: 'team' });
    const team = CASELOAD_TEAMS[1];
    const changed = nextEvent(el, 'change');
    await choose(page.filter('Team'), team);
    await changed;
    expect(el.team).to.equal(team);
    await settled(el);
    const group = grouped.groups.find((g) => g.key === team)!.measures;
    expectTiles(el, group);
    expect(page.scope).to.equal(`${group.cases} cases, ${group.episodes} episodes of care`);
    // Trends follow the team here (the records are at hand): no note.
    expect(page.trendsNote).to.equal('');
    expect(deepActiveElement()).to.equal(page.filter('Team'));
    await expect(el).to.be.accessible();
  });

  it('a keyboard user picks a period; a period that ends before it starts is an error on the field, not applied', async () => {
    const records = caseload(120);
    const el = await dashboard(records);
    const page = new ServiceDashboardPage(el);
    const months = [...page.filter('From').options].map((o) => o.value).filter(Boolean);
    const [from, to] = [months[1]!, months[3]!];
    await choose(page.filter('From'), el.i18n.month(from));
    await settled(el);
    await choose(page.filter('To'), el.i18n.month(to));
    await settled(el);
    expect([el.from, el.to]).to.deep.equal([from, to]);
    const lastDay = new Date(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5)), 0)).getUTCDate();
    const expected = await summariseService(records, {
      timeZone: TIME_ZONE,
      period: { start: `${from}-01`, end: `${to}-${lastDay}` },
    });
    expectTiles(el, expected.overall);
    expect(page.scope).to.match(
      new RegExp(`episodes of care\\. From 1 ${el.i18n.month(from)} to ${lastDay} ${el.i18n.month(to)}$`),
    );
    expect(page.trendRows('firstMeetingWithinTarget')).to.have.length(3);

    // "To" before "from": said next to the field, not applied.
    let changes = 0;
    el.addEventListener('change', () => changes++);
    await choose(page.filter('To'), el.i18n.month(months[0]!));
    await el.updateComplete;
    // The error is what the field is described by, and the field is marked invalid.
    expect(page.descriptions(page.filter('To'))).to.deep.equal([
      'Error: The “from” month must be on or before the “to” month',
    ]);
    expect(page.filter('To').getAttribute('aria-invalid')).to.equal('true');
    expect(page.filter('To').value).to.equal(months[0]);
    // Arrow keys stepped through the months between: each valid one applied, the last, not.
    expect(el.to).to.equal(from);
    expect(changes).to.equal(2);
    // Stepping on to a valid month again clears the error.
    await choose(page.filter('To'), el.i18n.month(to));
    await settled(el);
    expect(page.descriptions(page.filter('To'))).to.deep.equal([]);
    expect(text(page.filtersForm)).not.to.contain('Error:');
    expect(el.to).to.equal(to);
    expectTiles(el, expected.overall);
    await expect(el).to.be.accessible();
  });

  it('the cases behind a figure: the measure with the records’ filters', async () => {
    const el = await dashboard(caseload(60));
    const page = new ServiceDashboardPage(el);
    el.team = CASELOAD_TEAMS[0];
    const months = [...page.filter('From').options].map((o) => o.value).filter(Boolean);
    el.from = months[0];
    el.to = months[2];
    await settled(el);
    const event = nextEvent(el, 'od-open-cases');
    page.tile('withPeerWorker').open.focus();
    await sendKeys({ press: 'Enter' });
    const opened: OdOpenCasesEvent = await event;
    expect(opened.measure).to.equal('withPeerWorker');
    expect(opened.filter).to.deep.equal({
      from: months[0],
      to: months[2],
      team: CASELOAD_TEAMS[0],
      month: undefined,
      instrumentId: undefined,
    });
  });

  it('an invalid record among valid ones is said and not counted; never a crash', async () => {
    const records: unknown[] = caseload(40);
    records.splice(7, 0, { ...(records[3] as object), episodes: 'not a list' });
    const el = await dashboard(records);
    const page = new ServiceDashboardPage(el);
    const expected = await summariseService(records, { timeZone: TIME_ZONE });
    expect(expected.records.skipped).to.equal(1);
    expect(page.notes).to.deep.equal(['1 record could not be read and is not counted. Check it in the case system.']);
    expectTiles(el, expected.overall);
    expect(page.alerts).to.have.length(0);
  });

  it('records that are not a list: the error state and od-error, and later filters answer in order', async () => {
    const el = await fixture<OdServiceDashboard>(
      html`<od-service-dashboard time-zone=${TIME_ZONE}></od-service-dashboard>`,
    );
    const page = new ServiceDashboardPage(el);
    const errors: Error[] = [];
    el.addEventListener('od-error', (e: OdErrorEvent) => errors.push(e.error));
    el.records = 42;
    await el.updateComplete;
    await until(() => errors.length === 1);
    expect(errors[0]).to.be.instanceOf(ValidationError);
    expect(page.firstIssue).to.equal('(root) The records given to this dashboard must be a list of case records.');
    el.records = (async function* () {
      yield* caseload(2);
    })();
    await el.updateComplete;
    expect(page.alerts).to.have.length(1);

    // Filters changed faster than the summaries come back: the last one asked for is what shows.
    const records = caseload(80);
    el.records = records;
    el.team = CASELOAD_TEAMS[0];
    await el.updateComplete;
    el.team = CASELOAD_TEAMS[2];
    await el.updateComplete;
    await settled(el);
    expect(page.alerts).to.have.length(0);
    const grouped: ServiceSummary = await summariseService(records, { timeZone: TIME_ZONE, groupBy: 'team' });
    expectTiles(el, grouped.groups.find((g) => g.key === CASELOAD_TEAMS[2])!.measures);
  });

  it('in Welsh: the months to filter by and the figures', async () => {
    const records = caseload(30);
    const el = await fixture<OdServiceDashboard>(
      html`<od-service-dashboard .records=${records} time-zone=${TIME_ZONE} lang="cy"></od-service-dashboard>`,
    );
    await settled(el);
    const page = new ServiceDashboardPage(el);
    await until(() => page.tiles.length > 0, 'the tiles');
    const options = [...page.filter('O').options].map((o) => o.text);
    expect(options[0]).to.equal('Unrhyw fis');
    expect(options[1]).to.equal('Ionawr 2026');
    // The team filter is labelled in Welsh.
    expect(page.filters('Tîm')).to.have.length(1);
    await expect(el).to.be.accessible();
  });
});
