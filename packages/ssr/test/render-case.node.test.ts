/**
 * @odkit/ssr in node: what the server sends before any script runs. Run with
 * `npm run test:node` (scripts/node-test.mjs bundles this file for node).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assessmentFieldNames } from '@odkit/core/assessment-form';
import { defaultInstruments, localise, ValidationError, type CaseRecord } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { renderCase, renderCaseStream, type RenderCaseOptions } from '@odkit/ssr';

const CHECKLIST = { name: 'assessment', meetingId: 'mt-13' };
const render = (options: Partial<RenderCaseOptions> = {}) =>
  renderCase({ record: demoCase, theme: 'govuk', widgets: { checklist: CHECKLIST }, ...options });

/**
 * The HTML of one element's declarative shadow root (from its <template shadowrootmode> to the matching </template>).
 */
function shadowOf(html: string, tag: string): string {
  const start = html.indexOf(`<${tag}`);
  assert.ok(start >= 0, `<${tag}> is rendered`);
  const open = html.indexOf('<template shadowroot="open" shadowrootmode="open">', start);
  const end = html.indexOf(`</${tag}>`, start);
  assert.ok(open > start && open < end, `<${tag}> has a declarative shadow root`);
  return html.slice(open, end);
}

/** Regex checks that print the message, not the whole page, when they fail. */
const has = (html: string, re: RegExp, message = `matches ${re}`) => assert.ok(re.test(html), message);
const hasNot = (html: string, re: RegExp, message = `does not match ${re}`) => assert.ok(!re.test(html), message);

/** Text content, roughly: tags and Lit's comment markers out, entities as they are. */
const text = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ');

