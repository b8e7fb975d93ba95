/**
 * @odkit/network-map — `<od-network-map>`, the person's network as an accessible,
 * editable ecomap. Importing this module registers nothing; import
 * `@odkit/network-map/define.js` for the tag, or register the class yourself.
 */
export { OdNetworkMap } from './network-map.js';
export { mapStrings } from './catalogue.js';
export type { MapStrings } from './strings.js';
export { computeLayout, placeAt, type Layout, type Point } from './internal/layout.js';
export { nearestInDirection } from './internal/geometry.js';
export {
  networkView,
  initials,
  type NetworkView,
  type ShownMember,
  type ShownTie,
  type ViewOptions,
} from './internal/view.js';
