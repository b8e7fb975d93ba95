import type { SyncConflict } from '@odkit/core';
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { reviewStrings } from '../i18n/review-strings.js';
import { conflictRows, conflictSubject } from './conflict-text.js';
import type { SyncLocale } from './sync-locale.js';
import type { SyncStatusController } from './sync-status-controller.js';
import type { SyncViewOptions } from './sync-status-view.js';

/**
 * The review panel, where a person decides each conflicting edit: fetched on demand
 * (SyncStatusController loads it once the store reports a conflict), so a page whose
 * store has none never downloads it or the words it puts conflicts in (conflict-text.ts).
 */
export function renderReviewPanel(
  sync: SyncStatusController,
  i18n: SyncLocale,
  options: SyncViewOptions,
): TemplateResult {
  const conflicts = sync.status?.conflicts ?? [];
  const decision = sync.decision;
  const announcement =
    decision?.state === 'resolving'
      ? i18n.tIn(reviewStrings, 'sync.resolving')
      : decision?.state === 'resolved'
        ? i18n.tIn(reviewStrings, decision.keep === 'mine' ? 'sync.keptMine' : 'sync.keptTheirs', {
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
      <h2 class="od-sync-review__title" id="od-sync-review-title" tabindex="-1" data-sync-focus="review-title">${i18n.tIn(reviewStrings, 'sync.reviewTitle')}</h2>
      <button type="button" class="od-button od-button--secondary" data-sync-action="close" @click=${sync.closeReview}>${i18n.tIn(reviewStrings, 'sync.close')}</button>
    </div>
    <p class="visually-hidden" role="status">${announcement}</p>
    ${
      decision?.state === 'failed'
        ? html`<div class="od-sync-review__failed" role="alert" tabindex="-1" data-sync-focus="failed">${i18n.tIn(reviewStrings, 'sync.decisionFailed')}</div>`
        : nothing
    }
    ${
      conflicts.length
        ? html`<p class="od-sync-review__intro">${i18n.tIn(reviewStrings, options.canDecide === false ? 'sync.reviewIntroReadOnly' : 'sync.reviewIntro')}</p>
          ${repeat(
            conflicts,
            (c) => c.editId,
            (c, index) => renderConflict(c, index, sync, i18n, options),
          )}`
        : html`<p>${announcement ? html`<span aria-hidden="true">${announcement} </span>` : nothing}${i18n.tIn(reviewStrings, 'sync.noConflicts')}</p>`
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
      ? i18n.tIn(reviewStrings, 'sync.madeBy', { name, date: when })
      : i18n.tIn(reviewStrings, 'sync.madeOn', { date: when })
    : name
      ? i18n.tIn(reviewStrings, 'sync.madeByUndated', { name })
      : '';
  const rows = conflictRows(c, i18n, options);
  // aria-disabled, not disabled: the pressed button keeps focus while the decision is saved.
  const decide = (keep: 'mine' | 'theirs') => () => {
    if (!busy) void sync.resolve(c.editId, keep);
  };
  return html`<section class="od-sync-conflict" aria-labelledby=${headingId} data-edit-id=${c.editId}>
    <h3 class="od-sync-conflict__title" id=${headingId} tabindex="-1" data-sync-focus=${`conflict:${c.editId}`}>${subject}</h3>
    <p>${made} ${i18n.tIn(reviewStrings, `sync.reason.${c.reason}`)}</p>
    ${
      rows.length
        ? html`<div class="od-sync-conflict__table" role="region" tabindex="0" aria-labelledby=${`${headingId}-caption`}>
          <table>
            <caption id=${`${headingId}-caption`}>${i18n.tIn(reviewStrings, 'sync.tableCaption', { subject })}</caption>
            <thead>
              <tr>
                <th scope="col">${i18n.tIn(reviewStrings, 'sync.field')}</th>
                <th scope="col">${i18n.tIn(reviewStrings, 'sync.mine')}</th>
                <th scope="col">${i18n.tIn(reviewStrings, 'sync.theirs')}</th>
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
        ? html`<p class="od-sync-conflict__hint" data-sync-hint="read-only">${i18n.tIn(reviewStrings, 'sync.decideElsewhere')}</p>`
        : html`<div class="od-button-group">
          <button type="button" class="od-button" data-keep="mine" aria-disabled=${busy ? 'true' : 'false'} @click=${decide('mine')}>
            ${i18n.tIn(reviewStrings, 'sync.keepMine')}<span class="visually-hidden">: ${subject}</span>
          </button>
          <button type="button" class="od-button od-button--secondary" data-keep="theirs" aria-disabled=${busy ? 'true' : 'false'} @click=${decide('theirs')}>
            ${i18n.tIn(reviewStrings, 'sync.keepTheirs')}<span class="visually-hidden">: ${subject}</span>
          </button>
        </div>`
    }
  </section>`;
}
