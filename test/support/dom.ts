/**
 * Page helpers every package's tests share: find things in a widget's shadow root (by
 * role and accessible name where a person would), read text as a person reads it, and
 * wait on a condition rather than a clock, so the suite holds on a busy machine.
 */
import { sendMouse } from '@web/test-runner-commands';

/** The open shadow root of a widget (fails loudly when there is none). */
export function shadow(el: Element): ShadowRoot {
  if (!el.shadowRoot) throw new Error(`<${el.localName}> has no open shadow root`);
  return el.shadowRoot;
}

/** The first match in `el`'s shadow root, or null. */
export const $ = <E extends Element = HTMLElement>(el: Element, selector: string): E | null =>
  shadow(el).querySelector<E>(selector);

/** Every match in `el`'s shadow root. */
export const $$ = <E extends Element = HTMLElement>(el: Element, selector: string): E[] => [
  ...shadow(el).querySelectorAll<E>(selector),
];

/** Text with whitespace collapsed, as a person reads it. */
export const text = (node: Node | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

const IMPLICIT_ROLES: Record<string, string> = {
  button: 'button',
  a: 'link',
  select: 'combobox',
  textarea: 'textbox',
  table: 'table',
  ul: 'list',
  ol: 'list',
  li: 'listitem',
  dialog: 'dialog',
  h1: 'heading',
  h2: 'heading',
  h3: 'heading',
  h4: 'heading',
  h5: 'heading',
  h6: 'heading',
};

/** An element's ARIA role: its `role`, or the one its tag implies (the common cases). */
export function roleOf(el: Element): string | undefined {
  const explicit = el.getAttribute('role');
  if (explicit) return explicit.split(/\s+/)[0];
  if (el.localName === 'input') {
    const type = (el as HTMLInputElement).type;
    return type === 'radio'
      ? 'radio'
      : type === 'checkbox'
        ? 'checkbox'
        : type === 'button' || type === 'submit'
          ? 'button'
          : 'textbox';
  }
  return IMPLICIT_ROLES[el.localName];
}

/**
 * An element's accessible name, from aria-labelledby, aria-label, its label or its text (enough for the kit's own
 * markup).
 */
export function nameOf(el: Element): string {
  const root = el.getRootNode() as Document | ShadowRoot;
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy)
    return labelledBy
      .split(/\s+/)
      .map((id) => text(root.getElementById(id)))
      .join(' ')
      .trim();
  const label = el.getAttribute('aria-label');
  if (label) return label.trim();
  if (el.id) {
    const forLabel = root.querySelector(`label[for="${CSS.escape(el.id)}"]`);
    if (forLabel) return text(forLabel);
  }
  const wrapping = el.closest('label');
  if (wrapping) return text(wrapping);
  // A fieldset is named by its legend.
  const legend = el.localName === 'fieldset' ? el.querySelector(':scope > legend') : null;
  if (legend) return text(legend);
  return text(el);
}

/** Every element in `el`'s shadow root with `role` (and, if given, an accessible name matching `name`). */
export function allByRole<E extends Element = HTMLElement>(el: Element, role: string, name?: string | RegExp): E[] {
  return [...shadow(el).querySelectorAll<E>('*')].filter((candidate) => {
    if (roleOf(candidate) !== role) return false;
    if (name === undefined) return true;
    const accessible = nameOf(candidate);
    return typeof name === 'string' ? accessible === name : name.test(accessible);
  });
}

/** The one element with `role` and accessible `name` in `el`'s shadow root (fails naming what it looked for). */
export function byRole<E extends Element = HTMLElement>(el: Element, role: string, name?: string | RegExp): E {
  const found = allByRole<E>(el, role, name);
  if (found.length !== 1)
    throw new Error(
      `Expected one ${role}${name === undefined ? '' : ` named ${String(name)}`} in <${el.localName}>, found ${found.length}`,
    );
  return found[0]!;
}

/**
 * Resolves once `check` returns something truthy without throwing; fails with the last
 * error (or a timeout naming `what`) after `timeout` ms. Polls on macrotasks, so it never
 * depends on animation frames (a background test tab gets none). The default is a bound on
 * a stuck wait, not a speed check: IndexedDB's strict-durability writes take seconds each
 * on a loaded machine.
 */
