/**
 * What stops an assessment being completed (or a required checklist being valid): the
 * rater's name missing, and each required item unrated, each at the field to fix.
 */
import type { Instrument } from '@odkit/core';
import type { FormError } from '@odkit/elements';
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
