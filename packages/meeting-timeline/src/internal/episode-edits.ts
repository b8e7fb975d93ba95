/**
 * The timeline's episode edits: which episode form is open (open a new episode, finish one, hand responsibility
 * over), its draft, errors and the save in flight; what changed in the episode while the form was open; the panel
 * that holds the form. Apart from the meeting edits (MeetingEdits) because an episode is another entity with its own
 * forms; both apply their changes through the same BaseCaseController. Part of the forms' code (forms.ts), fetched once
 * the timeline is editable; the element reaches it through `TimelineEditing` (editing.ts).
 */
import { ConflictError, currentTeam, isRealDate, newId, type CaseRecord, type Episode } from '@odkit/core';
import {
  datePartsOf,
  focusErrorSummary,
  formErrorsFrom,
  renderChangedUnderneath,
  renderErrorSummary,
  renderHeading,
  renderTheirs,
  type BaseCaseController,
  type EditedUnderneath,
  type FieldAccess,
  type FieldValues,
  type FormError,
} from '@odkit/elements';
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { EpisodeDraft, EpisodeFormKind } from './episode-form.js';
import { episodeActionId } from './header.js';
import { formsOpen } from './on-demand.js';
import { localDate, localTime } from './time.js';
import type { T, TimelineFormats } from './view-kit.js';

export interface EpisodeEditsOptions {
  readonly data: BaseCaseController;
  readonly t: T;
  readonly f: TimelineFormats;
  readonly zone: () => string;
  readonly now: () => number;
  /** The episode shown, if any: the one finished or handed over. */
  readonly episode: () => Episode | undefined;
  /** Focus goes to this element id after the next render. */
  readonly focus: (id: string) => void;
  readonly announce: (text: string) => void;
  /** A new episode was opened (the timeline shows it). */
  readonly opened: (id: string) => void;
  /** Another form (a meeting's) or the details give way to this one. */
  readonly opening: () => void;
}

type Host = ReactiveControllerHost & {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly editable: boolean;
};

const dateText = (d: EpisodeDraft['date']) => [d.day, d.month, d.year].join(' ').trim();

export class EpisodeEdits {
  /** The form open, and the episode it is about (none when opening one). */
  form: { kind: EpisodeFormKind; episodeId?: string } | undefined;
  draft: EpisodeDraft | undefined;
  errors: FormError[] = [];
  busy = false;
  /** The episode as it was when the form opened: what changed since is said above the form. */
  #opened: Episode | undefined;
  /** The finish form's merge of an end saved elsewhere (its date and time fields). */
  #underneath: EditedUnderneath | undefined;
  #merged: CaseRecord | undefined;
  /** The finish form's values when it opened. */
  #base: FieldValues | undefined;
  readonly #host: Host;
  readonly #o: EpisodeEditsOptions;

  constructor(host: Host, options: EpisodeEditsOptions) {
    this.#host = host;
    this.#o = options;
  }

