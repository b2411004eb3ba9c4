import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors/app-error';
import { daysToExpiry, expiryEpochMsOf, yearsToExpiry } from '../../../src/shared/analytics/time-to-expiry';

const EXPIRY_2025_12_30 = 1_767_088_800_000; // 2025-12-30T15:30:00+05:30

describe('expiryEpochMsOf', () => {
  const savedTimeZone = process.env.TZ;
  afterEach(() => {
    if (savedTimeZone === undefined) delete process.env.TZ;
    else process.env.TZ = savedTimeZone;
  });

  it('puts expiry at 15:30 IST (10:00 UTC) on the expiry date', () => {
    expect(expiryEpochMsOf('2025-12-30')).toBe(EXPIRY_2025_12_30);
    expect(expiryEpochMsOf('2025-12-30')).toBe(Date.parse('2025-12-30T15:30:00+05:30'));
  });

  it('gives the same instant whatever time zone the machine is in', () => {
    for (const zone of ['Pacific/Kiritimati', 'America/St_Johns', 'Asia/Kolkata', 'UTC']) {
      process.env.TZ = zone;
      expect(expiryEpochMsOf('2025-12-30')).toBe(EXPIRY_2025_12_30);
    }
  });

  it('accepts a leap day and rejects dates that do not exist', () => {
    expect(expiryEpochMsOf('2028-02-29')).toBe(Date.parse('2028-02-29T15:30:00+05:30'));
    for (const bad of ['2025-02-29', '2025-13-01', '2025-04-31', '2025-1-05', '30-12-2025', '']) {
      expect(() => expiryEpochMsOf(bad)).toThrow(AppError);
    }
  });

  it('reports ANALYTICS_INVALID_INPUT with the offending text', () => {
    try {
      expiryEpochMsOf('2025-02-30');
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe('ANALYTICS_INVALID_INPUT');
      expect((error as AppError).context).toEqual({ expiry: '2025-02-30' });
    }
  });
});

describe('yearsToExpiry and daysToExpiry', () => {
  it('counts calendar time: one day before expiry is exactly 1/365 of a year', () => {
    const oneDayBefore = Date.parse('2025-12-29T15:30:00+05:30');
    expect(yearsToExpiry(EXPIRY_2025_12_30, oneDayBefore)).toBe(1 / 365);
    expect(daysToExpiry(EXPIRY_2025_12_30, oneDayBefore)).toBe(1);
  });

  it('at the 09:15 IST open on expiry day leaves 6 h 15 min', () => {
    const open = Date.parse('2025-12-30T09:15:00+05:30');
    expect(daysToExpiry(EXPIRY_2025_12_30, open)).toBe(6.25 / 24);
    expect(yearsToExpiry(EXPIRY_2025_12_30, open)).toBe(22_500_000 / 31_536_000_000);
  });

  it('is zero at the expiry instant and negative after it', () => {
    expect(yearsToExpiry(EXPIRY_2025_12_30, EXPIRY_2025_12_30)).toBe(0);
    expect(daysToExpiry(EXPIRY_2025_12_30, EXPIRY_2025_12_30 + 3_600_000)).toBe(-1 / 24);
  });
});
