import { describe, expect, it } from 'vitest';
import { maskIdentifier, roundPrice, roundTo } from '../../src/shared/format/price';

describe('roundPrice', () => {
  it('rounds the float32 artefact of 152.30 to 152.3', () => {
    expect(roundPrice(Math.fround(152.3))).toBe(152.3);
    expect(Math.fround(152.3)).toBe(152.3000030517578);
  });

  it('rounds the REST spot float32 value to 2 decimals', () => {
    expect(roundPrice(23092.19921875)).toBe(23092.2);
  });

  it('snaps to the contract tick size when given', () => {
    expect(roundPrice(101.234, 0.05)).toBe(101.25);
    expect(roundPrice(101.224, 0.05)).toBe(101.2);
  });

  it('keeps unknown values null instead of inventing zero', () => {
    expect(roundPrice(null)).toBeNull();
    expect(roundPrice(undefined)).toBeNull();
    expect(roundPrice(Number.NaN)).toBeNull();
    expect(roundPrice(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('rounds half away from zero on decimal halves', () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-1.005, 2)).toBe(-1.01);
    expect(roundTo(2.675, 2)).toBe(2.68);
  });

  it('rounds to any number of decimals, inside and beyond the precomputed powers of ten', () => {
    expect(roundTo(1234.5, 0)).toBe(1235);
    expect(roundTo(0.1234565, 6)).toBe(0.123457);
    expect(roundTo(-0.000123456785, 8)).toBe(-0.00012346);
    expect(roundTo(1.23456789015, 10)).toBe(1.2345678902);
    expect(roundTo(1.25, 1)).toBe(1.3);
  });
});

describe('maskIdentifier', () => {
  it('keeps only the ends of a client id', () => {
    expect(maskIdentifier('1100123489')).toBe('11••••••89');
    expect(maskIdentifier('12345')).toBe('12•45');
    expect(maskIdentifier('abc')).toBe('•••');
  });
});
