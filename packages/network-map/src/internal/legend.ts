/**
 * The key to the map: member shapes and statuses, tie line styles and sector colours. A pure view
 * (the shown network and t in, template out); the export reads its swatches and labels back.
 */
import {
  MEMBER_KINDS,
  SECTORS,
  TIE_STRENGTHS,
  type MemberKind,
  type MemberStatus,
  type TieDirection,
  type TieQuality,
} from '@odkit/core';
import type { Translate } from '@odkit/elements';
import { html, svg, type TemplateResult } from 'lit';
import { arrowHeads, tiePath } from './geometry.js';
import { memberShape } from './nodes.js';
import type { NetworkView } from './view.js';
import type { MapStrings } from '../strings.js';

export function renderLegend(view: NetworkView, t: Translate<MapStrings>): TemplateResult {
  const sample = (cls: string, quality: TieQuality, direction: TieDirection = 'none') => {
    const a = { x: 4, y: 12 };
    const b = { x: 60, y: 12 };
    return html`<svg class="swatch" viewBox="0 0 64 24" width="64" height="24" aria-hidden="true">
        <g class="tie ${cls}"><path d=${tiePath(a, b, 0, 0, quality)}></path>
        ${arrowHeads(a, b, 0, 0, direction).map((p) => svg`<polygon class="arrow" points=${p}></polygon>`)}</g>
      </svg>`;
  };
  const shape = (
    kind: MemberKind,
    status: MemberStatus = 'active',
  ) => html`<svg class="swatch" viewBox="-14 -14 28 28" width="24" height="24" aria-hidden="true">
      <g class="node kind-${kind} status-${status} legend-node">${memberShape(kind, 10, 12, status === 'deceased')}</g>
    </svg>`;
  const sectorsShown = SECTORS.filter((s) => view.members.some((m) => m.member.sector === s));
  return html`<div class="legend" part="legend" role="group" aria-labelledby="legend-title">
      <p class="legend-title" id="legend-title">${t('legend.title')}</p>
      <ul class="legend-list">
        ${MEMBER_KINDS.map((k) => html`<li>${shape(k)} ${t(`kind.${k}`)}</li>`)}
        <li>${shape('person', 'past')} ${t('memberStatus.past')}</li>
        <li>${shape('person', 'deceased')} ${t('memberStatus.deceased')}</li>
      </ul>
      <ul class="legend-list">
        ${TIE_STRENGTHS.map((s) => html`<li>${sample(`strength-${s} quality-supportive to-person`, 'supportive')} ${t(`tieStrength.${s}`)}</li>`)}
        ${(['stressful', 'conflictual', 'cut-off'] as const).map(
          (q) => html`<li>${sample(`strength-moderate quality-${q} to-person`, q)} ${t(`tieQuality.${q}`)}</li>`,
        )}
        <li>${sample('strength-moderate quality-supportive between', 'supportive')} ${t('legend.between')}</li>
        <li>${sample('strength-moderate quality-supportive to-person', 'supportive', 'to')} ${t('legend.arrow')}</li>
      </ul>
      <ul class="legend-list sectors">
        ${(sectorsShown.length ? sectorsShown : SECTORS).map(
          (s) =>
            html`<li><svg class="swatch" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><g class="node sector-${s} legend-node"><circle class="shape" cx="12" cy="12" r="9"></circle></g></svg> ${t(`sector.${s}`)}</li>`,
        )}
      </ul>
    </div>`;
}
