import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { MemoryStore, parseCaseRecord } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { html } from 'lit';
import { HOSTILE_TEXT } from '../test/fixtures/index.js';
import './support/case-overview.js';
import { demoSyncingStore, type SyncStoryState } from './support/sync-store.js';
import { threeWidgets } from './support/three-widgets.js';
import { providerArgTypes, onlyThese } from './support/controls.js';

/**
 * `<od-provider>` gives every widget inside it one store, one language and one
 * theme. Use the toolbar to switch theme, colour scheme and language. Both panels
 * below read the same store: add a neighbour in one and both update.
 */
const meta: Meta = {
  title: 'Foundation/Provider',
  component: 'od-provider',
  tags: ['autodocs'],
  argTypes: providerArgTypes,
  parameters: onlyThese(providerArgTypes),
  // Empty: the toolbar's theme, scheme and language apply until a control is set.
  args: { locale: '', timeZone: '' },
};
export default meta;

type Story = StoryObj;

/** Two consumers of one store: the demo case, live. */
export const DemoCase: Story = {
  render: () => html`<od-story-case-overview></od-story-case-overview>
    <hr />
    <od-story-case-overview></od-story-case-overview>`,
};

/** The three widgets under one provider: try its controls (theme, colour scheme, language, time zone). */
export const ThreeWidgets: Story = {
  render: () => threeWidgets(),
};

/** Without a provider's store, a widget takes its record as a property. */
export const RecordProperty: Story = {
  parameters: { odkit: { store: false } },
  render: () => html`<od-story-case-overview .record=${demoCase}></od-story-case-overview>`,
};

/** Bad data: the widget shows what is wrong and where, and throws nothing into the page. */
export const ErrorState: Story = {
  parameters: { odkit: { store: false } },
  render: () => {
    const broken = {
      ...demoCase,
      members: demoCase.members.map((m, i) => (i === 0 ? { ...m, ring: 7 } : i === 1 ? { ...m, name: '' } : m)),
    };
    return html`<od-story-case-overview .record=${broken}></od-story-case-overview>`;
  },
};

/** Hostile text from a record is only ever shown as text. */
export const HostileText: Story = {
  parameters: {
    odkit: {
      store: () =>
        new MemoryStore(
          parseCaseRecord({
            ...demoCase,
            person: { ...demoCase.person, name: HOSTILE_TEXT },
          }),
        ),
    },
  },
  render: () => html`<od-story-case-overview></od-story-case-overview>`,
};

/*
 * Offline sync: with a store that keeps edits on the device (a SyncingStore), every
 * widget shows a status line on top, a review panel for edits that need a decision, and
 * "Changed by … on …" in its details; the provider gives `syncStatus` and fires
 * `od-sync-status` for the host. These stories use a pretend offline store on the demo
 * case (stories/support/sync-store.ts): nothing is sent anywhere.
 */
const syncStory = (state: SyncStoryState, locale?: 'cy'): Story => ({
  parameters: { odkit: { store: () => demoSyncingStore(state) } },
  ...(locale ? { globals: { locale } } : {}),
  render: () => html`<od-network-map sectors></od-network-map>`,
});

/** Everything is on the record. Point at Sarah or David to see "Changed by … on …". */
export const SyncAllSaved: Story = syncStory('saved');
/** Two edits are kept on this device and not yet on the record. */
export const SyncPending: Story = syncStory('pending');
/** Edits on their way to the record. */
export const SyncSending: Story = syncStory('sending');
/** The record cannot be reached: edits are kept on the device and sent when the connection is back. */
export const SyncOffline: Story = syncStory('offline');
/** The same, in Welsh. */
export const SyncOfflineWelsh: Story = syncStory('offline', 'cy');

/** Opens the first widget's review panel, as a person pressing "Review changes" would. */
const openReview = async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  const widget = canvasElement.querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('od-network-map');
  await widget?.updateComplete;
  widget?.shadowRoot?.querySelector<HTMLButtonElement>('.od-sync__review')?.click();
};

/**
 * Two edits need a decision; the review panel is open: mine and theirs, field by field, keep mine or keep theirs. All
 * three widgets show the status line.
 */
export const SyncConflict: Story = {
  parameters: { odkit: { store: () => demoSyncingStore('conflict') } },
  render: () => threeWidgets(),
  play: openReview,
};

/** The conflict and its review panel in Welsh. */
export const SyncConflictWelsh: Story = {
  parameters: { odkit: { store: () => demoSyncingStore('conflict') } },
  globals: { locale: 'cy' },
  render: () => threeWidgets(),
  play: openReview,
};

/** The conflict in the NHS.UK preset, dark. */
export const SyncConflictNhsDark: Story = {
  parameters: { odkit: { store: () => demoSyncingStore('conflict') } },
  globals: { theme: 'nhs', scheme: 'dark' },
  render: () => html`<od-network-map sectors></od-network-map>`,
  play: openReview,
};
