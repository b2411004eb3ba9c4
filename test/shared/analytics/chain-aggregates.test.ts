import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { atmStrikeIndex } from '../../../src/shared/analytics/atm-strike';
import { buildUpOf } from '../../../src/shared/analytics/build-up';
import { maxPainIndex, maxPainStrike, writersPayoutAt } from '../../../src/shared/analytics/max-pain';
import { putCallRatio } from '../../../src/shared/analytics/put-call-ratio';

describe('max pain', () => {
  // Call OI piles up at 500 (the largest-OI strike); put OI leans on the low strikes.
  const strikes = [100, 200, 300, 400, 500];
  const callOi = [10, 10, 10, 10, 900];
  const putOi = [300, 200, 100, 10, 10];

  it("computes the writers' payout at each strike exactly", () => {
    expect(strikes.map((k) => writersPayoutAt(k, strikes, callOi, putOi))).toEqual([47_000, 16_000, 6_000, 7_000, 10_000]);
  });

  it('is the strike of least payout (300), not the strike with the largest OI (500)', () => {
    expect(maxPainStrike(strikes, callOi, putOi)).toBe(300);
    expect(maxPainIndex(callOi, putOi)).toBe(2);
  });

  it('breaks a flat minimum toward the lower strike', () => {
    // payout(100) = 5·100 = payout(200).
    expect(maxPainStrike([100, 200], [5, 0], [0, 5])).toBe(100);
  });

  it('is null for a chain without open interest, and counts unknown OI as zero', () => {
    expect(maxPainStrike(strikes, [0, 0, 0, 0, 0], [0, Number.NaN, 0, 0, 0])).toBeNull();
    expect(maxPainStrike([100, 200, 300], [Number.NaN, 50, 0], [0, 0, 40])).toBe(200);
  });

  it('always agrees with a brute-force search over the payout', () => {
    const chainArb = fc.integer({ min: 1, max: 40 }).chain((n) =>
      fc.tuple(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: n, maxLength: n }),
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: n, maxLength: n }),
        fc.integer({ min: 1, max: 4 }),
      ),
    );
    fc.assert(
      fc.property(chainArb, ([callOi, putOi, stepLots]) => {
        // Integer OI and 50-rupee strikes keep every payout an exact integer below 2^53.
        const strikes = callOi.map((_, i) => 20_000 + 50 * stepLots * i);
        const payouts = strikes.map((k) => writersPayoutAt(k, strikes, callOi, putOi));
        const total = callOi.reduce((a, b) => a + b, 0) + putOi.reduce((a, b) => a + b, 0);
        const expected = total === 0 ? -1 : payouts.indexOf(Math.min(...payouts));
        expect(maxPainIndex(callOi, putOi)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('put–call ratio', () => {
  it('divides put OI by call OI', () => {
    expect(putCallRatio(1_200_000, 1_000_000)).toBe(1.2);
    expect(putCallRatio(0, 500)).toBe(0);
  });

  it('is null (not 0 or ∞) when call OI is zero or unknown', () => {
    expect(putCallRatio(500, 0)).toBeNull();
    expect(putCallRatio(500, Number.NaN)).toBeNull();
    expect(putCallRatio(Number.NaN, 500)).toBeNull();
  });
});

describe('ATM strike', () => {
  const strikes = [24900, 24950, 25000, 25050];

  it('is the strike nearest the forward', () => {
    expect(atmStrikeIndex(strikes, 24960.05)).toBe(1);
    expect(atmStrikeIndex(strikes, 24976)).toBe(2);
  });

  it('breaks an exact tie toward the lower strike', () => {
    expect(atmStrikeIndex(strikes, 24975)).toBe(1);
  });

  it('clamps to the first or last strike outside the listed range', () => {
    expect(atmStrikeIndex(strikes, 20000)).toBe(0);
    expect(atmStrikeIndex(strikes, 30000)).toBe(3);
  });

  it('is −1 without strikes or without a forward', () => {
    expect(atmStrikeIndex([], 25000)).toBe(-1);
    expect(atmStrikeIndex(strikes, Number.NaN)).toBe(-1);
  });
});

describe('build-up labels', () => {
  it.each([
    [5, 1000, 'long-buildup'],
    [-5, 1000, 'short-buildup'],
    [-5, -1000, 'long-unwinding'],
    [5, -1000, 'short-covering'],
  ] as const)('price change %d with OI change %d is %s', (priceChange, oiChange, label) => {
    expect(buildUpOf(priceChange, oiChange)).toBe(label);
  });

  it('is null when either change is zero or unknown', () => {
    expect(buildUpOf(0, 1000)).toBeNull();
    expect(buildUpOf(5, 0)).toBeNull();
    expect(buildUpOf(Number.NaN, 1000)).toBeNull();
    expect(buildUpOf(-5, Number.NaN)).toBeNull();
  });
});
