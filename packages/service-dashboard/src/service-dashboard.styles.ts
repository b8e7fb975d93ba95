import { css } from 'lit';

/** The dashboard's own styles, on top of the kit's base, form and error styles. */
export const dashboardStyles = css`
  :host {
    --_od-dashboard-tile-min: var(--od-service-dashboard-tile-min, var(--od-dashboard-tile-min, 15em));
    --_od-dashboard-bar: var(--od-service-dashboard-bar, var(--od-dashboard-bar, var(--_od-color-primary)));
    --_od-dashboard-met: var(--od-service-dashboard-met, var(--od-dashboard-met, var(--_od-color-success)));
    --_od-dashboard-missed: var(--od-service-dashboard-missed, var(--od-dashboard-missed, var(--_od-color-error)));
  }
  .dashboard {
    background: var(--_od-color-surface);
    color: var(--_od-color-text);
  }
  /* Sized by what a heading is, not its level: heading-level moves every level, the look stays. */
  :is(h1, h2, h3, h4, h5, h6) {
    line-height: 1.25;
    margin-block: 0 var(--_od-space);
    font-size: 1em;
  }
  .title {
    font-size: 1.5em;
  }
  .section-title {
    font-size: 1.25em;
    margin-block-start: calc(var(--_od-space) * 3);
  }
  .scope,
  .note,
  .tile-target,
  .tile-count,
  .tile-spread {
    color: var(--_od-color-text-secondary);
    margin-block: 0 var(--_od-space);
  }
  .notice {
    border-inline-start: 6px solid var(--_od-color-warning);
    padding: var(--_od-space) calc(var(--_od-space) * 2);
    background: var(--_od-color-surface-raised);
    margin-block: 0 calc(var(--_od-space) * 2);
  }
  .filters {
    background: var(--_od-color-surface-raised);
    padding: calc(var(--_od-space) * 2);
    margin-block: 0 calc(var(--_od-space) * 2);
  }
  .filters .section-title {
    margin-block-start: 0;
  }
  .filter-fields {
    display: flex;
    flex-wrap: wrap;
    gap: 0 calc(var(--_od-space) * 3);
  }
  .filter-fields .od-field {
    margin-block-end: 0;
  }
  .tiles {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--_od-dashboard-tile-min)), 1fr));
    gap: calc(var(--_od-space) * 2);
  }
  .tile {
    display: flex;
    flex-direction: column;
    border: 1px solid var(--_od-color-border);
    border-block-start: 4px solid var(--_od-dashboard-bar);
    border-radius: var(--_od-radius);
    padding: calc(var(--_od-space) * 2);
    background: var(--_od-color-surface);
  }
  .tile-name {
    font-size: 1.0625em;
  }
  .tile-value {
    font-size: 1.5em;
    font-weight: 700;
    line-height: 1.25;
    margin-block: auto var(--_od-space);
    padding-block-start: var(--_od-space);
  }
  .tile-goal {
    margin-block: 0 var(--_od-space);
    padding-inline-start: var(--_od-space);
    border-inline-start: 4px solid var(--_od-color-border);
  }
  .tile-goal--met {
    border-inline-start-color: var(--_od-dashboard-met);
  }
  .tile-goal--missed {
    border-inline-start-color: var(--_od-dashboard-missed);
  }
  .open {
    font: inherit;
    font-size: var(--_od-font-size-small);
    min-block-size: var(--_od-target-size);
    min-inline-size: var(--_od-target-size);
    padding: 2px var(--_od-space);
    color: var(--_od-color-primary);
    background: var(--_od-color-surface);
    border: 1px solid var(--_od-color-primary);
    border-radius: var(--_od-radius);
    cursor: pointer;
    align-self: flex-start;
  }
  .open:hover:not(:disabled) {
    text-decoration: underline;
  }
  .open:disabled {
    color: var(--_od-color-text-secondary);
    border-color: var(--_od-color-border);
    cursor: not-allowed;
  }
  .view-switch {
    border: 0;
    padding: 0;
    margin: 0 0 calc(var(--_od-space) * 2);
  }
  .view-switch .od-choice {
    display: inline-flex;
    margin-inline-end: calc(var(--_od-space) * 3);
  }
  .trends {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 24em), 1fr));
    gap: calc(var(--_od-space) * 3);
  }
  .trend-title {
    font-size: 1.0625em;
  }
  .chart {
    display: block;
    inline-size: 100%;
    block-size: auto;
    margin-block: 0 var(--_od-space);
  }
  .chart-grid {
    stroke: var(--_od-color-border);
    stroke-width: 1;
    stroke-dasharray: 3 3;
  }
  .chart-label,
  .chart-none {
    fill: var(--_od-color-text-secondary);
    font-size: 11px;
  }
  .chart-bar {
    fill: var(--_od-dashboard-bar);
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
    margin-block: 0 var(--_od-space);
  }
  caption {
    text-align: start;
    font-weight: 700;
    padding-block: var(--_od-space);
  }
  th,
  td {
    text-align: start;
    padding: calc(var(--_od-space) / 2) var(--_od-space);
    border-block-end: 1px solid var(--_od-color-border);
    vertical-align: top;
  }
  thead th {
    border-block-end-width: 2px;
  }
  @media (forced-colors: active) {
    .chart-bar {
      fill: CanvasText;
    }
    .chart-label,
    .chart-none {
      fill: CanvasText;
    }
    .tile,
    .tile-goal {
      border-color: CanvasText;
    }
    .open {
      color: ButtonText;
      border-color: ButtonText;
    }
    .open:disabled {
      color: GrayText;
      border-color: GrayText;
    }
  }
`;
