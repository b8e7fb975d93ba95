/**
 * Export of the map as a standalone SVG document and as a PNG, both with the key
 * (the same swatches as on screen) and the summary below the picture.
 *
 * The SVG copies the computed colours, widths and dashes onto the shapes as
 * presentation attributes, so the file looks like the screen anywhere. The PNG is
 * painted on a canvas from the live SVG's geometry and computed styles: nothing is
 * loaded as an image (no data: or blob: image URLs), so it works under a strict
 * Content-Security-Policy. Text is copied as text, never parsed as markup.
 */

import { OdErrorEvent, UnsupportedError, type Translate } from '@odkit/elements';
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
const MARGIN = 12;
const COLUMN = 250;
const ROW = 30;
const SWATCH_H = 24;
const LINE = 18;
const FONT = 13;

function shapes(root: Element): Element[] {
  return [...root.querySelectorAll(SHAPES)].filter(
    (el) => !el.classList.contains('focus-ring') && !el.classList.contains('hit'),
  );
}

function visible(el: Element): boolean {
  const cs = getComputedStyle(el);
  return cs.display !== 'none' && cs.visibility !== 'hidden';
}

const opaque = (color: string) =>
  color === 'rgba(0, 0, 0, 0)' || color === 'transparent' || !color ? '#ffffff' : color;

interface Placed {
  readonly item: LegendItem;
  readonly x: number;
  readonly y: number;
  readonly width: number;
}

/** Where the key's swatches, the heading and the summary lines go, below a map `width` wide. */
function arrange(legend: LegendText, width: number) {
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
function wholeBox(source: SVGSVGElement): { x: number; y: number; width: number; height: number } {
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

/** Paints the live SVG on a canvas, shape by shape, with its computed styles; then the key and summary below. */
export function exportPng(source: SVGSVGElement, legend: LegendText, scale: number): Promise<Blob> {
  const box = wholeBox(source);
  const width = Math.max(1, box.width);
  const layout = arrange(legend, width);
  const height = Math.max(1, box.height) + layout.height;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx)
    return Promise.reject(new UnsupportedError('<od-network-map>: this browser cannot draw a PNG (no 2D canvas).'));
  ctx.fillStyle = opaque(getComputedStyle(source.closest('.od-map') ?? source).backgroundColor);
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  // The map: from its viewBox to canvas pixels (pan and zoom, a CSS transform on the SVG, are left out).
  paint(ctx, source, new DOMMatrix().scale(scale).translate(-box.x, -box.y));
  // The key: each swatch's viewBox into its box below the map.
  const top = box.height;
  for (const { item, x, y, width: w } of layout.placed) {
    const vb = item.swatch.viewBox.baseVal;
    const m = new DOMMatrix()
      .scale(scale)
      .translate(x, top + y)
      .scale(vb.width ? w / vb.width : 1, vb.height ? SWATCH_H / vb.height : 1)
      .translate(-vb.x, -vb.y);
    paint(ctx, item.swatch, m);
  }
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
  ctx.fillStyle = getComputedStyle(source).color;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  const family = getComputedStyle(source).fontFamily;
  ctx.font = `700 ${FONT}px ${family}`;
  ctx.fillText(legend.heading, MARGIN, top + MARGIN + FONT - 2);
  ctx.font = `400 ${FONT}px ${family}`;
  for (const { item, x, y, width: w } of layout.placed)
    ctx.fillText(item.label, x + w + 8, top + y + SWATCH_H / 2 + FONT / 2 - 2);
  layout.lines.forEach((line, i) => ctx.fillText(line, MARGIN, top + layout.summaryTop + (i + 1) * LINE - 4));
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new UnsupportedError('<od-network-map>: the PNG could not be made.'))),
      'image/png',
    ),
  );
}

