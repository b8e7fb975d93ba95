/**
 * A catalogue whose Welsh table is fetched when first needed (LazyCatalogue): an element
 * in Welsh renders Welsh from its first frame (its render waits for the table), every
 * element shares one fetch, an English page never fetches it, and a failed fetch leaves
 * English with a console warning.
 */
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import {
  LocaleController,
  OdElement,
  addEnglish,
  provideWelsh,
  wholeCatalogue,
  type LazyCatalogue,
} from '@odkit/elements';
import { guardConsole } from '../../../test/support/console-guard.js';
import { until } from '../../../test/support/dom.js';

const english = { greeting: 'Hello', count: { one: '{count} member', other: '{count} members' } } as const;
type Strings = typeof english;

function catalogue(load: () => Promise<{ greeting: string; count: { other: string } }>, en: Strings = english) {
  const calls = { count: 0 };
  const lazy: LazyCatalogue<Strings> = {
    'en-GB': en,
    cy: () => {
      calls.count++;
      return load();
    },
  };
  return { lazy, calls };
}

let tag = 0;
/** A fresh element class (tag) rendering with `strings`; each render's text is recorded. */
function probe(strings: LazyCatalogue<Strings>) {
  const name = `lazy-welsh-probe-${++tag}`;
  class Probe extends OdElement {
    readonly i18n = new LocaleController<Strings>(this, strings);
    readonly renders: string[] = [];
    override render() {
      const text = `${this.i18n.t('greeting')}, ${this.i18n.t('count', { count: 3 })}`;
      this.renders.push(text);
      return html`<p>${text}</p>`;
    }
  }
  Probe.define(name);
  return name;
}

const welsh = { greeting: 'Helo', count: { other: '{count} aelod' } };

/**
 * A `<div lang>` in the page, removed after the test (no fixture helper: it waits for frames
 * a background tab may not get).
 */
const wrappers: HTMLElement[] = [];
function inPage(lang: string): HTMLElement {
  const div = document.createElement('div');
  div.lang = lang;
  document.body.append(div);
  wrappers.push(div);
  return div;
}
afterEach(() => wrappers.splice(0).forEach((div) => div.remove()));

