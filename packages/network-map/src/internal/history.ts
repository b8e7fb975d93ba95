/**
 * The network over time: stepping the map between the network at the first meeting and now (one
 * stop per day a meeting was held), and what changed since the first meeting: who joined, who
 * left, who moved closer or further away. The stepper sets the day the map shows without touching
 * the host's `as-of` (it steps up to that day, when set). State in a small controller; the
 * toolbar group and the summary are pure views.
 */
import type { CaseRecord } from '@odkit/core';
import { asOfDate, asOfInstant, isAsOf, type Translate } from '@odkit/elements';
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { NetworkView } from './view.js';
import type { MapStrings } from '../strings.js';

/**
 * The days the map can step to, oldest first: each day (in `zone`) a meeting was held, up to `end`, then `end`
 * itself (now, or the host's as-of day) unless a meeting was held that day.
 */
export function meetingStops(record: CaseRecord, end: string, zone: string): { stops: string[]; meetings: number } {
  const days = new Set<string>();
  for (const m of record.meetings) {
    if (m.status !== 'held') continue;
    const day = asOfDate(m.start, zone);
    if (day <= end) days.add(day);
  }
  const stops = [...days].sort();
  if (stops[stops.length - 1] !== end) stops.push(end);
  return { stops, meetings: days.size };
}

export interface StepperOptions {
  readonly record: () => CaseRecord | undefined;
  /** The host's `as-of` (checked here: one that is not valid counts as none). */
  readonly asOf: () => string | undefined;
  /** The map's time zone, where as-of and meeting days are read. */
  readonly zone: () => string;
}

/**
 * Which day the map shows: the stop stepped to, else the host's as-of, else now. At the last stop (the host's
 * as-of day, else today) it shows what it would without the stepper.
 */
