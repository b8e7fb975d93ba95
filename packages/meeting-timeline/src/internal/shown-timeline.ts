/**
 * What the timeline shows, worked out from its attributes and record: the view, scale, zone,
 * "now" and date range each attribute stands for (its default when the attribute is unusable),
 * the record as shown, the episode, its model and the meetings in range, each kept while
 * nothing it depends on changes. Apart from the element so that it keeps only its properties
 * and state, and every reader (render, handlers, edits) asks one place.
 */
import { isRealDate, isTimeZone, type CaseRecord, type Episode, type Meeting } from '@odkit/core';
import { asOfInstant, isAsOf, privateRecord, type BaseCaseController, type LocaleController } from '@odkit/elements';
import type { TimelineStrings } from '../strings.js';
import {
  buildModel,
  inRange,
  latestEpisode,
  memoLast,
  VIEWS,
  ZOOMS,
  type TimelineModel,
  type TimelineView,
  type TimelineZoom,
} from './model.js';
import type { TimelineOptions } from './options.js';

/** The element's attributes this reads (each read when needed, never kept). */
export type ShownTimelineHost = Pick<
  TimelineOptions,
  'view' | 'scale' | 'timeZone' | 'asOf' | 'rangeStart' | 'rangeEnd' | 'episodeId' | 'audience'
> & {
  readonly instrumentId: string | undefined;
  readonly initialsOnly: boolean;
};

/** Member names end in `Shown`/`Of`/`In` so that the bundles can rename them (scripts/internal-properties.mjs). */
export class ShownTimeline {
  /** The model last built (the clock and the range announcement read it without building one). */
  lastModel: TimelineModel | undefined;
  /** The clock's minutes: each builds the model again (its "now" moved on). */
  #minute = 0;

  readonly #host: ShownTimelineHost;
  readonly #data: BaseCaseController;
  readonly #i18n: LocaleController<TimelineStrings>;

  constructor(host: ShownTimelineHost, data: BaseCaseController, i18n: LocaleController<TimelineStrings>) {
    this.#host = host;
    this.#data = data;
    this.#i18n = i18n;
  }

  get viewShown(): TimelineView {
    return VIEWS.includes(this.#host.view) ? this.#host.view : 'list';
  }
  get zoomShown(): TimelineZoom {
    return ZOOMS.includes(this.#host.scale) ? this.#host.scale : 'week';
  }
  get zoneShown(): string {
    const { timeZone } = this.#host;
    return timeZone && isTimeZone(timeZone) ? timeZone : this.#i18n.timeZone;
  }
  get nowShown(): number {
    const asOf = this.#asOf;
    return asOf ? Date.parse(asOf) : Date.now();
  }
  /** `as-of` as an instant (a date stands for the end of that day in the zone), when it is usable. */
  get #asOf(): string | undefined {
    const { asOf } = this.#host;
    return asOf && isAsOf(asOf) ? asOfInstant(asOf, this.zoneShown) : undefined;
  }
  get rangeShown(): [string | undefined, string | undefined] {
    const ok = (v: string | undefined) => (v && isRealDate(v) ? v : undefined);
    return [ok(this.#host.rangeStart), ok(this.#host.rangeEnd)];
  }

  /** The clock moved on a minute: the next model is built again. */
  clockTick(): void {
    this.#minute++;
  }

  readonly #privateRecord = memoLast((record: CaseRecord, audience?: string, initialsOnly?: boolean) =>
    privateRecord(record, { audience, initialsOnly }),
  );
  /** The record as shown (members hidden from the audience left out, initials): every view is drawn from it. */
  recordShown(): CaseRecord | undefined {
    const { record } = this.#data;
    return record && this.#privateRecord(record, this.#host.audience || undefined, this.#host.initialsOnly);
  }

  episodeOf(record: CaseRecord): Episode | undefined {
    const { episodeId } = this.#host;
    return (episodeId && record.episodes.find((e) => e.id === episodeId)) || latestEpisode(record);
  }

  /** The model of the episode shown, if there is one. */
  modelShown(): TimelineModel | undefined {
    const record = this.recordShown();
    const episode = record && this.episodeOf(record);
    return record && episode ? this.modelOf(record, episode) : undefined;
  }

  readonly #buildModel = memoLast(
    (
      record: CaseRecord,
      episode: Episode,
      asOf: string | undefined,
      instrumentId: string | undefined,
      _minute: number,
    ) => buildModel(record, episode, asOf ?? new Date().toISOString(), instrumentId || undefined),
  );
  modelOf(record: CaseRecord, episode: Episode): TimelineModel {
    return (this.lastModel = this.#buildModel(record, episode, this.#asOf, this.#host.instrumentId, this.#minute));
  }

  /** The model's meetings within the date range, kept while nothing they depend on changes. */
  readonly #filter = memoLast(inRange);
  meetingsIn(model: TimelineModel): readonly Meeting[] {
    return this.#filter(model, this.zoneShown, ...this.rangeShown);
  }

  /** The meetings the list shows now (none without an episode). */
  meetingsShown(): readonly Meeting[] {
    const model = this.modelShown();
    return model ? this.meetingsIn(model) : [];
  }
}
