/**
 * The row of buttons above the map: table or map view, zoom, export, and (when editing) add a
 * member or a tie; and the line under it naming what limits the view. Pure views (what is shown and t in,
 * template out).
 */
import type { Translate } from '@odkit/elements';
import { html, nothing, type TemplateResult } from 'lit';
import type { Panel } from './edits.js';
import type { MapStrings } from '../strings.js';

export interface ToolbarModel {
  /** The table view is shown (no zoom or export then). */
  readonly table: boolean;
  readonly canEdit: boolean;
  /** Members shown (a tie needs one). */
  readonly members: number;
  /** Stepping through the meetings (history.ts), when there are meetings to step between. */
  readonly history?: TemplateResult | typeof nothing;
  /** The last "Download PNG" could not fetch the code that draws it: said under the buttons until the next press. */
  readonly pngUnavailable?: boolean;
}

export interface ToolbarActions {
  readonly toggleView: () => void;
  readonly zoomIn: () => void;
  readonly zoomOut: () => void;
  readonly resetZoom: () => void;
  readonly downloadSvg: () => void;
  readonly downloadPng: () => void;
  readonly open: (panel: Panel) => void;
}

export function renderToolbar(model: ToolbarModel, t: Translate<MapStrings>, on: ToolbarActions): TemplateResult {
  const { table } = model;
  return html`<div class="toolbar" part="toolbar">
        <button type="button" class="od-button od-button--secondary" @click=${on.toggleView}>
          ${t(table ? 'view.map' : 'view.table')}
        </button>
        ${model.history ?? nothing}
        ${
          table
            ? nothing
            : html`<span class="group">
              <button type="button" class="od-button od-button--secondary icon" aria-label=${t('zoom.in')} title=${t('zoom.in')} @click=${on.zoomIn}>+</button>
              <button type="button" class="od-button od-button--secondary icon" aria-label=${t('zoom.out')} title=${t('zoom.out')} @click=${on.zoomOut}>−</button>
              <button type="button" class="od-button od-button--secondary" @click=${on.resetZoom}>${t('zoom.reset')}</button>
            </span>`
        }
        ${
          table
            ? nothing
            : html`<span class="group">
              <button type="button" class="od-button od-button--secondary" @click=${on.downloadSvg}>${t('export.svg')}</button>
              <button type="button" class="od-button od-button--secondary" @click=${on.downloadPng}>${t('export.png')}</button>
            </span>`
        }
        ${!table && model.pngUnavailable ? html`<p class="od-field-error export-unavailable" role="alert">${t('export.unavailable')}</p>` : nothing}
        ${
          model.canEdit
            ? html`<span class="group">
              <button type="button" class="od-button" @click=${() => on.open({ kind: 'member-form' })}>${t('edit.add')}</button>
              <button type="button" class="od-button" ?disabled=${model.members === 0} @click=${() => on.open({ kind: 'tie-form' })}>
                ${t('edit.addTie')}
              </button>
            </span>`
            : nothing
        }
      </div>`;
}

/** What limits the view, named under the toolbar: a day, an audience, initials only, or read only (a day past). */
export function renderNotes(
  shown: { readonly asOf: string | undefined; readonly audience: string | undefined; readonly initialsOnly: boolean },
  readOnly: boolean,
  t: Translate<MapStrings>,
  date: (day: string) => string,
): TemplateResult | typeof nothing {
  const notes = [
    shown.asOf ? t('map.asOf', { date: date(shown.asOf) }) : '',
    shown.audience ? t('map.audience', { audience: shown.audience }) : '',
    shown.initialsOnly ? t('map.initialsOnly') : '',
    readOnly ? t('history.readOnly') : '',
  ].filter(Boolean);
  return notes.length ? html`<p class="notes">${notes.join(' · ')}</p>` : nothing;
}
