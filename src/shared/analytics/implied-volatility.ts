/**
 * Implied volatility under Black-76: the σ at which the model premium equals a traded price.
 *
 * Method. The price is reduced to its out-of-the-money leg (an in-the-money premium minus its
 * intrinsic value, by put–call parity) and normalised: β = price / √(FK), x = −|ln(F/K)|. The
 * solver finds the total volatility s = σ√T with b(x, s) = β (see ./normalised-black.ts) by
 * Halley's method on g(s) = ln b(s) − ln β, safeguarded by a bracket [lo, hi] that every
 * evaluation narrows: a step that leaves the bracket falls back to Newton, then to bisection.
 * ln b bends the way Newton likes (its tangent lies above it across the range we use), so
 * iterates approach the root from below after at most one step; the log keeps deep
 * out-of-the-money prices (b ≈ 1e-300) as easy as at-the-money ones. The bracket guarantees
 * convergence where that shape does not hold.
 *
 * Initial guess, around the inflection point s_c = √(2|x|) where b is steepest. Above it: the
 * tangent at s_c (Brenner–Subrahmanyam's s ≈ √(2π)·β at the money). Below it, far from the
 * money: b ≈ b(s_c)·exp(−x²/2·(1/s² − 1/s_c²)), exact in the exponent as s → 0; nearer the
 * money: b ≈ s/√(2π) + x/2. A typical chain contract converges in 3–5 evaluations.
 *
 * Unsolvable inputs return null: T ≤ 0, a price that is zero, not finite, at or below the
 * intrinsic value, or at or above the upper bound (F for a call, K for a put, discounted).
 */
import type { OptionSide } from '../model/instruments';
import { logNormalisedOtmCall, logNormalisedVega, normalisedOtmCall } from './normalised-black';

const MAX_ITERATIONS = 100;
/**
 * Relative step below which s is taken as converged. The iterate returned is the one after
 * that step, whose error is of order (step)³ for Halley and (step)² for Newton, far below
 * 1e-15; a tighter bound would only chase the rounding noise in ln b.
 */
const STEP_TOLERANCE = 1e-10;
/** Relative bracket width at which bisection stops. */
const BRACKET_TOLERANCE = 4 * Number.EPSILON;
const SQRT_2PI = 2.5066282746310002;

/**
 * Black-76 implied volatility of one option.
 *
 * @param side 'CE' or 'PE'.
 * @param priceRupees the option's traded (discounted) premium.
 * @param forward F > 0 of the chain, rupees.
 * @param strike K > 0, rupees.
 * @param yearsToExpiry T in years (calendar, 365-day).
 * @param rate continuously compounded annual rate used only for discounting; default 0.
 * @returns σ as a fraction (0.2 for 20 %), or null when no volatility reproduces the price.
 */
export function impliedVolatility(
  side: OptionSide,
  priceRupees: number,
  forward: number,
  strike: number,
  yearsToExpiry: number,
  rate = 0,
): number | null {
  const sigma = impliedSigmaOrNaN(side === 'CE', priceRupees, forward, strike, yearsToExpiry, rate);
  return Number.isNaN(sigma) ? null : sigma;
}

/**
 * The allocation-free form of {@link impliedVolatility} for the per-tick path: NaN where the
 * public function returns null.
 */
