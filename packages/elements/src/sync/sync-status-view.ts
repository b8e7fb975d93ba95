import type { CaseRecord, SyncConflict } from '@odkit/core';
import { css, html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import {
  conflictRows,
  conflictSubject,
  lastSavedText,
  syncMessage,
  type SyncLocale,
  type SyncValueOptions,
} from './conflict-text.js';
import type { SyncStatusController } from './sync-status-controller.js';

export interface SyncViewOptions extends SyncValueOptions {
  /** The record the widget shows, to name what a conflict is about (a tie's two ends, an assessment's meeting). */
  readonly record?: CaseRecord | undefined;
  /**
   * Whether a person may decide conflicts here (default true). A widget that cannot edit
   * (read only, or the map's initials-only shared screen) shows the conflicts without
   * Keep mine / Keep theirs, and says where to decide.
   */
  readonly canDecide?: boolean | undefined;
}

/** Icons beside the message (hidden from assistive technology: the text carries the meaning). */
const ICONS = { saved: '✓', pending: '↻', offline: '⊘', sending: '↑', conflict: '!', unreadable: '!' } as const;

/**
 * The status line every widget shows at its top when its store syncs (nothing otherwise):
 * what is saved where, a "Review changes" button when an edit needs a decision, and the
 * review panel when it is open. The line is not a live region: `<od-provider>` owns the one
 * announcement region for its store and announces only what matters (offline, a decision
 * needed, changes set aside, all saved again), so a page with three widgets says each once.
 */
export function renderSyncStatus(
  sync: SyncStatusController,
  i18n: SyncLocale,
  options: SyncViewOptions = {},
): TemplateResult | typeof nothing {
  const status = sync.status;
  if (!status) return nothing;
  const message = syncMessage(status);
  const saved = lastSavedText(status, i18n);
  return html`<div class="od-sync od-sync--${message.tone}" part="sync-status" data-tone=${message.tone}>
      <div class="od-sync__line">
        <span class="od-sync__icon" aria-hidden="true">${ICONS[message.tone]}</span>
        <p class="od-sync__message" tabindex="-1" data-sync-focus="status">${i18n.t(message.key, { count: message.count })}</p>
        ${
          status.conflicts.length
            ? html`<button
              type="button"
              class="od-button od-button--secondary od-sync__review"
              data-sync-focus="review-button"
              aria-expanded=${sync.reviewOpen ? 'true' : 'false'}
              aria-controls=${sync.reviewOpen ? 'od-sync-review' : nothing}
              @click=${sync.reviewOpen ? sync.closeReview : sync.openReview}
            >
              ${i18n.t('sync.review')}
            </button>`
            : nothing
        }
      </div>
      ${saved ? html`<p class="od-sync__meta">${saved}</p>` : nothing}
      ${
        status.unreadable && message.tone !== 'unreadable'
          ? html`<p class="od-sync__meta od-sync__unreadable">${i18n.t('sync.unreadable', { count: status.unreadable })}</p>`
          : nothing
      }
    </div>
    ${sync.reviewOpen ? renderReviewPanel(sync, i18n, options) : nothing}`;
}

function renderReviewPanel(sync: SyncStatusController, i18n: SyncLocale, options: SyncViewOptions): TemplateResult {
  const conflicts = sync.status?.conflicts ?? [];
  const decision = sync.decision;
  const announcement =
    decision?.state === 'resolving'
      ? i18n.t('sync.resolving')
      : decision?.state === 'resolved'
        ? i18n.t(decision.keep === 'mine' ? 'sync.keptMine' : 'sync.keptTheirs', {
            subject: conflictSubject(decision.conflict, i18n, options.record, options),
          })
        : '';
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    sync.closeReview();
  };
  return html`<section id="od-sync-review" class="od-sync-review" part="sync-review" aria-labelledby="od-sync-review-title" @keydown=${onKey}>
    <div class="od-sync-review__head">
      <h2 class="od-sync-review__title" id="od-sync-review-title" tabindex="-1" data-sync-focus="review-title">${i18n.t('sync.reviewTitle')}</h2>
      <button type="button" class="od-button od-button--secondary" data-sync-action="close" @click=${sync.closeReview}>${i18n.t('sync.close')}</button>
    </div>
    <p class="visually-hidden" role="status">${announcement}</p>
    ${
      decision?.state === 'failed'
        ? html`<div class="od-sync-review__failed" role="alert" tabindex="-1" data-sync-focus="failed">${i18n.t('sync.decisionFailed')}</div>`
        : nothing
    }
    ${
      conflicts.length
        ? html`<p class="od-sync-review__intro">${i18n.t(options.canDecide === false ? 'sync.reviewIntroReadOnly' : 'sync.reviewIntro')}</p>
          ${repeat(
            conflicts,
            (c) => c.editId,
            (c, index) => renderConflict(c, index, sync, i18n, options),
          )}`
        : html`<p>${announcement ? html`<span aria-hidden="true">${announcement} </span>` : nothing}${i18n.t('sync.noConflicts')}</p>`
    }
  </section>`;
}

