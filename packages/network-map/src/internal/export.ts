/**
 * Export of the map as a standalone SVG document and as a PNG, both with the key
 * (the same swatches as on screen) and the summary below the picture.
 *
 * The SVG copies the computed colours, widths and dashes onto the shapes as
 * presentation attributes, so the file looks like the screen anywhere. The PNG is
 * painted on a canvas from the live SVG's geometry and computed styles
 * (export-png.ts, fetched the first time a PNG is asked for): nothing is loaded as an
 * image (no data: or blob: image URLs), so it works under a strict
 * Content-Security-Policy. Text is copied as text, never parsed as markup.
 */

import { OdErrorEvent, OnDemand, UnsupportedError, type Translate } from '@odkit/elements';
import type * as PngExport from './export-png.js';
import { summaryText } from './summary.js';
import type { NetworkView } from './view.js';
import type { MapStrings } from '../strings.js';

export interface LegendItem {
  /** The on-screen swatch (an `svg` in the key). */
  readonly swatch: SVGSVGElement;
  readonly label: string;
}

export interface LegendText {
  readonly title: string;
  readonly heading: string;
  readonly items: readonly LegendItem[];
  readonly summary: string;
}

/** The key's swatches and labels as shown on screen (read back from the rendered legend), for export. */
export function legendItems(root: ParentNode): LegendItem[] {
  return [...root.querySelectorAll('.legend-list li')].flatMap((li) => {
    const swatch = li.querySelector<SVGSVGElement>('svg.swatch');
    return swatch ? [{ swatch, label: (li.textContent ?? '').replace(/\s+/g, ' ').trim() }] : [];
  });
}

const NS = 'http://www.w3.org/2000/svg';
const SHAPES = 'circle, rect, polygon, path, line, text';
const PAINT = [
  'fill',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-linejoin',
  'paint-order',
  'opacity',
  'fill-opacity',
  'stroke-opacity',
] as const;
export const MARGIN = 12;
const COLUMN = 250;
const ROW = 30;
export const SWATCH_H = 24;
export const LINE = 18;
export const FONT = 13;

export function shapes(root: Element): Element[] {
  return [...root.querySelectorAll(SHAPES)].filter(
    (el) => !el.classList.contains('focus-ring') && !el.classList.contains('hit'),
  );
}

export function visible(el: Element): boolean {
  const cs = getComputedStyle(el);
  return cs.display !== 'none' && cs.visibility !== 'hidden';
}

export const opaque = (color: string) =>
  color === 'rgba(0, 0, 0, 0)' || color === 'transparent' || !color ? '#ffffff' : color;

interface Placed {
  readonly item: LegendItem;
  readonly x: number;
  readonly y: number;
  readonly width: number;
}

/** Where the key's swatches, the heading and the summary lines go, below a map `width` wide. */
export function arrange(legend: LegendText, width: number) {
  const columns = Math.max(1, Math.floor((width - 2 * MARGIN) / COLUMN));
  const placed: Placed[] = legend.items.map((item, i) => {
    const box = item.swatch.viewBox.baseVal;
    const w = box.height ? (SWATCH_H * box.width) / box.height : SWATCH_H;
    return { item, x: MARGIN + (i % columns) * COLUMN, y: MARGIN + LINE + Math.floor(i / columns) * ROW, width: w };
  });
  const rows = Math.ceil(legend.items.length / columns);
  const summaryTop = MARGIN + LINE + rows * ROW + 6;
  const lines = wrap(legend.summary, Math.max(20, Math.floor((width - 2 * MARGIN) / (FONT * 0.55))));
  return { placed, summaryTop, lines, height: summaryTop + lines.length * LINE + MARGIN };
}

function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The whole map, whatever part of it the picture shows: a narrow picture shows the middle of the map at a scale that
 * keeps its targets apart; it gives the whole map's half-width (map units) as `data-extent`.
 */
export function wholeBox(source: SVGSVGElement): { x: number; y: number; width: number; height: number } {
  const e = Number(source.getAttribute('data-extent'));
  return e > 0 ? { x: -e, y: -e, width: 2 * e, height: 2 * e } : source.viewBox.baseVal;
}

