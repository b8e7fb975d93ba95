import { OdProvider } from './provider.js';

OdProvider.define('od-provider');

declare global {
  interface HTMLElementTagNameMap {
    'od-provider': OdProvider;
  }
}
