import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import { MemoryStore, type CaseRecord } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { OdMemberFocusEvent, type OdProvider } from '@odkit/elements';
import '@odkit/elements/define.js';
import type { OdMeetingTimeline } from '@odkit/meeting-timeline';
import { sendKeys } from '@web/test-runner-commands';
import { guardConsole } from '../../../test/support/console-guard.js';
import { nextEvent } from '../../../test/support/events.js';
import { allByRoleIn, byText, everyString, stringsNaming } from '../../../test/support/dom.js';
import { SyncStatusPage } from '../../../test/support/sync-status-page.js';
import { demoSyncingStore } from '../../../stories/support/sync-store.js';
import { namesIn } from '../../../test/support/privacy.js';
import { timelinePage } from '../../../test/support/timeline-page.js';
import { DEMO_NOW, demoWith, shadow, until } from './support.js';

async function timeline(record: CaseRecord, attrs: { audience?: string; initialsOnly?: boolean; editable?: boolean }) {
  const el = await fixture<OdMeetingTimeline>(html`<od-meeting-timeline
    .record=${record}
    as-of=${DEMO_NOW}
    locale="en-GB"
    ?initials-only=${attrs.initialsOnly ?? false}
    ?editable=${attrs.editable ?? false}
    audience=${attrs.audience ?? ''}
  ></od-meeting-timeline>`);
  if (!attrs.audience) el.removeAttribute('audience');
  await el.updateComplete;
  return el;
}

/** A member who attended meetings (Sarah), hidden from the family. */
const HIDDEN = 'm-sarah';
const withHidden = () =>
  demoWith({ members: demoCase.members.map((m) => (m.id === HIDDEN ? { ...m, hiddenFrom: ['family'] } : m)) });
const hiddenName = () => demoCase.members.find((m) => m.id === HIDDEN)!.name;

