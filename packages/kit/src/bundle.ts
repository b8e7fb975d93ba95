/**
 * The single-file bundle's entry (`dist/odkit.js`): everything `@odkit/kit` exports,
 * with Lit and every dependency inlined, and the `od-*` tags registered on load.
 */
export * from './index.js';
import './define.js';
