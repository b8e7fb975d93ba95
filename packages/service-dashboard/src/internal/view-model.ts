import type { ServicePeriod } from '@odkit/core/service';
import type { MeasureId } from './measures.js';

/**
 * What the dashboard renders, worked out from a service summary (see `from-summary.ts`):
 * plain numbers, no record text. The views know only this shape.
 */

/** A count out of a total; `value` is the share, or null when the total is 0. */
export interface Share {
  readonly numerator: number;
  readonly denominator: number;
  readonly value: number | null;
}

/** A distribution: median and quartiles over `count` values (null when there are none). */
export interface Spread {
  readonly count: number;
  readonly median: number | null;
  readonly q1: number | null;
  readonly q3: number | null;
}

/** A mean over `count` values (null when there are none). */
export interface Mean {
  readonly count: number;
  readonly mean: number | null;
}

/** What each figure counts, for "From 12 episodes". */
export type Unit = 'episodes' | 'meetings' | 'assessments';

export type Figure =
  | { readonly kind: 'share'; readonly unit: Unit; readonly share: Share }
  /** Hours (time to first meeting) or a count per episode (meetings in the first two weeks). */
  | { readonly kind: 'spread'; readonly unit: Unit; readonly scale: 'hours' | 'count'; readonly spread: Spread }
  /** A mean count, or a mean share (`scale: 'share'`, fidelity scores from 0 to 1). */
  | { readonly kind: 'mean'; readonly unit: Unit; readonly scale: 'count' | 'share'; readonly mean: Mean };

export interface Tile {
  readonly measure: MeasureId;
  readonly figure: Figure;
  /** For a fidelity figure: the instrument. */
  readonly instrumentId?: string | undefined;
}

/** One month of a trend: the month (`YYYY-MM`), its plotted value and what it is made of. */
export interface TrendPoint {
  readonly month: string;
  readonly figure: Figure;
}

export interface Trend {
  readonly measure: MeasureId;
  readonly instrumentId?: string | undefined;
  /** `contact`: months of first contact (cohorts); `meeting`: months of the assessed meetings (fidelity). */
  readonly by: 'contact' | 'meeting';
  readonly points: readonly TrendPoint[];
}

export interface DashboardView {
  /** Case records counted, and their episodes of care. */
  readonly cases: number;
  readonly episodes: number;
  /** Records that could not be read (reported by the summary, never counted). */
  readonly skipped: number;
  /** The days the figures cover (by first contact), when a period was set. */
  readonly period: ServicePeriod | null;
  /** Every month (`YYYY-MM`) and team the filters can offer (none: that filter is not offered). */
  readonly months: readonly string[];
  readonly teams: readonly string[];
  /** Whether the trends cover every team although a team is chosen (a summary without monthly figures per team). */
  readonly trendsForAllTeams: boolean;
  readonly tiles: readonly Tile[];
  readonly trends: readonly Trend[];
}

/** The value a figure is plotted at: a share, a median or a mean (null: nothing to plot). */
export function plotted(figure: Figure): number | null {
  if (figure.kind === 'share') return figure.share.value;
  if (figure.kind === 'spread') return figure.spread.median;
  return figure.mean.mean;
}

/** How many values a figure is made of (its denominator, or its count). */
export function countOf(figure: Figure): number {
  if (figure.kind === 'share') return figure.share.denominator;
  if (figure.kind === 'spread') return figure.spread.count;
  return figure.mean.count;
}
