import type { TokenValues } from './tokens.js';

/** Presets set system tokens; hosts supply fonts (the kit loads none). */
export const THEMES = {
  default: {} satisfies TokenValues,
  /** GOV.UK Frontend: blue #1d70b8, text #0b0c0c, yellow focus #ffdd00 with black. */
  govuk: {
    'color-text': '#0b0c0c',
    'color-text-secondary': '#505a5f',
    'color-surface': '#ffffff',
    'color-surface-raised': '#f3f2f1',
    'color-border': '#505a5f',
    'color-primary': '#1d70b8',
    'color-on-primary': '#ffffff',
    'color-focus': '#ffdd00',
    'color-on-focus': '#0b0c0c',
    'color-error': '#d4351c',
    'color-success': '#00703c',
    'color-warning': '#b34700',
    'font-family': '"GDS Transport", arial, sans-serif',
    radius: '0',
  } satisfies TokenValues,
  /** NHS.UK frontend: blue #005eb8, text #212b32, yellow focus #ffeb3b with dark text. */
  nhs: {
    'color-text': '#212b32',
    'color-text-secondary': '#4c6272',
    'color-surface': '#ffffff',
    'color-surface-raised': '#f0f4f5',
    'color-border': '#4c6272',
    'color-primary': '#005eb8',
    'color-on-primary': '#ffffff',
    'color-focus': '#ffeb3b',
    'color-on-focus': '#212b32',
    'color-error': '#d5281b',
    'color-success': '#007f3b',
    'color-warning': '#a34700',
    'font-family': 'Frutiger W01, arial, sans-serif',
    radius: '4px',
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
