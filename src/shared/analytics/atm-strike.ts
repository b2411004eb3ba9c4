/** The at-the-money strike: nearest the forward, ties to the lower strike. */

/**
 * Index of the strike nearest `forward` in ascending `strikes`; on an exact tie, the lower
 * strike. −1 when there are no strikes or the forward is not a finite number.
 *
 * @param strikes ascending strike prices.
 * @param forward the chain's forward, rupees.
 */
export function atmStrikeIndex(strikes: ArrayLike<number>, forward: number): number {
  const count = strikes.length;
  if (count === 0 || !Number.isFinite(forward)) return -1;
  // Binary search for the first strike ≥ forward.
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((strikes[mid] as number) < forward) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return 0;
  if (lo === count) return count - 1;
  const below = forward - (strikes[lo - 1] as number);
  const above = (strikes[lo] as number) - forward;
  return above < below ? lo : lo - 1;
}
