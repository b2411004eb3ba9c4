import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors/app-error';
import { ManualClock } from '../../../src/shared/util/clock';
import { black76Greeks, black76Price } from '../../../src/shared/analytics/black76';
import { ChainAnalytics } from '../../../src/shared/analytics/chain-analytics';
import { impliedVolatility } from '../../../src/shared/analytics/implied-volatility';
import { expiryEpochMsOf, yearsToExpiry } from '../../../src/shared/analytics/time-to-expiry';

const EXPIRY_MS = expiryEpochMsOf('2025-12-30');
const START_MS = Date.parse('2025-12-27T10:00:00+05:30');
const FUTURE = 25_012.5;
const STRIKES = Array.from({ length: 21 }, (_, i) => 24_500 + 50 * i);
const LOT_SIZE = 75;
const SIDES = ['CE', 'PE'] as const;

function expectRelative(actual: number | null, expected: number | undefined): void {
  expect(Math.abs((actual as number) - (expected as number))).toBeLessThanOrEqual(1e-12 * Math.abs(expected as number));
}

/** The smile the test chain is priced from. */
const smile = (strike: number): number => 0.12 + 0.5 * Math.log(strike / FUTURE) ** 2;

function createChain(
  options: { future?: boolean; clock?: ManualClock; forwardRefreshMs?: number } = {},
): { chain: ChainAnalytics; clock: ManualClock; years: number } {
  const clock = options.clock ?? new ManualClock(START_MS);
  const { forwardRefreshMs } = options;
  const chain = new ChainAnalytics({ strikes: STRIKES, lotSize: LOT_SIZE, expiryEpochMs: EXPIRY_MS, clock, forwardRefreshMs });
  const years = yearsToExpiry(EXPIRY_MS, clock.nowMs());
  STRIKES.forEach((strike, i) => {
    for (const side of SIDES) chain.setLtp(i, side, black76Price(side, FUTURE, strike, years, smile(strike)));
  });
  if (options.future !== false) chain.setFuturePrice(FUTURE);
  return { chain, clock, years };
}

