import { render } from '@lit-labs/ssr';
import { collectResultSync, type RenderResult } from '@lit-labs/ssr/lib/render-result.js';
import { RenderResultReadable } from '@lit-labs/ssr/lib/render-result-readable.js';
import { parseCaseRecord, type CaseRecord } from '@odkit/core';
import { html, nothing, type TemplateResult } from 'lit';
import type { Readable } from 'node:stream';
import { checklistForm } from './checklist-form.js';
import { ensureServerElements } from './elements.js';
import { checkNonce, checkOptions, type CheckedOptions, type RenderCaseOptions } from './options.js';

/**
 * `<od-provider>` with the chosen widgets for one case, as HTML with declarative shadow
 * DOM: readable, styled and (for the checklist with a `name`) postable before any script
 * runs, and hydrated in place when the kit's script loads (`odkit-hydrate.js`).
 *
 * Throws a ValidationError (every issue located) for bad options. A record that fails
 * validation is not an exception: each widget renders its error state, as in the browser.
 */
export function renderCase(options: RenderCaseOptions): string {
  return collectResultSync(renderResult(options));
}

/** The same HTML as `renderCase`, as a Node stream (for a response that starts sending at once). */
export function renderCaseStream(options: RenderCaseOptions): Readable {
  return new RenderResultReadable(renderResult(options));
}

function renderResult(options: RenderCaseOptions): RenderResult {
  const result = render(caseTemplate(options));
  return options.styleNonce === undefined ? result : withNonce(result, checkNonce(options.styleNonce));
}

/**
 * Each shadow root's styles come as a <style> element (a declarative shadow root cannot adopt
 * a stylesheet), which a CSP without 'unsafe-inline' for styles blocks unless it carries the
 * page's nonce. Lit's renderer writes each opening tag as one chunk of its own.
 */
function* withNonce(result: RenderResult, nonce: string): RenderResult {
  for (const chunk of result) yield chunk === '<style>' ? `<style nonce="${nonce}">` : chunk;
}

/** The Lit template `renderCase` renders (for a host that renders its whole page with @lit-labs/ssr). */
export function caseTemplate(options: RenderCaseOptions): TemplateResult {
  const o = checkOptions(options);
  ensureServerElements();
  const record = tryParse(o.record);
  return html`<od-provider theme=${o.theme} locale=${o.locale} time-zone=${o.timeZone} color-scheme=${o.colorScheme}>${[
    o.map ? networkMap(o, record) : nothing,
    o.timeline ? meetingTimeline(o, record) : nothing,
    o.checklist ? checklist(o, record) : nothing,
  ]}</od-provider>`;
}

/**
 * Parsed once for all three widgets (each would otherwise parse it again); the raw value when invalid, so each shows
 * why.
 */
function tryParse(value: unknown): unknown {
  try {
    return parseCaseRecord(value);
  } catch {
    return value;
  }
}

const isRecord = (value: unknown): value is CaseRecord =>
  typeof value === 'object' && value !== null && Object.isFrozen(value);

function networkMap(o: CheckedOptions, record: unknown): TemplateResult {
  const m = o.map ?? {};
  return html`<od-network-map
    .record=${record}
    ?sectors=${m.sectors === true}
    ?initials-only=${m.initialsOnly === true}
    as-of=${m.asOf ?? nothing}
    audience=${m.audience ?? nothing}
    view=${m.view ?? nothing}
  ></od-network-map>`;
}

function meetingTimeline(o: CheckedOptions, record: unknown): TemplateResult {
  const t = o.timeline ?? {};
  return html`<od-meeting-timeline
    .record=${record}
    as-of=${t.asOf ?? nothing}
    view=${t.view ?? nothing}
    episode-id=${t.episodeId ?? nothing}
    instrument-id=${t.instrumentId ?? nothing}
    audience=${t.audience ?? nothing}
    ?initials-only=${t.initialsOnly === true}
  ></od-meeting-timeline>`;
}

function checklist(o: CheckedOptions, record: unknown): TemplateResult {
  const c = o.checklist ?? {};
  const meetingId =
    c.meetingId ?? (isRecord(record) ? record.meetings.findLast((m) => m.status === 'held')?.id : undefined);
  // A shared screen is read only: no form (its fields would hold full names and comments).
  const form = c.name !== undefined && (c.view ?? 'rate') === 'rate' && c.initialsOnly !== true && isRecord(record);
  return html`<od-principles-checklist
    .record=${record}
    meeting-id=${meetingId ?? nothing}
    instrument-id=${c.instrumentId ?? nothing}
    name=${c.name ?? nothing}
    rater-name=${c.raterName ?? nothing}
    view=${c.view ?? nothing}
    audience=${c.audience ?? nothing}
    ?initials-only=${c.initialsOnly === true}
    ?required=${c.required === true}
    ?data-od-form=${form /* LIGHT_DOM_CHECKLIST in elements.ts: no shadow root, the form below instead */}
  >${form && isRecord(record) ? checklistForm(record, { ...c, meetingId, name: c.name ?? '' }, o.locale, o.timeZone, o.theme) : nothing}</od-principles-checklist>`;
}
