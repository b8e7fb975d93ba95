/**
 * The rating view: the form an assessment is filled in with — error summary, header,
 * the rater's details, the items, and complete / reopen with the save status.
 */
import type { Instrument, Meeting } from '@odkit/core';
import { renderChangedUnderneath, renderErrorSummary, type FormError } from '@odkit/elements';
import { html, nothing, type TemplateResult } from 'lit';
import { ABOUT_FIELDS, fieldOf, type AssessmentUnderneath } from './assessment-underneath.js';
import type { DeviceWhere } from './autosave-controller.js';
import { now, type Draft } from './draft.js';
import { renderGroups, theirsFor, type ItemEdits } from './items-view.js';
import type { SignedInRater } from './rater.js';
import { renderRaterDetails, type EditRater } from './rater-view.js';
import { renderScores } from './scores-view.js';
import { renderHeader, textOf, type ChecklistViewFormat, type ChecklistT } from './view-kit.js';

export interface RateView {
  readonly value: Draft;
  readonly instrument: Instrument;
  readonly meeting: Meeting | undefined;
  readonly changedBy: TemplateResult | typeof nothing;
  readonly errors: readonly FormError[];
  readonly disabled: boolean;
  /** Completed (or `shared`): shown as text, with reopen instead of complete. */
  readonly readOnly: boolean;
  /** A shared screen (`initials-only`): shown as text, with neither complete nor reopen. */
  readonly shared?: boolean | undefined;
  /** Where the error summary's links find their fields. */
  readonly root: ShadowRoot;
  /** Saving as you go (a record or a store), and whether the assessment is saved yet. */
  readonly saving?: { readonly stored: boolean; readonly savedAt: string | undefined } | undefined;
  /** Where the draft is kept, and what a restore did (the draft status line). */
  readonly device?: { readonly where?: DeviceWhere; readonly note?: 'restored' | 'unreadable' } | undefined;
  /** The signed-in rater, if the host or the store's author names one. */
  readonly signedIn?: SignedInRater | undefined;
  /** Changes someone else saved while this person was rating: what waits for their choice, and what was announced. */
  readonly underneath?: Pick<AssessmentUnderneath, 'waiting' | 'announced'> | undefined;
  /** Someone else completed the assessment while this person had edits not saved yet (kept until it is reopened). */
  readonly unsavedOnCompleted?: boolean | undefined;
}

export interface RateEdits extends ItemEdits {
  rater: EditRater;
  complete(): void;
  reopen(): void;
}

export function renderRate(view: RateView, t: ChecklistT, f: ChecklistViewFormat, edits: RateEdits): TemplateResult {
  const { value, instrument, disabled, saving, readOnly } = view;
  return html`${renderErrorSummary({ title: t('form.errorSummaryTitle'), errors: view.errors, root: view.root, level: f.headingLevel(0) })}
    ${renderHeader({ value, instrument, meeting: view.meeting, changedBy: view.changedBy, progress: true }, t, f)}
    ${
      readOnly && value.status === 'complete'
        ? html`<p class="notice">${t('checklist.completed', { date: f.dateTime(value.completedAt ?? value.updatedAt ?? now()) })}</p>`
        : nothing
    }
    ${renderChangedStatus(view, t)} ${readOnly ? renderCompletedUnderneath(view, t) : renderWaiting(view, t, f)}
    ${renderRaterDetails(view, t, edits.rater, (field) => theirsFor(view, field, t, f, edits))}
    ${renderGroups(view, t, f, edits)}
    ${instrument.source ? html`<p class="source">${textOf(f, instrument.source)}</p>` : nothing}
    <div class="print-scores">${renderScores(value, instrument, t, f)}</div>
    <div class="actions od-button-group" part="actions">
      ${
        view.shared
          ? nothing
          : readOnly
            ? html`<button type="button" class="od-button od-button--secondary" data-action="reopen" ?disabled=${disabled} @click=${edits.reopen}>
            ${t('checklist.reopen')}
          </button>`
            : html`<button type="button" class="od-button" data-action="complete" ?disabled=${disabled} @click=${edits.complete}>
            ${t('checklist.complete')}
          </button>`
      }
      ${
        saving && !readOnly && (!view.device?.where || view.device.where === 'kept')
          ? html`<p class="save-status">
            ${saving.stored ? (saving.savedAt ? t('checklist.savedAt', { time: f.time(saving.savedAt) }) : nothing) : t('checklist.notSaved')}
          </p>`
          : nothing
      }
      ${renderDraftStatus(view, t)}
    </div>`;
}

