import { expect, fixture, html } from '@open-wc/testing';
import { demoCase } from '@odkit/core/demo';
import '@odkit/elements/define.js';
import { mapStrings, networkView, type OdNetworkMap } from '@odkit/network-map';
import { parseCaseRecord, type CaseRecord } from '@odkit/core';
import { changesText, networkChanges } from '../src/internal/history.js';
import '@odkit/network-map/define.js';
import { sendKeys } from '@web/test-runner-commands';
import { datedDemoCase } from '../../../test/fixtures/index.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { byPart, until } from '../../../test/support/dom.js';
import { expectFocused, focusNothing, tabUntil } from '../../../test/support/keyboard.js';
import { mapPage, type MapPage } from '../../../test/support/map-page.js';

async function mapOf(
  record: unknown,
  options: { asOf?: string; editable?: boolean; locale?: string } = {},
): Promise<MapPage> {
  const el = await fixture<OdNetworkMap>(html`<od-network-map
    .record=${record}
    view="table"
    ?editable=${options.editable ?? false}
    locale=${options.locale ?? 'en-GB'}
  ></od-network-map>`);
  if (options.asOf) el.setAttribute('as-of', options.asOf);
  await el.updateComplete;
  return mapPage(el);
}

const dad = (page: MapPage) => {
  const row = page.tableRow('David Lewis');
  return [row.Sector, row.Closeness, row['Tie to the person'], row.Status];
};

/** Presses a key on the focused stepper button, and waits for the map to show it. */
async function press(page: MapPage, key: string) {
  await sendKeys({ press: key });
  await page.el.updateComplete;
}

