import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import {
  MemoryStore,
  StorageError,
  ValidationError,
  applyNetworkChange,
  parseCaseRecord,
  type CaseRecord,
} from '@odkit/core';
import {
  BaseCaseController,
  CaseController,
  LocaleController,
  type OdChangeEvent,
  OdElement,
  OdProvider,
  VERSION,
  errorStateStyles,
  renderErrorState,
  sharedStrings,
} from '@odkit/elements';
import '@odkit/elements/define.js';
import { sendKeys } from '@web/test-runner-commands';
import { html as litHtml, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { HOSTILE_TEXT, pwned } from '../../../test/fixtures/index.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { nextEvent } from '../../../test/support/events.js';

/** A minimal widget built the way every kit widget is: record or store in, text out. */
class TestWidget extends OdElement {
  static override styles = [...OdElement.styles, errorStateStyles];
  @property({ attribute: false }) record: unknown;
  @property() locale: string | undefined;
  @property({ attribute: false }) strings: Partial<Record<string, string>> | undefined;
  readonly data: BaseCaseController = this.caseController();
  readonly i18n = new LocaleController(this, sharedStrings);

  /** The widget's one case controller (a subclass picks another kind; overriding the field would make two). */
  protected caseController(): BaseCaseController {
    return new CaseController(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('record')) this.data.setRecord(this.record);
  }

  protected override render() {
    const record = this.data.record;
    return litHtml`${this.data.error ? renderErrorState(this.data.error, this.i18n) : ''}
      <p part="count">${record ? `${record.person.name}: ${record.members.length}` : this.i18n.t('loading')}</p>
      <p part="label">${this.i18n.t('sector.family')}</p>
      <button part="button">${this.i18n.t('person.label')}</button>`;
  }
}
TestWidget.define('od-test-widget');
declare global {
  interface HTMLElementTagNameMap {
    'od-test-widget': TestWidget;
  }
}

const base = (): CaseRecord =>
  parseCaseRecord({
    schemaVersion: 1,
    id: 'case-1',
    person: { id: 'p1', name: 'Robin Ellis' },
    members: [
      {
        id: 'm1',
        kind: 'person',
        name: 'Jo',
        relationship: { code: 'SIS' },
        sector: 'family',
        ring: 1,
        support: ['emotional'],
        household: false,
        carer: false,
        status: 'active',
        hiddenFrom: [],
      },
    ],
    ties: [],
    episodes: [],
    meetings: [],
    assessments: [],
  });

const member = (id: string, name: string) => ({
  id,
  kind: 'person' as const,
  name,
  relationship: { text: 'friend' },
  sector: 'friends' as const,
  ring: 2 as const,
  support: [],
  household: false,
  carer: false,
  status: 'active' as const,
  hiddenFrom: [],
});

const text = (el: TestWidget, part: string) => el.shadowRoot!.querySelector(`[part="${part}"]`)!.textContent!.trim();

describe('OdElement.define', () => {
  const console = guardConsole();

  it('does not throw when the tag is already taken by the same class', () => {
    expect(() => TestWidget.define('od-test-widget')).not.to.throw();
    expect(customElements.get('od-test-widget')).to.equal(TestWidget);
  });

  it('warns, and keeps the first, when another kit version holds the tag', () => {
    class Other extends OdElement {
      static override readonly kitVersion = '0.0.1';
    }
    Other.define('od-test-versioned');
    console.expectWarning(/<od-test-versioned> is already registered by version 0\.0\.1; version 0\.1\.0/);
    TestWidget.define('od-test-versioned');
    expect(customElements.get('od-test-versioned')).to.equal(Other);
  });

  it('registers an already registered class under a second tag (a host prefix)', async () => {
    TestWidget.define('acme-test-widget');
    const Registered = customElements.get('acme-test-widget')!;
    expect(Registered).not.to.equal(TestWidget);
    const el = await fixture<TestWidget>(html`<acme-test-widget .record=${base()}></acme-test-widget>`);
    expect(el).to.be.instanceOf(TestWidget);
    expect(text(el, 'count')).to.equal('Robin Ellis: 1');
  });

  it('VERSION matches package.json', async () => {
    const pkg = (await (await fetch('/packages/elements/package.json')).json()) as { version: string };
    expect(VERSION).to.equal(pkg.version);
    expect(OdElement.kitVersion).to.equal(pkg.version);
  });
});

describe('record property', () => {
  guardConsole();

  it('renders a valid record and updates when a new one is set', async () => {
    const el = await fixture<TestWidget>(html`<od-test-widget .record=${base()}></od-test-widget>`);
    expect(text(el, 'count')).to.equal('Robin Ellis: 1');
    el.record = { ...base(), members: [...base().members, member('m2', 'Sam')] };
    await el.updateComplete;
    expect(text(el, 'count')).to.equal('Robin Ellis: 2');
  });

  it('shows an error state for a bad record, keeps the last good render and fires od-error', async () => {
    const el = await fixture<TestWidget>(html`<od-test-widget .record=${base()}></od-test-widget>`);
    const fired = nextEvent(el, 'od-error');
    el.record = { ...base(), members: [{ ...base().members[0], ring: 7 }] };
    const event = await fired;
    await el.updateComplete;
    expect(event.error.message).to.contain('members[0].ring');
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('members[0].ring');
    expect(text(el, 'count')).to.equal('Robin Ellis: 1');
    await expect(el).to.be.accessible();
  });

  it('renders hostile text as text, never as markup', async () => {
    const el = await fixture<TestWidget>(
      html`<od-test-widget .record=${{ ...base(), person: { id: 'p1', name: HOSTILE_TEXT } }}></od-test-widget>`,
    );
    expect(text(el, 'count')).to.equal(`${HOSTILE_TEXT}: 1`);
    expect(el.shadowRoot!.querySelector('img, script')).to.equal(null);
    expect(pwned()).to.equal(false);
  });

  it('without a store, fires a cancelable od-change and applies the change unless cancelled', async () => {
    const el = await fixture<TestWidget>(html`<od-test-widget .record=${base()}></od-test-widget>`);
    let seen: OdChangeEvent | undefined;
    el.addEventListener('od-change', (e) => (seen = e), { once: true });
    const result = await el.data.apply({ type: 'member/add', member: member('m2', 'Sam') });
    await el.updateComplete;
    expect(result.status).to.equal('applied');
    expect(seen?.change.type).to.equal('member/add');
    expect(seen?.cancelable).to.equal(true);
    expect(text(el, 'count')).to.equal('Robin Ellis: 2');

    el.addEventListener('od-change', (e) => e.preventDefault(), { once: true });
    expect((await el.data.apply({ type: 'member/add', member: member('m3', 'Kim') })).status).to.equal('cancelled');
    await el.updateComplete;
    expect(text(el, 'count')).to.equal('Robin Ellis: 2');
  });

  it('an invalid edit is refused with od-error and changes nothing', async () => {
    const el = await fixture<TestWidget>(html`<od-test-widget .record=${base()}></od-test-widget>`);
    let changes = 0;
    el.addEventListener('od-change', () => changes++);
    const fired = nextEvent(el, 'od-error');
    const result = await el.data.apply({ type: 'member/add', member: member('m1', 'Duplicate') });
    expect(result.status).to.equal('failed');
    expect((await fired).error.message).to.contain('already used');
    expect(changes).to.equal(0);
    expect(el.data.record?.members.length).to.equal(1);
  });
});

/** The widget above built as a kit widget is: with the applier of the one family of changes it makes. */
class NetworkOnlyWidget extends TestWidget {
  protected override caseController(): BaseCaseController {
    return new BaseCaseController(this, applyNetworkChange);
  }
}
NetworkOnlyWidget.define('od-test-network-widget');

describe('BaseCaseController with one family of changes', () => {
  guardConsole();

  it('applies a change of its family without a store, with od-change', async () => {
    const el = fixtureSync<NetworkOnlyWidget>(
      html`<od-test-network-widget .record=${base()}></od-test-network-widget>`,
    );
    await el.updateComplete;
    const changed = nextEvent(el, 'od-change');
    const result = await el.data.apply({ type: 'member/add', member: member('m2', 'Sam') });
    expect(result.status).to.equal('applied');
    expect((await changed).change.type).to.equal('member/add');
    await el.updateComplete;
    expect(text(el, 'count')).to.equal('Robin Ellis: 2');
  });

  it("refuses another family's change with od-error, firing no od-change and changing nothing", async () => {
    const el = fixtureSync<NetworkOnlyWidget>(
      html`<od-test-network-widget .record=${base()}></od-test-network-widget>`,
    );
    await el.updateComplete;
    let changes = 0;
    el.addEventListener('od-change', () => changes++);
    const fired = nextEvent(el, 'od-error');
    const result = await el.data.apply({
      type: 'episode/add',
      episode: { id: 'e1', firstContact: '2026-03-01T09:00:00Z', status: 'active', responsibleTeam: 'Crisis team' },
    });
    expect(result.status).to.equal('failed');
    const { error } = await fired;
    expect(error).to.be.instanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).to.deep.equal([['type']]);
    expect(changes).to.equal(0);
    expect(el.data.record).to.deep.equal(base());
  });
});

