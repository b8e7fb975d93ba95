import type { OdPrinciplesChecklist } from '@odkit/principles-checklist';

import { $ as $maybe, $$, click, shadow, text, until } from '../../../test/support/dom.js';

export { $$, click, shadow, text, until };

/** One element in the checklist's shadow root, failing loudly when it is missing. */
export function $<T extends Element = HTMLElement>(el: OdPrinciplesChecklist, selector: string): T {
  const found = $maybe<T>(el, selector);
  if (!found) throw new Error(`No ${selector} in the checklist`);
  return found;
}

/** The radio for `itemId`'s option labelled `label` (its label's text). */
export function radio(el: OdPrinciplesChecklist, itemId: string, label: string): HTMLInputElement {
  const match = $$<HTMLInputElement>(el, `input[type=radio][name="item-${itemId}"]`).find(
    (input) =>
      shadow(el)
        .querySelector(`label[for="${CSS.escape(input.id)}"]`)
        ?.textContent?.trim() === label,
  );
  if (!match) throw new Error(`No option "${label}" for ${itemId}`);
  return match;
}

/** The label element of a control in the shadow root. */
export const labelOf = (el: OdPrinciplesChecklist, control: Element) =>
  $<HTMLLabelElement>(el, `label[for="${CSS.escape(control.id)}"]`);
