import { describe, expect, it } from 'vitest';
import { sameChainRow } from '../../../src/main/engine/chain-row-equality';
import type { ChainRow, SideView } from '../../../src/shared/api/view-types';

const side: SideView = {
  securityId: 35_001,
  ltp: 101.5,
  change: -3.25,
  changePct: -3.1,
  prevClose: 104.75,
  oi: 1_250_000,
  prevOi: 1_100_000,
  oiChange: 150_000,
  volume: 9_875_000,
  bidPrice: 101.45,
  bidQty: 750,
  askPrice: 101.55,
  askQty: 1_125,
  iv: 14.27,
  delta: 0.5123,
  gamma: 0.000871,
  theta: -11.42,
  vega: 8.31,
  brokerIv: 14.3,
  brokerDelta: 0.51,
  brokerGamma: 0.00087,
  brokerTheta: -11.4,
  brokerVega: 8.3,
  buildUp: 'short-buildup',
  source: 'feed',
  updatedAtMs: 1_737_970_200_123,
};
const row: ChainRow = { strike: 23_500, ce: side, pe: { ...side, securityId: 35_002, delta: -0.4877 } };

describe('sameChainRow', () => {
  it('holds for a copy of a row', () => {
    expect(sameChainRow(row, { strike: 23_500, ce: { ...side }, pe: { ...(row.pe as SideView) } })).toBe(
      true,
    );
  });

  it('tells apart rows that differ in any one field of either side, or in the strike', () => {
    const fields = Object.keys(side) as (keyof SideView)[];
    expect(fields).toHaveLength(26);
    for (const field of fields) {
      const changed = {
        ...side,
        [field]: field === 'buildUp' ? 'long-unwinding' : field === 'source' ? 'rest' : 7,
      };
      expect(sameChainRow(row, { ...row, ce: changed }), `ce.${field}`).toBe(false);
      expect(sameChainRow(row, { ...row, pe: changed }), `pe.${field}`).toBe(false);
    }
    expect(sameChainRow(row, { ...row, strike: 23_550 })).toBe(false);
  });

  it('compares a missing side only with a missing side', () => {
    expect(sameChainRow({ ...row, pe: null }, { ...row, pe: null })).toBe(true);
    expect(sameChainRow({ ...row, pe: null }, row)).toBe(false);
    expect(sameChainRow(row, { ...row, ce: null })).toBe(false);
  });

  it('treats values as JSON writes them: null, NaN and infinities alike, 0 and −0 alike', () => {
    expect(
      sameChainRow({ ...row, ce: { ...side, iv: null } }, { ...row, ce: { ...side, iv: Number.NaN } }),
    ).toBe(true);
    expect(
      sameChainRow(
        { ...row, ce: { ...side, iv: Number.POSITIVE_INFINITY } },
        { ...row, ce: { ...side, iv: null } },
      ),
    ).toBe(true);
    expect(
      sameChainRow({ ...row, ce: { ...side, change: 0 } }, { ...row, ce: { ...side, change: -0 } }),
    ).toBe(true);
    expect(sameChainRow({ ...row, ce: { ...side, iv: null } }, { ...row, ce: { ...side, iv: 0 } })).toBe(
      false,
    );
  });
});
