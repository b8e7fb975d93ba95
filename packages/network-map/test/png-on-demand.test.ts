/**
 * The map's PNG painter (internal/export-png.ts) is fetched the first time a PNG is made, not with the map: a file
 * of its own, so this test page must not have fetched it before.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { demoCase } from '@odkit/core/demo';
import type { OdNetworkMap } from '@odkit/network-map';
import '@odkit/network-map/define.js';
import { until } from '../../../test/support/dom.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { fetchedAny } from '../../../test/support/modules-fetched.js';
import { mapPage } from '../../../test/support/map-page.js';

const painterFetched = () => fetchedAny(['network-map/src/internal/export-png']);

describe('<od-network-map> PNG export, fetched when first made', () => {
  guardConsole();

  it('a map paints and exports SVG without the PNG painter; toPNG() fetches it and makes the PNG', async () => {
    const el = await fixture<OdNetworkMap>(html`<od-network-map sectors .record=${demoCase}></od-network-map>`);
    await until(() => mapPage(el).hasPicture(), 'the map drawn');
    expect(el.toSVG()).to.contain('<svg');
    expect(painterFetched()).to.equal(false);
    const png = await el.toPNG(1);
    expect(png.type).to.equal('image/png');
    expect(painterFetched()).to.equal(true);
  });
});
