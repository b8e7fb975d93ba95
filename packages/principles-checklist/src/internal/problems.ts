/**
 * What stops an assessment being completed (or a required checklist being valid): the
 * rater's name missing, and each required item unrated, each at the field to fix.
 */
import type { Instrument } from '@odkit/core';
import type { FormControlValidity, FormError } from '@odkit/elements';
import { missingRequired, type Draft } from './draft.js';
import { radioId, textOf, type ChecklistFormat, type ChecklistT } from './view-kit.js';

export function assessmentProblems(
  value: Draft,
  instrument: Instrument,
  t: ChecklistT,
  f: ChecklistFormat,
): FormError[] {
  const errors: FormError[] = [];
  if (!value.rater.name.trim()) errors.push({ field: 'rater-name', message: t('checklist.enterRater') });
  for (const item of missingRequired(value, instrument)) {
    errors.push({ field: radioId(item.id, 0), message: t('checklist.selectRating', { item: textOf(f, item.title) }) });
  }
  return errors;
}

/**
 * A required checklist's validity: missing while there is nothing to submit (loading, or an error shown: never
 * silently valid), else its first problem, anchored at that field in `root`.
 */
export function requiredValidity(
  value: Draft | undefined,
  instrument: Instrument | undefined,
  t: ChecklistT,
  f: ChecklistFormat,
  root: ParentNode,
): FormControlValidity | undefined {
  if (!value || !instrument) return { flags: { valueMissing: true }, message: t('checklist.notReady') };
  const first = assessmentProblems(value, instrument, t, f)[0];
  if (!first) return undefined;
  const anchor = root.querySelector<HTMLElement>(`#${CSS.escape(first.field ?? '')}`) ?? undefined;
  return { flags: { valueMissing: true }, message: first.message, anchor };
}
