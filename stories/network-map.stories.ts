import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { MemoryStore, parseCaseRecord, type CaseRecord } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import '@odkit/network-map/define.js';
import { html } from 'lit';
import { datedDemoCase, generateCase, HOSTILE_TEXT } from '../test/fixtures/index.js';
import { mapArgTypes, renderWidget, onlyThese } from './support/controls.js';

/**
 * `<od-network-map>` shows the person's network as an ecomap: the person at the
 * centre, three closeness rings, members by life-domain sector, ties in ecomap
 * line styles. Tab to the map, then use the arrow keys, Home, Enter and Escape;
 * `+`/`-` zoom. "View as table" shows the same network as a table.
 */
const meta: Meta = {
  title: 'Widgets/Network map',
  component: 'od-network-map',
  tags: ['autodocs'],
  argTypes: mapArgTypes,
  parameters: onlyThese(mapArgTypes),
  args: {
    headingLevel: 2,
    sectors: false,
    editable: false,
    view: 'map',
    asOf: '',
    audience: '',
    initialsOnly: false,
    locale: '',
    strings: {},
  },
  render: (args) => renderWidget('od-network-map', mapArgTypes, args),
};
export default meta;

type Story = StoryObj;

const empty: CaseRecord = { ...demoCase, id: 'case-empty', members: [], ties: [], meetings: [], assessments: [] };
const large = generateCase({ members: 200, meetings: 20, seed: 3 });
const hostile = HOSTILE_TEXT;

/** The demo case from the story's store; sectors on. */
export const DemoCase: Story = {
  args: { sectors: true },
};

/** Without sectors: members by closeness ring only. */
export const SectorsOff: Story = {
  args: {},
};

/** Nobody recorded yet. */
export const EmptyNetwork: Story = {
  parameters: { odkit: { store: () => new MemoryStore(empty) } },
  args: { sectors: true, editable: true },
};

/**
 * 200 members: the names that fit are drawn (never on a node, another name or a tie); the rest are named when a member
 * is focused or selected, in the details panel and in the table; zoom with + and −.
 */
export const LargeNetwork: Story = {
  parameters: { odkit: { store: () => new MemoryStore(large) } },
  args: { sectors: true },
};

/**
 * On a 320 px phone: text stays at 12 px or more and members' targets 24 px apart, so the map is shown larger than
 * the screen and pans (drag, or Control or Alt with an arrow key); the focused member is kept in view.
 */
export const Phone: Story = {
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  args: { sectors: true },
};

/** Add, edit, move and remove members and ties; every edit goes through the store. */
export const Editable: Story = {
  args: { sectors: true, editable: true },
};

/** The Tracy–Whittaker grid: the same network as a table. */
export const TableView: Story = {
  args: { view: 'table' },
};

/** As it was on 1 December 2025, for the "network" audience (a member hidden from it is left out), initials only. */
export const AsOfAudienceInitials: Story = {
  args: { sectors: true, asOf: '2025-12-01', audience: 'network', initialsOnly: true },
};

/**
 * The network over time: Previous meeting and Next meeting in the toolbar step from the network at the first
 * meeting to now, without changing `as-of`; Dad's ring, sector and status and the tie with him change as they were
 * dated, and a line says what changed since the first meeting. The map is not editable while an earlier day is shown.
 */
export const NetworkOverTime: Story = {
  parameters: { odkit: { store: () => new MemoryStore(datedDemoCase()) } },
  args: { sectors: true, editable: true },
};

/**
 * GOV.UK preset (also try it from the toolbar), under the page's own h2: `heading-level="3"` puts the
 * details panel's title under it.
 */
export const GovUk: Story = {
  name: 'GOV.UK',
  globals: { theme: 'govuk' },
  args: { sectors: true, headingLevel: 3 },
  render: (args) => html`<h2>Maya’s network</h2>
    ${renderWidget('od-network-map', mapArgTypes, args)}`,
};

/** NHS.UK preset, under the page's own h2. */
export const Nhs: Story = {
  name: 'NHS.UK',
  globals: { theme: 'nhs' },
  args: { sectors: true, headingLevel: 3 },
  render: (args) => html`<h2>Maya’s network</h2>
    ${renderWidget('od-network-map', mapArgTypes, args)}`,
};

/** Dark scheme. */
export const Dark: Story = {
  globals: { scheme: 'dark' },
  args: { sectors: true, editable: true },
};

/** Welsh. */
export const Welsh: Story = {
  globals: { locale: 'cy' },
  args: { sectors: true, editable: true },
};

/** Names that look like markup are shown as text, never run. */
export const HostileText: Story = {
  parameters: {
    odkit: {
      store: () =>
        new MemoryStore(
          parseCaseRecord({
            ...demoCase,
            person: { ...demoCase.person, name: hostile },
            members: demoCase.members.map((m, i) =>
              i < 3 ? { ...m, name: hostile, relationship: { text: hostile } } : m,
            ),
          }),
        ),
    },
  },
  args: { sectors: true },
};

/** Bad data: what is wrong and where, and nothing thrown into the page. */
export const ErrorState: Story = {
  parameters: { odkit: { store: false } },
  args: { record: { ...demoCase, members: demoCase.members.map((m, i) => (i === 0 ? { ...m, ring: 7 } : m)) } },
};
