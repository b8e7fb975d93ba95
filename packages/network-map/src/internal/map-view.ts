/**
 * The map picture: the SVG with its rings, sector wedges, ties, nodes and labels, inside the frame
 * that takes the pointer. A pure view (model, t and handlers in, template out): the element owns
 * the state, the viewport controller the gestures.
 */
import { SECTORS } from '@odkit/core';
import type { Translate } from '@odkit/elements';
import { html, nothing, svg, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { minSpacing, NODE_R, round, sectorAngle, sectorBoundaries, type Layout, type Point } from './layout.js';
import { canvasMeasure, fallbackLabel, planLabels, type LabelPlan, type TextBox } from './labels.js';
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
  /** The picture's size in CSS px, once measured, and the font its text is drawn in. */
  readonly size?: { readonly width: number; readonly height: number } | undefined;
  readonly font?: string | undefined;
  /** The size is being measured (before the first paint): the SVG is empty until then, so names are placed once. */
  readonly awaitingSize?: boolean;
}

/** Map units from the centre to the edge of the picture. */
export function extentOf(layout: Layout): number {
  // Room for the sector names around the outer ring (centred on their wedge).
  return layout.rings[2] + (layout.sectors ? 90 : 24);
}

/** Pointer targets' centres stay this far apart on screen (WCAG 2.2 target spacing, 24 px, and a pixel to spare). */
const SPACING_PX = 25;

/** How the picture fits its box: the viewBox's half-width, and the whole map's (for export), in map units. */
export interface Fit {
  /** Half the viewBox's side. */
  readonly view: number;
  /** Half the side of the whole map, names included. */
  readonly whole: number;
  readonly plan: LabelPlan;
}

/** The last fit for each view (names and ties come from it), with the layout and size it was made for. */
const plans = new WeakMap<NetworkView, { layout: Layout; key: string; fit: Fit }>();

/**
 * Fits the map to the picture's measured size: the whole map when its pointer targets stay 24 px apart at that scale,
 * else the scale that keeps them apart (the picture then shows the middle of the map, and pans). Text is drawn at its
 * CSS size at that scale (never smaller), and the names are placed for it. Before the size is known (the first render,
 * or a server render) the whole map is shown at text size 1:1.
 */
export function fitMap(model: MapModel, t: Translate<MapStrings>): Fit {
  const { view, layout, size } = model;
  const key = JSON.stringify([size, model.font, model.textDeps]);
  const cached = plans.get(view);
  if (cached?.layout === layout && cached.key === key) return cached.fit;
  const measure = canvasMeasure(model.font);
  const members = [...view.members]
    .sort((a, b) => a.member.ring - b.member.ring)
    .map((m) => ({ id: m.member.id, name: m.name, at: layout.positions.get(m.member.id) ?? { x: 0, y: 0 } }));
  const at = (id: string) => (id === view.person.id ? { x: 0, y: 0 } : (layout.positions.get(id) ?? { x: 0, y: 0 }));
  const ties = view.ties.map(({ tie }) => [at(tie.from), at(tie.to)] as const);
  const sectors = layout.sectors ? SECTORS.map((s) => ({ id: s, name: t(`sector.${s}`), angle: sectorAngle(s) })) : [];
  const side = size ? Math.min(size.width, size.height) : 0;
  const least = SPACING_PX / Math.max(minSpacing(layout), 1);
  let whole = extentOf(layout);
  let fit: Fit | undefined;
  // Twice at most: names placed at one scale may need a little more room, which lowers the scale.
  for (let pass = 0; pass < 2; pass++) {
    const scale = side ? Math.min(1.5, Math.max(least, side / (2 * whole))) : 1;
    const unit = 1 / Math.min(1, scale);
    const plan = planLabels({ person: view.personName, members, ties, sectors, outer: layout.rings[2], unit }, measure);
    const reach = Math.max(whole, extentOfPlan(plan) + 8 * unit);
    fit = { view: side ? side / (2 * scale) : reach, whole: reach, plan };
    if (!side || reach <= whole + 1) break;
    whole = reach;
  }
  plans.set(view, { layout, key, fit: fit! });
  return fit!;
}

function extentOfPlan(plan: LabelPlan): number {
  let e = 0;
  for (const b of [...plan.members.values(), ...plan.sectors.values()])
    e = Math.max(e, Math.abs(b.x) + b.w / 2, Math.abs(b.y) + b.h / 2);
  return e;
}

/** One name: a line of text each, in a group (aria-hidden with the rest). */
const nameLabel = (b: TextBox, cls: string) =>
  svg`<g class="name-label ${cls}">${
    b.leader
      ? svg`<line class="leader" x1=${b.leader[0]} y1=${b.leader[1]} x2=${b.leader[2]} y2=${b.leader[3]}></line>`
      : nothing
  }${b.lines.map(
    (l) => svg`<text class="label" x=${b.x} y=${l.y} text-anchor="middle" dominant-baseline="middle">${l.text}</text>`,
  )}</g>`;

