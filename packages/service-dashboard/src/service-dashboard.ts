import { defaultInstruments, isTimeZone, localise, ValidationError, type InstrumentRegistry } from '@odkit/core';
import type { ServiceOptions, ServiceSummary } from '@odkit/core/service';
import {
  asOfInstant,
  isAsOf,
  LocaleController,
  OdElement,
  OdErrorEvent,
  OptionsController,
  DEFAULT_HEADING_LEVEL,
  headingLevelProblems,
  headingLevelAt,
  renderHeading,
  errorStateStyles,
  formStyles,
  renderErrorState,
  type FormError,
} from '@odkit/elements';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { OdOpenCasesEvent } from './events.js';
import { renderFilters } from './internal/filters.js';
import { checkSummary, monthRange, periodOf, viewOf } from './internal/from-summary.js';
import { isMeasureId, type MeasureGoals } from './internal/measures.js';
import { recordList, teamRecords, teamsOf } from './internal/records.js';
import { renderTiles, tileId } from './internal/tiles.js';
import { renderTrends, trendId, type TrendView } from './internal/trends.js';
import type { DashboardView, Tile } from './internal/view-model.js';
import { dashboardStyles } from './service-dashboard.styles.js';
import { dashboardStrings, type DashboardStrings } from './strings.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const TREND_VIEWS: readonly TrendView[] = ['both', 'chart', 'table'];

/**
 * A service's measures across many cases: tiles for each measure with its target and what
 * it counts ("42 of 50 episodes"), monthly trends as charts each with its table, filters by
 * period and team, and a button on every figure to open the cases behind it.
 *
 * Give it a `summary` (from `summariseService` in `@odkit/core/service`, worked out where the
 * records are: a Worker, a server) or the `records` themselves (an array of case records;
 * the dashboard summarises them, again for each filter). With a summary grouped by team
 * (`groupBy: 'team'`) the team filter is offered; the period filter needs `records`.
 *
 * @tagname od-service-dashboard
 * @fires od-open-cases - When a person asks to open the cases behind a figure (a tile, or one month of a trend): the
 * measure and the filter.
 * @fires change - When a person changes a filter (`from`, `to` and `team` hold the new values).
 * @fires od-error - When the summary, records, filters or goals given cannot be shown.
 * @slot heading - The dashboard's title in the host's words (default "Service dashboard"), inside its heading.
 * @slot hint - Text under the title (a hint, as GOV.UK puts under a heading).
 * @slot empty - What to say when there are no episodes to count.
 * @csspart base - The dashboard's outer box.
 * @csspart filters - The filter form.
 * @csspart tile - One measure's tile.
 * @csspart tile-value - The figure on a tile.
 * @csspart tile-goal - A tile's goal, met or not.
 * @csspart trends - The monthly trends section.
 * @csspart trend - One measure's trend (chart and table).
 * @csspart chart - A trend's SVG chart.
 * @csspart error - The error state.
 * @cssprop --od-service-dashboard-tile-min - The narrowest a tile gets before the grid wraps (default: 15em).
 * @cssprop --od-service-dashboard-bar - Chart bars and the tiles' top rule (default: the primary colour).
 * @cssprop --od-service-dashboard-met - The rule beside a goal met (default: the success colour; always with a tick
 * and words).
 * @cssprop --od-service-dashboard-missed - The rule beside a goal missed (default: the error colour; always with a
 * cross and words).
 */
export class OdServiceDashboard extends OdElement {
  static override styles = [...OdElement.styles, errorStateStyles, formStyles, dashboardStyles];

  /**
   * Reactive properties and state, each documented where it is declared below. A table rather than decorators, so
   * the shipped bundle carries no decorator calls or helpers (about 0.4 kB gzip a widget; docs/performance.md).
   */
  static override properties = {
    summary: { attribute: false },
    records: { attribute: false },
    goals: { attribute: false },
    instruments: { attribute: false },
    from: { reflect: true },
    to: { reflect: true },
    team: { reflect: true },
    trendView: { attribute: 'trend-view', reflect: true },
    timeZone: { attribute: 'time-zone' },
    asOf: { attribute: 'as-of' },
    locale: {},
    headingLevel: { type: Number, attribute: 'heading-level' },
    strings: { attribute: false },
    _view: { state: true, attribute: false },
    _error: { state: true, attribute: false },
    _working: { state: true, attribute: false },
    _filterError: { state: true, attribute: false },
    _pending: { state: true, attribute: false },
  };

