/**
 * The demo case under an id of a test file's own. Drafts a checklist keeps on the device are
 * keyed by case, and test files share one origin's localStorage (two files at a time, and the
 * same page for one file after another): a file that edits checklists on a case id of its own
 * neither sees nor removes another file's drafts. Clear them before each test with `forgetDrafts`.
 */
import { clearDrafts } from '@odkit/core';

export function ownCase<T extends { id: string }>(record: T): T {
  return { ...structuredClone(record), id: `${record.id}-${Math.random().toString(36).slice(2, 10)}` };
}

/** Removes the drafts kept on this device for `caseId` (so that each test starts with none). */
export function forgetDrafts(caseId: string): void {
  clearDrafts(caseId);
}
