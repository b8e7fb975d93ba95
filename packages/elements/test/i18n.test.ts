import { expect } from '@open-wc/testing';
import {
  formatDate,
  formatDateTime,
  formatDuration,
  formatMessage,
  formatTime,
  resolveLocale,
  reviewStrings,
  sharedStrings,
} from '@odkit/elements';

describe('string tables', () => {
  it('Welsh translates every English key', () => {
    for (const strings of [sharedStrings, reviewStrings]) {
      const missing = Object.keys(strings['en-GB']).filter((k) => !(k in strings.cy));
      expect(missing).to.deep.equal([]);
    }
  });

  it('fills placeholders as text and picks plural forms by locale', () => {
    const more = sharedStrings['en-GB']['error.more'];
    expect(formatMessage('en-GB', more, { count: 1 })).to.equal('and 1 more problem');
    expect(formatMessage('en-GB', more, { count: 3 })).to.equal('and 3 more problems');
    expect(formatMessage('cy', sharedStrings.cy['error.more'], { count: 1 })).to.equal('ac 1 broblem arall');
    expect(formatMessage('cy', { one: 'un', two: 'dau', few: 'ychydig', other: 'arall' }, { count: 2 })).to.equal(
      'dau',
    );
    expect(formatMessage('en-GB', 'Hello {name}', { name: '<b>x</b>' })).to.equal('Hello <b>x</b>');
    expect(formatMessage('en-GB', '{count} people', { count: 1234 })).to.equal('1,234 people');
  });

  it('resolves any tag to a supported locale', () => {
    expect(resolveLocale('cy-GB')).to.equal('cy');
    expect(resolveLocale('CY')).to.equal('cy');
    expect(resolveLocale('fr')).to.equal('en-GB');
    expect(resolveLocale(undefined)).to.equal('en-GB');
  });
});

describe('dates and times across the UK clock changes', () => {
  const london = { timeZone: 'Europe/London' };

  it('shows both 01:30s of the night the clocks go back at their own local time', () => {
    // 25 October 2026: 01:30 BST (+01:00) happens, then at 02:00 BST clocks go back to 01:00 GMT.
    expect(formatTime('2026-10-25T01:30:00+01:00', 'en-GB', london)).to.equal('01:30');
    expect(formatTime('2026-10-25T01:30:00+00:00', 'en-GB', london)).to.equal('01:30');
    // Same wall time, an hour apart in real time.
    expect(Date.parse('2026-10-25T01:30:00+00:00') - Date.parse('2026-10-25T01:30:00+01:00')).to.equal(3_600_000);
  });

  it('shows an instant in the skipped spring hour at the time the clocks then read', () => {
    // 29 March 2026: at 01:00 GMT clocks go forward to 02:00 BST; 01:30 GMT reads 02:30.
    expect(formatTime('2026-03-29T01:30:00+00:00', 'en-GB', london)).to.equal('02:30');
    expect(formatTime('2026-03-29T00:30:00+00:00', 'en-GB', london)).to.equal('00:30');
  });

  it('formats in Welsh', () => {
    // Whether or not this browser's Intl has Welsh data, the result is Welsh with a 24-hour clock.
    expect(formatDateTime('2026-03-02T14:00:00+00:00', 'cy', london)).to.equal('2 Maw 2026, 14:00');
    expect(formatDate('2026-07-09', 'cy')).to.equal('9 Gorffennaf 2026');
    expect(formatDuration(27.5, 'cy')).to.equal('1 diwrnod, 3 awr');
  });

  it('formats durations in days, hours and minutes', () => {
    expect(formatDuration(20, 'en-GB')).to.equal('20 hours');
    expect(formatDuration(27.5, 'en-GB')).to.equal('1 day, 3 hours');
    expect(formatDuration(0.75, 'en-GB')).to.equal('45 minutes');
  });
});
