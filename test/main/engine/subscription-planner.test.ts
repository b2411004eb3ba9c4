import { describe, expect, it } from 'vitest';
import { needsReplan, planSubscriptions } from '../../../src/main/engine/subscription-planner';
import { buildTestSkeleton, type UnderlyingSpec } from '../../fixtures/skeleton-factory';

const spec = (symbol: string, spotId: number, strikes: number, expiries = ['2026-12-01', '2026-12-08', '2026-12-29']): UnderlyingSpec => ({
  symbol,
  spotId,
  segment: symbol === 'SENSEX' ? 'BSE_FNO' : 'NSE_FNO',
  expiries,
  firstStrike: 20_000,
  step: 50,
  strikes,
});

describe('subscription planner', () => {
  it('streams spots, futures, the chain on screen in full and the nearest two expiries when everything fits', () => {
    const skeleton = buildTestSkeleton([spec('NIFTY', 13, 100), spec('SENSEX', 51, 50)]);
    expect(skeleton.counts).toEqual({ underlyings: 2, expiries: 6, strikes: 450, tokens: 900 });
    const plan = planSubscriptions(skeleton, { underlying: 'NIFTY', expiry: '2026-12-08' }, () => 22_500, { backgroundExpiries: 2 });
    // 2 spots (ticker) + 2 futures (quote); NIFTY 12-08 in full (200); nearest expiry of each
    // in quote (NIFTY 12-01: 200, SENSEX 12-01: 100); SENSEX 12-08 in ticker (100).
    expect(plan.summary.byMode).toEqual({ ticker: 2 + 100, quote: 2 + 200 + 100, full: 200 });
    expect(plan.summary.planned).toBe(604);
    expect(plan.summary.skeletonTokens).toBe(900);
    expect(plan.summary.leftOut).toBe(300);
    expect(plan.summary.leftOutReasons).toEqual([
      '300 contracts of expiries beyond the nearest 2 per underlying (open that chain to stream it)',
    ]);
    const spot = plan.subscriptions.find((s) => s.segment === 'IDX_I' && s.securityId === 51);
    expect(spot?.mode).toBe('ticker');
  });

  it('streams every expiry by default while the budget lasts', () => {
    const skeleton = buildTestSkeleton([spec('NIFTY', 13, 100), spec('SENSEX', 51, 50)]);
    const plan = planSubscriptions(skeleton, { underlying: 'NIFTY', expiry: '2026-12-08' }, () => 22_500);
    // Quote for each nearest expiry, ticker for NIFTY 12-29 and SENSEX 12-08 and 12-29.
    expect(plan.summary.byMode).toEqual({ ticker: 2 + 200 + 100 + 100, quote: 2 + 200 + 100, full: 200 });
    expect(plan.summary.leftOut).toBe(0);
    expect(plan.summary.leftOutReasons).toEqual([]);
  });

  it('fills exactly the budget and leaves out the strikes farthest from ATM first', () => {
    // 2 underlyings × 2 expiries × 300 strikes × 2 sides = 2 400 options; budget 1 000.
    const skeleton = buildTestSkeleton([spec('NIFTY', 13, 300, ['2026-12-01', '2026-12-08']), spec('BANKNIFTY', 25, 300, ['2026-12-01', '2026-12-08'])]);
    const plan = planSubscriptions(skeleton, { underlying: 'NIFTY', expiry: '2026-12-01' }, (u) => (u === 'NIFTY' ? 25_000 : 27_500), { budget: 1_000 });
    expect(plan.subscriptions).toHaveLength(1_000);
    // 4 instruments of spots/futures, 600 for the chain on screen, 396 of BANKNIFTY's nearest expiry.
    expect(plan.summary.byMode).toEqual({ ticker: 2, quote: 2 + 396, full: 600 });
    expect(plan.summary.leftOut).toBe(2_400 - 996);
    expect(plan.summary.leftOutReasons).toEqual([
      '804 BANKNIFTY contracts farthest from ATM: DhanHQ allows 5 connections × 5000 instruments',
      '600 NIFTY contracts farthest from ATM: DhanHQ allows 5 connections × 5000 instruments',
    ]);
    // BANKNIFTY's ATM is 27 500: the 99 strikes either side of it are in, the far wings out.
    const bankNifty = skeleton.underlyings[1]!.expiries[0]!.strikes;
    const inPlan = new Set(plan.subscriptions.map((s) => s.securityId));
    const kept = bankNifty.filter((s) => inPlan.has(s.ce!.securityId)).map((s) => s.strike);
    expect(kept.length).toBe(198);
    expect(Math.min(...kept)).toBe(27_500 - 98 * 50 - 50);
    expect(Math.max(...kept)).toBe(27_500 + 98 * 50);
  });

  it('plans 25 000 instruments at the real limit and names what is left out', () => {
    // 6 underlyings × 3 expiries × 800 strikes × 2 sides = 28 800 options: over the limit.
    const symbols: [string, number][] = [['NIFTY', 13], ['BANKNIFTY', 25], ['FINNIFTY', 27], ['MIDCPNIFTY', 442], ['SENSEX', 51], ['BANKEX', 69]];
    const skeleton = buildTestSkeleton(symbols.map(([s, id]) => spec(s, id, 800)));
    expect(skeleton.counts.tokens).toBe(28_800);
    const plan = planSubscriptions(skeleton, { underlying: 'BANKEX', expiry: '2026-12-29' }, () => 40_000, { backgroundExpiries: 3 });
    expect(plan.subscriptions).toHaveLength(25_000);
    // 12 spots/futures + 1 600 on screen + 6 × 2 × 1 600 nearest expiries; 4 188 of the third expiries fit.
    expect(plan.summary.byMode).toEqual({ ticker: 6 + 6 * 1_600 + 4_188, quote: 6 + 6 * 1_600, full: 1_600 });
    expect(plan.summary.leftOut).toBe(3_812);
    expect(plan.summary.leftOutReasons).toEqual([
      '764 SENSEX contracts farthest from ATM: DhanHQ allows 5 connections × 5000 instruments',
      '762 NIFTY contracts farthest from ATM: DhanHQ allows 5 connections × 5000 instruments',
      '762 BANKNIFTY contracts farthest from ATM: DhanHQ allows 5 connections × 5000 instruments',
      '762 FINNIFTY contracts farthest from ATM: DhanHQ allows 5 connections × 5000 instruments',
      '762 MIDCPNIFTY contracts farthest from ATM: DhanHQ allows 5 connections × 5000 instruments',
    ]);
  });

  it('always keeps the whole chain on screen even when the budget is tiny', () => {
    const skeleton = buildTestSkeleton([spec('NIFTY', 13, 100)]);
    const plan = planSubscriptions(skeleton, { underlying: 'NIFTY', expiry: '2026-12-29' }, () => null, { budget: 150 });
    expect(plan.summary.byMode).toEqual({ ticker: 1, quote: 1, full: 148 });
    expect(plan.summary.leftOutReasons[0]).toBe('52 contracts of the chain on screen: the 150-instrument limit is used up');
  });

  it('re-plans when spot moves five strikes from the centre a background chain was planned on', () => {
    const skeleton = buildTestSkeleton([spec('NIFTY', 13, 100)]);
    const plan = planSubscriptions(skeleton, null, () => 22_000);
    expect(plan.centres.get('NIFTY')).toBe(22_000);
    expect(needsReplan(plan, skeleton, () => 22_220)).toBe(false); // nearest strike 22 200: 4 strikes away
    expect(needsReplan(plan, skeleton, () => 22_230)).toBe(true); // nearest strike 22 250: 5 strikes away
  });
});
