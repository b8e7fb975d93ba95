import { OdNetworkMap } from './network-map.js';

OdNetworkMap.define('od-network-map');

declare global {
  interface HTMLElementTagNameMap {
    'od-network-map': OdNetworkMap;
  }
}
