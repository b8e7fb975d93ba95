/**
 * Server-rendered host pages (GOV.UK and NHS.UK) as a council's Node server would write
 * them with @odkit/ssr: the widgets' HTML is in the page before any script runs, the
 * checklist posts with the page's own form, and the POST is read back with core's
 * assessmentFromForm. Bundled for node by build.mjs; server.mjs routes /test/hosts/ssr/ here.
 * Served under a strict CSP whose only addition is a per-response nonce for the shadow roots'
 * <style> elements.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatPath, ValidationError, type Assessment } from '@odkit/core';
import { assessmentFromForm } from '@odkit/core/assessment-form';
import { demoCase } from '@odkit/core/demo';
import { renderCase, type RenderCaseOptions } from '@odkit/ssr';

type Framework = 'govuk' | 'nhs';
const MEETING = 'mt-13';

/** What the last POST carried: every field name, and the assessment read from it (or the issues). */
let lastSubmission: { fields: string[]; caseId: string | null; assessment?: Assessment; issues?: string[] } | undefined;

export const policy = (nonce: string) =>
  `default-src 'self'; script-src 'self'; style-src 'self' 'nonce-${nonce}'; require-trusted-types-for 'script'`;

/**
 * Handles /test/hosts/ssr/<framework>/ (GET), /test/hosts/ssr/<framework>/submit (POST) and
 * /test/hosts/ssr/last-submission; false for anything else.
 */
export async function handleSsrPage(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  if (path === '/test/hosts/ssr/last-submission') {
    res
      .writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
      .end(JSON.stringify(lastSubmission ?? null));
    return true;
  }
  const match = /^\/test\/hosts\/ssr\/(govuk|nhs)\/(submit)?$/.exec(path);
  if (!match) return false;
  const framework = match[1] as Framework;
  const nonce = randomBytes(18).toString('base64');
  const headers = {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': policy(nonce),
  };
  if (!match[2]) {
    res.writeHead(req.method === 'GET' ? 200 : 405, headers).end(req.method === 'GET' ? page(framework, nonce) : '');
    return true;
  }
  if (req.method !== 'POST') {
    res.writeHead(405).end();
    return true;
  }
  const body = new URLSearchParams(await readBody(req));
  const fields = [...new Set(body.keys())];
  try {
    const { assessment } = assessmentFromForm(body, {
      record: demoCase,
      meetingId: MEETING,
      instrumentId: 'od-seven-principles',
      name: 'assessment',
    });
    lastSubmission = { fields, caseId: body.get('case'), assessment };
    res.writeHead(200, headers).end(received(framework, nonce, assessment));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const issues = error.issues.map((i) => `${formatPath(i.path)} ${i.message}`);
    lastSubmission = { fields, caseId: body.get('case'), issues };
    res.writeHead(400, headers).end(problems(framework, nonce, issues));
  }
  return true;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 1_000_000) req.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const esc = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function widget(framework: Framework, nonce: string, widgets: RenderCaseOptions['widgets']): string {
  return renderCase({
    record: demoCase,
    theme: framework,
    locale: 'en-GB',
    timeZone: 'Europe/London',
    styleNonce: nonce,
    widgets,
  });
}

const ONLY = { map: false, timeline: false, checklist: false } as const;

function page(framework: Framework, nonce: string): string {
  const p = framework === 'govuk' ? 'govuk' : 'nhsuk';
  const map = widget(framework, nonce, { ...ONLY, map: { sectors: true } });
  const timeline = widget(framework, nonce, { ...ONLY, timeline: { asOf: '2026-04-10T12:00:00+01:00' } });
  const checklist = widget(framework, nonce, {
    ...ONLY,
    checklist: { name: 'assessment', meetingId: MEETING, required: true },
  });
  return shell(
    framework,
    `<span class="${p}-caption-xl">Case 123</span>
        <h1 class="${p}-heading-xl">Maya Lewis: network meetings</h1>
        <p class="${p}-body">Maya’s network, her meetings since first contact, and how closely the last meeting followed the seven principles of Open Dialogue.</p>
        <h2 class="${p}-heading-l">Maya’s network</h2>
        ${map}
        <h2 class="${p}-heading-l">Meetings</h2>
        ${timeline}
        <form method="post" action="./submit" class="fidelity-form" novalidate>
          <input type="hidden" name="case" value="case-123" />
          <h2 class="${p}-heading-l" id="fidelity-heading">Rate the meeting on 1 April</h2>
          ${checklist}
          <button type="submit" class="${p}-button" data-module="${p}-button">Submit assessment</button>
        </form>`,
    { scripts: true },
  );
}

