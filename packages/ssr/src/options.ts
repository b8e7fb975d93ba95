import { ValidationError, type Issue } from '@odkit/core';
import { THEMES, type ThemeName } from '@odkit/elements';

export interface NetworkMapOptions {
  /** Group members into life-domain sectors. */
  sectors?: boolean;
  /** `YYYY-MM-DD`: the network as it was that day. */
  asOf?: string;
  /** Leave out members hidden from this audience id. */
  audience?: string;
  /** Initials only (a shared screen). */
  initialsOnly?: boolean;
  /** `map` (default) or `table`. */
  view?: 'map' | 'table';
}

export interface MeetingTimelineOptions {
  /** The moment "now" is for the timeline (ISO date-time): keeps server and browser on the same day. */
  asOf?: string;
  /** `list` (default), `axis`, `matrix` or `summary`. */
  view?: string;
  episodeId?: string;
  instrumentId?: string;
  /** Leave out members hidden from this audience id. */
  audience?: string;
  /** Initials only (a shared screen): no full names, no identifying free text. */
  initialsOnly?: boolean;
}

export interface ChecklistOptions {
  /** The held meeting being rated. Default: the latest held meeting in the record. */
  meetingId?: string;
  /** `od-seven-principles` (default) or `od-key-elements`. */
  instrumentId?: string;
  /**
   * The form field name. Given, the checklist is rendered as ordinary form fields in the
   * light DOM (named `<name>.rater-name`, `<name>.rating.<itemId>`, …) so the host's
   * `<form>` posts it without script; read the POST with `assessmentFromForm` (@odkit/core/assessment-form).
   * Without it, the checklist's own view is rendered (read only until script runs).
   */
  name?: string;
  /** The rater's name the form starts with. */
  raterName?: string;
  /**
   * Every required item and the rater's name must be given (checked by the browser, and again by `assessmentFromForm`).
   */
  required?: boolean;
  /** `rate` (default), `summary` or `compare` (views without a form). */
  view?: 'rate' | 'summary' | 'compare';
  /** A rater hidden from this audience id is shown by role only. */
  audience?: string;
  /** Initials only (a shared screen): raters' initials, no comments, and no form (read only). */
  initialsOnly?: boolean;
}

export interface RenderCaseOptions {
  /** The case record (JSON or a parsed record). A record that fails validation renders each widget's error state. */
  record: unknown;
  /** `default`, `govuk` or `nhs`. */
  theme?: ThemeName;
  /** `en-GB` (default) or `cy`. */
  locale?: string;
  /** IANA time zone for dates and times; default `Europe/London` (a server's own zone means nothing to the reader). */
  timeZone?: string;
  /** `auto` (default: the reader's operating system decides, as on `<od-provider>`), `light` or `dark`. */
  colorScheme?: 'light' | 'dark' | 'auto';
  /**
   * The nonce of the page's Content-Security-Policy for styles (`style-src 'nonce-…'`): put on
   * every shadow root's <style> element, which a strict policy would block otherwise.
   */
  styleNonce?: string;
  /** Which widgets, in this order, and their options; `false` leaves one out. Default: all three. */
  widgets?: {
    map?: NetworkMapOptions | boolean;
    timeline?: MeetingTimelineOptions | boolean;
    checklist?: ChecklistOptions | boolean;
  };
}

export interface CheckedOptions {
  record: unknown;
  theme: ThemeName;
  locale: 'en-GB' | 'cy';
  timeZone: string;
  colorScheme: 'light' | 'dark' | 'auto';
  map: NetworkMapOptions | undefined;
  timeline: MeetingTimelineOptions | undefined;
  checklist: ChecklistOptions | undefined;
}

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const ID = /^[A-Za-z0-9.-]{1,64}$/;
const KNOWN = {
  map: { sectors: 'boolean', asOf: 'string', audience: 'string', initialsOnly: 'boolean', view: ['map', 'table'] },
  timeline: {
    asOf: 'string',
    view: ['list', 'axis', 'matrix', 'summary'],
    episodeId: 'id',
    instrumentId: 'id',
    audience: 'string',
    initialsOnly: 'boolean',
  },
  checklist: {
    meetingId: 'id',
    instrumentId: 'id',
    name: 'name',
    raterName: 'string',
    required: 'boolean',
    view: ['rate', 'summary', 'compare'],
    audience: 'string',
    initialsOnly: 'boolean',
  },
} as const;
type Kind = 'boolean' | 'string' | 'id' | 'name' | readonly string[];

