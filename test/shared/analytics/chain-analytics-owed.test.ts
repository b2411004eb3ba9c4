import { beforeEach, describe, expect, it, vi } from 'vitest';
import { black76Price } from '../../../src/shared/analytics/black76';
import { ChainAnalytics } from '../../../src/shared/analytics/chain-analytics';
import * as impliedVolatility from '../../../src/shared/analytics/implied-volatility';
import { expiryEpochMsOf, yearsToExpiry } from '../../../src/shared/analytics/time-to-expiry';
import { ManualClock } from '../../../src/shared/util/clock';

// Counts the IV solves; each one still runs the real solver.
vi.mock('../../../src/shared/analytics/implied-volatility', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/shared/analytics/implied-volatility')>();
  return { ...actual, impliedSigmaOrNaN: vi.fn(actual.impliedSigmaOrNaN) };
});

const solves = vi.mocked(impliedVolatility.impliedSigmaOrNaN);

const EXPIRY_MS = expiryEpochMsOf('2025-12-30');
const START_MS = Date.parse('2025-12-27T10:00:00+05:30');
const FUTURE = 25_012.5;
const STRIKES = Array.from({ length: 21 }, (_, i) => 24_500 + 50 * i);
const SIDES = ['CE', 'PE'] as const;
/** 25 000: the strike nearest the future, index 10. */
const ATM = 10;

function pricedChain(clock: ManualClock): ChainAnalytics {
  const chain = new ChainAnalytics({ strikes: STRIKES, lotSize: 75, expiryEpochMs: EXPIRY_MS, clock });
  const years = yearsToExpiry(EXPIRY_MS, clock.nowMs());
  STRIKES.forEach((strike, i) => {
    for (const side of SIDES)
      chain.setLtp(i, side, black76Price(side, FUTURE, strike, years, 0.12 + 0.001 * i));
  });
  chain.setFuturePrice(FUTURE);
  return chain;
}

describe('ChainAnalytics: IV and greeks are solved at their first read', () => {
  beforeEach(() => solves.mockClear());

  it('solves only the ATM pair inside recompute(), then each contract once, at its first read', () => {
    const chain = pricedChain(new ManualClock(START_MS));
    const { summary } = chain.recompute();
    expect(summary.atmStrike).toBe(STRIKES[ATM]);
    expect(solves).toHaveBeenCalledTimes(2);

    chain.ivPercent(0, 'CE');
    expect(solves).toHaveBeenCalledTimes(3);
    chain.delta(0, 'CE');
    chain.vegaPerVolPoint(0, 'CE');
    expect(solves).toHaveBeenCalledTimes(3);
    chain.contract(3, 'PE');
    expect(solves).toHaveBeenCalledTimes(4);
    chain.ivPercent(ATM, 'PE');
    expect(solves).toHaveBeenCalledTimes(4);
  });

  it('owes again only the contracts that ticked when the forward holds', () => {
    const clock = new ManualClock(START_MS);
    const chain = pricedChain(clock);
    chain.recompute();
    chain.ivPercent(7, 'CE');
    chain.ivPercent(8, 'CE');
    expect(solves).toHaveBeenCalledTimes(4);

    clock.advance(50);
    chain.setLtp(7, 'CE', (chain.ivInputPriceRupees(7, 'CE') as number) + 1);
    const result = chain.recompute();
    expect(result.fullRecompute).toBe(false);
    expect(Array.from(result.changedStrikeIndices)).toEqual([7]);
    expect(solves).toHaveBeenCalledTimes(4);
    chain.ivPercent(8, 'CE');
    expect(solves).toHaveBeenCalledTimes(4);
    chain.ivPercent(7, 'CE');
    expect(solves).toHaveBeenCalledTimes(5);
  });

  it('reads the values of the recompute that owed them, whatever arrived after it', () => {
    const eager = pricedChain(new ManualClock(START_MS));
    eager.recompute();
    const expected = SIDES.flatMap((side) => [
      eager.ivPercent(2, side),
      eager.delta(2, side),
      eager.thetaPerDay(2, side),
    ]);

    const clock = new ManualClock(START_MS);
    const lazy = pricedChain(clock);
    lazy.recompute();
    // New inputs and a later clock, with no recompute yet: the owed contract is still solved from the last recompute's.
    clock.advance(30_000);
    lazy.setFuturePrice(FUTURE + 40);
    for (const side of SIDES) lazy.setLtp(2, side, 1.5 * (lazy.ivInputPriceRupees(2, side) as number));
    const read = SIDES.flatMap((side) => [
      lazy.ivPercent(2, side),
      lazy.delta(2, side),
      lazy.thetaPerDay(2, side),
    ]);
    expect(read).toEqual(expected);
    expect(read.every((value) => value !== null)).toBe(true);

    lazy.recompute();
    expect(lazy.ivPercent(2, 'CE')).not.toBe(expected[0]);
  });
});
