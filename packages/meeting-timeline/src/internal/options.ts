/**
 * The timeline's attributes checked: each problem as a string key (with what to name),
 * for the OptionsController to tell in the language shown. Apart so the rules for
 * every attribute read in one place.
 */
import { isId, isRealDate, isTimeZone, type CaseRecord } from '@odkit/core';
import { headingLevelProblems, isAsOf, type OptionProblem } from '@odkit/elements';
import type { TimelineStrings } from '../strings.js';
import { VIEWS, ZOOMS, type TimelineView, type TimelineZoom } from './model.js';

export interface TimelineOptions {
  readonly view: TimelineView;
  readonly scale: TimelineZoom;
  readonly rangeStart: string | undefined;
  readonly rangeEnd: string | undefined;
  readonly asOf: string | undefined;
  readonly timeZone: string | undefined;
  readonly episodeId: string | undefined;
  readonly headingLevel: number;
  readonly audience: string | undefined;
}

export function optionProblems(
  o: TimelineOptions,
  record: CaseRecord | undefined,
): OptionProblem<keyof TimelineStrings & string>[] {
  const problems: OptionProblem<keyof TimelineStrings & string>[] = [];
  if (!VIEWS.includes(o.view))
    problems.push({ option: 'view', key: 'error.option', params: { name: 'view', allowed: VIEWS.join(', ') } });
  if (!ZOOMS.includes(o.scale))
    problems.push({ option: 'scale', key: 'error.option', params: { name: 'scale', allowed: ZOOMS.join(', ') } });
  for (const [name, value] of [
    ['range-start', o.rangeStart],
    ['range-end', o.rangeEnd],
  ] as const) {
    if (value && !isRealDate(value)) problems.push({ option: name, key: 'error.optionDate', params: { name } });
  }
  if (o.asOf && !isAsOf(o.asOf))
    problems.push({ option: 'as-of', key: 'error.optionDateTime', params: { name: 'as-of' } });
  if (o.timeZone && !isTimeZone(o.timeZone)) problems.push({ option: 'time-zone', key: 'error.optionZone' });
  if (o.episodeId && record && !record.episodes.some((e) => e.id === o.episodeId))
    problems.push({ option: 'episode-id', key: 'error.optionEpisode' });
  problems.push(...headingLevelProblems(o.headingLevel));
  if (o.audience && !isId(o.audience)) problems.push({ option: 'audience', key: 'error.audience' });
  return problems;
}