function received(framework: Framework, _nonce: string, assessment: Assessment): string {
  const p = framework === 'govuk' ? 'govuk' : 'nhsuk';
  const rows = [
    ['Rater', assessment.rater.name],
    ...assessment.ratings.map((r) => [r.itemId, `${r.value ?? 'not rated'}${r.comment ? ` – ${r.comment}` : ''}`]),
  ]
    .map(
      ([k, v]) =>
        `<div class="${p}-summary-list__row"><dt class="${p}-summary-list__key">${esc(k!)}</dt><dd class="${p}-summary-list__value">${esc(v!)}</dd></div>`,
    )
    .join('');
  return shell(
    framework,
    `<h1 class="${p}-heading-xl">Assessment received</h1><dl class="${p}-summary-list" id="received">${rows}</dl>`,
    { scripts: false },
  );
}

function problems(framework: Framework, _nonce: string, issues: string[]): string {
  const p = framework === 'govuk' ? 'govuk' : 'nhsuk';
  return shell(
    framework,
    `<div class="${p}-error-summary" role="alert" tabindex="-1"><h2 class="${p}-error-summary__title">There is a problem</h2>
      <ul class="${p}-list ${p}-error-summary__list">${issues.map((i) => `<li>${esc(i)}</li>`).join('')}</ul></div>
      <p class="${p}-body"><a class="${p}-link" href="./">Go back to the assessment</a></p>`,
    { scripts: false },
  );
}

function shell(framework: Framework, main: string, { scripts }: { scripts: boolean }): string {
  const govuk = framework === 'govuk';
  const css = govuk
    ? '/node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css'
    : '/test/hosts/.generated/nhsuk-frontend.css';
  const header = govuk
    ? `<header class="govuk-template__header"><div class="govuk-generic-header"><div class="govuk-generic-header__container govuk-width-container">
        <div class="govuk-generic-header__logo"><a href="/test/hosts/ssr/govuk/" class="govuk-generic-header__homepage-link">Example Borough Council</a></div></div></div></header>`
    : `<header class="nhsuk-header" role="banner"><div class="nhsuk-header__container nhsuk-width-container"><div class="nhsuk-header__service">
        <a class="nhsuk-header__service-name" href="/test/hosts/ssr/nhs/">Family support</a></div></div></header>`;
  const footer = govuk
    ? `<footer class="govuk-footer"><div class="govuk-width-container"><div class="govuk-footer__meta"><div class="govuk-footer__meta-item">© Example Borough Council</div></div></div></footer>`
    : `<footer class="nhsuk-footer" role="contentinfo"><div class="nhsuk-width-container"><p class="nhsuk-body-s">© Example NHS Trust</p></div></footer>`;
  return `<!doctype html>
<html lang="en-GB"${govuk ? ' class="govuk-template"' : ''}>
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
    <title>Maya Lewis: network meetings – Family support – ${govuk ? 'Example Borough Council' : 'NHS'}</title>
    <link rel="stylesheet" href="${css}" />
    <link rel="stylesheet" href="/test/hosts/support/hostile.css" id="hostile-css" />
    <link rel="stylesheet" href="/test/hosts/ssr/page.css" />
    ${scripts ? '<script type="module" src="/packages/kit/dist/odkit-hydrate.js"></script>\n    <script type="module" src="/test/hosts/ssr/main.js"></script>' : ''}
  </head>
  <body${govuk ? ' class="govuk-template__body"' : ''}>
    ${header}
    <div class="${govuk ? 'govuk' : 'nhsuk'}-width-container">
      <main class="${govuk ? 'govuk' : 'nhsuk'}-main-wrapper" id="main-content">
        ${main}
      </main>
    </div>
    ${footer}
  </body>
</html>`;
}
