import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { SYSTEM_TOKENS } from '@odkit/elements';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';

/**
 * System tokens (`--od-sys-*`) as the current theme and colour scheme set them.
 * Switch the toolbar's theme and scheme to compare the GOV.UK and NHS.UK presets
 * and dark mode. Hosts override any of these on the `od-provider` element (a page
 * rule such as `od-provider { --od-sys-color-primary: #4c2c92 }` beats the preset),
 * or on `:root` when there is no provider preset.
 */
const meta: Meta = {
  title: 'Foundation/Design tokens',
  parameters: { odkit: { store: false } },
};
export default meta;

const colours = Object.keys(SYSTEM_TOKENS).filter((name) => name.startsWith('color-'));
const others = Object.keys(SYSTEM_TOKENS).filter((name) => !name.startsWith('color-'));

/** Spacing for the token tables (a story may bring its own stylesheet; the kit loads none on the page). */
const tableStyles = html`<style>
  .od-tokens {
    font-family: system-ui, sans-serif;
    display: grid;
    gap: 2rem;
    justify-items: start;
  }
  .od-tokens table {
    border-collapse: collapse;
    min-inline-size: 28rem;
  }
  .od-tokens caption {
    text-align: start;
    font-weight: 700;
    font-size: 1.125rem;
    padding-block-end: 0.5rem;
  }
  .od-tokens th,
  .od-tokens td {
    text-align: start;
    padding: 0.5rem 1rem 0.5rem 0;
    border-block-end: 1px solid #b1b4b6;
    vertical-align: middle;
  }
  .od-tokens .swatch {
    display: inline-block;
    inline-size: 3rem;
    block-size: 1.5rem;
    border: 1px solid #888;
  }
</style>`;

export const SystemTokens: StoryObj = {
  render: () => html`${tableStyles}<div class="od-tokens">
  <table>
    <caption>Colour tokens</caption>
    <thead><tr><th scope="col">Token</th><th scope="col">Swatch</th><th scope="col">Default</th></tr></thead>
    <tbody>
      ${colours.map(
        (name) => html`<tr>
          <td><code>--od-sys-${name}</code></td>
          <td>
            <span
              class="swatch"
              style=${styleMap({ background: `var(--od-sys-${name}, ${SYSTEM_TOKENS[name as keyof typeof SYSTEM_TOKENS]})` })}
            ></span>
          </td>
          <td><code>${SYSTEM_TOKENS[name as keyof typeof SYSTEM_TOKENS]}</code></td>
        </tr>`,
      )}
    </tbody>
  </table>
  <table>
    <caption>Type, space and shape tokens</caption>
    <thead><tr><th scope="col">Token</th><th scope="col">Default</th></tr></thead>
    <tbody>
      ${others.map(
        (name) =>
          html`<tr><td><code>--od-sys-${name}</code></td><td><code>${SYSTEM_TOKENS[name as keyof typeof SYSTEM_TOKENS]}</code></td></tr>`,
      )}
    </tbody>
  </table>
  </div>`,
};
