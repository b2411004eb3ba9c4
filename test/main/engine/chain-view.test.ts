import { describe, expect, it } from 'vitest';
import { ChainView } from '../../../src/main/engine/chain-view';
import { applyChainRowPatch } from '../../../src/shared/api/chain-row-patch';
import { black76Price } from '../../../src/shared/analytics/black76';
import { QuoteCache } from '../../../src/shared/cache/quote-cache';
import { frameView, walkFrame } from '../../../src/shared/feed/feed-decoder';
import { encodeFull, encodePrevClose, encodeTicker } from '../../../src/shared/feed/feed-encoder';
import { EXCHANGE_SEGMENT_CODE } from '../../../src/shared/feed/exchange-segment';
import { roundPrice } from '../../../src/shared/format/price';
import type { OptionContract } from '../../../src/shared/model/instruments';
import { ManualClock } from '../../../src/shared/util/clock';
import { buildTestSkeleton } from '../../fixtures/skeleton-factory';

// 2026-11-24 10:00 UTC = 15:30 IST: exactly 7 days before the 2026-12-01 expiry.
const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);
const T = 7 / 365;
const SIGMA = 0.15;

function setup(strikeWindow = 2) {
  const skeleton = buildTestSkeleton([
    { symbol: 'NIFTY', spotId: 13, segment: 'NSE_FNO', expiries: ['2026-12-01'], firstStrike: 24_800, step: 50, strikes: 9 },
  ]);
  const nifty = skeleton.underlyings[0]!;
  const expiry = nifty.expiries[0]!;
  const future = nifty.futures[0]!;
  const cache = new QuoteCache(64, NOW - 3_600_000);
  const spotSlot = cache.register(0, 13);
  const futureSlot = cache.register(EXCHANGE_SEGMENT_CODE.NSE_FNO, future.securityId);
  for (const s of expiry.strikes) for (const c of [s.ce, s.pe]) cache.register(2, c!.securityId);
  const clock = new ManualClock(NOW);
  const view = new ChainView({ underlying: nifty, expiry, cache, clock, strikeWindow, spotSlot, futureSlot, isMarketOpen: () => true });
  const feed = (frame: Uint8Array): void => {
    cache.setFrameTime(clock.nowMs());
    walkFrame(frameView(frame), cache);
    cache.drainDirty((slot) => view.onSlotChanged(slot));
  };
  const priceOf = (c: OptionContract, forward = 25_000): number => black76Price(c.side, forward, c.strike, T, SIGMA);
  const fullPacket = (c: OptionContract, ltp: number, oi = 100_000) =>
    encodeFull({
      segment: 2, securityId: c.securityId, ltp, ltq: 75, lttEpochS: 1, atp: ltp, volume: 50_000,
      totalSellQty: 0, totalBuyQty: 0, oi, oiDayHigh: oi, oiDayLow: oi, open: ltp, close: 0, high: ltp, low: ltp, depth: [],
    });
  feed(encodeTicker({ segment: 0, securityId: 13, ltp: 24_990, lttEpochS: 1 }));
  feed(encodeTicker({ segment: 2, securityId: future.securityId, ltp: 25_000, lttEpochS: 1 }));
  for (const s of expiry.strikes) {
    for (const c of [s.ce!, s.pe!]) {
      feed(encodePrevClose({ segment: 2, securityId: c.securityId, prevClose: 100, prevOi: 80_000 }));
      feed(fullPacket(c, priceOf(c)));
    }
  }
  return { view, feed, expiry, future, clock, priceOf, fullPacket };
}

