import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { MemoryStore, parseCaseRecord, type CaseRecord } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import '@odkit/meeting-timeline/define.js';
import { html } from 'lit';
import { DEMO_NOW, HOSTILE_TEXT } from '../test/fixtures/index.js';
import { longHistory } from '../test/fixtures/long-history.js';
import '@odkit/network-map/define.js';
import { renderWidget, timelineArgTypes, onlyThese } from './support/controls.js';

/**
 * `<od-meeting-timeline>`: the episode from first contact, each network meeting,
 * who came, and the measures a service lead needs. Use the toolbar for theme,
 * colour scheme and language. Stories fix "now" (`as-of`) so they look the same every day.
 */
const meta: Meta = {
  title: 'Widgets/Meeting timeline',
  component: 'od-meeting-timeline',
  tags: ['autodocs'],
  argTypes: timelineArgTypes,
  parameters: onlyThese(timelineArgTypes),
  args: {
    headingLevel: 2,
    view: 'list',
    scale: 'week',
    editable: false,
    asOf: '',
    rangeStart: '',
    rangeEnd: '',
    episodeId: '',
    instrumentId: '',
    virtualiseAbove: 60,
    timeZone: '',
    audience: '',
    initialsOnly: false,
    locale: '',
    strings: {},
  },
  render: (args) => renderWidget('od-meeting-timeline', timelineArgTypes, args),
};
export default meta;
type Story = StoryObj;

const storeOf = (record: unknown) => () => new MemoryStore(parseCaseRecord(record));

/** The demo case: nine weeks of meetings, one cancelled and one still to come. */
export const DemoCase: Story = {
  args: { asOf: DEMO_NOW },
};

/** First contact five hours ago and no meeting yet: the 24-hour clock is running (no `as-of`: it counts live). */
export const NoMeetingsYet: Story = {
  parameters: {
    odkit: {
      store: () => {
        const contact = new Date(Math.floor((Date.now() - 5 * 3_600_000) / 60_000) * 60_000).toISOString();
        return new MemoryStore(
          parseCaseRecord({
            ...demoCase,
            episodes: [{ ...demoCase.episodes[0]!, firstContact: contact }],
            meetings: [],
            assessments: [],
          }),
        );
      },
    },
  },
  args: {},
};

/**
 * A long history: 1,000 meetings in one episode. The list is virtualised; the arrow keys, Home and End still reach
 * every meeting.
 */
const LONG_HISTORY_AS_OF = '2027-12-31T12:00:00+00:00';
export const LongHistory: Story = {
  // Moved in time so that every held meeting is before the as-of date.
  parameters: { odkit: { store: storeOf(longHistory(1000, 1, LONG_HISTORY_AS_OF)) } },
  args: { scale: 'month', asOf: LONG_HISTORY_AS_OF },
};

/**
 * Editable: record a meeting, edit one, set attendance or cancel a planned one; hand over or finish the episode.
 * Changes go to the story's store.
 */
export const Editable: Story = {
  args: { editable: true, asOf: DEMO_NOW },
};

/**
 * Episodes: "Hand over responsibility" and "Finish this episode" under the header (the demo's planned meeting on
 * 15 April must be cancelled before the episode can end earlier). The episode was handed over once already: the first
 * team stays on record, and the header lists the hand-over with its reason.
 */
export const EpisodeHandOverAndFinish: Story = {
  parameters: {
    odkit: {
      store: storeOf({
        ...demoCase,
        episodes: [
          {
            ...demoCase.episodes[0]!,
            handovers: [
              { at: '2026-03-30T09:00:00+01:00', to: 'Millbrook Home Treatment Team', reason: 'Moved to Millbrook' },
            ],
          },
        ],
      }),
    },
  },
  args: { editable: true, asOf: DEMO_NOW },
};

/** A record with no episode yet: "Open a new episode" asks for first contact, the responsible team and who referred. */
export const OpenFirstEpisode: Story = {
  parameters: {
    odkit: { store: storeOf({ ...demoCase, episodes: [], meetings: [], assessments: [] }) },
  },
  args: { editable: true, asOf: DEMO_NOW },
};

/** The attendance matrix: network members by meeting, as a table. */
export const MatrixView: Story = {
  args: { view: 'matrix', asOf: DEMO_NOW },
};

/**
 * A shared screen: every name as initials, no place, notes or reasons (free text may name
 * someone), and no editing, even with `editable`. Open a meeting, or switch to the matrix.
 */
export const SharedScreen: Story = {
  args: { initialsOnly: true, editable: true, asOf: DEMO_NOW },
};

/**
 * For the family: Sarah is hidden from the `family` audience here, so she is left out of
 * every meeting's attendees, the matrix and the meeting form (saving keeps her attendance).
 */
