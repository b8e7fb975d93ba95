import { MemoryStore, type CaseStore } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '@odkit/elements/define.js';

/**
 * One store per story, kept across re-renders (a toolbar switch must not undo
 * what a designer just did in the story). `parameters.odkit.store` chooses it:
 * a factory, or `false` for a story that brings its own data. Default: the demo case.
 */
const stores = new Map<string, CaseStore | undefined>();
export type StoreParameter = false | (() => CaseStore | undefined) | undefined;
function storeFor(id: string, parameter: StoreParameter): CaseStore | undefined {
  if (!stores.has(id))
    stores.set(id, parameter === false ? undefined : (parameter ?? (() => new MemoryStore(demoCase)))());
  return stores.get(id);
}

/** What of Storybook's story context the decorator reads. */
export interface ProviderContext {
  id: string;
  globals: { theme?: string; scheme?: string; locale?: string };
  parameters: { odkit?: { store?: StoreParameter } };
  args?: Record<string, unknown>;
  component?: unknown;
}

/**
 * Every story sits in an <od-provider> carrying the toolbar's theme, scheme and
 * language, and the story's store (the demo case unless the story says otherwise).
 * In the provider's own stories, its Controls (args) win over the toolbar and its
 * `od-sync-status` events go to the Actions panel.
 */
export function inProvider(
  story: () => unknown,
  { globals, id, parameters, args = {}, component }: ProviderContext,
): TemplateResult {
  const own = component === 'od-provider' ? args : {};
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  return html`<od-provider
    .store=${storeFor(id, parameters.odkit?.store)}
    theme=${text(own.theme) ?? globals.theme ?? 'default'}
    color-scheme=${text(own.colorScheme) ?? globals.scheme ?? 'light'}
    locale=${text(own.locale) ?? globals.locale ?? 'en-GB'}
    time-zone=${ifDefined(text(own.timeZone) ?? 'Europe/London')}
    @od-sync-status=${typeof own.onOdSyncStatus === 'function' ? (own.onOdSyncStatus as (event: Event) => void) : undefined}
    ><div class="od-story">${story()}</div></od-provider
  >`;
}