  /** A service summary from `summariseService` (checked before it is shown). Property only. */
  summary: unknown;
  /** Case records to summarise here (an array); used instead of `summary` when given. Property only. */
  records: unknown;
  /**
   * Goals for the rates, as shares from 0 to 1 by measure (e.g. `{ firstMeetingWithinTarget: 0.8 }`). Property only.
   */
  goals: MeasureGoals | undefined;
  /**
   * Instruments the records' assessments refer to, and whose titles name the fidelity figures (default: the kit's).
   * Property only.
   */
  instruments: InstrumentRegistry | undefined;
  /** First month counted (`YYYY-MM`, by month of first contact); with `records`. */
  from: string | undefined;
  /** Last month counted (`YYYY-MM`); with `records`. */
  to: string | undefined;
  /** Only this responsible team (with `records`, or a summary grouped by team). */
  team: string | undefined;
  /** Trends as `both` (chart and table, default), `chart` or `table`. */
  trendView: TrendView = 'both';
  /** Time zone for months, with `records` (default: the provider's, else Europe/London). */
  timeZone: string | undefined;
  /**
   * "Now" for measures taken from `records`: a date-time with offset, or a date (`YYYY-MM-DD`: the end of that day in
   * the time zone), as `as-of` on every widget (default: each episode's own end or last meeting).
   */
  asOf: string | undefined;
  /** `en-GB` or `cy`; default: the provider's, else the nearest `lang`. */
  locale: string | undefined;
  /**
   * The level of the dashboard's title (1–6, default 2), so it fits under the page's headings; its other
   * headings go down from it.
   */
  headingLevel: number = DEFAULT_HEADING_LEVEL;
  /** Per-instance string overrides. Property only. */
  strings: Partial<Record<keyof DashboardStrings, string>> | undefined;

  private _view: DashboardView | undefined;
  private _error: Error | undefined;
  private _working = false;
  private _filterError: FormError | undefined;
  /** The period a person chose that cannot be applied yet (it ends before it starts): shown, not applied. */
  private _pending: { from?: string | undefined; to?: string | undefined } = {};

