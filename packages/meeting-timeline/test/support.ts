import { parseCaseRecord, type CaseRecord, type Meeting } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { fixture, html } from '@open-wc/testing';
import type { OdMeetingTimeline } from '@odkit/meeting-timeline';
import '@odkit/meeting-timeline/define.js';

import { DEMO_NOW } from '../../../test/fixtures/index.js';

export { DEMO_NOW };

export { $, $$, shadow, text, until } from '../../../test/support/dom.js';

export async function timeline(
  record: unknown,
  attrs: Partial<Record<'as-of' | 'locale' | 'scale' | 'view', string>> = {},
): Promise<OdMeetingTimeline> {
  const el = await fixture<OdMeetingTimeline>(html`<od-meeting-timeline
    .record=${record}
    as-of=${attrs['as-of'] ?? DEMO_NOW}
    locale=${attrs.locale ?? 'en-GB'}
    scale=${attrs.scale ?? 'week'}
    view=${attrs.view ?? 'list'}
  ></od-meeting-timeline>`);
  await el.updateComplete;
  return el;
}

/** The demo case with some of its parts replaced. */
export function demoWith(changes: Partial<CaseRecord>): CaseRecord {
  return parseCaseRecord({ ...structuredClone(demoCase), ...changes });
}

/** An episode with first contact at `firstContact` and only the given meetings. */
export function caseWithMeetings(firstContact: string, meetings: Partial<Meeting>[], episode: object = {}): CaseRecord {
  return demoWith({
    episodes: [{ id: 'ep-1', firstContact, status: 'active', responsibleTeam: 'Test Team', ...episode }],
    meetings: meetings.map((m, i) => ({
      id: `x-${i + 1}`,
      episodeId: 'ep-1',
      status: 'held',
      start: firstContact,
      mode: 'home',
      personPresent: true,
      attendees: [],
      reflectingConversation: false,
      ...m,
    })) as Meeting[],
    assessments: [],
  });
}
