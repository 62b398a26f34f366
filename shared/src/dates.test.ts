import { describe, expect, it } from 'vitest';
import { formatDay, isoDay, momentParts, REPORT_TIME_ZONE } from './dates.js';
import type { Locale } from './locale/messages.js';
import { translate } from './locale/translate.js';

/** As the report and the invite page write a moment: its parts in the locale's pattern. */
const formatMoment = (locale: Locale, at: number | string, timeZone: string) => {
  const parts = momentParts(locale, at, timeZone);
  return parts ? translate(locale, 'format.moment', parts) : '';
};

describe('dates in words', () => {
  it('writes a day as a Norwegian or English reader does', () => {
    expect(formatDay('nb', '2026-12-04')).toBe('4. desember 2026');
    expect(formatDay('en', '2026-12-04')).toBe('4 December 2026');
    expect(formatDay('nb', '2027-01-01')).toBe('1. januar 2027');
    expect(formatDay('nb', 'not a date')).toBe('not a date');
  });

  it('writes a moment in Norwegian time, with "kl." and a full stop in Bokmål', () => {
    // 15:56 UTC in December is 16:56 in Norway (CET); in June (CEST) two hours on.
    expect(formatMoment('nb', '2026-12-04T15:56:27.736Z', REPORT_TIME_ZONE)).toBe(
      '4. desember 2026, kl. 16.56',
    );
    expect(formatMoment('en', '2026-12-04T15:56:27.736Z', REPORT_TIME_ZONE)).toBe(
      '4 December 2026, 16:56',
    );
    expect(formatMoment('nb', Date.UTC(2026, 5, 1, 7, 5), REPORT_TIME_ZONE)).toBe(
      '1. juni 2026, kl. 09.05',
    );
    // Past midnight in Norway is the next day.
    expect(formatMoment('nb', '2026-12-04T23:30:00Z', REPORT_TIME_ZONE)).toBe(
      '5. desember 2026, kl. 00.30',
    );
    expect(formatMoment('nb', 'garbage', REPORT_TIME_ZONE)).toBe('');
  });

  it('names the day of a moment in a zone', () => {
    // 23.30 UTC on 4 December is already 5 December in Oslo.
    expect(isoDay(Date.UTC(2026, 11, 4, 23, 30), 'Europe/Oslo')).toBe('2026-12-05');
    expect(isoDay(Date.UTC(2026, 11, 4, 23, 30), 'UTC')).toBe('2026-12-04');
  });
});