  readonly i18n = new LocaleController(this, dashboardStrings);
  /** The attributes checked the kit's way (shown as an error state, reported once by od-error). */
  readonly #options = new OptionsController<keyof DashboardStrings & string>(this, {
    check: () => headingLevelProblems(this.headingLevel),
    t: (key, params) => this.i18n.t(key, params),
  });
  readonly #headingLevel = (depth: number) => headingLevelAt(this.headingLevel, depth);
  /** Bumped for every new summary asked for: a late answer to an older question is dropped. */
  #generation = 0;
  /** Records mode: the months and teams every record offers, worked out once per set of records. */
  #base: { list: readonly unknown[]; months: string[]; teams: string[]; summary: ServiceSummary } | undefined;
  #reportedError: Error | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('trendView') && !TREND_VIEWS.includes(this.trendView)) {
      this.#fail(
        new ValidationError('Dashboard options', [{ path: ['trendView'], message: 'must be both, chart or table' }]),
      );
    }
    const inputs = ['summary', 'records', 'from', 'to', 'team', 'timeZone', 'asOf', 'instruments', 'goals'] as const;
    if (!this.hasUpdated || inputs.some((k) => changed.has(k))) {
      if (['records', 'timeZone', 'asOf', 'instruments'].some((k) => changed.has(k as keyof OdServiceDashboard)))
        this.#base = undefined;
      this.#refresh();
    }
  }

  /** Works out the view from the inputs; keeps the last good view (and shows an error) when they cannot be shown. */
  #refresh(): void {
    const generation = ++this.#generation;
    try {
      this.#checkOptions();
      if (this.records !== undefined && this.records !== null) {
        const list = recordList(this.records, this.i18n.t('dashboard.badRecords'));
        this._working = true;
        this.#fromRecords(list, generation).then(
          (view) => generation === this.#generation && this.#show(view),
          (error: unknown) => generation === this.#generation && this.#fail(error),
        );
        return;
      }
      if (this.summary === undefined || this.summary === null) return this.#show(undefined);
      this.#show(viewOf(checkSummary(this.summary), { team: this.team || undefined }));
    } catch (error) {
      this.#fail(error);
    }
  }

  async #fromRecords(list: readonly unknown[], generation: number): Promise<DashboardView | undefined> {
    const timeZone = this.timeZone || this.i18n.timeZone;
    // A date as-of is the end of that day in the zone (a zone Intl does not know is left for the summary to report).
    const asOf = this.asOf && isTimeZone(timeZone) ? asOfInstant(this.asOf, timeZone) : this.asOf;
    const options: ServiceOptions = {
      timeZone,
      ...(asOf ? { asOf } : {}),
      ...(this.instruments ? { instruments: this.instruments } : {}),
    };
    // Loaded only when records are given: a host that passes a summary never downloads the summariser.
    const { summariseService } = await import('@odkit/core/service');
    if (this.#base?.list !== list) {
      const summary = await summariseService(list, options);
      this.#base = { list, summary, months: monthRange(summary.monthly.map((g) => g.key)), teams: teamsOf(list) };
    }
    if (generation !== this.#generation) return undefined;
    const { months, teams, summary: all } = this.#base;
    const period = periodOf(this.from || undefined, this.to || undefined, months);
    const team = this.team || undefined;
    const summary =
      period || team
        ? await summariseService(team ? teamRecords(list, team) : list, { ...options, ...(period ? { period } : {}) })
        : all;
    return viewOf(summary, { months, teams });
  }

  #checkOptions(): void {
    const issues: { path: string[]; message: string }[] = [];
    for (const key of ['from', 'to'] as const) {
      const value = this[key];
      if (value && !MONTH.test(value)) issues.push({ path: [key], message: 'must be a month (YYYY-MM)' });
    }
    if (this.from && this.to && MONTH.test(this.from) && MONTH.test(this.to) && this.from > this.to) {
      issues.push({ path: ['to'], message: 'must be on or after from' });
    }
    const goals: unknown = this.goals;
    if (goals !== undefined && goals !== null) {
      if (typeof goals !== 'object' || Array.isArray(goals))
        issues.push({ path: ['goals'], message: 'must map measures to shares from 0 to 1' });
      else
        for (const [measure, goal] of Object.entries(goals)) {
          if (!isMeasureId(measure))
            issues.push({ path: ['goals'], message: 'names a measure the dashboard does not have' });
          else if (typeof goal !== 'number' || !(goal >= 0 && goal <= 1))
            issues.push({ path: ['goals', measure], message: 'must be a share from 0 to 1' });
        }
    }
    if (this.asOf && !isAsOf(this.asOf))
      issues.push({ path: ['asOf'], message: 'must be a date (YYYY-MM-DD) or a date and time with a UTC offset' });
    if (issues.length) throw new ValidationError('Dashboard options', issues);
  }

  #show(view: DashboardView | undefined): void {
    this._working = false;
    this._view = view;
    this._error = undefined;
    this.#reportedError = undefined;
  }

  #fail(error: unknown): void {
    this._working = false;
    const failure = error instanceof Error ? error : new Error(this.i18n.t('dashboard.badSummary'));
    this._error = failure;
    if (failure.message !== this.#reportedError?.message) {
      this.#reportedError = failure;
      queueMicrotask(() => this.emit(new OdErrorEvent(failure)));
    }
  }

  /* ---------------------------------------------------------------- names */

  #name = (figure: Pick<Tile, 'measure' | 'instrumentId'>): string => {
    if (figure.measure !== 'fidelity' || !figure.instrumentId) return this.i18n.t(`measure.${figure.measure}`);
    const instrument = (this.instruments ?? defaultInstruments).get(figure.instrumentId);
    return this.i18n.t('measure.fidelityOf', {
      instrument: instrument ? localise(instrument.title, this.i18n.locale) : figure.instrumentId,
    });
  };

  /* ---------------------------------------------------------------- events */

  #onChange = (event: Event): void => {
    const target = event.target as HTMLElement;
    if (target instanceof HTMLInputElement && target.name === 'trend-view') {
      this.trendView = target.value as TrendView;
      return;
    }
    if (!(target instanceof HTMLSelectElement) || !target.dataset.filter) return;
    const key = target.dataset.filter as 'from' | 'to' | 'team';
    const value = target.value || undefined;
    const next = { from: this.from, to: this.to, ...this._pending, [key]: value };
    // A period that ends before it starts is the person's to fix: shown on the field and not
    // applied, but kept in the select (a keyboard user stepping through the months passes it).
    if (key !== 'team' && next.from && next.to && next.from > next.to) {
      this._filterError = { field: 'filter-to', message: this.i18n.t('filters.badPeriod') };
      this._pending = { from: next.from, to: next.to };
      return;
    }
    this._filterError = undefined;
    this._pending = {};
    if (key === 'team') this.team = value;
    else [this.from, this.to] = [next.from, next.to];
    this.emit(new Event('change', { bubbles: true }));
  };

  #onClick = (event: Event): void => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-open]');
    const view = this._view;
    if (!button || !view) return;
    const id = button.dataset.open;
    const month = button.dataset.month;
    const figure = month ? view.trends.find((t) => trendId(t) === id) : view.tiles.find((t) => tileId(t) === id);
    if (!figure) return;
    const summaryMode = this.records === undefined || this.records === null;
    this.emit(
      new OdOpenCasesEvent(figure.measure, {
        from: summaryMode ? view.period?.start.slice(0, 7) : this.from || undefined,
        to: summaryMode ? view.period?.end.slice(0, 7) : this.to || undefined,
        team: this.team || undefined,
        month,
        instrumentId: figure.instrumentId,
      }),
    );
  };

  /* ---------------------------------------------------------------- rendering */

  protected override render(): TemplateResult {
    const t = this.i18n;
    const view = this._view;
    const error = this._error ?? this.#options.error;
    const h = this.#headingLevel(0);
    return html`<section class="dashboard" part="base" aria-labelledby="title" aria-busy=${this._working ? 'true' : 'false'} @change=${this.#onChange} @click=${this.#onClick}>
      ${renderHeading(h, html`<slot name="heading">${t.t('dashboard.label')}</slot>`, { id: 'title', class: 'title' })}
      <slot name="hint"></slot>
      <p class="scope" role="status">${this.#scopeText(view)}</p>
      ${error ? renderErrorState(error, t) : nothing}
      ${view && view.skipped > 0 ? html`<p class="notice">${t.t('dashboard.skipped', { count: view.skipped })}</p>` : nothing}
      ${
        view
          ? html`${renderFilters({
              i18n: t,
              months: view.months,
              teams: view.teams,
              values: { from: this.from, to: this.to, team: this.team, ...this._pending },
              error: this._filterError,
              headingLevel: this.#headingLevel,
            })}
          ${
            view.episodes === 0
              ? html`<p class="empty"><slot name="empty">${t.t('dashboard.empty')}</slot></p>`
              : html`${renderTiles(view.tiles, { i18n: t, goals: this.goals ?? {}, name: this.#name, headingLevel: this.#headingLevel })}
              ${renderTrends(view.trends, {
                i18n: t,
                view: TREND_VIEWS.includes(this.trendView) ? this.trendView : 'both',
                name: this.#name,
                note: view.trendsForAllTeams ? t.t('trends.allTeams') : undefined,
                headingLevel: this.#headingLevel,
              })}`
          }`
          : !error && !this._working
            ? html`<p class="empty"><slot name="empty">${t.t('dashboard.empty')}</slot></p>`
            : nothing
      }
    </section>`;
  }

  #scopeText(view: DashboardView | undefined): string {
    const t = this.i18n;
    if (this._working) return t.t('dashboard.working');
    if (!view) return '';
    const scope = t.t('dashboard.scope', { cases: view.cases, episodes: view.episodes, count: view.cases });
    return view.period
      ? `${scope}. ${t.t('dashboard.scopePeriod', { from: t.date(view.period.start), to: t.date(view.period.end) })}`
      : scope;
  }
}
