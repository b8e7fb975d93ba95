import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { threeWidgets } from './support/three-widgets.js';

/**
 * The demo case (Maya Lewis, a fictional person) with all three widgets under one
 * `<od-provider>` and one store, as a service would embed them. Edit the network,
 * record a meeting or rate one: every widget updates from the store. Focus an
 * attendee in a meeting's details and the map rings them. Use the toolbar for
 * GOV.UK / NHS.UK, dark mode and Welsh.
 */
const meta: Meta = {
  title: 'Demo case',
};
export default meta;
type Story = StoryObj;

export const AllThreeWidgets: Story = {
  name: 'All three widgets',
  render: threeWidgets,
};