describe('ChainAnalytics: IV and greeks', () => {
  it("solves every contract's IV from its own price on the future's forward", () => {
    const { chain, years } = createChain();
    const result = chain.recompute();
    expect(result.fullRecompute).toBe(true);
    expect(Array.from(result.changedStrikeIndices)).toEqual(STRIKES.map((_, i) => i));
    STRIKES.forEach((strike, i) => {
      for (const side of SIDES) {
        const ivPercent = chain.ivPercent(i, side) as number;
        expect(Math.abs(ivPercent - 100 * smile(strike))).toBeLessThan(1e-7);
        // ivPercent/100 can differ from the stored σ in the last bit, hence 1e-12 relative.
        const expected = black76Greeks(side, FUTURE, strike, years, ivPercent / 100);
        expectRelative(chain.delta(i, side), expected?.delta);
        expectRelative(chain.gamma(i, side), expected?.gamma);
        expectRelative(chain.thetaPerDay(i, side), expected?.thetaPerDay);
        expectRelative(chain.vegaPerVolPoint(i, side), expected?.vegaPerVolPoint);
        expect(chain.ivPriceSource(i, side)).toBe('ltp');
      }
    });
  });

  it('summarises forward, ATM, ATM IV, straddle and time to expiry', () => {
    const { chain, years } = createChain();
    const { summary } = chain.recompute();
    const atm = STRIKES.indexOf(25_000);
    expect(summary.forward).toBe(FUTURE);
    expect(summary.forwardSource).toBe('future');
    expect(summary.parityStrike).toBeNull();
    expect(summary.atmStrike).toBe(25_000);
    expect(Math.abs((summary.atmIvPercent as number) - 100 * smile(25_000))).toBeLessThan(1e-7);
    expect(summary.straddleRupees).toBe(black76Price('CE', FUTURE, 25_000, years, smile(25_000)) + black76Price('PE', FUTURE, 25_000, years, smile(25_000)));
    expect(chain.ivPercent(atm, 'CE')).not.toBeNull();
    expect(summary.computedAtMs).toBe(START_MS);
    expect(summary.daysToExpiry).toBe(3 + 5.5 / 24);
    expect(summary.yearsToExpiry).toBe(years);
    expect(summary.lotSize).toBe(LOT_SIZE);
  });

  it('recomputes only the ticked strike on a tick within the batch window', () => {
    const { chain, clock, years } = createChain();
    chain.recompute();
    const untouchedBefore = chain.ivPercent(3, 'CE');
    clock.advance(200);
    chain.setLtp(2, 'CE', black76Price('CE', FUTURE, STRIKES[2] as number, years, 0.2));
    const result = chain.recompute();
    expect(result.fullRecompute).toBe(false);
    expect(Array.from(result.changedStrikeIndices)).toEqual([2]);
    expect(Math.abs((chain.ivPercent(2, 'CE') as number) - 20)).toBeLessThan(1e-7);
    expect(chain.ivPercent(3, 'CE')).toBe(untouchedBefore);
    expect(result.summary.computedAtMs).toBe(START_MS);
  });

  it('reports no change when a tick repeats the same price', () => {
    const { chain } = createChain();
    chain.recompute();
    chain.setLtp(4, 'PE', chain.ivInputPriceRupees(4, 'PE'));
    const result = chain.recompute();
    expect(result.changedStrikeIndices.length).toBe(0);
    expect(result.fullRecompute).toBe(false);
  });

  it('recomputes every contract when the future moves the forward', () => {
    const { chain, clock } = createChain();
    chain.recompute();
    clock.advance(300);
    chain.setFuturePrice(25_020);
    const result = chain.recompute();
    const years = yearsToExpiry(EXPIRY_MS, clock.nowMs());
    expect(result.fullRecompute).toBe(true);
    expect(result.changedStrikeIndices.length).toBe(STRIKES.length);
    expect(result.summary.forward).toBe(25_020);
    // Recomputed with a fresh T shared by every contract.
    expect(result.summary.computedAtMs).toBe(START_MS + 300);
    const price = chain.ivInputPriceRupees(10, 'PE') as number;
    expect(chain.ivPercent(10, 'PE')).toBe(100 * (impliedVolatility('PE', price, 25_020, STRIKES[10] as number, years) as number));
  });

  it('holds the forward for forwardRefreshMs: ticked contracts are solved on it, the move is taken once the interval is over', () => {
    const { chain, clock, years } = createChain({ forwardRefreshMs: 250 });
    chain.recompute();
    clock.advance(50);
    chain.setFuturePrice(25_020);
    const ticked = black76Price('CE', FUTURE, STRIKES[2] as number, years, 0.2);
    chain.setLtp(2, 'CE', ticked);
    const untouchedBefore = chain.ivPercent(3, 'CE');
    const held = chain.recompute();
    expect(held.fullRecompute).toBe(false);
    expect(held.summary.forward).toBe(FUTURE);
    expect(Array.from(held.changedStrikeIndices)).toEqual([2]);
    expect(chain.ivPercent(2, 'CE')).toBe(100 * (impliedVolatility('CE', ticked, FUTURE, STRIKES[2] as number, years) as number));
    expect(chain.ivPercent(3, 'CE')).toBe(untouchedBefore);
    clock.advance(199);
    expect(chain.recompute().summary.forward).toBe(FUTURE);
    clock.advance(1);
    const taken = chain.recompute();
    expect(taken.fullRecompute).toBe(true);
    expect(taken.summary.forward).toBe(25_020);
    expect(taken.summary.computedAtMs).toBe(START_MS + 250);
    expect(taken.changedStrikeIndices.length).toBe(STRIKES.length);
    const fresh = yearsToExpiry(EXPIRY_MS, START_MS + 250);
    const price = chain.ivInputPriceRupees(3, 'CE') as number;
    expect(chain.ivPercent(3, 'CE')).toBe(100 * (impliedVolatility('CE', price, 25_020, STRIKES[3] as number, fresh) as number));
    // The interval runs from when the forward was last derived: a move 100 ms later waits until 500.
    clock.advance(100);
    chain.setFuturePrice(25_030);
    expect(chain.recompute().summary.forward).toBe(25_020);
    clock.advance(149);
    expect(chain.recompute().summary.forward).toBe(25_020);
    clock.advance(1);
    expect(chain.recompute().summary.forward).toBe(25_030);
  });

  it('takes the first forward at once even while holding: there was none to hold', () => {
    const { chain } = createChain({ future: false, forwardRefreshMs: 250 });
    STRIKES.forEach((_, i) => {
      for (const side of SIDES) chain.setLtp(i, side, null);
    });
    expect(chain.recompute().summary.forward).toBeNull();
    chain.setFuturePrice(FUTURE);
    const result = chain.recompute();
    expect(result.summary.forward).toBe(FUTURE);
    expect(result.summary.forwardSource).toBe('future');
  });

  it('holds T between batches and refreshes it every retimeIntervalMs (1 s by default)', () => {
    const { chain, clock } = createChain();
    chain.recompute();
    clock.advance(999);
    expect(chain.recompute().fullRecompute).toBe(false);
    expect(chain.summary().computedAtMs).toBe(START_MS);
    clock.advance(1);
    const result = chain.recompute();
    expect(result.fullRecompute).toBe(true);
    expect(result.summary.computedAtMs).toBe(START_MS + 1000);
    expect(result.summary.yearsToExpiry).toBe(yearsToExpiry(EXPIRY_MS, START_MS + 1000));
    const price = chain.ivInputPriceRupees(0, 'CE') as number;
    expect(chain.ivPercent(0, 'CE')).toBe(100 * (impliedVolatility('CE', price, FUTURE, STRIKES[0] as number, result.summary.yearsToExpiry) as number));
  });

  it('solves from the mid when the spread is sane and from the LTP when it is not', () => {
    const { chain, years } = createChain();
    const atm = STRIKES.indexOf(25_000);
    const ltp = black76Price('CE', FUTURE, 25_000, years, smile(25_000));
    chain.setBidAsk(atm, 'CE', ltp + 1, ltp + 3);
    chain.recompute();
    expect(chain.ivPriceSource(atm, 'CE')).toBe('mid');
    expect(chain.ivInputPriceRupees(atm, 'CE')).toBe(ltp + 2);
    expect(chain.ivPercent(atm, 'CE')).toBe(100 * (impliedVolatility('CE', ltp + 2, FUTURE, 25_000, years) as number));
    chain.setBidAsk(atm, 'CE', ltp - 30, ltp + 30);
    chain.recompute();
    expect(chain.ivPriceSource(atm, 'CE')).toBe('ltp');
    expect(chain.ivInputPriceRupees(atm, 'CE')).toBe(ltp);
  });
});