export const Audience: Story = {
  parameters: {
    odkit: {
      store: storeOf({
        ...demoCase,
        members: demoCase.members.map((m) => (m.id === 'm-sarah' ? { ...m, hiddenFrom: ['family'] } : m)),
      }),
    },
  },
  args: { audience: 'family', view: 'matrix', editable: true, asOf: DEMO_NOW },
};

/**
 * Map and timeline linked: both under one `<od-provider>`, sharing its store. Focus an
 * attendee in a meeting's details: the timeline fires `od-member-focus` and the map
 * rings that member. Select a member on the map (Enter): their meetings are highlighted
 * in the timeline ("With …") and their row in the matrix; Escape on the map clears it.
 * An edit in either widget shows in both.
 */
export const MapAndTimelineLinked: Story = {
  args: { asOf: DEMO_NOW, editable: true },
  render: (args) =>
    html`<od-network-map sectors></od-network-map> ${renderWidget('od-meeting-timeline', timelineArgTypes, args)}`,
};

/**
 * Under a GOV.UK page's own h2: `heading-level="3"` puts the timeline's headings under it, the
 * `hint` slot adds the page's words; buttons are GOV.UK's green, dates are asked for day, month, year.
 */
export const GovUk: Story = {
  name: 'GOV.UK',
  globals: { theme: 'govuk' },
  args: { asOf: DEMO_NOW, headingLevel: 3, editable: true },
  render: (args) => underHostHeading('Meetings', 'Network meetings since Maya was referred.', args),
};

/** The same under an NHS.UK page's h2. */
export const Nhs: Story = {
  name: 'NHS.UK',
  globals: { theme: 'nhs' },
  args: { asOf: DEMO_NOW, headingLevel: 3, editable: true },
  render: (args) => underHostHeading('Meetings', 'Network meetings since Maya was referred.', args),
};

/** The timeline under the host page's h2, with a hint in the host's words (slot `hint`). */
function underHostHeading(heading: string, hint: string, args: Record<string, unknown>) {
  const timeline = renderWidget('od-meeting-timeline', timelineArgTypes, args);
  const words = document.createElement('p');
  words.slot = 'hint';
  words.textContent = hint;
  timeline.append(words);
  return html`<h2>${heading}</h2>
    ${timeline}`;
}

export const Dark: Story = {
  globals: { scheme: 'dark' },
  args: { asOf: DEMO_NOW },
};

export const Welsh: Story = {
  globals: { locale: 'cy' },
  args: { asOf: DEMO_NOW },
};

/** Meetings on the nights the clocks change: each is shown at its local time, with GMT or BST. */
export const ClockChange: Story = {
  parameters: {
    odkit: {
      store: storeOf({
        ...demoCase,
        episodes: [
          {
            id: 'ep-1',
            firstContact: '2026-03-28T12:00:00+00:00',
            status: 'active',
            responsibleTeam: 'Northbrook Open Dialogue Team',
          },
        ],
        meetings: [
          ['2026-03-29T00:30:00+00:00', 'held'],
          ['2026-03-29T01:30:00+00:00', 'held'],
          ['2026-10-25T01:30:00+01:00', 'planned'],
          ['2026-10-25T01:30:00+00:00', 'planned'],
        ].map(([start, status], i) => ({
          id: `night-${i + 1}`,
          episodeId: 'ep-1',
          status,
          start,
          mode: 'remote',
          personPresent: status === 'held',
          attendees: [],
          reflectingConversation: false,
        })),
        assessments: [],
      }),
    },
  },
  args: { scale: 'month', asOf: '2026-04-01T12:00:00+01:00' },
};

/** Bad data: the widget says what is wrong and where, fires `od-error`, and throws nothing into the page. */
export const ErrorState: Story = {
  parameters: { odkit: { store: false } },
  args: {
    asOf: DEMO_NOW,
    record: {
      ...demoCase,
      meetings: demoCase.meetings.map((m, i) =>
        i === 0 ? { ...m, mode: 'carrier-pigeon' } : i === 1 ? { ...m, start: 'yesterday' } : m,
      ),
    },
  },
};

/** Hostile text in a record is only ever shown as text. */
export const HostileText: Story = {
  parameters: {
    odkit: {
      store: storeOf({
        ...demoCase,
        person: { ...demoCase.person, name: HOSTILE_TEXT },
        meetings: demoCase.meetings.map((m, i) =>
          i === 0 ? { ...m, place: HOSTILE_TEXT, notes: `</p>${HOSTILE_TEXT}` } : m,
        ),
      } satisfies CaseRecord),
    },
  },
  args: { asOf: DEMO_NOW },
};
