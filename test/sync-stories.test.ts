/**
 * The sync stories render as Storybook would show them (inside an <od-provider> with the
 * story's store and toolbar globals, then the story's play function): the status line in
 * each state, the conflict stories with the review panel open, axe-clean.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CaseStore } from '@odkit/core';
import '@odkit/elements/define.js';
import type { TemplateResult } from 'lit';
import * as stories from '../stories/provider.stories.js';
import { guardConsole } from './support/console-guard.js';

interface SyncStory {
  parameters: { odkit: { store: () => CaseStore } };
  globals?: { locale?: string; theme?: string; scheme?: string };
  render: () => TemplateResult;
  play?: (context: { canvasElement: HTMLElement }) => Promise<void>;
}

const shown = (el: Element | null | undefined, selector: string) =>
  (el?.shadowRoot?.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('sync stories', () => {
  guardConsole();

  const expected: Record<string, string> = {
    SyncAllSaved: 'All changes saved',
    SyncPending: 'Saved on this device: 2 changes not yet sent',
    SyncSending: 'Sending 2 changes…',
    SyncOffline: 'Offline: 3 changes are kept on this device and will be sent when the connection is back',
    SyncOfflineWelsh: 'All-lein: cedwir 3 newid ar y ddyfais hon a’u hanfon pan fydd y cysylltiad yn ôl',
    SyncConflict: '2 changes need your decision',
    SyncConflictWelsh: 'Mae angen i chi benderfynu am 2 newid',
    SyncConflictNhsDark: '2 changes need your decision',
  };

  for (const [name, message] of Object.entries(expected)) {
    it(`${name}: ${message}`, async () => {
      const story = (stories as unknown as Record<string, SyncStory>)[name]!;
      const g = story.globals ?? {};
      const provider = await fixture(html`<od-provider
        .store=${story.parameters.odkit.store()}
        theme=${g.theme ?? 'default'}
        color-scheme=${g.scheme ?? 'light'}
        locale=${g.locale ?? 'en-GB'}
        time-zone="Europe/London"
        ><div class="od-story">${story.render()}</div></od-provider
      >`);
      const map = provider.querySelector('od-network-map')!;
      await map.updateComplete;
      expect(shown(map, '.od-sync__message')).to.equal(message);
      if (story.play) {
        await story.play({ canvasElement: provider as HTMLElement });
        await waitUntil(() => map.shadowRoot!.querySelector('.od-sync-review'), 'the review panel', {
          timeout: 20_000,
        });
        expect(map.shadowRoot!.querySelectorAll('.od-sync-conflict').length).to.equal(2);
        await expect(provider).to.be.accessible();
      }
    });
  }
});