describe('od-error always carries a code', () => {
  guardConsole();

  it('an edit before the widget has a record is a ValidationError naming the change', async () => {
    const el = await fixture<TestWidget>(html`<od-test-widget></od-test-widget>`);
    const fired = nextEvent(el, 'od-error');
    const result = await el.data.apply({ type: 'member/add', member: member('m3', 'Kim') });
    expect(result.status).to.equal('failed');
    const { error } = await fired;
    expect(error).to.be.instanceOf(ValidationError);
    expect(error.code).to.equal('validation');
    expect(error.message).to.equal('Change is invalid: (root) cannot be applied before the widget has a record');
  });

  it("a host store's own error (or a thrown string) reaches the page as a StorageError whose cause it is", async () => {
    class OwnStore extends MemoryStore {
      failWith: unknown;
      override async apply(...args: Parameters<MemoryStore['apply']>) {
        if (this.failWith !== undefined) throw this.failWith;
        return super.apply(...args);
      }
    }
    const store = new OwnStore(base());
    const provider = await fixture<OdProvider>(
      html`<od-provider .store=${store}><od-test-widget></od-test-widget></od-provider>`,
    );
    const widget = provider.querySelector('od-test-widget')!;
    await widget.updateComplete;
    for (const thrown of [new TypeError('the host store broke'), 'a bare string']) {
      store.failWith = thrown;
      const fired = nextEvent(widget, 'od-error');
      const result = await widget.data.apply({ type: 'member/add', member: member('m3', 'Kim') });
      const { error } = await fired;
      expect(error).to.be.instanceOf(StorageError);
      expect(error.code).to.equal('storage');
      expect(error.cause).to.equal(thrown);
      expect(result).to.deep.equal({ status: 'failed', error });
    }
    expect(store.snapshot!.record.members.map((m) => m.id)).to.deep.equal(['m1']);
  });
});

