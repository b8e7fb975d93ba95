// Every error class the docs list has the `code` the docs give it, on a real instance: hosts branch on
// `error.code`, so a documented code that is not on the thrown error is a trap.
import { expect } from '@open-wc/testing';
import { ConflictError, NotFoundError, StorageError, ValidationError } from '@odkit/core';
import { UnsentEditsError } from '@odkit/core/seeding';
import { OptionsError, UnsupportedError } from '@odkit/elements';

const made: Record<string, () => Error & { code: string }> = {
  ValidationError: () => new ValidationError('Change', [{ path: [], message: 'is wrong' }]),
  ConflictError: () => new ConflictError('case-1', 1, 2),
  NotFoundError: () => new NotFoundError('member', 'm1'),
  StorageError: () => new StorageError('IndexedDB failed'),
  UnsentEditsError: () => new UnsentEditsError('case-1', 2),
  OptionsError: () => new OptionsError('od-network-map', [{ path: ['as-of'], message: 'The as-of date…' }]),
  UnsupportedError: () => new UnsupportedError('no 2D canvas'),
};

/** The rows of the "Errors a host can get" table in docs/data-model.md: class name and code. */
async function documented(): Promise<[string, string][]> {
  const text = await (await fetch('/docs/data-model.md')).text();
  const section = text.slice(text.indexOf('## Errors a host can get'));
  return [...section.matchAll(/^\| `(\w+)`[^|]*\| `([\w-]+)` +\|/gm)].map((m) => [m[1]!, m[2]!]);
}

describe('documented error codes', () => {
  it('every class in the errors table exists with the code the table gives it', async () => {
    const rows = await documented();
    expect(rows.map(([name]) => name)).to.have.members(Object.keys(made));
    for (const [name, code] of rows) {
      const error = made[name]!();
      expect(error.name, name).to.equal(name);
      expect(error.code, name).to.equal(code);
    }
  });
});
