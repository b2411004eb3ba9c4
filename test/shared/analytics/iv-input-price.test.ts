import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors/app-error';
import { ivInputPrice, isSaneSpread, resolveIvPriceOptions } from '../../../src/shared/analytics/iv-input-price';

const defaults = resolveIvPriceOptions();

describe('IV input price', () => {
  it('uses the mid when bid and ask are live and the spread is within 10 % of the mid', () => {
    expect(ivInputPrice(100, 104, 101.5)).toEqual({ priceRupees: 102, source: 'mid' });
  });

  it('falls back to the LTP when the spread is wider than 10 % of the mid', () => {
    expect(ivInputPrice(100, 115, 101.5)).toEqual({ priceRupees: 101.5, source: 'ltp' });
  });

  it('falls back to the LTP when a side of the book is empty or the book is crossed', () => {
    expect(ivInputPrice(0, 104, 101.5)?.source).toBe('ltp');
    expect(ivInputPrice(100, Number.NaN, 101.5)?.source).toBe('ltp');
    expect(ivInputPrice(105, 104, 101.5)?.source).toBe('ltp');
  });

  it('accepts a two-tick spread on a cheap option although it is a large fraction of the mid', () => {
    expect(ivInputPrice(0.05, 0.1, 0.2)).toEqual({ priceRupees: 0.07500000000000001, source: 'mid' });
    expect(ivInputPrice(0.05, 0.2, 0.2)?.source).toBe('ltp');
  });

  it('is null with neither a sane mid nor a positive LTP', () => {
    expect(ivInputPrice(0, 0, 0)).toBeNull();
    expect(ivInputPrice(100, 200, Number.NaN)).toBeNull();
  });

  it('honours custom limits', () => {
    const strict = resolveIvPriceOptions({ maxSpreadFractionOfMid: 0.01, spreadAllowanceRupees: 0 });
    expect(isSaneSpread(100, 102, strict)).toBe(false);
    expect(isSaneSpread(100, 101, strict)).toBe(true);
    expect(isSaneSpread(100, 102, defaults)).toBe(true);
  });

  it('rejects negative or non-finite limits with ANALYTICS_INVALID_INPUT', () => {
    expect(() => resolveIvPriceOptions({ maxSpreadFractionOfMid: -0.1 })).toThrow(AppError);
    expect(() => resolveIvPriceOptions({ spreadAllowanceRupees: Number.NaN })).toThrow(/spreadAllowanceRupees/);
  });
});
