import { describe, expect, it } from 'vitest';
import { createMarketHours, istDateOf } from '../../../src/main/dhan/market-hours';

/** Epoch ms of an IST wall-clock time. */
const ist = (date: string, time: string): number => Date.parse(`${date}T${time}+05:30`);

describe('Indian market hours in IST', () => {
  const hours = createMarketHours({ holidays: ['2026-01-26'] });

  it('opens at 09:15:00 and closes at 15:30:00 on a weekday', () => {
    expect(hours.isOpen(ist('2026-01-07', '09:14:59'))).toBe(false);
    expect(hours.isOpen(ist('2026-01-07', '09:15:00'))).toBe(true);
    expect(hours.isOpen(ist('2026-01-07', '12:00:00'))).toBe(true);
    expect(hours.isOpen(ist('2026-01-07', '15:29:59'))).toBe(true);
    expect(hours.isOpen(ist('2026-01-07', '15:30:00'))).toBe(false);
  });

  it('uses IST whatever the UTC date: 09:30 IST is 04:00 UTC the same day, 02:00 IST is the previous UTC day', () => {
    expect(hours.isOpen(Date.UTC(2026, 0, 7, 4, 0))).toBe(true);
    expect(istDateOf(Date.UTC(2026, 0, 6, 20, 30))).toBe('2026-01-07');
    expect(istDateOf(Date.UTC(2026, 0, 6, 18, 29))).toBe('2026-01-06');
  });

  it('is closed on Saturday, Sunday and listed holidays', () => {
    expect(hours.isOpen(ist('2026-01-10', '11:00:00'))).toBe(false);
    expect(hours.isOpen(ist('2026-01-11', '11:00:00'))).toBe(false);
    expect(hours.isOpen(ist('2026-01-26', '11:00:00'))).toBe(false);
    expect(createMarketHours().isOpen(ist('2026-01-26', '11:00:00'))).toBe(true);
  });

  it('names the latest trading day on or before an instant', () => {
    expect(hours.tradingDayOf(ist('2026-01-07', '07:00:00'))).toBe('2026-01-07');
    expect(hours.tradingDayOf(ist('2026-01-10', '11:00:00'))).toBe('2026-01-09');
    expect(hours.tradingDayOf(ist('2026-01-11', '23:59:00'))).toBe('2026-01-09');
    expect(hours.tradingDayOf(ist('2026-01-26', '10:00:00'))).toBe('2026-01-23');
    expect(hours.tradingDayOf(ist('2026-01-27', '00:00:00'))).toBe('2026-01-27');
  });

  it('accepts other session bounds', () => {
    const custom = createMarketHours({ openMinute: 9 * 60, closeMinute: 9 * 60 + 15 });
    expect(custom.isOpen(ist('2026-01-07', '09:05:00'))).toBe(true);
    expect(custom.isOpen(ist('2026-01-07', '09:20:00'))).toBe(false);
  });
});
