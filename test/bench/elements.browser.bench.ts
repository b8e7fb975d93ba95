/**
 * The floor every widget stands on, in Chromium with Lit's production build: a
 * minimal widget (CaseController + LocaleController, the way every kit widget is
 * built) given a record, timed until the next frame has painted. A widget's own
 * benchmark minus this is what its rendering costs.
 */
import { serializeCaseRecord, type CaseRecord } from '@odkit/core';
import { CaseController, LocaleController, OdElement, sharedStrings } from '@odkit/elements';
import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { demoCase, generateCase } from '../fixtures/index.js';
import { measureAsync, report } from './harness.js';
import { nextPaint } from './paint.js';

class FloorWidget extends OdElement {
  @property({ attribute: false }) record: unknown;
  readonly data = new CaseController(this);
  readonly i18n = new LocaleController(this, sharedStrings);
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('record')) this.data.setRecord(this.record);
  }
  protected override render() {
    return html`<p>${this.data.record?.members.length ?? this.i18n.t('loading')}</p>`;
  }
}
FloorWidget.define('od-floor-bench');

/** A fresh, unfrozen copy each run, as a host hands over JSON it has just fetched. */
const asJson = (record: CaseRecord) => JSON.parse(serializeCaseRecord(record)) as unknown;

it('record set → painted, minimal widget (the floor)', async () => {
  const cases = [
    ['demo case (18 members, 15 meetings)', demoCase],
    ['200 members, 100 meetings', generateCase({ members: 200, meetings: 100, seed: 1 })],
    ['1,000 members, 1,000 meetings', generateCase({ members: 1000, meetings: 1000, seed: 1 })],
  ] as const;
  const results = [];
  for (const [name, record] of cases) {
    const json = asJson(record);
    results.push(
      await measureAsync(
        name,
        async () => {
          const el = document.createElement('od-floor-bench') as FloorWidget;
          el.record = structuredClone(json);
          document.body.append(el);
          await el.updateComplete;
          await nextPaint();
          el.remove();
        },
        { targeted: false },
      ),
    );
  }
  report(results, 100);
});