/**
 * `on` takes every event of the frame (wheel, pointer) and the SVG (keys, clicks, hover, focus):
 * one listener each for every member (a thousand members need no thousand listeners).
 */
export function renderMap(model: MapModel, t: Translate<MapStrings>, on: EventListenerObject): TemplateResult {
  const { view, layout, dragging } = model;
  const fit = model.awaitingSize ? undefined : fitMap(model, t);
  const e = round(fit ? fit.view : extentOf(layout));
  const highlighted = model.selectedId && model.selectedId !== PERSON_KEY ? model.selectedId : undefined;
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
        data-extent=${round(fit ? fit.whole : e)}
        data-fit=${model.size ? `${model.size.width}x${model.size.height}` : ''}
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
      >${fit ? renderPicture(model, fit, highlighted, t) : nothing}</svg></div>
      ${
        // A crowded map leaves some names off: say where to find them.
        fit && fit.plan.members.size < view.members.length
          ? html`<p class="names-hidden">${t('map.namesHidden')}</p>`
          : nothing
      }`;
}

/** What the SVG holds: rings, sector names, ties, nodes and their names, placed for `fit`. */
function renderPicture(model: MapModel, fit: Fit, highlighted: string | undefined, t: Translate<MapStrings>) {
  const { view, layout, dragging, selectedId, activeId, linkedId } = model;
  const { plan } = fit;
  const positions = layout.positions;
  const pos = (id: string): Point =>
    dragging?.id === id ? dragging.at : id === view.person.id ? { x: 0, y: 0 } : (positions.get(id) ?? { x: 0, y: 0 });
  const radius = (id: string) => (id === view.person.id ? plan.person.r : NODE_R);
  const tabbable = (key: string) => (activeId ?? selectedId ?? PERSON_KEY) === key;
  const measure = canvasMeasure(model.font);
  const unit = plan.size / 12;
  return svg`<g class="viewport">
          <g class="rings" aria-hidden="true">
            ${layout.rings.map((r, i) => svg`<circle class="ring ring-${i + 1}" r=${r}></circle>`)}
            ${
              layout.sectors
                ? svg`${sectorBoundaries().map((a) => svg`<line class="sector-line" x1=${round(plan.person.r * Math.cos(a))} y1=${round(plan.person.r * Math.sin(a))} x2=${round(layout.rings[2] * Math.cos(a))} y2=${round(layout.rings[2] * Math.sin(a))}></line>`)}
                <g font-size=${plan.titleSize} stroke-width=${plan.halo}>${SECTORS.map((s) => {
                  const b = plan.sectors.get(s);
                  return b
                    ? svg`<g class="name-label">${b.lines.map(
                        (l) =>
                          svg`<text class="sector-label sector-text-${s}" x=${b.x} y=${l.y} text-anchor="middle" dominant-baseline="middle">${l.text}</text>`,
                      )}</g>`
                    : nothing;
                })}</g>`
                : nothing
            }
          </g>
          ${guard(
            [view, layout, highlighted, dragging, plan],
            () => svg`<g class="ties" aria-hidden="true">
            ${view.ties.map((tie) => renderTie(tie, pos, radius, highlighted))}
          </g>`,
          )}
          ${guard(
            [view, layout, highlighted, dragging, selectedId, activeId, linkedId, plan, ...model.textDeps],
            () => {
              const related = new Set<string>();
              if (highlighted) {
                related.add(highlighted);
                for (const { tie } of view.ties) {
                  if (tie.from === highlighted) related.add(tie.to);
                  if (tie.to === highlighted) related.add(tie.from);
                }
              }
              return svg`<g class="nodes">
              ${renderPerson(view, t, selectedId === PERSON_KEY, tabbable(PERSON_KEY), plan.person.r)}
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
            <g class="labels" aria-hidden="true" font-size=${plan.size} stroke-width=${plan.halo}>
              <g font-size=${plan.titleSize}>${nameLabel(plan.person, 'person-label')}</g>
              ${view.members.map((m) => {
                const id = m.member.id;
                const dragged = dragging?.id === id;
                const placed = dragged ? undefined : plan.members.get(id);
                // A name with no room is shown while its member is selected, focused or dragged.
                const box =
                  placed ??
                  (selectedId === id || activeId === id || dragged
                    ? fallbackLabel(m.name, pos(id), unit, measure)
                    : undefined);
                if (!box) return nothing;
                const dim = highlighted !== undefined && !related.has(id);
                return nameLabel(box, dim ? 'dim' : '');
              })}
            </g>`;
            },
          )}
        </g>`;
}
