import { describe, expect, it } from 'vitest';
import { DEFAULT_UNDERLYINGS } from '../../../src/shared/model/instruments';
import type { InstrumentMasterData, MasterFuture, MasterOption } from '../../../src/shared/model/master-data';
import { buildSkeleton, findSkeletonGaps } from '../../../src/shared/model/skeleton-builder';

let nextId = 1;
const option = (
  underlying: string,
  expiry: string,
  strike: number,
  side: 'CE' | 'PE',
  extra: Partial<MasterOption> = {},
): MasterOption => ({
  segment: underlying === 'SENSEX' || underlying === 'BANKEX' ? 'BSE_FNO' : 'NSE_FNO',
  securityId: nextId++,
  underlying,
  expiry,
  strike,
  side,
  lotSize: 75,
  tickSizeRupees: 0.05,
  tradingSymbol: `${underlying}-${expiry}-${strike}-${side}`,
  expiryFlag: 'W',
  ...extra,
});
const future = (underlying: string, expiry: string, securityId: number): MasterFuture => ({
  segment: underlying === 'SENSEX' ? 'BSE_FNO' : 'NSE_FNO',
  securityId,
  underlying,
  expiry,
  lotSize: 75,
  tickSizeRupees: 0.1,
  tradingSymbol: `${underlying}-${expiry}-FUT`,
  expiryFlag: 'M',
});

function data(): InstrumentMasterData {
  nextId = 1;
  return {
    options: [
      option('NIFTY', '2026-01-15', 25_100, 'PE'),
      option('NIFTY', '2026-01-08', 25_000, 'CE'),
      option('NIFTY', '2026-01-08', 24_900, 'PE'),
      option('NIFTY', '2026-01-08', 25_000, 'PE'),
      option('NIFTY', '2026-01-15', 25_100, 'CE', { lotSize: 65, expiryFlag: 'M' }),
      option('NIFTY', '2026-01-15', 25_200, 'CE', { lotSize: 65, expiryFlag: 'M' }),
      option('NIFTY', '2026-01-08', 25_000, 'CE'), // repeat: the first row wins
      option('SENSEX', '2026-01-06', 82_000, 'CE', { lotSize: 20 }),
      option('SENSEX', '2026-01-06', 82_000, 'PE', { lotSize: 20 }),
      option('NIFTYNXT50', '2026-01-27', 60_000, 'CE'),
      option('BANKNIFTY', '2026-01-27', 57_000, 'CE', { segment: 'BSE_FNO' }), // wrong segment: not BANKNIFTY's options
    ],
    futures: [
      future('NIFTY', '2026-02-24', 502),
      future('NIFTY', '2026-01-27', 501),
      future('NIFTY', '2026-01-27', 501),
      future('SENSEX', '2026-01-29', 601),
    ],
    indices: [{ symbol: 'NIFTY', securityId: 13 }],
  };
}

