import { describe, expect, it } from 'vitest';
import { chainForward, parityForward, parityStrikeIndex } from '../../../src/shared/analytics/forward';

const NaN_ = Number.NaN;

describe('parityStrikeIndex', () => {
  it('picks the strike where |C − P| is smallest, not the middle strike', () => {
    // |C − P| per strike: 190, 95, 5, 105 → index 2.
    expect(parityStrikeIndex([200, 120, 60, 20], [10, 25, 55, 125])).toBe(2);
  });

  it('skips strikes where either leg has no price', () => {
    // Index 1 has no call and index 2 no put; of the rest, |C − P| is 190 and 105.
    expect(parityStrikeIndex([200, NaN_, 60, 20], [10, 25, 0, 125])).toBe(3);
    expect(parityStrikeIndex([NaN_, 5], [3, NaN_])).toBe(-1);
  });

  it('breaks a tie toward the lower strike', () => {
    expect(parityStrikeIndex([110, 90], [100, 100])).toBe(0);
  });
});

describe('parityForward', () => {
  it('is K + (C − P) at r = 0 (Dhan sample: 25000 + 125.05 − 165)', () => {
    expect(parityForward(25000, 125.05, 165, 6.23 / 365)).toBeCloseTo(24960.05, 9);
  });

  it('grows C − P by e^{rT} when a rate is set', () => {
    expect(parityForward(100, 7, 2, 0.5, 0.1)).toBe(100 + 5 * Math.exp(0.05));
  });
});

describe('chainForward', () => {
  const strikes = [24900, 25000, 25100];
  const calls = [180, 125.05, 80];
  const puts = [120, 165, 220];

  it('uses the matching future when there is one, and says so', () => {
    expect(chainForward({ futureLtp: 25012.5, strikes, callPrices: calls, putPrices: puts, yearsToExpiry: 0.01 })).toEqual({
      forward: 25012.5,
      source: 'future',
      parityStrike: null,
    });
  });

  it('falls back to the parity forward and names its strike', () => {
    const result = chainForward({ futureLtp: null, strikes, callPrices: calls, putPrices: puts, yearsToExpiry: 0.01 });
    expect(result?.source).toBe('parity');
    expect(result?.parityStrike).toBe(25000);
    expect(result?.forward).toBeCloseTo(24960.05, 9);
  });

  it('ignores a zero future price and returns null when nothing gives a forward', () => {
    expect(chainForward({ futureLtp: 0, strikes, callPrices: calls, putPrices: puts, yearsToExpiry: 0.01 })?.source).toBe('parity');
    expect(chainForward({ futureLtp: null, strikes, callPrices: [NaN_, NaN_, NaN_], putPrices: puts, yearsToExpiry: 0.01 })).toBeNull();
  });
});
