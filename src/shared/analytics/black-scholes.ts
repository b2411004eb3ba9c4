/**
 * Black–Scholes on spot, as a thin wrapper over Black-76 with F = S·e^{rT}. We do not price
 * with it (our model is Black-76 on the chain's forward); it exists so that published
 * Black–Scholes reference values can check our Black-76, and so a simulator can generate
 * spot-based premiums without a second model.
 */
import type { OptionSide } from '../model/instruments';
import { black76Greeks, black76Price } from './black76';

/**
 * Black–Scholes premium (no dividends).
 *
 * @param side 'CE' or 'PE'.
 * @param spot S > 0, rupees.
 * @param strike K > 0, rupees.
 * @param yearsToExpiry T in years.
 * @param sigma σ as a fraction.
 * @param rate continuously compounded annual rate; default 0.
 */
export function blackScholesPrice(side: OptionSide, spot: number, strike: number, yearsToExpiry: number, sigma: number, rate = 0): number {
  return black76Price(side, spot * Math.exp(rate * yearsToExpiry), strike, yearsToExpiry, sigma, rate);
}

/**
 * Black–Scholes spot delta and gamma: Black-76's forward greeks times dF/dS = e^{rT} (once for
 * delta, twice for gamma). Null where the greeks are undefined (T ≤ 0, σ ≤ 0).
 */
export function blackScholesSpotDeltaGamma(
  side: OptionSide,
  spot: number,
  strike: number,
  yearsToExpiry: number,
  sigma: number,
  rate = 0,
): { readonly delta: number; readonly gamma: number } | null {
  const growth = Math.exp(rate * yearsToExpiry);
  const greeks = black76Greeks(side, spot * growth, strike, yearsToExpiry, sigma, rate);
  return greeks === null ? null : { delta: greeks.delta * growth, gamma: greeks.gamma * growth * growth };
}
