/**
 * The episode forms: open a new episode (first contact, responsible team, referral source), finish one (its end)
 * and hand responsibility over to another team (when, to whom, why). Renders, reads and checks each form with the
 * timeline's own messages (GOV.UK style, at the field), and builds the `episode/add` or `episode/update` change. A
 * form seam beside meeting-form.ts, so the element only applies the change and moves focus.
 */
import { currentTeam, TEXT_LIMITS, type Change, type Episode, type Issue, type Meeting } from '@odkit/core';
import {
  ariaInvalid,
  dateError,
  dateErrorFor,
  datePartId,
  datePartsOf,
  describedBy,
  errorFor,
  parseDateParts,
  pathInside,
  readDateParts,
  renderDateInput,
  renderField,
  type DateParts,
  type FormError,
} from '@odkit/elements';
import { html, nothing, type TemplateResult } from 'lit';
import { normaliseTime, type FormContext } from './meeting-form.js';
import { isTimeOfDay, isoInZone, localDate, zonedInstant } from './time.js';
import type { T } from './view-kit.js';

export type EpisodeFormKind = 'open' | 'finish' | 'handover';

/** What an episode form holds, as typed: a date and time, and (opening, handing over) a team and a text. */
export interface EpisodeDraft {
  date: DateParts;
  time: string;
  /** The responsible team (opening) or the team taking over (handing over). */
  team: string;
  /** Who referred the person (opening) or why responsibility passes (handing over). */
  text: string;
}

/** The field ids of each form, so that an error, a label and a core issue all point at the same control. */
export const EPISODE_FIELDS = {
  date: 'ep-date',
  time: 'ep-time',
  team: 'ep-team',
  text: 'ep-text',
} as const;

export function episodeDraftFor(kind: EpisodeFormKind, episode: Episode | undefined, zone: string, now: number) {
  const draft: EpisodeDraft = { date: datePartsOf(localDate(now, zone)), time: '', team: '', text: '' };
  // Finishing an episode someone else already finished: the form starts from its end.
  if (kind === 'finish' && episode?.end) draft.date = datePartsOf(localDate(Date.parse(episode.end), zone));
  return draft;
}

export function readEpisodeForm(form: HTMLFormElement, draft: EpisodeDraft): EpisodeDraft {
  const data = new FormData(form);
  const text = (name: string, fallback: string) => {
    const value = data.get(name);
    return typeof value === 'string' ? value : fallback;
  };
  return {
    date: readDateParts(data, 'date', draft.date),
    time: normaliseTime(text('time', draft.time)),
    team: text('team', draft.team),
    text: text('text', draft.text),
  };
}

/** The words of each form: title, the question each field asks, the save button. */
function wording(kind: EpisodeFormKind) {
  return (
    {
      open: {
        date: 'episode.contactDate',
        dateName: 'episode.contactDateName',
        required: 'episode.error.contactRequired',
        time: 'episode.contactTime',
        team: 'episode.team',
        text: 'episode.referral',
        save: 'episode.openSave',
      },
      finish: {
        date: 'episode.endDate',
        dateName: 'episode.endDateName',
        required: 'episode.error.endRequired',
        time: 'episode.endTime',
        team: undefined,
        text: undefined,
        save: 'episode.finishSave',
      },
      handover: {
        date: 'episode.handoverDate',
        dateName: 'episode.handoverDateName',
        required: 'episode.error.handoverRequired',
        time: 'episode.handoverTime',
        team: 'episode.handoverTo',
        text: 'episode.handoverReason',
        save: 'episode.handoverSave',
      },
    } as const
  )[kind];
}

export interface EpisodeBuildContext extends FormContext {
  /** The episode finished or handed over (absent when opening one). */
  readonly episode: Episode | undefined;
  /** Every episode of the record (a new one starts after the latest has ended). */
  readonly episodes: readonly Episode[];
  /** The meetings of the record (an episode cannot end before its last meeting that is not cancelled). */
  readonly meetings: readonly Meeting[];
}

/**
 * Checks the draft (the date and time first, then what the episode allows) and, when it is complete, builds the
 * change it stands for.
 */