describe('ChainAnalytics: parity forward', () => {
  it('uses the parity forward without a future, and call and put IV agree at every strike', () => {
    const { chain } = createChain({ future: false });
    const { summary } = chain.recompute();
    const parityIndex = STRIKES.indexOf(summary.parityStrike as number);
    const call = chain.ivInputPriceRupees(parityIndex, 'CE') as number;
    const put = chain.ivInputPriceRupees(parityIndex, 'PE') as number;
    expect(summary.forwardSource).toBe('parity');
    expect(summary.parityStrike).toBe(25_000);
    expect(summary.forward).toBe(25_000 + (call - put));
    expect(Math.abs((summary.forward as number) - FUTURE)).toBeLessThan(1e-9);
    STRIKES.forEach((_, i) => {
      expect(Math.abs((chain.ivPercent(i, 'CE') as number) - (chain.ivPercent(i, 'PE') as number))).toBeLessThan(1e-6);
    });
  });

  it('moves the forward and recomputes everything when the parity strike ticks', () => {
    const { chain, clock } = createChain({ future: false });
    chain.recompute();
    clock.advance(100);
    const atm = STRIKES.indexOf(25_000);
    const put = chain.ivInputPriceRupees(atm, 'PE') as number;
    chain.setLtp(atm, 'CE', put + 20);
    const result = chain.recompute();
    expect(result.fullRecompute).toBe(true);
    expect(result.summary.forward).toBe(25_020);
  });

  it('has no forward, IV or ATM when no future and no strike with both legs is priced', () => {
    const clock = new ManualClock(START_MS);
    const chain = new ChainAnalytics({ strikes: STRIKES, lotSize: LOT_SIZE, expiryEpochMs: EXPIRY_MS, clock });
    chain.setLtp(5, 'CE', 300);
    const { summary } = chain.recompute();
    expect(summary.forward).toBeNull();
    expect(summary.forwardSource).toBeNull();
    expect(summary.atmStrike).toBeNull();
    expect(summary.atmIvPercent).toBeNull();
    expect(chain.ivPercent(5, 'CE')).toBeNull();
    expect(chain.delta(5, 'CE')).toBeNull();
  });
});

