import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { OptionProblem } from '../options/options-controller.js';

/**
 * A widget's `heading-level`: the level of its own top heading (its title), so that it fits
 * under the host page's headings (a GOV.UK page's h1, a section's h2). The widget's other
 * headings go down from there, never below h6.
 */
export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

/** The level a widget's title has when the host says nothing: under the page's h1. */
export const DEFAULT_HEADING_LEVEL: HeadingLevel = 2;

/** Whether `value` is a heading level: a whole number from 1 to 6. */
export const isHeadingLevel = (value: unknown): value is HeadingLevel =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 6;

/** The heading level `depth` below a title at `level` (the default when `level` is not one), at most 6. */
export function headingLevelAt(level: unknown, depth = 0): HeadingLevel {
  const base = isHeadingLevel(level) ? level : DEFAULT_HEADING_LEVEL;
  return Math.min(6, base + depth) as HeadingLevel;
}

/** The option problem for a `heading-level` that is not 1–6 (shared string `error.headingLevel`), or none. */
export function headingLevelProblems(level: unknown): OptionProblem<'error.headingLevel'>[] {
  return isHeadingLevel(level) ? [] : [{ option: 'heading-level', key: 'error.headingLevel' }];
}

export interface HeadingOptions {
  readonly id?: string | undefined;
  readonly class?: string | undefined;
  /** Focus is sent to it (after opening a panel): `tabindex="-1"`. */
  readonly focusable?: boolean | undefined;
  readonly hidden?: boolean | undefined;
}

/**
 * A heading at `level` (h1–h6; the default for anything else). One plain template per level,
 * not a tag chosen at run time: the tag is never text from outside, and the build's template
 * minifier and server rendering read these as any other template.
 */
export function renderHeading(level: number, content: unknown, o: HeadingOptions = {}): TemplateResult {
  const id = ifDefined(o.id);
  const cls = ifDefined(o.class);
  const tabindex = ifDefined(o.focusable ? '-1' : undefined);
  const hidden = o.hidden === true;
  switch (headingLevelAt(level)) {
    case 1:
      return html`<h1 id=${id} class=${cls} tabindex=${tabindex} ?hidden=${hidden}>${content}</h1>`;
    case 2:
      return html`<h2 id=${id} class=${cls} tabindex=${tabindex} ?hidden=${hidden}>${content}</h2>`;
    case 3:
      return html`<h3 id=${id} class=${cls} tabindex=${tabindex} ?hidden=${hidden}>${content}</h3>`;
    case 4:
      return html`<h4 id=${id} class=${cls} tabindex=${tabindex} ?hidden=${hidden}>${content}</h4>`;
    case 5:
      return html`<h5 id=${id} class=${cls} tabindex=${tabindex} ?hidden=${hidden}>${content}</h5>`;
    default:
      return html`<h6 id=${id} class=${cls} tabindex=${tabindex} ?hidden=${hidden}>${content}</h6>`;
  }
}