export function buildEpisodeChange(
  kind: EpisodeFormKind,
  draft: EpisodeDraft,
  ctx: EpisodeBuildContext,
): { errors: FormError[]; change?: Change; episode?: Episode } {
  const { t, zone, episode } = ctx;
  const words = wording(kind);
  const errors: FormError[] = [];
  const parsed = parseDateParts(EPISODE_FIELDS.date, draft.date, {
    required: t(words.required),
    missing: (key) => t(key, { field: t(words.dateName) }),
    invalid: t('error.dateInvalid'),
  });
  if (parsed.error) errors.push(parsed.error);
  if (!draft.time) errors.push({ field: EPISODE_FIELDS.time, message: t('episode.error.timeRequired') });
  else if (!isTimeOfDay(draft.time)) errors.push({ field: EPISODE_FIELDS.time, message: t('error.timeInvalid') });
  let at: number | null = null;
  if (!errors.length && parsed.iso) {
    at = zonedInstant(parsed.iso, draft.time, zone);
    if (at === null) {
      const message = t('error.timeGap', { time: draft.time, date: ctx.formatDate(parsed.iso) });
      errors.push({ field: EPISODE_FIELDS.time, message });
    } else {
      const problem = whenProblem(kind, at, ctx);
      if (problem) errors.push(dateError(EPISODE_FIELDS.date, problem));
    }
  }
  const team = draft.team.trim();
  const text = draft.text.trim();
  if (kind === 'open') {
    if (!team) errors.push({ field: EPISODE_FIELDS.team, message: t('episode.error.teamRequired') });
    else if (team.length > TEXT_LIMITS.short)
      errors.push({ field: EPISODE_FIELDS.team, message: t('episode.error.teamLong') });
    if (text.length > TEXT_LIMITS.short)
      errors.push({ field: EPISODE_FIELDS.text, message: t('episode.error.referralLong') });
  }
  if (kind === 'handover' && episode) {
    const holder = currentTeam(episode);
    if (!team) errors.push({ field: EPISODE_FIELDS.team, message: t('episode.error.toRequired') });
    else if (team.length > TEXT_LIMITS.short)
      errors.push({ field: EPISODE_FIELDS.team, message: t('episode.error.teamLong') });
    else if (team === holder.trim())
      errors.push({ field: EPISODE_FIELDS.team, message: t('episode.error.sameTeam', { team: holder }) });
    if (!text) errors.push({ field: EPISODE_FIELDS.text, message: t('episode.error.reasonRequired') });
    else if (text.length > TEXT_LIMITS.short)
      errors.push({ field: EPISODE_FIELDS.text, message: t('error.reasonLong') });
  }
  if (errors.length || at === null) return { errors };

  const iso = isoInZone(at, zone);
  if (kind === 'open') {
    const opened: Episode = { id: ctx.newId(), firstContact: iso, status: 'active', responsibleTeam: team };
    if (text) opened.referralSource = text;
    return { errors, episode: opened, change: { type: 'episode/add', episode: opened } };
  }
  if (!episode) return { errors };
  const updated: Episode =
    kind === 'finish'
      ? { ...episode, status: 'finished', end: iso }
      : { ...episode, handovers: [...(episode.handovers ?? []), { at: iso, to: team, reason: text }] };
  return { errors, episode: updated, change: { type: 'episode/update', episode: updated } };
}

/** What is wrong with the instant a form gives, if anything: each form's own rules, in the person's words. */
function whenProblem(kind: EpisodeFormKind, at: number, ctx: EpisodeBuildContext): string | undefined {
  const { t, episode } = ctx;
  const when = (iso: string) => ctx.formatDateTime(Date.parse(iso));
  if (at > ctx.now) return t('episode.error.inFuture');
  if (kind === 'open') {
    // Episodes follow one another: a new crisis starts after the last one ended.
    const ends = ctx.episodes.flatMap((e) => (e.end ? [e.end] : []));
    const last = ends.sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1);
    return last && at <= Date.parse(last) ? t('episode.error.afterPrevious', { date: when(last) }) : undefined;
  }
  if (!episode) return undefined;
  if (at < Date.parse(episode.firstContact))
    return t(kind === 'finish' ? 'episode.error.endBeforeContact' : 'episode.error.handoverBefore', {
      date: when(episode.firstContact),
    });
  const lastHandover = episode.handovers?.at(-1)?.at;
  if (kind === 'handover')
    return at <= Date.parse(lastHandover ?? episode.firstContact)
      ? t('episode.error.handoverBefore', { date: when(lastHandover ?? episode.firstContact) })
      : undefined;
  if (lastHandover && at < Date.parse(lastHandover))
    return t('episode.error.endBeforeHandover', { date: when(lastHandover) });
  // Meetings (held or planned) must lie within the episode: a planned one after the end is cancelled first.
  const latest = ctx.meetings
    .filter((m) => m.episodeId === episode.id && m.status !== 'cancelled')
    .reduce<Meeting | undefined>((a, m) => (!a || Date.parse(m.start) > Date.parse(a.start) ? m : a), undefined);
  return latest && at < Date.parse(latest.start)
    ? t('episode.error.endBeforeMeeting', { date: when(latest.start) })
    : undefined;
}