/** Draws the shapes of `root` with their computed styles; `toCanvas` maps root's user space to canvas pixels. */
function paint(ctx: CanvasRenderingContext2D, root: SVGSVGElement, toCanvas: DOMMatrix): void {
  for (const el of shapes(root)) {
    if (!visible(el) || !(el instanceof SVGGraphicsElement)) continue;
    ctx.setTransform(toCanvas.multiply(userTransform(el, root)));
    const cs = getComputedStyle(el);
    ctx.globalAlpha = Number(cs.opacity || 1);
    if (el instanceof SVGTextElement) {
      ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      ctx.fillStyle = cs.fill;
      const anchor = el.getAttribute('text-anchor');
      ctx.textAlign = anchor === 'middle' ? 'center' : anchor === 'end' ? 'right' : 'left';
      ctx.textBaseline = el.getAttribute('dominant-baseline') === 'middle' ? 'middle' : 'alphabetic';
      if (cs.stroke && cs.stroke !== 'none' && cs.paintOrder.startsWith('stroke')) {
        ctx.strokeStyle = cs.stroke;
        ctx.lineWidth = parseFloat(cs.strokeWidth) || 1;
        ctx.lineJoin = 'round';
        ctx.setLineDash([]);
        ctx.strokeText(el.textContent ?? '', Number(el.getAttribute('x') ?? 0), Number(el.getAttribute('y') ?? 0));
      }
      ctx.fillText(el.textContent ?? '', Number(el.getAttribute('x') ?? 0), Number(el.getAttribute('y') ?? 0));
      continue;
    }
    const path = pathOf(el);
    if (!path) continue;
    if (cs.fill && cs.fill !== 'none') {
      ctx.fillStyle = cs.fill;
      ctx.globalAlpha = Number(cs.opacity || 1) * Number(cs.fillOpacity || 1);
      ctx.fill(path);
      ctx.globalAlpha = Number(cs.opacity || 1);
    }
    if (cs.stroke && cs.stroke !== 'none') {
      ctx.strokeStyle = cs.stroke;
      ctx.lineWidth = parseFloat(cs.strokeWidth) || 1;
      const dash = cs.strokeDasharray;
      ctx.setLineDash(dash && dash !== 'none' ? dash.split(/[\s,]+/).map((d) => parseFloat(d) || 0) : []);
      ctx.stroke(path);
    }
  }
}

/** The product of the `transform` attributes from `root` down to `el`. */
function userTransform(el: SVGGraphicsElement, root: SVGSVGElement): DOMMatrix {
  let m = new DOMMatrix();
  for (let node: Element | null = el; node && node !== root; node = node.parentElement) {
    if (node instanceof SVGGraphicsElement) {
      const t = node.transform.baseVal.consolidate();
      if (t) m = DOMMatrix.fromMatrix(t.matrix).multiply(m);
    }
  }
  return m;
}

function pathOf(el: Element): Path2D | undefined {
  const n = (name: string) => Number(el.getAttribute(name) ?? 0);
  switch (el.tagName) {
    case 'path':
      return new Path2D(el.getAttribute('d') ?? '');
    case 'circle': {
      const p = new Path2D();
      p.arc(n('cx'), n('cy'), n('r'), 0, Math.PI * 2);
      return p;
    }
    case 'rect': {
      const p = new Path2D();
      p.rect(n('x'), n('y'), n('width'), n('height'));
      return p;
    }
    case 'line':
      return new Path2D(`M${n('x1')} ${n('y1')} L${n('x2')} ${n('y2')}`);
    case 'polygon': {
      const points = (el.getAttribute('points') ?? '').trim();
      return points ? new Path2D(`M${points.replace(/\s+/g, ' L')} Z`) : undefined;
    }
    default:
      return undefined;
  }
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

/** The element as the toolbar's download buttons use it: its own exports, and where to report. */
interface ExportingMap extends HTMLElement {
  readonly renderRoot: ParentNode;
  toSVG(): string;
  toPNG(): Promise<Blob>;
  readonly shownRecord: { readonly id: string } | undefined;
}

/**
 * Offers the picture as a file (the toolbar's buttons). An SVG is made at once; a PNG that cannot be painted is
 * reported as `od-error`, since a button has no caller to reject to.
 */
export function downloadExport(map: ExportingMap, ext: 'svg' | 'png'): void {
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