  #set(state: Partial<Pick<EpisodeEdits, 'form' | 'draft' | 'errors' | 'busy'>>): void {
    Object.assign(this, state);
    this.#host.requestUpdate();
  }

  readonly open = (kind: EpisodeFormKind): void => {
    const episode = kind === 'open' ? undefined : this.#o.episode();
    if (!this.#host.editable || !this.#o.data.record || (kind !== 'open' && !episode)) return;
    const { episodeDraftFor, EditedUnderneath } = formsOpen();
    this.#o.opening();
    const draft = episodeDraftFor(kind, episode, this.#o.zone(), this.#o.now());
    this.#opened = episode;
    this.#merged = this.#o.data.record;
    this.#base = this.#values(draft);
    this.#underneath = kind === 'finish' ? new EditedUnderneath(this.#base) : undefined;
    this.#set({ form: episode ? { kind, episodeId: episode.id } : { kind }, draft, errors: [] });
    this.#o.focus('form-title');
  };

  /** Lets go of the form without moving focus (a meeting's form or details take the panel). */
  dismiss(): void {
    if (this.form) this.#set({ form: undefined, draft: undefined, errors: [] });
  }

  readonly close = (): void => {
    const kind = this.form?.kind;
    this.dismiss();
    if (kind) this.#o.focus(episodeActionId(kind));
  };

  /** The episode the form is about, as the record holds it now (undefined when it has left the record). */
  #live(): Episode | undefined {
    const id = this.form?.episodeId;
    return id ? this.#o.data.record?.episodes.find((e) => e.id === id) : undefined;
  }

  /** The finish form's date and time as field values. */
  #values(draft: EpisodeDraft): FieldValues {
    return { date: dateText(draft.date), time: draft.time };
  }

  /** An end as the finish form's field values (its local date and time). */
  #endValues(end: string): FieldValues {
    const time = Date.parse(end);
    const zone = this.#o.zone();
    return { date: dateText(datePartsOf(localDate(time, zone))), time: localTime(time, zone) };
  }

  readonly #access: FieldAccess = {
    read: (name) => (this.draft ? (this.#values(this.draft)[name] ?? '') : ''),
    write: (name, value) => {
      if (!this.draft) return;
      const [day = '', month = '', year = ''] = value.split(' ');
      const draft = name === 'date' ? { ...this.draft, date: { day, month, year } } : { ...this.draft, time: value };
      this.#set({ draft });
    },
  };

  /** Before each render: an end saved elsewhere while the finish form is open is merged into what was typed. */
  reconcile(): void {
    const record = this.#o.data.record;
    if (!this.form || !record || record === this.#merged) return;
    this.#merged = record;
    const live = this.#live();
    if (!live || !this.draft || !this.#underneath || !this.#base) return;
    // What is typed in a field still in focus reaches the draft only on its change event: read it first.
    const typed = this.#host.renderRoot.querySelector<HTMLFormElement>('#episode-form');
    if (typed) this.draft = formsOpen().readEpisodeForm(typed, this.draft);
    const theirs = live.end ? this.#endValues(live.end) : this.#base;
    const fresh = this.#underneath.merge(this.#access, theirs);
    if (fresh.length) this.#o.announce(this.#o.t('form.changedAnnounce', { count: this.#underneath.waiting.size }));
    this.#host.requestUpdate();
  }

  readonly #choose = (field: string, theirs: boolean): void => {
    if (theirs) this.#underneath?.useTheirs(this.#access, field);
    else this.#underneath?.keepMine(field);
    this.#set({ errors: this.errors.filter((e) => e.field !== `ep-${field}-theirs-use`) });
    // The next choice waiting, else the form's title.
    const next = [...(this.#underneath?.waiting.keys() ?? [])][0];
    this.#o.focus(next ? `ep-${next}-theirs-use` : 'form-title');
  };

  readonly changed = (event: Event): void => {
    if (this.draft)
      this.#set({ draft: formsOpen().readEpisodeForm(event.currentTarget as HTMLFormElement, this.draft) });
  };

  readonly submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const o = this.#o;
    const record = o.data.record;
    const form = this.form;
    if (!record || !form || !this.draft || this.busy) return;
    const { readEpisodeForm, buildEpisodeChange, episodeFieldFor } = formsOpen();
    const draft = readEpisodeForm(event.currentTarget as HTMLFormElement, this.draft);
    this.#set({ draft });
    const episode = this.#live();
    if (form.kind !== 'open' && !episode) return;
    const waiting = [...(this.#underneath?.waiting.keys() ?? [])];
    if (waiting.length)
      return this.#showErrors(
        waiting.map((f) => ({ field: `ep-${f}-theirs-use`, message: o.t('form.chooseVersion') })),
      );
    const built = buildEpisodeChange(form.kind, draft, {
      t: o.t,
      zone: o.zone(),
      now: o.now(),
      episode,
      episodes: record.episodes,
      meetings: record.meetings,
      formatDateTime: o.f.dateTime,
      formatDate: o.f.calendarDate,
      newId: () => newId('ep'),
    });
    if (!built.change || !built.episode) return this.#showErrors(built.errors);
    this.#set({ busy: true });
    try {
      const result = await o.data.apply(built.change);
      if (result.status === 'failed') {
        if (result.error instanceof ConflictError) {
          this.reconcile();
          return this.#showErrors([{ message: o.t('form.changedRetry') }]);
        }
        return this.#showErrors(formErrorsFrom(result.error, episodeFieldFor, o.t('form.saveFailed')));
      }
    } finally {
      this.#set({ busy: false });
    }
    this.#underneath = undefined;
    this.#set({ form: undefined, draft: undefined, errors: [] });
    const saved = built.episode;
    o.announce(
      form.kind === 'open'
        ? o.t('episode.openedAnnounce')
        : form.kind === 'finish'
          ? o.t('episode.finishedAnnounce')
          : o.t('episode.handedOverAnnounce', { team: currentTeam(saved) }),
    );
    // A host that cancelled od-change applies the change itself: the new episode may not be here yet.
    if (form.kind === 'open' && o.data.record?.episodes.some((e) => e.id === saved.id)) o.opened(saved.id);
    // The timeline's title, or (a new episode the host has not applied yet) the button that opened the form.
    o.focus(o.data.record?.episodes.length ? 'tl-title' : episodeActionId('open'));
  };

  readonly key = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    this.close();
  };

  readonly #click = (event: Event): void => {
    if ((event.target as HTMLElement).closest('[data-action="cancel-form"]')) this.close();
  };

  async #showErrors(errors: FormError[]): Promise<void> {
    this.#set({ errors });
    await this.#host.updateComplete;
    focusErrorSummary(this.#host.renderRoot);
  }

  /** The open form's panel, or undefined when no episode form is open. */
  render(): TemplateResult | undefined {
    const { form, draft } = this;
    if (!form || !draft) return undefined;
    const { episodeFormTitle, renderEpisodeFields } = formsOpen();
    const { t, f } = this.#o;
    const level = f.headingLevel(1);
    const live = this.#live();
    const opened = this.#opened;
    const title = episodeFormTitle(form.kind, opened, t, opened ? f.dateTime(Date.parse(opened.firstContact)) : '');
    const panel = (content: unknown) =>
      html`<section id="details" class="details form" part="details" aria-labelledby="form-title" @keydown=${this.key}>
        ${renderErrorSummary({ title: t('form.errorSummaryTitle'), errors: this.errors, root: this.#host.renderRoot as ShadowRoot, level })}
        ${renderHeading(level, title, { id: 'form-title', class: 'section-title', focusable: true })}
        ${content}
      </section>`;
    if (form.kind !== 'open' && !live) {
      return panel(html`<p role="alert">${t('episode.gone')}</p>
        <button class="od-button od-button--secondary" type="button" @click=${this.close}>${t('form.cancel')}</button>`);
    }
    return panel(html`${live && opened ? this.#renderChanged(opened, live) : nothing}
      <form id="episode-form" novalidate aria-describedby="ep-hint" @submit=${this.submit} @change=${this.changed} @click=${this.#click}>
        ${renderEpisodeFields(
          {
            kind: form.kind,
            draft,
            errors: this.errors,
            zoneName: this.#o.zone(),
            busy: this.busy,
            holder: live ? currentTeam(live) : undefined,
          },
          t,
        )}
      </form>`);
  }

  /** A date field's value ("9 4 2026") as the locale writes a date, when it is one. */
  #dateShown(value: string): string {
    const [day = '', month = '', year = ''] = value.split(' ');
    const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
    return isRealDate(iso) ? this.#o.f.calendarDate(iso) : value;
  }

  /** Above the form, when someone else changed the episode meanwhile: what it says now, and any choice to make. */
  #renderChanged(opened: Episode, live: Episode): TemplateResult | typeof nothing {
    if (JSON.stringify(opened) === JSON.stringify(live)) return nothing;
    const { t, f } = this.#o;
    const facts = [
      live.end && live.end !== opened.end ? t('episode.nowEnded', { date: f.dateTime(Date.parse(live.end)) }) : '',
      currentTeam(live) !== currentTeam(opened) ? t('episode.nowResponsible', { team: currentTeam(live) }) : '',
    ].filter(Boolean);
    const labels: Record<string, string> = { date: t('episode.endDate'), time: t('episode.endTime') };
    return renderChangedUnderneath(
      t,
      html`${facts.map((fact) => html`<p class="od-theirs__value">${fact}</p>`)}
      ${[...(this.#underneath?.waiting ?? [])].map(([field, value]) =>
        renderTheirs(t, {
          field: `ep-${field}`,
          label: labels[field],
          shown: field === 'date' ? this.#dateShown(value) : value,
          onUseTheirs: () => this.#choose(field, true),
          onKeepMine: () => this.#choose(field, false),
        }),
      )}`,
    );
  }
}
