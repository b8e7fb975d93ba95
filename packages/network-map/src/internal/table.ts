/**
 * The table view (the Tracy–Whittaker grid): the network as a table, for people who do not use
 * the picture. A pure view (the shown network and t in, template out).
 */
import { SECTORS } from '@odkit/core';
import type { Translate } from '@odkit/elements';
import { html, type TemplateResult } from 'lit';
import type { NetworkView } from './view.js';
import type { MapStrings } from '../strings.js';

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
            <th scope="col">${t('table.relationship')}</th>
            <th scope="col">${t('table.sector')}</th>
            <th scope="col">${t('table.ring')}</th>
            <th scope="col">${t('table.support')}</th>
            <th scope="col">${t('table.tie')}</th>
            <th scope="col">${t('table.status')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map((m) => {
            const tie = view.ties.find((x) => x.tie.from === personId && x.tie.to === m.member.id)?.tie;
            return html`<tr>
              <th scope="row">${m.name}</th>
              <td>${m.relationship || '—'}</td>
              <td>${t(`sector.${m.member.sector}`)}</td>
              <td>${t(`ring.${m.member.ring}`)}</td>
              <td>${m.member.support.length ? m.member.support.map((s) => t(`support.${s}`)).join(', ') : t('details.noSupport')}</td>
              <td>
                ${tie ? `${t(`tieStrength.${tie.strength}`)}, ${t(`tieQuality.${tie.quality}`)}, ${t(`tieDirection.${tie.direction}`)}` : t('table.noTie')}
              </td>
              <td>${t(`memberStatus.${m.status}`)}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
}