describe('ChainView', () => {
  it('snapshots the strike window around ATM with our IV on the future as forward', () => {
    const { view, expiry, priceOf } = setup();
    const snapshot = view.snapshot(null);
    expect(snapshot.rows.map((r) => r.strike)).toEqual([24_900, 24_950, 25_000, 25_050, 25_100]);
    expect(snapshot.totalStrikes).toBe(9);
    expect(snapshot.summary).toMatchObject({
      underlying: 'NIFTY',
      expiry: '2026-12-01',
      spot: 24_990,
      forward: 25_000,
      forwardSource: 'future',
      daysToExpiry: 7,
      lotSize: 75,
      atmStrike: 25_000,
      atmIv: 15,
      pcr: 1,
      maxPain: 25_000,
      marketOpen: true,
    });
    expect(snapshot.summary.totals).toEqual({ ceOi: 900_000, peOi: 900_000, ceVolume: 450_000, peVolume: 450_000 });
    const atm = snapshot.rows[2]!;
    const ce = expiry.strikes[4]!.ce!;
    expect(atm.ce).toMatchObject({
      securityId: ce.securityId,
      ltp: roundPrice(priceOf(ce), 0.05),
      prevClose: 100,
      oi: 100_000,
      prevOi: 80_000,
      oiChange: 20_000,
      volume: 50_000,
      iv: 15,
      source: 'feed',
      updatedAtMs: NOW,
      brokerIv: null,
    });
    // F = K, σ = 15 %, T = 7/365: d1 = σ√T/2 = 0.010386, N(d1) = 0.504143.
    expect(atm.ce?.delta).toBe(0.5041);
    expect(atm.pe?.delta).toBe(-0.4959);
    expect(snapshot.problem).toBeNull();
    expect(snapshot.seq).toBe(1);
  });

  it('sends only what changed in the row of a tick, and nothing when nothing changed', () => {
    const { view, feed, expiry, fullPacket, priceOf } = setup();
    const snapshot = view.snapshot(null);
    const ce = expiry.strikes[5]!.ce!; // 25 050 CE
    feed(fullPacket(ce, priceOf(ce) + 3, 130_000));
    const out = view.flush(null);
    if (!out || !('batch' in out)) throw new Error('expected a batch');
    expect(out.batch.seq).toBe(2);
    const patch = out.batch.rows[0]!;
    expect(out.batch.rows.map((r) => r.strike)).toEqual([25_050]);
    // The put did not trade: it is not in the patch. The call's unchanged fields are not either
    // (as the client receives it: JSON leaves out the fields the patch leaves undefined).
    expect([Object.keys(patch), Object.keys(JSON.parse(JSON.stringify(patch.ce)) as object).sort()]).toEqual([
      ['strike', 'ce'],
      ['change', 'changePct', 'delta', 'gamma', 'iv', 'ltp', 'oi', 'oiChange', 'securityId', 'theta'],
    ]);
    const row = applyChainRowPatch(snapshot.rows[3], patch);
    expect(row?.ce).toMatchObject({ securityId: ce.securityId, oi: 130_000, prevOi: 80_000, volume: 50_000, buildUp: 'long-buildup' });
    // Priced at σ = 15 %, then 3 rupees dearer: its IV rises to 15.22 %.
    expect(row?.ce?.iv).toBe(15.22);
    expect(row?.pe).toBe(snapshot.rows[3]?.pe);
    expect(view.flush(null)).toBeNull();
  });

  it('sends a fresh snapshot when ATM moves and the window with it, once the held forward is 250 ms old', () => {
    const { view, feed, future, clock } = setup();
    view.snapshot(null);
    feed(encodeTicker({ segment: 2, securityId: future.securityId, ltp: 25_110, lttEpochS: 2 }));
    clock.advance(249);
    expect(view.flush(null)).toBeNull();
    clock.advance(1);
    const out = view.flush(null);
    if (!out || !('snapshot' in out)) throw new Error('expected a snapshot');
    expect(out.snapshot.summary.atmStrike).toBe(25_100);
    expect(out.snapshot.rows.map((r) => r.strike)).toEqual([25_000, 25_050, 25_100, 25_150, 25_200]);
  });

  it('holds the forward and rows whose only change is analytics for 250 ms; a side with a tick goes at once', () => {
    const { view, feed, expiry, future, clock, fullPacket, priceOf } = setup();
    const snapshot = view.snapshot(null);
    clock.advance(100);
    // The forward moves 10 points (every contract's IV and greeks will move; ATM stays at 25 000)
    // while 24 950 CE trades.
    feed(encodeTicker({ segment: 2, securityId: future.securityId, ltp: 25_010, lttEpochS: 2 }));
    const ce = expiry.strikes[3]!.ce!;
    feed(fullPacket(ce, priceOf(ce) + 2));
    const first = view.flush(null);
    if (!first || !('batch' in first)) throw new Error('expected a batch');
    // The forward was derived 100 ms ago (the snapshot): it is held, and the traded side is solved on it.
    expect(first.batch.summary.forward).toBe(25_000);
    expect(first.batch.rows.map((r) => r.strike)).toEqual([24_950]);
    expect(first.batch.rows[0]?.ce?.ltp).toBe(roundPrice(priceOf(ce) + 2, 0.05));
    const shown = applyChainRowPatch(snapshot.rows[1], first.batch.rows[0]!);
    // Only the side that traded was rebuilt and sent: the put is not in the batch.
    expect(Object.keys(first.batch.rows[0]!)).toEqual(['strike', 'ce']);
    clock.advance(149);
    expect(view.flush(null)).toBeNull();
    clock.advance(1);
    const due = view.flush(null);
    if (!due || !('batch' in due)) throw new Error('expected a batch');
    expect(due.batch.summary.forward).toBe(25_010);
    // Every row moved and was last rebuilt whole 250 ms ago (the snapshot; a tick rebuilds only
    // its side): the whole window goes now, on one forward.
    expect(due.batch.rows.map((r) => r.strike)).toEqual([24_900, 24_950, 25_000, 25_050, 25_100]);
    // The ATM call (priced for F = 25 000) is now in the money on F = 25 010: its delta rises from 0.5041.
    expect(due.batch.rows[2]?.ce?.delta).toBe(0.5119);
    // The 24 950 put, shown on F = 25 000, is refreshed with the window on F = 25 010.
    expect([shown?.pe?.delta, due.batch.rows[1]?.pe?.delta]).toEqual([-0.4575, -0.4508]);
    clock.advance(100);
    expect(view.flush(null)).toBeNull();
  });

  it('keeps the window where it is while ATM stays within a strike of its centre', () => {
    const { view, feed, future, clock } = setup();
    view.snapshot(null);
    feed(encodeTicker({ segment: 2, securityId: future.securityId, ltp: 25_040, lttEpochS: 2 }));
    clock.advance(250);
    const near = view.flush(null);
    if (!near || !('batch' in near)) throw new Error('expected a batch, not a snapshot');
    expect(near.batch.summary.atmStrike).toBe(25_050);
    feed(encodeTicker({ segment: 2, securityId: future.securityId, ltp: 25_010, lttEpochS: 3 }));
    clock.advance(250);
    const back = view.flush(null);
    if (!back || !('batch' in back)) throw new Error('expected a batch, not a snapshot');
    expect(back.batch.summary.atmStrike).toBe(25_000);
    feed(encodeTicker({ segment: 2, securityId: future.securityId, ltp: 24_890, lttEpochS: 4 }));
    clock.advance(250);
    const far = view.flush(null);
    if (!far || !('snapshot' in far)) throw new Error('expected a snapshot');
    expect(far.snapshot.rows.map((r) => r.strike)).toEqual([24_800, 24_850, 24_900, 24_950, 25_000]);
  });

  it('keeps DhanHQ values apart from ours', () => {
    const { view } = setup();
    view.setBroker(25_000, 'PE', { iv: 13.324, delta: -0.48765, gamma: 0.00071, theta: -12.5, vega: 11.3 });
    const row = view.snapshot(null).rows[2]!;
    expect(row.pe).toMatchObject({ brokerIv: 13.32, brokerDelta: -0.4877, brokerGamma: 0.00071, brokerTheta: -12.5, brokerVega: 11.3, iv: 15 });
    expect(row.ce?.brokerIv).toBeNull();
  });

  it('samples the ATM straddle into the day series every 15 seconds', () => {
    const { view, clock, feed, future } = setup(0);
    const first = view.snapshot(null);
    expect(first.straddleSeries).toHaveLength(1);
    expect(first.rows).toHaveLength(9);
    clock.advance(10_000);
    feed(encodeTicker({ segment: 0, securityId: 13, ltp: 24_991, lttEpochS: 2 }));
    const early = view.flush(null);
    expect(early && 'batch' in early ? early.batch.straddlePoint : 'none').toBeNull();
    clock.advance(5_000);
    feed(encodeTicker({ segment: 2, securityId: future.securityId, ltp: 25_001, lttEpochS: 3 }));
    const later = view.flush(null);
    if (!later || !('batch' in later)) throw new Error('expected a batch');
    expect(later.batch.straddlePoint?.atMs).toBe(NOW + 15_000);
  });
});