function renderConflict(
  c: SyncConflict,
  index: number,
  sync: SyncStatusController,
  i18n: SyncLocale,
  options: SyncViewOptions,
): TemplateResult {
  const subject = conflictSubject(c, i18n, options.record, options);
  const headingId = `od-sync-conflict-${index}`;
  const busy = sync.decision?.state === 'resolving';
  const when = Number.isNaN(Date.parse(c.at)) ? undefined : i18n.dateTime(c.at);
  // Who made the edit, as the widget shows names (initials on a shared screen).
  const name = c.author && (options.displayName?.(c.author.name) ?? c.author.name);
  const made = when
    ? name
      ? i18n.t('sync.madeBy', { name, date: when })
      : i18n.t('sync.madeOn', { date: when })
    : name
      ? i18n.t('sync.madeByUndated', { name })
      : '';
  const rows = conflictRows(c, i18n, options);
  // aria-disabled, not disabled: the pressed button keeps focus while the decision is saved.
  const decide = (keep: 'mine' | 'theirs') => () => {
    if (!busy) void sync.resolve(c.editId, keep);
  };
  return html`<section class="od-sync-conflict" aria-labelledby=${headingId} data-edit-id=${c.editId}>
    <h3 class="od-sync-conflict__title" id=${headingId} tabindex="-1" data-sync-focus=${`conflict:${c.editId}`}>${subject}</h3>
    <p>${made} ${i18n.t(`sync.reason.${c.reason}`)}</p>
    ${
      rows.length
        ? html`<div class="od-sync-conflict__table" role="region" tabindex="0" aria-labelledby=${`${headingId}-caption`}>
          <table>
            <caption id=${`${headingId}-caption`}>${i18n.t('sync.tableCaption', { subject })}</caption>
            <thead>
              <tr>
                <th scope="col">${i18n.t('sync.field')}</th>
                <th scope="col">${i18n.t('sync.mine')}</th>
                <th scope="col">${i18n.t('sync.theirs')}</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (row) => html`<tr>
                  <th scope="row">${row.name}</th>
                  <td>${row.mine}</td>
                  <td>${row.theirs}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>`
        : nothing
    }
    ${
      options.canDecide === false
        ? html`<p class="od-sync-conflict__hint" data-sync-hint="read-only">${i18n.t('sync.decideElsewhere')}</p>`
        : html`<div class="od-button-group">
          <button type="button" class="od-button" data-keep="mine" aria-disabled=${busy ? 'true' : 'false'} @click=${decide('mine')}>
            ${i18n.t('sync.keepMine')}<span class="visually-hidden">: ${subject}</span>
          </button>
          <button type="button" class="od-button od-button--secondary" data-keep="theirs" aria-disabled=${busy ? 'true' : 'false'} @click=${decide('theirs')}>
            ${i18n.t('sync.keepTheirs')}<span class="visually-hidden">: ${subject}</span>
          </button>
        </div>`
    }
  </section>`;
}

/**
 * Styles of the status line and review panel: add to a widget's `styles` (with `formStyles` and `errorStateStyles`).
 */
export const syncStatusStyles = css`
  .od-sync {
    border-inline-start: 4px solid var(--_od-color-success);
    background: var(--_od-color-surface-raised);
    color: var(--_od-color-text);
    padding: var(--_od-space) calc(var(--_od-space) * 1.5);
    margin-block-end: calc(var(--_od-space) * 2);
  }
  .od-sync--pending,
  .od-sync--sending {
    border-inline-start-color: var(--_od-color-primary);
  }
  .od-sync--offline,
  .od-sync--conflict,
  .od-sync--unreadable {
    border-inline-start-color: var(--_od-color-warning);
  }
  .od-sync__line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_od-space);
  }
  .od-sync__icon {
    display: inline-grid;
    place-items: center;
    inline-size: 1.5em;
    block-size: 1.5em;
    border: 2px solid currentColor;
    border-radius: 50%;
    font-weight: 700;
    line-height: 1;
  }
  .od-sync__message {
    margin: 0;
    font-weight: 700;
    flex: 1 1 16em;
  }
  .od-sync__meta {
    margin: calc(var(--_od-space) / 2) 0 0;
    color: var(--_od-color-text-secondary);
    font-size: var(--_od-font-size-small);
  }
  .od-sync__unreadable {
    color: var(--_od-color-text);
  }
  .od-sync-review {
    border: 2px solid var(--_od-color-border);
    background: var(--_od-color-surface);
    color: var(--_od-color-text);
    padding: calc(var(--_od-space) * 2);
    margin-block-end: calc(var(--_od-space) * 2);
  }
  .od-sync-review__head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: start;
    gap: var(--_od-space);
  }
  .od-sync-review__title {
    font-size: 1.25em;
    margin: 0;
  }
  .od-sync-conflict {
    border-block-start: 1px solid var(--_od-color-border);
    margin-block-start: calc(var(--_od-space) * 2);
    padding-block-start: calc(var(--_od-space) * 2);
  }
  .od-sync-conflict__title {
    font-size: 1.1em;
    margin: 0 0 var(--_od-space);
    overflow-wrap: anywhere;
  }
  .od-sync-conflict__table {
    overflow-x: auto;
    margin-block: var(--_od-space);
  }
  .od-sync-conflict table {
    border-collapse: collapse;
    inline-size: 100%;
  }
  .od-sync-conflict caption {
    text-align: start;
    font-weight: 700;
    padding-block-end: calc(var(--_od-space) / 2);
  }
  .od-sync-conflict th,
  .od-sync-conflict td {
    text-align: start;
    vertical-align: top;
    padding: calc(var(--_od-space) / 2) var(--_od-space);
    border-block-end: 1px solid var(--_od-color-border);
    overflow-wrap: anywhere;
  }
  .od-sync-review__failed {
    border-inline-start: 4px solid var(--_od-color-error, var(--_od-color-warning));
    padding: var(--_od-space) calc(var(--_od-space) * 1.5);
    margin-block: var(--_od-space);
    font-weight: 700;
  }
  .od-sync-review button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .od-changed-by {
    color: var(--_od-color-text-secondary);
    font-size: var(--_od-font-size-small);
    margin-block: var(--_od-space) 0;
  }
`;
