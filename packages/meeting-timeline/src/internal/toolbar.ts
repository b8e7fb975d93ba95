/**
 * The toolbar: episode choice, view and scale toggles, the date-range button (and its
 * form when open) and "Record a meeting". A pure view: what is chosen comes in, and
 * every choice goes out through a handler the element gives.
 */
import type { Episode } from '@odkit/core';
import { html, nothing, type TemplateResult } from 'lit';
import { VIEWS, ZOOMS, type TimelineView, type TimelineZoom } from './model.js';
import type { RangeEdits } from './range-edits.js';
import type { T, TimelineFormats, TimelineHandlers } from './view-kit.js';

export interface ToolbarView {
  readonly episodes: readonly Episode[];
  readonly episodeId: string;
  readonly view: TimelineView;
  readonly zoom: TimelineZoom;
  readonly from: string | undefined;
  readonly to: string | undefined;
  /** The range form: open or not (the button says so). */
  readonly range: Pick<RangeEdits, 'open'>;
  /** The range form while open (drawn by its own module), or why it could not open. */
  readonly rangeForm: TemplateResult | typeof nothing;
  readonly editable: boolean;
}

export type ToolbarHandlers = Pick<
  TimelineHandlers,
  'episodeChanged' | 'setView' | 'setZoom' | 'toggleRange' | 'record'
>;

export function renderToolbar(v: ToolbarView, t: T, f: TimelineFormats, on: ToolbarHandlers): TemplateResult {
  const { from, to } = v;
  const toggle = <V extends string>(
    label: string,
    values: readonly V[],
    current: V,
    key: string,
    text: (v: V) => string,
    set: (v: V) => void,
  ) =>
    html`<div class="toggle" role="group" aria-label=${label}>
        <span class="toggle__label" aria-hidden="true">${label}</span>
        ${values.map(
          (
            v,
          ) => html`<button type="button" class="od-button od-button--secondary" aria-pressed=${v === current ? 'true' : 'false'} data-toggle=${key} data-value=${v} @click=${() => set(v)}>
            ${text(v)}
          </button>`,
        )}
      </div>`;
  return html`<div class="toolbar" part="toolbar">
      ${
        v.episodes.length > 1
          ? html`<div class="episode">
            <label class="od-label" for="tl-episode">${t('timeline.episode')}</label>
            <select class="od-select" id="tl-episode" @change=${on.episodeChanged}>
              ${[...v.episodes]
                .sort((a, b) => Date.parse(b.firstContact) - Date.parse(a.firstContact))
                .map(
                  (e) => html`<option value=${e.id} ?selected=${e.id === v.episodeId}>
                    ${t('timeline.episodeOption', { date: f.date(e.firstContact), team: e.responsibleTeam })}
                  </option>`,
                )}
            </select>
          </div>`
          : nothing
      }
      ${toggle(t('view.label'), VIEWS, v.view, 'view', (view) => t(`view.${view}`), on.setView)}
      ${toggle(t('zoom.label'), ZOOMS, v.zoom, 'zoom', (zoom) => t(`zoom.${zoom}`), on.setZoom)}
      <div class="range-toggle">
        <button type="button" class="od-button od-button--secondary" id="range-toggle" aria-expanded=${v.range.open ? 'true' : 'false'}
          aria-controls=${v.range.open ? 'range' : nothing} @click=${on.toggleRange}>
          ${t('range.choose')}
        </button>
        ${
          from || to
            ? html`<span class="range-current">${t('range.current', { from: from ? f.calendarDate(from) : '…', to: to ? f.calendarDate(to) : '…' })}</span>`
            : nothing
        }
      </div>
      ${v.rangeForm}
      ${
        v.editable
          ? html`<button class="od-button record" type="button" data-action="record" @click=${on.record}>
            ${t('edit.record')}
          </button>`
          : nothing
      }
    </div>`;
}
