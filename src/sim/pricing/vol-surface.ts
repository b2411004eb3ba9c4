/**
 * The simulated market's implied-volatility surface: an ATM term structure (short expiries a
 * little richer, as Indian index weeklies trade) times a smile in standardised moneyness with a
 * put skew. Call and put at one strike always get the same vol, so parity holds by design.
 */

export interface VolSurfaceParams {
  /** ATM vol of a one-month expiry, as a fraction. */
  readonly atmVol: number;
  /** Extra ATM vol for the shortest expiries, as a fraction of atmVol (decays over ~2 weeks). */
  readonly shortTermPremium: number;
  /** Slope in standardised moneyness; negative = put skew. */
  readonly skew: number;
  /** Curvature in standardised moneyness. */
  readonly smile: number;
}

const MIN_YEARS = 1 / (365 * 24 * 60); // one minute: keeps sqrt(T) finite on expiry afternoon

/** ATM vol for an expiry `years` away. */
export function atmVolFor(params: VolSurfaceParams, years: number): number {
  return params.atmVol * (1 + params.shortTermPremium * Math.exp(-Math.max(years, 0) / 0.04));
}

/** Vol for `strike` on an expiry `years` away whose forward is `forward`. */
export function surfaceVol(params: VolSurfaceParams, forward: number, strike: number, years: number): number {
  const t = Math.max(years, MIN_YEARS);
  const atm = atmVolFor(params, t);
  // Standardised moneyness, clamped so far wings flatten instead of exploding.
  const m = Math.max(-6, Math.min(6, Math.log(strike / forward) / (atm * Math.sqrt(t))));
  const factor = 1 + params.skew * m + params.smile * m * m;
  return atm * Math.max(0.5, Math.min(3, factor));
}
