/**
 * The map as a PNG: painted on a canvas, shape by shape, from the live SVG's geometry and computed styles, then the
 * key and summary below. Nothing is loaded as an image, so it works under a strict Content-Security-Policy. Fetched
 * the first time a PNG is asked for (export.ts): most visits never make one.
 */
import { UnsupportedError } from '@odkit/elements';
import { arrange, FONT, LINE, MARGIN, opaque, shapes, SWATCH_H, visible, wholeBox, type LegendText } from './export.js';

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
