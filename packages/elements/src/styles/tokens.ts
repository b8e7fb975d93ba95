import { css, unsafeCSS, type CSSResult } from 'lit';

/**
 * Design tokens in three tiers:
 * - reference (`--od-ref-*`): the raw palette and type scale;
 * - system (`--od-sys-*`): what each colour or size is for; presets and hosts set these;
 * - component (`--od-<tag without od->-*`, e.g. `--od-meeting-timeline-held`): one widget's parts, defaulting to
 *   system tokens.
 *
 * Widgets read system tokens through private `--_od-*` properties declared on
 * their `:host` with the defaults below, so a token set on any ancestor wins and
 * nothing is set twice. Inside an `<od-provider>` with a preset or dark scheme,
 * the provider's values are nearest: override on the provider itself
 * (`od-provider { --od-sys-color-primary: … }`) or inside it, not on `:root`.
 */
/** The action colour as a token default reads it (from the system tokens, so it works outside a widget too). */
const ACTION = 'var(--od-sys-color-action, var(--od-sys-color-primary, var(--od-ref-blue, #1d5fa8)))';

export const SYSTEM_TOKENS = {
  'color-text': 'var(--od-ref-ink, #0b0c0c)',
  'color-text-secondary': 'var(--od-ref-ink-muted, #505a5f)',
  'color-surface': 'var(--od-ref-paper, #ffffff)',
  'color-surface-raised': 'var(--od-ref-paper-raised, #f3f2f1)',
  'color-border': 'var(--od-ref-line, #8c9195)',
  'color-primary': 'var(--od-ref-blue, #1d5fa8)',
  'color-on-primary': 'var(--od-ref-paper, #ffffff)',
  // Primary actions (save, record, complete): the primary colour unless a preset or host
  // sets its own (GOV.UK and NHS.UK buttons are green, their links blue).
  'color-action': 'var(--od-sys-color-primary, var(--od-ref-blue, #1d5fa8))',
  'color-on-action': 'var(--od-sys-color-on-primary, var(--od-ref-paper, #ffffff))',
  'color-action-hover': `color-mix(in srgb, ${ACTION}, #000 20%)`,
  // The bar under a primary button (GOV.UK's 2px shadow), a darker shade of it.
  'color-action-shadow': `color-mix(in srgb, ${ACTION}, #000 60%)`,
  'color-focus': 'var(--od-ref-focus, #ffbf47)',
  'color-on-focus': 'var(--od-ref-ink, #0b0c0c)',
  'color-error': 'var(--od-ref-red, #c4261d)',
  'color-success': 'var(--od-ref-green, #00703c)',
  'color-warning': 'var(--od-ref-orange, #a35200)',
  'font-family': 'var(--od-ref-font, system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif)',
  // The reader's default text size, whatever the page does to its root (62.5% roots are common).
  'font-size': 'medium',
  // Relative to the surrounding text: use it only on text at the base size, or it compounds.
  'font-size-small': '0.875em',
  'line-height': '1.5',
  radius: '4px',
  space: '8px',
  // Space after a widget (its outer margin), on the host's spacing scale.
  'space-outer': 'calc(var(--_od-space) * 3)',
  'focus-width': '3px',
  'target-size': '24px',
} as const;

export type SystemToken = keyof typeof SYSTEM_TOKENS;
export type TokenValues = Partial<Record<SystemToken, string>>;

const declarations = (prefix: string, values: Record<string, string>, toValue: (name: string, v: string) => string) =>
  Object.entries(values)
    .map(([name, value]) => `${prefix}${name}: ${toValue(name, value)};`)
    .join('\n');

/** `--_od-x: var(--od-sys-x, default)` for every system token. */
const resolved = declarations('--_od-', SYSTEM_TOKENS, (name, fallback) => `var(--od-sys-${name}, ${fallback})`);

/**
 * Declarations that hide text from sight but not from screen readers (and survive a page's
 * stray rules). A string, not a `css` fragment: the build minifies only whole style sheets.
 */
export const VISUALLY_HIDDEN =
  'position: absolute !important; inline-size: 1px !important; block-size: 1px !important; margin: -1px !important; padding: 0 !important; overflow: hidden !important; clip-path: inset(50%) !important; white-space: nowrap !important; border: 0 !important;';

/** The base every widget's shadow root starts from: tokens, an inherited-typography reset, focus, forced colours. */
export const baseStyles: CSSResult = css`
  /*
   * The typography reset wins over the page (!important from inside a shadow root beats
   * every page rule, even !important ones): stray global rules that match the host
   * element (\`* { font-size: 62.5%; text-transform: uppercase }\`) would otherwise win
   * over :host and be inherited by everything inside. Hosts style text through tokens.
   * Layout properties (display, margins, size) stay the host's to set. Line height, letter
   * and word spacing are reset without !important: a reader's own text-spacing overrides
   * (WCAG 1.4.12, usually "* { letter-spacing: .12em !important }") must reach the text.
   */
  :host {
    ${unsafeCSS(resolved)}
    display: block;
    box-sizing: border-box;
    margin-block-end: var(--_od-space-outer);
    color: var(--_od-color-text) !important;
    font-family: var(--_od-font-family) !important;
    font-size: var(--_od-font-size) !important;
    font-weight: 400 !important;
    font-style: normal !important;
    font-variant: normal !important;
    font-stretch: normal !important;
    font-feature-settings: normal !important;
    line-height: var(--_od-line-height);
    letter-spacing: normal;
    word-spacing: normal;
    text-align: start !important;
    text-transform: none !important;
    text-indent: 0 !important;
    text-shadow: none !important;
    white-space: normal !important;
    word-break: normal !important;
    overflow-wrap: normal !important;
    hyphens: manual !important;
    list-style: outside none disc !important;
    border-collapse: separate !important;
    border-spacing: 0 !important;
    caret-color: auto !important;
    accent-color: auto !important;
    cursor: auto !important;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: var(--_od-focus-width) solid var(--_od-color-focus);
    outline-offset: 0;
    box-shadow: 0 0 0 calc(var(--_od-focus-width) * 2) var(--_od-color-on-focus);
  }
  .visually-hidden {
    ${unsafeCSS(VISUALLY_HIDDEN)}
  }
  /*
   * Server-rendered (declarative shadow DOM) before the element is defined: its toolbar's
   * buttons need script, so they are not offered yet. Hidden, not removed, so nothing
   * moves when the script arrives; without script they never appear.
   */
  :host(:not(:defined)) [part~='toolbar'] {
    visibility: hidden;
  }
  @media (forced-colors: active) {
    :host {
      --_od-color-text: CanvasText;
      --_od-color-text-secondary: CanvasText;
      --_od-color-surface: Canvas;
      --_od-color-surface-raised: Canvas;
      --_od-color-border: CanvasText;
      --_od-color-primary: LinkText;
      --_od-color-on-primary: Canvas;
      --_od-color-action: LinkText;
      --_od-color-on-action: Canvas;
      --_od-color-action-hover: LinkText;
      --_od-color-action-shadow: transparent;
      --_od-color-focus: Highlight;
      --_od-color-on-focus: Canvas;
      --_od-color-error: CanvasText;
      --_od-color-success: CanvasText;
      --_od-color-warning: CanvasText;
    }
    :focus-visible {
      outline-color: Highlight;
      box-shadow: none;
    }
  }
`;

/** Token values as declarations `--od-sys-x: value;`, for a preset block. */
export function systemTokenDeclarations(values: TokenValues): string {
  return declarations('--od-sys-', values as Record<string, string>, (_name, v) => v);
}
