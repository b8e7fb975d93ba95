/**
 * The network the map shows and its layout, by the element's options and the day stepped to. Apart
 * from the element because every render, key, drop and focus reads them: each is made again only
 * when the record or an option it depends on changes.
 */
import { isId, type CaseRecord } from '@odkit/core';
import { cachedLayout, type Layout } from './layout.js';
import { networkView, type NetworkView } from './view.js';
import type { StepperController } from './history.js';

/** The element: the record it shows and the options the view depends on (its own properties). */
interface ShownBy {
  readonly shownRecord: CaseRecord | undefined;
  readonly audience: string | undefined;
  readonly initialsOnly: boolean;
  readonly sectors: boolean;
}

export class ShownNetwork {
  readonly #by: ShownBy;
  readonly #stepper: StepperController;
  #cache: { record: CaseRecord; key: string; view: NetworkView } | undefined;

  constructor(by: ShownBy, stepper: StepperController) {
    this.#by = by;
    this.#stepper = stepper;
  }

  /** The view's options: the day is the stepper's, else the host's as-of (each as an instant for the history). */
  options(day: string | undefined = this.#stepper.day) {
    const { audience, initialsOnly } = this.#by;
    return {
      asOf: this.#stepper.shownDay(day),
      asOfInstant: this.#stepper.shownInstant(day),
      audience: audience && isId(audience) ? audience : undefined,
      initialsOnly,
    };
  }

  /** The network shown now, or undefined while there is no record. */
  view(): NetworkView | undefined {
    const record = this.#by.shownRecord;
    if (!record) return undefined;
    const options = this.options();
    const key = `${options.asOfInstant ?? ''}|${options.audience ?? ''}|${options.initialsOnly}`;
    if (this.#cache?.record !== record || this.#cache.key !== key) {
      this.#cache = { record, key, view: networkView(record, options) };
    }
    return this.#cache.view;
  }

  /**
   * Where the members of `view` (just returned by `view()`) are drawn: cached by the record's members and the options
   * that move them.
   */
  layout(view: NetworkView): Layout {
    const o = this.options();
    const key = `${o.asOfInstant ?? ''}|${o.audience ?? ''}|${this.#by.sectors}`;
    return cachedLayout(this.#cache!.record.members, key, () => view.members.map((m) => m.member), this.#by.sectors);
  }
}
