/**
 * The map reads at a glance at every width (issue 17, item 3; issue 16, item 8): measured in Chromium at 320, 375,
 * 768 and 1,280 px on the demo case and on generated networks of 50 and 200 members. No name label overlaps a node,
 * another label or a tie; no text is drawn below 12 px; the demo case's names are shown in full; the sector names
 * sit clear of the outer ring; and at 320 and 375 px the members' pointer targets are at least 24 px apart (WCAG
 * 2.2's target spacing).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { demoCase } from '@odkit/core/demo';
import type { OdNetworkMap } from '@odkit/network-map';
import '@odkit/network-map/define.js';
import { setViewport } from '@web/test-runner-commands';
import { generateCase } from '../../../test/fixtures/index.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { text } from '../../../test/support/dom.js';
import { mapPage, type MapPage } from '../../../test/support/map-page.js';

const WIDTHS = [320, 375, 768, 1280] as const;
const CASES = {
  'the demo case': () => demoCase,
  '50 members': () => generateCase({ members: 50, meetings: 4, seed: 1 }),
  '200 members': () => generateCase({ members: 200, meetings: 4, seed: 1 }),
} as const;

async function mapOf(record: unknown): Promise<MapPage> {
  const el = await fixture<OdNetworkMap>(html`<od-network-map .record=${record} sectors></od-network-map>`);
  await el.updateComplete;
  const page = mapPage(el);
  // The map sizes its text and labels from its measured width, reported once it is laid out.
  await page.fitted();
  return page;
}

/** Two boxes overlap by more than half a pixel each way. */
const overlaps = (a: DOMRect, b: DOMRect) =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
  Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;

/** The text's font size as drawn on screen, in CSS px (its font size in map units times the map's scale). */
function renderedFontSize(el: SVGTextElement): number {
  return parseFloat(getComputedStyle(el).fontSize) * Math.abs(el.getScreenCTM()!.a);
}

/** Points along a tie's drawn line, in screen px, every 3 map units. */
function samples(path: SVGPathElement): DOMPoint[] {
  const length = path.getTotalLength();
  const ctm = path.getScreenCTM()!;
  const points: DOMPoint[] = [];
  for (let l = 0; l <= length; l += 3) points.push(path.getPointAtLength(l).matrixTransform(ctm));
  return points;
}

const inside = (p: DOMPoint, box: DOMRect) =>
  p.x > box.left + 0.5 && p.x < box.right - 0.5 && p.y > box.top + 0.5 && p.y < box.bottom - 0.5;

/** Every clash a person would see: label on node, label on label, tie through label. */
function clashes(page: MapPage): string[] {
  const found: string[] = [];
  const labels = [
    ...page.nameLabelLines().map((l) => ({ name: l.text, boxes: l.lines.map((t) => t.getBoundingClientRect()) })),
    ...page
      .sectorLabelLines()
      .map((l) => ({ name: `sector ${l.text}`, boxes: l.lines.map((t) => t.getBoundingClientRect()) })),
  ];
  const person = page.person();
  // The person's name is drawn inside their circle, on purpose: every other node is an obstacle to it.
  const nodes = page.nodes().map((n) => ({
    name: n.getAttribute('aria-label')!,
    box: page.shape(n).getBoundingClientRect(),
    own: n === person ? page.el.shownRecord!.person.name : undefined,
  }));
  labels.forEach((label, i) => {
    for (const box of label.boxes) {
      for (const node of nodes)
        if (node.own !== label.name && overlaps(box, node.box))
          found.push(`"${label.name}" on the node of ${node.name}`);
      for (const other of labels.slice(i + 1))
        if (other.boxes.some((b) => overlaps(box, b))) found.push(`"${label.name}" on "${other.name}"`);
    }
  });
  // Nodes are drawn over the ties: a tie running under the person's circle does not cross the name inside it.
  const circle = page.shape(person).getBoundingClientRect();
  const under = (p: DOMPoint) =>
    Math.hypot(p.x - (circle.left + circle.width / 2), p.y - (circle.top + circle.height / 2)) < circle.width / 2;
  for (const tie of page.tieLines()) {
    const points = samples(tie).filter((p) => !under(p));
    for (const label of labels) {
      if (label.boxes.some((box) => points.some((p) => inside(p, box))))
        found.push(`tie ${tie.closest('[data-tie]')!.getAttribute('data-tie')} through "${label.name}"`);
    }
  }
  return [...new Set(found)];
}

