/**
 * Black-76: European options on a forward F, discounted at a continuously compounded rate r.
 * Our one pricing model (conventions in ./README.md): delta and gamma are per unit of the
 * forward, theta is rupees per calendar day (annual / 365), vega is rupees per volatility point
 * (annual vega × 0.01). Every function is pure; the allocation-free {@link writeBlack76Greeks}
 * is the one the per-tick engine path uses.
 */
import type { OptionSide } from '../model/instruments';
import { normCdf, normPdf } from './normal-distribution';
import { logNormalisedOtmCall, normalisedOtmCall } from './normalised-black';

export const DAYS_PER_YEAR = 365;
const SMALLEST_NORMAL = 2.2250738585072014e-308;

/** Greeks of one option under Black-76. Computed only by this module's functions. */
export interface Black76Greeks {
  /** Discounted premium, rupees. */
  readonly priceRupees: number;
  /** ∂price/∂F. */
  readonly delta: number;
  /** ∂²price/∂F². */
  readonly gamma: number;
  /** Premium change for one calendar day passing, rupees (negative for a long option when r = 0). */
  readonly thetaPerDay: number;
  /** Premium change for a one-point (0.01) rise in σ, rupees. */
  readonly vegaPerVolPoint: number;
}

/** Columns the allocation-free greeks writer fills, one slot per contract. */
export interface GreeksColumns {
  readonly delta: Float64Array;
  readonly gamma: Float64Array;
  readonly thetaPerDay: Float64Array;
  readonly vegaPerVolPoint: Float64Array;
}

/**
 * Undiscounted Black value for σ√T = `totalVol`: intrinsic plus the out-of-the-money leg's
 * normalised value, so nothing is lost to cancellation deep in or out of the money.
 */
export function undiscountedBlack(isCall: boolean, forward: number, strike: number, totalVol: number): number {
  const intrinsic = isCall ? Math.max(forward - strike, 0) : Math.max(strike - forward, 0);
  const x = -Math.abs(Math.log(forward / strike));
  const normalised = normalisedOtmCall(x, totalVol);
  if (normalised >= SMALLEST_NORMAL || normalised === 0 && !(totalVol > 0)) {
    return intrinsic + Math.sqrt(forward * strike) * normalised;
  }
  // b is subnormal (or underflowed) but √(FK)·b may not be: scale in logs.
  return intrinsic + Math.exp(0.5 * (Math.log(forward) + Math.log(strike)) + logNormalisedOtmCall(x, totalVol));
}

/**
 * Black-76 premium of a call ('CE') or put ('PE').
 *
 * @param side 'CE' or 'PE'.
 * @param forward F > 0, rupees.
 * @param strike K > 0, rupees.
 * @param yearsToExpiry T in years (calendar, 365-day). T ≤ 0 gives the intrinsic value.
 * @param sigma volatility as a fraction (0.2 for 20 %). σ ≤ 0 gives the discounted intrinsic value.
 * @param rate continuously compounded annual rate used only for discounting; default 0.
 * @returns the discounted premium in rupees; NaN when F or K is not a positive finite number.
 */
export function black76Price(
  side: OptionSide,
  forward: number,
  strike: number,
  yearsToExpiry: number,
  sigma: number,
  rate = 0,
): number {
  if (!(forward > 0 && strike > 0 && Number.isFinite(forward) && Number.isFinite(strike))) return Number.NaN;
  const years = Math.max(yearsToExpiry, 0);
  const totalVol = sigma > 0 ? sigma * Math.sqrt(years) : 0;
  return Math.exp(-rate * years) * undiscountedBlack(side === 'CE', forward, strike, totalVol);
}

/**
 * Black-76 premium and greeks. Greeks are undefined at or after expiry and at zero volatility,
 * so those inputs return null rather than a made-up 0.
 *
 * @param side 'CE' or 'PE'.
 * @param forward F > 0, rupees.
 * @param strike K > 0, rupees.
 * @param yearsToExpiry T > 0 in years (calendar, 365-day).
 * @param sigma σ > 0 as a fraction.
 * @param rate continuously compounded annual rate; default 0.
 */
export function black76Greeks(
  side: OptionSide,
  forward: number,
  strike: number,
  yearsToExpiry: number,
  sigma: number,
  rate = 0,
): Black76Greeks | null {
  if (!greeksDefined(forward, strike, yearsToExpiry, sigma)) return null;
  const isCall = side === 'CE';
  const sqrtT = Math.sqrt(yearsToExpiry);
  const totalVol = sigma * sqrtT;
  const discount = Math.exp(-rate * yearsToExpiry);
  const d1 = Math.log(forward / strike) / totalVol + 0.5 * totalVol;
  const density = normPdf(d1);
  const priceRupees = discount * undiscountedBlack(isCall, forward, strike, totalVol);
  return {
    priceRupees,
    delta: isCall ? discount * normCdf(d1) : -discount * normCdf(-d1),
    gamma: (discount * density) / (forward * totalVol),
    thetaPerDay: thetaAnnual(discount, forward, density, sigma, sqrtT, rate, priceRupees) / DAYS_PER_YEAR,
    vegaPerVolPoint: discount * forward * density * sqrtT * 0.01,
  };
}

/**
 * Writes delta, gamma, theta per day and vega per vol point of one contract into `out` at
 * `index` without allocating; writes NaN to all four when the greeks are undefined (see
 * {@link black76Greeks}). Same parameters as {@link black76Greeks}, with `isCall` for the side.
 */
export function writeBlack76Greeks(
  out: GreeksColumns,
  index: number,
  isCall: boolean,
  forward: number,
  strike: number,
  yearsToExpiry: number,
  sigma: number,
  rate: number,
): void {
  if (!greeksDefined(forward, strike, yearsToExpiry, sigma)) {
    out.delta[index] = Number.NaN;
    out.gamma[index] = Number.NaN;
    out.thetaPerDay[index] = Number.NaN;
    out.vegaPerVolPoint[index] = Number.NaN;
    return;
  }
  const sqrtT = Math.sqrt(yearsToExpiry);
  const totalVol = sigma * sqrtT;
  const discount = Math.exp(-rate * yearsToExpiry);
  const d1 = Math.log(forward / strike) / totalVol + 0.5 * totalVol;
  const density = normPdf(d1);
  // The theta carry term r·price is zero at the default r = 0; skip the price evaluation then.
  const price = rate === 0 ? 0 : discount * undiscountedBlack(isCall, forward, strike, totalVol);
  out.delta[index] = isCall ? discount * normCdf(d1) : -discount * normCdf(-d1);
  out.gamma[index] = (discount * density) / (forward * totalVol);
  out.thetaPerDay[index] = thetaAnnual(discount, forward, density, sigma, sqrtT, rate, price) / DAYS_PER_YEAR;
  out.vegaPerVolPoint[index] = discount * forward * density * sqrtT * 0.01;
}

function greeksDefined(forward: number, strike: number, yearsToExpiry: number, sigma: number): boolean {
  return (
    forward > 0 &&
    strike > 0 &&
    yearsToExpiry > 0 &&
    sigma > 0 &&
    Number.isFinite(forward) &&
    Number.isFinite(strike) &&
    Number.isFinite(yearsToExpiry) &&
    Number.isFinite(sigma)
  );
}

/** −∂price/∂T with F held: the time decay of the forward option plus the discounting carry. */
function thetaAnnual(
  discount: number,
  forward: number,
  density: number,
  sigma: number,
  sqrtT: number,
  rate: number,
  price: number,
): number {
  return (-discount * forward * density * sigma) / (2 * sqrtT) + rate * price;
}
