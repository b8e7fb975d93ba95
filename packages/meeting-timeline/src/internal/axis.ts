/**
 * The visual time axis (hidden from assistive technology: the list carries the words):
 * where ticks, labels and meetings go at a zoom, and the SVG drawn from that. Apart from
 * the element because the layout is arithmetic that deserves reading on its own.
 */
import type { Meeting } from '@odkit/core';
import { wallClockAsCode } from '@odkit/elements';
import { nothing, html, svg, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { ZOOMS, type TimelineModel, type TimelineZoom } from './model.js';
import { boundaries, DAY, localDate, type AxisUnit } from './time.js';

/** Pixels per day on the visual axis at each zoom. */
const SCALE: Record<TimelineZoom, number> = { day: 120, week: 24, month: 5 };
/** The widest the axis is drawn, in pixels, and the most ticks and labels on it. */
const MAX_AXIS_WIDTH = 40_000;
const MAX_TICKS = 400;
const UNIT_DAYS: Record<AxisUnit, number> = { day: 1, week: 7, month: 30.4, year: 365.25 };
const MAX_LABELS = 400;
/** A generous width of one character of an 11 px numeric axis label. */
const LABEL_CHAR_WIDTH = 7;

export interface AxisLayout {
  readonly width: number;
  readonly x: (time: number) => number;
  readonly tickPath: string;
  readonly labels: readonly { x: number; text: string }[];
  readonly contact: number | null;
  readonly held: string;
  readonly planned: string;
  readonly cancelled: string;
}

/** Where everything on the axis goes. */
export function axisLayout(
  model: TimelineModel,
  shown: readonly Meeting[],
  zoom: TimelineZoom,
  zone: string,
  from: string | undefined,
  to: string | undefined,
): AxisLayout {
  const contact = Date.parse(model.episode.firstContact);
  let min = Infinity,
    max = -Infinity;
  for (const m of shown) {
    const t = model.times.get(m.id)!;
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const contactDay = from || to ? localDate(contact, zone) : '';
  const withContact = !(from && contactDay < from) && !(to && contactDay > to);
  if (withContact || min === Infinity) {
    min = Math.min(min, contact);
    max = Math.max(max, contact);
  }
  // Ticks at the zoom's unit, coarser when there would be thousands of them.
  const units: AxisUnit[] = ['day', 'week', 'month', 'year'];
  let unit = units[ZOOMS.indexOf(zoom)]!;
  while (unit !== 'year' && (max - min) / (UNIT_DAYS[unit] * DAY) > MAX_TICKS) unit = units[units.indexOf(unit) + 1]!;
  const ticks = boundaries(min, max, unit, zone);
  const start = ticks[0]!;
  const end = ticks.at(-1)!;
  // Very long histories are compressed so that the axis stays a drawable size.
  const px = Math.min(SCALE[zoom] / DAY, MAX_AXIS_WIDTH / Math.max(1, end - start));
  const x = (t: number) => Math.round((t - start) * px) + 12;
  const every = Math.max(1, Math.ceil(ticks.length / MAX_LABELS), Math.ceil(52 / (UNIT_DAYS[unit] * DAY * px)));
  const format =
    unit === 'year'
      ? ({ year: 'numeric' } as const)
      : unit === 'month'
        ? ({ month: '2-digit', year: 'numeric' } as const)
        : ({ day: 'numeric', month: 'numeric' } as const);
  // Axis labels are numeric: the axis is hidden from assistive technology, and the list carries the words.
  // en-GB's numeric patterns, as code where the zone's wall clock is (UTC, Europe/London), else through Intl.
  let intl: Intl.DateTimeFormat | undefined;
  const label = (time: number) => {
    const clock = wallClockAsCode(time, zone);
    if (!clock) return (intl ??= new Intl.DateTimeFormat('en-GB', { ...format, timeZone: zone })).format(time);
    const two = (n: number) => String(n).padStart(2, '0');
    const year = String(clock.getUTCFullYear());
    if (unit === 'year') return year;
    if (unit === 'month') return `${two(clock.getUTCMonth() + 1)}/${year}`;
    return `${two(clock.getUTCDate())}/${two(clock.getUTCMonth() + 1)}`;
  };
  const labels = ticks.filter((_, i) => i % every === 0).map((b) => ({ x: x(b) + 3, text: label(b) }));
  // Wide enough for the last label, which starts right of its tick ("30/04", not "30/0").
  const last = labels.at(-1);
  const width = Math.max(
    320,
    Math.round((end - start) * px) + 24,
    last ? last.x + last.text.length * LABEL_CHAR_WIDTH + 4 : 0,
  );
  // One path per status: thousands of meetings cost three elements, not thousands.
  const paths = { held: [] as string[], planned: [] as string[], cancelled: [] as string[] };
  for (const m of shown) {
    const cx = x(model.times.get(m.id)!);
    paths[m.status].push(
      m.status === 'cancelled' ? `M${cx - 5} 15l10 10m0 -10l-10 10` : `M${cx - 6} 20a6 6 0 1 0 12 0a6 6 0 1 0 -12 0`,
    );
  }
  return {
    width,
    x,
    tickPath: ticks.map((b) => `M${x(b)} 34v8`).join(''),
    labels,
    contact: withContact ? x(contact) : null,
    held: paths.held.join(''),
    planned: paths.planned.join(''),
    cancelled: paths.cancelled.join(''),
  };
}

/** The axis with the focused meeting (if it is shown) ringed. */
export function renderAxis(
  model: TimelineModel,
  shown: readonly Meeting[],
  a: AxisLayout,
  focusedId: string | undefined,
): TemplateResult {
  const focused =
    focusedId !== undefined && shown.some((m) => m.id === focusedId) ? model.times.get(focusedId) : undefined;
  return html`<div class="axis" part="axis" aria-hidden="true">
      <svg width=${a.width} height="64" viewBox=${`0 0 ${a.width} 64`} focusable="false">
        ${guard(
          [a],
          () => svg`<line class="baseline" x1="0" x2=${a.width} y1="38" y2="38"></line>
          <path class="tick" d=${a.tickPath}></path>
          ${a.labels.map((l) => svg`<text class="tick-label" x=${l.x} y="56">${l.text}</text>`)}
          ${
            a.contact === null
              ? nothing
              : svg`<path class="contact" d=${`M${a.contact} 8l6 8l-6 8l-6 -8z`}></path><line class="contact-line" x1=${a.contact} x2=${a.contact} y1="24" y2="42"></line>`
          }
          <path class="m-held" d=${a.held}></path>
          <path class="m-planned" d=${a.planned}></path>
          <path class="m-cancelled" d=${a.cancelled}></path>`,
        )}
        ${focused === undefined ? nothing : svg`<circle class="m-focus" cx=${a.x(focused)} cy="20" r="10"></circle>`}
      </svg>
    </div>`;
}
