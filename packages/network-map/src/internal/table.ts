/**
 * The table view (the Tracy–Whittaker grid): the network as a table, for people who do not use
 * the picture. A pure view (the shown network and t in, template out).
 */
import { SECTORS } from '@odkit/core';
import type { Translate } from '@odkit/elements';
import { html, nothing, type TemplateResult } from 'lit';
import { relationshipShown } from './relationships.js';
import type { NetworkView } from './view.js';
import type { MapStrings } from '../strings.js';

/** What an empty cell shows (read as "dash" or skipped by screen readers; never an empty cell). */
const NONE = '—';

export function renderTable(view: NetworkView, t: Translate<MapStrings>, locale: string): TemplateResult {
  const rows = [...view.members].sort(
    (a, b) =>
      a.member.ring - b.member.ring ||
      SECTORS.indexOf(a.member.sector) - SECTORS.indexOf(b.member.sector) ||
      a.name.localeCompare(b.name, locale),
  );
  const personId = view.person.id;
  return html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="table-caption">
      <table part="table">
        <caption id="table-caption">${t('table.caption', { name: view.personName })}</caption>
        <thead>
          <tr>
            <th scope="col">${t('table.member')}</th>
            <th scope="col">${t('table.kind')}</th>
            <th scope="col">${t('table.relationship')}</th>
            <th scope="col">${t('table.sector')}</th>
            <th scope="col">${t('table.ring')}</th>
            <th scope="col">${t('table.support')}</th>
            <th scope="col">${t('table.tie')}</th>
            <th scope="col">${t('field.critical')}</th>
            <th scope="col">${t('field.contactFrequency')}</th>
            <th scope="col">${t('field.knownSince')}</th>
            <th scope="col">${t('table.status')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map((m) => {
            const tie = view.ties.find((x) => x.tie.from === personId && x.tie.to === m.member.id)?.tie;
            return html`<tr>
              <th scope="row">${m.name}</th>
              <td>${t(`kind.${m.member.kind}`)}</td>
              <td>${relationshipShown(m, t) || '—'}</td>
              <td>${t(`sector.${m.member.sector}`)}</td>
              <td>${t(`ring.${m.member.ring}`)}</td>
              <td>${m.member.support.length ? m.member.support.map((s) => t(`support.${s}`)).join(', ') : t('details.noSupport')}</td>
              <td>
                ${tie ? `${t(`tieStrength.${tie.strength}`)}, ${t(`tieQuality.${tie.quality}`)}, ${t(`tieDirection.${tie.direction}`)}` : t('table.noTie')}
              </td>
              <td>${m.member.critical ? t(`critical.${m.member.critical}`) : NONE}</td>
              <td>${m.member.contactFrequency ? t(`contactFrequency.${m.member.contactFrequency}`) : NONE}</td>
              <td>${m.member.knownSince ?? NONE}</td>
              <td>${t(`memberStatus.${m.status}`)}</td>
            </tr>`;
          })}
        </tbody>
      </table>
      ${renderMemberTies(view, t)}
    </div>`;
}

/** The ties between members (not to the person), which the picture shows as lines: a second table, so none is lost. */
function renderMemberTies(view: NetworkView, t: Translate<MapStrings>): TemplateResult | typeof nothing {
  const personId = view.person.id;
  const nameOf = (id: string) => view.byId.get(id)?.name ?? '';
  const ties = view.ties.filter((x) => x.tie.from !== personId && x.tie.to !== personId);
  if (!ties.length) return nothing;
  return html`<table part="member-ties">
    <caption>${t('table.memberTies')}</caption>
    <thead>
      <tr>
        <th scope="col">${t('field.from')}</th>
        <th scope="col">${t('field.to')}</th>
        <th scope="col">${t('field.strength')}</th>
        <th scope="col">${t('field.quality')}</th>
        <th scope="col">${t('field.direction')}</th>
        <th scope="col">${t('field.label')}</th>
      </tr>
    </thead>
    <tbody>
      ${ties.map(
        ({ tie }) => html`<tr>
          <th scope="row">${nameOf(tie.from)}</th>
          <td>${nameOf(tie.to)}</td>
          <td>${t(`tieStrength.${tie.strength}`)}</td>
          <td>${t(`tieQuality.${tie.quality}`)}</td>
          <td>${t(`tieDirection.${tie.direction}`)}</td>
          <td>${tie.label ?? NONE}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}
