import { assessmentFieldNames as field } from '@odkit/core';
import type { RatingValue } from './draft.js';

/** What a person entered in the server-rendered form before the script ran. */
export interface EnteredInForm {
  name?: string;
  raterRole?: string;
  evidence?: string;
  ratings: { itemId: string; value?: RatingValue; comment?: string }[];
}

/**
 * Takes over the light-DOM form a server renders inside the checklist (@odkit/ssr, for
 * pages without script): disables its fields, so the host's form no longer sends them (the
 * element's own value is sent instead, once), and returns what was entered in them so
 * nothing typed before the script arrived is lost. Undefined when there is no such form.
 */
export function takeOverLightForm(host: HTMLElement, name: string | undefined): EnteredInForm | undefined {
  const form = host.querySelector<HTMLFieldSetElement>(':scope > fieldset[data-od-fallback]');
  if (!form || !name) return undefined;
  const data = new Map<string, string>();
  for (const el of form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')) {
    if (el instanceof HTMLInputElement && el.type === 'radio' && !el.checked) continue;
    data.set(el.name, el.value);
  }
  form.disabled = true;
  const entered: EnteredInForm = { ratings: [] };
  const raterName = data.get(field.raterName(name));
  if (raterName !== undefined) entered.name = raterName;
  const role = data.get(field.raterRole(name));
  if (role !== undefined) entered.raterRole = role;
  const evidence = data.get(field.evidence(name));
  if (evidence !== undefined) entered.evidence = evidence;
  const prefix = field.rating(name, '');
  for (const [key, value] of data) {
    if (!key.startsWith(prefix)) continue;
    const itemId = key.slice(prefix.length);
    const rating: EnteredInForm['ratings'][number] = { itemId, value: value === 'na' ? 'na' : Number(value) };
    entered.ratings.push(rating);
  }
  const commentPrefix = field.comment(name, '');
  for (const [key, value] of data) {
    if (!key.startsWith(commentPrefix) || !value.trim()) continue;
    const itemId = key.slice(commentPrefix.length);
    const rating = entered.ratings.find((r) => r.itemId === itemId);
    if (rating) rating.comment = value;
    else entered.ratings.push({ itemId, comment: value });
  }
  return entered;
}