const WHERE = {
  kept: 'checklist.draftKept',
  failed: 'checklist.draftOnlyHere',
  'needs-name': 'checklist.draftNeedsName',
} as const;

/**
 * Where the draft is, when only this device has it, and what a restore did. Always in the page (empty when there is
 * nothing to say), so that a screen reader hears each change politely.
 */
function renderDraftStatus(view: RateView, t: ChecklistT): TemplateResult {
  const { where, note } = view.device ?? {};
  const noteKey =
    note === 'unreadable' ? 'checklist.draftUnreadable' : note === 'restored' ? 'checklist.draftRestored' : undefined;
  const shown = !view.readOnly && where !== undefined;
  return html`<p class="draft-status" part="draft-status" role="status">${noteKey ? html`${t(noteKey)} ` : nothing}${shown ? t(WHERE[where]) : nothing}</p>`;
}

/**
 * Says (politely, to a screen reader) that someone else saved a change and how many fields wait for a choice. Always
 * in the page, empty when there is nothing to say, so that each change is heard.
 */
function renderChangedStatus(view: RateView, t: ChecklistT): TemplateResult {
  const count = view.readOnly ? 0 : (view.underneath?.announced ?? 0);
  const said = completedUnderneath(view)
    ? t('checklist.completedUnderneath')
    : count
      ? t('form.changedAnnounce', { count })
      : nothing;
  return html`<p class="visually-hidden" part="changed-status" role="status">${said}</p>`;
}

const completedUnderneath = (view: RateView) =>
  view.readOnly && !view.shared && view.value.status === 'complete' && view.unsavedOnCompleted;

/** Someone else completed the assessment while this person had edits not saved: where they are, what to do. */
function renderCompletedUnderneath(view: RateView, t: ChecklistT): TemplateResult | typeof nothing {
  return completedUnderneath(view) ? renderChangedUnderneath(t, nothing, t('checklist.completedUnderneath')) : nothing;
}

const ABOUT_LABELS = {
  [ABOUT_FIELDS.name]: 'checklist.raterName',
  [ABOUT_FIELDS.raterRole]: 'checklist.raterRole',
  [ABOUT_FIELDS.evidence]: 'checklist.evidence',
} as const;

/** A field's name as a person reads it: "Comment: <item>", "Rating for “<item>”", or the rater's detail's label. */
function fieldLabel(field: string, instrument: Instrument, t: ChecklistT, f: ChecklistViewFormat): string {
  const about = ABOUT_LABELS[field as keyof typeof ABOUT_LABELS];
  if (about) return t(about);
  const found = fieldOf(field);
  const item = instrument.items.find((i) => i.id === found?.itemId);
  const title = item ? textOf(f, item.title) : field;
  return found?.part === 'comment' ? `${t('checklist.comment')}: ${title}` : t('checklist.ratingFor', { item: title });
}

/** While fields wait for a choice: what happened, that nothing typed was lost, and a link to each item's choice. */
function renderWaiting(view: RateView, t: ChecklistT, f: ChecklistViewFormat): TemplateResult | typeof nothing {
  const waiting = [...(view.underneath?.waiting.keys() ?? [])];
  if (!waiting.length) return nothing;
  const go = (event: Event, id: string) => {
    event.preventDefault();
    const target = view.root.getElementById(id);
    target?.focus();
    target?.scrollIntoView?.({ block: 'center' });
  };
  const links = waiting.map((field) => {
    const label = fieldLabel(field, view.instrument, t, f);
    const id = `${field}-theirs-use`;
    return html`<li><a href=${`#${id}`} @click=${(e: Event) => go(e, id)}>${label}</a></li>`;
  });
  return renderChangedUnderneath(t, html`<ul>${links}</ul>`);
}
