import { renderHeading } from '@odkit/elements';
/**
 * The inter-rater view: two assessments of one meeting with the same instrument, item by
 * item, with how many items the raters agree on.
 */
import type { Assessment, Instrument } from '@odkit/core';
import { html, type TemplateResult } from 'lit';
import type { Draft } from './draft.js';
import { textOf, valueLabel, type ChecklistViewFormat, type ChecklistT } from './view-kit.js';

/**
 * The assessment to compare `value` with: `compareWith` if given, else another assessment of
 * the meeting with this instrument. Undefined when there is none (or it is of another instrument).
 */
export function otherAssessment(
  assessments: readonly Assessment[],
  value: Draft,
  instrument: Instrument,
  compareWith: string | undefined,
): Assessment | undefined {
  const other = assessments.find((a) =>
    compareWith
      ? a.id === compareWith
      : a.id !== value.id &&
        a.meetingId === value.meetingId &&
        a.instrumentId === instrument.id &&
        a.instrumentVersion === instrument.version,
  );
  return other && other.instrumentId === instrument.id && other.instrumentVersion === instrument.version
    ? other
    : undefined;
}

/** `other`: from {@link otherAssessment}; without one the view says there is nothing to compare. */
export function renderCompare(
  value: Draft,
  other: Assessment | undefined,
  instrument: Instrument,
  t: ChecklistT,
  f: ChecklistViewFormat,
): TemplateResult {
  if (!other) return html`<section class="compare" part="compare"><p>${t('compare.none')}</p></section>`;
  const who = (a: Draft) => t('compare.rater', { name: a.rater.name || '–', role: t(`raterRole.${a.raterRole}`) });
  const valueOf = (a: Draft, itemId: string) => a.ratings.find((r) => r.itemId === itemId)?.value;
  let agree = 0;
  const rows = instrument.items.map((item) => {
    const a = valueOf(value, item.id);
    const b = valueOf(other, item.id);
    const same = a === b;
    if (same) agree++;
    const diff = typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) : undefined;
    return html`<tr class=${same ? '' : 'differs'}>
      <th scope="row">${textOf(f, item.title)}</th>
      <td>${valueLabel(t, f, instrument, a)}</td>
      <td>${valueLabel(t, f, instrument, b)}</td>
      <td>${same ? t('compare.same') : html`<strong>${t('compare.differs')}${diff ? ` (${f.number(diff)})` : ''}</strong>`}</td>
    </tr>`;
  });
  return html`<section class="compare" part="compare" aria-labelledby="compare-title">
    ${renderHeading(f.headingLevel(1), t('compare.title'), { id: 'compare-title', class: 'section-title' })}
    <p>${t('compare.agreement', { agree, count: instrument.items.length })}</p>
    <div class="table-wrap">
      <table>
        <caption>
          ${t('compare.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('compare.item')}</th>
            <th scope="col">${who(value)}</th>
            <th scope="col">${who(other)}</th>
            <th scope="col">${t('compare.difference')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
    </div>
  </section>`;
}
