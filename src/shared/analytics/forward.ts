/**
 * The chain's forward F, which every IV and greek of the chain uses: the matching future's LTP
 * when the engine has one for this expiry, else the put–call-parity forward from the strike
 * where |C − P| is smallest, F = K + (C − P)·e^{rT}. Near that strike parity is least
 * sensitive to the spread and staleness of either leg, and one F for both legs makes call and
 * put IV agree (Dhan's own figures, on spot with a fixed rate, do not).
 */

export type ForwardSource = 'future' | 'parity';

/** The forward a chain was computed with, and where it came from (the UI shows both). */
export interface ChainForward {
  readonly forward: number;
  readonly source: ForwardSource;
  /** The strike whose call and put gave the parity forward; null when the future was used. */
  readonly parityStrike: number | null;
}

/** Inputs of {@link chainForward}. Prices are the ones IV is solved from (mid or LTP). */
export interface ChainForwardInput {
  /** LTP of the future expiring with this chain; null or ≤ 0 when there is none. */
  readonly futureLtp: number | null;
  /** Ascending strikes. */
  readonly strikes: ArrayLike<number>;
  /** Call price per strike; NaN or ≤ 0 where unknown. */
  readonly callPrices: ArrayLike<number>;
  /** Put price per strike; NaN or ≤ 0 where unknown. */
  readonly putPrices: ArrayLike<number>;
  readonly yearsToExpiry: number;
  /** Continuously compounded annual rate; default 0. */
  readonly rate?: number;
}

/**
 * Index of the strike where both legs have a positive price and |C − P| is smallest; on a tie,
 * the lower strike. −1 when no strike has both prices.
 */
export function parityStrikeIndex(callPrices: ArrayLike<number>, putPrices: ArrayLike<number>): number {
  let best = -1;
  let bestGap = Number.POSITIVE_INFINITY;
  for (let i = 0; i < callPrices.length; i++) {
    const call = callPrices[i] as number;
    const put = putPrices[i] as number;
    if (!(call > 0 && put > 0)) continue;
    const gap = Math.abs(call - put);
    if (gap < bestGap) {
      bestGap = gap;
      best = i;
    }
  }
  return best;
}

/**
 * F = K + (C − P)·e^{rT}: put–call parity for options on a forward.
 *
 * @param strike K, rupees.
 * @param callPrice C at K, rupees (discounted premium).
 * @param putPrice P at K, rupees.
 * @param yearsToExpiry T in years.
 * @param rate continuously compounded annual rate; default 0.
 */
export function parityForward(strike: number, callPrice: number, putPrice: number, yearsToExpiry: number, rate = 0): number {
  const growth = rate === 0 ? 1 : Math.exp(rate * Math.max(yearsToExpiry, 0));
  return strike + (callPrice - putPrice) * growth;
}

/**
 * The chain's forward by our convention (see the file comment); null when there is no future
 * price and no strike with both legs priced.
 */
export function chainForward(input: ChainForwardInput): ChainForward | null {
  const { futureLtp } = input;
  if (futureLtp !== null && futureLtp > 0 && Number.isFinite(futureLtp)) {
    return { forward: futureLtp, source: 'future', parityStrike: null };
  }
  const index = parityStrikeIndex(input.callPrices, input.putPrices);
  if (index < 0) return null;
  const strike = input.strikes[index] as number;
  const forward = parityForward(
    strike,
    input.callPrices[index] as number,
    input.putPrices[index] as number,
    input.yearsToExpiry,
    input.rate ?? 0,
  );
  return forward > 0 ? { forward, source: 'parity', parityStrike: strike } : null;
}