/** The form field a core issue about an episode belongs to. */
export function episodeFieldFor(path: Issue['path']): string | undefined {
  const [key, , sub] = pathInside(path, 'episode');
  if (key === 'firstContact' || key === 'end' || (key === 'handovers' && sub === 'at'))
    return datePartId(EPISODE_FIELDS.date, 'day');
  if (key === 'responsibleTeam' || (key === 'handovers' && sub === 'to')) return EPISODE_FIELDS.team;
  if (key === 'referralSource' || (key === 'handovers' && sub === 'reason')) return EPISODE_FIELDS.text;
  return undefined;
}

export interface EpisodeFormView {
  readonly kind: EpisodeFormKind;
  readonly draft: EpisodeDraft;
  readonly errors: readonly FormError[];
  readonly zoneName: string;
  readonly busy: boolean;
  /** The team responsible now (handing over): said in the hint. */
  readonly holder: string | undefined;
}

/** The form's fields and buttons (inside the panel's `<form>`). */
export function renderEpisodeFields(v: EpisodeFormView, t: T): TemplateResult {
  const { draft, errors } = v;
  const words = wording(v.kind);
  const prefix = t('form.errorPrefix');
  const text = (id: string, name: string, value: string, hint?: string, short = false) => {
    const error = errorFor(errors, id);
    return html`<input class="od-input ${short ? 'od-input--short' : ''}" id=${id} name=${name} type="text"
      .value=${value} inputmode=${short ? 'numeric' : nothing} autocomplete="off"
      aria-describedby=${describedBy(id, { hint, error }) ?? nothing} aria-invalid=${ariaInvalid(error)} />`;
  };
  const hints = {
    open: t('episode.contactHint'),
    finish: t('episode.finishHint'),
    handover: t('episode.handoverHint', { team: v.holder ?? '' }),
  };
  return html`
    <p class="od-hint" id="ep-hint">${hints[v.kind]}</p>
    <div class="od-form-row">
      ${renderDateInput({
        id: EPISODE_FIELDS.date,
        name: 'date',
        legend: t(words.date),
        hint: t('date.hint'),
        value: draft.date,
        error: dateErrorFor(errors, EPISODE_FIELDS.date),
        errorPrefix: prefix,
        labels: { day: t('date.day'), month: t('date.month'), year: t('date.year') },
      })}
      ${renderField({
        id: EPISODE_FIELDS.time,
        label: t(words.time),
        hint: t('edit.timeHint', { zone: v.zoneName }),
        error: errorFor(errors, EPISODE_FIELDS.time),
        errorPrefix: prefix,
        control: text(EPISODE_FIELDS.time, 'time', draft.time, 'hint', true),
      })}
    </div>
    ${
      words.team
        ? renderField({
            id: EPISODE_FIELDS.team,
            label: t(words.team),
            hint: v.kind === 'open' ? t('episode.teamHint') : undefined,
            error: errorFor(errors, EPISODE_FIELDS.team),
            errorPrefix: prefix,
            control: text(EPISODE_FIELDS.team, 'team', draft.team, v.kind === 'open' ? 'hint' : undefined),
          })
        : nothing
    }
    ${
      words.text
        ? renderField({
            id: EPISODE_FIELDS.text,
            label: v.kind === 'open' ? `${t(words.text)} ${t('form.optional')}` : t(words.text),
            error: errorFor(errors, EPISODE_FIELDS.text),
            errorPrefix: prefix,
            control: text(EPISODE_FIELDS.text, 'text', draft.text),
          })
        : nothing
    }
    <div class="od-button-group">
      <button class="od-button" type="submit" ?disabled=${v.busy}>${t(words.save)}</button>
      <button class="od-button od-button--secondary" type="button" data-action="cancel-form">${t('form.cancel')}</button>
    </div>
  `;
}

/** The form's title. */
export function episodeFormTitle(kind: EpisodeFormKind, episode: Episode | undefined, t: T, date: string): string {
  if (kind === 'open' || !episode) return t('episode.openTitle');
  return t(kind === 'finish' ? 'episode.finishTitle' : 'episode.handoverTitle', { date });
}
