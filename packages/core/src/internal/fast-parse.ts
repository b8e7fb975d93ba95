import { describeIssue } from './messages.js';
import type { core } from 'zod/mini';

/**
 * A fast path for valid data, compiled from the zod schemas themselves.
 *
 * zod must run `jitless` under a strict CSP (no `new Function`), and its
 * interpreter then costs about 3 µs per object: 60 ms for a case with 1,000
 * members and 2,000 meetings. This walks each schema's definition once and builds
 * plain closures for the subset of zod the model uses. A closure either returns
 * exactly what zod would return, or FAIL, and then zod runs and reports the
 * issues. So zod stays the one definition of what is valid and of every message;
 * anything this does not understand is simply left to zod, and a differential
 * property test (core/test/fast-parse.test.ts) holds the two to the same answers.
 */
export const FAIL: unique symbol = Symbol('fail');
type Parser = (value: unknown) => unknown;

// One cache per mode: parsers that freeze what they build (for records, which are
// always handed out frozen, so no second walk is needed) and parsers that do not.
const compiled = { true: new WeakMap<object, Parser | null>(), false: new WeakMap<object, Parser | null>() };

type Schema = core.$ZodType;
type Check = { _zod: { def: Record<string, unknown> } };

/**
 * The fast parser for `schema`, or null when it uses something only zod handles.
 * With `freeze`, every object and array it returns is frozen as it is built.
 */
export function compile(schema: Schema, freeze = false): Parser | null {
  const cache = compiled[`${freeze}`];
  let parser = cache.get(schema);
  if (parser === undefined) {
    parser = build(schema, freeze);
    cache.set(schema, parser);
  }
  return parser;
}

/** zod's `safeParse`, taking the fast path first (whose result is deeply frozen when `freeze` is set). */
export function safeParse<T>(
  schema: core.$ZodType<T> & { safeParse(input: unknown, params?: core.ParseContext<core.$ZodIssue>): SafeResult<T> },
  input: unknown,
  freeze = false,
): SafeResult<T> {
  const parser = compile(schema, freeze);
  if (parser) {
    try {
      const value = parser(input);
      if (value !== FAIL) return { success: true, data: value as T };
    } catch {
      // A refinement threw on odd input: zod decides what that means.
    }
  }
  // The kit's messages go with each parse, not into zod's global config: a host whose app
  // shares this copy of zod keeps its own messages for its own schemas.
  return schema.safeParse(input, { error: describeIssue });
}

type SafeResult<T> = { success: true; data: T } | { success: false; error: { issues: core.$ZodIssue[] } };

function build(schema: Schema, freeze: boolean): Parser | null {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string; checks?: Check[] };
  const checks = checksOf(def.checks ?? []);
  if (!checks) return null;
  const base = buildType(def, freeze);
  if (!base) return null;
  if (checks.length === 0) return base;
  return (value) => {
    let out = base(value);
    if (out === FAIL) return FAIL;
    for (const check of checks) {
      out = check(out);
      if (out === FAIL) return FAIL;
    }
    return out;
  };
}

/** What a parser does with an object or array it built: freeze it, or hand it out as is. */
const finisher = (freeze: boolean): (<T>(value: T) => T) => (freeze ? Object.freeze : (value) => value);

function buildType(def: Record<string, unknown> & { type: string }, freeze: boolean): Parser | null {
  const done = finisher(freeze);
  switch (def.type) {
    case 'string':
      return (v) => (typeof v === 'string' ? v : FAIL);
    case 'number':
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? v : FAIL);
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : FAIL);
    case 'null':
      return (v) => (v === null ? v : FAIL);
    case 'literal': {
      const values = def.values as unknown[];
      return (v) => (values.includes(v) ? v : FAIL);
    }
    case 'enum': {
      const values = new Set(Object.values(def.entries as Record<string, unknown>));
      return (v) => (values.has(v) ? v : FAIL);
    }
    case 'optional': {
      const inner = compile(def.innerType as Schema, freeze);
      return inner && ((v) => (v === undefined ? undefined : inner(v)));
    }
    case 'array': {
      const element = compile(def.element as Schema, freeze);
      return (
        element &&
        ((v) => {
          if (!Array.isArray(v)) return FAIL;
          const out = new Array<unknown>(v.length);
          for (let i = 0; i < v.length; i++) {
            const r = element(v[i]);
            if (r === FAIL) return FAIL;
            out[i] = r;
          }
          return done(out);
        })
      );
    }
    case 'union': {
      const options = (def.options as Schema[]).map((option) => compile(option, freeze));
      if (options.some((o) => !o)) return null;
      return (v) => {
        for (const option of options as Parser[]) {
          const r = option(v);
          if (r !== FAIL) return r;
        }
        return FAIL;
      };
    }
    case 'record': {
      const key = compile(def.keyType as Schema, freeze);
      const value = compile(def.valueType as Schema, freeze);
      if (!key || !value) return null;
      return (v) => {
        // Symbol keys and odd prototypes or constructors are zod's to judge.
        if (!isPlainObject(v) || Object.getOwnPropertySymbols(v).length) return FAIL;
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(v)) {
          if (k === '__proto__' || key(k) !== k) return FAIL;
          const r = value(v[k]);
          if (r === FAIL) return FAIL;
          out[k] = r;
        }
        return done(out);
      };
    }
    case 'object':
      return buildObject(def, freeze);
    default:
      return null;
  }
}

