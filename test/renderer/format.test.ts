import { describe, expect, it } from 'vitest';
import {
  formatCompactCount,
  formatInteger,
  formatNumber,
  formatPrice,
  formatSigned,
  formatSignedPercent,
  formatStrike,
  toUnit,
} from '../../src/renderer/src/util/format';
import { formatBytes, formatDuration, formatIstTime, formatTokenExpiry } from '../../src/renderer/src/util/format-time';

describe('number formatting for the chain', () => {
  it('shows an em dash for unknown values, never 0', () => {
    for (const value of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect([formatPrice(value), formatSigned(value), formatSignedPercent(value), formatCompactCount(value), formatStrike(value), formatInteger(value)]).toEqual([
        '—',
        '—',
        '—',
        '—',
        '—',
        '—',
      ]);
    }
  });

  it('writes prices with two decimals and Indian grouping', () => {
    expect(formatPrice(125.05)).toBe('125.05');
    expect(formatPrice(152.3000030517578)).toBe('152.30');
    expect(formatPrice(24964.25)).toBe('24,964.25');
    expect(formatPrice(0)).toBe('0.00');
  });

  it('signs changes with a plus or a real minus', () => {
    expect(formatSigned(12.345)).toBe('+12.35');
    expect(formatSigned(-3.1)).toBe('−3.10');
    expect(formatSigned(0)).toBe('0.00');
    expect(formatSigned(-0.001)).toBe('0.00');
    expect(formatSignedPercent(1.254)).toBe('+1.25%');
    expect(formatNumber(-0.4511, 3)).toBe('−0.451');
  });

  it('writes strikes without grouping, keeping a fraction when there is one', () => {
    expect(formatStrike(24950)).toBe('24950');
    expect(formatStrike(24962.5)).toBe('24962.5');
  });

  it('writes counts in thousands, lakhs and crores', () => {
    expect(formatCompactCount(98_765)).toBe('98,765');
    expect(formatCompactCount(1_234_567)).toBe('12.35L');
    expect(formatCompactCount(123_456_789)).toBe('12.35Cr');
    expect(formatCompactCount(-1_410_000, true)).toBe('−14.10L');
    expect(formatCompactCount(23_700, true)).toBe('+23,700');
    expect(formatCompactCount(0, true)).toBe('0');
    expect(formatInteger(212_480)).toBe('2,12,480');
  });

  it('converts quantities to lots of the contract lot size', () => {
    expect(toUnit(1_125, 'lots', 75)).toBe(15);
    expect(toUnit(1_125, 'qty', 75)).toBe(1_125);
    expect(toUnit(null, 'lots', 75)).toBeNull();
    expect(toUnit(1_125, 'lots', 0)).toBeNull();
  });
});

describe('time formatting', () => {
  it('writes durations at a useful precision', () => {
    expect(formatDuration(80)).toBe('80 ms');
    expect(formatDuration(4_230)).toBe('4.2 s');
    expect(formatDuration(12_900)).toBe('12 s');
    expect(formatDuration(45 * 60_000)).toBe('45 min');
    expect(formatDuration(125 * 60_000)).toBe('2 h 05 min');
    expect(formatDuration(50 * 3_600_000)).toBe('2 d 2 h');
    expect(formatDuration(-5)).toBe('0 ms');
    expect(formatDuration(null)).toBe('—');
  });

  it('says when a token expires or expired', () => {
    expect(formatTokenExpiry(1_000 + 45 * 60_000, 1_000)).toBe('expires in 45 min');
    expect(formatTokenExpiry(1_000, 1_000 + 5 * 60_000)).toBe('expired 5 min ago');
    expect(formatTokenExpiry(null, 0)).toBe('expiry unknown');
  });

  it('writes clock times in IST whatever the machine time zone', () => {
    expect(formatIstTime(Date.UTC(2026, 0, 13, 5, 0, 9))).toBe('10:30:09 IST');
  });

  it('writes byte counts', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(38_100_000)).toBe('36.3 MB');
  });
});
