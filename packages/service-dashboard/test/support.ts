import type { OdServiceDashboard } from '@odkit/service-dashboard';
import type { Rate } from '@odkit/core/service';

/** One element in the dashboard's shadow root, failing loudly when it is missing. */
export function $<T extends Element = HTMLElement>(el: OdServiceDashboard, selector: string): T {
  const found = el.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`No ${selector} in the dashboard`);
  return found;
}

export const $$ = <T extends Element = HTMLElement>(el: OdServiceDashboard, selector: string): T[] => [
  ...el.shadowRoot!.querySelectorAll<T>(selector),
];

/** Text with whitespace collapsed. */
export const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** A tile by its measure (and instrument). */
export const tile = (el: OdServiceDashboard, measure: string) => $(el, `.tile[data-measure="${measure}"]`);

/** A rate as a tile shows it in English: "79% (31 of 39)". */
const count = new Intl.NumberFormat('en-GB');
export const ratioText = (r: Rate) =>
  `${Math.round((r.rate ?? 0) * 100)}% (${count.format(r.numerator)} of ${count.format(r.denominator)})`;

/** Waits until `check` returns something truthy without throwing (or fails after `timeout` ms). */
export async function until(check: () => unknown, timeout = 5000): Promise<void> {
  const start = performance.now();
  for (;;) {
    try {
      if (check()) return;
    } catch (error) {
      if (performance.now() - start > timeout) throw error;
    }
    if (performance.now() - start > timeout) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