function buildObject(def: Record<string, unknown>, freeze: boolean): Parser | null {
  const shape = def.shape as Record<string, Schema>;
  const catchall = def.catchall as Schema | undefined;
  // Strict objects (catchall `never`) only; anything else is zod's.
  if (!catchall || catchall._zod.def.type !== 'never') return null;
  const keys = Object.keys(shape);
  const fields: { key: string; parse: Parser; optional: boolean }[] = [];
  for (const key of keys) {
    const schema = shape[key]!;
    const parse = compile(schema, freeze);
    if (!parse || key === '__proto__') return null;
    const optional = schema._zod.optin === 'optional' && schema._zod.optout === 'optional';
    if (!optional && (schema._zod.optin !== undefined || schema._zod.optout !== undefined)) return null;
    fields.push({ key, parse, optional });
  }
  const known = new Set(keys);
  const done = finisher(freeze);
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return FAIL;
    const input = v as Record<string, unknown>;
    for (const k in input) if (!known.has(k)) return FAIL;
    const out: Record<string, unknown> = {};
    for (const { key, parse, optional } of fields) {
      const present = key in input;
      if (!present) {
        if (optional) continue;
        return FAIL;
      }
      const r = parse(input[key]);
      if (r === FAIL) return FAIL;
      out[key] = r;
    }
    return done(out);
  };
}

/** The checks as value → value | FAIL steps, in zod's order; null if one is unknown. */
function checksOf(checks: readonly Check[]): ((value: unknown) => unknown)[] | null {
  const steps: ((value: unknown) => unknown)[] = [];
  for (const check of checks) {
    const def = check._zod.def as Record<string, unknown> & { check: string };
    const step = def.check === 'custom' && !def.fn ? superRefineStep(check) : checkStep(def);
    if (!step) return null;
    // A check may run only when its `when` says so (zod's length checks: "the value has a length").
    // On the fast path there are never earlier issues, so it sees an issue-free payload.
    const when = (def.when ?? (check._zod as { when?: unknown }).when) as
      ((payload: { value: unknown; issues: [] }) => boolean) | undefined;
    steps.push(when ? (v) => (when({ value: v, issues: [] }) ? step(v) : v) : step);
  }
  return steps;
}

function checkStep(def: Record<string, unknown> & { check: string }): ((value: unknown) => unknown) | null {
  switch (def.check) {
    case 'overwrite':
      return def.tx as (v: unknown) => unknown;
    case 'min_length': {
      const min = def.minimum as number;
      return (v) => ((v as { length: number }).length >= min ? v : FAIL);
    }
    case 'max_length': {
      // zod counts a string's code points, not UTF-16 units, once the units exceed the maximum.
      const max = def.maximum as number;
      return (v) => {
        const length = (v as { length: number }).length;
        return length <= max || (typeof v === 'string' && codePoints(v) <= max) ? v : FAIL;
      };
    }
    case 'string_format': {
      if (def.format !== 'regex') return null;
      const pattern = def.pattern as RegExp;
      return (v) => {
        pattern.lastIndex = 0;
        return pattern.test(v as string) ? v : FAIL;
      };
    }
    case 'number_format':
      return def.format === 'safeint' ? (v) => (Number.isSafeInteger(v) ? v : FAIL) : null;
    case 'greater_than': {
      const min = def.value as number;
      return def.inclusive ? (v) => ((v as number) >= min ? v : FAIL) : (v) => ((v as number) > min ? v : FAIL);
    }
    case 'less_than': {
      const max = def.value as number;
      return def.inclusive ? (v) => ((v as number) <= max ? v : FAIL) : (v) => ((v as number) < max ? v : FAIL);
    }
    case 'custom': {
      const fn = def.fn as (v: unknown) => unknown;
      // Anything but a plain `true` (an async refinement, a truthy object) is zod's to judge.
      return (v) => (fn(v) === true ? v : FAIL);
    }
    default:
      return null;
  }
}

/**
 * A `superRefine` (a custom check with no `fn`: zod runs its `check` on the parse's payload, where it adds its issues):
 * the value passes when the check adds none and returns nothing; anything else is zod's to report.
 */
function superRefineStep(check: Check): ((value: unknown) => unknown) | null {
  const run = (check._zod as { check?: unknown }).check;
  if (typeof run !== 'function') return null;
  return (v) => {
    const payload = { value: v, issues: [] as unknown[] };
    const result: unknown = run(payload);
    return result === undefined && payload.issues.length === 0 ? v : FAIL;
  };
}

/** Stricter than zod's own test (a plain prototype and no own `constructor`), so never looser. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Object.hasOwn(v, 'constructor')) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
