/**
 * Storybook args for the kit's public API: one argType per public attribute or property
 * (controls of the right kind, enum options) and one per event (shown in the Actions
 * panel), and a render function that puts a story's args on the widget. Written out here
 * rather than taken from the custom-elements manifest alone, so that the panel lists only
 * what a host can set and each control has the right kind; the manifest still gives the
 * autodocs pages their descriptions.
 */
import type { ArgTypes } from '@storybook/web-components-vite';

type Args = Record<string, unknown>;

const attribute = (name: string, description: string) => ({
  description,
  table: { category: 'attributes', type: { summary: `attribute ${name}` } },
});
const property = (description: string) => ({ description, table: { category: 'properties' } });
const text = (name: string, description: string) => ({
  ...attribute(name, description),
  control: { type: 'text' as const },
});
const flag = (name: string, description: string) => ({
  ...attribute(name, description),
  control: { type: 'boolean' as const },
});
const choice = (name: string, options: readonly string[], description: string) => ({
  ...attribute(name, description),
  options,
  control: { type: options.length > 4 ? ('select' as const) : ('radio' as const) },
});
const object = (description: string) => ({ ...property(description), control: { type: 'object' as const } });
/** An event the widget fires, logged in the Actions panel under its own name. */
const event = (name: string, description: string) => ({ description, action: name, table: { category: 'events' } });

const LOCALES = ['en-GB', 'cy'] as const;
/** GOV.UK and NHS.UK fit: the widget's title at the level that sits under the page's own headings. */
const headingLevel = {
  ...attribute('heading-level', 'Level of the widget’s title (1–6); its other headings go down from it.'),
  control: { type: 'number' as const, min: 1, max: 6, step: 1 },
};

const locale = text(
  'locale',
  `Language of the widget's own strings (${LOCALES.join(' or ')}); by default the provider's.`,
);
const strings = object('The widget\'s strings overridden by key, e.g. { "details.close": "Close" }.');
const record = object('The case record, when there is no provider with a store (a store from the provider wins).');
const widgetEvents = {
  onOdSelect: event('od-select', 'A member or meeting was selected (detail: what).'),
  onOdMemberFocus: event('od-member-focus', 'A member is focused or pointed at, for a linked widget.'),
  onOdChange: event(
    'od-change',
    'An edit to the record, without a store (cancelable: apply it yourself). Not a value change.',
  ),
  onOdError: event('od-error', 'The record or an input is invalid (detail: the typed error).'),
};

export const providerArgTypes: ArgTypes = {
  theme: choice('theme', ['default', 'govuk', 'nhs'], 'Visual preset for every widget inside.'),
  colorScheme: choice(
    'color-scheme',
    ['auto', 'light', 'dark'],
    'As the operating system says (default), light or dark.',
  ),
  locale: text('locale', 'Language for every widget inside (en-GB or cy).'),
  timeZone: text('time-zone', 'IANA time zone dates are shown in, e.g. Europe/London.'),
  store: { ...property('The CaseStore every widget inside reads and writes (set by the story).'), control: false },
  onOdSyncStatus: event(
    'od-sync-status',
    "The store's sync status changed (saved, pending, sending, offline, conflict).",
  ),
};

export const mapArgTypes: ArgTypes = {
  sectors: flag('sectors', 'Show the life-domain sectors.'),
  editable: flag('editable', 'Allow adding, editing, moving and removing members and ties.'),
  view: choice('view', ['map', 'table'], 'The picture, or the same network as a table.'),
  headingLevel,
  asOf: text('as-of', 'Show the network as it was on this day (YYYY-MM-DD, or a date-time with offset).'),
  audience: text('audience', 'Leave out members hidden from this audience, e.g. network.'),
  initialsOnly: flag('initials-only', 'Show initials instead of names.'),
  selectedId: text('selected-id', 'The member (or the person) selected, by id, e.g. m-priya; a click updates it.'),
  locale,
  strings,
  record,
  ...widgetEvents,
};

