/**
 * The stories' args drive the widgets, as Storybook's Controls panel does: each stories
 * module (CSF: default export + named stories) is rendered as Storybook would (inside
 * the shared <od-provider> decorator, with the story's args merged over the meta's), and
 * - every story's args reach its widget;
 * - for every control, changing that one arg changes the widget's property and its DOM;
 * - every event arg is a listener the widget's event reaches (the Actions panel);
 * - no argTypes key names a private member, and every other key is a real property.
 */
import { expect, fixtureSync, html } from '@open-wc/testing';
import { demoCase } from '@odkit/core/demo';
import { mapStrings } from '@odkit/network-map';
import { timelineStrings } from '@odkit/meeting-timeline';
import { checklistStrings } from '@odkit/principles-checklist';
import { inProvider, type ProviderContext } from '../stories/support/provider-decorator.js';
import * as mapStories from '../stories/network-map.stories.js';
import * as timelineStories from '../stories/meeting-timeline.stories.js';
import * as checklistStories from '../stories/principles-checklist.stories.js';
import * as providerStories from '../stories/provider.stories.js';
import * as tokenStories from '../stories/tokens.stories.js';
import { guardConsole } from './support/console-guard.js';

type Args = Record<string, unknown>;
interface ArgType {
  action?: string;
  control?: false | { type: string };
  options?: readonly string[];
}
interface Story {
  args?: Args;
  globals?: ProviderContext['globals'];
  parameters?: ProviderContext['parameters'];
  render?: (args: Args) => unknown;
  name?: string;
}
interface Meta extends Story {
  component: string;
  argTypes: Record<string, ArgType>;
}
type Module = Record<string, unknown> & { default: unknown };
type Lit = HTMLElement & { updateComplete?: Promise<unknown> } & Args;

let renders = 0;

/** A story rendered as Storybook renders it: the meta's args under the story's, in the provider decorator. */
async function show(module: Module, name: string, change: Args = {}) {
  const meta = module.default as Meta;
  const story = module[name] as Story;
  const args = { ...meta.args, ...story.args, ...change };
  const render = story.render ?? meta.render!;
  const context: ProviderContext = {
    id: `${meta.component}--${name}-${renders++}`,
    globals: { theme: 'default', scheme: 'light', locale: 'en-GB', ...story.globals },
    parameters: { ...meta.parameters, ...story.parameters },
    args,
    component: meta.component,
  };
  // fixtureSync: fixture() on a plain <div> waits for a frame, which a hidden tab never paints.
  const provider = fixtureSync<HTMLElement>(html`<div>${inProvider(() => render(args), context)}</div>`)
    .firstElementChild as Lit;
  const widget = (meta.component === 'od-provider' ? provider : provider.querySelector<Lit>(meta.component))!;
  const widgets = [...provider.querySelectorAll<Lit>('od-network-map, od-meeting-timeline, od-principles-checklist')];
  await Promise.all([provider, ...widgets].map((w) => w.updateComplete));
  return { provider, widget, widgets, args };
}

/** What a person sees of a widget: its text, attributes (ids left out: they differ per instance) and field values. */
function seen(root: Node): string {
  const out: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.textContent!.replace(/\s+/g, ' ').trim();
      if (text) out.push(text);
      return;
    }
    if (node instanceof Element) {
      if (node.localName === 'style') return;
      const attributes = [...node.attributes].filter(
        (a) => !/^(id|for|aria-(labelledby|describedby|controls|activedescendant)|href|data-key)$/.test(a.name),
      );
      out.push(`<${node.localName} ${attributes.map((a) => `${a.name}=${a.value}`).join(' ')}>`);
      if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement || node instanceof HTMLSelectElement)
        out.push(`value=${node.value}`);
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return out.join('\n');
}

/** The provider's view: its widgets as seen plus the theme tokens and colour scheme it computes. */
function seenAll(provider: Lit) {
  const style = getComputedStyle(provider);
  return `${seen(provider)}\n${style.getPropertyValue('--od-sys-color-primary')} ${style.getPropertyValue('--od-sys-color-surface')} ${style.colorScheme}`;
}