describe('renderCase', () => {
  it('renders the provider and the map and timeline with declarative shadow roots, their content in them', () => {
    const html = render();
    has(html, /<od-provider[^>]*theme="govuk"[^>]*locale="en-GB"[^>]*time-zone="Europe\/London"/);
    const map = text(shadowOf(html, 'od-network-map'));
    for (const name of ['Maya Lewis', 'Sarah Lewis', 'Dr Anjali Patel'])
      assert.ok(map.includes(name), `the map names ${name}`);
    const mapShadow = shadowOf(html, 'od-network-map');
    assert.equal((mapShadow.match(/class="ring ring-\d"/g) ?? []).length, 3, 'three closeness rings');
    has(mapShadow, /part="legend"/, 'the key');
    has(mapShadow, /part="summary"/, 'the text summary');
    const timeline = text(shadowOf(html, 'od-meeting-timeline'));
    has(timeline, /1 Apr 2026, 11:00/, 'the rated meeting is listed with its date and time');
    has(
      timeline,
      /Measures for this episode.*With two or more practitioners 92% \(12 of 13\)/,
      'its measures are there',
    );
  });

  it('renders the timeline and checklist of a shared screen (initials-only) with no full name, and no form', () => {
    const html = render({
      widgets: {
        map: { initialsOnly: true },
        timeline: { initialsOnly: true },
        checklist: {
          ...CHECKLIST,
          meetingId: 'mt-11',
          instrumentId: 'od-key-elements',
          initialsOnly: true,
          view: 'compare',
        },
      },
    });
    // Full names (one recorded as initials, "J. K.", is what may be shown).
    const names = [demoCase.person.name, ...demoCase.members.map((m) => m.name), 'Dr Ruth Okafor'].filter((n) =>
      /\p{Ll}/u.test(n),
    );
    for (const tag of ['od-network-map', 'od-meeting-timeline', 'od-principles-checklist']) {
      const shadow = shadowOf(html, tag);
      for (const name of names) assert.ok(!shadow.includes(name), `<${tag}> does not name ${name}`);
    }
    has(text(shadowOf(html, 'od-meeting-timeline')), /Network meetings\s*:\s*M\. L\./, 'the timeline gives initials');
    const checklist = text(shadowOf(html, 'od-principles-checklist'));
    has(checklist, /N\. R\.\s*\(Self-rating\)/, 'the checklist gives initials');
    hasNot(html, /<input[^>]*name="assessment\./, 'no light-DOM form fields');
    // Rated as a form (the default view), a shared screen still gets no form.
    const rate = render({ widgets: { checklist: { ...CHECKLIST, initialsOnly: true } } });
    hasNot(rate, /<input[^>]*name="assessment\./, 'no light-DOM form fields in the rate view');
  });

  it('leaves a member hidden from the audience out of the server-rendered timeline', () => {
    const record = structuredClone(demoCase) as CaseRecord;
    const sarah = record.members.find((m) => m.id === 'm-sarah')!;
    sarah.hiddenFrom = ['family'];
    const html = render({ record, widgets: { timeline: { audience: 'family', view: 'matrix' }, checklist: false } });
    assert.ok(!shadowOf(html, 'od-meeting-timeline').includes('Sarah Lewis'), 'Sarah is not in the timeline');
    const shown = render({ record, widgets: { timeline: { view: 'matrix' }, checklist: false } });
    assert.ok(shadowOf(shown, 'od-meeting-timeline').includes('Sarah Lewis'), 'without the audience she is');
  });

  it('shows dates in the time zone asked for, not the server’s', () => {
    const london = text(shadowOf(render({ widgets: { map: false, checklist: false } }), 'od-meeting-timeline'));
    const tokyo = text(
      shadowOf(render({ timeZone: 'Asia/Tokyo', widgets: { map: false, checklist: false } }), 'od-meeting-timeline'),
    );
    // Meeting mt-13 starts at 11:00 in London (10:00 UTC): 19:00 in Tokyo.
    has(london, /11:00/);
    has(tokyo, /19:00/);
  });

  it('renders Welsh with locale cy', () => {
    const html = render({ locale: 'cy' });
    has(text(shadowOf(html, 'od-network-map')), /Gweld fel tabl/);
    has(html, /Saith egwyddor y Ddeialog Agored/);
    has(html, /Enw’r sgoriwr/);
  });

  it('renders a named checklist as light-DOM form fields for every rating, comment and the rater’s details', () => {
    const html = render();
    const start = html.indexOf('<od-principles-checklist');
    const checklist = html.slice(start, html.indexOf('</od-principles-checklist>', start));
    hasNot(checklist, /<template shadowroot/, 'no shadow root: its inputs must belong to the host’s form');
    const f = assessmentFieldNames;
    for (const name of [f.raterName('assessment'), f.raterRole('assessment'), f.evidence('assessment')])
      assert.ok(checklist.includes(`name="${name}"`), name);
    const instrument = defaultInstruments.get('od-seven-principles')!;
    for (const item of instrument.items) {
      assert.equal(
        checklist.split(`name="${f.rating('assessment', item.id)}"`).length - 1,
        5,
        `${item.id}: four scale points and "not applicable"`,
      );
      assert.ok(
        checklist.includes(
          `<textarea class="govuk-textarea" id="assessment-comment-${item.id}" name="${f.comment('assessment', item.id)}"`,
        ),
        `${item.id}: a comment`,
      );
      assert.ok(text(checklist).includes(localise(item.title, 'en-GB')), `${item.id}: its title`);
    }
    // Every input has a label.
    for (const [, id] of checklist.matchAll(/<input[^>]* id="([^"]+)"/g))
      assert.ok(checklist.includes(`for="${id}"`), `a label for ${id}`);
  });

  it('without a name, renders the checklist’s own view in a shadow root', () => {
    const html = render({ widgets: { checklist: { meetingId: 'mt-13', view: 'summary' } } });
    has(text(shadowOf(html, 'od-principles-checklist')), /Scores/);
  });

  it('prefills the form from this rater’s draft, escaping its text', () => {
    const record = structuredClone(demoCase) as unknown as CaseRecord & { assessments: unknown[] };
    record.assessments.push({
      id: 'as-draft',
      instrumentId: 'od-seven-principles',
      instrumentVersion: '1.0.0',
      meetingId: 'mt-13',
      rater: { name: 'Nia Roberts' },
      raterRole: 'co-facilitator',
      evidence: 'notes',
      status: 'draft',
      ratings: [{ itemId: 'dialogism', value: 3, comment: '</textarea><script>alert(1)</script> & more' }],
    });
    const html = renderCase({
      record,
      widgets: { map: false, timeline: false, checklist: { ...CHECKLIST, raterName: 'Nia Roberts' } },
    });
    has(html, /value="Nia Roberts"/);
    has(html, /name="assessment\.rater-role" value="co-facilitator" checked/);
    has(html, /name="assessment\.rating\.dialogism" value="3" checked/);
    assert.ok(
      html.includes('&lt;/textarea>&lt;script>alert(1)&lt;/script> &amp; more</textarea>'),
      'the comment is text in its textarea',
    );
    hasNot(html, /<script>/);
  });

  it('escapes record text everywhere (names are text, never markup)', () => {
    const record = structuredClone(demoCase) as unknown as { members: { name: string }[] };
    record.members[0]!.name = '<img src=x onerror=alert(1)>';
    const html = renderCase({ record, widgets: { checklist: CHECKLIST } });
    hasNot(html, /<img/);
    has(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });

  it('renders each widget’s error state for a record that fails validation, without a stack trace or the record’s text', () => {
    const record = structuredClone(demoCase) as unknown as { members: { name: string; ring: unknown }[] };
    record.members[0]!.name = 'SECRET-NAME-9f2c';
    record.members[0]!.ring = 7;
    const html = renderCase({ record, widgets: { checklist: CHECKLIST } });
    for (const tag of ['od-network-map', 'od-meeting-timeline', 'od-principles-checklist']) {
      const shadow = shadowOf(html, tag);
      has(shadow, /role="alert"/, `${tag} shows its error state`);
      has(text(shadow), /members\[0\]\.ring/, `${tag} says where`);
    }
    assert.ok(!html.includes('SECRET-NAME-9f2c'), 'no record text');
    hasNot(html, /\n\s+at /, 'no stack trace');
    // Not a record at all.
    const none = renderCase({ record: 'not a record', widgets: { checklist: CHECKLIST } });
    has(shadowOf(none, 'od-network-map'), /role="alert"/);
    assert.ok(!none.includes('not a record'));
  });

  it('refuses bad options with one located ValidationError, never quoting them', () => {
    assert.throws(
      () =>
        renderCase({
          record: demoCase,
          theme: 'bootstrap' as never,
          timeZone: 'Mars/Olympus',
          locale: 'fr',
          widgets: { checklist: { name: '"><script>', meetingId: 'a b' }, table: true } as never,
        }),
      (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        const paths = error.issues.map((i) => i.path.join('.'));
        assert.deepEqual(
          paths.sort(),
          [
            'locale',
            'theme',
            'timeZone',
            'widgets.checklist.meetingId',
            'widgets.checklist.name',
            'widgets.table',
          ].sort(),
        );
        assert.ok(!error.message.includes('<script>') && !error.message.includes('Olympus'));
        return true;
      },
    );
  });

  it('puts the CSP nonce on every shadow root’s <style>, and refuses a nonce that is not one', () => {
    const nonce = 'r4nd0mN0nce+/AAAAAAA==';
    const html = render({ styleNonce: nonce });
    assert.ok(!html.includes('<style>'), 'no <style> without the nonce');
    assert.equal(
      html.split(`<style nonce="${nonce}">`).length - 1,
      3,
      'the provider, the map and the timeline (the checklist is a light-DOM form)',
    );
    assert.throws(
      () => render({ styleNonce: '"><script>' }),
      (e: unknown) => e instanceof ValidationError && e.issues[0]?.path[0] === 'styleNonce',
    );
  });

  it('streams the same HTML', async () => {
    const chunks: string[] = [];
    for await (const chunk of renderCaseStream({
      record: demoCase,
      theme: 'nhs',
      styleNonce: 'AAAAAAAAAAAAAAAAAAAAAA',
      widgets: { checklist: CHECKLIST },
    }))
      chunks.push(String(chunk));
    assert.equal(
      chunks.join(''),
      renderCase({
        record: demoCase,
        theme: 'nhs',
        styleNonce: 'AAAAAAAAAAAAAAAAAAAAAA',
        widgets: { checklist: CHECKLIST },
      }),
    );
  });
});
