/**
 * The details panel: the person, or the member in focus with their ties and (when editing) the
 * move, edit and remove controls; and the two "remove?" confirmations. Pure views (model, t and
 * actions in, template out), apart from the forms that share the panel.
 */
import { SECTORS, type NetworkMember, type Tie } from '@odkit/core';
import type { Translate } from '@odkit/elements';
import { html, nothing, type TemplateResult } from 'lit';
import type { Panel } from './edits.js';
import { panelTitle, renderFormErrors, type FormState } from './panel-parts.js';
import { PERSON_KEY } from './nodes.js';
import { relationshipShown } from './relationships.js';
import type { NetworkView } from './view.js';
import type { MapStrings } from '../strings.js';

export interface DetailsModel {
  readonly view: NetworkView;
  /** Whose details to show: the member (or person key) hovered, in focus or selected. */
  readonly key: string | undefined;
  readonly canEdit: boolean;
  readonly busy: boolean;
  readonly initialsOnly: boolean;
  /** The panel title's heading level. */
  readonly headingLevel: number;
}

export interface DetailsActions {
  readonly open: (panel: Panel) => void;
  readonly moveRing: (event: Event, member: NetworkMember, step: -1 | 1) => void;
  readonly moveToSector: (member: NetworkMember) => void;
  /** "Changed by … on …" for a member or a tie. */
  readonly changedBy: (entity: { kind: 'member' | 'tie'; id: string }) => unknown;
}

export function renderDetails(model: DetailsModel, t: Translate<MapStrings>, on: DetailsActions): TemplateResult {
  const { view, key, canEdit } = model;
  if (key === PERSON_KEY) {
    return html`${panelTitle(model.headingLevel, view.personName)}
        <p>${t('person.label')}</p>
        <p>${t('details.members', { count: view.members.length })}</p>
        ${
          canEdit
            ? html`<div class="od-button-group">
                <button type="button" class="od-button" @click=${() => on.open({ kind: 'person-form' })}>
                  ${t('edit.editPerson')}
                </button>
              </div>`
            : nothing
        }`;
  }
  const m = key ? view.byId.get(key) : undefined;
  if (!m) {
    return html`${panelTitle(model.headingLevel, t('details.title'))}
        <p class="hint">${t('details.none')}</p>`;
  }
  const { member } = m;
  const ties = view.ties.filter((x) => x.tie.from === member.id || x.tie.to === member.id);
  const nameOf = (id: string) => (id === view.person.id ? view.personName : (view.byId.get(id)?.name ?? ''));
  return html`${panelTitle(model.headingLevel, m.name)}
      <dl class="facts">
        <dt>${t('details.relationship')}</dt>
        <dd>${relationshipShown(m, t) || '—'}</dd>
        <dt>${t('details.kind')}</dt>
        <dd>${t(`kind.${member.kind}`)}</dd>
        <dt>${t('details.sector')}</dt>
        <dd>${t(`sector.${member.sector}`)}</dd>
        <dt>${t('details.ring')}</dt>
        <dd>${t(`ring.${member.ring}`)}</dd>
        <dt>${t('details.support')}</dt>
        <dd>${member.support.length ? member.support.map((s) => t(`support.${s}`)).join(', ') : t('details.noSupport')}</dd>
        <dt>${t('details.status')}</dt>
        <dd>${t(`memberStatus.${m.status}`)}</dd>
        ${member.household ? html`<dt>${t('details.household')}</dt><dd>${t('details.yes')}</dd>` : nothing}
        ${member.carer ? html`<dt>${t('details.carer')}</dt><dd>${t('details.yes')}</dd>` : nothing}
        ${member.organisation && !model.initialsOnly ? html`<dt>${t('details.organisation')}</dt><dd>${member.organisation}</dd>` : nothing}
      </dl>
      ${on.changedBy({ kind: 'member', id: member.id })}
      ${
        ties.length
          ? html`<p class="sub">${t('details.ties')}</p>
            <ul class="ties-list">
              ${ties.map(
                ({ tie, label }) => html`<li>
                  ${tieText(tie, t, nameOf(tie.from === member.id ? tie.to : tie.from))}${label ? html` (${label})` : nothing}
                  ${on.changedBy({ kind: 'tie', id: tie.id })}
                  ${
                    canEdit
                      ? html`<span class="od-button-group inline">
                        <button type="button" class="od-button od-button--secondary small" @click=${() => on.open({ kind: 'tie-form', tieId: tie.id })}>${t('edit.editTie')}</button>
                        <button type="button" class="od-button od-button--secondary small" @click=${() => on.open({ kind: 'confirm-remove-tie', tieId: tie.id })}>${t('edit.removeTie')}</button>
                      </span>`
                      : nothing
                  }
                </li>`,
              )}
            </ul>`
          : nothing
      }
      ${canEdit ? renderMoveControls(member, t, model.busy, on) : nothing}`;
}

function tieText(tie: Tie, t: Translate<MapStrings>, other: string): string {
  return t('details.tieTo', {
    strength: t(`tieStrength.${tie.strength}`),
    quality: t(`tieQuality.${tie.quality}`),
    direction: t(`tieDirection.${tie.direction}`),
    name: other,
  });
}

/** Moving without dragging (WCAG 2.5.7): closer, further away, another sector; and edit or remove. */
function renderMoveControls(
  member: NetworkMember,
  t: Translate<MapStrings>,
  busy: boolean,
  on: DetailsActions,
): TemplateResult {
  return html`<div class="move" role="group" aria-labelledby="move-title">
      <p class="sub" id="move-title">${t('move.title')}</p>
      <div class="od-button-group">
        <button type="button" class="od-button od-button--secondary" data-move="closer" ?disabled=${member.ring === 1 || busy} @click=${(e: Event) => on.moveRing(e, member, -1)}>
          ${t('move.closer')}
        </button>
        <button type="button" class="od-button od-button--secondary" data-move="further" ?disabled=${member.ring === 3 || busy} @click=${(e: Event) => on.moveRing(e, member, 1)}>
          ${t('move.further')}
        </button>
      </div>
      <div class="move-sector">
        <label class="od-label" for="move-sector">${t('move.sector')}</label>
        <span class="od-button-group">
          <select class="od-select" id="move-sector">
            ${SECTORS.map((s) => html`<option value=${s} ?selected=${s === member.sector}>${t(`sector.${s}`)}</option>`)}
          </select>
          <button type="button" class="od-button od-button--secondary" ?disabled=${busy} @click=${() => on.moveToSector(member)}>${t('move.apply')}</button>
        </span>
      </div>
      <div class="od-button-group">
        <button type="button" class="od-button" @click=${() => on.open({ kind: 'member-form', memberId: member.id })}>${t('edit.edit')}</button>
        <button type="button" class="od-button od-button--warning" @click=${() => on.open({ kind: 'confirm-remove', memberId: member.id })}>${t('edit.remove')}</button>
      </div>
    </div>`;
}

/** "Remove …?" for a member or a tie: the question, any refusal, and yes or cancel. */
export function renderConfirm(
  question: { title: string; text: string },
  t: Translate<MapStrings>,
  state: FormState,
  on: { confirm: () => void; cancel: () => void },
): TemplateResult {
  return html`${renderFormErrors(state, t)}
      ${panelTitle(state.headingLevel, question.title)}
      <p>${question.text}</p>
      <div class="od-button-group">
        <button type="button" class="od-button od-button--warning" ?disabled=${state.busy} @click=${on.confirm}>${t('edit.confirm')}</button>
        <button type="button" class="od-button od-button--secondary" @click=${on.cancel}>${t('form.cancel')}</button>
      </div>`;
}
