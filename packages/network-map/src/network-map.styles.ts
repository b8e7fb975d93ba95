import { css } from 'lit';

/**
 * The map's styles. Sector colours are component tokens; every sector is also
 * named in text (labels, legend, details, table), so colour is never the only cue.
 * Tie kinds differ in shape (width, dashes, hatching, zigzag, a cut) as well as
 * colour, so they survive greyscale printing and forced colours. There is no
 * animation at all (so nothing to turn off for reduced motion).
 */
export const networkMapStyles = css`
  :host {
    --_sector-household: var(--od-network-map-sector-household, #e69f00);
    --_sector-family: var(--od-network-map-sector-family, #56b4e9);
    --_sector-friends: var(--od-network-map-sector-friends, #009e73);
    --_sector-work-school: var(--od-network-map-sector-work-school, #f0e442);
    --_sector-organisations: var(--od-network-map-sector-organisations, #cc79a7);
    --_sector-neighbours: var(--od-network-map-sector-neighbours, #7f8ce0);
    --_sector-services: var(--od-network-map-sector-services, #d55e00);
    --_ring: var(--od-network-map-ring, var(--_od-color-border));
    --_tie: var(--od-network-map-tie, var(--_od-color-text));
    --_tie-between: var(--od-network-map-tie-between, var(--_od-color-text-secondary));
    --_tie-stress: var(--od-network-map-tie-stress, var(--_od-color-error));
    --_selection: var(--od-network-map-selection, var(--_od-color-primary));
  }
  .od-map {
    background: var(--_od-color-surface);
    color: var(--_od-color-text);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_od-space);
    align-items: center;
    margin-block-end: var(--_od-space);
  }
  .toolbar .group {
    display: inline-flex;
    gap: calc(var(--_od-space) / 2);
  }
  /* "Download PNG" could not fetch its code: said on a line of its own under the buttons. */
  .toolbar .export-unavailable {
    flex-basis: 100%;
    margin: 0;
  }
  .od-button.icon {
    /* 2.5 × the kit's text size, in this button's 1.25em text */
    min-inline-size: 2em;
    min-block-size: max(var(--_od-target-size), 2em);
    font-size: 1.25em;
    line-height: 1;
  }
  .od-button.small {
    min-block-size: max(var(--_od-target-size), 2em);
    font-weight: 400;
    padding-block: 0;
  }
  .stepper-day {
    align-self: center;
  }
  /* At either end of the meetings: looks as a disabled button does, and keeps focus (aria-disabled). */
  .stepper [aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .changes,
  .notes,
  .hint {
    color: var(--_od-color-text-secondary);
    margin-block: 0 var(--_od-space);
  }
  .main {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(14em, 20em);
    gap: calc(var(--_od-space) * 2);
    align-items: start;
  }
  @container (max-width: 40em) {
    .main {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  :host {
    container-type: inline-size;
  }
  .picture {
    min-inline-size: 0;
  }
  .empty {
    margin-block: 0 var(--_od-space);
  }
  .names-hidden {
    margin-block: calc(var(--_od-space) / 2) 0;
    color: var(--_od-color-text-secondary);
  }
  .frame {
    border: 1px solid var(--_od-color-border);
    border-radius: var(--_od-radius);
    background: var(--_od-color-surface);
    overflow: hidden;
    touch-action: none;
    user-select: none;
  }
  svg.map {
    display: block;
    inline-size: 100%;
    block-size: var(--od-network-map-height, min(80vh, 640px));
    transform-origin: 50% 50%;
    will-change: transform;
  }
  svg.map:focus-visible {
    outline: none;
    box-shadow: none;
  }
  .ring {
    fill: none;
    stroke: var(--_ring);
    stroke-width: 1.5;
  }
  .sector-line {
    stroke: var(--_ring);
    stroke-width: 1;
    stroke-dasharray: 2 4;
  }
  /* Text sizes and halo widths are set on the picture in map units, from its scale on screen (never below 12 px). */
  .sector-label {
    fill: var(--_od-color-text);
    font-weight: 700;
    paint-order: stroke;
    stroke: var(--_od-color-surface);
    stroke-linejoin: round;
  }
  /* ties */
  .tie path {
    fill: none;
    stroke: var(--_tie);
    stroke-linecap: butt;
    stroke-linejoin: round;
  }
  .tie .arrow {
    fill: var(--_tie);
    stroke: none;
  }
  .strength-strong path {
    stroke-width: 5;
  }
  .strength-moderate path {
    stroke-width: 2.5;
  }
  .strength-tenuous path {
    stroke-width: 2;
    stroke-dasharray: 7 5;
  }
  .quality-stressful path,
  .quality-conflictual path {
    stroke: var(--_tie-stress);
  }
  .quality-stressful .arrow,
  .quality-conflictual .arrow {
    fill: var(--_tie-stress);
  }
  .quality-stressful path,
  .quality-conflictual path,
  .quality-cut-off path {
    stroke-dasharray: none;
  }
  .tie.between path {
    stroke: var(--_tie-between);
    stroke-width: 1.25;
  }
  .tie.between.strength-strong path {
    stroke-width: 2.5;
  }
  .tie.between .arrow {
    fill: var(--_tie-between);
  }
  .has-selection .tie:not(.highlight),
  .has-selection .node:not(.selected):not(.related):not(.person) {
    opacity: 0.3;
  }
  .tie.highlight path {
    stroke-width: 5;
  }
  /* members */
  .node {
    cursor: pointer;
    outline: none;
  }
  .node:focus,
  .node:focus-visible {
    outline: none;
    box-shadow: none;
  }
  .node .shape {
    stroke: var(--_od-color-text);
    stroke-width: 2;
    fill: var(--_od-color-surface-raised);
  }
  .node.person .shape {
    fill: var(--_od-color-primary);
    stroke-width: 3;
  }
  .node.sector-household .shape { fill: var(--_sector-household); }
  .node.sector-family .shape { fill: var(--_sector-family); }
  .node.sector-friends .shape { fill: var(--_sector-friends); }
  .node.sector-work-school .shape { fill: var(--_sector-work-school); }
  .node.sector-organisations .shape { fill: var(--_sector-organisations); }
  .node.sector-neighbours .shape { fill: var(--_sector-neighbours); }
  .node.sector-services .shape { fill: var(--_sector-services); }
  .node.status-past .shape {
    stroke-dasharray: 4 3;
    fill-opacity: 0.35;
  }
  .node.status-deceased .shape {
    fill-opacity: 0.35;
  }
  .node .mark {
    stroke: var(--_od-color-text);
    stroke-width: 2.5;
    fill: none;
  }
  .labels {
    pointer-events: none;
  }
  .labels .dim {
    opacity: 0.3;
  }
  .label {
    fill: var(--_od-color-text);
    paint-order: stroke;
    stroke: var(--_od-color-surface);
    stroke-linejoin: round;
  }
  .labels .leader {
    stroke: var(--_od-color-text-secondary);
    stroke-width: 1;
    stroke-dasharray: 3 2;
    vector-effect: non-scaling-stroke;
  }
  /* The person's name, inside their circle. */
  .person-label .label {
    fill: var(--_od-color-on-primary);
    stroke: none;
    font-weight: 700;
  }
  .node .hit {
    fill: transparent;
    stroke: none;
    pointer-events: all;
  }
  .node .focus-ring {
    fill: none;
    stroke: none;
  }
  .node.selected .focus-ring {
    stroke: var(--_selection);
    stroke-width: 4;
  }
  .node.linked .focus-ring {
    stroke: var(--_selection);
    stroke-width: 3;
    stroke-dasharray: 4 3;
  }
  .node:focus-visible .focus-ring {
    stroke: var(--_od-color-on-focus);
    stroke-width: 8;
  }
  .node:focus-visible .shape {
    stroke: var(--_od-color-focus);
    stroke-width: 5;
  }
  .node.dragged {
    opacity: 0.8;
  }
  /* panel */
  .panel {
    border: 1px solid var(--_od-color-border);
    border-radius: var(--_od-radius);
    padding: calc(var(--_od-space) * 2);
    background: var(--_od-color-surface);
  }
  /* A title the host slots in (slot "heading"), at heading-level: sized as a title whatever its level. */
  .title {
    font-size: 1.5em;
    line-height: 1.25;
    margin-block: 0 var(--_od-space);
  }
  .panel-title {
    font-size: 1.25em;
    margin-block: 0 var(--_od-space);
    overflow-wrap: anywhere;
  }
  .facts {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: calc(var(--_od-space) / 2) calc(var(--_od-space) * 2);
    margin: 0 0 var(--_od-space);
  }
  .facts dt {
    color: var(--_od-color-text-secondary);
  }
  .facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .sub {
    font-weight: 700;
    margin-block: calc(var(--_od-space) * 2) calc(var(--_od-space) / 2);
  }
  .ties-list {
    margin: 0;
    padding-inline-start: calc(var(--_od-space) * 2);
    overflow-wrap: anywhere;
  }
  .ties-list li {
    margin-block-end: var(--_od-space);
  }
  .od-button-group.inline {
    display: flex;
    margin-block-start: calc(var(--_od-space) / 2);
  }
  .move .od-button-group {
    margin-block-end: var(--_od-space);
  }
  .move-sector {
    margin-block-end: var(--_od-space);
  }
  .move-sector .od-select {
    inline-size: auto;
    flex: 1;
  }
  .optional {
    font-weight: 400;
  }
  /* legend, summary, table */
  .legend {
    margin-block-start: calc(var(--_od-space) * 2);
  }
  .legend-title {
    font-weight: 700;
    margin-block: 0 var(--_od-space);
  }
  .legend-list {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_od-space) calc(var(--_od-space) * 3);
    list-style: none;
    margin: 0 0 var(--_od-space);
    padding: 0;
  }
  .legend-list li {
    display: inline-flex;
    align-items: center;
    gap: var(--_od-space);
  }
  .swatch {
    flex: none;
    overflow: visible;
  }
  .summary {
    margin-block: calc(var(--_od-space) * 2) 0;
    max-inline-size: 60em;
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
  }
  table + table {
    margin-block-start: calc(var(--_od-space) * 4);
  }
  caption {
    text-align: start;
    font-weight: 700;
    font-size: 1.125em;
    padding-block-end: var(--_od-space);
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: calc(var(--_od-space) / 2) var(--_od-space);
    border-block-end: 1px solid var(--_od-color-border);
    overflow-wrap: break-word;
  }
  .main.full {
    grid-template-columns: minmax(0, 1fr);
  }
  @media (forced-colors: active) {
    /* System colours replace the sector colours; sectors stay named in text (ring labels, details, table). */
    .node.node .shape,
    .node.person .shape {
      fill: Canvas;
      stroke: CanvasText;
    }
    .legend-list.sectors {
      display: none;
    }
    .node.selected .focus-ring,
    .node.linked .focus-ring {
      stroke: Highlight;
    }
    .node:focus-visible .focus-ring,
    .node:focus-visible .shape {
      stroke: Highlight;
    }
    .tie path,
    .tie.between path,
    .quality-stressful path,
    .quality-conflictual path {
      stroke: CanvasText;
    }
    .tie .arrow {
      fill: CanvasText;
    }
    .label,
    .sector-label {
      fill: CanvasText;
      stroke: Canvas;
    }
    .labels .leader {
      stroke: CanvasText;
    }
    .person-label .label {
      fill: CanvasText;
    }
  }
  @media print {
    .toolbar,
    .panel,
    .empty {
      display: none;
    }
    .main {
      display: block;
    }
    .frame {
      border: 0;
      break-inside: avoid;
    }
    svg.map {
      block-size: auto;
      aspect-ratio: 1;
      max-block-size: 100vh;
      transform: none !important;
    }
    .legend,
    .summary {
      break-inside: avoid;
    }
  }
`;