const everyString = (table: Record<string, unknown>) =>
  Object.fromEntries(Object.keys(table).map((key) => [key, `[${key}]`]));

/** For each control: the story to change it on and the new value. */
const changes: Record<string, { module: Module; controls: Record<string, [story: string, value: unknown]> }> = {
  'od-network-map': {
    module: mapStories as unknown as Module,
    controls: {
      sectors: ['DemoCase', false],
      editable: ['DemoCase', true],
      view: ['DemoCase', 'table'],
      asOf: ['DemoCase', '2025-12-01'],
      audience: ['DemoCase', 'network'],
      initialsOnly: ['DemoCase', true],
      headingLevel: ['DemoCase', 4],
      selectedId: ['DemoCase', 'm-priya'],
      locale: ['DemoCase', 'cy'],
      strings: ['DemoCase', everyString(mapStrings['en-GB'])],
      record: ['ErrorState', demoCase],
    },
  },
  'od-meeting-timeline': {
    module: timelineStories as unknown as Module,
    controls: {
      view: ['DemoCase', 'matrix'],
      scale: ['DemoCase', 'month'],
      editable: ['DemoCase', true],
      asOf: ['DemoCase', '2026-02-20T12:00:00+00:00'],
      selectedId: ['DemoCase', 'mt-02'],
      rangeStart: ['DemoCase', '2026-03-01'],
      rangeEnd: ['DemoCase', '2026-03-20'],
      episodeId: ['DemoCase', 'missing-episode'],
      instrumentId: ['DemoCase', 'od-seven-principles'],
      virtualiseAbove: ['DemoCase', 2],
      timeZone: ['DemoCase', 'America/New_York'],
      headingLevel: ['DemoCase', 4],
      audience: ['Audience', 'network'],
      initialsOnly: ['DemoCase', true],
      locale: ['DemoCase', 'cy'],
      strings: ['DemoCase', everyString(timelineStrings['en-GB'])],
      record: ['ErrorState', demoCase],
    },
  },
  'od-principles-checklist': {
    module: checklistStories as unknown as Module,
    controls: {
      instrumentId: ['SevenPrinciples', 'od-key-elements'],
      meetingId: ['SevenPrinciples', 'mt-14'],
      assessmentId: ['SevenPrinciples', 'as-02'],
      raterName: ['SevenPrinciples', 'Sam Patel'],
      rater: ['SevenPrinciples', { id: 'Practitioner/9', name: 'Aled Jones', role: 'Peer worker' }],
      view: ['SummaryAndTrend', 'rate'],
      compareWith: ['InterRater', 'as-02'],
      name: ['InAGovukForm', 'fidelity'],
      defaultValue: [
        'InAGovukForm',
        JSON.stringify(demoCase.assessments.find((a) => a.instrumentId === 'od-seven-principles')),
      ],
      required: ['SevenPrinciples', true],
      disabled: ['SevenPrinciples', true],
      headingLevel: ['SevenPrinciples', 4],
      audience: ['InterRater', 'family'],
      initialsOnly: ['InterRater', true],
      locale: ['SevenPrinciples', 'cy'],
      strings: ['SevenPrinciples', everyString(checklistStrings['en-GB'])],
      record: ['ServiceInstrument', demoCase],
      instrument: ['ErrorState', (checklistStories.ServiceInstrument as Story).args!.instrument],
    },
  },
  'od-provider': {
    module: providerStories as unknown as Module,
    controls: {
      theme: ['SyncPending', 'govuk'],
      colorScheme: ['SyncPending', 'dark'],
      locale: ['SyncPending', 'cy'],
      timeZone: ['ThreeWidgets', 'America/New_York'],
    },
  },
};

