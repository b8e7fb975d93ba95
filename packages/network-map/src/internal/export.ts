/**
 * Export of the map as a standalone SVG document and as a PNG. Both carry a
 * legend. The SVG copies the computed colours, widths and dashes onto the shapes
 * as presentation attributes, so the file looks like the screen anywhere. The PNG
 * is painted on a canvas from the live SVG's geometry and computed styles: nothing
 * is loaded as an image (no data: or blob: image URLs), so it works under a strict
 * Content-Security-Policy. Text is copied as text, never parsed as markup.
 */

export interface LegendText {
  readonly title: string;
  readonly lines: readonly string[];
  readonly sectors: readonly { cls: string; label: string }[];
}

const NS = 'http://www.w3.org/2000/svg';
const SHAPES = 'circle, rect, polygon, path, line, text';
const PAINT = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'fill-opacity', 'stroke-opacity'] as const;
const LINE_HEIGHT = 20;

function shapes(root: Element): Element[] {
  return [...root.querySelectorAll(SHAPES)].filter((el) => !el.classList.contains('focus-ring') && !el.classList.contains('hit'));
}

function visible(el: Element): boolean {
  const cs = getComputedStyle(el);
  return cs.display !== 'none' && cs.visibility !== 'hidden';
}

export function exportSvg(source: SVGSVGElement, legend: LegendText): string {
  const [vx, vy, vw, vh] = (source.getAttribute('viewBox') ?? '0 0 100 100').split(/\s+/).map(Number) as [number, number, number, number];
  const clone = source.cloneNode(true) as SVGSVGElement;
  // Copy computed paint onto the copy's shapes, in document order.
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
      if (/^(tabindex|role|aria-|part$|data-|class$|style$)/.test(attr.name)) el.removeAttribute(attr.name);
    }
  }
  const background = getComputedStyle(source.closest('.od-map') ?? source).backgroundColor;
  const ink = getComputedStyle(source).color;
  const legendHeight = (legend.lines.length + 1) * LINE_HEIGHT + 12;
  clone.setAttribute('xmlns', NS);
  clone.setAttribute('viewBox', `${vx} ${vy} ${vw} ${vh + legendHeight}`);
  clone.setAttribute('width', String(vw));
  clone.setAttribute('height', String(vh + legendHeight));
  const bg = document.createElementNS(NS, 'rect');
  bg.setAttribute('x', String(vx));
  bg.setAttribute('y', String(vy));
  bg.setAttribute('width', String(vw));
  bg.setAttribute('height', String(vh + legendHeight));
  bg.setAttribute('fill', opaque(background));
  clone.insertBefore(bg, clone.firstChild);
  const title = document.createElementNS(NS, 'title');
  title.textContent = legend.title;
  clone.insertBefore(title, clone.firstChild);
  const key = document.createElementNS(NS, 'g');
  key.setAttribute('font-family', getComputedStyle(source).fontFamily);
  key.setAttribute('font-size', '13');
  key.setAttribute('fill', ink);
  [legend.title, ...legend.lines].forEach((line, i) => {
    const text = document.createElementNS(NS, 'text');
    text.setAttribute('x', String(vx + 12));
    text.setAttribute('y', String(vy + vh + 12 + (i + 0.7) * LINE_HEIGHT));
    if (i === 0) text.setAttribute('font-weight', '700');
    text.textContent = line;
    key.append(text);
  });
  clone.append(key);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

const opaque = (color: string) => (color === 'rgba(0, 0, 0, 0)' || color === 'transparent' || !color ? '#ffffff' : color);

/** Paints the live SVG on a canvas, shape by shape, with its computed styles; then the legend below. */
export function exportPng(source: SVGSVGElement, legend: LegendText, scale: number): Promise<Blob> {
  const box = source.viewBox.baseVal;
  const width = Math.max(1, box.width);
  const legendHeight = (legend.lines.length + 1) * LINE_HEIGHT + 12;
  const height = Math.max(1, box.height) + legendHeight;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) return Promise.reject(new Error('<od-network-map>: this browser cannot draw a PNG (no 2D canvas).'));
  ctx.fillStyle = opaque(getComputedStyle(source.closest('.od-map') ?? source).backgroundColor);
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  // From the SVG's user space (viewBox) to canvas pixels; pan and zoom (a CSS transform on the SVG) are left out.
  const base = new DOMMatrix().scale(scale).translate(-box.x, -box.y);
  for (const el of shapes(source)) {
    if (!visible(el) || !(el instanceof SVGGraphicsElement)) continue;
    ctx.setTransform(base.multiply(userTransform(el, source)));
    const cs = getComputedStyle(el);
    ctx.globalAlpha = Number(cs.opacity || 1);
    if (el instanceof SVGTextElement) {
      ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      ctx.fillStyle = cs.fill;
      const anchor = el.getAttribute('text-anchor');
      ctx.textAlign = anchor === 'middle' ? 'center' : anchor === 'end' ? 'right' : 'left';
      ctx.textBaseline = el.getAttribute('dominant-baseline') === 'middle' ? 'middle' : 'alphabetic';
      ctx.fillText(el.textContent ?? '', Number(el.getAttribute('x') ?? 0), Number(el.getAttribute('y') ?? 0));
      continue;
    }
    const path = pathOf(el);
    if (!path) continue;
    if (cs.fill && cs.fill !== 'none') {
      ctx.fillStyle = cs.fill;
      ctx.fill(path);
    }
    if (cs.stroke && cs.stroke !== 'none') {
      ctx.strokeStyle = cs.stroke;
      ctx.lineWidth = parseFloat(cs.strokeWidth) || 1;
      const dash = cs.strokeDasharray;
      ctx.setLineDash(dash && dash !== 'none' ? dash.split(/[\s,]+/).map((d) => parseFloat(d) || 0) : []);
      ctx.stroke(path);
    }
  }
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
  ctx.fillStyle = getComputedStyle(source).color;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  const family = getComputedStyle(source).fontFamily;
  [legend.title, ...legend.lines].forEach((line, i) => {
    ctx.font = `${i === 0 ? 700 : 400} 13px ${family}`;
    ctx.fillText(line, 12, box.height + 12 + (i + 0.7) * LINE_HEIGHT, width - 24);
  });
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('<od-network-map>: the PNG could not be made.'))), 'image/png'),
  );
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
