import type { Rate } from '@odkit/core/service';

// The shared helpers: `until` polls a condition (never a fixed sleep); the page object reads the dashboard.
export { text, until } from '../../../test/support/dom.js';
export { ServiceDashboardPage, TileView } from '../../../test/support/service-dashboard-page.js';

/** A rate as a tile shows it in English: "79% (31 of 39)". */
const count = new Intl.NumberFormat('en-GB');
export const ratioText = (r: Rate) =>
  `${Math.round((r.rate ?? 0) * 100)}% (${count.format(r.numerator)} of ${count.format(r.denominator)})`;
