/**
 * The read-only views of an assessment: the summary (scores per group and the trend across
 * the episode) and the comparison with another rater's assessment of the meeting. Apart from
 * the element, which only picks the view.
 */
import { fidelityTrend, type CaseRecord, type InstrumentRegistry, type Instrument, type Meeting } from '@odkit/core';
import { html, nothing, type TemplateResult } from 'lit';
import { otherAssessment, renderCompare } from './compare-view.js';
import type { Draft } from './draft.js';
import { renderScores } from './scores-view.js';
import { renderTrend } from './trend-view.js';
import { renderHeader, type ChecklistViewFormat, type ChecklistT } from './view-kit.js';

export interface SummaryView {
  readonly view: 'summary' | 'compare';
  readonly value: Draft;
  readonly instrument: Instrument;
  readonly meeting: Meeting | undefined;
  readonly changedBy: TemplateResult | typeof nothing;
  readonly record: CaseRecord | undefined;
  /** The registry the trend looks instruments up in. */
  readonly registry: InstrumentRegistry;
  /** The other assessment to compare with (default: another of the meeting with this instrument). */
  readonly compareWith: string | undefined;
}

export function renderSummaryView(v: SummaryView, t: ChecklistT, f: ChecklistViewFormat): TemplateResult {
  const { value, instrument, meeting, record } = v;
  const header = renderHeader({ value, instrument, meeting, changedBy: v.changedBy, progress: false }, t, f);
  if (v.view === 'compare') {
    const other = otherAssessment(record?.assessments ?? [], value, instrument, v.compareWith);
    return html`${header}
      ${renderCompare(value, other, instrument, t, f)}`;
  }
  const trend =
    record && meeting
      ? renderTrend(
          fidelityTrend(record, { instrumentId: instrument.id, instruments: v.registry, episodeId: meeting.episodeId }),
          meeting.id,
          t,
          f,
        )
      : nothing;
  return html`${header}
    ${renderScores(value, instrument, t, f)}
    ${trend}`;
}