describe('<od-network-map> legibility', () => {
  guardConsole();
  after(() => setViewport({ width: 800, height: 600 }));

  for (const width of WIDTHS) {
    describe(`at ${width} px wide`, () => {
      before(() => setViewport({ width, height: 800 }));

      for (const [name, make] of Object.entries(CASES)) {
        it(`${name}: no label on a node, another label or a tie; no text below 12 px`, async () => {
          const page = await mapOf(make());
          expect(clashes(page)).to.deep.equal([]);
          const small = [...page.picture.querySelectorAll<SVGTextElement>('text')]
            .map((t) => ({ text: text(t), px: Math.round(renderedFontSize(t) * 10) / 10 }))
            .filter((t) => t.px < 12);
          expect(small).to.deep.equal([]);
          // The person's name is always there to read.
          expect(page.nameLabelLines()[0]!.text).to.equal(page.el.shownRecord!.person.name);
        });
      }

      it('the demo case: every name shown in full, the sector names clear of the outer ring', async () => {
        const page = await mapOf(demoCase);
        const shown = page.nameLabelLines().map((l) => l.text);
        expect(shown).to.have.members([demoCase.person.name, ...demoCase.members.map((m) => m.name)]);
        const ring = page.outerRing()!.getBoundingClientRect();
        const cx = ring.left + ring.width / 2;
        const cy = ring.top + ring.height / 2;
        const r = ring.width / 2;
        for (const label of page.sectorLabelLines().flatMap((l) => l.lines)) {
          const box = label.getBoundingClientRect();
          // The point of the box nearest the centre lies outside the ring.
          const nx = Math.max(box.left, Math.min(cx, box.right));
          const ny = Math.max(box.top, Math.min(cy, box.bottom));
          expect(Math.hypot(nx - cx, ny - cy), text(label)).to.be.above(r + 1);
        }
      });

      if (width === 375) {
        it('200 members: says that names are left off; a focused member is named; passes axe, in Welsh too', async () => {
          const page = await mapOf(CASES['200 members']());
          expect(page.namesLeftOff()).to.contain('Some names are left off the map');
          const drawn = new Set(page.nameLabelLines().map((l) => l.text));
          const unnamed = page.el.shownRecord!.members.find((m) => m.ring === 1 && !drawn.has(m.name))!;
          await page.focusMember(unnamed.name);
          expect(page.nameLabelLines().map((l) => l.text)).to.include(unnamed.name);
          await expect(page.el).to.be.accessible();
          page.el.locale = 'cy';
          await page.el.updateComplete;
          expect(page.namesLeftOff()).to.contain('Mae rhai enwau wedi’u gadael oddi ar y map');
        });
      }

      if (width <= 375) {
        for (const [name, make] of Object.entries(CASES)) {
          it(`${name}: pointer targets at least 24 px apart (WCAG 2.2 target spacing)`, async () => {
            const page = await mapOf(make());
            const centres = page.nodes().map((n) => {
              const box = page.pointerTarget(n).getBoundingClientRect();
              return { name: n.getAttribute('aria-label')!, x: box.left + box.width / 2, y: box.top + box.height / 2 };
            });
            const close: string[] = [];
            centres.forEach((a, i) => {
              for (const b of centres.slice(i + 1)) {
                const d = Math.hypot(a.x - b.x, a.y - b.y);
                if (d < 24) close.push(`${a.name} / ${b.name}: ${d.toFixed(1)} px`);
              }
            });
            expect(close).to.deep.equal([]);
          });
        }
      }
    });
  }
});
