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

export const SystemTokens: StoryObj = {
  render: () => html`<table>
    <caption>Colour tokens</caption>
    <thead><tr><th scope="col">Token</th><th scope="col">Swatch</th><th scope="col">Default</th></tr></thead>
    <tbody>
      ${colours.map(
        (name) => html`<tr>
          <td><code>--od-sys-${name}</code></td>
          <td>
            <span
              style=${styleMap({
                display: 'inline-block',
                inlineSize: '3rem',
                blockSize: '1.5rem',
                border: '1px solid #888',
                background: `var(--od-sys-${name}, ${SYSTEM_TOKENS[name as keyof typeof SYSTEM_TOKENS]})`,
              })}
            ></span>
          </td>
          <td><code>${SYSTEM_TOKENS[name as keyof typeof SYSTEM_TOKENS]}</code></td>
        </tr>`,
      )}
    </tbody>
  </table>
  <table>
    <caption>Type, space and shape tokens</caption>
    <tbody>
      ${others.map(
        (name) => html`<tr><td><code>--od-sys-${name}</code></td><td><code>${SYSTEM_TOKENS[name as keyof typeof SYSTEM_TOKENS]}</code></td></tr>`,
      )}
    </tbody>
  </table>`,
};
