import type { LocaleController } from '@odkit/elements';
import type { DashboardStrings } from '../strings.js';
import type { Figure } from './view-model.js';

type Locale = Pick<LocaleController<DashboardStrings>, 't' | 'percent' | 'number' | 'duration'>;

/** A figure's main value in words: "84% (42 of 50)", "Median 20 hours", "Average 2.4", or "No data". */
export function valueText(figure: Figure, i18n: Locale): string {
  const none = i18n.t('dashboard.none');
  if (figure.kind === 'share') {
    const { numerator, denominator, value } = figure.share;
    return value === null ? none : i18n.t('tiles.percentOf', { percent: i18n.percent(value), numerator, denominator });
  }
  if (figure.kind === 'spread') {
    const median = figure.spread.median;
    return median === null ? none : i18n.t('tiles.median', { median: amount(median, figure.scale, i18n) });
  }
  const mean = figure.mean.mean;
  if (mean === null) return none;
  return figure.scale === 'share'
    ? i18n.percent(mean)
    : i18n.t('tiles.mean', { value: i18n.number(mean, { maximumFractionDigits: 1 }) });
}

/** The middle half of a spread ("Middle half between 6 hours and 1 day, 2 hours"), or nothing. */
export function spreadText(figure: Figure, i18n: Locale): string | undefined {
  if (figure.kind !== 'spread' || figure.spread.q1 === null || figure.spread.q3 === null) return undefined;
  return i18n.t('tiles.quartiles', {
    q1: amount(figure.spread.q1, figure.scale, i18n),
    q3: amount(figure.spread.q3, figure.scale, i18n),
  });
}

/** What the figure is made of: "From 50 episodes". */
export function countText(figure: Figure, count: number, i18n: Locale): string {
  const key =
    figure.unit === 'episodes'
      ? 'tiles.countEpisodes'
      : figure.unit === 'meetings'
        ? 'tiles.countMeetings'
        : 'tiles.countAssessments';
  return i18n.t(key, { count });
}

/** A plotted amount: hours as a duration, a count with one decimal. */
export function amount(value: number, scale: 'hours' | 'count' | 'share', i18n: Locale): string {
  if (scale === 'hours') return i18n.duration(value);
  if (scale === 'share') return i18n.percent(value);
  return i18n.number(value, { maximumFractionDigits: 1 });
}

/** The scale a figure is plotted on. */
export function scaleOf(figure: Figure): 'hours' | 'count' | 'share' {
  if (figure.kind === 'share') return 'share';
  return figure.scale;
}
