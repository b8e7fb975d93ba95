import type { core } from 'zod/mini';

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

const listOptions = (options: unknown) =>
  Array.isArray(options) && options.length ? ` (expected one of ${options.map((o) => JSON.stringify(o)).join(', ')})` : '';

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
      return `has unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
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