describe('<od-network-map>: the network as it was, and stepping through the meetings', () => {
  guardConsole();

  it('as-of shows each ring, sector, status and tie as they were on that day (three days)', async () => {
    const page = await mapOf(datedDemoCase(), { asOf: '2026-02-10' });
    expect(dad(page)).to.deep.equal([
      'Household',
      'Less close',
      'Tenuous, Stressful, Support both ways',
      'No longer in touch',
    ]);
    page.el.asOf = '2026-02-20';
    await page.el.updateComplete;
    expect(dad(page)).to.deep.equal(['Family', 'Close', 'Tenuous, Stressful, Support both ways', 'No longer in touch']);
    page.el.asOf = '2026-03-10';
    await page.el.updateComplete;
    expect(dad(page)).to.deep.equal(['Family', 'Close', 'Moderate, Conflict, Support both ways', 'Active']);
    // The picture says the same: Dad's node on the first day.
    page.el.asOf = '2026-02-10';
    page.el.view = 'map';
    await page.el.updateComplete;
    expect(page.member('David Lewis').getAttribute('aria-label')).to.match(
      /Household; Less close; No longer in touch$/,
    );
    expect(page.tie('t-david').classList.contains('quality-stressful')).to.equal(true);
  });

  it('a change made on a day counts from that moment: as of its day, the new value shows', async () => {
    const page = await mapOf(datedDemoCase(), { asOf: '2026-02-12' });
    expect(dad(page).slice(0, 2)).to.deep.equal(['Family', 'Close']);
    // A date-time as-of is that instant: at 11:00 the move at 12:00 had not happened.
    page.el.asOf = '2026-02-12T11:00:00Z';
    await page.el.updateComplete;
    expect(dad(page).slice(0, 2)).to.deep.equal(['Household', 'Less close']);
  });

  it('steps by keyboard from now back to the first meeting and forward, saying the day, leaving as-of alone', async () => {
    const page = await mapOf(datedDemoCase());
    const held = [...new Set(demoCase.meetings.filter((m) => m.status === 'held').map((m) => m.start.slice(0, 10)))];
    expect(page.stepperDay()).to.match(/^Now: \d{1,2} \w+ 20\d\d$/);
    focusNothing();
    const previous = await tabUntil((el) => el.textContent?.trim() === 'Previous meeting', {
      what: 'Previous meeting',
    });
    await press(page, 'Enter');
    expect(page.stepperDay()).to.equal(`Meeting day ${held.length} of ${held.length}: 8 April 2026`);
    for (let i = 1; i < held.length; i++) await press(page, ' ');
    expect(page.stepperDay()).to.equal(`Meeting day 1 of ${held.length}: 10 February 2026`);
    expect(previous.getAttribute('aria-disabled')).to.equal('true');
    await press(page, 'Enter');
    expectFocused(page.el, previous);
    expect(page.stepperDay(), 'no step before the first meeting').to.contain('Meeting day 1 of');
    expect(dad(page)).to.deep.equal([
      'Household',
      'Less close',
      'Tenuous, Stressful, Support both ways',
      'No longer in touch',
    ]);
    expect(page.el.hasAttribute('as-of')).to.equal(false);
    expect(page.el.asOf).to.equal(undefined);
    // Forward to the next meeting day, by Tab then Enter.
    await sendKeys({ press: 'Tab' });
    await press(page, 'Enter');
    expect(page.stepperDay()).to.equal(`Meeting day 2 of ${held.length}: 11 February 2026`);
    expect(page.changes()).to.equal('Since the first meeting (10 February 2026): no one has joined, left or moved.');
    for (let i = 2; i <= held.length; i++) await press(page, 'Enter');
    expect(page.stepperDay()).to.match(/^Now: /);
    expect(page.toolbarButton('Next meeting').getAttribute('aria-disabled')).to.equal('true');
    expect(dad(page)).to.deep.equal(['Family', 'Close', 'Moderate, Conflict, Support both ways', 'Active']);
    expect(page.changes()).to.equal(
      // Dad was back in touch on 5 March; Dr Hughes joined on 9 March; everyone else was there at the first meeting.
      'Since the first meeting (10 February 2026): 2 joined (David Lewis, Dr Owen Hughes).',
    );
  });

  it('says who joined, left, moved closer and moved further away, by name', () => {
    const record = structuredClone(datedDemoCase()) as CaseRecord;
    const tom = record.members.find((m) => m.id === 'm-tom')!;
    tom.ring = 2;
    tom.history = [{ at: '2026-03-01T09:00:00Z', ring: 1 }];
    const gwen = record.members.find((m) => m.id === 'm-gwen')!;
    gwen.until = '2026-03-20';
    const parsed = parseCaseRecord(record);
    const on = (day: string) => networkView(parsed, { asOf: day, initialsOnly: true });
    const en = mapStrings['en-GB'];
    const t = (key: keyof typeof en, params?: Record<string, unknown>) => {
      const message = en[key] as string;
      return message.replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? ''));
    };
    expect(changesText(networkChanges(on('2026-02-10'), on('2026-04-08')), '10 February 2026', t as never)).to.equal(
      'Since the first meeting (10 February 2026): 2 joined (D. L., D. O. H.); 1 left or died (G. P.); ' +
        '1 moved further away (T. L.).',
    );
    // Dad moved closer between 11 and 13 February, while still out of touch.
    expect(networkChanges(on('2026-02-11'), on('2026-02-13')).closer).to.deep.equal(['D. L.']);
  });

  it('steps only up to the host’s as-of day', async () => {
    const page = await mapOf(datedDemoCase(), { asOf: '2026-02-20' });
    expect(page.stepperDay(), 'the host’s day, not now').to.equal('As of 20 February 2026');
    page.stepperButton('Previous meeting').click();
    await page.el.updateComplete;
    // Meetings were held on 10, 11, 13, 16, 18 and 20 February: the host's day is the sixth.
    expect(page.stepperDay()).to.equal('Meeting day 5 of 6: 18 February 2026');
  });

  it('cannot be edited while an earlier day is shown, and says so', async () => {
    const page = await mapOf(datedDemoCase(), { editable: true });
    expect(page.toolbarButtons()).to.include('Add a member');
    page.stepperButton('Previous meeting').click();
    await page.el.updateComplete;
    expect(page.toolbarButtons()).to.not.include('Add a member');
    expect(byPart(page.el, 'base').textContent).to.contain(
      'Showing an earlier day, so the network cannot be edited here.',
    );
    page.stepperButton('Next meeting').click();
    await page.el.updateComplete;
    expect(page.toolbarButtons()).to.include('Add a member');
  });

  it('passes axe with the stepper stepped back and the changes shown, in the map and the table', async () => {
    const page = await mapOf(datedDemoCase());
    page.stepperButton('Previous meeting').click();
    await page.el.updateComplete;
    await until(() => page.changes(), 'the changes since the first meeting');
    await expect(page.el).to.be.accessible();
    page.el.view = 'map';
    await page.el.updateComplete;
    await expect(page.el).to.be.accessible();
  });

  it('speaks Welsh', async () => {
    const page = await mapOf(datedDemoCase(), { locale: 'cy' });
    expect(page.stepperDay()).to.match(/^Nawr: /);
    page.stepperButton('Cyfarfod blaenorol').click();
    await page.el.updateComplete;
    expect(page.stepperDay()).to.match(/^Diwrnod cyfarfod \d+ o \d+: 8 Ebrill 2026$/);
    expect(page.changes()).to.match(/^Ers y cyfarfod cyntaf \(10 Chwefror 2026\): /);
    expect(page.toolbarButtons()).to.include('Cyfarfod nesaf');
  });
});