describe('ChainAnalytics: OI, volume and aggregates', () => {
  // Five strikes with the max-pain chain of chain-aggregates.test.ts.
  const strikes = [100, 200, 300, 400, 500];
  function createOiChain(): ChainAnalytics {
    const chain = new ChainAnalytics({ strikes, lotSize: 50, expiryEpochMs: EXPIRY_MS, clock: new ManualClock(START_MS) });
    const callOi = [10, 10, 10, 10, 900];
    const putOi = [300, 200, 100, 10, 10];
    strikes.forEach((_, i) => {
      chain.setQuote(i, 'CE', { oi: callOi[i], volume: 1000 });
      chain.setQuote(i, 'PE', { oi: putOi[i], volume: 500 });
    });
    return chain;
  }

  it('totals OI and volume and derives PCR and max pain', () => {
    const chain = createOiChain();
    const { summary } = chain.recompute();
    expect(summary.totals).toEqual({ ceOi: 940, peOi: 620, ceVolume: 5000, peVolume: 2500 });
    expect(summary.pcr).toBe(620 / 940);
    expect(summary.maxPainStrike).toBe(300);
    expect(chain.pcrAt(0)).toBe(30);
    expect(chain.pcrAt(4)).toBe(10 / 900);
  });

  it('keeps totals and max pain current as OI changes, and lists the strike', () => {
    const chain = createOiChain();
    chain.recompute();
    // 3000 puts at 500 make any settlement below 500 expensive for writers:
    // payout(500) = 10 000 against payout(400) = 6 000 + 3000·100.
    chain.setOi(4, 'PE', 3000);
    const result = chain.recompute();
    expect(Array.from(result.changedStrikeIndices)).toEqual([4]);
    expect(result.summary.totals.peOi).toBe(3610);
    expect(result.summary.maxPainStrike).toBe(500);
  });

  it('updates volume totals without listing the strike as changed', () => {
    const chain = createOiChain();
    chain.recompute();
    chain.setVolume(2, 'CE', 1500);
    const result = chain.recompute();
    expect(result.changedStrikeIndices.length).toBe(0);
    expect(result.summary.totals.ceVolume).toBe(5500);
  });

  it('derives OI change, price change and the four build-up labels from previous-day values', () => {
    const chain = createOiChain();
    chain.setQuote(0, 'CE', { ltp: 12, prevClose: 10, oi: 1200, prevOi: 1000 });
    chain.setQuote(1, 'CE', { ltp: 8, prevClose: 10, oi: 1200, prevOi: 1000 });
    chain.setQuote(2, 'CE', { ltp: 8, prevClose: 10, oi: 800, prevOi: 1000 });
    chain.setQuote(3, 'CE', { ltp: 12, prevClose: 10, oi: 800, prevOi: 1000 });
    chain.setQuote(4, 'CE', { ltp: 10, prevClose: 10, oi: 800, prevOi: 1000 });
    chain.recompute();
    expect(strikes.map((_, i) => chain.buildUp(i, 'CE'))).toEqual(['long-buildup', 'short-buildup', 'long-unwinding', 'short-covering', null]);
    expect(chain.oiChange(0, 'CE')).toBe(200);
    expect(chain.priceChange(1, 'CE')).toBe(-2);
    expect(chain.oiChange(0, 'PE')).toBeNull();
    expect(chain.buildUp(0, 'PE')).toBeNull();
  });

  it('returns one contract as a plain object matching the accessors', () => {
    const { chain } = createChain();
    chain.setQuote(10, 'CE', { prevClose: 100, oi: 5000, prevOi: 4000 });
    chain.recompute();
    expect(chain.contract(10, 'CE')).toEqual({
      ivPercent: chain.ivPercent(10, 'CE'),
      delta: chain.delta(10, 'CE'),
      gamma: chain.gamma(10, 'CE'),
      thetaPerDay: chain.thetaPerDay(10, 'CE'),
      vegaPerVolPoint: chain.vegaPerVolPoint(10, 'CE'),
      ivInputPriceRupees: chain.ivInputPriceRupees(10, 'CE'),
      ivPriceSource: 'ltp',
      priceChange: (chain.ivInputPriceRupees(10, 'CE') as number) - 100,
      oiChange: 1000,
      buildUp: chain.buildUp(10, 'CE'),
    });
  });
});