describe('building the option-chain skeleton', () => {
  const skeleton = buildSkeleton(data(), { underlyings: DEFAULT_UNDERLYINGS });

  it('counts underlyings, distinct expiries, distinct strikes and option contracts exactly', () => {
    expect(skeleton.counts).toEqual({ underlyings: 2, expiries: 3, strikes: 5, tokens: 8 });
    expect(skeleton.underlyings.map((u) => u.symbol)).toEqual(['NIFTY', 'SENSEX']);
  });

  it('sorts expiries and strikes and pairs CE with PE', () => {
    const nifty = skeleton.underlyings[0]!;
    expect(nifty.expiries.map((e) => e.expiry)).toEqual(['2026-01-08', '2026-01-15']);
    expect(
      nifty.expiries[0]!.strikes.map((s) => [s.strike, s.ce?.securityId ?? null, s.pe?.securityId ?? null]),
    ).toEqual([
      [24_900, null, 3],
      [25_000, 2, 4],
    ]);
    expect(
      nifty.expiries[1]!.strikes.map((s) => [s.strike, s.ce?.securityId ?? null, s.pe?.securityId ?? null]),
    ).toEqual([
      [25_100, 5, 1],
      [25_200, 6, null],
    ]);
  });

  it("takes each expiry's lot size, tick and flag from its contracts", () => {
    const [near, next] = skeleton.underlyings[0]!.expiries;
    expect([near!.lotSize, near!.tickSizeRupees, near!.expiryFlag]).toEqual([75, 0.05, 'W']);
    expect([next!.lotSize, next!.expiryFlag]).toEqual([65, 'M']);
  });

  it('uses the configured spot id and derivative segment, and lists futures by expiry once each', () => {
    const [nifty, sensex] = skeleton.underlyings;
    expect([nifty!.spot, nifty!.derivativeSegment]).toEqual([
      { segment: 'IDX_I', securityId: 13 },
      'NSE_FNO',
    ]);
    expect([sensex!.spot, sensex!.derivativeSegment]).toEqual([
      { segment: 'IDX_I', securityId: 51 },
      'BSE_FNO',
    ]);
    expect(nifty!.futures.map((f) => [f.securityId, f.expiry])).toEqual([
      [501, '2026-01-27'],
      [502, '2026-02-24'],
    ]);
    expect(sensex!.futures.map((f) => f.securityId)).toEqual([601]);
  });

  it('keeps only contract fields on the contracts', () => {
    expect(skeleton.underlyings[1]!.expiries[0]!.strikes[0]!.ce).toEqual({
      segment: 'BSE_FNO',
      securityId: 8,
      underlying: 'SENSEX',
      expiry: '2026-01-06',
      strike: 82_000,
      side: 'CE',
      lotSize: 20,
      tickSizeRupees: 0.05,
      tradingSymbol: 'SENSEX-2026-01-06-82000-CE',
    });
  });

  it('keeps only the nearest expiries when asked', () => {
    expect(
      buildSkeleton(data(), { underlyings: DEFAULT_UNDERLYINGS, maxExpiriesPerUnderlying: 1 }).counts,
    ).toEqual({
      underlyings: 2,
      expiries: 2,
      strikes: 3,
      tokens: 5,
    });
  });

  it('drops expired contracts and futures before minExpiry', () => {
    const later = buildSkeleton(data(), { underlyings: DEFAULT_UNDERLYINGS, minExpiry: '2026-01-09' });
    expect(later.counts).toEqual({ underlyings: 1, expiries: 1, strikes: 2, tokens: 3 });
    expect(later.underlyings[0]!.futures.map((f) => f.securityId)).toEqual([501, 502]);
    expect(
      buildSkeleton(data(), { underlyings: DEFAULT_UNDERLYINGS, minExpiry: '2026-02-01' }).counts.underlyings,
    ).toBe(0);
  });

  it('builds the same skeleton whatever the row order', () => {
    const reversed = { ...data(), options: [...data().options].reverse() };
    const again = buildSkeleton(reversed, { underlyings: DEFAULT_UNDERLYINGS });
    expect(again.counts).toEqual(skeleton.counts);
    expect(again.underlyings[0]!.expiries.map((e) => e.strikes.map((s) => s.strike))).toEqual([
      [24_900, 25_000],
      [25_100, 25_200],
    ]);
  });

  it('names the configured underlyings it did not find and the first empty level', () => {
    expect(findSkeletonGaps(skeleton, DEFAULT_UNDERLYINGS)).toEqual({
      missingUnderlyings: ['BANKNIFTY', 'FINNIFTY', 'MIDCPNIFTY', 'BANKEX'],
      problem: null,
    });
    const empty = buildSkeleton(
      { options: [], futures: [], indices: [] },
      { underlyings: DEFAULT_UNDERLYINGS },
    );
    expect(empty.counts).toEqual({ underlyings: 0, expiries: 0, strikes: 0, tokens: 0 });
    expect(findSkeletonGaps(empty, DEFAULT_UNDERLYINGS).problem).toBe('SKELETON_NO_UNDERLYINGS');
  });
});