describe('Welsh fetched when first shown (LazyCatalogue)', () => {
  const console = guardConsole();

  it('renders Welsh from the first render, and two elements share one fetch', async () => {
    const { lazy, calls } = catalogue(() => new Promise((resolve) => setTimeout(() => resolve(welsh), 20)));
    const name = probe(lazy);
    const wrapper = inPage('cy');
    wrapper.append(document.createElement(name), document.createElement(name));
    const [a, b] = [...wrapper.children] as (OdElement & { renders: string[] })[];
    await a!.updateComplete;
    await b!.updateComplete;
    expect(a!.renders).to.deep.equal(['Helo, 3 aelod']);
    expect(b!.renders).to.deep.equal(['Helo, 3 aelod']);
    expect(a!.shadowRoot!.textContent).to.equal('Helo, 3 aelod');
    expect(calls.count).to.equal(1);
  });

  it('an element in English never fetches the Welsh table; switching to Welsh fetches it then', async () => {
    const { lazy, calls } = catalogue(() => Promise.resolve(welsh));
    const name = probe(lazy);
    const wrapper = inPage('en-GB');
    wrapper.append(document.createElement(name));
    const el = wrapper.firstElementChild as OdElement & { renders: string[] };
    await el.updateComplete;
    expect(el.renders).to.deep.equal(['Hello, 3 members']);
    expect(calls.count).to.equal(0);
    el.setAttribute('lang', 'cy');
    await until(() => el.renders.length === 2, 'the element renders again in Welsh');
    expect(el.renders).to.deep.equal(['Hello, 3 members', 'Helo, 3 aelod']);
    expect(calls.count).to.equal(1);
  });

  it('a `lang` changed on an ancestor, even across a shadow root, renders the element again in that language', async () => {
    const { lazy } = catalogue(() => Promise.resolve(welsh));
    const name = probe(lazy);
    const wrapper = inPage('en-GB');
    const outer = document.createElement('div');
    wrapper.append(outer);
    const inner = outer.attachShadow({ mode: 'open' });
    const section = document.createElement('section');
    inner.append(section);
    const el = document.createElement(name) as OdElement & { renders: string[] };
    section.append(el);
    await el.updateComplete;
    wrapper.lang = 'cy';
    await until(() => el.renders.at(-1) === 'Helo, 3 aelod', 'the page switching to Welsh reaches the element');
    section.lang = 'en';
    await until(() => el.renders.at(-1) === 'Hello, 3 members', 'a lang inside the shadow root reaches the element');
    expect(el.renders).to.deep.equal(['Hello, 3 members', 'Helo, 3 aelod', 'Hello, 3 members']);
  });

  it('a `lang` change that leaves the language as it was renders nothing again; a removed element is not rendered', async () => {
    const { lazy } = catalogue(() => Promise.resolve(welsh));
    const name = probe(lazy);
    const wrapper = inPage('en-GB');
    const el = document.createElement(name) as OdElement & { renders: string[] };
    const gone = document.createElement(name) as OdElement & { renders: string[] };
    wrapper.append(el, gone);
    await Promise.all([el.updateComplete, gone.updateComplete]);
    gone.remove();
    wrapper.lang = 'en';
    document.body.lang = 'fr';
    // The observer's callback is a microtask queued by the change: once it has run, a render it asked for is pending.
    await Promise.resolve();
    await el.updateComplete;
    expect(el.renders).to.have.length(1);
    wrapper.lang = 'cy';
    await until(() => el.renders.length === 2, 'the change to Welsh renders it');
    expect(gone.renders).to.have.length(1);
    document.body.removeAttribute('lang');
  });

  it('a failed fetch leaves English, says why in the console, and does not hold renders again', async () => {
    const { lazy, calls } = catalogue(() => Promise.reject(new Error('Failed to fetch dynamically imported module')));
    const name = probe(lazy);
    console.expectWarning(/Welsh strings could not be loaded, so English is shown \(Failed to fetch/);
    const wrapper = inPage('cy');
    wrapper.append(document.createElement(name));
    const el = wrapper.firstElementChild as OdElement & { renders: string[] };
    await el.updateComplete;
    expect(el.renders).to.deep.equal(['Hello, 3 members']);
    el.requestUpdate();
    await el.updateComplete;
    expect(calls.count).to.equal(1);
  });

  it('Welsh given up front (provideWelsh, as a server renders) is used with no fetch', async () => {
    // Its own English table: Welsh given up front is kept by the English table it translates.
    const own: Strings = { ...english };
    const { lazy, calls } = catalogue(() => Promise.resolve({ greeting: 'wrong table', count: { other: 'x' } }), own);
    provideWelsh({ 'en-GB': own, cy: welsh });
    const name = probe(lazy);
    const wrapper = inPage('cy');
    wrapper.append(document.createElement(name));
    const el = wrapper.firstElementChild as OdElement & { renders: string[] };
    await el.updateComplete;
    expect(el.renders).to.deep.equal(['Helo, 3 aelod']);
    expect(calls.count).to.equal(0);
  });
});

describe('English that comes with code fetched on demand (addEnglish, wholeCatalogue)', () => {
  // A widget's first paint carries `greeting`; `later` comes with its forms.
  type Whole = { greeting: string; later: string };
  const first = { greeting: 'Hello' } as const;
  const later = { later: 'Saved later' } as const;
  const welshWhole = { greeting: 'Helo', later: 'Wedi’i gadw wedyn' };

  function laterProbe(strings: LazyCatalogue<Whole, typeof first>) {
    const name = `lazy-english-probe-${++tag}`;
    class Probe extends OdElement {
      readonly i18n = new LocaleController<Whole>(this, strings);
      override render() {
        return html`<p>${this.i18n.t('greeting')}: ${this.i18n.t('later')}</p>`;
      }
    }
    Probe.define(name);
    return name;
  }
  /** The element's text once it has rendered again. */
  async function text(el: OdElement): Promise<string | null> {
    el.requestUpdate();
    await el.updateComplete;
    return el.shadowRoot!.textContent;
  }

  it('a string added later is found by every element using the catalogue; a host’s override still wins', async () => {
    const lazy: LazyCatalogue<Whole, typeof first> = { 'en-GB': { ...first }, cy: () => Promise.resolve(welshWhole) };
    const name = laterProbe(lazy);
    const wrapper = inPage('en-GB');
    const plain = document.createElement(name) as OdElement;
    const overridden = Object.assign(document.createElement(name) as OdElement, { strings: { later: 'Kept' } });
    wrapper.append(plain, overridden);
    // Before the forms' code has come, the key itself (nothing draws it then).
    expect(await text(plain)).to.equal('Hello: later');
    addEnglish(lazy, later);
    expect(await text(plain)).to.equal('Hello: Saved later');
    expect(await text(overridden)).to.equal('Hello: Kept');
  });

  it('in Welsh the Welsh table has it, added or not', async () => {
    const lazy: LazyCatalogue<Whole, typeof first> = { 'en-GB': { ...first }, cy: () => Promise.resolve(welshWhole) };
    const name = laterProbe(lazy);
    const el = document.createElement(name) as OdElement;
    inPage('cy').append(el);
    expect(await text(el)).to.equal('Helo: Wedi’i gadw wedyn');
  });

  it('the public catalogue holds every string, and provideWelsh with it serves the elements’ own table', async () => {
    let fetched = 0;
    const lazy: LazyCatalogue<Whole, typeof first> = {
      'en-GB': { ...first },
      cy: () => (fetched++, Promise.resolve({ greeting: 'wrong table', later: 'x' })),
    };
    const whole = wholeCatalogue(lazy, later, welshWhole);
    expect(whole['en-GB']).to.deep.equal({ greeting: 'Hello', later: 'Saved later' });
    provideWelsh(whole);
    const el = document.createElement(laterProbe(lazy)) as OdElement;
    inPage('cy').append(el);
    expect(await text(el)).to.equal('Helo: Wedi’i gadw wedyn');
    expect(fetched).to.equal(0);
  });
});
