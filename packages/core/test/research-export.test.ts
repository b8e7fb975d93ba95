/**
 * The research export in the browser (WebCrypto): nothing personal leaves, pseudonyms follow
 * the key, dates shift per case, CSV is RFC 4180 and formula-safe, and the tables match the
 * data dictionary. (The Node side and DuckDB: test/duckdb/service-duckdb.spec.ts.)
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { ValidationError, type CaseRecord } from '@odkit/core';
import {
  RESEARCH_DICTIONARY,
  ageBand,
  csvField,
  exportResearch,
  streamResearchExport,
  summariseService,
  type ResearchExportOptions,
  type ResearchTable,
} from '@odkit/core/service';
import { caseloadMarkers, generateCaseload } from '../../../test/fixtures/generate-caseload.js';
import { hmacSha256, sha256 } from '../src/internal/sha256.js';
import { episode, expectInstance, meeting, minimalRecord, rejection } from './support.js';

const KEY = new TextEncoder().encode('a host key of at least 16 bytes!');
const OTHER_KEY = new TextEncoder().encode('another host key, also 32 bytes!');
const TABLES: ResearchTable[] = ['episodes', 'meetings', 'assessment_items'];
const AS_OF = '2026-09-01T00:00:00+01:00';

/** A small RFC 4180 reader (quoted fields, doubled quotes, CRLF), to read back what was written. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(field, 'the file ends with CRLF').to.equal('');
  return rows;
}

const ndjson = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('research export: nothing personal leaves', () => {
  it('names, NHS numbers, notes and birth dates (unique markers) appear in neither format', async function () {
    this.timeout(120_000); // four exports of 100 cases on a busy machine
    const records = [...generateCaseload({ cases: 100, seed: 5, markers: true })];
    const forbidden = records.flatMap((r, i) =>
      [caseloadMarkers(i).name, caseloadMarkers(i).note, r.person.nhsNumber!, r.person.birthDate].filter(
        (x): x is string => !!x,
      ),
    );
    // The markers are really in the records (so their absence below means something).
    const input = JSON.stringify(records);
    expect(input).to.contain(caseloadMarkers(0).note);
    expect(input).to.contain(records[0]!.person.nhsNumber);
    for (const format of ['csv', 'ndjson'] as const) {
      for (const shiftDates of [false, true]) {
        const out = await exportResearch(records, { key: KEY, format, shiftDates, asOf: AS_OF });
        expect(out.records.valid).to.equal(100);
        const text = TABLES.map((t) => out.tables[t]).join('\n');
        expect(text.length).to.be.greaterThan(100_000);
        // Every marker string starts with "Zq": one search covers names, notes, places, comments, relationship text.
        expect(text.includes('Zq'), `${format}: a marker leaked`).to.equal(false);
        for (const value of forbidden)
          expect(text.includes(value), `${format}: ${value.slice(0, 2)}… leaked`).to.equal(false);
        // Record and member ids never appear either: only pseudonyms.
        expect(text.includes('case-1')).to.equal(false);
      }
    }
  });

  it('age at first contact leaves only as a band, and the birth date only as its year', () => {
    expect(ageBand('2008-04-02', '2026-04-01')).to.equal('0-17');
    expect(ageBand('2008-04-01', '2026-04-01')).to.equal('18-24');
    expect(ageBand('2001-04-02', '2026-04-01')).to.equal('18-24');
    expect(ageBand('2001-04-01', '2026-04-01')).to.equal('25-34');
    expect(ageBand('1961-05-01', '2026-04-01')).to.equal('55-64');
    expect(ageBand('1961-04-01', '2026-04-01')).to.equal('65+');
  });
});

describe('research export: pseudonyms and date shift', function () {
  this.timeout(60_000); // WebCrypto over thousands of ids, on a busy machine
  const records = [...generateCaseload({ cases: 40, seed: 11 })];
  const column = (text: string, name: string) => ndjson(text).map((row) => row[name]);

  it('the same key gives the same pseudonyms; a different key different ones', async () => {
    const a = await exportResearch(records, { key: KEY, format: 'ndjson' });
    const b = await exportResearch(records, { key: KEY.slice(), format: 'ndjson' });
    const c = await exportResearch(records, { key: OTHER_KEY, format: 'ndjson' });
    for (const [table, id] of [
      ['episodes', 'case_id'],
      ['episodes', 'episode_id'],
      ['meetings', 'meeting_id'],
      ['assessment_items', 'assessment_id'],
    ] as const) {
      const ids = column(a.tables[table], id);
      expect(ids.length).to.be.greaterThan(0);
      expect(column(b.tables[table], id)).to.deep.equal(ids);
      const other = new Set(column(c.tables[table], id));
      expect(
        ids.some((x) => other.has(x)),
        `${table}.${id}`,
      ).to.equal(false);
      for (const x of ids) expect(x).to.match(/^[0-9a-f]{32}$/);
    }
    // Distinct cases get distinct pseudonyms.
    expect(new Set(column(a.tables.episodes, 'case_id')).size).to.equal(records.length);
  });

  it('an HMAC CryptoKey works as well as raw bytes, and gives the same pseudonyms', async () => {
    const cryptoKey = await crypto.subtle.importKey('raw', KEY, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const a = await exportResearch(records.slice(0, 3), { key: KEY, format: 'csv' });
    const b = await exportResearch(records.slice(0, 3), { key: cryptoKey, format: 'csv' });
    expect(b.tables).to.deep.equal(a.tables);
  });

  it('with raw key bytes, works on a page without crypto.subtle (plain http) and gives the same pseudonyms and dates', async () => {
    const withSubtle = await exportResearch(records.slice(0, 5), { key: KEY, format: 'csv', shiftDates: true });
    const subtle = crypto.subtle;
    // An EHR intranet page served over plain http has no crypto.subtle (secure contexts only).
    Object.defineProperty(crypto, 'subtle', { value: undefined, configurable: true });
    try {
      expect(crypto.subtle).to.equal(undefined);
      const without = await exportResearch(records.slice(0, 5), { key: KEY, format: 'csv', shiftDates: true });
      expect(without.tables).to.deep.equal(withSubtle.tables);
    } finally {
      Object.defineProperty(crypto, 'subtle', { value: subtle, configurable: true });
    }
    expect(crypto.subtle).to.equal(subtle);
  });

  it('dates shift by whole days, the same for every date of a case, within the bound; intervals stay', async () => {
    const plain = await exportResearch(records, { key: KEY, format: 'ndjson' });
    const shifted = await exportResearch(records, { key: KEY, format: 'ndjson', shiftDates: { maxDays: 30 } });
    const before = ndjson(plain.tables.episodes);
    const after = ndjson(shifted.tables.episodes);
    const offsets = new Set<number>();
    before.forEach((row, i) => {
      const moved = after[i]!;
      expect(moved.case_id).to.equal(row.case_id);
      const days = (Date.parse(moved.first_contact as string) - Date.parse(row.first_contact as string)) / 86_400_000;
      expect(Number.isInteger(days) && Math.abs(days) <= 30, String(days)).to.equal(true);
      expect(moved.hours_to_first_meeting).to.equal(row.hours_to_first_meeting);
      if (row.episode_end)
        expect((Date.parse(moved.episode_end as string) - Date.parse(row.episode_end as string)) / 86_400_000).to.equal(
          days,
        );
      offsets.add(days);
    });
    expect(offsets.size, 'cases get different offsets').to.be.greaterThan(5);
    // Every meeting of a case moves by its case's offset.
    const caseOffset = new Map(
      before.map((row, i) => [
        row.case_id,
        Date.parse(after[i]!.first_contact as string) - Date.parse(row.first_contact as string),
      ]),
    );
    const meetingsBefore = ndjson(plain.tables.meetings);
    ndjson(shifted.tables.meetings).forEach((row, i) => {
      expect(Date.parse(row.start as string) - Date.parse(meetingsBefore[i]!.start as string)).to.equal(
        caseOffset.get(row.case_id),
      );
    });
    // The offset follows the key, and a different key gives different offsets.
    const again = await exportResearch(records, { key: KEY, format: 'ndjson', shiftDates: { maxDays: 30 } });
    expect(again.tables.episodes).to.equal(shifted.tables.episodes);
  });
});

describe('research export: files', function () {
  this.timeout(60_000); // WebCrypto over thousands of ids, on a busy machine
  const teamNames = [
    'Team, North',
    'The "Bridge" team',
    'Line\r\nbreak team',
    '=HYPERLINK("http://x")',
    '+44 team',
    '-minus',
    '@at',
  ];
  const withTeams = teamNames.map((team, i) =>
    minimalRecord({
      id: `c${i}`,
      episodes: [episode('e1', { responsibleTeam: team })],
      meetings: [meeting('mt1')],
    }),
  );

  it('CSV: RFC 4180 quoting, CRLF line ends, formula-looking text defused, and it reads back as NDJSON says', async () => {
    const csv = await exportResearch(withTeams, { key: KEY, format: 'csv' });
    const json = await exportResearch(withTeams, { key: KEY, format: 'ndjson' });
    const [header, ...rows] = parseCsv(csv.tables.episodes);
    const objects = ndjson(json.tables.episodes);
    expect(rows).to.have.length(teamNames.length);
    const team = header!.indexOf('team');
    rows.forEach((row, i) => {
      expect(row).to.have.length(header!.length);
      const expected = teamNames[i]!;
      const defused = /^[=+\-@\t\r]/.test(expected) ? `'${expected}` : expected;
      expect(row[team]).to.equal(defused);
      expect(objects[i]!.team).to.equal(expected);
      // Every other cell reads back as the NDJSON value (empty for null).
      header!.forEach((name, c) => {
        if (name === 'team') return;
        const value = objects[i]![name];
        expect(row[c], name).to.equal(value === null ? '' : String(value));
      });
    });
    expect(csv.tables.episodes.endsWith('\r\n')).to.equal(true);
  });

  it('csvField: quotes, doubled quotes, formula guard for text only, numbers and nulls as they are', () => {
    expect(csvField('plain')).to.equal('plain');
    expect(csvField('a,b')).to.equal('"a,b"');
    expect(csvField('say "hi"')).to.equal('"say ""hi"""');
    expect(csvField('two\nlines')).to.equal('"two\nlines"');
    expect(csvField('=1+1')).to.equal("'=1+1");
    expect(csvField('=SUM(A1,B1)')).to.equal(`"'=SUM(A1,B1)"`);
    expect(csvField('-5')).to.equal("'-5");
    expect(csvField('\tTab')).to.equal("'\tTab");
    expect(csvField('@SUM')).to.equal("'@SUM");
    expect(csvField(-5)).to.equal('-5');
    expect(csvField(0.1)).to.equal('0.1');
    expect(csvField(true)).to.equal('true');
    expect(csvField(null)).to.equal('');
    expect(csvField('')).to.equal('""');
  });

  it('csvField round-trips any text through an RFC 4180 reader', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', '=', ' ', 'é') }), {
          minLength: 1,
          maxLength: 5,
        }),
        (fields) => {
          const [row] = parseCsv(fields.map(csvField).join(',') + '\r\n');
          expect(row).to.deep.equal(fields.map((f) => (/^[=+\-@\t\r]/.test(f) ? `'${f}` : f)));
        },
      ),
    );
  });

  it('each table has the data dictionary’s columns, in order, in both formats', async () => {
    const records = [...generateCaseload({ cases: 10, seed: 2 })];
    const csv = await exportResearch(records, { key: KEY, format: 'csv' });
    const json = await exportResearch(records, { key: KEY, format: 'ndjson' });
    for (const table of TABLES) {
      const columns = RESEARCH_DICTIONARY.filter((d) => d.table === table).map((d) => d.column);
      expect(parseCsv(csv.tables[table])[0]).to.deep.equal(columns);
      const rows = ndjson(json.tables[table]);
      expect(rows.length).to.be.greaterThan(0);
      for (const row of rows) expect(Object.keys(row)).to.deep.equal(columns);
      // Non-nullable columns are never empty.
      for (const d of RESEARCH_DICTIONARY.filter((x) => x.table === table && !x.nullable)) {
        expect(
          rows.every((r) => r[d.column] !== null),
          `${table}.${d.column}`,
        ).to.equal(true);
      }
      expect(csv.fileNames[table]).to.equal(`${table}.csv`);
      expect(json.fileNames[table]).to.equal(`${table}.ndjson`);
    }
    expect(csv.dictionary).to.equal(RESEARCH_DICTIONARY);
  });

  it('streamResearchExport hands over the same text piece by piece, headers first, one record at a time', async () => {
    const records = [...generateCaseload({ cases: 12, seed: 3 })];
    const whole = await exportResearch(records, { key: KEY, format: 'csv' });
    const events: string[] = [];
    const pieces: Record<ResearchTable, string[]> = { episodes: [], meetings: [], assessment_items: [] };
    async function* source() {
      for (const [i, r] of records.entries()) {
        events.push(`read ${i}`);
        yield r;
      }
    }
    const result = await streamResearchExport(source(), { key: KEY, format: 'csv' }, async (table, text) => {
      pieces[table].push(text);
      if (table === 'episodes') events.push('wrote');
      await new Promise((resolve) => setTimeout(resolve, 0)); // a slow file: the next record must wait
    });
    for (const table of TABLES) {
      expect(pieces[table].join('')).to.equal(whole.tables[table]);
      expect(pieces[table][0]).to.equal(
        RESEARCH_DICTIONARY.filter((d) => d.table === table)
          .map((d) => d.column)
          .join(',') + '\r\n',
      );
    }
    // Header, then each record read and written before the next is read.
    expect(events).to.deep.equal(['wrote', ...records.flatMap((_, i) => [`read ${i}`, 'wrote'])]);
    expect(result.records).to.deep.equal(whole.records);
    expect('tables' in result).to.equal(false);
  });

  it('the episode rows carry the figures summariseService aggregates', async () => {
    const records = [...generateCaseload({ cases: 60, seed: 4 })];
    const out = await exportResearch(records, { key: KEY, format: 'ndjson', asOf: AS_OF });
    const { overall } = await summariseService(records, { asOf: AS_OF });
    const rows = ndjson(out.tables.episodes);
    expect(rows.length).to.equal(overall.episodes);
    expect(rows.filter((r) => r.first_meeting_within_24h === true).length).to.equal(
      overall.firstMeetingWithinTarget.numerator,
    );
    expect(rows.reduce((s, r) => s + (r.held_meetings as number), 0)).to.equal(overall.meetings.held);
    expect(ndjson(out.tables.meetings).filter((m) => m.counted).length).to.equal(overall.meetings.held);
  });

  it('invalid records are skipped and listed, as in the summary; the period selects episodes as the summary does', async () => {
    const records: unknown[] = [...generateCaseload({ cases: 30, seed: 8 })];
    records.splice(3, 0, { not: 'a record' });
    const period = { start: '2025-06-01', end: '2025-12-31' };
    const out = await exportResearch(records, { key: KEY, format: 'ndjson', period });
    const summary = await summariseService(records, { period });
    expect(out.records).to.deep.equal({ read: 31, valid: 30, skipped: 1 });
    expect(out.skipped.map((s) => s.position)).to.deep.equal([3]);
    const rows = ndjson(out.tables.episodes);
    expect(rows.length).to.equal(summary.overall.episodes);
    for (const r of rows)
      expect(
        (r.first_contact_date as string) >= period.start && (r.first_contact_date as string) <= period.end,
      ).to.equal(true);
  });

  it('bad options give a ValidationError naming each: short key, unknown format, bad shift', async () => {
    const record: CaseRecord = minimalRecord();
    const cases: [Partial<ResearchExportOptions>, string][] = [
      [{ key: new Uint8Array(8), format: 'csv' }, 'key'],
      [{ key: 'secret' as unknown as Uint8Array, format: 'csv' }, 'key'],
      [{ key: KEY, format: 'xlsx' as 'csv' }, 'format'],
      [{ key: KEY, format: 'csv', shiftDates: { maxDays: 0 } }, 'shiftDates.maxDays'],
      [{ key: KEY, format: 'csv', shiftDates: 'yes' as unknown as boolean }, 'shiftDates'],
      [{ key: KEY, format: 'csv', timeZone: 'Nowhere/Else' }, 'timeZone'],
    ];
    for (const [options, path] of cases) {
      const error = expectInstance(
        await rejection(exportResearch([record], options as ResearchExportOptions)),
        ValidationError,
      );
      expect(
        error.issues.map((i) => i.path.join('.')),
        path,
      ).to.include(path);
    }
    const signOnly = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-512' }, false, ['sign']);
    expectInstance(await rejection(exportResearch([record], { key: signOnly, format: 'csv' })), ValidationError);
    expectInstance(
      await rejection(exportResearch([record], null as unknown as ResearchExportOptions)),
      ValidationError,
    );
  });
});

describe('the kit\u2019s own HMAC-SHA-256 (for pages without WebCrypto)', () => {
  const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

  it('gives FIPS 180-4\u2019s SHA-256 digests and RFC 4231\u2019s HMAC test vectors', () => {
    const text = (s: string) => new TextEncoder().encode(s);
    expect(hex(sha256(text('abc')))).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha256(new Uint8Array(0)))).to.equal('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256(text('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).to.equal(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    // RFC 4231 test cases 1 and 6 (a key longer than the 64-byte block is hashed first).
    expect(hex(hmacSha256(new Uint8Array(20).fill(0x0b), text('Hi There')))).to.equal(
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    );
    expect(
      hex(hmacSha256(new Uint8Array(131).fill(0xaa), text('Test Using Larger Than Block-Size Key - Hash Key First'))),
    ).to.equal('60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54');
  });

  it('equals WebCrypto\u2019s HMAC-SHA-256 for any key and message (lengths across the block boundaries)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 150 }),
        fc.uint8Array({ minLength: 0, maxLength: 300 }),
        async (key, message) => {
          // WebCrypto refuses an empty HMAC key; the export never has one (16 bytes at least).
          fc.pre(key.length > 0);
          const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, [
            'sign',
          ]);
          const expected = new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, message));
          expect(hex(hmacSha256(key, message))).to.equal(hex(expected));
        },
      ),
      { numRuns: 300 },
    );
  });
});