/**
 * Checks renderCase's options (not the record: the widgets validate it and show their error
 * state). Throws one ValidationError naming every bad option; option values are never quoted.
 */
export function checkOptions(input: RenderCaseOptions): CheckedOptions {
  const issues: Issue[] = [];
  if (typeof input !== 'object' || input === null)
    throw new ValidationError('renderCase options', [{ path: [], message: 'must be an object' }]);
  const theme = input.theme ?? 'default';
  if (!Object.hasOwn(THEMES, theme))
    issues.push({ path: ['theme'], message: `must be one of ${Object.keys(THEMES).join(', ')}` });
  const locale = (input.locale ?? 'en-GB') as 'en-GB' | 'cy';
  if (locale !== 'en-GB' && locale !== 'cy') issues.push({ path: ['locale'], message: 'must be en-GB or cy' });
  const timeZone = input.timeZone ?? 'Europe/London';
  if (!knownTimeZone(timeZone))
    issues.push({ path: ['timeZone'], message: 'must be an IANA time zone Intl knows, such as Europe/London' });
  const colorScheme = input.colorScheme ?? 'auto';
  if (!['light', 'dark', 'auto'].includes(colorScheme))
    issues.push({ path: ['colorScheme'], message: 'must be light, dark or auto' });
  const widgets = input.widgets ?? {};
  if (typeof widgets !== 'object' || widgets === null) issues.push({ path: ['widgets'], message: 'must be an object' });
  const picked: Record<keyof typeof KNOWN, object | undefined> = {
    map: undefined,
    timeline: undefined,
    checklist: undefined,
  };
  for (const key of Object.keys(widgets ?? {})) {
    if (!Object.hasOwn(KNOWN, key))
      issues.push({ path: ['widgets', key], message: 'is not a widget (map, timeline or checklist)' });
  }
  for (const widget of Object.keys(KNOWN) as (keyof typeof KNOWN)[]) {
    const given: unknown = (widgets as Record<string, unknown>)?.[widget] ?? true;
    if (given === false) continue;
    if (given === true) {
      picked[widget] = {};
      continue;
    }
    if (typeof given !== 'object' || given === null) {
      issues.push({ path: ['widgets', widget], message: 'must be true, false or an object of options' });
      continue;
    }
    const known: Record<string, Kind> = KNOWN[widget];
    for (const [name, value] of Object.entries(given)) {
      const kind = known[name];
      const path = ['widgets', widget, name];
      if (!kind) issues.push({ path, message: `is not an option of the ${widget} (${Object.keys(known).join(', ')})` });
      else if (value === undefined) continue;
      else if (Array.isArray(kind)) {
        if (!kind.includes(value as string)) issues.push({ path, message: `must be one of ${kind.join(', ')}` });
      } else if (kind === 'boolean' && typeof value !== 'boolean')
        issues.push({ path, message: 'must be true or false' });
      else if (kind === 'string' && (typeof value !== 'string' || value.length > 200))
        issues.push({ path, message: 'must be text of at most 200 characters' });
      else if (kind === 'id' && (typeof value !== 'string' || !ID.test(value)))
        issues.push({ path, message: 'must be an id (letters, digits, "." and "-", at most 64)' });
      else if (kind === 'name' && (typeof value !== 'string' || !FIELD_NAME.test(value))) {
        issues.push({
          path,
          message: 'must be a form field name (a letter, then letters, digits, "_", "." or "-", at most 64)',
        });
      }
    }
    picked[widget] = given;
  }
  if (issues.length) throw new ValidationError('renderCase options', issues);
  return {
    record: input.record,
    theme,
    locale,
    timeZone,
    colorScheme,
    map: picked.map as NetworkMapOptions | undefined,
    timeline: picked.timeline as MeetingTimelineOptions | undefined,
    checklist: picked.checklist as ChecklistOptions | undefined,
  };
}

const knownZones = new Set<string>();

function knownTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone.length > 64) return false;
  // Building a formatter to check costs about a millisecond: remember the zones that passed.
  if (knownZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    if (knownZones.size < 64) knownZones.add(zone);
    return true;
  } catch {
    return false;
  }
}

/** A CSP nonce: base64 characters only (it goes into an attribute). */
export function checkNonce(nonce: unknown): string {
  if (typeof nonce === 'string' && /^[A-Za-z0-9+/_-]{16,200}={0,2}$/.test(nonce)) return nonce;
  throw new ValidationError('renderCase options', [
    { path: ['styleNonce'], message: 'must be a CSP nonce: 16 to 200 base64 characters' },
  ]);
}
