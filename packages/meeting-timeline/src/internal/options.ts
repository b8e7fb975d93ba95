/**
 * The timeline's attributes checked: each problem as a string key (with what to name),
 * for the OptionsController to tell in the language shown. Apart so the rules for
 * every attribute read in one place.
 */
import { isId, isIsoDateTime, isRealDate, isTimeZone, type CaseRecord } from '@odkit/core';
import type { OptionProblem } from '@odkit/elements';
import type { TimelineStrings } from '../strings.js';
import { VIEWS, ZOOMS, type TimelineView, type TimelineZoom } from './model.js';

export interface TimelineOptions {
  readonly view: TimelineView;
  readonly zoom: TimelineZoom;
  readonly rangeStart: string | undefined;
  readonly rangeEnd: string | undefined;
  readonly asOf: string | undefined;
  readonly timeZone: string | undefined;
  readonly episodeId: string | undefined;
  readonly audience: string | undefined;
}

export function optionProblems(
  o: TimelineOptions,
  record: CaseRecord | undefined,
): OptionProblem<keyof TimelineStrings & string>[] {
  const problems: OptionProblem<keyof TimelineStrings & string>[] = [];
  if (!VIEWS.includes(o.view))
    problems.push({ key: 'error.option', params: { name: 'view', allowed: VIEWS.join(', ') } });
  if (!ZOOMS.includes(o.zoom))
    problems.push({ key: 'error.option', params: { name: 'zoom', allowed: ZOOMS.join(', ') } });
  for (const [name, value] of [
    ['range-start', o.rangeStart],
    ['range-end', o.rangeEnd],
  ] as const) {
    if (value && !isRealDate(value)) problems.push({ key: 'error.optionDate', params: { name } });
  }
  if (o.asOf && !isIsoDateTime(o.asOf)) problems.push({ key: 'error.optionDateTime', params: { name: 'as-of' } });
  if (o.timeZone && !isTimeZone(o.timeZone)) problems.push({ key: 'error.optionZone' });
  if (o.episodeId && record && !record.episodes.some((e) => e.id === o.episodeId))
    problems.push({ key: 'error.optionEpisode' });
  if (o.audience && !isId(o.audience)) problems.push({ key: 'error.audience' });
  return problems;
}
