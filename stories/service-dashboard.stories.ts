import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { MeasureGoals, TrendView } from '@odkit/service-dashboard';
import '@odkit/service-dashboard/define.js';
import { html, nothing } from 'lit';
import { generateCaseload } from '../test/fixtures/generate-caseload.js';
import { serviceSummary, TEAMS } from '../test/fixtures/service-summary.js';

/**
 * `<od-service-dashboard>`: a service's measures across many cases, for a service manager,
 * a commissioner or an evaluator. Each tile gives a measure with its target and what it
 * counts; each monthly trend is a chart with its table; the filters choose a team (and,
 * with records, a period). "Open the cases" fires `od-open-cases` for the host to list them
 * (see the Actions panel). Use the toolbar for GOV.UK / NHS.UK, dark mode and Welsh.
 */
interface DashboardArgs {
  summary?: unknown;
  records?: unknown;
  goals?: MeasureGoals;
  team?: string;
  from?: string;
  to?: string;
  trendView: TrendView;
}

const meta: Meta<DashboardArgs> = {
  title: 'Widgets/Service dashboard',
  component: 'od-service-dashboard',
  // A service dashboard brings its own data: no case store around it.
  parameters: { odkit: { store: false }, actions: { handles: ['od-open-cases', 'change', 'od-error'] } },
  args: { summary: serviceSummary(), trendView: 'both' },
  argTypes: {
    trendView: { control: 'inline-radio', options: ['both', 'chart', 'table'] },
    team: { control: 'select', options: [undefined, TEAMS.north, TEAMS.south] },
  },
  render: (args) => html`<od-service-dashboard
    .summary=${args.summary}
    .records=${args.records}
    .goals=${args.goals}
    team=${args.team ?? nothing}
    from=${args.from ?? nothing}
    to=${args.to ?? nothing}
    trend-view=${args.trendView}
  ></od-service-dashboard>`,
};
export default meta;
type Story = StoryObj<DashboardArgs>;

/**
 * Two teams over six months, from a summary worked out elsewhere (`summariseService(records, { groupBy: 'team' })`).
 */
export const Service: Story = {};

/** The service's own goals for its rates: each tile says whether it is met, in words and a symbol. */
export const WithGoals: Story = {
  args: {
    goals: { firstMeetingWithinTarget: 0.8, twoOrMorePractitioners: 0.75, withPeerWorker: 0.5, continuity: 0.9 },
  },
};

/**
 * One team's tiles; the trends stay the whole service's (a summary has monthly figures for the service only) and say
 * so.
 */
export const OneTeam: Story = {
  args: { team: TEAMS.south },
};

/** Tables only: every trend as its table. */
export const Tables: Story = {
  args: { trendView: 'table' },
};

/** Charts only: each chart is then an image named with its first and last month. */
export const Charts: Story = {
  args: { trendView: 'chart' },
};

/**
 * From 150 generated case records: the dashboard summarises them itself, and again for every
 * filter, so the period can be chosen too.
 */
export const FromRecords: Story = {
  args: {
    summary: undefined,
    records: [...generateCaseload({ cases: 150, seed: 3, start: Date.UTC(2026, 0, 1), spreadDays: 150 })],
  },
};

/** Welsh: every string, month and number. */
export const Welsh: Story = {
  globals: { locale: 'cy' },
  args: { goals: { firstMeetingWithinTarget: 0.8 } },
};

/** NHS.UK look, dark. */
export const NhsDark: Story = {
  globals: { theme: 'nhs', scheme: 'dark' },
};

/** GOV.UK look. */
export const Govuk: Story = {
  globals: { theme: 'govuk' },
  args: { goals: { firstMeetingWithinTarget: 0.8 } },
};

/** No episodes yet: said plainly. */
export const Empty: Story = {
  args: { summary: undefined },
};

/** A summary that is not one: the error state names each problem and where; nothing is thrown into the page. */
export const BadSummary: Story = {
  args: { summary: { records: { read: 3, valid: 3, skipped: -1 }, overall: {} } },
};
