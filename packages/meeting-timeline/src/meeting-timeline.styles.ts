import { errorStateStyles, formStyles, OdElement } from '@odkit/elements';
import { css } from 'lit';

/**
 * Component tokens (`--od-meeting-timeline-*`, after the tag; the old `--od-timeline-*` names still work) default
 * to the kit's system tokens.
 */
export const timelineStyles = [
  ...OdElement.styles,
  errorStateStyles,
  formStyles,
  css`
    :host {
      --_tl-held: var(--od-meeting-timeline-held, var(--od-timeline-held, var(--_od-color-primary)));
      --_tl-planned: var(--od-meeting-timeline-planned, var(--od-timeline-planned, var(--_od-color-text-secondary)));
      --_tl-cancelled: var(--od-meeting-timeline-cancelled, var(--od-timeline-cancelled, var(--_od-color-error)));
      --_tl-met: var(--od-meeting-timeline-met, var(--od-timeline-met, var(--_od-color-success)));
      --_tl-missed: var(--od-meeting-timeline-missed, var(--od-timeline-missed, var(--_od-color-error)));
      --_tl-list-height: var(--od-meeting-timeline-list-height, var(--od-timeline-list-height, 32em));
      background: var(--_od-color-surface);
      container-type: inline-size;
    }
    /* Sized by what a heading is, not its level: heading-level moves every level, the look stays. */
    :is(h1, h2, h3, h4, h5, h6) {
      margin-block: 0 var(--_od-space);
      line-height: 1.25;
      font-size: 1em;
    }
    .title {
      font-size: 1.5em;
    }
    .section-title {
      font-size: 1.2em;
    }
    .sub-title {
      margin-block-start: calc(var(--_od-space) * 2);
    }
    .header {
      margin-block-end: calc(var(--_od-space) * 2);
    }
    /* Names, teams and places are free text: a long word (an email address, a name with no
       space) wraps inside the widget instead of widening it and the host page. */
    .title,
    .first-contact,
    .mode,
    .who {
      overflow-wrap: anywhere;
    }
    .first-contact,
    .episode-line {
      margin-block: 0 var(--_od-space);
      color: var(--_od-color-text-secondary);
    }
    .episode-line {
      overflow-wrap: anywhere;
    }
    /* Hand over, finish, open: under the badge, before the toolbar. */
    .episode-actions {
      margin-block-start: var(--_od-space);
    }
    .marker-contact {
      color: var(--_od-color-text);
    }
    .badge {
      display: inline-flex;
      gap: var(--_od-space);
      align-items: baseline;
      margin: 0;
      padding: calc(var(--_od-space) / 2) var(--_od-space);
      border: 2px solid currentColor;
      border-inline-start-width: 6px;
      font-weight: 700;
      background: var(--_od-color-surface-raised);
      color: var(--_od-color-text);
    }
    .badge--met {
      border-color: var(--_tl-met);
    }
    .badge--missed,
    .badge--overdue {
      border-color: var(--_tl-missed);
    }
    .badge--waiting {
      border-color: var(--_od-color-warning);
    }
    .badge__icon {
      font-size: 1.2em;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_od-space) calc(var(--_od-space) * 3);
      align-items: flex-end;
      margin-block-end: var(--_od-space);
    }
    .toolbar .od-field,
    .toolbar .od-fieldset {
      margin: 0;
    }
    .toggle {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_od-space) / 2);
      align-items: center;
    }
    .toggle__label {
      font-weight: 700;
      inline-size: 100%;
    }
    .toggle .od-button[aria-pressed='true'] {
      background: var(--_od-color-primary);
      color: var(--_od-color-on-primary);
      text-decoration: underline;
      text-underline-offset: 0.2em;
    }
    .od-form-row {
      display: flex;
      flex-wrap: wrap;
      gap: 0 calc(var(--_od-space) * 2);
      align-items: flex-end;
    }
    .od-form-row > .od-field {
      margin-block-end: var(--_od-space);
    }
    .od-input--short {
      inline-size: auto;
      max-inline-size: 12em;
    }
    .range-toggle {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_od-space);
      align-items: center;
    }
    .range-current {
      font-weight: 700;
    }
    .range {
      flex-basis: 100%;
    }
    .range__buttons {
      margin-block-end: var(--_od-space);
    }
    .axis {
      overflow-x: auto;
      border-block: 1px solid var(--_od-color-border);
      margin-block-end: calc(var(--_od-space) * 2);
      background: var(--_od-color-surface-raised);
    }
    .axis svg {
      display: block;
    }
    .baseline,
    .tick {
      stroke: var(--_od-color-border);
      stroke-width: 1;
    }
    .tick-label {
      fill: var(--_od-color-text-secondary);
      font-size: 11px;
    }
    .contact {
      fill: var(--_od-color-text);
    }
    .contact-line {
      stroke: var(--_od-color-text);
      stroke-width: 2;
    }
    .m-held {
      fill: var(--_tl-held);
      stroke: var(--_tl-held);
    }
    .m-planned {
      fill: var(--_od-color-surface);
      stroke: var(--_tl-planned);
      stroke-width: 2;
    }
    .m-cancelled {
      fill: none;
      stroke: var(--_tl-cancelled);
      stroke-width: 2;
    }
    .m-focus {
      fill: none;
      stroke: var(--_od-color-text);
      stroke-width: 2;
      stroke-dasharray: 3 2;
    }
    .body {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_od-space) * 2);
      align-items: flex-start;
    }
    .main {
      flex: 3 1 22em;
      min-inline-size: 0;
    }
    .side {
      flex: 2 1 18em;
      min-inline-size: 0;
      position: sticky;
      inset-block-start: 0;
    }
    .viewport {
      max-block-size: var(--_tl-list-height);
      overflow-y: auto;
      border: 1px solid var(--_od-color-border);
    }
    .list {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .row {
      border-block-end: 1px solid var(--_od-color-border);
    }
    [data-virtual] .row {
      block-size: 4.75em;
      overflow: hidden;
    }
    .meeting {
      display: flex;
      flex-direction: column;
      gap: 2px;
      inline-size: 100%;
      min-block-size: var(--_od-target-size);
      padding: var(--_od-space);
      font: inherit;
      text-align: start;
      color: inherit;
      background: var(--_od-color-surface);
      border: 0;
      border-inline-start: 6px solid var(--_tl-held);
      cursor: pointer;
    }
    .row--planned .meeting {
      border-inline-start-style: dashed;
      border-inline-start-color: var(--_tl-planned);
    }
    .row--cancelled .meeting {
      border-inline-start-style: dotted;
      border-inline-start-color: var(--_tl-cancelled);
    }
    .row--cancelled .meeting__when {
      text-decoration: line-through;
    }
    .meeting[aria-expanded='true'] {
      background: var(--_od-color-surface-raised);
      outline: 2px solid var(--_od-color-primary);
      outline-offset: -2px;
    }
    .meeting:hover {
      background: var(--_od-color-surface-raised);
    }
    .meeting:focus-visible {
      outline-offset: -3px;
    }
    .meeting__line {
      display: flex;
      flex-wrap: wrap;
      gap: 0 calc(var(--_od-space) * 1.5);
      align-items: baseline;
    }
    .meeting__when {
      font-weight: 700;
    }
    .meeting__facts {
      color: var(--_od-color-text-secondary);
      font-size: var(--_od-font-size-small);
    }
    [data-virtual] .meeting__facts {
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
      display: block;
    }
    [data-virtual] .meeting__facts > span + span::before {
      content: ' · ';
    }
    .tag {
      font-size: var(--_od-font-size-small);
      font-weight: 700;
      border: 1px solid currentColor;
      padding-inline: 4px;
    }
    /* A member another widget points at: their meetings and matrix row carry a tag in text, and a heavier edge. */
    .row--linked .meeting {
      border-inline-start-width: 12px;
      background: var(--_od-color-surface-raised);
    }
    tr.linked th,
    tr.linked td {
      background: var(--_od-color-surface-raised);
      border-block: 2px solid var(--_od-color-primary);
    }
    .empty {
      padding: var(--_od-space);
      border: 1px dashed var(--_od-color-border);
    }
    .details {
      border: 2px solid var(--_od-color-border);
      padding: calc(var(--_od-space) * 2);
      background: var(--_od-color-surface);
    }
    /* The close button keeps a clear space from the heading, and goes under it when narrow. */
    .details__head {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_od-space) calc(var(--_od-space) * 2);
      justify-content: space-between;
      align-items: flex-start;
    }
    .details__head .section-title {
      flex: 1 1 14em;
      margin-block-start: 0;
    }
    .facts {
      display: grid;
      /* A long term (an instrument's title) wraps rather than widening the details. */
      grid-template-columns: fit-content(40%) 1fr;
      gap: 4px calc(var(--_od-space) * 2);
      margin: 0;
    }
    .facts dt {
      font-weight: 700;
    }
    .facts dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .attendees {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .attendees li {
      display: flex;
      flex-wrap: wrap;
      gap: 0 var(--_od-space);
      align-items: center;
      padding-block: 2px;
      border-block-end: 1px solid var(--_od-color-surface-raised);
    }
    .attendees .absent .who {
      text-decoration: line-through;
    }
    .who {
      font-weight: 700;
    }
    .role,
    .presence {
      color: var(--_od-color-text-secondary);
      font-size: var(--_od-font-size-small);
    }
    button.member {
      font: inherit;
      font-weight: 700;
      color: var(--_od-color-primary);
      background: none;
      border: 0;
      padding: 2px 4px;
      min-block-size: var(--_od-target-size);
      min-inline-size: var(--_od-target-size);
      text-decoration: underline;
      cursor: pointer;
      text-align: start;
    }
    .notes {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .matrix-wrap {
      /* Positioned, so the cells' absolutely positioned .visually-hidden text is contained
         (and scrolled) here instead of widening the host page. */
      position: relative;
      overflow-x: auto;
      max-inline-size: 100%;
    }
    .matrix {
      border-collapse: collapse;
      font-size: var(--_od-font-size-small);
    }
    /* Already small with the rest of the matrix: em sizes would shrink it twice. */
    .matrix .role {
      font-size: inherit;
    }
    .matrix caption {
      text-align: start;
      font-weight: 700;
      font-size: var(--_od-font-size);
      padding-block: var(--_od-space);
    }
    .matrix th,
    .matrix td {
      border: 1px solid var(--_od-color-border);
      padding: 4px 6px;
      text-align: center;
      vertical-align: middle;
    }
    .matrix th[scope='row'] {
      text-align: start;
      white-space: nowrap;
    }
    .matrix thead th {
      min-inline-size: calc(5.5em / 0.875); /* 5.5 × the kit's text size, in the matrix's small text */
      font-weight: 700;
    }
    .col__status {
      display: block;
      font-weight: 400;
    }
    .col--cancelled time {
      text-decoration: line-through;
    }
    .cell--present {
      color: var(--_tl-held);
      font-size: 1.1em;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_od-space) * 2);
      font-size: var(--_od-font-size-small);
    }
    .summary {
      margin-block-start: calc(var(--_od-space) * 3);
      border-block-start: 4px solid var(--_od-color-primary);
      padding-block-start: var(--_od-space);
    }
    .summary dl {
      display: grid;
      grid-template-columns: minmax(12em, max-content) 1fr;
      gap: 4px calc(var(--_od-space) * 2);
      margin: 0;
    }
    .summary dt {
      color: var(--_od-color-text-secondary);
    }
    .summary dd {
      margin: 0;
      font-weight: 700;
    }
    .as-of {
      margin-block: 0 var(--_od-space);
      color: var(--_od-color-text-secondary);
    }
    .mix {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .attendance-picker {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .attendee-pick {
      padding-block: calc(var(--_od-space) / 2);
    }
    .attendee-pick--error {
      border-inline-start: 4px solid var(--_od-color-error);
      padding-inline-start: var(--_od-space);
    }
    .attendee-pick .od-select {
      inline-size: auto;
    }
    @container (max-width: 30em) {
      .summary dl,
      .facts {
        grid-template-columns: 1fr;
      }
    }
    @media (forced-colors: active) {
      .meeting,
      .badge {
        border-color: CanvasText;
      }
      .m-held,
      .contact {
        fill: CanvasText;
        stroke: CanvasText;
      }
      .m-planned,
      .m-cancelled,
      .m-focus,
      .baseline,
      .tick,
      .contact-line {
        stroke: CanvasText;
      }
      .tick-label {
        fill: CanvasText;
      }
    }
    /* Print: the header, every meeting in range (the virtualised list renders them all while printing), the matrix and the measures; no controls. */
    @media print {
      .toolbar,
      .axis,
      .side,
      .episode-actions,
      .od-sync-review {
        display: none;
      }
      .body {
        display: block;
      }
      .viewport,
      .matrix-wrap {
        max-block-size: none;
        overflow: visible;
        border: 0;
      }
      .list {
        padding-block: 0 !important;
      }
      .row,
      tr,
      .summary {
        break-inside: avoid;
      }
      [data-virtual] .row {
        block-size: auto;
      }
      .meeting,
      .matrix .member {
        background: none;
        outline: 0;
      }
      .matrix .member {
        border: 0;
        padding: 0;
        text-decoration: none;
        color: inherit;
      }
    }
  `,
];
