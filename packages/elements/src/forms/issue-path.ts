import type { Issue } from '@odkit/core';

/**
 * The part of a core issue's path inside the `entity` a form edits: a change's own checks put an issue at
 * `['tie', 'to']`, the record's checks after it (a tie to someone no longer a member) at `['ties', 3, 'to']`; both
 * give `['to']`. A path about nothing of that kind is given back whole.
 */
export function pathInside(path: Issue['path'], entity: string): Issue['path'] {
  const i = path.findIndex((p) => p === entity || p === `${entity}s`);
  return i < 0 ? path : path.slice(path[i] === entity ? i + 1 : i + 2);
}
