import { formatPath, ValidationError, ConflictError } from '@odkit/core';
import { css, html, type TemplateResult } from 'lit';
import { OptionsError } from './options/options-controller.js';
import type { LocaleController } from './i18n/locale-controller.js';
import type { SharedStrings } from './i18n/shared-strings.js';

const SHOWN_ISSUES = 5;

/**
 * The error state every widget shows above its last good render: an alert
 * (announced at once) with what went wrong, where, and what to do. Messages are
 * bound as text, never markup.
 */
export function renderErrorState(
  error: Error,
  locale: Pick<LocaleController<SharedStrings>, 't'>,
  kind: 'load' | 'save' = 'load',
): TemplateResult {
  // An options error's sentences already name each option, in the language shown.
  const issues = error instanceof ValidationError && !(error instanceof OptionsError) ? error.issues : [];
  const conflict = error instanceof ConflictError;
  return html`<div role="alert" part="error" class="od-error">
    <p class="od-error__title">${locale.t(kind === 'save' ? 'error.saveTitle' : 'error.title')}</p>
    ${
      conflict
        ? html`<p>${locale.t('error.conflict')}</p>`
        : issues.length
          ? html`<ul class="od-error__issues">
            ${issues.slice(0, SHOWN_ISSUES).map((i) => html`<li><code>${formatPath(i.path)}</code> ${i.message}</li>`)}
            ${issues.length > SHOWN_ISSUES ? html`<li>${locale.t('error.more', { count: issues.length - SHOWN_ISSUES })}</li>` : ''}
          </ul>`
          : html`<p>${error.message}</p>`
    }
    ${conflict ? '' : html`<p class="od-error__hint">${locale.t('error.hint')}</p>`}
  </div>`;
}

export const errorStateStyles = css`
  .od-error {
    border: 4px solid var(--_od-color-error);
    background: var(--_od-color-surface);
    color: var(--_od-color-text);
    padding: calc(var(--_od-space) * 2);
    margin-block-end: calc(var(--_od-space) * 2);
  }
  .od-error__title {
    font-weight: 700;
    margin-block: 0 var(--_od-space);
  }
  .od-error__issues {
    margin-block: 0 var(--_od-space);
    padding-inline-start: calc(var(--_od-space) * 3);
  }
  .od-error__hint {
    margin-block: 0;
    color: var(--_od-color-text-secondary);
  }
  code {
    font-family: ui-monospace, monospace;
    overflow-wrap: anywhere;
  }
`;
