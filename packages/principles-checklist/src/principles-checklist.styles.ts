import { css } from 'lit';

/** The checklist's own styles, on top of the kit's base, form and error styles. */
export const checklistStyles = css`
  :host {
    --_od-checklist-item-gap: var(--od-principles-checklist-item-gap, var(--od-checklist-item-gap, calc(var(--_od-space) * 3)));
    --_od-checklist-chart-line: var(--od-principles-checklist-chart-line, var(--od-checklist-chart-line, var(--_od-color-primary)));
    --_od-checklist-difference-background: var(--od-principles-checklist-difference-background, var(--od-checklist-difference-background, var(--_od-color-surface-raised)));
    max-inline-size: 48em;
  }
  .checklist {
    background: var(--_od-color-surface);
    color: var(--_od-color-text);
  }
  /* Sized by what a heading is, not its level: heading-level moves every level, the look stays. */
  :is(h1, h2, h3, h4, h5, h6) {
    line-height: 1.25;
    margin-block: 0 var(--_od-space);
    font-size: 1em;
  }
  .section-title {
    font-size: 1.17em;
  }
  .title {
    font-size: 1.5em;
  }
  .group-title {
    font-size: 1.25em;
    margin-block-start: calc(var(--_od-space) * 4);
    padding-block-start: var(--_od-space);
    border-block-start: 2px solid var(--_od-color-border);
  }
  .meta,
  .source,
  .save-status {
    color: var(--_od-color-text-secondary);
    margin-block: 0 var(--_od-space);
  }
  .progress {
    font-weight: 700;
    margin-block: 0 calc(var(--_od-space) * 2);
  }
  .notice {
    border-inline-start: 6px solid var(--_od-color-primary);
    padding: var(--_od-space) calc(var(--_od-space) * 2);
    background: var(--_od-color-surface-raised);
    margin-block: 0 calc(var(--_od-space) * 3);
  }
  fieldset.about {
    padding: calc(var(--_od-space) * 2);
    background: var(--_od-color-surface-raised);
  }
  .about-legend {
    font-size: 1.125em;
    float: inline-start;
    inline-size: 100%;
    margin-block-end: var(--_od-space);
  }
  .about .od-field {
    clear: both;
  }
  .choices-fieldset {
    margin-block-end: calc(var(--_od-space) * 2);
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_od-space) calc(var(--_od-space) * 3);
  }
  .od-choice label {
    cursor: pointer;
    padding-block: 2px;
  }
  .item {
    margin-block-end: var(--_od-checklist-item-gap);
  }
  /* The rating's fieldset and the comment under it make one item: the item's gap is after both. */
  .item > fieldset.item-rating {
    margin-block-end: 0;
  }
  .item-title {
    font-size: 1.0625em;
  }
  .optional {
    font-weight: 400;
    color: var(--_od-color-text-secondary);
  }
  .comment {
    margin-block: var(--_od-space) 0;
  }
  .comment-label {
    font-weight: 400;
  }
  .item--read-only {
    padding-block-end: var(--_od-space);
    border-block-end: 1px solid var(--_od-color-border);
  }
  .answer {
    margin-block: 0;
    font-weight: 700;
  }
  .comment-text {
    margin-block: calc(var(--_od-space) / 2) 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .about-list {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: calc(var(--_od-space) / 2) calc(var(--_od-space) * 2);
    margin-block: 0 calc(var(--_od-space) * 3);
  }
  .about-list dt {
    color: var(--_od-color-text-secondary);
  }
  .about-list dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .actions {
    margin-block-start: calc(var(--_od-space) * 3);
  }
  .actions .save-status,
  .actions .draft-status {
    margin: 0;
  }
  /* Always in the page (a live region); empty, it is the last item of the row and shows nothing. */
  .draft-status {
    font-weight: 700;
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
    margin-block: 0 calc(var(--_od-space) * 2);
  }
  caption {
    text-align: start;
    font-weight: 700;
    padding-block: var(--_od-space);
  }
  th,
  td {
    text-align: start;
    padding: var(--_od-space);
    border-block-end: 1px solid var(--_od-color-border);
    vertical-align: top;
  }
  thead th {
    border-block-end-width: 2px;
  }
  .overall th,
  .overall td,
  .current th,
  .current td {
    font-weight: 700;
  }
  tr.differs {
    background: var(--_od-checklist-difference-background);
  }
  tr.differs th {
    border-inline-start: 4px solid var(--_od-color-warning);
  }
  .trend-chart {
    display: block;
    inline-size: 100%;
    max-inline-size: 24em;
    block-size: auto;
    margin-block: var(--_od-space) calc(var(--_od-space) * 2);
  }
  .trend-grid {
    stroke: var(--_od-color-border);
    stroke-width: 1;
    stroke-dasharray: 3 3;
  }
  .trend-label {
    fill: var(--_od-color-text-secondary);
    font-size: 11px;
  }
  .trend-line {
    fill: none;
    stroke: var(--_od-checklist-chart-line);
    stroke-width: 2.5;
  }
  .trend-point {
    fill: var(--_od-checklist-chart-line);
  }
  @media (forced-colors: active) {
    .trend-label {
    fill: var(--_od-color-text-secondary);
    font-size: 11px;
  }
  .trend-line {
      stroke: CanvasText;
    }
    .trend-point,
    .trend-label {
      fill: CanvasText;
    }
    tr.differs th {
      border-inline-start-color: CanvasText;
    }
  }
  /* The scores, rendered with the rating form for paper only. */
  .print-scores {
    display: none;
  }
  /* Print: each item with the answer chosen (not the other choices), the comments and the scores; no buttons or save status. */
  @media print {
    .actions,
    .od-error-summary,
    .od-sync-review {
      display: none;
    }
    .print-scores {
      display: block;
      break-inside: avoid;
    }
    .choices .od-choice:not(:has(input:checked)) {
      display: none;
    }
    .item,
    tr {
      break-inside: avoid;
    }
    .od-textarea,
    .od-input {
      border: 0;
      padding: 0;
      resize: none;
    }
    /* A comment takes the room its text needs, none when empty. */
    .od-textarea {
      field-sizing: content;
      min-block-size: 0;
    }
  }
`;
