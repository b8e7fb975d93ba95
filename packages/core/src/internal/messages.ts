import type { core } from 'zod/mini';
import { bound, isFieldName, quoteField, UNREADABLE } from './quote.js';

type RawIssue = core.$ZodRawIssue;

// Messages travel in od-error events and may end up in a host's logs. A case record
// is special-category health data, so text from the input is never quoted back.
function describeValue(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  switch (typeof input) {
    case 'string':
      return input === '' ? 'empty text' : `text of ${input.length} character${input.length === 1 ? '' : 's'}`;
    case 'number':
      return Number.isFinite(input) ? `the number ${input}` : 'a non-finite number';
    case 'boolean':
      return `the value ${input}`;
    case 'undefined':
      return 'nothing';
    case 'object':
      return 'an object';
    default:
      return `a ${typeof input}`;
  }
}

/**
 * `has unknown field "colour"`, or for a name that is text rather than a field name
 * (long, with spaces) `has an unknown field of 1048576 characters`. At most five are named.
 */
function unknownFields(keys: readonly string[]): string {
  if (keys.length === 1) {
    const key = keys[0]!;
    return isFieldName(key)
      ? `has unknown field "${key}"`
      : `has an unknown field of ${key.length} character${key.length === 1 ? '' : 's'}`;
  }
  const named = keys.filter(isFieldName).slice(0, 5);
  const rest = keys.length - named.length;
  const list = named.map(quoteField).join(', ');
  if (!named.length) return `has ${keys.length} unknown fields`;
  return `has unknown fields ${list}${rest ? ` and ${rest} more` : ''}`;
}

/** The schema's options (never input); a long list is summarised so the message stays short. */
function listOptions(options: unknown): string {
  if (!Array.isArray(options) || !options.length) return '';
  const all = options.map((o) => JSON.stringify(o));
  if (all.join(', ').length <= 160) return ` (expected one of ${all.join(', ')})`;
  return ` (expected one of ${all.length} values such as ${all.slice(0, 3).join(', ')})`;
}

const article = (expected: string) =>
  ({
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    array: 'a list',
    object: 'an object',
    record: 'an object',
    nonoptional: 'a value',
  })[expected] ?? expected;

/**
 * Readable English messages for zod issues. zod/mini ships no locale (to stay small),
 * so without this every message would read "Invalid input".
 */
export function describeIssue(issue: RawIssue): string {
  try {
    return bound(describe(issue));
  } catch {
    // The offending input itself throws when looked at (a revoked proxy).
    return UNREADABLE;
  }
}

function describe(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `is required (expected ${article(issue.expected)})`
        : `expected ${article(issue.expected)}, got ${describeValue(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`;
      }
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at least ${issue.minimum} entries`;
      return `must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at most ${issue.maximum} entries`;
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`;
    case 'invalid_format':
      return `is not in the expected format (${issue.format})`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return unknownFields(issue.keys);
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}; got ${describeValue(issue.input)}`;
    case 'invalid_union':
      return issue.discriminator
        ? `has an unknown "${issue.discriminator}"${listOptions((issue as { options?: unknown }).options)}`
        : `does not match any allowed form (got ${describeValue(issue.input)})`;
    case 'invalid_key':
      return 'has an invalid key';
    case 'invalid_element':
      return 'has an invalid entry';
    default:
      return 'is invalid';
  }
}
