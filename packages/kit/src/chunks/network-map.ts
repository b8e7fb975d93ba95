// A chunk of the chunked bundle (dist/odkit-network-map.js):
// <od-network-map>'s code, fetched when the tag is first used.
export { OdNetworkMap as element } from '@odkit/network-map';
