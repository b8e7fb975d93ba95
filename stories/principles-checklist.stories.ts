import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { MemoryStore, clearDrafts, saveDraft, type Instrument } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { html } from 'lit';
import '@odkit/principles-checklist/define.js';
import { checklistArgTypes, renderWidget, onlyThese } from './support/controls.js';

/**
 * `<od-principles-checklist>` rates one network meeting against a fidelity instrument:
 * the seven principles, the twelve key elements, or one a service registers. Inside
 * the provider (the demo case's store) every rating is saved as you go. It is also a
 * real form control: its value (the assessment as JSON) is submitted with a form.
 * Use the toolbar for GOV.UK / NHS.UK, dark mode and Welsh.
 */
const meta: Meta = {
  title: 'Widgets/Principles checklist',
  component: 'od-principles-checklist',
  tags: ['autodocs'],
  argTypes: checklistArgTypes,
  parameters: onlyThese(checklistArgTypes),
  args: {
    headingLevel: 2,
    instrumentId: 'od-seven-principles',
    meetingId: '',
    assessmentId: '',
    raterName: '',
    view: 'rate',
    compareWith: '',
    name: '',
    required: false,
    disabled: false,
    audience: '',
    initialsOnly: false,
    locale: '',
    strings: {},
  },
  render: (args) => renderWidget('od-principles-checklist', checklistArgTypes, args),
};
export default meta;
type Story = StoryObj;

/** The seven principles for a held meeting with no assessment yet: enter a name and rate. */
export const SevenPrinciples: Story = {
  args: { meetingId: 'mt-13', instrumentId: 'od-seven-principles' },
};

/** The twelve key elements: continues Chloe's draft of the meeting on 8 April. */
/**
 * The signed-in user rates: the host sets `rater` (after a SMART launch the store's author,
 * from `fhirUser`, does this by itself). The name shows read-only with who is signed in.
 * Print the story (or emulate print media) for the print layout: items, answers and scores.
 */
export const SignedInRater: Story = {
  args: {
    meetingId: 'mt-13',
    instrumentId: 'od-seven-principles',
    rater: { id: 'Practitioner/123', name: 'Nia Roberts', role: 'Family therapist' },
  },
};

export const TwelveKeyElements: Story = {
  args: { meetingId: 'mt-14', instrumentId: 'od-key-elements' },
};

const serviceInstrument: Instrument = {
  id: 'kent-dialogic-check',
  version: '1.0.0',
  title: { 'en-GB': 'Kent dialogic practice check', cy: 'Gwiriad ymarfer deialogaidd Caint' },
  description: {
    'en-GB': 'Our team’s own wording, agreed in supervision.',
    cy: 'Geiriad ein tîm ein hunain, a gytunwyd mewn goruchwyliaeth.',
  },
  source: 'Kent and Medway peer-supported Open Dialogue team (fictional example).',
  groups: [
    { id: 'before', title: { 'en-GB': 'Before the meeting', cy: 'Cyn y cyfarfod' } },
    { id: 'during', title: { 'en-GB': 'In the meeting', cy: 'Yn y cyfarfod' } },
  ],
  items: [
    {
      id: 'invited',
      groupId: 'before',
      required: true,
      title: { 'en-GB': 'The person chose who to invite', cy: 'Dewisodd y person pwy i’w wahodd' },
    },
    {
      id: 'peer',
      groupId: 'during',
      required: true,
      title: { 'en-GB': 'A peer support worker took part', cy: 'Cymerodd gweithiwr cymorth cymheiriaid ran' },
    },
    {
      id: 'reflection',
      groupId: 'during',
      required: false,
      title: { 'en-GB': 'A reflection was offered', cy: 'Cynigiwyd myfyrdod' },
      text: {
        'en-GB': 'Practitioners talked together in front of the network.',
        cy: 'Siaradodd yr ymarferwyr gyda’i gilydd o flaen y rhwydwaith.',
      },
    },
  ],
  scale: {
    notApplicable: false,
    options: [
      { value: 0, label: { 'en-GB': 'No', cy: 'Na' } },
      { value: 1, label: { 'en-GB': 'Yes', cy: 'Do' } },
    ],
  },
};

