import type { CaseRecord, SyncStatus } from '@odkit/core';
import { css, html, nothing, type TemplateResult } from 'lit';
import type { SyncValueOptions } from './conflict-text.js';
import type { SyncLocale } from './sync-locale.js';
import { syncMessage } from './sync-message.js';
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
      ${
        // Only while something is left to review (the conflicts may have been decided elsewhere meanwhile).
        sync.reviewUnavailable && status.conflicts.length
          ? html`<p class="od-sync__meta od-sync__unavailable" role="alert">${i18n.t('sync.reviewUnavailable')}</p>`
          : nothing
      }
      ${saved ? html`<p class="od-sync__meta">${saved}</p>` : nothing}
      ${
        status.unreadable && message.tone !== 'unreadable'
          ? html`<p class="od-sync__meta od-sync__unreadable">${i18n.t('sync.unreadable', { count: status.unreadable })}</p>`
          : nothing
      }
    </div>
    ${(sync.reviewOpen && sync.reviewPanel?.renderReviewPanel(sync, i18n, options)) || nothing}`;
}

/** "Last saved to the record at 10:42" (today) or "… on 2 Mar 2026, 10:42"; undefined when never. */
export function lastSavedText(status: SyncStatus, i18n: SyncLocale, now: Date = new Date()): string | undefined {
  const at = status.lastSyncedAt;
  if (!at || Number.isNaN(Date.parse(at))) return undefined;
  return i18n.date(at) === i18n.date(now)
    ? i18n.t('sync.lastSavedAt', { time: i18n.time(at) })
    : i18n.t('sync.lastSavedOn', { date: i18n.dateTime(at) });
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
  .od-sync__unreadable,
  .od-sync__unavailable {
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
