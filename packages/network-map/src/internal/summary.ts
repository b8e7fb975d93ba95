/**
 * The one-paragraph text summary of the network, spoken politely on change and put under the
 * exported picture. Pure (the shown network and t in, text out).
 */
import type { MemberKind } from '@odkit/core';
import type { Translate } from '@odkit/elements';
import type { NetworkView } from './view.js';
import type { MapStrings } from '../strings.js';

/** The network in one paragraph: who is in it, who is closest, what is strained or cut off. */
export function summaryText(view: NetworkView, t: Translate<MapStrings>): string {
  const members = view.members;
  const count = (kind: MemberKind) => members.filter((m) => m.member.kind === kind).length;
  const stress = view.ties.filter((x) => x.tie.quality === 'stressful' || x.tie.quality === 'conflictual').length;
  const cut = view.ties.filter((x) => x.tie.quality === 'cut-off').length;
  const past = members.filter((m) => m.status !== 'active').length;
  const cap = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
  if (!members.length) return t('summary.none');
  // Each count is its own plural message: "1 organisation", not "1 organisations".
  const kinds = t('summary.kinds', {
    people: t('summary.people', { count: count('person') }),
    organisations: t('summary.organisations', { count: count('organisation') }),
    professionals: t('summary.professionals', { count: count('professional') }),
  });
  const parts = [`${t('summary.members', { count: members.length })}: ${kinds}.`];
  parts.push(`${cap(t('summary.ring1', { count: members.filter((m) => m.member.ring === 1).length }))}.`);
  parts.push(
    `${cap(t(stress ? 'summary.stressful' : 'summary.noStressful', { count: stress }))}; ${t(cut ? 'summary.cutOff' : 'summary.noCutOff', { count: cut })}.`,
  );
  if (past) parts.push(`${cap(t('summary.past', { count: past }))}.`);
  return parts.join(' ');
}
