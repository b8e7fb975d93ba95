import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { MemoryStore, parseCaseRecord, type CaseRecord } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { html } from 'lit';
import '@odkit/network-map/define.js';
import { generateCase, HOSTILE_TEXT } from '../test/fixtures/index.js';

/**
 * `<od-network-map>` shows the person's network as an ecomap: the person at the
 * centre, three closeness rings, members by life-domain sector, ties in ecomap
 * line styles. Tab to the map, then use the arrow keys, Home, Enter and Escape;
 * `+`/`-` zoom. "View as table" shows the same network as a table.
 */
const meta: Meta = {
  title: 'Widgets/Network map',
  component: 'od-network-map',
};
export default meta;

type Story = StoryObj;

const empty: CaseRecord = { ...demoCase, id: 'case-empty', members: [], ties: [], meetings: [], assessments: [] };
const large = generateCase({ members: 200, meetings: 20, seed: 3 });
const hostile = HOSTILE_TEXT;

/** The demo case from the story's store; sectors on. */
export const DemoCase: Story = {
  render: () => html`<od-network-map sectors></od-network-map>`,
};

/** Without sectors: members by closeness ring only. */
export const SectorsOff: Story = {
  render: () => html`<od-network-map></od-network-map>`,
};

/** Nobody recorded yet. */
export const EmptyNetwork: Story = {
  parameters: { odkit: { store: () => new MemoryStore(empty) } },
  render: () => html`<od-network-map sectors editable></od-network-map>`,
};

/** 200 members: labels give way to the details panel; zoom with + and −. */
export const LargeNetwork: Story = {
  parameters: { odkit: { store: () => new MemoryStore(large) } },
  render: () => html`<od-network-map sectors></od-network-map>`,
};

/** Add, edit, move and remove members and ties; every edit goes through the store. */
export const Editable: Story = {
  render: () => html`<od-network-map sectors editable></od-network-map>`,
};

/** The Tracy–Whittaker grid: the same network as a table. */
export const TableView: Story = {
  render: () => html`<od-network-map view="table"></od-network-map>`,
};

/** As it was on 1 December 2025, for the "network" audience (a member hidden from it is left out), initials only. */
export const AsOfAudienceInitials: Story = {
  render: () => html`<od-network-map sectors as-of="2025-12-01" audience="network" initials-only></od-network-map>`,
};

/** GOV.UK preset (also try it from the toolbar). */
export const GovUk: Story = {
  globals: { theme: 'govuk' },
  render: () => html`<od-network-map sectors></od-network-map>`,
};

/** NHS.UK preset. */
export const Nhs: Story = {
  globals: { theme: 'nhs' },
  render: () => html`<od-network-map sectors></od-network-map>`,
};

/** Dark scheme. */
export const Dark: Story = {
  globals: { scheme: 'dark' },
  render: () => html`<od-network-map sectors editable></od-network-map>`,
};

/** Welsh. */
export const Welsh: Story = {
  globals: { locale: 'cy' },
  render: () => html`<od-network-map sectors editable></od-network-map>`,
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
            members: demoCase.members.map((m, i) => (i < 3 ? { ...m, name: hostile, relationship: { text: hostile } } : m)),
          }),
        ),
    },
  },
  render: () => html`<od-network-map sectors></od-network-map>`,
};

/** Bad data: what is wrong and where, and nothing thrown into the page. */
export const ErrorState: Story = {
  parameters: { odkit: { store: false } },
  render: () => {
    const broken = { ...demoCase, members: demoCase.members.map((m, i) => (i === 0 ? { ...m, ring: 7 } : m)) };
    return html`<od-network-map .record=${broken}></od-network-map>`;
  },
};
