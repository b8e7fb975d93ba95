/**
 * The map picture: the SVG with its rings, sector wedges, ties, nodes and labels, inside the frame
 * that takes the pointer. A pure view (model, t and handlers in, template out): the element owns
 * the state, the viewport controller the gestures.
 */
import { SECTORS } from '@odkit/core';
import type { Translate } from '@odkit/elements';
import { html, nothing, svg, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { NODE_R, PERSON_R, round, sectorAngle, sectorBoundaries, type Layout, type Point } from './layout.js';
import { PERSON_KEY, renderNode, renderPerson } from './nodes.js';
import { renderTie } from './ties.js';
import type { NetworkView } from './view.js';
import type { Dragging } from './viewport.js';
import type { MapStrings } from '../strings.js';

export interface MapModel {
  readonly view: NetworkView;
  readonly layout: Layout;
  /** Members in the record before any filter (to tell "none recorded" from "none shown"). */
  readonly recorded: number;
  readonly selectedId: string | undefined;
  readonly activeId: string | undefined;
  readonly linkedId: string | undefined;
  readonly dragging: Dragging | undefined;
  /** What else the nodes' text depends on (the locale, string overrides): they re-render when it changes. */
  readonly textDeps: readonly unknown[];
}

/** Map units from the centre to the edge of the picture. */
export function extentOf(layout: Layout): number {
  // Room for the sector names around the outer ring (centred on their wedge).
  return layout.rings[2] + (layout.sectors ? 90 : 24);
}

/** A label short enough not to run into its neighbours (the full name is in the accessible name and the details). */
const short = (name: string) => ([...name].length > 18 ? `${[...name].slice(0, 16).join('')}…` : name);

/**
 * `on` takes every event of the frame (wheel, pointer) and the SVG (keys, clicks, hover, focus):
 * one listener each for every member (a thousand members need no thousand listeners).
 */
export function renderMap(model: MapModel, t: Translate<MapStrings>, on: EventListenerObject): TemplateResult {
  const { view, layout, dragging, selectedId, activeId, linkedId } = model;
  const e = extentOf(layout);
  const positions = layout.positions;
  const pos = (id: string): Point =>
    dragging?.id === id ? dragging.at : id === view.person.id ? { x: 0, y: 0 } : (positions.get(id) ?? { x: 0, y: 0 });
  const radius = (id: string) => (id === view.person.id ? PERSON_R : NODE_R);
  const tabbable = (key: string) => (activeId ?? selectedId ?? PERSON_KEY) === key;
  const highlighted = selectedId && selectedId !== PERSON_KEY ? selectedId : undefined;
  const labels = view.members.length <= 120;
  return html`<p id="map-help" class="visually-hidden">${t('map.help')}</p>
      ${
        view.members.length === 0
          ? html`<p class="empty">${model.recorded ? t('map.emptyFiltered') : html`<slot name="empty">${t('map.empty')}</slot>`}</p>`
          : nothing
      }
      <div
        class="frame"
        @wheel=${on}
        @pointerdown=${on}
        @pointermove=${on}
        @pointerup=${on}
        @pointercancel=${on}
      ><svg
        part="map"
        class="map ${highlighted ? 'has-selection' : ''} ${dragging ? 'is-dragging' : ''}"
        viewBox="${-e} ${-e} ${2 * e} ${2 * e}"
        role="group"
        tabindex="-1"
        aria-roledescription=${t('map.roledescription')}
        aria-label=${t('map.label', { name: view.personName })}
        aria-describedby="map-help"
        @keydown=${on}
        @click=${on}
        @pointerover=${on}
        @pointerout=${on}
        @focusin=${on}
        @focusout=${on}
      >
        <g class="viewport">
          <g class="rings" aria-hidden="true">
            ${layout.rings.map((r, i) => svg`<circle class="ring ring-${i + 1}" r=${r}></circle>`)}
            ${
              layout.sectors
                ? svg`${sectorBoundaries().map((a) => svg`<line class="sector-line" x1=${round(PERSON_R * Math.cos(a))} y1=${round(PERSON_R * Math.sin(a))} x2=${round(layout.rings[2] * Math.cos(a))} y2=${round(layout.rings[2] * Math.sin(a))}></line>`)}
                ${SECTORS.map((s) => {
                  const a = sectorAngle(s);
                  const r = layout.rings[2] + 26;
                  return svg`<text class="sector-label sector-text-${s}" x=${round(r * Math.cos(a))} y=${round(r * Math.sin(a))} text-anchor="middle" dominant-baseline="middle">${t(`sector.${s}`)}</text>`;
                })}`
                : nothing
            }
          </g>
          ${guard(
            [view, layout, highlighted, dragging],
            () => svg`<g class="ties" aria-hidden="true">
            ${view.ties.map((tie) => renderTie(tie, pos, radius, highlighted))}
          </g>`,
          )}
          ${guard([view, layout, highlighted, dragging, selectedId, activeId, linkedId, ...model.textDeps], () => {
            const related = new Set<string>();
            if (highlighted) {
              related.add(highlighted);
              for (const { tie } of view.ties) {
                if (tie.from === highlighted) related.add(tie.to);
                if (tie.to === highlighted) related.add(tie.from);
              }
            }
            return svg`<g class="nodes">
              ${renderPerson(view, t, selectedId === PERSON_KEY, tabbable(PERSON_KEY))}
              ${view.members.map((m) => {
                const id = m.member.id;
                const state = {
                  tabbable: tabbable(id),
                  selected: selectedId === id,
                  related: highlighted !== undefined && related.has(id),
                  dragged: dragging?.id === id,
                  linked: linkedId === id,
                };
                return renderNode(m, t, pos(id), state);
              })}
            </g>
            <g class="labels" aria-hidden="true">
              <text class="label person-label" y=${PERSON_R + 16} text-anchor="middle">${short(view.personName)}</text>
              ${view.members.map((m) => {
                const id = m.member.id;
                if (!labels && selectedId !== id && activeId !== id) return nothing;
                const p = pos(id);
                const dim = highlighted !== undefined && !related.has(id);
                return svg`<text class="label ${dim ? 'dim' : ''}" x=${p.x} y=${p.y + NODE_R + 15} text-anchor="middle">${short(m.name)}</text>`;
              })}
            </g>`;
          })}
        </g>
      </svg></div>`;
}
