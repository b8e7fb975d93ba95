import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { MemoryStore, parseCaseRecord } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { html } from 'lit';
import { HOSTILE_TEXT } from '../test/fixtures/index.js';
import './support/case-overview.js';

/**
 * `<od-provider>` gives every widget inside it one store, one language and one
 * theme. Use the toolbar to switch theme, colour scheme and language. Both panels
 * below read the same store: add a neighbour in one and both update.
 */
const meta: Meta = {
  title: 'Foundation/Provider',
  component: 'od-provider',
};
export default meta;

type Story = StoryObj;

/** Two consumers of one store: the demo case, live. */
export const DemoCase: Story = {
  render: () => html`<od-story-case-overview></od-story-case-overview>
    <hr />
    <od-story-case-overview></od-story-case-overview>`,
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
