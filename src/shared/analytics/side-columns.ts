/**
 * Typed-array storage for one side (CE or PE) of a chain, one slot per strike. NaN means
 * "unknown"; nothing here is an object per contract, so a tick allocates nothing.
 */
import type { GreeksColumns } from './black76';

export const IV_SOURCE_NONE = 0;
export const IV_SOURCE_MID = 1;
export const IV_SOURCE_LTP = 2;

/** Dirty bits per contract, cleared by ChainAnalytics.recompute(). */
export const DIRTY_PRICE = 1;
export const DIRTY_OI = 2;

export interface SideColumns extends GreeksColumns {
  // Inputs, as the feed or REST snapshot gives them.
  readonly ltp: Float64Array;
  readonly bid: Float64Array;
  readonly ask: Float64Array;
  readonly prevClose: Float64Array;
  readonly oi: Float64Array;
  readonly prevOi: Float64Array;
  readonly volume: Float64Array;
  // Derived, as of the last recompute.
  readonly ivInputPrice: Float64Array;
  /** IV_SOURCE_* per strike. */
  readonly ivSource: Uint8Array;
  readonly sigma: Float64Array;
  /** DIRTY_* bits per strike. */
  readonly dirty: Uint8Array;
  /** 1 where IV and greeks are owed from the last recompute's inputs: solved at their first read. */
  readonly owed: Uint8Array;
}

export function createSideColumns(strikeCount: number): SideColumns {
  const unknown = (): Float64Array => new Float64Array(strikeCount).fill(Number.NaN);
  return {
    ltp: unknown(),
    bid: unknown(),
    ask: unknown(),
    prevClose: unknown(),
    oi: unknown(),
    prevOi: unknown(),
    volume: unknown(),
    ivInputPrice: unknown(),
    ivSource: new Uint8Array(strikeCount),
    sigma: unknown(),
    delta: unknown(),
    gamma: unknown(),
    thetaPerDay: unknown(),
    vegaPerVolPoint: unknown(),
    dirty: new Uint8Array(strikeCount),
    owed: new Uint8Array(strikeCount),
  };
}

/** null for NaN, the number otherwise: the edge where typed-array storage meets JSON. */
export function nullIfNaN(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}