describe('stories: args drive the widgets', () => {
  guardConsole();

  for (const [tag, { module, controls }] of Object.entries(changes)) {
    const meta = module.default as Meta;
    const names = Object.keys(module).filter((key) => key !== 'default');

    describe(tag, () => {
      it('has argTypes for public members only, each a real property, events as actions, and autodocs', () => {
        expect(meta.component).to.equal(tag);
        expect((meta as unknown as { tags?: string[] }).tags).to.include('autodocs');
        const element = document.createElement(tag);
        for (const [key, type] of Object.entries(meta.argTypes)) {
          expect(key, key).to.match(/^[a-z]/i);
          if (type.action) expect(type.action, key).to.match(/^(od-[a-z-]+|input|change)$/);
          else expect(key in element, `${key} is a property of ${tag}`).to.equal(true);
          if (type.options) expect(type.control && type.control.type, key).to.be.oneOf(['radio', 'select']);
        }
        // The Controls panel lists these and nothing else (not the manifest's dashed duplicates).
        expect((meta.parameters as { controls?: { include?: string[] } }).controls?.include).to.have.members(
          Object.keys(meta.argTypes),
        );
        const controlled = Object.entries(meta.argTypes)
          .filter(([, type]) => !type.action && type.control !== false)
          .map(([key]) => key);
        expect(controlled.sort()).to.deep.equal(Object.keys(controls).sort());
      });

      for (const name of names) {
        it(`${name}: its args reach the widget`, async () => {
          const { widget, args } = await show(module, name);
          for (const [key, type] of Object.entries(meta.argTypes)) {
            const value = args[key];
            if (type.action || value === undefined || value === '' || tag === 'od-provider') continue;
            expect(widget[key], `${name}.${key}`).to.deep.equal(value);
          }
        });
      }

      for (const [key, [name, value]] of Object.entries(controls)) {
        it(`the ${key} control changes the widget (${name})`, async () => {
          const before = await show(module, name);
          const again = await show(module, name);
          expect(seenAll(again.provider), 'the same args render the same').to.equal(seenAll(before.provider));
          const after = await show(module, name, { [key]: value });
          expect(after.widget[key]).to.deep.equal(value);
          if (key === 'name') {
            // A form field's name shows in what the form submits, not on screen.
            const form = after.widget.closest('form')!;
            expect([...new FormData(form).keys()]).to.include(value);
            return;
          }
          expect(seenAll(after.provider)).not.to.equal(seenAll(before.provider));
        });
      }

      it('every event arg is a listener for that event (the Actions panel)', async () => {
        const heard: string[] = [];
        const actions = Object.entries(meta.argTypes).filter(([, type]) => type.action);
        expect(actions.length).to.be.greaterThan(0);
        const spies = Object.fromEntries(actions.map(([key, type]) => [key, () => heard.push(type.action!)]));
        const { widget } = await show(module, names[0]!, spies);
        for (const [, type] of actions) widget.dispatchEvent(new CustomEvent(type.action!, { detail: {} }));
        expect(heard).to.deep.equal(actions.map(([, type]) => type.action));
      });
    });
  }

  it('names GOV.UK and NHS.UK stories as they are written', () => {
    for (const module of [mapStories, timelineStories] as unknown as Module[]) {
      expect((module.GovUk as Story).name).to.equal('GOV.UK');
      expect((module.Nhs as Story).name).to.equal('NHS.UK');
    }
    expect((checklistStories.Nhs as Story).name).to.equal('NHS.UK');
  });

  it('the Design tokens story: tables apart, cells padded, a coloured swatch per colour token', async () => {
    const { provider } = await show(tokenStories as unknown as Module, 'SystemTokens');
    const [colours, others] = [...provider.querySelectorAll('table')];
    expect(others!.getBoundingClientRect().top - colours!.getBoundingClientRect().bottom).to.be.at.least(16);
    const cell = provider.querySelector('td')!;
    expect(parseFloat(getComputedStyle(cell).paddingInlineEnd)).to.be.at.least(8);
    const swatches = [...colours!.querySelectorAll<HTMLElement>('tbody .swatch')];
    expect(swatches.length).to.equal(colours!.querySelectorAll('tbody tr').length).and.be.greaterThan(0);
    for (const swatch of swatches) {
      expect(swatch.getBoundingClientRect().width).to.be.at.least(24);
      expect(getComputedStyle(swatch).backgroundColor).not.to.be.oneOf(['', 'rgba(0, 0, 0, 0)', 'transparent']);
    }
  });
});
