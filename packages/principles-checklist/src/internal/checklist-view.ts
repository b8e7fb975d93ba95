/**
 * The checklist's whole view: the sync status, the privacy note and the error states around
 * the view asked for (rating, summary or compare), or "loading" while the record is awaited.
 * Apart from the element, which gathers its state into a `ChecklistModel` and renders this.
 */
import type { CaseRecord, Instrument, InstrumentRegistry } from '@odkit/core';
import {
  renderChangedBy,
  renderErrorState,
  renderPrivacyNote,
  renderSyncStatus,
  syncPrivacy,
  type FormError,
  type HistoryController,
  type LocaleController,
  type PrivacyOptions,
  type SyncStatusController,
} from '@odkit/elements';
import { html, nothing, type TemplateResult } from 'lit';
import type { AutosaveController } from './autosave-controller.js';
import type { Draft } from './draft.js';
import { renderRate, type RateEdits, type RateView } from './rate-view.js';
import type { SignedInRater } from './rater.js';
import type { Shown } from './resolve.js';
import { privateValue } from './shown-privacy.js';
import type { ChecklistStrings } from './strings.js';
import { renderSummaryView, type SummaryView } from './summary-view.js';
import type { ChecklistT, ChecklistViewFormat } from './view-kit.js';

export interface ChecklistModel {
  /** The record's, the instrument's or an option's error (the error state), and a save's. */
  readonly error: Error | undefined;
  readonly saveError: Error | undefined;
  readonly shown: Shown;
  /** The assessment with edits not saved yet laid over it. */
  readonly value: Draft | undefined;
  /** The record as given, and as shown under the privacy settings. */
  readonly record: CaseRecord | undefined;
  readonly privateRecord: CaseRecord | undefined;
  readonly registry: InstrumentRegistry;
  readonly privacy: PrivacyOptions;
  readonly view: 'rate' | 'summary' | 'compare';
  readonly compareWith: string | undefined;
  /** Whether the person may decide between this device's and the record's version of an edit. */
  readonly canDecide: boolean;
  readonly readOnly: boolean;
  readonly disabled: boolean;
  /** A shared screen (`initials-only`). */
  readonly shared: boolean;
  readonly errors: readonly FormError[];
  readonly root: ShadowRoot;
  readonly autosave: AutosaveController;
  readonly signedIn: SignedInRater | undefined;
  readonly sync: SyncStatusController;
  readonly history: HistoryController;
}

export function renderChecklist(
  m: ChecklistModel,
  i18n: LocaleController<ChecklistStrings>,
  t: ChecklistT,
  f: ChecklistViewFormat,
  edits: RateEdits,
): TemplateResult {
  const { error, value, privacy, saveError } = m;
  const { instrument, stored, problem } = m.shown;
  const recordMode = m.autosave.recordMode;
  const body =
    recordMode && !m.record && !error
      ? html`<p role="status">${t('loading')}</p>`
      : instrument && value && !(problem && !stored && recordMode)
        ? renderView(m, value, instrument, i18n, t, f, edits)
        : nothing;
  const sync = {
    record: m.privateRecord,
    instruments: m.registry,
    canDecide: m.canDecide,
    ...syncPrivacy(privacy),
  };
  return html`<div class="checklist" part="base" @input=${stop} @change=${stop}>
    ${renderSyncStatus(m.sync, i18n, sync)} ${renderPrivacyNote(privacy, t)}
    ${error ? renderErrorState(error, i18n) : nothing}
    ${saveError ? renderErrorState(saveError, i18n, 'save') : nothing} ${body}
  </div>`;
}

function renderView(
  m: ChecklistModel,
  value: Draft,
  instrument: Instrument,
  i18n: LocaleController<ChecklistStrings>,
  t: ChecklistT,
  f: ChecklistViewFormat,
  edits: RateEdits,
): TemplateResult {
  const { meeting, stored } = m.shown;
  const { privacy, record } = m;
  const changedBy = stored
    ? renderChangedBy(m.history, { kind: 'assessment', id: stored.id }, i18n, syncPrivacy(privacy))
    : nothing;
  if (m.view !== 'summary' && m.view !== 'compare') {
    const { autosave, readOnly } = m;
    const saving = autosave.recordMode ? { stored: stored !== undefined, savedAt: autosave.savedAt } : undefined;
    const view: RateView = {
      // Being edited, the rater's own entries are shown as typed; read as text, as the privacy settings say.
      value: readOnly ? privateValue(value, record, privacy) : value,
      instrument,
      meeting,
      changedBy,
      errors: m.errors,
      disabled: m.disabled,
      readOnly,
      shared: m.shared,
      root: m.root,
      saving,
      device: autosave.deviceStatus,
      signedIn: m.signedIn,
      underneath: autosave.underneath,
      unsavedOnCompleted: autosave.unsavedOnCompleted,
    };
    return renderRate(view, t, f, edits);
  }
  const summary: SummaryView = {
    view: m.view,
    value: privateValue(value, record, privacy),
    instrument,
    meeting,
    changedBy,
    record: m.privateRecord,
    registry: m.registry,
    compareWith: m.compareWith,
  };
  return renderSummaryView(summary, t, f);
}

/** Inner controls' own input/change events stop at the shadow root: the checklist fires its own, once per edit. */
const stop = (event: Event) => event.stopPropagation();
