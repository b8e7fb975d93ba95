import { ValidationError, type Issue } from '../errors.js';
import { defaultInstruments } from '../instruments/index.js';
import { InstrumentRegistry } from '../instruments/registry.js';
import { guarded } from '../internal/guard.js';
import { IsoDate, IsoDateTime, isTimeZone } from '../model/primitives.js';
import { check } from '../model/validate.js';
import { DEFAULT_TIME_ZONE, localDates } from './local-time.js';
import type { ServiceGroupBy, ServiceOptions, ServicePeriod } from './types.js';

export const GROUP_BYS: readonly ServiceGroupBy[] = ['team', 'practitioner', 'month', 'referralSource'];

export interface ReadOptions {
  readonly period: ServicePeriod | undefined;
  readonly groupBy: ServiceGroupBy | undefined;
  readonly timeZone: string;
  readonly localDate: (time: number) => string;
  readonly instruments: InstrumentRegistry;
  readonly asOf: string | undefined;
  readonly maxSkippedListed: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks every option once, up front; throws one ValidationError listing each bad option. */
export function readServiceOptions(input: ServiceOptions | undefined, subject = 'Service options'): ReadOptions {
  return guarded(subject, () => {
    if (input !== undefined && !isObject(input))
      throw new ValidationError(subject, [{ path: [], message: 'must be an object' }]);
    // One read of each option (a getter could answer differently twice).
    const options: Record<string, unknown> = { ...input };
    const issues: Issue[] = [];
    let period: ServicePeriod | undefined;
    if (options.period !== undefined) {
      const p = options.period;
      if (!isObject(p))
        issues.push({ path: ['period'], message: 'must be { start, end } with dates written YYYY-MM-DD' });
      else {
        const start = check(IsoDate, p.start, { at: ['period', 'start'] });
        const end = check(IsoDate, p.end, { at: ['period', 'end'] });
        if (!start.ok) issues.push(...start.issues);
        if (!end.ok) issues.push(...end.issues);
        if (start.ok && end.ok) {
          if (end.value < start.value) issues.push({ path: ['period', 'end'], message: 'is before the start' });
          else period = Object.freeze({ start: start.value, end: end.value });
        }
      }
    }
    const groupBy = options.groupBy;
    if (groupBy !== undefined && !GROUP_BYS.includes(groupBy as ServiceGroupBy)) {
      issues.push({ path: ['groupBy'], message: `must be one of ${GROUP_BYS.map((g) => `"${g}"`).join(', ')}` });
    }
    const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
    let localDate: ((time: number) => string) | undefined;
    if (!isTimeZone(timeZone))
      issues.push({ path: ['timeZone'], message: 'must be an IANA time zone such as "Europe/London"' });
    else localDate = localDates(timeZone);
    const instruments = options.instruments ?? defaultInstruments;
    if (!(instruments instanceof InstrumentRegistry))
      issues.push({ path: ['instruments'], message: 'must be an InstrumentRegistry' });
    if (options.asOf !== undefined) {
      const asOf = check(IsoDateTime, options.asOf, { at: ['asOf'] });
      if (!asOf.ok) issues.push(...asOf.issues);
    }
    const max = options.maxSkippedListed ?? 1000;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 0) {
      issues.push({ path: ['maxSkippedListed'], message: 'must be a whole number, 0 or more' });
    }
    if (issues.length) throw new ValidationError(subject, issues);
    return {
      period,
      groupBy: groupBy as ServiceGroupBy | undefined,
      timeZone: timeZone as string,
      localDate: localDate!,
      instruments: instruments as InstrumentRegistry,
      asOf: options.asOf as string | undefined,
      maxSkippedListed: max as number,
    };
  });
}