export class StepperController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: StepperOptions;
  /** The day stepped to; undefined at the last stop. */
  #day: string | undefined;
  /** The person has stepped (the summary of changes is shown from then on). */
  used = false;
  #cache: { record: CaseRecord; end: string; zone: string; stops: string[]; meetings: number } | undefined;

  constructor(host: ReactiveControllerHost, options: StepperOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {}

  /** Today in the map's time zone. */
  get today(): string {
    return asOfDate(new Date().toISOString(), this.#options.zone());
  }

  /** The host's as-of, as a day in the map's time zone. */
  get hostDay(): string | undefined {
    const asOf = this.#options.asOf();
    return asOf && isAsOf(asOf) ? asOfDate(asOf, this.#options.zone()) : undefined;
  }

  /** The day shown (`day`, by default the one stepped to, else the host's), or undefined: now. */
  shownDay(day = this.day): string | undefined {
    return day ?? this.hostDay;
  }

  /** The instant the day shown stands for (its end, or the host's as-of date-time), or undefined: now. */
  shownInstant(day = this.day): string | undefined {
    const asOf = day ?? (this.hostDay && this.#options.asOf());
    return asOf ? asOfInstant(asOf, this.#options.zone()) : undefined;
  }

  /** An earlier day than today is shown (the network as it was: not to be edited). */
  get showingPast(): boolean {
    const day = this.shownDay();
    return day !== undefined && day < this.today;
  }

  /** The stops for the record shown (at least two, or none: nothing to step between). */
  get stops(): readonly string[] {
    const record = this.#options.record();
    if (!record) return [];
    const end = this.hostDay ?? this.today;
    const zone = this.#options.zone();
    const c = this.#cache;
    if (!c || c.record !== record || c.end !== end || c.zone !== zone) {
      const { stops, meetings } = meetingStops(record, end, zone);
      this.#cache = { record, end, zone, stops: stops.length > 1 ? stops : [], meetings };
    }
    return this.#cache!.stops;
  }

  /** How many of the stops are meeting days (the last may be one, or now). */
  get meetingDays(): number {
    return this.stops.length ? this.#cache!.meetings : 0;
  }

  /** The index of the stop shown. */
  get index(): number {
    const stops = this.stops;
    const i = this.#day === undefined ? -1 : stops.indexOf(this.#day);
    return i < 0 ? stops.length - 1 : i;
  }

  /** The day stepped to, or undefined at the last stop (the map then shows now, or the host's as-of). */
  get day(): string | undefined {
    const stops = this.stops;
    return this.#day !== undefined && stops.includes(this.#day) && this.#day !== stops[stops.length - 1]
      ? this.#day
      : undefined;
  }

  readonly step = (by: -1 | 1): void => {
    const stops = this.stops;
    const next = this.index + by;
    if (next < 0 || next >= stops.length) return;
    this.#day = next === stops.length - 1 ? undefined : stops[next];
    this.used = true;
    this.#host.requestUpdate();
  };

  /** Back to the last stop (the host changed its as-of, or the record changed). */
  reset(): void {
    this.#day = undefined;
  }
}

export interface StepperModel {
  readonly stops: readonly string[];
  readonly index: number;
  /** How many stops are meeting days. */
  readonly meetings: number;
  /** The last stop is the host's as-of day (not today). */
  readonly hostEnd: boolean;
  /** Formats a day for people. */
  readonly date: (day: string) => string;
}

/**
 * The toolbar's previous / next by meeting, with the day shown between them, spoken when it changes (a live region
 * of its own: the map's one status line is for edits).
 */
export function renderStepper(
  model: StepperModel,
  t: Translate<MapStrings>,
  step: (by: -1 | 1) => void,
): TemplateResult | typeof nothing {
  const { stops, index } = model;
  if (stops.length < 2) return nothing;
  const last = index === stops.length - 1;
  const day = model.date(stops[index]!);
  // aria-disabled, not disabled: the button keeps focus at either end, and says why nothing happens.
  return html`<span class="group stepper" role="group" aria-label=${t('history.label')}>
    <button type="button" class="od-button od-button--secondary" data-step="previous" aria-disabled=${index === 0 ? 'true' : 'false'} @click=${() => step(-1)}>
      ${t('history.previous')}
    </button>
    <span class="stepper-day" aria-live="polite" aria-atomic="true">${
      last
        ? t(model.hostEnd ? 'map.asOf' : 'history.now', { date: day })
        : t('history.meeting', { n: index + 1, count: model.meetings, date: day })
    }</span>
    <button type="button" class="od-button od-button--secondary" data-step="next" aria-disabled=${last ? 'true' : 'false'} @click=${() => step(1)}>
      ${t('history.next')}
    </button>
  </span>`;
}

/** What changed between two views of the network: who joined, who left, who moved closer or further away. */
export function networkChanges(before: NetworkView, after: NetworkView) {
  const joined: string[] = [];
  const left: string[] = [];
  const closer: string[] = [];
  const further: string[] = [];
  const inTouch = (m: { status: string } | undefined) => m !== undefined && m.status === 'active';
  for (const m of after.members) {
    const was = before.byId.get(m.member.id);
    if (!inTouch(was) && inTouch(m)) joined.push(m.name);
    else if (inTouch(was) && !inTouch(m)) left.push(m.name);
    else if (was && m.member.ring < was.member.ring) closer.push(m.name);
    else if (was && m.member.ring > was.member.ring) further.push(m.name);
  }
  for (const m of before.members) if (inTouch(m) && !after.byId.has(m.member.id)) left.push(m.name);
  return { joined, left, closer, further };
}

/** How the network changed from the first meeting (`before`, on the day `first`) to the day shown (`after`). */
export function renderChanges(
  before: NetworkView,
  after: NetworkView,
  first: string,
  t: Translate<MapStrings>,
): TemplateResult {
  return html`<p class="changes" part="changes">${changesText(networkChanges(before, after), first, t)}</p>`;
}

/** "Since the first meeting (date): 2 joined (…), 1 left (…), …" — what services report as how the network changed. */
export function changesText(
  changes: ReturnType<typeof networkChanges>,
  first: string,
  t: Translate<MapStrings>,
): string {
  const list = (key: 'history.joined' | 'history.left' | 'history.closer' | 'history.further', names: string[]) =>
    names.length ? [t(key, { count: names.length, names: names.join(', ') })] : [];
  const parts = [
    ...list('history.joined', changes.joined),
    ...list('history.left', changes.left),
    ...list('history.closer', changes.closer),
    ...list('history.further', changes.further),
  ];
  return t('history.since', { date: first, changes: parts.length ? parts.join('; ') : t('history.noChanges') });
}
