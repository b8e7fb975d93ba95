/**
 * The element's one handle on editing. The meeting and episode edits (their forms' state, the changes they build,
 * the merge of changes saved elsewhere) come with the forms' code, fetched once the timeline is editable: a read-only
 * timeline never fetches them. This part stays with the element: it asks for the forms, opens a form once they
 * are here, and says so when they could not be fetched.
 */
import { focusErrorSummary, OnDemandUse, renderErrorSummary, type FormError, type GatedHost } from '@odkit/elements';
import { html, type TemplateResult } from 'lit';
import { RECORD_BUTTON } from './focus-after-render.js';
import type { EpisodeFormKind } from './episode-form.js';
import type { EpisodeEdits, EpisodeEditsOptions } from './episode-edits.js';
import type { EditForm, MeetingEdits, MeetingEditsOptions } from './meeting-edits.js';
import { timelineForms, type TimelineForms } from './on-demand.js';
import type { TimelineHandlers } from './view-kit.js';

export type MeetingFormHandlers = Pick<
  TimelineHandlers,
  'submitMeeting' | 'formChange' | 'formClick' | 'closeForm' | 'confirmCancel' | 'reasonInput'
>;

type Host = GatedHost & {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly editable: boolean;
};

type Shared = 'data' | 't' | 'f' | 'zone' | 'now' | 'focus' | 'announce';

export interface TimelineEditingOptions extends Pick<MeetingEditsOptions, Shared> {
  /** Whether editing is on now (a form asked for before the forms arrived opens only if it still is). */
  readonly editingOn: () => boolean;
  readonly meeting: Omit<MeetingEditsOptions, Shared>;
  readonly episode: Omit<EpisodeEditsOptions, Shared>;
}

export class TimelineEditing {
  /** The forms' code: fetched once the timeline is editable, or when a form is opened before that. */
  readonly forms: OnDemandUse<TimelineForms>;
  /** The forms could not be fetched for a form the person opened: the side panel says so until they move on. */
  unavailable = false;
  #unavailableErrors: FormError[] = [];
  #meeting: MeetingEdits | undefined;
  #episode: EpisodeEdits | undefined;
  readonly #host: Host;
  readonly #o: TimelineEditingOptions;

  constructor(host: Host, options: TimelineEditingOptions) {
    this.#host = host;
    this.#o = options;
    this.forms = new OnDemandUse(host, timelineForms, () => void this.#showUnavailable());
  }

  /** The record, edit and cancel forms, and the changes they make (once the forms are here). */
  get meeting(): MeetingEdits | undefined {
    const forms = timelineForms.module;
    if (!forms) return undefined;
    return (this.#meeting ??= new forms.MeetingEdits(this.#host, { ...this.#shared(), ...this.#o.meeting }));
  }

  /** The episode forms: open a new episode, finish the one shown, hand responsibility over (once here). */
  get episode(): EpisodeEdits | undefined {
    const forms = timelineForms.module;
    if (!forms) return undefined;
    return (this.#episode ??= new forms.EpisodeEdits(this.#host, { ...this.#shared(), ...this.#o.episode }));
  }

  /** What the meeting and episode edits both take from the element. */
  #shared(): Pick<MeetingEditsOptions, Shared> {
    const { data, t, f, zone, now, focus, announce } = this.#o;
    return { data, t, f, zone, now, focus, announce };
  }

  /**
   * The forms' part of the element's handler table, built once (listeners keep their identity between renders).
   * A click on a form's "Cancel" closes it (one listener on the form, so the button needs none).
   */
  readonly formHandlers: MeetingFormHandlers = {
    submitMeeting: (event) => void this.meeting?.submit(event),
    formChange: (event) => this.meeting?.changed(event),
    formClick: (event) => {
      if ((event.target as HTMLElement).closest('[data-action="cancel-form"]')) this.close();
    },
    closeForm: () => this.close(),
    confirmCancel: (event) => void this.meeting?.confirmCancel(event),
    reasonInput: (reason) => this.meeting?.typed(reason),
  };

  /**
   * Opens a meeting's form. One asked for before the forms have arrived opens once they have, if editing is still
   * on and nothing else was opened meanwhile (only the latest request runs; dismissing or closing drops it).
   */
  open(form: EditForm): void {
    const meeting = this.meeting;
    if (!meeting) return this.forms.whenLoaded(() => this.#o.editingOn() && this.open(form));
    if (this.unavailable) this.#leaveUnavailable();
    meeting.open(form);
  }

  /** Opens an episode's form (one asked for before the forms arrive opens if the same episode is still shown). */
  readonly openEpisode = (kind: EpisodeFormKind): void => {
    const episode = this.episode;
    if (episode) return episode.open(kind);
    const shown = this.#o.episode.episode()?.id;
    this.forms.whenLoaded(
      () => this.#o.editingOn() && this.#o.episode.episode()?.id === shown && this.openEpisode(kind),
    );
  };

  /** Lets go of the meeting's form without moving focus (the details or another episode take its place). */
  dismiss(): void {
    this.forms.cancel();
    if (this.unavailable) this.#leaveUnavailable();
    this.#meeting?.dismiss();
  }

  /** Lets go of the episode's form without moving focus (a meeting's form or details take the panel). */
  dismissEpisode(): void {
    this.forms.cancel();
    this.#episode?.dismiss();
  }

  /** Closes the meeting's form (or the message that it could not be fetched), and focus goes back. */
  close(): void {
    this.forms.cancel();
    if (!this.unavailable) return this.#meeting?.close();
    this.#leaveUnavailable();
    this.#o.focus(this.#o.meeting.openId() ? 'details-title' : RECORD_BUTTON);
  }

  /** Before each render: changes saved elsewhere reach the open form's draft. */
  reconcile(): void {
    this.#meeting?.reconcile();
    this.#episode?.reconcile();
  }

  /** The meeting's form open, or why it could not open, or undefined when the details (or nothing) take the panel. */
  render(...args: Parameters<MeetingEdits['render']>): TemplateResult | undefined {
    if (this.unavailable) return this.#renderUnavailable();
    return this.#meeting?.render(...args);
  }

  /**
   * The forms could not be fetched for a form the person opened: the side panel shows why in an error summary, which
   * takes focus, and the status line says it.
   */
  async #showUnavailable(): Promise<void> {
    const message = this.#o.t('edit.formsUnavailable');
    this.unavailable = true;
    this.#unavailableErrors = [{ message }];
    // The status line is emptied first, so a second failure is said again.
    this.#o.announce('');
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    this.#o.announce(message);
    focusErrorSummary(this.#host.renderRoot);
  }

  #leaveUnavailable(): void {
    this.unavailable = false;
    this.#unavailableErrors = [];
    this.#host.requestUpdate();
  }

  /** Why no form opened (the error summary names it), and a way back. */
  #renderUnavailable(): TemplateResult {
    const t = this.#o.t;
    const level = this.#o.f.headingLevel(1);
    const root = this.#host.renderRoot as ShadowRoot;
    const errors = this.#unavailableErrors;
    return html`<section id="details" class="details form" part="details" aria-label=${t('form.errorSummaryTitle')}>
      ${renderErrorSummary({ title: t('form.errorSummaryTitle'), errors, root, level })}
      <button class="od-button od-button--secondary" type="button" @click=${() => this.close()}>${t('form.cancel')}</button>
    </section>`;
  }
}
