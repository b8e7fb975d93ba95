/**
 * The map's first picture: drawn once, for the size the resize observer reports before the first paint, so names
 * are placed once; and no update reads the SVG's size where the observer reports it. The observer reports only in a
 * tab that draws frames, so this file runs on its own in a visible tab (HEAVY_FILES in web-test-runner.config.mjs),
 * not beside another file.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { demoCase } from '@odkit/core/demo';
import type { OdNetworkMap } from '@odkit/network-map';
import '@odkit/network-map/define.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { byPart, until } from '../../../test/support/dom.js';
import { mapPage, watchDrawing } from '../../../test/support/map-page.js';

describe('<od-network-map> first picture', () => {
  guardConsole();

  before(() => {
    // A hidden tab gets no frames, so no size is reported: what these tests are about would not happen.
    expect(document.visibilityState, 'this file runs in a visible tab').to.equal('visible');
  });

  it('draws the picture once, for its measured size: names are placed for the size they are shown at', async () => {
    const el = document.createElement('od-network-map');
    el.record = demoCase;
    el.sectors = true;
    document.body.append(el);
    try {
      const drawing = watchDrawing(el);
      await el.updateComplete;
      const drawnFor = drawing.stop();
      const svg = byPart<SVGSVGElement>(el, 'map');
      expect(drawnFor).to.deep.equal([`${svg.clientWidth}x${svg.clientHeight}`]);
      expect(mapPage(el).nodes()).to.have.length(demoCase.members.length + 1);
      expect(mapPage(el).nameLabels().join(' ')).to.include('Priya');
    } finally {
      el.remove();
    }
  });

  /** Records every read of an SVG's width (with its stack), which forces a layout when the picture has just changed. */
  async function sizeReadsDuring(work: () => Promise<void>): Promise<string[]> {
    const { get } = Object.getOwnPropertyDescriptor(Element.prototype, 'clientWidth')!;
    const reads: string[] = [];
    Object.defineProperty(Element.prototype, 'clientWidth', {
      configurable: true,
      get(this: Element) {
        if (this instanceof SVGSVGElement) reads.push(new Error().stack ?? '');
        return get!.call(this) as number;
      },
    });
    try {
      await work();
    } finally {
      Object.defineProperty(Element.prototype, 'clientWidth', { configurable: true, get });
    }
    return reads;
  }

  it('reads no layout from the SVG to draw its first picture: the size comes from the resize report', async () => {
    const el = document.createElement('od-network-map');
    const reads = await sizeReadsDuring(async () => {
      el.record = demoCase;
      document.body.append(el);
      await el.updateComplete;
    });
    try {
      expect(mapPage(el).nodes()).to.have.length(demoCase.members.length + 1);
      expect(mapPage(el).picture.getAttribute('data-fit')).to.not.equal('');
      expect(reads, reads.join('\n\n')).to.deep.equal([]);
    } finally {
      el.remove();
    }
  });

  it('reads no layout from the SVG after a selection or a new record: resize reports say when its size changes', async () => {
    const el = await fixture<OdNetworkMap>(html`<od-network-map .record=${demoCase}></od-network-map>`);
    const page = mapPage(el);
    await page.fitted();
    const member = demoCase.members[0]!;
    const reads = await sizeReadsDuring(async () => {
      el.selectedId = member.id;
      await el.updateComplete;
      el.record = structuredClone(demoCase);
      await el.updateComplete;
    });
    expect(
      page
        .pressed()
        .map((n) => n.getAttribute('aria-label'))
        .join(' '),
    ).to.include(member.name);
    expect(reads, reads.join('\n\n')).to.deep.equal([]);
  });

  it('reads its size after an update on a hidden page, which draws no frames and so gets no resize reports', async () => {
    const el = await fixture<OdNetworkMap>(html`<od-network-map .record=${demoCase}></od-network-map>`);
    await mapPage(el).fitted();
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    let reads: string[];
    try {
      reads = await sizeReadsDuring(async () => {
        el.requestUpdate();
        await el.updateComplete;
      });
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
    }
    expect(document.visibilityState).to.equal('visible');
    expect(reads).to.have.length(1);
  });

  it('draws a map inside a hidden box, and fits it to its size once the box is shown', async () => {
    const box = await fixture<HTMLDivElement>(
      html`<div hidden><od-network-map .record=${demoCase}></od-network-map></div>`,
    );
    const el = box.querySelector('od-network-map')!;
    await el.updateComplete;
    const page = mapPage(el);
    expect(page.nodes()).to.have.length(demoCase.members.length + 1);
    box.hidden = false;
    await page.fitted();
    expect(page.picture.getAttribute('data-fit')).to.equal(`${page.picture.clientWidth}x${page.picture.clientHeight}`);
  });

  it('still draws the picture when no size is ever reported (a page that draws no frames)', async () => {
    const Observer = window.ResizeObserver;
    // Observes nothing, as when the page is hidden and draws no frames.
    window.ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
    try {
      const page = mapPage(await fixture<OdNetworkMap>(html`<od-network-map .record=${demoCase}></od-network-map>`));
      expect(page.nodes()).to.have.length(demoCase.members.length + 1);
      expect(page.nameLabels().join(' ')).to.include('Priya');
    } finally {
      window.ResizeObserver = Observer;
    }
  });

  it('draws a map moved to another place in the page before its size was measured', async () => {
    const [from, to] = [document.createElement('div'), document.createElement('div')];
    document.body.append(from, to);
    try {
      const el = document.createElement('od-network-map');
      el.record = demoCase;
      from.append(el);
      // Its first render, still waiting for its size, is done; then it moves.
      await until(() => el.hasUpdated, 'the first render');
      to.append(el);
      await el.updateComplete;
      const page = mapPage(el);
      expect(page.nodes()).to.have.length(demoCase.members.length + 1);
      await page.fitted();
    } finally {
      from.remove();
      to.remove();
    }
  });

  it('on a hidden page (no frames, so no size reported) draws the picture at once, without waiting for a size', async () => {
    // What the browser says of a background tab.
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    try {
      const el = document.createElement('od-network-map');
      el.record = demoCase;
      document.body.append(el);
      try {
        const drawing = watchDrawing(el);
        await el.updateComplete;
        expect(drawing.stop()[0]).to.equal('');
        expect(mapPage(el).nodes()).to.have.length(demoCase.members.length + 1);
      } finally {
        el.remove();
      }
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
    }
  });
});
