/**
 * The form to cancel a planned meeting: renders the optional reason, checks it and
 * builds the `meeting/cancel` change. A form seam beside meeting-form.ts, so the element
 * only applies the change and moves focus.
 */
import { TEXT_LIMITS, type Change, type Issue, type Meeting } from '@odkit/core';
import {
  ariaInvalid,
  describedBy,
  errorFor,
  renderErrorSummary,
  renderField,
  type FormError,
  renderHeading,
} from '@odkit/elements';
import { html, nothing, type TemplateResult } from 'lit';
import type { T, TimelineFormats, TimelineHandlers } from './view-kit.js';

export interface CancelFormView {
  readonly meeting: Meeting;
  readonly reason: string;
  readonly errors: readonly FormError[];
  readonly busy: boolean;
  /** Where the error summary's links look for their fields. */
  readonly root: ShadowRoot;
}

export type CancelFormHandlers = Pick<TimelineHandlers, 'sideKey' | 'confirmCancel' | 'reasonInput' | 'closeForm'>;

export function renderCancelForm(v: CancelFormView, t: T, f: TimelineFormats, on: CancelFormHandlers): TemplateResult {
  const error = errorFor(v.errors, 'cancel-reason');
  return html`<section id="details" class="details form" part="details" aria-labelledby="form-title" @keydown=${on.sideKey}>
      ${renderErrorSummary({ title: t('form.errorSummaryTitle'), errors: v.errors, root: v.root, level: f.headingLevel(1) })}
      ${renderHeading(f.headingLevel(1), t('edit.cancelTitle', { date: f.dateTime(Date.parse(v.meeting.start)) }), { id: 'form-title', class: 'section-title', focusable: true })}
      <form novalidate @submit=${on.confirmCancel}>
        ${renderField({
          id: 'cancel-reason',
          label: `${t('edit.cancelReason')} ${t('form.optional')}`,
          error,
          errorPrefix: t('form.errorPrefix'),
          control: html`<input class="od-input" id="cancel-reason" name="reason" .value=${v.reason}
            aria-invalid=${ariaInvalid(error)} aria-describedby=${describedBy('cancel-reason', { error }) ?? nothing}
            @input=${(e: Event) => on.reasonInput((e.target as HTMLInputElement).value)} />`,
        })}
        <div class="od-button-group">
          <button class="od-button od-button--warning" type="submit" ?disabled=${v.busy}>${t('edit.cancelConfirm')}</button>
          <button class="od-button od-button--secondary" type="button" @click=${() => on.closeForm()}>${t('edit.keep')}</button>
        </div>
      </form>
    </section>`;
}

/** The change that cancels `meeting` with the reason typed, or the error to show at the field. */
export function buildCancel(meeting: Meeting, typed: string, t: T): { errors: FormError[]; change?: Change } {
  const reason = typed.trim();
  if (reason.length > TEXT_LIMITS.short)
    return { errors: [{ field: 'cancel-reason', message: t('error.reasonLong') }] };
  return {
    errors: [],
    change: reason
      ? { type: 'meeting/cancel', meetingId: meeting.id, reason }
      : { type: 'meeting/cancel', meetingId: meeting.id },
  };
}

/** The form field a core issue about a cancellation belongs to. */
export const cancelFieldFor = (path: Issue['path']): string | undefined =>
  path.includes('reason') || path.includes('cancellationReason') ? 'cancel-reason' : undefined;