describe('od-meeting-timeline privacy', () => {
  guardConsole();

  describe('initials-only', () => {
    const names = namesIn(demoCase);
    const expectNoNames = (el: OdMeetingTimeline, state: string) =>
      expect(stringsNaming(el, names), `names shown (${state})`).to.deep.equal([]);

    it('shows no full name, first name or identifying text anywhere in the shadow tree, in every state', async () => {
      const el = await timeline(demoCase, { initialsOnly: true, editable: true });
      const page = timelinePage(el);
      // The check would see a name: the list shows the person's initials.
      expect(everyString(el).join(' ')).to.contain('M. L.');
      expectNoNames(el, 'list');

      await page.open('mt-01');
      expect(page.detailsOrNull()).to.not.equal(null);
      // The mode is shown; the place's free text ("Family home") is not.
      expect(page.facts().get('Place')).to.match(/Home$/);
      expect(everyString(el).join(' ')).to.not.contain('Family home');
      expectNoNames(el, 'details open');
      await expect(el).to.be.accessible();

      // Another widget points at Sarah: the tag and the announcement give her initials.
      fixtureSync(html`<div></div>`).dispatchEvent(new OdMemberFocusEvent(HIDDEN));
      await until(() => page.highlightedIds().length > 0, 'the linked meetings');
      expect(page.announcement()).to.contain('S. L.');
      expectNoNames(el, 'linked member');

      page.toolbarButton('Choose dates').click();
      await el.updateComplete;
      expectNoNames(el, 'date range form open');

      el.view = 'matrix';
      await el.updateComplete;
      expect(page.matrixTable().textContent).to.contain('S. L.');
      expectNoNames(el, 'matrix');
      await expect(el).to.be.accessible();

      // Welsh: the note says what is shown, and still no name.
      el.locale = 'cy';
      await el.updateComplete;
      expect(byText(shadow(el), 'Llythrennau blaen yn unig')).to.be.an.instanceOf(Element);
      expectNoNames(el, 'Welsh');
    });

    it('says the screen shows initials only, and turns editing off (the forms hold full names)', async () => {
      const el = await timeline(demoCase, { initialsOnly: true, editable: true });
      const page = timelinePage(el);
      expect(byText(shadow(el), 'Initials only')).to.be.an.instanceOf(Element);
      expect(() => page.toolbarButton('Record a meeting')).to.throw();
      await page.open('mt-01');
      expect(() => page.detailsButton('Edit meeting')).to.throw();
    });

    it('closes an open form when the screen becomes shared, saving nothing', async () => {
      const store = new MemoryStore(demoCase);
      const provider = await fixture(html`<od-provider .store=${store} locale="en-GB">
        <od-meeting-timeline editable as-of=${DEMO_NOW}></od-meeting-timeline>
      </od-provider>`);
      const el = provider.querySelector('od-meeting-timeline') as OdMeetingTimeline;
      await el.updateComplete;
      const page = timelinePage(el);
      await page.open('mt-01');
      page.detailsButton('Edit meeting').click();
      await el.updateComplete;
      expect(page.formOrNull()).to.not.equal(null);
      const revision = store.snapshot!.revision;
      el.initialsOnly = true;
      await el.updateComplete;
      expect(page.formOrNull()).to.equal(null);
      expectNoNames(el, 'after the form closed');
      expect(store.snapshot!.revision).to.equal(revision);
    });

    it('gives initials in the review panel and "Changed by", with no decision buttons (a syncing store)', async () => {
      const provider =
        await fixture<OdProvider>(html`<od-provider .store=${demoSyncingStore('conflict')} locale="en-GB">
        <od-meeting-timeline editable initials-only as-of=${DEMO_NOW}></od-meeting-timeline>
      </od-provider>`);
      const el = provider.querySelector('od-meeting-timeline') as OdMeetingTimeline;
      await el.updateComplete;
      const sync = new SyncStatusPage(el);
      sync.reviewButton!.click();
      await el.updateComplete;
      const review = sync.panel!;
      expect([...review.querySelectorAll('h3')].map((h) => h.textContent!.trim())).to.deep.equal([
        'S. L., network member',
        'The tie between M. L. and D. L.',
      ]);
      expect(allByRoleIn(review, 'button', /^Keep/)).to.deep.equal([]);
      expectNoNames(el, 'review panel');
      await expect(provider).to.be.accessible();

      const page = timelinePage(el);
      await page.open('mt-13');
      await until(() => page.changedBy()[0], 'the meeting’s history line');
      expect(page.changedBy()[0]!.textContent).to.contain('Changed by N. R. on');
      expectNoNames(el, 'details with history');
    });

    it('gives the host the member as recorded when an attendee is chosen', async () => {
      const el = await timeline(demoCase, { initialsOnly: true });
      const page = timelinePage(el);
      await page.open('mt-01');
      const chosen = nextEvent(el, 'od-select');
      byText(page.details, 'S. L.').click();
      const { selection } = await chosen;
      expect(selection?.kind === 'member' && selection.member.name).to.equal(hiddenName());
    });
  });

  describe('audience', () => {
    it('leaves a member hidden from the audience out of the details, the matrix and the linked highlight', async () => {
      const el = await timeline(withHidden(), { audience: 'family' });
      const page = timelinePage(el);
      await page.open('mt-01');
      const name = hiddenName();
      expect(stringsNaming(el, [name])).to.deep.equal([]);
      expect(page.details.querySelectorAll(`[data-member="${HIDDEN}"]`)).to.have.length(0);
      expect(byText(shadow(el), 'Shown to: family')).to.be.an.instanceOf(Element);

      fixtureSync(html`<div></div>`).dispatchEvent(new OdMemberFocusEvent(HIDDEN));
      await el.updateComplete;
      expect(page.highlightedIds()).to.deep.equal([]);

      el.view = 'matrix';
      await el.updateComplete;
      expect(stringsNaming(el, [name])).to.deep.equal([]);
      expect(page.matrixTable().querySelectorAll(`[data-member="${HIDDEN}"]`)).to.have.length(0);
      await expect(el).to.be.accessible();

      // Another audience sees her.
      el.audience = 'network';
      await el.updateComplete;
      expect(page.matrixTable().querySelectorAll(`[data-member="${HIDDEN}"]`)).to.have.length(1);
    });

    it('leaves the hidden member out of the meeting form, and keeps their attendance when the meeting is saved', async () => {
      const store = new MemoryStore(withHidden());
      const provider = await fixture(html`<od-provider .store=${store} locale="en-GB">
        <od-meeting-timeline editable audience="family" as-of=${DEMO_NOW}></od-meeting-timeline>
      </od-provider>`);
      const el = provider.querySelector('od-meeting-timeline') as OdMeetingTimeline;
      await el.updateComplete;
      const page = timelinePage(el);
      await page.open('mt-01');
      page.detailsButton('Edit meeting').click();
      await el.updateComplete;
      expect(page.formOrNull()).to.not.equal(null);
      expect(stringsNaming(el, [hiddenName()])).to.deep.equal([]);
      await expect(el).to.be.accessible();

      const place = page.field('Place (optional)');
      place.value = 'The library';
      place.dispatchEvent(new Event('change', { bubbles: true }));
      await el.updateComplete;
      page.submitButton().focus();
      await sendKeys({ press: 'Enter' });
      const saved = await until(
        () => store.snapshot!.record.meetings.find((m) => m.id === 'mt-01' && m.place === 'The library'),
        'the edit saved',
      );
      expect(saved.attendees.find((a) => a.memberId === HIDDEN)).to.deep.equal(
        demoCase.meetings[0]!.attendees.find((a) => a.memberId === HIDDEN),
      );
    });

    it('refuses an audience that is not an id, naming the attribute', async () => {
      const el = await timeline(demoCase, { audience: 'the family!' });
      expect(timelinePage(el).errorState()?.textContent).to.contain('The audience must be');
    });
  });
});