/** A copy of `source` with computed paint as presentation attributes and no classes, ARIA, ids or styles. */
function paintedCopy(source: SVGSVGElement): SVGSVGElement {
  const clone = source.cloneNode(true) as SVGSVGElement;
  const from = shapes(source);
  const to = shapes(clone);
  from.forEach((el, i) => {
    const target = to[i];
    if (!target) return;
    if (!visible(el)) {
      target.remove();
      return;
    }
    const cs = getComputedStyle(el);
    for (const prop of PAINT) {
      const value = cs.getPropertyValue(prop);
      if (value) target.setAttribute(prop, value);
    }
    if (el.tagName === 'text') {
      target.setAttribute('font-family', cs.fontFamily);
      target.setAttribute('font-size', cs.fontSize);
      target.setAttribute('font-weight', cs.fontWeight);
    }
  });
  clone.querySelectorAll('.focus-ring, .hit').forEach((el) => el.remove());
  for (const el of [clone, ...clone.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      if (/^(tabindex|role|aria-|part$|data-|class$|style$|id$)/.test(attr.name)) el.removeAttribute(attr.name);
    }
  }
  clone.removeAttribute('width');
  clone.removeAttribute('height');
  return clone;
}

function text(content: string, x: number, y: number, weight = 400): SVGTextElement {
  const t = document.createElementNS(NS, 'text');
  t.setAttribute('x', String(x));
  t.setAttribute('y', String(y));
  if (weight !== 400) t.setAttribute('font-weight', String(weight));
  t.textContent = content;
  return t;
}

