/**
 * The review panel with the conflicts the offline store really reports: each case is made
 * by the store's own rebase() (imported from source), for every reason and entity kind,
 * ratings included, and shown in a widget as it would be on a practitioner's laptop and on
 * a shared screen (initials only). No raw keys or ids in the table, no free text on a
 * shared screen, "removes it" / "Not in the record" in the side that is absent, axe.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { changeSubject, defaultInstruments, type CaseRecord, type Change, type SyncConflict } from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import {
  CaseController,
  LocaleController,
  OdElement,
  type OdProvider,
  SyncStatusController,
  errorStateStyles,
  formStyles,
  renderSyncStatus,
  sharedStrings,
  syncStatusStyles,
} from '@odkit/elements';
import '@odkit/elements/define.js';
import { html as litHtml } from 'lit';
import { property } from 'lit/decorators.js';
import { baseOf, rebase, type RebaseEdit } from '../../core/src/stores/rebase.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { text } from '../../../test/support/dom.js';
import { FakeSyncingStore } from '../../../test/support/fake-syncing-store.js';

/** A widget built as the kit's widgets are: the status line (and panel) on top. */
class ConflictWidget extends OdElement {
  static override styles = [...OdElement.styles, errorStateStyles, formStyles, syncStatusStyles];
  @property() locale: string | undefined;
  @property({ type: Boolean }) initials = false;
  readonly data = new CaseController(this);
  readonly i18n = new LocaleController(this, sharedStrings);
  readonly sync = new SyncStatusController(this, { store: () => this.data.store });
  protected override render() {
    const initials = this.initials
      ? (name: string) =>
          name
            .split(' ')
            .map((w) => `${w[0]}.`)
            .join(' ')
      : undefined;
    // As the map does: a shared screen shows initials, no free text, and decides nothing; as the checklist does:
    // instruments.
    return litHtml`${renderSyncStatus(this.sync, this.i18n, {
      record: this.data.record,
      displayName: initials,
      hideText: this.initials,
      canDecide: !this.initials,
      instruments: defaultInstruments,
    })}`;
  }
}
ConflictWidget.define('od-test-conflict-widget');
declare global {
  interface HTMLElementTagNameMap {
    'od-test-conflict-widget': ConflictWidget;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };
const demo = (): Mutable<CaseRecord> => structuredClone(demoCase) as Mutable<CaseRecord>;
const member = (r: CaseRecord, id: string) => r.members.find((m) => m.id === id)!;
const meeting = (r: CaseRecord, id: string) => r.meetings.find((m) => m.id === id)!;
const assessment = (r: CaseRecord, id: string) => r.assessments.find((a) => a.id === id)!;

interface Case {
  readonly title: string;
  /** The record the server has now. */
  readonly theirs: CaseRecord;
  readonly edit: RebaseEdit;
  readonly reason: SyncConflict['reason'];
  /** The table's rows (field, mine, theirs) on a practitioner's screen, when checked exactly. */
  readonly rows?: string[][];
  /** Free text in either version that a shared screen must not show. */
  readonly private?: string[];
}

function cases(): Case[] {
  const list: Case[] = [];
  {
    const base = member(demoCase, 'm-sarah');
    const theirs = demo();
    Object.assign(member(theirs, 'm-sarah'), { ring: 3, critical: 'almost-always', contactFrequency: 'monthly' });
    list.push({
      title: 'member/update changed (vocabulary)',
      theirs,
      edit: {
        change: {
          type: 'member/update',
          member: { ...base, ring: 2, critical: 'hardly-ever', contactFrequency: 'weekly' },
        },
        base,
      },
      reason: 'changed',
      rows: [
        ['Closeness', 'Close', 'Less close'],
        ['Critical to the person', 'Hardly ever', 'Almost always'],
        ['How often in contact', 'Weekly', 'Monthly'],
      ],
    });
  }
  {
    const base = member(demoCase, 'm-doreen');
    const theirs = demo();
    theirs.members = theirs.members.filter((m) => m.id !== 'm-doreen');
    theirs.ties = theirs.ties.filter((t) => t.to !== 'm-doreen');
    list.push({
      title: 'member/update removed',
      theirs,
      edit: { change: { type: 'member/update', member: { ...base, notes: 'Has a key to the flat' } }, base },
      reason: 'removed',
      private: ['Has a key to the flat', base.name],
    });
  }
  {
    const kim = {
      ...member(demoCase, 'm-doreen'),
      id: 'm-new',
      name: 'Kim Jones',
      relationship: { code: 'FRND' },
      ring: 2 as const,
    };
    const theirs = demo();
    theirs.members.push({ ...kim, name: 'Kim Jones-Ap', ring: 3, relationship: { text: 'old friend from school' } });
    list.push({
      title: 'member/add exists',
      theirs,
      edit: { change: { type: 'member/add', member: kim }, base: undefined },
      reason: 'exists',
      private: ['old friend from school', 'Kim Jones'],
    });
  }
  {
    const base = member(demoCase, 'm-sarah');
    list.push({
      title: 'member/remove refused (in a meeting)',
      theirs: demo(),
      edit: { change: { type: 'member/remove', memberId: 'm-sarah' }, base },
      reason: 'refused',
      private: ['Main carer. Works shifts at the hospital laundry.', 'Mum', 'Sarah Lewis'],
    });
  }
  {
    const base = member(demoCase, 'm-doreen');
    const theirs = demo();
    Object.assign(member(theirs, 'm-doreen'), { ring: 2 });
    list.push({
      title: 'member/remove changed since',
      theirs,
      edit: { change: { type: 'member/remove', memberId: 'm-doreen' }, base },
      reason: 'changed',
      rows: [['Closeness', 'Your change removes it', 'Close']],
    });
  }
  {
    // Removing a member removes their ties: a tie added elsewhere since makes the removal a conflict.
    const change = { type: 'member/remove' as const, memberId: 'm-doreen' };
    const theirs = demo();
    theirs.ties.push({
      id: 't-new',
      from: 'm-sarah',
      to: 'm-doreen',
      strength: 'moderate',
      quality: 'supportive',
      direction: 'both',
    });
    list.push({
      title: 'member/remove changed since (a tie added elsewhere)',
      theirs,
      edit: { change, base: baseOf(demoCase, change) },
      reason: 'changed',
      rows: [
        [
          'Ties',
          'Your change removes it',
          'between Maya Lewis and Doreen Ellis and between Sarah Lewis and Doreen Ellis',
        ],
      ],
    });
  }
  {
    const tie = {
      id: 't-ghost',
      from: 'maya',
      to: 'm-gone',
      strength: 'strong' as const,
      quality: 'supportive' as const,
      direction: 'both' as const,
      label: 'Best friend at college',
    };
    list.push({
      title: 'tie/add refused (a member gone)',
      theirs: demo(),
      edit: { change: { type: 'tie/add', tie }, base: undefined },
      reason: 'refused',
      private: ['Best friend at college', 'Maya Lewis'],
    });
  }
  {
    const base = demoCase.ties.find((t) => t.id === 't-sarah-david')!;
    const theirs = demo();
    Object.assign(
      theirs.ties.find((t) => t.id === 't-sarah-david')!,
      { quality: 'neutral', label: 'Talking again' },
    );
    list.push({
      title: 'tie/update changed',
      theirs,
      edit: { change: { type: 'tie/update', tie: { ...base, quality: 'stressful', label: 'Rows over money' } }, base },
      reason: 'changed',
      rows: [
        ['Quality', 'Stressful', 'Neutral'],
        ['Label', 'Rows over money', 'Talking again'],
      ],
      private: ['Rows over money', 'Talking again'],
    });
  }
  {
    const base = demoCase.episodes[0]!;
    const theirs = demo();
    Object.assign(theirs.episodes[0]!, { status: 'finished', end: '2027-01-01T12:00:00+00:00' });
    list.push({
      title: 'episode/update changed',
      theirs,
      edit: { change: { type: 'episode/update', episode: { ...base, status: 'on-hold' } }, base },
      reason: 'changed',
      rows: [['Status', 'On hold', 'Finished']],
    });
  }
  {
    const base = meeting(demoCase, 'mt-01');
    const theirs = demo();
    Object.assign(meeting(theirs, 'mt-01'), {
      nextMeeting: { kind: 'date', at: '2026-02-12T10:00:00Z' },
      notes: 'Agreed to meet at Gwen’s',
    });
    list.push({
      title: 'meeting/update changed (next meeting open)',
      theirs,
      edit: {
        change: {
          type: 'meeting/update',
          meeting: { ...base, nextMeeting: { kind: 'open' }, notes: 'Sarah was upset' },
        },
        base,
      },
      reason: 'changed',
      rows: [
        ['Next meeting', 'Left open', '12 Feb 2026, 10:00'],
        ['Notes', 'Sarah was upset', 'Agreed to meet at Gwen’s'],
      ],
      private: ['Sarah was upset', 'Agreed to meet at Gwen’s'],
    });
  }
  {
    const base = meeting(demoCase, 'mt-01');
    const theirs = demo();
    meeting(theirs, 'mt-01').attendees = base.attendees.map((a) =>
      a.memberId === 'm-sarah' ? { ...a, present: false } : a,
    );
    const mine = base.attendees.filter((a) => a.memberId !== 'm-chloe');
    list.push({
      title: 'meeting/set-attendance changed',
      theirs,
      edit: {
        change: {
          type: 'meeting/set-attendance',
          meetingId: 'mt-01',
          personPresent: base.personPresent,
          attendees: mine,
        },
        base,
      },
      reason: 'changed',
      private: ['Sarah Lewis', 'Nia Roberts'],
    });
  }
  {
    const base = assessment(demoCase, 'as-01');
    const theirs = demo();
    assessment(theirs, 'as-01').ratings = base.ratings.map((r) =>
      r.itemId === 'open-questions' ? { ...r, value: 'na', comment: 'Not this time' } : r,
    );
    list.push({
      title: 'assessment/rate changed (value and comment)',
      theirs,
      edit: {
        change: {
          type: 'assessment/rate',
          assessmentId: 'as-01',
          itemId: 'open-questions',
          value: 2,
          comment: 'Sarah answered for Maya',
        },
        base,
      },
      reason: 'changed',
      rows: [
        ['Rating: Open-ended questions', 'Clearly seen', 'Not applicable'],
        ['Comment: Open-ended questions', 'Sarah answered for Maya', 'Not this time'],
      ],
      private: ['Sarah answered for Maya', 'Not this time'],
    });
  }
  {
    const base = assessment(demoCase, 'as-01');
    const theirs = demo();
    theirs.assessments = theirs.assessments.filter((a) => a.id !== 'as-01');
    list.push({
      title: 'assessment/rate removed',
      theirs,
      edit: {
        change: {
          type: 'assessment/rate',
          assessmentId: 'as-01',
          itemId: 'open-questions',
          value: 0,
          comment: 'Closed questions only',
        },
        base,
      },
      reason: 'removed',
      private: ['Closed questions only'],
    });
  }
  {
    const base = assessment(demoCase, 'as-01');
    const theirs = demo();
    Object.assign(assessment(theirs, 'as-01'), { raterRole: 'independent' });
    list.push({
      title: 'assessment/update changed',
      theirs,
      edit: { change: { type: 'assessment/update', assessment: { ...base, raterRole: 'supervisor' } }, base },
      reason: 'changed',
      rows: [['Rater’s role', 'Supervisor', 'Independent rater']],
    });
  }
  {
    const theirs = demo();
    theirs.meetings = theirs.meetings.filter((m) => m.id !== 'mt-05');
    theirs.assessments = theirs.assessments.filter((a) => a.meetingId !== 'mt-05');
    list.push({
      title: 'meeting/cancel removed',
      theirs,
      edit: { change: { type: 'meeting/cancel', meetingId: 'mt-05' } as Change, base: meeting(demoCase, 'mt-05') },
      reason: 'removed',
      rows: [],
    });
  }
  return list;
}

/** Every id in the demo record, the instruments' and the cases' own: none may be shown. */
function ids(record: CaseRecord): string[] {
  const all = [
    record.person.id,
    ...record.members,
    ...record.ties,
    ...record.episodes,
    ...record.meetings,
    ...record.assessments,
  ].map((e) => (typeof e === 'string' ? e : e.id));
  return [...all, 'm-new', 't-ghost', 'm-gone', 'od-key-elements', 'open-questions', 'two-practitioners'];
}
const RAW_KEY =
  /hiddenFrom|episodeId|meetingId|instrumentId|instrumentVersion|itemId|\.value|\.comment|nextMeeting|\d+ items?\b|\[object|undefined|null/;

async function show(c: SyncConflict, theirs: CaseRecord, initials: boolean, locale = 'en-GB') {
  const store = new FakeSyncingStore(theirs, { status: { pending: 1, conflicts: [c] } });
  const provider =
    await fixture<OdProvider>(html`<od-provider .store=${store} locale=${locale} time-zone="Europe/London"
    ><od-test-conflict-widget ?initials=${initials}></od-test-conflict-widget
  ></od-provider>`);
  const widget = provider.querySelector('od-test-conflict-widget')!;
  await widget.updateComplete;
  (widget.shadowRoot!.querySelector('.od-sync__review') as HTMLButtonElement).click();
  await widget.updateComplete;
  const section = widget.shadowRoot!.querySelector<HTMLElement>('.od-sync-conflict')!;
  const rows = [...section.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map(text));
  return { provider, widget, section, rows };
}

describe('review panel with the offline store’s real conflicts', () => {
  guardConsole();

  for (const k of cases()) {
    it(`${k.title}: readable rows, no ids or keys, the absent side said`, async () => {
      const result = rebase(k.edit, k.theirs);
      expect(result.kind, 'rebase gives a conflict').to.equal('conflict');
      if (result.kind !== 'conflict') return;
      expect(result.conflict.reason).to.equal(k.reason);
      const conflict: SyncConflict = {
        editId: 'e1',
        change: k.edit.change,
        at: '2026-04-02T09:42:00Z',
        author: { id: 'Practitioner/so', name: 'Sam Okafor' },
        entity: changeSubject(k.edit.change),
        ...result.conflict,
      };
      const { provider, section, rows } = await show(conflict, k.theirs, false);
      if (k.rows) expect(rows).to.deep.equal(k.rows);
      const cells = rows.flat();
      for (const id of ids(k.theirs))
        expect(
          cells.filter((cell) => cell.split(/[\s,()]+/).includes(id)),
          `id ${id} shown`,
        ).to.deep.equal([]);
      for (const cell of cells) expect(cell, 'a raw key or value').not.to.match(RAW_KEY);
      expect(
        cells.filter((cell) => cell === ''),
        'an empty cell',
      ).to.deep.equal([]);
      if (conflict.mine === undefined) for (const row of rows) expect(row[1]).to.equal('Your change removes it');
      else for (const row of rows) expect(row[1]).not.to.equal('Not in the record');
      if (conflict.theirs === undefined) for (const row of rows) expect(row[2]).to.equal('Not in the record');
      expect(text(section.querySelector('p'))).to.match(/^Your change was made by Sam Okafor on 2 Apr 2026, 10:42\. /);
      await expect(provider).to.be.accessible();
    });

    it(`${k.title}: on a shared screen, initials only, no free text, no Keep buttons`, async () => {
      const result = rebase(k.edit, k.theirs);
      if (result.kind !== 'conflict') throw new Error('not a conflict');
      const conflict: SyncConflict = {
        editId: 'e1',
        change: k.edit.change,
        at: '2026-04-02T09:42:00Z',
        entity: changeSubject(k.edit.change),
        ...result.conflict,
      };
      const { provider, widget } = await show(conflict, k.theirs, true);
      const shown = text(widget.shadowRoot);
      for (const secret of [...(k.private ?? []), 'Sarah Lewis', 'Maya Lewis'])
        expect(shown, 'free text or a full name on a shared screen').not.to.contain(secret);
      expect(widget.shadowRoot!.querySelectorAll('[data-keep]').length).to.equal(0);
      expect(text(widget.shadowRoot!.querySelector('[data-sync-hint="read-only"]'))).to.equal(
        'Open this case where it can be edited to decide.',
      );
      await expect(provider).to.be.accessible();
    });
  }

  it('names rating items and scale values in Welsh', async () => {
    const k = cases().find((c) => c.title.startsWith('assessment/rate changed'))!;
    const result = rebase(k.edit, k.theirs);
    if (result.kind !== 'conflict') throw new Error('not a conflict');
    const { rows } = await show(
      {
        editId: 'e1',
        change: k.edit.change,
        at: '2026-04-02T09:42:00Z',
        entity: changeSubject(k.edit.change),
        ...result.conflict,
      },
      k.theirs,
      false,
      'cy',
    );
    expect(rows).to.deep.equal([
      ['Sgôr: Cwestiynau penagored', 'Wedi’i weld yn glir', 'Amherthnasol'],
      ['Sylw: Cwestiynau penagored', 'Sarah answered for Maya', 'Not this time'],
    ]);
  });
});
