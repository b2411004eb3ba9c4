import { describe, expect, it } from 'vitest';
import { applyChainRowPatch, chainRowPatch } from '../../../src/shared/api/chain-row-patch';
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

/** What a client shows after receiving `patch` for a row it shows as `sent`. */
const applied = (sent: ChainRow, patch: ReturnType<typeof chainRowPatch>): ChainRow | null =>
  patch === null ? sent : applyChainRowPatch(sent, patch);

describe('chain row patches', () => {
  it('are null for a copy of a row', () => {
    expect(
      chainRowPatch(row, { strike: 23_500, ce: { ...side }, pe: { ...(row.pe as SideView) } }),
    ).toBeNull();
  });

  it("carry exactly the fields that changed, with the side's security id, and only the sides that changed", () => {
    const fields = Object.keys(side) as (keyof SideView)[];
    expect(fields).toHaveLength(26);
    for (const field of fields.filter((f) => f !== 'securityId')) {
      const value = field === 'buildUp' ? 'long-unwinding' : field === 'source' ? 'rest' : 7;
      const changed = { ...side, [field]: value };
      expect(chainRowPatch(row, { ...row, ce: changed }), `ce.${field}`).toEqual({
        strike: 23_500,
        ce: { securityId: 35_001, [field]: value },
      });
      expect(
        chainRowPatch(row, { ...row, pe: { ...(row.pe as SideView), [field]: value } }),
        `pe.${field}`,
      ).toEqual({
        strike: 23_500,
        pe: { securityId: 35_002, [field]: value },
      });
    }
    const traded = { ...side, ltp: 102, change: -2.75, volume: 9_876_000, updatedAtMs: 1_737_970_200_456 };
    expect(JSON.stringify(chainRowPatch(row, { ...row, ce: traded }))).toBe(
      '{"strike":23500,"ce":{"securityId":35001,"ltp":102,"change":-2.75,"volume":9876000,"updatedAtMs":1737970200456}}',
    );
  });

  it('send a whole side for a contract the client did not have, null for one that is gone', () => {
    expect(chainRowPatch({ ...row, pe: null }, row)).toEqual({ strike: 23_500, pe: row.pe });
    expect(chainRowPatch(row, { ...row, ce: null })).toEqual({ strike: 23_500, ce: null });
    expect(chainRowPatch({ ...row, pe: null }, { ...row, pe: null })).toBeNull();
  });

  it('treat values as JSON writes them: null, NaN and infinities alike, 0 and −0 alike', () => {
    expect(
      chainRowPatch({ ...row, ce: { ...side, iv: null } }, { ...row, ce: { ...side, iv: Number.NaN } }),
    ).toBeNull();
    expect(
      chainRowPatch(
        { ...row, ce: { ...side, iv: Number.POSITIVE_INFINITY } },
        { ...row, ce: { ...side, iv: null } },
      ),
    ).toBeNull();
    expect(
      chainRowPatch({ ...row, ce: { ...side, change: 0 } }, { ...row, ce: { ...side, change: -0 } }),
    ).toBeNull();
    expect(chainRowPatch({ ...row, ce: { ...side, iv: null } }, { ...row, ce: { ...side, iv: 0 } })).toEqual({
      strike: 23_500,
      ce: { securityId: 35_001, iv: 0 },
    });
  });

  it('give back the new row when applied to the old one', () => {
    const next: ChainRow = {
      strike: 23_500,
      ce: { ...side, ltp: 99, iv: 13.9, buildUp: null },
      pe: { ...(row.pe as SideView), delta: -0.4901 },
    };
    expect(applied(row, chainRowPatch(row, next))).toEqual(next);
    expect(applied(row, chainRowPatch(row, { ...row, pe: null }))).toEqual({ ...row, pe: null });
    expect(applied({ ...row, ce: null }, chainRowPatch({ ...row, ce: null }, row))).toEqual(row);
    expect(applied(row, chainRowPatch(row, row))).toBe(row);
  });

  it('apply to a row the client does not have only when they name every field of each side', () => {
    expect(applyChainRowPatch(undefined, row)).toEqual(row);
    expect(
      applyChainRowPatch(undefined, { strike: 23_500, ce: { securityId: 35_001, ltp: 99 }, pe: null }),
    ).toBeNull();
    expect(applyChainRowPatch(undefined, { strike: 23_500, pe: row.pe })).toBeNull();
    // A side patch for another contract than the one shown is applied only when whole.
    expect(applyChainRowPatch(row, { strike: 23_500, ce: { securityId: 99, ltp: 1 } })).toBeNull();
  });
});
