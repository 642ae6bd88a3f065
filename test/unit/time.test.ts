import { describe, expect, it } from 'vitest';
import { isoWeek, localDate, localDateTime, localHourOn, zoneOffsetMs } from '../../src/time.js';

describe('time (Asia/Pontianak through Intl)', () => {
  it('reads the wall clock in Pontianak, across the UTC date line', () => {
    const lateUtc = Date.UTC(2026, 0, 1, 17, 5); // 00:05 WIB on 2 January
    expect(zoneOffsetMs(lateUtc)).toBe(7 * 3_600_000);
    expect(localDate(lateUtc)).toBe('2026-01-02');
    expect(localDateTime(lateUtc)).toBe('2026-01-02 00:05 WIB');
    expect(localDate(Date.UTC(2026, 0, 1, 16, 59))).toBe('2026-01-01');
  });

  it('finds a local hour on the local day (the digest slot)', () => {
    const now = Date.UTC(2026, 2, 1, 18, 0); // 01:00 WIB on 2 March
    expect(localHourOn(now, 8)).toBe(Date.UTC(2026, 2, 2, 1, 0)); // 08:00 WIB = 01:00 UTC the same day
  });

  it('labels ISO weeks by the local day, including week 53 and week 1 across New Year', () => {
    expect(isoWeek(Date.UTC(2026, 11, 31, 12))).toBe('2026-W53'); // Thursday
    expect(isoWeek(Date.UTC(2027, 0, 3, 12))).toBe('2026-W53'); // Sunday of the same week
    expect(isoWeek(Date.UTC(2027, 0, 3, 17, 30))).toBe('2027-W01'); // already Monday 00:30 WIB
  });
});
