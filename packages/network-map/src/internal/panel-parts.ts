/**
 * What the side panel needs whether or not the edit forms are loaded: the form state, the error
 * summary (a refused move shows it with the details too), the panel's title and reading a choice.
 */
import { renderErrorSummary, renderHeading, type FormError, type Translate } from '@odkit/elements';
import type { TemplateResult } from 'lit';
import type { MapStrings } from '../strings.js';

/** What an open form shows besides its fields. */
export interface FormState {
  readonly errors: readonly FormError[];
  /** An edit is being saved: the save button is off. */
  readonly busy: boolean;
  /** Where the error summary's links find the fields. */
  readonly root: ShadowRoot;
  /** The panel title's heading level (the map's `heading-level`; one deeper under a slotted heading). */
  readonly headingLevel: number;
}

/** The first choice when `value` is not one of `values` (a form's controls give only strings). */
export function oneOf<T extends string>(values: readonly T[], value: unknown, fallback: T): T {
  return typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as T) : fallback;
}

export function renderFormErrors(state: FormState, t: Translate<MapStrings>) {
  return renderErrorSummary({
    title: t('form.errorSummaryTitle'),
    errors: state.errors,
    root: state.root,
    level: state.headingLevel,
  });
}

/** The panel's title, at `level`; `focusable` when focus is sent to it. */
export function panelTitle(level: number, title: unknown, focusable = false): TemplateResult {
  return renderHeading(level, title, { class: 'panel-title', id: 'panel-title', focusable });
}