export function impliedSigmaOrNaN(
  isCall: boolean,
  priceRupees: number,
  forward: number,
  strike: number,
  yearsToExpiry: number,
  rate: number,
): number {
  if (!(yearsToExpiry > 0 && priceRupees > 0 && forward > 0 && strike > 0)) return Number.NaN;
  if (!(Number.isFinite(yearsToExpiry) && Number.isFinite(priceRupees) && Number.isFinite(forward) && Number.isFinite(strike))) {
    return Number.NaN;
  }
  const undiscounted = priceRupees * Math.exp(rate * yearsToExpiry);
  const intrinsic = isCall ? Math.max(forward - strike, 0) : Math.max(strike - forward, 0);
  const otmPrice = undiscounted - intrinsic;
  // The out-of-the-money leg is worth less than min(F, K) at any finite volatility.
  if (!(otmPrice > 0 && otmPrice < Math.min(forward, strike))) return Number.NaN;
  const x = -Math.abs(Math.log(forward / strike));
  // In logs: otmPrice/√(FK) can underflow for tiny prices on large strikes.
  const logBeta = Math.log(otmPrice) - 0.5 * (Math.log(forward) + Math.log(strike));
  if (!(logBeta < 0.5 * x)) return Number.NaN;
  const totalVol = solveTotalVolatility(logBeta, x);
  return totalVol > 0 ? totalVol / Math.sqrt(yearsToExpiry) : Number.NaN;
}

/**
 * Solves b(x, s) = β for s, given ln β and x ≤ 0 with ln β < x/2 (which guarantees one root).
 * Exported for tests and the benchmark; callers want {@link impliedVolatility}.
 */
export function solveTotalVolatility(logBeta: number, x: number): number {
  let lo = 0;
  let hi = Number.POSITIVE_INFINITY;
  let s = initialGuess(logBeta, x);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const logB = logNormalisedOtmCall(x, s);
    const g = logB - logBeta;
    if (g === 0) return s;
    if (g < 0) lo = s;
    else hi = s;
    // g' = b'/b, in logs so that neither underflows.
    const g1 = Math.exp(logNormalisedVega(x, s) - logB);
    let next = Number.NaN;
    if (Number.isFinite(g) && g1 > 0 && Number.isFinite(g1)) {
      const newton = -g / g1;
      // Checked before the bracket: a step below one ulp of s would otherwise look like leaving it.
      if (Math.abs(newton) <= STEP_TOLERANCE * s) return s + newton;
      next = halleyOrNewton(x, s, newton, g1, lo, hi);
    }
    if (!(next > lo && next < hi)) next = bisect(s, lo, hi);
    if (hi - lo <= BRACKET_TOLERANCE * lo) return next;
    s = next;
  }
  return s;
}

function initialGuess(logBeta: number, x: number): number {
  const beta = Math.exp(logBeta);
  if (x === 0) return SQRT_2PI * beta;
  const sc = Math.sqrt(-2 * x);
  const bc = normalisedOtmCall(x, sc);
  if (beta <= bc) {
    const farGuess = 1 / Math.sqrt(1 / (sc * sc) + (2 * (Math.log(bc) - logBeta)) / (x * x));
    if (-x >= farGuess) return farGuess;
    // Near the money b ≈ s/√(2π) + x/2 (first order in x).
    return Math.min(sc, SQRT_2PI * (beta - 0.5 * x));
  }
  // b'(s_c) = e^{x/2}·φ(0).
  return sc + ((beta - bc) * SQRT_2PI) / Math.exp(0.5 * x);
}

/** Halley's step from s when it stays inside (lo, hi), else Newton's (which may leave it). */
function halleyOrNewton(x: number, s: number, newton: number, g1: number, lo: number, hi: number): number {
  // g'' = g'·(x²/s³ − s/4) − g'², from b'' = b'·(x²/s³ − s/4).
  const g2 = g1 * ((x * x) / (s * s * s) - 0.25 * s) - g1 * g1;
  const denominator = 1 + (newton * g2) / (2 * g1);
  if (denominator > 0.5) {
    const halley = s + newton / denominator;
    if (halley > lo && halley < hi) return halley;
  }
  return s + newton;
}

function bisect(s: number, lo: number, hi: number): number {
  if (hi === Number.POSITIVE_INFINITY) return 2 * Math.max(s, lo);
  if (lo === 0) return 0.5 * hi;
  // Geometric halving while the bracket spans orders of magnitude.
  return hi > 4 * lo ? Math.sqrt(lo * hi) : 0.5 * (lo + hi);
}
