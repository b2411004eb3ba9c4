import { describe, expect, it } from 'vitest';
import { expiryCalendar, monthlyExpiries } from '../../src/sim/instruments/expiry-calendar';
import { UNDERLYING_SPECS } from '../../src/sim/instruments/underlying-specs';
import { SeededRandom, hashUnit } from '../../src/sim/util/prng';
import { addDays, expiryEpochMs, isRegularSession, istEpochMs, istParts, lastWeekdayOfMonth } from '../../src/sim/util/ist-time';
import { MarketHours } from '../../src/sim/market/market-hours';

const spec = (symbol: string) => UNDERLYING_SPECS.find((s) => s.symbol === symbol)!;

describe('IST arithmetic', () => {
  it('converts IST wall-clock times to epoch and back without the machine time zone', () => {
    expect(istEpochMs('2025-10-06', 9 * 60 + 15)).toBe(Date.UTC(2025, 9, 6, 3, 45));
    expect(expiryEpochMs('2025-10-07')).toBe(Date.UTC(2025, 9, 7, 10, 0));
    expect(istParts(Date.UTC(2025, 9, 5, 18, 30))).toEqual({ date: '2025-10-06', weekday: 1, minuteOfDay: 0 });
  });

  it('knows the regular session: 09:15 ≤ t < 15:30 IST on weekdays only', () => {
    expect(isRegularSession(istEpochMs('2025-10-06', 9 * 60 + 14))).toBe(false);
    expect(isRegularSession(istEpochMs('2025-10-06', 9 * 60 + 15))).toBe(true);
    expect(isRegularSession(istEpochMs('2025-10-06', 15 * 60 + 29))).toBe(true);
    expect(isRegularSession(istEpochMs('2025-10-06', 15 * 60 + 30))).toBe(false);
    expect(isRegularSession(istEpochMs('2025-10-04', 11 * 60))).toBe(false); // Saturday
    expect(new MarketHours('always-open').isOpen(istEpochMs('2025-10-04', 23 * 60))).toBe(true);
    expect(new MarketHours('ist').sessionElapsed(istEpochMs('2025-10-06', 12 * 60 + 22.5))).toBe(0.5);
  });

  it('finds the last Tuesday and Thursday of a month', () => {
    expect(lastWeekdayOfMonth(2025, 10, 2)).toBe('2025-10-28');
    expect(lastWeekdayOfMonth(2025, 10, 4)).toBe('2025-10-30');
    expect(lastWeekdayOfMonth(2026, 3, 2)).toBe('2026-03-31');
    expect(addDays('2025-12-30', 3)).toBe('2026-01-02');
  });
});

describe('expiry calendars', () => {
  it('lists NIFTY weeklies on Tuesdays, three monthlies, three quarterlies and half-yearlies for five years', () => {
    expect(expiryCalendar('2025-10-06', spec('NIFTY').expiries)).toEqual([
      { date: '2025-10-07', flag: 'W' },
      { date: '2025-10-14', flag: 'W' },
      { date: '2025-10-21', flag: 'W' },
      { date: '2025-10-28', flag: 'M' },
      { date: '2025-11-25', flag: 'M' },
      { date: '2025-12-30', flag: 'M' },
      { date: '2026-03-31', flag: 'M' },
      { date: '2026-06-30', flag: 'M' },
      { date: '2026-09-29', flag: 'M' },
      { date: '2026-12-29', flag: 'M' },
      { date: '2027-06-29', flag: 'M' },
      { date: '2027-12-28', flag: 'M' },
      { date: '2028-06-27', flag: 'M' },
      { date: '2028-12-26', flag: 'M' },
      { date: '2029-06-26', flag: 'M' },
      { date: '2029-12-25', flag: 'M' },
      { date: '2030-06-25', flag: 'M' },
    ]);
  });

  it('gives BANKNIFTY monthlies and quarterlies only, SENSEX Thursday weeklies', () => {
    expect(expiryCalendar('2025-10-06', spec('BANKNIFTY').expiries).map((e) => e.date)).toEqual([
      '2025-10-28',
      '2025-11-25',
      '2025-12-30',
      '2026-03-31',
      '2026-06-30',
      '2026-09-29',
    ]);
    expect(expiryCalendar('2025-10-06', spec('SENSEX').expiries)).toEqual([
      { date: '2025-10-09', flag: 'W' },
      { date: '2025-10-16', flag: 'W' },
      { date: '2025-10-23', flag: 'W' },
      { date: '2025-10-30', flag: 'M' },
      { date: '2025-11-27', flag: 'M' },
      { date: '2025-12-25', flag: 'M' },
    ]);
  });

  it('includes an expiry falling on the trading date itself and skips a month whose expiry has passed', () => {
    expect(expiryCalendar('2025-10-07', spec('NIFTY').expiries)[0]).toEqual({ date: '2025-10-07', flag: 'W' });
    expect(monthlyExpiries('2025-10-29', 2, 2)).toEqual(['2025-11-25', '2025-12-30']);
  });
});

describe('seeded randomness', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = new SeededRandom(7);
    const b = new SeededRandom(7);
    const c = new SeededRandom(8);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    expect(hashUnit(1, 2, 3, 4)).toBe(hashUnit(1, 2, 3, 4));
    expect(hashUnit(1, 2, 3, 4)).not.toBe(hashUnit(1, 2, 3, 5));
  });

  it('draws standard normals with mean near 0 and variance near 1', () => {
    const rng = new SeededRandom(123);
    const n = 20_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sumSq += z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.03);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.05);
  });
});
