/**
 * The map's options a host can get wrong, as problems for the element's `OptionsController` (which reports each once,
 * as `od-error`). Apart from the element so that its option rules read as one list.
 */
import { isId } from '@odkit/core';
import { headingLevelProblems, isAsOf, type OptionProblem } from '@odkit/elements';

export type MapOptionKey = 'error.asOf' | 'error.audience' | 'error.view' | 'error.headingLevel';

/** The element's options, as its properties hold them. */
interface MapOptions {
  readonly asOf: string | undefined;
  readonly audience: string | undefined;
  readonly view: string;
  readonly headingLevel: number;
}

export function mapOptionProblems(o: MapOptions): OptionProblem<MapOptionKey>[] {
  const problems: OptionProblem<MapOptionKey>[] = [];
  if (o.asOf && !isAsOf(o.asOf)) problems.push({ option: 'as-of', key: 'error.asOf' });
  if (o.audience && !isId(o.audience)) problems.push({ option: 'audience', key: 'error.audience' });
  if (o.view !== 'map' && o.view !== 'table') problems.push({ option: 'view', key: 'error.view' });
  problems.push(...headingLevelProblems(o.headingLevel));
  return problems;
}
