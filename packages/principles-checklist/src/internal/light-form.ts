import { assessmentFieldNames as field } from '@odkit/core/assessment-form';
import { EVIDENCE_SOURCES, RATER_ROLES, type Assessment, type Instrument } from '@odkit/core';
import type { Draft, RatingValue } from './draft.js';
import type { RateEdits } from './rate-view.js';

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

/**
 * Applies what was entered in the server-rendered form to the checklist through its own
 * edit handlers, as if typed there: only what differs from `value`, and only values the
 * instrument allows (the form's fields are a page's, so they are checked again).
 */
export function carryOver(
  entered: EnteredInForm,
  value: Draft,
  instrument: Instrument,
  edits: Pick<RateEdits, 'rate' | 'comment' | 'rater'>,
): void {
  const allowed = new Set<unknown>(instrument.scale.options.map((o) => o.value));
  if (instrument.scale.notApplicable) allowed.add('na');
  const rater: { name?: string; raterRole?: Assessment['raterRole']; evidence?: Assessment['evidence'] } = {};
  if (entered.name !== undefined && entered.name !== value.rater.name) rater.name = entered.name;
  const role = RATER_ROLES.find((r) => r === entered.raterRole);
  if (role && role !== value.raterRole) rater.raterRole = role;
  const evidence = EVIDENCE_SOURCES.find((e) => e === entered.evidence);
  if (evidence && evidence !== value.evidence) rater.evidence = evidence;
  if (Object.keys(rater).length) edits.rater(rater, true);
  for (const r of entered.ratings) {
    if (!instrument.items.some((i) => i.id === r.itemId)) continue;
    const current = value.ratings.find((c) => c.itemId === r.itemId);
    if (r.value !== undefined && allowed.has(r.value) && r.value !== current?.value) edits.rate(r.itemId, r.value);
    if (r.comment !== undefined && r.comment !== (current?.comment ?? '')) edits.comment(r.itemId, r.comment, true);
  }
}