describe('ChainAnalytics: expiry and invalid input', () => {
  it('reports null IV and greeks once the expiry instant has passed', () => {
    const { chain, clock } = createChain();
    chain.recompute();
    clock.set(EXPIRY_MS + 60_000);
    const { summary } = chain.recompute();
    expect(summary.yearsToExpiry).toBeLessThan(0);
    expect(summary.atmIvPercent).toBeNull();
    for (const side of SIDES) {
      expect(chain.ivPercent(10, side)).toBeNull();
      expect(chain.thetaPerDay(10, side)).toBeNull();
    }
    expect(summary.straddleRupees).not.toBeNull();
  });

  it.each([
    ['unsorted strikes', { strikes: [200, 100] }],
    ['repeated strikes', { strikes: [100, 100] }],
    ['a zero strike', { strikes: [0, 100] }],
    ['a zero lot size', { lotSize: 0 }],
    ['a fractional lot size', { lotSize: 7.5 }],
    ['a NaN expiry', { expiryEpochMs: Number.NaN }],
    ['a negative retime interval', { retimeIntervalMs: -1 }],
    ['a negative forward refresh interval', { forwardRefreshMs: -1 }],
  ])('rejects %s with ANALYTICS_INVALID_INPUT', (_label, override) => {
    const options = { strikes: [100, 200], lotSize: 50, expiryEpochMs: EXPIRY_MS, clock: new ManualClock(START_MS), ...override };
    expect(() => new ChainAnalytics(options)).toThrow(AppError);
    try {
      new ChainAnalytics(options);
    } catch (error) {
      expect((error as AppError).code).toBe('ANALYTICS_INVALID_INPUT');
    }
  });

  it('rejects an out-of-range strike index and a negative price', () => {
    const { chain } = createChain();
    expect(() => chain.setLtp(21, 'CE', 10)).toThrow(/strike index 21 is outside 0…20/);
    expect(() => chain.ivPercent(-1, 'PE')).toThrow(AppError);
    expect(() => chain.setLtp(0, 'CE', -5)).toThrow(/ltp must be a finite number ≥ 0 or null/);
    expect(() => chain.setOi(0, 'CE', Number.POSITIVE_INFINITY)).toThrow(AppError);
  });

  it('finds strikes by value', () => {
    const { chain } = createChain();
    expect(chain.strikeIndexOf(25_000)).toBe(10);
    expect(chain.strikeIndexOf(25_025)).toBe(-1);
    expect(chain.strikeAt(20)).toBe(25_500);
    expect(chain.strikeCount).toBe(21);
  });
});
