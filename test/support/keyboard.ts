import { sendKeys } from '@web/test-runner-commands';

/** The element that has focus, through open shadow roots. */
export function deepActiveElement(): Element | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/**
 * An element in a few words for assertions: `h2#title[data-sync-focus=review-title] "Text"`.
 * (Chai prints a failed comparison of two elements by walking them, which on a kit
 * element reaches the whole store and can take the browser down.)
 */
export function describeElement(el: Element | null | undefined): string {
  if (!el) return '(nothing)';
  const id = el.id ? `#${el.id}` : '';
  const classes = [...el.classList].map((c) => `.${c}`).join('');
  const focus = el.getAttribute('data-sync-focus');
  const words = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
  return `${el.localName}${id}${classes}${focus ? `[data-sync-focus=${focus}]` : ''} "${words}"`;
}

/** What has focus, through shadow roots, described by `describeElement`. */
export function focusedElement(): string {
  return describeElement(deepActiveElement());
}

/**
 * Presses Tab (Shift+Tab with `back`) until `matches` holds for what has focus, with
 * real key presses; fails after `max` presses. Returns the focused element.
 */
export async function tabUntil(
  matches: (el: Element) => boolean,
  { max = 40, back = false, what = 'the target' } = {},
): Promise<HTMLElement> {
  for (let i = 0; i < max; i++) {
    await sendKeys({ press: back ? 'Shift+Tab' : 'Tab' });
    const el = deepActiveElement();
    if (el && matches(el)) return el as HTMLElement;
  }
  throw new Error(`${what} was not reached with ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}

/** Moves focus out of everything (to the body), so the next Tab starts at the top of the page. */
export function focusNothing(): void {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  (el as HTMLElement | null)?.blur?.();
  (document.activeElement as HTMLElement | null)?.blur?.();
}

/**
 * Fails unless `target` has focus inside `host`'s shadow root, naming what has focus instead (chai's own failure
 * message would walk both elements, which on a kit element can take the browser down).
 */
export function expectFocused(host: Element, target: Element | null | undefined): void {
  const focused = host.shadowRoot?.activeElement ?? null;
  if (focused !== target)
    throw new Error(`Expected focus on ${describeElement(target)} but it is on ${describeElement(focused)}`);
}
