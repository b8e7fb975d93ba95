import type { MeasureId } from './internal/measures.js';

/** Which cases a figure counts: the dashboard's filters, and the month for a month's figure in a trend. */
export interface OpenCasesFilter {
  /** First month counted (`YYYY-MM`, by the month of first contact), or undefined for no lower bound. */
  readonly from: string | undefined;
  /** Last month counted (`YYYY-MM`), or undefined for no upper bound. */
  readonly to: string | undefined;
  /** The responsible team, or undefined for every team. */
  readonly team: string | undefined;
  /** For one month of a trend: that month (`YYYY-MM`); undefined for a tile (the whole period). */
  readonly month: string | undefined;
  /** For a fidelity figure: the instrument's id. */
  readonly instrumentId: string | undefined;
}

/**
 * Fired when a person asks to open the cases behind a figure (a measure's tile, or one
 * month of a trend). The dashboard opens nothing itself: the host lists the cases, in its
 * own case system, from the measure and the filter (summaries carry figures, not case ids).
 */
export class OdOpenCasesEvent extends Event {
  static readonly eventName = 'od-open-cases';
  constructor(
    /** The measure whose figure was chosen. */
    readonly measure: MeasureId,
    /** Which episodes the figure counts. */
    readonly filter: OpenCasesFilter,
  ) {
    super(OdOpenCasesEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'od-open-cases': OdOpenCasesEvent;
  }
}