describe('<od-provider>', () => {
  const console = guardConsole();

  it('gives every widget inside the store, and all update when the store changes', async () => {
    const store = new MemoryStore(base());
    const provider = await fixture<OdProvider>(html`<od-provider .store=${store}>
      <od-test-widget id="a"></od-test-widget>
      <div><od-test-widget id="b"></od-test-widget></div>
    </od-provider>`);
    const [a, b] = ['#a', '#b'].map((s) => provider.querySelector<TestWidget>(s)!);
    await a!.updateComplete;
    expect(text(a!, 'count')).to.equal('Robin Ellis: 1');
    const result = await a!.data.apply({ type: 'member/add', member: member('m2', 'Sam') });
    expect(result.status).to.equal('applied');
    await Promise.all([a!.updateComplete, b!.updateComplete]);
    expect(text(a!, 'count')).to.equal('Robin Ellis: 2');
    expect(text(b!, 'count')).to.equal('Robin Ellis: 2');
    expect(store.snapshot?.revision).to.equal(2);
  });

  it('reaches widgets that were upgraded before the provider was registered (any load order)', async () => {
    // A host may load a widget's define module before the provider's (the React wrappers do,
    // and so can any bundle): the widget asks for the store while its provider is still an
    // unknown element, and must get it once the provider is registered.
    class LateProvider extends OdProvider {}
    // fixtureSync: fixture() on a plain <div> waits for a frame, which a hidden tab never paints.
    const wrapper = fixtureSync<HTMLElement>(
      html`<div><od-test-late-provider><od-test-widget></od-test-widget></od-test-late-provider></div>`,
    );
    const widget = wrapper.querySelector('od-test-widget')!;
    await widget.updateComplete;
    expect(text(widget, 'count')).to.equal('Loading…');
    const provider = wrapper.querySelector('od-test-late-provider') as OdProvider;
    provider.store = new MemoryStore(base());
    LateProvider.define('od-test-late-provider');
    await provider.updateComplete;
    await widget.updateComplete;
    expect(text(widget, 'count')).to.equal('Robin Ellis: 1');
  });

  it('a widget working from an old revision gets a conflict, and the store keeps the other write', async () => {
    const store = new MemoryStore(base());
    const provider = await fixture<OdProvider>(
      html`<od-provider .store=${store}><od-test-widget></od-test-widget></od-provider>`,
    );
    const widget = provider.querySelector('od-test-widget')!;
    await widget.updateComplete;
    // Another writer lands first; the widget still believes it is at revision 1.
    const stale = widget.data.revision!;
    await store.apply({ type: 'member/add', member: member('m2', 'Sam') });
    widget.data.revision = stale;
    const fired = nextEvent(widget, 'od-error');
    const result = await widget.data.apply({ type: 'member/add', member: member('m3', 'Kim') });
    expect(result.status).to.equal('failed');
    expect((await fired).error.name).to.equal('ConflictError');
    expect(store.snapshot!.record.members.map((m) => m.id)).to.deep.equal(['m1', 'm2']);
  });

  it('a widget moved out of its provider lets go of the store and shows its record property', async () => {
    const store = new MemoryStore(base());
    const own = { ...base(), id: 'case-2', person: { id: 'p1', name: 'Sam Own' } };
    const provider = await fixture<OdProvider>(
      html`<od-provider .store=${store}><od-test-widget .record=${own}></od-test-widget></od-provider>`,
    );
    const widget = provider.querySelector('od-test-widget')!;
    await widget.updateComplete;
    expect(text(widget, 'count')).to.equal('Robin Ellis: 1');

    document.body.append(widget);
    await widget.updateComplete;
    expect(widget.data.store).to.equal(undefined);
    expect(text(widget, 'count')).to.equal('Sam Own: 1');
    let changes = 0;
    widget.addEventListener('od-change', () => changes++);
    await widget.data.apply({ type: 'member/add', member: member('m2', 'Sam') });
    expect(changes).to.equal(1);
    expect(store.snapshot!.revision).to.equal(1);

    provider.append(widget);
    await widget.updateComplete;
    expect(widget.data.store).to.equal(store);
    expect(text(widget, 'count')).to.equal('Robin Ellis: 1');
  });

  it('hides everything inside it when hidden', async () => {
    const provider = await fixture<OdProvider>(
      html`<od-provider hidden><od-test-widget .record=${base()}></od-test-widget></od-provider>`,
    );
    const widget = provider.querySelector('od-test-widget')!;
    await widget.updateComplete;
    expect(getComputedStyle(provider).display).to.equal('none');
    expect(widget.getBoundingClientRect().height).to.equal(0);
  });

  it('applies theme presets and dark mode through system tokens', async () => {
    const provider = await fixture<OdProvider>(
      html`<od-provider theme="govuk"><od-test-widget .record=${base()}></od-test-widget></od-provider>`,
    );
    const widget = provider.querySelector('od-test-widget')!;
    await widget.updateComplete;
    const colour = () => getComputedStyle(widget.shadowRoot!.querySelector('[part="count"]')!).color;
    expect(colour()).to.equal('rgb(11, 12, 12)');
    expect(getComputedStyle(widget).getPropertyValue('--od-sys-color-primary').trim()).to.equal('#1d70b8');
    provider.theme = 'nhs';
    await provider.updateComplete;
    expect(colour()).to.equal('rgb(33, 43, 50)');
    // color-scheme defaults to auto: native controls follow the operating system's scheme.
    expect(getComputedStyle(widget).colorScheme).to.equal('light dark');
    provider.colorScheme = 'dark';
    await provider.updateComplete;
    expect(colour()).to.equal('rgb(243, 242, 241)');
    // Native controls and scrollbars inside the widgets follow the scheme too.
    expect(getComputedStyle(widget.shadowRoot!.querySelector('button')!).colorScheme).to.equal('dark');
  });

  it('keeps its typography when page rules match the host (* { font-size: 62.5% … }) and the root is 10px', async () => {
    const sheet = document.createElement('style');
    // Spacing is left out: the widgets let it through on purpose (WCAG 1.4.12, see the next test).
    sheet.textContent = `html { font-size: 62.5% } * { font-size: 62.5% !important; text-transform: uppercase; font-style: italic;
      color: #ff00ff; caret-color: transparent }
      od-provider.big { --od-sys-font-size: 20px }`;
    document.head.append(sheet);
    try {
      const provider = await fixture<OdProvider>(
        html`<od-provider theme="govuk"><od-test-widget .record=${base()}></od-test-widget></od-provider>`,
      );
      const widget = provider.querySelector('od-test-widget')!;
      await widget.updateComplete;
      const s = getComputedStyle(widget.shadowRoot!.querySelector('[part="count"]')!);
      // The reader's default size (16 px in this browser), not 62.5% of a 10 px root.
      expect(s.fontSize).to.equal('16px');
      expect([s.textTransform, s.fontStyle, s.lineHeight]).to.deep.equal(['none', 'normal', '24px']);
      expect(s.color).to.equal('rgb(11, 12, 12)');
      expect(s.caretColor).to.not.equal('rgba(0, 0, 0, 0)');
      // A token still sets it: hosts style widget text through tokens.
      provider.classList.add('big');
      expect(getComputedStyle(widget.shadowRoot!.querySelector('[part="count"]')!).fontSize).to.equal('20px');
    } finally {
      sheet.remove();
    }
  });

  it('lets a reader\u2019s text-spacing overrides through (WCAG 1.4.12)', async () => {
    const sheet = document.createElement('style');
    sheet.textContent =
      '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important }';
    document.head.append(sheet);
    try {
      const widget = await fixture<TestWidget>(html`<od-test-widget .record=${base()}></od-test-widget>`);
      const s = getComputedStyle(widget.shadowRoot!.querySelector('[part="count"]')!);
      expect([s.letterSpacing, s.wordSpacing, s.lineHeight]).to.deep.equal(['1.92px', '2.56px', '24px']);
    } finally {
      sheet.remove();
    }
  });

  it('switches language for every widget inside, with per-instance overrides', async () => {
    const provider = await fixture<OdProvider>(html`<od-provider locale="cy">
      <od-test-widget id="a"></od-test-widget>
      <od-test-widget id="b" .strings=${{ 'sector.family': 'Teulu agos' }}></od-test-widget>
    </od-provider>`);
    const [a, b] = ['#a', '#b'].map((s) => provider.querySelector<TestWidget>(s)!);
    await Promise.all([a!.updateComplete, b!.updateComplete]);
    expect(text(a!, 'label')).to.equal('Teulu');
    expect(text(b!, 'label')).to.equal('Teulu agos');
    provider.locale = 'en-GB';
    await provider.updateComplete;
    await a!.updateComplete;
    expect(text(a!, 'label')).to.equal('Family');
  });

  it('without a locale of its own, lets each widget inside follow its nearest lang', async () => {
    const provider = await fixture<OdProvider>(html`<od-provider lang="cy">
      <od-test-widget id="a"></od-test-widget>
      <section lang="en-GB"><od-test-widget id="b"></od-test-widget></section>
    </od-provider>`);
    const [a, b] = ['#a', '#b'].map((s) => provider.querySelector<TestWidget>(s)!);
    await Promise.all([a!.updateComplete, b!.updateComplete]);
    expect(text(a!, 'label')).to.equal('Teulu');
    expect(text(b!, 'label')).to.equal('Family');
  });

  it('warns about a time zone Intl does not know and keeps rendering', async () => {
    console.expectWarning(/time-zone="Mars\/Olympus"> is not a time zone/);
    const provider = await fixture<OdProvider>(
      html`<od-provider time-zone="Mars/Olympus"><od-test-widget .record=${base()}></od-test-widget></od-provider>`,
    );
    const widget = provider.querySelector('od-test-widget')!;
    await widget.updateComplete;
    expect(widget.i18n.timeZone).to.equal('Europe/London');
    expect(widget.i18n.dateTime('2026-03-02T14:00:00+00:00')).to.contain('2026');
  });

  it('falls back to the nearest lang attribute, and an element locale wins', async () => {
    // fixtureSync: fixture() on a plain <div> waits for a frame, which a hidden tab never paints.
    const wrapper = fixtureSync<HTMLDivElement>(html`<div lang="cy-GB">
      <od-test-widget id="a"></od-test-widget><od-test-widget id="b" locale="en-GB"></od-test-widget>
    </div>`);
    const [a, b] = ['#a', '#b'].map((s) => wrapper.querySelector<TestWidget>(s)!);
    await Promise.all([a!.updateComplete, b!.updateComplete]);
    expect(text(a!, 'label')).to.equal('Teulu');
    expect(text(b!, 'label')).to.equal('Family');
  });

  it('finds the nearest lang across shadow roots (a widget inside another component)', async () => {
    const wrapper = fixtureSync<HTMLDivElement>(html`<div lang="cy"><section></section></div>`);
    const section = wrapper.querySelector('section')!;
    const shadow = section.attachShadow({ mode: 'open' });
    const widget = document.createElement('od-test-widget');
    shadow.append(widget);
    await widget.updateComplete;
    expect(text(widget, 'label')).to.equal('Teulu');
  });

  it('is accessible with keyboard focus visible inside a widget', async () => {
    const provider = await fixture<OdProvider>(
      html`<od-provider theme="govuk"><od-test-widget .record=${base()}></od-test-widget></od-provider>`,
    );
    const widget = provider.querySelector('od-test-widget')!;
    await widget.updateComplete;
    await expect(provider).to.be.accessible();
    await sendKeys({ press: 'Tab' });
    const button = widget.shadowRoot!.querySelector('button')!;
    expect(widget.shadowRoot!.activeElement).to.equal(button);
    expect(getComputedStyle(button).outlineColor).to.equal('rgb(255, 221, 0)');
  });
});