export function exportSvg(source: SVGSVGElement, legend: LegendText): string {
  const { x: vx, y: vy, width: vw, height: vh } = wholeBox(source);
  const layout = arrange(legend, vw);
  const total = vh + layout.height;
  const out = document.createElementNS(NS, 'svg');
  out.setAttribute('xmlns', NS);
  out.setAttribute('viewBox', `${vx} ${vy} ${vw} ${total}`);
  out.setAttribute('width', String(vw));
  out.setAttribute('height', String(total));
  const title = document.createElementNS(NS, 'title');
  title.textContent = legend.title;
  const bg = document.createElementNS(NS, 'rect');
  for (const [k, v] of [
    ['x', vx],
    ['y', vy],
    ['width', vw],
    ['height', total],
  ] as const)
    bg.setAttribute(k, String(v));
  bg.setAttribute('fill', opaque(getComputedStyle(source.closest('.od-map') ?? source).backgroundColor));
  out.append(title, bg, ...paintedCopy(source).childNodes);

  const key = document.createElementNS(NS, 'g');
  key.setAttribute('transform', `translate(${vx} ${vy + vh})`);
  key.setAttribute('font-family', getComputedStyle(source).fontFamily);
  key.setAttribute('font-size', String(FONT));
  key.setAttribute('fill', getComputedStyle(source).color);
  key.append(text(legend.heading, MARGIN, MARGIN + FONT - 2, 700));
  for (const { item, x, y, width } of layout.placed) {
    const swatch = paintedCopy(item.swatch);
    const box = item.swatch.viewBox.baseVal;
    swatch.setAttribute('viewBox', `${box.x} ${box.y} ${box.width} ${box.height}`);
    for (const [k, v] of [
      ['x', x],
      ['y', y],
      ['width', width],
      ['height', SWATCH_H],
    ] as const)
      swatch.setAttribute(k, String(v));
    swatch.setAttribute('overflow', 'visible');
    key.append(swatch, text(item.label, x + width + 8, y + SWATCH_H / 2 + FONT / 2 - 2));
  }
  layout.lines.forEach((line, i) => key.append(text(line, MARGIN, layout.summaryTop + (i + 1) * LINE - 4)));
  out.append(key);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(out)}`;
}

/** The PNG painter (export-png.ts): fetched the first time a PNG is asked for, once for every map on the page. */
const pngExport = new OnDemand<typeof PngExport>(() => import('./export-png.js'));

/**
 * The PNG painter (`exportPng`), fetched once (a failed fetch is tried again the next time); rejects with an
 * `UnsupportedError` saying so when it cannot be fetched.
 */
export async function pngPainter(): Promise<(typeof PngExport)['exportPng']> {
  if (!(await pngExport.load()) || !pngExport.module)
    throw new UnsupportedError(
      '<od-network-map>: the PNG could not be made: this page could not fetch the code that paints it. Check the connection and try again.',
    );
  return pngExport.module.exportPng;
}

/** Offers a file for download through a temporary link (no navigation, no inline script). */
export function downloadBlob(root: ShadowRoot, blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  root.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The key as on screen (its swatches and labels), the map's name and the summary, for export. */
export function legendText(root: ParentNode, view: NetworkView | undefined, t: Translate<MapStrings>): LegendText {
  return {
    title: view ? t('map.label', { name: view.personName }) : '',
    heading: t('legend.title'),
    items: legendItems(root),
    summary: view ? summaryText(view, t) : '',
  };
}

/** The map's picture to export, or the error to give when there is none (no record, or the table view is shown). */
export function mapToExport(root: ParentNode, tag: string): SVGSVGElement | UnsupportedError {
  return (
    root.querySelector<SVGSVGElement>('svg.map') ??
    new UnsupportedError(`<${tag}>: there is no map to export (no record, or the table view is shown).`)
  );
}

/** The name a downloaded export is offered under. */
export const exportFileName = (recordId: string | undefined, ext: string): string =>
  `network-map-${recordId ?? 'network'}.${ext}`;

/** The element as its exports use it: its shadow root, its tag, its record and where to report. */
interface ExportingMap extends HTMLElement {
  readonly renderRoot: ParentNode;
  readonly shownRecord: { readonly id: string } | undefined;
  toSVG(): string;
  toPNG(): Promise<Blob>;
  requestUpdate(): void;
}

/**
 * The map's exports: the pictures its `toSVG()` and `toPNG()` give, and the toolbar's download buttons, with what
 * the toolbar says when the PNG's painter could not be fetched.
 */
export class MapExports {
  /** The last "Download PNG" could not fetch the code that paints it (the toolbar says so until the next press). */
  pngUnavailable = false;
  readonly #map: ExportingMap;
  readonly #legend: () => LegendText;

  constructor(map: ExportingMap, legend: () => LegendText) {
    this.#map = map;
    this.#legend = legend;
  }

  /** The picture as a standalone SVG document, with its legend. */
  svg(): string {
    return exportSvg(this.#picture(), this.#legend());
  }

  /** The picture painted as a PNG, with its legend; with no map to export it rejects at once, fetching nothing. */
  async png(scale: number): Promise<Blob> {
    this.#picture();
    const exportPng = await pngPainter();
    // Read once the painter is here, so the picture and its legend are painted as they are then, together.
    return exportPng(this.#picture(), this.#legend(), scale);
  }

  /** "Download SVG": made at once. */
  readonly downloadSvg = () => this.#download('svg');

  /**
   * "Download PNG": its painter is fetched on the first press. If it cannot be, the toolbar says so, seen and heard,
   * and the host hears it as `od-error`; the next press fetches it again.
   */
  readonly downloadPng = async (): Promise<void> => {
    if (this.pngUnavailable) {
      // Emptied first, so a second failure is said again.
      this.pngUnavailable = false;
      this.#map.requestUpdate();
    }
    try {
      await pngPainter();
    } catch (error) {
      this.pngUnavailable = true;
      this.#map.requestUpdate();
      this.#map.dispatchEvent(new OdErrorEvent(error));
      return;
    }
    this.#download('png');
  };

  #picture(): SVGSVGElement {
    const svg = mapToExport(this.#map.renderRoot, this.#map.localName);
    if (svg instanceof Error) throw svg;
    return svg;
  }

  /**
   * Offers the picture as a file, made by the element's own `toSVG()` or `toPNG()`. A PNG that cannot be painted is
   * reported as `od-error`, since a button has no caller to reject to.
   */
  #download(ext: 'svg' | 'png'): void {
    const map = this.#map;
    const save = (blob: Blob) =>
      downloadBlob(map.renderRoot as ShadowRoot, blob, exportFileName(map.shownRecord?.id, ext));
    if (ext === 'svg') return save(new Blob([map.toSVG()], { type: 'image/svg+xml' }));
    void (async () => {
      try {
        save(await map.toPNG());
      } catch (error) {
        map.dispatchEvent(new OdErrorEvent(error));
      }
    })();
  }
}
