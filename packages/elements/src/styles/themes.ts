import type { TokenValues } from './tokens.js';

/** Presets set system tokens; hosts supply fonts (the kit loads none). */
export const THEMES = {
  default: {} satisfies TokenValues,
  /**
   * GOV.UK Frontend: blue #1d70b8, text #0b0c0c, yellow focus #ffdd00 with black; green buttons
   * (#00703c, #005a30 on hover, a 2px #002d18 bar under them); spacing unit 6 after a widget
   * (20px, 30px from the tablet breakpoint at 641px).
   */
  govuk: {
    'color-text': '#0b0c0c',
    'color-text-secondary': '#505a5f',
    'color-surface': '#ffffff',
    'color-surface-raised': '#f3f2f1',
    'color-border': '#505a5f',
    'color-primary': '#1d70b8',
    'color-on-primary': '#ffffff',
    'color-action': '#00703c',
    'color-on-action': '#ffffff',
    'color-action-hover': '#005a30',
    'color-action-shadow': '#002d18',
    'color-focus': '#ffdd00',
    'color-on-focus': '#0b0c0c',
    'color-error': '#d4351c',
    'color-success': '#00703c',
    'color-warning': '#b34700',
    'font-family': '"GDS Transport", arial, sans-serif',
    radius: '0',
    // A step, not a slope: 20px below 641px, 30px from it (the clamp's middle term is ±huge).
    'space-outer': 'clamp(20px, (100vw - 640px) * 1000, 30px)',
  } satisfies TokenValues,
  /**
   * NHS.UK frontend: blue #005eb8, text #212b32, yellow focus #ffeb3b with dark text; green
   * buttons (#007f3b, #00662f on hover, a #00401e bar under them: 2px here, NHS.UK draws 4px);
   * spacing unit 6 after a widget (32px, 40px from 641px).
   */
  nhs: {
    'color-text': '#212b32',
    'color-text-secondary': '#4c6272',
    'color-surface': '#ffffff',
    'color-surface-raised': '#f0f4f5',
    'color-border': '#4c6272',
    'color-primary': '#005eb8',
    'color-on-primary': '#ffffff',
    'color-action': '#007f3b',
    'color-on-action': '#ffffff',
    'color-action-hover': '#00662f',
    'color-action-shadow': '#00401e',
    'color-focus': '#ffeb3b',
    'color-on-focus': '#212b32',
    'color-error': '#d5281b',
    'color-success': '#007f3b',
    'color-warning': '#a34700',
    'font-family': 'Frutiger W01, arial, sans-serif',
    radius: '4px',
    'space-outer': 'clamp(32px, (100vw - 640px) * 1000, 40px)',
  } satisfies TokenValues,
} as const;

export type ThemeName = keyof typeof THEMES;

/** Dark colours, layered over any preset. */
export const DARK_TOKENS: TokenValues = {
  'color-text': '#f3f2f1',
  'color-text-secondary': '#c8cbcd',
  'color-surface': '#161819',
  'color-surface-raised': '#24272a',
  'color-border': '#9aa0a4',
  'color-primary': '#8ec5ff',
  'color-on-primary': '#0b0c0c',
  'color-error': '#ff8a7a',
  'color-success': '#6fd69a',
  'color-warning': '#ffb366',
};
