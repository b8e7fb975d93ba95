/**
 * The side panel: with editing on, the form (once loaded), why it could not be loaded, or the
 * "remove?" question MapEdits has open; else the details of the member hovered, in focus or
 * selected. The glue between the edits' panel state and the form and details views, apart so the
 * element only says what is shown.
 */
import type { CaseRecord } from '@odkit/core';
import type { Translate } from '@odkit/elements';
import { html, type TemplateResult } from 'lit';
import { renderConfirm, renderDetails, type DetailsActions, type DetailsModel } from './details.js';
import type { MapEdits } from './edits.js';
import type { FormActions } from './form-parts.js';
import { panelTitle, renderFormErrors, type FormState } from './panel-parts.js';
import type { MapStrings } from '../strings.js';

export function renderPanel(
  record: CaseRecord,
  details: DetailsModel,
  edits: MapEdits,
  root: ShadowRoot,
  t: Translate<MapStrings>,
  on: DetailsActions,
): TemplateResult {
  const { panel, forms } = edits;
  const { view, canEdit } = details;
  const form: FormState = { errors: edits.errors, busy: edits.busy, root, headingLevel: details.headingLevel };
  const actions = (submit: (form: HTMLFormElement) => Promise<void>): FormActions => ({
    submit: (event: Event) => {
      event.preventDefault();
      void submit(event.currentTarget as HTMLFormElement);
    },
    cancel: edits.close,
    close: () => on.open({ kind: 'details' }),
  });
  const theirs = { underneath: edits.underneath, useTheirs: edits.useTheirs, keepMine: edits.keepMine };
  if (canEdit && edits.unavailable) {
    return html`${renderFormErrors(form, t)}${panelTitle(form.headingLevel, t('edit.edit'))}
      <button type="button" class="od-button od-button--secondary" @click=${edits.close}>${t('form.cancel')}</button>`;
  }
  // A form panel opens only once the forms are loaded (MapEdits.open).
  if (canEdit && forms && panel.kind === 'person-form') {
    const person = panel.opened ?? record.person;
    return forms.renderPersonForm(person, t, form, { ...actions(edits.submitPerson), ...theirs });
  }
  if (canEdit && forms && panel.kind === 'member-form')
    return forms.renderMemberForm(record, t, panel, form, { ...actions(edits.submitMember), ...theirs });
  if (canEdit && forms && panel.kind === 'tie-form')
    return forms.renderTieForm(record, t, view, panel, form, { ...actions(edits.submitTie), ...theirs });
  if (canEdit && panel.kind === 'confirm-remove') {
    const name = view.byId.get(panel.memberId)?.name ?? '';
    const question = { title: t('edit.remove'), text: t('edit.confirmRemove', { name }) };
    return renderConfirm(question, t, form, { confirm: () => edits.removeMember(panel.memberId), cancel: edits.close });
  }
  if (canEdit && panel.kind === 'confirm-remove-tie') {
    const question = { title: t('edit.removeTie'), text: t('edit.confirmRemoveTie') };
    return renderConfirm(question, t, form, { confirm: () => edits.removeTie(panel.tieId), cancel: edits.close });
  }
  return renderDetails(details, t, on);
}
