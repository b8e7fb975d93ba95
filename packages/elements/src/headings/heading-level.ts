import { literal, type StaticValue } from 'lit/static-html.js';
import type { OptionProblem } from '../options/options-controller.js';

/**
 * A widget's `heading-level`: the level of its own top heading (its title), so that it fits
 * under the host page's headings (a GOV.UK page's h1, a section's h2). The widget's other
 * headings go down from there, never below h6. Tags come from this fixed table (static
 * literals, never text from outside), rendered with `html` from `lit/static-html.js`.
 */
export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

/** The level a widget's title has when the host says nothing: under the page's h1. */
export const DEFAULT_HEADING_LEVEL: HeadingLevel = 2;

const TAGS: readonly StaticValue[] = [literal`h1`, literal`h2`, literal`h3`, literal`h4`, literal`h5`, literal`h6`];

/** Whether `value` is a heading level: a whole number from 1 to 6. */
export const isHeadingLevel = (value: unknown): value is HeadingLevel =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 6;

/** The heading level `depth` below a title at `level` (the default when `level` is not one), at most 6. */
export function headingLevelAt(level: unknown, depth = 0): HeadingLevel {
  const base = isHeadingLevel(level) ? level : DEFAULT_HEADING_LEVEL;
  return Math.min(6, base + depth) as HeadingLevel;
}

/** The tag (`h1`…`h6`) for a heading `depth` below a title at `level`. */
export const headingTag = (level: unknown, depth = 0): StaticValue => TAGS[headingLevelAt(level, depth) - 1]!;

/** The option problem for a `heading-level` that is not 1–6 (shared string `error.headingLevel`), or none. */
export function headingLevelProblems(level: unknown): OptionProblem<'error.headingLevel'>[] {
  return isHeadingLevel(level) ? [] : [{ option: 'heading-level', key: 'error.headingLevel' }];
}
