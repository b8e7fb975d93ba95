/**
 * What a message may say about a name or id found in the input. Records are health
 * data and messages end up in logs and alerts, so free text is never quoted: only
 * ids (what the Id schema allows: at most 64 letters, digits, '-' and '.') and field
 * names (at most 40 letters, digits, '_', '-' and '$'), which name things without
 * saying anything about a person. Anything else is described by its length.
 */
const ID = /^[A-Za-z0-9\-.]{1,64}$/;
const FIELD_NAME = /^[A-Za-z0-9_$-]{1,40}$/;

/**
 * What a message says about input that throws when it is read; the thrown error is not quoted (the input controls it).
 */
export const UNREADABLE = 'could not be read (a getter or proxy threw, or it is not plain data)';

/** Each issue as listed in a message (path and text) is cut to this length. */
export const ISSUE_LIMIT = 300;

const characters = (text: string) => `${text.length} character${text.length === 1 ? '' : 's'}`;

export const isFieldName = (key: string): boolean => FIELD_NAME.test(key);

/** `"mum"` for an id, else `an id of 300 characters` (or `an id that is not text`). */
export function quoteId(id: unknown): string {
  if (typeof id !== 'string') return 'an id that is not text';
  return ID.test(id) ? `"${id}"` : `an id of ${characters(id)}`;
}

/** `"colour"` for a field name, else `a field of 1048576 characters`. */
export function quoteField(key: string): string {
  return isFieldName(key) ? `"${key}"` : `a field of ${characters(key)}`;
}

/** Cuts `text` to `limit` characters, marking the cut. */
export function bound(text: string, limit: number = ISSUE_LIMIT): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
