import type { OdPrinciplesChecklist } from '@odkit/principles-checklist';
import { sendMouse } from '@web/test-runner-commands';

/** The checklist's shadow root. */
export const shadow = (el: OdPrinciplesChecklist) => el.shadowRoot!;

/** One element in the checklist's shadow root, failing loudly when it is missing. */
export function $<T extends Element = HTMLElement>(el: OdPrinciplesChecklist, selector: string): T {
  const found = shadow(el).querySelector<T>(selector);
  if (!found) throw new Error(`No ${selector} in the checklist`);
  return found;
}

export const $$ = <T extends Element = HTMLElement>(el: OdPrinciplesChecklist, selector: string): T[] => [
  ...shadow(el).querySelectorAll<T>(selector),
];

/**
 * A real mouse click in the middle of `target` (scrolled into view first). Test files run
 * two at a time, each in its own tab, and a hidden tab gets no frames, so a real mouse
 * event never lands there: in a hidden tab this falls back to the DOM's own click (the
 * same activation a label or button gets from a mouse).
 */
export async function click(target: Element): Promise<void> {
  if (document.visibilityState === 'hidden') {
    (target as HTMLElement).click();
    return;
  }
  target.scrollIntoView({ block: 'center' });
  const r = target.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] });
  await sendMouse({ type: 'move', position: [0, 0] });
}

/** The radio for `itemId`'s option labelled `label` (its label's text). */
export function radio(el: OdPrinciplesChecklist, itemId: string, label: string): HTMLInputElement {
  const match = $$<HTMLInputElement>(el, `input[type=radio][name="item-${itemId}"]`).find(
    (input) => shadow(el).querySelector(`label[for="${CSS.escape(input.id)}"]`)?.textContent?.trim() === label,
  );
  if (!match) throw new Error(`No option "${label}" for ${itemId}`);
  return match;
}

/** The label element of a control in the shadow root. */
export const labelOf = (el: OdPrinciplesChecklist, control: Element) =>
  $<HTMLLabelElement>(el, `label[for="${CSS.escape(control.id)}"]`);

/** Text with whitespace collapsed. */
export const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Resolves after `ms` milliseconds. */
export const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` returns something truthy without throwing (or fails after `timeout` ms). */
export async function until(check: () => unknown, timeout = 3000): Promise<void> {
  const start = performance.now();
  for (;;) {
    try {
      if (check()) return;
    } catch (error) {
      if (performance.now() - start > timeout) throw error;
    }
    if (performance.now() - start > timeout) throw new Error('Timed out waiting');
    await wait(20);
  }
}