/** A service's own instrument, given as the `instrument` property (standalone: no record). */
export const ServiceInstrument: Story = {
  parameters: { odkit: { store: false } },
  args: { instrument: serviceInstrument, raterName: 'Sam Patel' },
};

/**
 * In a plain GOV.UK-styled form, with no script of the host's own: the checklist is
 * submitted under its `name`, blocks the submit while a required item is unrated,
 * and takes its accessible name from the `<label for>`.
 */
export const InAGovukForm: Story = {
  parameters: { odkit: { store: false } },
  globals: { theme: 'govuk' },
  args: { name: 'assessment', meetingId: 'mt-13', required: true },
  render: (args) => html`<style>
      /* A few GOV.UK Frontend rules, as a host page would have them (the kit loads no CSS). */
      .govuk-form { font-family: arial, sans-serif; color: #0b0c0c; }
      .govuk-label--l { font-size: 2rem; font-weight: 700; line-height: 1.1; }
      .govuk-label-wrapper { margin: 0 0 15px; }
      .govuk-hint { color: #505a5f; margin-block-end: 15px; }
      .govuk-form-group { margin-block-end: 30px; }
      .govuk-button { font: inherit; font-size: 1.1875rem; background: #00703c; color: #fff; border: 0; box-shadow: 0 2px 0 #002d18; padding: 8px 10px 7px; cursor: pointer; }
      .govuk-button:focus-visible { outline: 3px solid transparent; background: #fd0; color: #0b0c0c; box-shadow: 0 2px 0 #0b0c0c; }
    </style>
    <form class="govuk-form" method="get" action="#submitted">
    <div class="govuk-form-group">
      <h1 class="govuk-label-wrapper">
        <label class="govuk-label govuk-label--l" for="fidelity">How closely did the meeting follow the seven principles?</label>
      </h1>
      <div class="govuk-hint">Rate each principle. You can add a comment to any of them.</div>
      ${Object.assign(renderWidget('od-principles-checklist', checklistArgTypes, args), { id: 'fidelity' })}
    </div>
    <button type="submit" class="govuk-button" data-module="govuk-button">Save and continue</button>
  </form>`,
};

/** NHS.UK look. */
export const Nhs: Story = {
  name: 'NHS.UK',
  globals: { theme: 'nhs' },
  args: { meetingId: 'mt-14', instrumentId: 'od-key-elements' },
};

/** Dark colour scheme. */
export const Dark: Story = {
  globals: { scheme: 'dark' },
  args: { meetingId: 'mt-13' },
};

/** Welsh: the kit's strings and the instrument's own translations. */
export const Welsh: Story = {
  globals: { locale: 'cy' },
  args: { meetingId: 'mt-14', instrumentId: 'od-key-elements' },
};

/** The story's own case: its draft on this device is seen by no other story. */
const draftCase = { ...demoCase, id: 'case-story-draft' };

/**
 * Nothing typed is lost: a rating and a comment made before a reload, kept on this device
 * (localStorage) because the page's record does not outlast it, are put back, and the status
 * line says plainly where they are. Reload the story: they are still there.
 */
export const DraftOnThisDevice: Story = {
  parameters: { odkit: { store: false } },
  args: { record: draftCase, meetingId: 'mt-13', instrumentId: 'od-seven-principles' },
  loaders: [
    async () => {
      saveDraft({
        caseId: draftCase.id,
        assessment: {
          id: 'as-story-draft',
          instrumentId: 'od-seven-principles',
          instrumentVersion: '1.0.0',
          meetingId: 'mt-13',
          rater: { name: '' },
          raterRole: 'self',
          evidence: 'live',
          status: 'draft',
          ratings: [{ itemId: 'immediate-help', value: 4, comment: 'Seen at home the same afternoon.' }],
        },
        edited: ['immediate-help'],
        raterEdited: false,
        base: { 'rating-immediate-help': '', 'comment-immediate-help': '' }, // not stored yet
        savedAt: new Date().toISOString(),
      });
      return {};
    },
  ],
};

/** The story's own case and store, which "someone else" writes to as well. */
const underneathCase = { ...demoCase, id: 'case-story-underneath' };
let underneathStore: MemoryStore | undefined;

