/**
 * The person and the members on the map: pure views (data in, SVG template out) for the nodes,
 * their shapes and their accessible names. Apart from the map because a node is the unit the
 * keyboard, the pointer and the details panel all speak about.
 */
import type { OdSelection, Translate } from '@odkit/elements';
import { nothing, svg, type SVGTemplateResult } from 'lit';
import { nearestInDirection } from './geometry.js';
import { NODE_R, PERSON_R, type Point } from './layout.js';
import { relationshipShown } from './relationships.js';
import type { NetworkMember } from '@odkit/core';
import type { NetworkView, ShownMember } from './view.js';
import type { MapStrings } from '../strings.js';

/** The person's key on the map (ids cannot contain ':', so it never meets a member's). */
export const PERSON_KEY = ':person';

/** The node an id names (the person's is PERSON_KEY), when it is shown. */
export function nodeKeyFor(view: NetworkView, id: string | undefined): string | undefined {
  if (!id) return undefined;
  if (id === view.person.id) return PERSON_KEY;
  return view.byId.has(id) ? id : undefined;
}

/** What `od-select` says of a node (nothing for a member no longer shown). */
export function selectionFor(view: NetworkView, key: string): OdSelection | undefined {
  if (key === PERSON_KEY) return { kind: 'person', person: view.person };
  const m = view.byId.get(key);
  return m && { kind: 'member', member: m.member };
}

/** The key of the node an event's target is in (one listener on the SVG serves every node). */
export const nodeKeyOf = (target: EventTarget | null): string | undefined =>
  (target instanceof Element ? target.closest('.node')?.getAttribute('data-key') : undefined) ?? undefined;

/** The node an arrow key moves focus to from `current`: the nearest member (or the person) that way, if any. */
export function keyTowards(
  positions: ReadonlyMap<string, Point>,
  memberIds: readonly string[],
  current: string,
  arrow: Point,
): string | undefined {
  const at = (key: string): Point => (key === PERSON_KEY ? { x: 0, y: 0 } : (positions.get(key) ?? { x: 0, y: 0 }));
  const others = [...memberIds, PERSON_KEY].filter((key) => key !== current);
  return nearestInDirection(
    at(current),
    arrow,
    others.map((key): [string, Point] => [key, at(key)]),
  );
}

/**
 * A member's shape by kind (circle, square for an organisation, diamond for a professional) of
 * radius `r`, and the cross of a deceased member: the map and the legend draw them the same way.
 */
export function memberShape(
  kind: NetworkMember['kind'],
  r: number,
  diamond: number,
  deceased: boolean,
): SVGTemplateResult {
  return svg`${
    kind === 'organisation'
      ? svg`<rect class="shape" x=${-r} y=${-r} width=${2 * r} height=${2 * r}></rect>`
      : kind === 'professional'
        ? svg`<polygon class="shape" points="0,${-diamond} ${diamond},0 0,${diamond} ${-diamond},0"></polygon>`
        : svg`<circle class="shape" r=${r}></circle>`
  }
      ${deceased ? svg`<path class="mark" d="M${-r * 0.6} ${-r * 0.6} L${r * 0.6} ${r * 0.6} M${r * 0.6} ${-r * 0.6} L${-r * 0.6} ${r * 0.6}"></path>` : nothing}`;
}

/** How one member is shown: each flag is a class (and `tabbable` the one tab stop). */
export interface NodeState {
  readonly tabbable: boolean;
  readonly selected: boolean;
  /** Tied to the selected member. */
  readonly related: boolean;
  readonly dragged: boolean;
  /** In focus in another widget on the page. */
  readonly linked: boolean;
}

export function renderPerson(
  view: NetworkView,
  t: Translate<MapStrings>,
  selected: boolean,
  tabbable: boolean,
  r = PERSON_R,
): SVGTemplateResult {
  return svg`<g
      part="node"
      class="node person ${selected ? 'selected' : ''}"
      role="button"
      data-id=${view.person.id}
      data-key=${PERSON_KEY}
      tabindex=${tabbable ? 0 : -1}
      aria-pressed=${selected ? 'true' : 'false'}
      aria-label=${t('node.person', { name: view.personName })}
    >
      <circle class="hit" r=${r}></circle>
      <circle class="focus-ring" r=${r + 6}></circle>
      <circle class="shape" r=${r}></circle>
    </g>`;
}

export function renderNode(m: ShownMember, t: Translate<MapStrings>, p: Point, state: NodeState): SVGTemplateResult {
  const { member } = m;
  const id = member.id;
  const cls = `node kind-${member.kind} sector-${member.sector} status-${m.status} ${state.selected ? 'selected' : ''} ${state.related ? 'related' : ''} ${state.dragged ? 'dragged' : ''} ${state.linked ? 'linked' : ''}`;
  return svg`<g
      part="node"
      class=${cls}
      role="button"
      data-id=${id}
      data-key=${id}
      transform="translate(${p.x} ${p.y})"
      tabindex=${state.tabbable ? 0 : -1}
      aria-pressed=${state.selected ? 'true' : 'false'}
      aria-label=${nodeLabel(m, t)}
    >
      <circle class="hit" r=${NODE_R + 2}></circle>
      <circle class="focus-ring" r=${NODE_R + 8}></circle>
      ${memberShape(member.kind, NODE_R, NODE_R + 3, m.status === 'deceased')}
    </g>`;
}

/** A member's accessible name: who, how related, and where on the map. */
function nodeLabel(m: ShownMember, t: Translate<MapStrings>): string {
  const { member } = m;
  return t('node.member', {
    name: m.name,
    relationship: relationshipShown(m, t) || '—',
    kind: t(`kind.${member.kind}`),
    sector: t(`sector.${member.sector}`),
    ring: t(`ring.${member.ring}`),
    status: t(`memberStatus.${m.status}`),
  });
}
