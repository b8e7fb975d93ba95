import {
  ariaInvalid,
  describedBy,
  renderField,
  renderHeading,
  type FormError,
  type LocaleController,
} from '@odkit/elements';
import { html, nothing, type TemplateResult } from 'lit';
import type { DashboardStrings } from '../strings.js';

export interface FilterValues {
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly team: string | undefined;
}

export interface FiltersContext {
  readonly i18n: LocaleController<DashboardStrings>;
  /** The level of a heading `depth` levels below the dashboard's title (its `heading-level`). */
  readonly headingLevel: (depth: number) => number;
  /** Months (`YYYY-MM`) the period can start and end on; none: no period filter. */
  readonly months: readonly string[];
  /** Teams to choose from; none: no team filter. */
  readonly teams: readonly string[];
  readonly values: FilterValues;
  readonly error: FormError | undefined;
}

/**
 * The filters as a plain form: two month selects for the period and a team select, each
 * with a visible label. A change applies at once (it changes the figures below, not the
 * page); a period that ends before it starts is shown as an error on the "to" field.
 */
export function renderFilters(ctx: FiltersContext): TemplateResult | typeof nothing {
  const { i18n, months, teams, values, error } = ctx;
  if (!months.length && !teams.length) return nothing;
  const monthOptions = (
    selected: string | undefined,
  ) => html`<option value="" ?selected=${!selected}>${i18n.t('filters.anyMonth')}</option>
    ${months.map((m) => html`<option value=${m} ?selected=${m === selected}>${i18n.month(m)}</option>`)}`;
  const select = (id: string, options: TemplateResult, fieldError?: FormError, hint?: string) =>
    html`<select
      id=${id}
      class="od-select"
      data-filter=${id.replace('filter-', '')}
      aria-describedby=${describedBy(id, { hint, error: fieldError }) ?? nothing}
      aria-invalid=${ariaInvalid(fieldError)}
    >
      ${options}
    </select>`;
  const hint = i18n.t('filters.periodHint');
  const h = ctx.headingLevel(1);
  return html`<form class="filters" part="filters" aria-labelledby="filters-title" @submit=${(e: Event) => e.preventDefault()}>
    ${renderHeading(h, i18n.t('filters.title'), { id: 'filters-title', class: 'section-title' })}
    <div class="filter-fields">
      ${
        months.length
          ? html`${renderField({ id: 'filter-from', label: i18n.t('filters.from'), hint, errorPrefix: i18n.t('form.errorPrefix'), control: select('filter-from', monthOptions(values.from), undefined, hint) })}
          ${renderField({ id: 'filter-to', label: i18n.t('filters.to'), error, errorPrefix: i18n.t('form.errorPrefix'), control: select('filter-to', monthOptions(values.to), error) })}`
          : nothing
      }
      ${
        teams.length
          ? renderField({
              id: 'filter-team',
              label: i18n.t('filters.team'),
              errorPrefix: i18n.t('form.errorPrefix'),
              control: select(
                'filter-team',
                html`<option value="" ?selected=${!values.team}>${i18n.t('filters.allTeams')}</option>
                ${teams.map((t) => html`<option value=${t} ?selected=${t === values.team}>${t}</option>`)}`,
              ),
            })
          : nothing
      }
    </div>
  </form>`;
}
