/**
 * The single-file bundle for server-rendered pages (`dist/odkit-hydrate.js`): the whole kit
 * in one file (as `odkit-classes.js`) with the `od-*` tags registered at once, and Lit's
 * hydration support loaded before any element class is defined,
 * so widgets rendered by @odkit/ssr (declarative shadow DOM) take over the server's DOM
 * instead of rendering it again. Use it instead of `odkit.js`, not beside it.
 */
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
export * from './index.js';
import './define.js';
