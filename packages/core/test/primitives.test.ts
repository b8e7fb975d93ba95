import { expect } from '@open-wc/testing';
import {
  ID_PATTERN,
  IsoDate,
  IsoDateTime,
  TEXT_LIMITS,
  isId,
  isIsoDateTime,
  isRealDate,
  isTimeZone,
  parseCaseRecord,
} from '@odkit/core';
import { demoCase } from '@odkit/core/demo';

// The checks widgets use on hosts' attributes are the schema's own rules: one answer for one value.
describe('shared value checks', () => {
  const dates = [
    '2026-02-28',
    '2024-02-29',
    '2026-02-29',
    '2026-02-30',
    '2026-13-01',
    '2026-1-01',
    '0050-01-01',
    '',
    'today',
    '2026-02-28T10:00Z',
  ];
  it('isRealDate agrees with IsoDate on every sample', () => {
    for (const d of dates) expect(isRealDate(d), d).to.equal(IsoDate.safeParse(d).success);
    expect(isRealDate('2026-02-29')).to.equal(false);
    expect(isRealDate('2024-02-29')).to.equal(true);
  });

  const instants = [
    '2026-03-29T01:30:00+00:00',
    '2026-03-29T01:30Z',
    '2026-02-30T10:00:00Z',
    '2026-03-29T24:00:00Z',
    '2026-03-29T10:00:00',
    '2026-03-29T10:00:00+15:00',
  ];
  it('isIsoDateTime agrees with IsoDateTime on every sample', () => {
    for (const d of instants) expect(isIsoDateTime(d), d).to.equal(IsoDateTime.safeParse(d).success);
    expect(isIsoDateTime('2026-02-30T10:00:00Z')).to.equal(false);
  });

  it('isRealDate and isIsoDateTime accept exactly the days the calendar has (checked against Date)', () => {
    // Date rolls a day that does not exist over into the next month: a real day is one it gives back unchanged.
    const exists = (y: number, m: number, d: number) => {
      const date = new Date(0);
      date.setUTCFullYear(y, m - 1, d);
      return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    };
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    let checked = 0;
    for (const y of [4, 100, 1900, 1999, 2000, 2023, 2024, 2026, 2100, 2400, 9999])
      for (let m = 0; m <= 13; m++)
        for (let d = 0; d <= 32; d++) {
          const day = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          const real = m >= 1 && m <= 12 && exists(y, m, d);
          expect(isRealDate(day), day).to.equal(real);
          expect(isIsoDateTime(`${day}T23:59:59.999-14:59`), day).to.equal(real);
          checked++;
        }
    expect(checked).to.equal(11 * 14 * 33);
  });

  it('isTimeZone knows IANA names and refuses the rest without throwing', () => {
    expect(isTimeZone('Europe/London')).to.equal(true);
    expect(isTimeZone('Mars/Olympus')).to.equal(false);
    expect(isTimeZone('')).to.equal(false);
    expect(isTimeZone(42)).to.equal(false);
  });

  it('isId and TEXT_LIMITS are what the schema enforces', () => {
    expect(isId('m-1.a')).to.equal(true);
    expect(isId('a:b')).to.equal(false);
    expect(isId('x'.repeat(65))).to.equal(false);
    expect(ID_PATTERN.test('x'.repeat(64))).to.equal(true);
    const record = structuredClone(demoCase);
    record.members[0]!.name = 'x'.repeat(TEXT_LIMITS.short);
    expect(() => parseCaseRecord(record)).not.to.throw();
    record.members[0]!.name = 'x'.repeat(TEXT_LIMITS.short + 1);
    expect(() => parseCaseRecord(record)).to.throw(/name/);
  });
});
