/**
 * Max pain: the expiry price K* at which option writers pay out least,
 *   payout(K*) = Σ_k OI_CE(k)·max(K* − k, 0) + OI_PE(k)·max(k − K*, 0),
 * searched over the listed strikes. (Not "the strike with the largest OI", which several tools
 * show under this name.)
 *
 * payout is convex and piecewise linear in K*, and moving K* from strike j to j+1 changes it by
 * (K_{j+1} − K_j)·(Σ_{k≤j} OI_CE(k) − Σ_{k≥j+1} OI_PE(k)). So the minimum is at the first strike
 * where the call OI at or below it reaches the put OI above it: one pass over OI sums, exact
 * in integers, with no products of strikes and OI to round.
 */

/**
 * Index of the max-pain strike; ties (a flat stretch of payout) go to the lower strike.
 * Unknown OI (NaN) counts as zero. −1 when the chain has no open interest.
 *
 * @param callOi open interest per strike, ascending strike order.
 * @param putOi open interest per strike, same order and length.
 */
export function maxPainIndex(callOi: ArrayLike<number>, putOi: ArrayLike<number>): number {
  const count = callOi.length;
  let putAbove = 0;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const put = oiOrZero(putOi[i]);
    putAbove += put;
    total += put + oiOrZero(callOi[i]);
  }
  if (total === 0) return -1;
  let callAtOrBelow = 0;
  for (let j = 0; j < count; j++) {
    callAtOrBelow += oiOrZero(callOi[j]);
    putAbove -= oiOrZero(putOi[j]);
    if (callAtOrBelow >= putAbove) return j;
  }
  return count - 1;
}

/**
 * The max-pain strike itself, or null when the chain has no open interest.
 *
 * @param strikes ascending strike prices.
 * @param callOi open interest per strike.
 * @param putOi open interest per strike.
 */
export function maxPainStrike(strikes: ArrayLike<number>, callOi: ArrayLike<number>, putOi: ArrayLike<number>): number | null {
  const index = maxPainIndex(callOi, putOi);
  return index < 0 ? null : (strikes[index] as number);
}

/**
 * Writers' total payout if the underlying settles at `settlement`, in rupees × OI units: the
 * quantity max pain minimises. For display and for checking {@link maxPainIndex}.
 */
export function writersPayoutAt(
  settlement: number,
  strikes: ArrayLike<number>,
  callOi: ArrayLike<number>,
  putOi: ArrayLike<number>,
): number {
  let payout = 0;
  for (let i = 0; i < strikes.length; i++) {
    const strike = strikes[i] as number;
    payout += oiOrZero(callOi[i]) * Math.max(settlement - strike, 0) + oiOrZero(putOi[i]) * Math.max(strike - settlement, 0);
  }
  return payout;
}

function oiOrZero(value: number | undefined): number {
  return value !== undefined && value > 0 ? value : 0;
}
