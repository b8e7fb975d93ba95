/**
 * The map's edit forms are a module of their own (src/internal/forms.ts), so a page showing a
 * read-only map never fetches them: a read-only map, one with `initials-only` and one showing a
 * past day fetch nothing more; an editable map fetches them after its first paint. The tests
 * run in order in one page, whose module cache keeps the forms once fetched. (The kit's own
 * file for them, held back and refused, is tested on a host page: test/hosts/csp/edit-forms.spec.mjs.)
 */
import { expect, fixture, html } from '@open-wc/testing';
import { MemoryStore } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import '@odkit/elements/define.js';
import { mapStrings, type OdNetworkMap } from '@odkit/network-map';
import '@odkit/network-map/define.js';
import { sendKeys } from '@web/test-runner-commands';
import { until } from '../../../test/support/dom.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { fetchedAny } from '../../../test/support/modules-fetched.js';
import { expectFocused } from '../../../test/support/keyboard.js';
import { mapPage } from '../../../test/support/map-page.js';

/** Whether the page has fetched the forms' module or a form in it. */
const formsFetched = () =>
  fetchedAny([
    'network-map/src/internal/forms',
    'network-map/src/internal/member-form',
    'network-map/src/internal/tie-form',
    'network-map/src/internal/person-form',
  ]);

async function mapWith(attributes: Record<string, string> = {}) {
  const store = new MemoryStore(demoCase);
  const provider = await fixture(html`<od-provider .store=${store}></od-provider>`);
  const el = document.createElement('od-network-map') as OdNetworkMap;
  el.sectors = true;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  provider.append(el);
  await until(() => mapPage(el).hasPicture(), 'the map drawn');
  await el.updateComplete;
  return mapPage(el);
}

describe('<od-network-map> edit forms, fetched only for editing', () => {
  guardConsole();

  it('a read-only map, one in initials-only and one showing a past day never fetch the forms', async () => {
    const readOnly = await mapWith();
    await readOnly.focusMember('Sarah Lewis');
    expect(readOnly.detailsTitle()).to.contain('Sarah Lewis');
    await mapWith({ editable: '', 'initials-only': '' });
    await mapWith({ editable: '', 'as-of': '2026-03-02' });
    // Anything the maps were going to fetch has been asked for by now: the module graph is fetched as it is imported.
    await readOnly.el.updateComplete;
    expect(formsFetched()).to.equal(false);
  });

  it('an editable map fetches them after its first paint; "Add a member" then opens the form, focus on the name', async () => {
    const page = await mapWith({ editable: '' });
    await until(formsFetched, 'the forms fetched');
    page.toolbarButton('Add a member').focus();
    await sendKeys({ press: 'Enter' });
    // Fetched is not yet loaded: the forms' modules may still be on their way (slowly on a busy machine, past the
    // render's 3 s wait); the form opens when they are here.
    await until(() => page.el.shadowRoot!.querySelector('.panel form') !== null, 'the form opened');
    await page.el.updateComplete;
    expectFocused(page.el, page.field('Name'));
    await expect(page.el).to.be.accessible();
  });

  it('publishes every string in mapStrings, the English that comes with the edit forms included', () => {
    const english = mapStrings['en-GB'];
    expect(Object.keys(mapStrings.cy).filter((key) => !(key in english))).to.deep.equal([]);
    expect(english['err.relationship']).to.equal('Enter the relationship to the person');
  });
});