export const timelineArgTypes: ArgTypes = {
  view: choice('view', ['list', 'matrix'], 'Meetings as a list, or the attendance matrix.'),
  scale: choice('scale', ['day', 'week', 'month'], 'Scale of the time axis (was `zoom`).'),
  editable: flag('editable', 'Allow recording, editing and cancelling meetings.'),
  asOf: text('as-of', '"Now": a date-time with offset, or a date (the end of that day); by default the real clock.'),
  selectedId: text('selected-id', 'The meeting whose details are open, by id, e.g. mt-02; opening one updates it.'),
  rangeStart: text('range-start', 'First day shown (YYYY-MM-DD).'),
  rangeEnd: text('range-end', 'Last day shown (YYYY-MM-DD).'),
  episodeId: text('episode-id', 'The episode shown; by default the latest.'),
  instrumentId: text(
    'instrument-id',
    'The fidelity instrument whose scores are shown, e.g. od-seven-principles; empty: every instrument the episode was assessed with.',
  ),
  virtualiseAbove: {
    ...attribute('virtualise-above', 'Render only the rows in view above this many meetings.'),
    control: { type: 'number' as const, min: 1, step: 1 },
  },
  timeZone: text('time-zone', 'IANA time zone; by default the provider’s.'),
  headingLevel,
  audience: text('audience', 'Leave out members hidden from this audience, e.g. family.'),
  initialsOnly: flag(
    'initials-only',
    'A shared screen: initials instead of names, no identifying free text, no editing.',
  ),
  locale,
  strings,
  record,
  ...widgetEvents,
};

export const checklistArgTypes: ArgTypes = {
  instrumentId: text(
    'instrument-id',
    'The instrument to rate against: od-seven-principles, od-key-elements or a registered one.',
  ),
  meetingId: text('meeting-id', 'The meeting being rated.'),
  assessmentId: text('assessment-id', 'An existing assessment to continue or show.'),
  raterName: text('rater-name', 'The rater’s name, filled in.'),
  rater: object('The signed-in rater, { id?, name, role? }: the name field then shows who it is, read-only.'),
  view: choice(
    'view',
    ['rate', 'summary', 'compare'],
    'Rate the items, see the scores and trend, or compare two raters.',
  ),
  compareWith: text('compare-with', 'The other assessment in the compare view.'),
  name: text('name', 'Form field name the assessment is submitted under.'),
  required: flag('required', 'A form cannot be submitted while an item is unrated.'),
  defaultValue: {
    ...property(
      'The assessment (JSON, as value gives) a checklist without a record starts from; form reset returns to it.',
    ),
    control: { type: 'text' as const },
  },
  disabled: flag('disabled', 'Read-only and left out of the form.'),
  headingLevel,
  audience: text('audience', 'Show a rater who is a member hidden from this audience by role only.'),
  initialsOnly: flag('initials-only', 'A shared screen: raters’ initials, no comments, read only.'),
  locale,
  strings,
  record,
  instrument: object('A service’s own instrument (instead of instrument-id).'),
  instruments: { ...property('A registry of instruments (set from script).'), control: false },
  onOdChange: widgetEvents.onOdChange,
  onOdError: widgetEvents.onOdError,
  onInput: event('input', 'The value changed as the person rates (form control).'),
  onChange: event('change', 'A rating or comment was committed (form control).'),
};

/**
 * The Controls panel limited to these args: the custom-elements manifest also gives
 * Storybook each dashed attribute (`as-of`) beside its property (`asOf`) and read-only
 * getters, which would be controls that change nothing.
 */
export const onlyThese = (argTypes: ArgTypes) => ({ controls: { include: Object.keys(argTypes) } });

/**
 * The element `tag` with a story's args on it: each set arg as a property, each event
 * arg as a listener. Storybook re-renders with a new element when an arg changes.
 */
export function renderWidget(tag: string, argTypes: ArgTypes, args: Args): HTMLElement {
  const element = document.createElement(tag) as HTMLElement & Args;
  for (const [key, type] of Object.entries(argTypes)) {
    const value = args[key];
    if (typeof type.action === 'string') {
      if (typeof value === 'function') element.addEventListener(type.action, value as EventListener);
    } else if (value !== undefined && value !== '') element[key] = value;
  }
  return element;
}
