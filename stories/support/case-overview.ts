import { summariseMeetings, type NetworkMember } from '@odkit/core';
import {
  CaseController,
  LocaleController,
  OdElement,
  errorStateStyles,
  renderErrorState,
  sharedStrings,
} from '@odkit/elements';
import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';

/**
 * Story-only: what the foundation gives every widget — the store from the
 * provider, live updates, shared vocabulary in the chosen language and the core
 * metrics — shown on the demo case. Not part of any package.
 */
export class OdStoryCaseOverview extends OdElement {
  static override styles = [
    ...OdElement.styles,
    errorStateStyles,
    css`
      table { border-collapse: collapse; inline-size: 100%; margin-block: 8px 16px; }
      th, td { text-align: start; padding: 4px 8px; border-block-end: 1px solid var(--_od-color-border); }
      caption { text-align: start; font-weight: 700; padding-block: 8px; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
      dt { color: var(--_od-color-text-secondary); }
      dd { margin: 0; }
      button {
        font: inherit; min-block-size: var(--_od-target-size); padding: 4px 12px; cursor: pointer;
        color: var(--_od-color-on-primary); background: var(--_od-color-primary);
        border: 2px solid transparent; border-radius: var(--_od-radius);
      }
      .meta { color: var(--_od-color-text-secondary); }
    `,
  ];

  @property({ attribute: false }) record: unknown;
  @property() locale: string | undefined;
  @state() private added = 0;

  readonly data = new CaseController(this);
  readonly i18n = new LocaleController(this, sharedStrings);

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('record')) this.data.setRecord(this.record);
  }

  private async addNeighbour() {
    const id = `story-neighbour-${Date.now().toString(36)}`;
    const member: NetworkMember = {
      id,
      kind: 'person',
      name: `Neighbour ${++this.added}`,
      relationship: { code: 'NBOR', text: 'neighbour' },
      sector: 'neighbours',
      ring: 3,
      support: ['practical'],
      household: false,
      carer: false,
      status: 'active',
      hiddenFrom: [],
    };
    await this.data.apply({ type: 'member/add', member });
  }

  protected override render() {
    const { record, error, revision } = this.data;
    const t = this.i18n;
    if (!record) return error ? renderErrorState(error, t) : html`<p>${t.t('loading')}</p>`;
    const summary = summariseMeetings(record);
    const first = summary.timeToFirstMeeting[0];
    const pct = (value: number | null) => (value === null ? '–' : t.percent(value));
    return html`${error ? renderErrorState(error, t) : nothing}
      <p class="meta">${record.person.name} · ${revision === undefined ? 'record property' : `store revision ${revision}`}</p>
      <dl>
        <dt>First meeting after first contact</dt>
        <dd>${first?.hours != null ? t.duration(first.hours) : '–'}</dd>
        <dt>Meetings held / planned / cancelled</dt>
        <dd>${summary.heldMeetings} / ${summary.plannedMeetings} / ${summary.cancelledMeetings}</dd>
        <dt>Two or more practitioners</dt>
        <dd>${pct(summary.twoOrMorePractitioners.value)}</dd>
        <dt>Peer support worker present</dt>
        <dd>${pct(summary.withPeerWorker.value)}</dd>
        <dt>Reflecting conversation</dt>
        <dd>${pct(summary.reflectingConversationRate.value)}</dd>
        <dt>${t.t('meetingMode.home')} / ${t.t('meetingMode.clinic')} / ${t.t('meetingMode.remote')}</dt>
        <dd>${pct(summary.placeMix.home.value)} / ${pct(summary.placeMix.clinic.value)} / ${pct(summary.placeMix.remote.value)}</dd>
      </dl>
      <table>
        <caption>Network members: ${record.members.length}</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Relationship</th><th scope="col">Sector</th><th scope="col">Ring</th><th scope="col">Status</th></tr></thead>
        <tbody>
          ${record.members.map(
            (m) => html`<tr>
              <td>${m.name}</td>
              <td>${m.relationship.text ?? m.relationship.code}</td>
              <td>${t.t(`sector.${m.sector}`)}</td>
              <td>${t.t(`ring.${m.ring}`)}</td>
              <td>${t.t(`memberStatus.${m.status}`)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      <button @click=${this.addNeighbour}>Add a neighbour through the store</button>`;
  }
}

OdStoryCaseOverview.define('od-story-case-overview');

declare global {
  interface HTMLElementTagNameMap {
    'od-story-case-overview': OdStoryCaseOverview;
  }
}
