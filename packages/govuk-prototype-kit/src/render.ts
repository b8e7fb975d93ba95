/**
 * What the macros call (through the `odkitRender` Nunjucks function): one widget for a case,
 * rendered on the server by @odkit/ssr, readable and (the checklist) postable before any
 * script runs. Bundled with everything it needs into server/odkit-render.cjs, so a prototype
 * installs no other package. Never throws into the page: a problem is shown as a GOV.UK error
 * summary naming what to fix (never a stack trace, never the case's text).
 */
import { readFileSync, realpathSync } from 'node:fs';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { formatPath, ValidationError } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { renderCase, type RenderCaseOptions } from '@odkit/ssr';

/** The kit's fictional demo case (Maya Lewis), what the macros show when given no case. */
export { demoCase };

export type WidgetName = 'map' | 'timeline' | 'checklist';

/** A macro's parameters: where the case comes from, how it looks, and the widget's own options. */
export interface MacroParams {
  /** The case record, e.g. `data['odkit-case']` from the session. */
  case?: unknown;
  /** A JSON file with the case, relative to the prototype's folder (e.g. `app/data/case.json`). */
  caseFile?: string;
  /** `govuk` (default), `nhs` or `default`. */
  theme?: RenderCaseOptions['theme'];
  locale?: string;
  timeZone?: string;
  [option: string]: unknown;
}

const SHARED = new Set(['case', 'caseFile', 'theme', 'locale', 'timeZone']);

export function renderWidget(widget: WidgetName, params: MacroParams = {}, projectDir: string = process.cwd()): string {
  try {
    const record = caseFrom(params, projectDir);
    const options = Object.fromEntries(Object.entries(params ?? {}).filter(([key]) => !SHARED.has(key)));
    if (widget === 'checklist') options.name ??= 'assessment';
    const widgets = {
      map: false,
      timeline: false,
      checklist: false,
      [widget]: options,
    } as RenderCaseOptions['widgets'];
    const html = renderCase({
      record,
      theme: params.theme ?? 'govuk',
      locale: params.locale,
      timeZone: params.timeZone,
      widgets,
    });
    // The same case for the browser, so the kit's script takes over this HTML (hydration) once it loads.
    const json = JSON.stringify(record).replace(/</g, '\\u003c');
    return `<script type="application/json" class="odkit-case">${json}</script>${html}`;
  } catch (error) {
    return problem(error);
  }
}

function caseFrom(params: MacroParams, projectDir: string): unknown {
  if (params?.case !== undefined && params.case !== null) return params.case;
  if (typeof params?.caseFile !== 'string') return demoCase;
  const file = params.caseFile;
  const root = realpathSync(projectDir);
  let path: string;
  try {
    path = realpathSync(resolve(root, file));
  } catch {
    throw new ValidationError('Open Dialogue Kit macro', [
      { path: ['caseFile'], message: 'is not a file in this prototype’s folder' },
    ]);
  }
  const rel = relative(root, path);
  if (rel.startsWith('..') || isAbsolute(rel) || extname(path) !== '.json') {
    throw new ValidationError('Open Dialogue Kit macro', [
      { path: ['caseFile'], message: 'must be a .json file inside this prototype’s folder' },
    ]);
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new ValidationError('Open Dialogue Kit macro', [{ path: ['caseFile'], message: 'is not valid JSON' }]);
  }
}

const esc = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function problem(error: unknown): string {
  const items =
    error instanceof ValidationError
      ? error.issues.map((i) => `${formatPath(i.path)} ${i.message}`)
      : ['The widget could not be rendered. Check the macro’s parameters.'];
  return `<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">
  <h2 class="govuk-error-summary__title">Open Dialogue Kit: there is a problem with this macro</h2>
  <div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul></div>
</div></div>`;
}
