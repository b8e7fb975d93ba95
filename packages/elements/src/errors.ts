import { OdError, StorageError } from '@odkit/core';

/**
 * Something a widget cannot do as it stands: draw a PNG in a browser without a 2D canvas, or export a map while the
 * table is shown. `code` `unsupported`; nothing was changed.
 */
export class UnsupportedError extends OdError {
  readonly code = 'unsupported' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnsupportedError';
  }
}

/**
 * What every `od-error` carries, so a host can always branch on `code`: the SDK's typed errors as they are; anything
 * else a store threw (a host's own store, a thrown string) as a `StorageError` whose `cause` it is.
 */
export function toOdError(error: unknown): OdError {
  if (error instanceof OdError) return error;
  return new StorageError(error instanceof Error ? error.message : 'The store failed.', { cause: error });
}
