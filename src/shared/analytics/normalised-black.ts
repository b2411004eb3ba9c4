/**
 * Black's formula in normalised form, the shape both the pricer and the implied-volatility
 * solver work in. With x = ln(F/K) and s = σ√T, an undiscounted call is
 * √(FK)·b(x, s) where b(x, s) = e^{x/2}·N(x/s + s/2) − e^{−x/2}·N(x/s − s/2), and the put
 * is the call at −x. Only the out-of-the-money leg (x ≤ 0) is ever evaluated: the in-the-money
 * leg is intrinsic plus the other leg (put–call parity), which keeps every term positive.
 *
 * Three evaluation regions, d1 = x/s + s/2:
 * - d1 ≤ −1, or d1 ≤ 0 with s ≥ 1 (out of the money): both N terms are small; they share the
 *   factor exp(−(x²/s² + s²/4)/2), so b is computed from erfcx without underflow (and its log
 *   too).
 * - otherwise with s < 1 (near the money): the erf form
 *   b = sinh(x/2) + ½[e^{x/2}·erf(d1/√2) + e^{−x/2}·erf(−d2/√2)], exact to a few ulps when
 *   d1 and d2 are both small.
 * - otherwise: the plain N form, whose two terms stay well apart when s ≥ 1.
 * As with any difference of distribution functions, b loses about ε·min(1, |d1|)/s relative
 * when s is tiny (minutes to expiry), i.e. 1e-11 at s = 1e-5; the implied σ loses no more than
 * that, because b is at least as sensitive to s as s itself.
 */
import { erf, erfc, erfcx } from './normal-distribution';

const INV_SQRT_2 = Math.SQRT1_2;
/** Below this d1 the erfcx form is used; above it (near the money) the erf form loses less. */
const FAR_OTM_D1 = -1;
const LOG_SQRT_2PI = 0.9189385332046728;

/**
 * b(x, s) for x ≤ 0 and s ≥ 0: the normalised out-of-the-money call (see the file comment).
 * Returns 0 for s = 0.
 */
export function normalisedOtmCall(x: number, s: number): number {
  if (!(s > 0)) return 0;
  const h = x / s;
  const t = 0.5 * s;
  const d1 = h + t;
  const d2 = h - t;
  if (d1 <= FAR_OTM_D1 || (d1 <= 0 && s >= 1)) {
    const scale = 0.5 * Math.exp(-0.5 * (h * h + t * t));
    return scale * (erfcx(-d1 * INV_SQRT_2) - erfcx(-d2 * INV_SQRT_2));
  }
  const halfX = 0.5 * x;
  if (s < 1) {
    return Math.sinh(halfX) + 0.5 * (Math.exp(halfX) * erf(d1 * INV_SQRT_2) + Math.exp(-halfX) * erf(-d2 * INV_SQRT_2));
  }
  return 0.5 * (Math.exp(halfX) * erfc(-d1 * INV_SQRT_2) - Math.exp(-halfX) * erfc(-d2 * INV_SQRT_2));
}

/**
 * ln b(x, s) for x ≤ 0 and s > 0, finite even where b itself underflows (σ√T tiny against a
 * large |x|). −∞ when b is exactly 0.
 */
export function logNormalisedOtmCall(x: number, s: number): number {
  const h = x / s;
  const t = 0.5 * s;
  const d1 = h + t;
  if (d1 <= FAR_OTM_D1 || (d1 <= 0 && s >= 1)) {
    const d2 = h - t;
    const difference = erfcx(-d1 * INV_SQRT_2) - erfcx(-d2 * INV_SQRT_2);
    return -0.5 * (h * h + t * t) + Math.log(0.5 * difference);
  }
  return Math.log(normalisedOtmCall(x, s));
}

/**
 * ln of ∂b/∂s = e^{x/2}·φ(x/s + s/2), written as exp(−(x²/s² + s²/4)/2)/√(2π) so that it
 * never underflows before b does.
 */
export function logNormalisedVega(x: number, s: number): number {
  const h = x / s;
  const t = 0.5 * s;
  return -0.5 * (h * h + t * t) - LOG_SQRT_2PI;
}