export async function until<T>(check: () => T, what = 'the condition', timeout = 20_000): Promise<NonNullable<T>> {
  const start = performance.now();
  let last: unknown;
  for (;;) {
    try {
      const value = check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (performance.now() - start > timeout)
      throw last instanceof Error ? last : new Error(`Timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * A real mouse click in the middle of `target` (scrolled into view first). Test files run
 * two at a time, each in its own tab, and a hidden tab gets no frames, so a real mouse
 * event never lands there: in a hidden tab this falls back to the DOM's own click (the
 * same activation a label or button gets from a mouse; for SVG, the click event).
 */
export async function click(target: Element): Promise<void> {
  if (document.visibilityState === 'hidden') {
    // An SVG element has no click(): send the click event itself, as a mouse would.
    if (target instanceof HTMLElement) target.click();
    else target.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, button: 0 }));
    return;
  }
  // The page may move between reading where the target is and the click arriving (a status line
  // growing or shrinking as a save lands): a click that missed a target that moved is sent again
  // where it now is, unless it landed on something that reacts to clicks (then the test would go
  // on after a click the person never meant, so it fails, naming what was hit).
  let reached = false;
  let missed: Element | undefined;
  const hit = (event: Event) => {
    const path = event.composedPath();
    if (path.includes(target)) reached = true;
    else missed ??= path.find((node): node is Element => node instanceof Element && REACTS.test(node.localName));
  };
  window.addEventListener('click', hit, { capture: true });
  try {
    for (let attempt = 1; ; attempt++) {
      target.scrollIntoView({ block: 'center' });
      const r = target.getBoundingClientRect();
      await sendMouse({
        type: 'click',
        position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)],
      });
      await sendMouse({ type: 'move', position: [0, 0] });
      if (reached) return;
      if (missed) throw new Error(`A click meant for ${target.localName} hit ${missed.localName} "${text(missed)}"`);
      const now = target.getBoundingClientRect();
      // Still where it was: the click landed where a person's would (a disabled control's clicks go through, say).
      if (now.left === r.left && now.top === r.top) return;
      if (attempt === 3) throw new Error(`A click meant for ${target.localName} missed it three times: it kept moving`);
    }
  } finally {
    window.removeEventListener('click', hit, { capture: true });
  }
}

/** Elements a click does something to. */
const REACTS = /^(button|a|input|select|textarea|label|summary|option)$/;

/** `roleOf`, plus roles HTML gives by name or context: a named `<section>` is a region, a fieldset a group. */
function roleWithName(el: Element): string | undefined {
  const role = roleOf(el);
  if (role) return role;
  if (el.localName === 'section' && (el.hasAttribute('aria-labelledby') || el.hasAttribute('aria-label')))
    return 'region';
  if (el.localName === 'fieldset') return 'group';
  return undefined;
}

/**
 * Every element inside `container` (an element or a shadow root, not crossing into nested shadow roots) with `role`
 * and, if given, an accessible name matching `name`: `allByRole` for a part of a widget (one conflict, one tile).
 */
export function allByRoleIn<E extends Element = HTMLElement>(
  container: ParentNode,
  role: string,
  name?: string | RegExp,
): E[] {
  return [...container.querySelectorAll<E>('*')].filter((candidate) => {
    if (roleWithName(candidate) !== role) return false;
    if (name === undefined) return true;
    const accessible = nameOf(candidate);
    return typeof name === 'string' ? accessible === name : name.test(accessible);
  });
}

/** The one element inside `container` with `role` (and name), failing with what it looked for. */
export function byRoleIn<E extends Element = HTMLElement>(
  container: ParentNode,
  role: string,
  name?: string | RegExp,
): E {
  const found = allByRoleIn<E>(container, role, name);
  if (found.length !== 1)
    throw new Error(`Expected one ${role}${name === undefined ? '' : ` named ${String(name)}`}, found ${found.length}`);
  return found[0]!;
}

/** Every element in `el`'s shadow root exposing the public CSS part `name` (parts are documented API). */
export const allByPart = <E extends Element = HTMLElement>(el: Element, name: string): E[] =>
  $$<E>(el, `[part~="${CSS.escape(name)}"]`);

/** The first element in `el`'s shadow root exposing part `name`, or null. */
export const partOf = <E extends Element = HTMLElement>(el: Element, name: string): E | null =>
  $<E>(el, `[part~="${CSS.escape(name)}"]`);

/** The first element exposing part `name` (fails naming the part when there is none). */
export function byPart<E extends Element = HTMLElement>(el: Element, name: string): E {
  const found = partOf<E>(el, name);
  if (!found) throw new Error(`<${el.localName}> shows no part "${name}"`);
  return found;
}

/**
 * The innermost elements inside `container` whose text (as a person reads it) is `wanted`
 * (or matches it): "the thing that says …", without knowing its markup.
 */
export function allByText<E extends Element = HTMLElement>(container: ParentNode, wanted: string | RegExp): E[] {
  const matches = (node: Element) => {
    const t = text(node);
    return typeof wanted === 'string' ? t === wanted : wanted.test(t);
  };
  return [...container.querySelectorAll<E>('*')].filter(
    (node) => matches(node) && ![...node.children].some((child) => matches(child)),
  );
}

/** The one innermost element inside `container` whose text is `wanted` (fails naming it otherwise). */
export function byText<E extends Element = HTMLElement>(container: ParentNode, wanted: string | RegExp): E {
  const found = allByText<E>(container, wanted);
  if (found.length !== 1) throw new Error(`Expected one element reading ${String(wanted)}, found ${found.length}`);
  return found[0]!;
}

/** The element with keyboard focus inside `el`'s shadow root, or null. */
export const focusedIn = (el: Element): Element | null => shadow(el).activeElement;

/**
 * A pointer event at a point, sent to whatever the browser hit-tests there in `el`'s shadow root (as a real pointer
 * would be). web-test-runner's mouse moves hang while a test page is in the background (files run two at a time),
 * so drags and hovers are dispatched this way; clicks and keys can be real input. Returns the element hit.
 */
export function pointerAt(
  el: Element,
  type: string,
  [x, y]: readonly [number, number],
  options: PointerEventInit = {},
): Element {
  const target = shadow(el).elementFromPoint(x, y) ?? el;
  target.dispatchEvent(
    new PointerEvent(type, {
      clientX: x,
      clientY: y,
      pointerId: 1,
      pointerType: 'mouse',
      button: 0,
      buttons: type === 'pointerup' ? 0 : 1,
      bubbles: true,
      composed: true,
      ...options,
    }),
  );
  return target;
}

/** The middle of an element on screen, in whole pixels. */
export function centreOf(target: Element): [number, number] {
  const r = target.getBoundingClientRect();
  return [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)];
}

/** Text as a screen reader speaks it: like `text`, without what is aria-hidden (icons shown beside their words). */
export function spokenText(node: Node | null | undefined): string {
  const walk = (n: Node): string => {
    if (n.nodeType === Node.TEXT_NODE) return n.textContent ?? '';
    if (n instanceof Element && n.getAttribute('aria-hidden') === 'true') return '';
    return [...n.childNodes].map(walk).join('');
  };
  return node ? walk(node).replace(/\s+/g, ' ').trim() : '';
}

/** The element that names `el` through aria-labelledby (a section's heading), or null. */
export function labelElementOf(el: Element): HTMLElement | null {
  const id = el.getAttribute('aria-labelledby')?.split(/\s+/)[0];
  return id ? (el.getRootNode() as Document | ShadowRoot).getElementById(id) : null;
}

/**
 * Every element in `el`'s shadow root whose text, as read, matches `match` (a string: starts with it), the whole
 * line rather than a word inside it (its parent does not match): finding what a person sees ("Error: …",
 * "Completed on …") where it has no role or part of its own.
 */
export function linesStartingWith<E extends Element = HTMLElement>(el: Element, match: string | RegExp): E[] {
  const matches = (node: Element | null) =>
    !!node && (typeof match === 'string' ? text(node).startsWith(match) : match.test(text(node)));
  return [...shadow(el).querySelectorAll<E>('*')].filter(
    (candidate) => matches(candidate) && !matches(candidate.parentElement),
  );
}

const FIELD_ROLES = new Set(['textbox', 'combobox', 'radio', 'checkbox']);

/** The one form control (text box, select, radio or checkbox) inside `container` whose accessible name is `label`. */
export function fieldIn<E extends HTMLElement = HTMLInputElement>(container: ParentNode, label: string): E {
  const found = [...container.querySelectorAll<E>('*')].filter(
    (c) => FIELD_ROLES.has(roleOf(c) ?? '') && nameOf(c) === label,
  );
  if (found.length !== 1) throw new Error(`Expected one field labelled ${label}, found ${found.length}`);
  return found[0]!;
}

/**
 * Every string a widget's shadow tree shows or says: each text node, each attribute value
 * (aria-label, title, alt, value, data-…) and each form control's current value, nested shadow
 * roots included. For privacy checks: a name must appear in none of them.
 */
export function everyString(el: Element): string[] {
  const strings: string[] = [];
  const walk = (root: ParentNode) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        if (node.textContent?.trim()) strings.push(node.textContent);
        continue;
      }
      const element = node as Element;
      for (const attribute of element.attributes) if (attribute.value) strings.push(attribute.value);
      if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) strings.push(element.value);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  walk(shadow(el));
  return strings;
}

/** The strings of {@link everyString} that contain any of `words` (case-sensitive), with the word found. */
export function stringsNaming(el: Element, words: readonly string[]): string[] {
  return everyString(el).flatMap((s) => words.filter((w) => s.includes(w)).map((w) => `${w} in "${s.trim()}"`));
}
