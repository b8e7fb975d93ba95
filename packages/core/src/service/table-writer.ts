/**
 * Rows to text: CSV (RFC 4180: CRLF line ends, a field with a comma, a double quote, CR or LF
 * quoted and its quotes doubled) or NDJSON (one JSON object per line). Text that a spreadsheet
 * would run as a formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe in
 * CSV (OWASP's advice); numbers, flags and empty values are written as they are.
 */
import type { ExportFormat } from './types.js';

export type Cell = string | number | boolean | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) || safe === '' ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Builds one table's text a row at a time; `take()` hands over what was written since the last take. */
export class TableWriter {
  readonly #format: ExportFormat;
  readonly #columns: readonly string[];
  #pending: string[] = [];
  rows = 0;

  constructor(format: ExportFormat, columns: readonly string[]) {
    this.#format = format;
    this.#columns = columns;
    if (format === 'csv') this.#pending.push(columns.map(csvField).join(',') + '\r\n');
  }

  /** Adds a row; `values` are in column order. */
  add(values: readonly Cell[]): void {
    this.rows++;
    if (this.#format === 'csv') {
      this.#pending.push(values.map(csvField).join(',') + '\r\n');
      return;
    }
    const row: Record<string, Cell> = {};
    this.#columns.forEach((column, i) => (row[column] = values[i] ?? null));
    this.#pending.push(JSON.stringify(row) + '\n');
  }

  /** The text written since the last call ('' when nothing was). */
  take(): string {
    const text = this.#pending.join('');
    this.#pending = [];
    return text;
  }
}
