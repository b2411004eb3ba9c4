/**
 * Black-76 on a forward: the simulator's own option pricer. Conventions follow
 * ../shared/docs/analytics.md (delta per unit of forward, theta per calendar day, vega per vol
 * point) so the app's broker-value columns read naturally, but none of the app's code is used.
 */
import { normalCdf, normalPdf } from './normal-distribution';

export type OptionKind = 'call' | 'put';

export interface Black76Inputs {
  readonly forward: number;
  readonly strike: number;
  /** Years (calendar time / 365 days). */
  readonly years: number;
  /** Annualised volatility as a fraction (0.12 = 12%). */
  readonly vol: number;
  /** Continuously compounded rate used only for discounting. Default 0 (the simulator's choice). */
  readonly rate?: number;
}

export interface Black76Greeks {
  readonly price: number;
  readonly delta: number;
  readonly gamma: number;
  /** Per calendar day. */
  readonly theta: number;
  /** Per 1 volatility point. */
  readonly vega: number;
}

/** Undiscounted-or-discounted Black-76 price; at or past expiry (or zero vol) the discounted intrinsic value. */
export function black76Price(kind: OptionKind, inputs: Black76Inputs): number {
  const { forward: f, strike: k, years: t, vol } = inputs;
  const df = Math.exp(-(inputs.rate ?? 0) * Math.max(t, 0));
  if (t <= 0 || vol <= 0) return df * Math.max(kind === 'call' ? f - k : k - f, 0);
  const sd = vol * Math.sqrt(t);
  const d1 = (Math.log(f / k) + 0.5 * sd * sd) / sd;
  const d2 = d1 - sd;
  return kind === 'call' ? df * (f * normalCdf(d1) - k * normalCdf(d2)) : df * (k * normalCdf(-d2) - f * normalCdf(-d1));
}

/** Price and greeks; greeks are zero at or past expiry. */
export function black76Greeks(kind: OptionKind, inputs: Black76Inputs): Black76Greeks {
  const { forward: f, strike: k, years: t, vol } = inputs;
  const rate = inputs.rate ?? 0;
  const price = black76Price(kind, inputs);
  if (t <= 0 || vol <= 0) {
    const itm = kind === 'call' ? f > k : k > f;
    return { price, delta: itm ? (kind === 'call' ? 1 : -1) : 0, gamma: 0, theta: 0, vega: 0 };
  }
  const df = Math.exp(-rate * t);
  const sqrtT = Math.sqrt(t);
  const sd = vol * sqrtT;
  const d1 = (Math.log(f / k) + 0.5 * sd * sd) / sd;
  const pdf = normalPdf(d1);
  const delta = kind === 'call' ? df * normalCdf(d1) : -df * normalCdf(-d1);
  const gamma = (df * pdf) / (f * sd);
  const vegaAnnual = df * f * pdf * sqrtT;
  const thetaAnnual = (-df * f * pdf * vol) / (2 * sqrtT) + rate * price;
  return { price, delta, gamma, theta: thetaAnnual / 365, vega: vegaAnnual * 0.01 };
}

/**
 * The volatility that reproduces `price`, by bisection on [1e-4, 5]; null when the price lies
 * outside the no-arbitrage bounds or time has run out. Slow but certain: for tests and tools.
 */
export function black76ImpliedVol(
  kind: OptionKind,
  price: number,
  inputs: Omit<Black76Inputs, 'vol'>,
): number | null {
  if (!(price > 0) || inputs.years <= 0) return null;
  let lo = 1e-4;
  let hi = 5;
  const at = (vol: number): number => black76Price(kind, { ...inputs, vol });
  if (price <= at(lo) || price >= at(hi)) return null;
  for (let i = 0; i < 200 && hi - lo > 1e-12; i++) {
    const mid = 0.5 * (lo + hi);
    if (at(mid) < price) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