/**
 * Someone else saves a change while this person is rating: a comment was being typed on "Responding" when another
 * writer saved their own comment there (and one on "Open questions", taken quietly). Mine stays in the box; theirs
 * is beside it with Use theirs and Keep mine, and the box above says what happened. Nothing is saved over theirs
 * until the person chooses.
 */
export const SomeoneElseSaved: Story = {
  parameters: { odkit: { store: () => (underneathStore = new MemoryStore(underneathCase)) } },
  args: { meetingId: 'mt-14', instrumentId: 'od-key-elements', assessmentId: 'as-06' },
  // The comment typed last time is kept on this device: start afresh, so that theirs arrives while mine is unsaved.
  loaders: [
    async () => {
      clearDrafts(underneathCase.id);
      return {};
    },
  ],
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const widget = canvasElement.querySelector<HTMLElement & { updateComplete: Promise<unknown> }>(
      'od-principles-checklist',
    );
    await widget?.updateComplete;
    const comment = widget?.shadowRoot?.querySelector<HTMLTextAreaElement>('#comment-responding');
    if (!widget || !comment || !underneathStore) return;
    comment.value = 'Everyone was answered in their own words.';
    comment.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    for (const [itemId, text] of [
      ['responding', 'Each voice was answered before moving on.'],
      ['open-questions', 'Questions left room for the family.'],
    ] as const) {
      await underneathStore.apply({ type: 'assessment/rate', assessmentId: 'as-06', itemId, comment: text });
    }
  },
};

/** The story's own case, as stored after someone else saved a comment on "Responding" while this page was away. */
const restoredOverCase = {
  ...demoCase,
  id: 'case-story-restored-over',
  assessments: demoCase.assessments.map((a) =>
    a.id === 'as-06'
      ? {
          ...a,
          ratings: a.ratings.map((r) =>
            r.itemId === 'responding' ? { ...r, comment: 'Each voice was answered before moving on.' } : r,
          ),
        }
      : a,
  ),
};

/**
 * After a reload: the comment typed before it, kept on this device with what it was based on (no comment), is put
 * back beside the one someone else saved meanwhile, and nothing is saved over theirs until the person chooses.
 */
export const DraftRestoredBesideTheirs: Story = {
  parameters: { odkit: { store: () => new MemoryStore(restoredOverCase) } },
  args: { meetingId: 'mt-14', instrumentId: 'od-key-elements', assessmentId: 'as-06' },
  loaders: [
    async () => {
      const stored = demoCase.assessments.find((a) => a.id === 'as-06')!;
      clearDrafts(restoredOverCase.id);
      saveDraft({
        caseId: restoredOverCase.id,
        assessment: {
          ...stored,
          ratings: stored.ratings.map((r) =>
            r.itemId === 'responding' ? { ...r, comment: 'Everyone was answered in their own words.' } : r,
          ),
        },
        edited: ['responding'],
        raterEdited: false,
        base: { 'rating-responding': '2', 'comment-responding': '' },
        savedAt: new Date().toISOString(),
      });
      return {};
    },
  ],
};

/** A completed assessment is read-only until reopened. */
export const CompletedReadOnly: Story = {
  args: { assessmentId: 'as-02' },
};

/** Scores per group and overall (core's scoreAssessment) and the trend across the episode (core's fidelityTrend). */
export const SummaryAndTrend: Story = {
  args: { assessmentId: 'as-05', view: 'summary' },
};

/** Two raters of the same meeting side by side; differing items are marked in words, not colour alone. */
export const InterRater: Story = {
  args: { assessmentId: 'as-04', compareWith: 'as-05', view: 'compare' },
};

/** A shared screen: raters' initials, no comments (as-05's names Priya), read only. */
export const SharedScreen: Story = {
  args: { assessmentId: 'as-04', compareWith: 'as-05', view: 'compare', initialsOnly: true },
};

/** A bad instrument: the error state names what is wrong and where; nothing is thrown. */
export const ErrorState: Story = {
  parameters: { odkit: { store: false } },
  args: {
    record: demoCase,
    instrument: {
      ...serviceInstrument,
      items: [{ ...serviceInstrument.items[0], groupId: 'missing' }],
      scale: { options: [], notApplicable: false },
    },
  },
};
