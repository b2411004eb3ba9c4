import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { black76Greeks, black76Price, writeBlack76Greeks } from '../../../src/shared/analytics/black76';
import { blackScholesPrice, blackScholesSpotDeltaGamma } from '../../../src/shared/analytics/black-scholes';
import { expectDigits } from './reference-digits';

// Reference vectors: /work/shared/docs/analytics.md ("Reference values for tests").
describe('Black-76 reference vectors', () => {
  it('#1 Hull: S=42 K=40 r=10% σ=20% T=0.5 gives call 4.7594, put 0.8086', () => {
    expectDigits(blackScholesPrice('CE', 42, 40, 0.5, 0.2, 0.1), '4.7594');
    expectDigits(blackScholesPrice('PE', 42, 40, 0.5, 0.2, 0.1), '0.8086');
  });

  it('#2 Haug: F=K=19 r=10% σ=28% T=0.75 gives call = put = 1.701050725236268', () => {
    const call = black76Price('CE', 19, 19, 0.75, 0.28, 0.1);
    const put = black76Price('PE', 19, 19, 0.75, 0.28, 0.1);
    expect(call).toBe(put);
    // The published value is printed to 16 significant digits, one past what two independent
    // double-precision codes agree on; the exact value is 1.70105072523626713913… (50-digit
    // evaluation), and we return the double nearest to it.
    expect(call).toBeCloseTo(1.701050725236268, 14);
    expect(call).toBe(Number('1.70105072523626713913094346'));
  });

  it('#3 py_vollib: S=100 K=90 T=0.5 r=1% σ=20% gives call 12.111581435, put 1.66270456231', () => {
    expectDigits(blackScholesPrice('CE', 100, 90, 0.5, 0.2, 0.01), '12.111581435');
    expectDigits(blackScholesPrice('PE', 100, 90, 0.5, 0.2, 0.01), '1.66270456231');
  });

  it('#3b at the money S=K=100 T=0.5 r=1% σ=20% gives 5.87602423383', () => {
    expectDigits(blackScholesPrice('CE', 100, 100, 0.5, 0.2, 0.01), '5.87602423383');
  });

  it('#3c F=K=100 T=0.5 σ=20% gives 5.5811067246 discounted at 2% and 5.637197779701664 undiscounted', () => {
    expectDigits(black76Price('CE', 100, 100, 0.5, 0.2, 0.02), '5.5811067246');
    const undiscounted = black76Price('CE', 100, 100, 0.5, 0.2);
    // As in #2, the 16th digit is past double agreement; exact: 5.63719777970166238312…
    expect(undiscounted).toBeCloseTo(5.637197779701664, 14);
    expect(undiscounted).toBe(Number('5.63719777970166238312711126'));
  });

  it('#4b greeks F=49 K=50 r=5% T=0.3846 σ=20%: Δ, Γ, vega per point, Θ per day for call and put', () => {
    const call = black76Greeks('CE', 49, 50, 0.3846, 0.2, 0.05);
    const put = black76Greeks('PE', 49, 50, 0.3846, 0.2, 0.05);
    expectDigits(call?.delta, '0.45107017482');
    expectDigits(call?.gamma, '0.0640646706');
    expectDigits(call?.vegaPerVolPoint, '0.1183177856');
    expectDigits(call?.thetaPerDay, '-0.00816236877');
    expectDigits(put?.thetaPerDay, '-0.00802799155');
  });

  it('#5 S=K=1000 r=5% σ=30% T=0.5 gives call 96.34876628, put 71.65867831, Δ 0.588589114, Γ 0.001834072', () => {
    expectDigits(blackScholesPrice('CE', 1000, 1000, 0.5, 0.3, 0.05), '96.34876628');
    expectDigits(blackScholesPrice('PE', 1000, 1000, 0.5, 0.3, 0.05), '71.65867831');
    const spot = blackScholesSpotDeltaGamma('CE', 1000, 1000, 0.5, 0.3, 0.05);
    expectDigits(spot?.delta, '0.588589114');
    expectDigits(spot?.gamma, '0.001834072');
  });

  it('#5c stress S=K=1000 r=5% σ=200% T=0.01 gives call 79.88595116, put 79.38607614', () => {
    expectDigits(blackScholesPrice('CE', 1000, 1000, 0.01, 2, 0.05), '79.88595116');
    expectDigits(blackScholesPrice('PE', 1000, 1000, 0.01, 2, 0.05), '79.38607614');
  });
});

describe('Black-76 edge cases', () => {
  it('prices at expiry and at zero volatility as (discounted) intrinsic value', () => {
    expect(black76Price('CE', 105, 100, 0, 0.2)).toBe(5);
    expect(black76Price('PE', 105, 100, -0.1, 0.2)).toBe(0);
    expect(black76Price('PE', 95, 100, 1, 0, 0.05)).toBeCloseTo(5 * Math.exp(-0.05), 15);
  });

  it('returns NaN for a non-positive forward or strike rather than a price', () => {
    expect(black76Price('CE', 0, 100, 1, 0.2)).toBeNaN();
    expect(black76Price('CE', 100, -1, 1, 0.2)).toBeNaN();
  });

  it('has no greeks at expiry or at zero volatility, and writes NaN for them into columns', () => {
    expect(black76Greeks('CE', 100, 100, 0, 0.2)).toBeNull();
    expect(black76Greeks('CE', 100, 100, 0.1, 0)).toBeNull();
    const columns = { delta: new Float64Array(1), gamma: new Float64Array(1), thetaPerDay: new Float64Array(1), vegaPerVolPoint: new Float64Array(1) };
    writeBlack76Greeks(columns, 0, true, 100, 100, 0.1, Number.NaN, 0);
    expect([columns.delta[0], columns.gamma[0], columns.thetaPerDay[0], columns.vegaPerVolPoint[0]]).toEqual([Number.NaN, Number.NaN, Number.NaN, Number.NaN]);
  });

  it('writes the same greeks into columns as it returns as an object', () => {
    const columns = { delta: new Float64Array(2), gamma: new Float64Array(2), thetaPerDay: new Float64Array(2), vegaPerVolPoint: new Float64Array(2) };
    writeBlack76Greeks(columns, 1, false, 49, 50, 0.3846, 0.2, 0.05);
    const greeks = black76Greeks('PE', 49, 50, 0.3846, 0.2, 0.05);
    expect([columns.delta[1], columns.gamma[1], columns.thetaPerDay[1], columns.vegaPerVolPoint[1]]).toEqual([
      greeks?.delta,
      greeks?.gamma,
      greeks?.thetaPerDay,
      greeks?.vegaPerVolPoint,
    ]);
  });

  it('keeps a far out-of-the-money premium whose normalised value is subnormal', () => {
    // √(FK)·b with b ≈ 1e-320: computed in logs instead of returning 0 or a 1-digit value.
    const price = black76Price('CE', 100, 100 * Math.exp(62), 1, 2);
    expect(price).toBeGreaterThan(1e-300);
    expect(black76Price('CE', 100, 100 * Math.exp(62), 1, 2.0000001)).toBeGreaterThan(price);
  });
});

// Domains for the properties: forwards 1…100 000 rupees, strikes within ±3 in log-moneyness,
// T from one minute to five years, σ from 0.1 % to 500 %, r from 0 to 15 %.
const forwardArb = fc.double({ min: 1, max: 100_000, noNaN: true });
const logMoneynessArb = fc.double({ min: -3, max: 3, noNaN: true });
const yearsArb = fc.double({ min: 1 / (365 * 24 * 60), max: 5, noNaN: true });
const sigmaArb = fc.double({ min: 0.001, max: 5, noNaN: true });
const rateArb = fc.double({ min: 0, max: 0.15, noNaN: true });
const sideArb = fc.constantFrom('CE' as const, 'PE' as const);

describe('Black-76 properties', () => {
  it('premium increases with σ (σ steps of at least 1e-6 relative, above rounding noise)', () => {
    fc.assert(
      fc.property(
        sideArb,
        forwardArb,
        logMoneynessArb,
        yearsArb,
        sigmaArb,
        fc.double({ min: 1e-6, max: 10, noNaN: true }),
        rateArb,
        (side, forward, m, years, sigma, relativeStep, rate) => {
          const strike = forward * Math.exp(m);
          const lower = black76Price(side, forward, strike, years, sigma, rate);
          const higher = black76Price(side, forward, strike, years, sigma * (1 + relativeStep), rate);
          expect(higher).toBeGreaterThanOrEqual(lower);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('satisfies put–call parity C − P = e^{−rT}(F − K) to 1e-14 of the notional', () => {
    fc.assert(
      fc.property(forwardArb, logMoneynessArb, yearsArb, sigmaArb, rateArb, (forward, m, years, sigma, rate) => {
        const strike = forward * Math.exp(m);
        const call = black76Price('CE', forward, strike, years, sigma, rate);
        const put = black76Price('PE', forward, strike, years, sigma, rate);
        const parity = Math.exp(-rate * years) * (forward - strike);
        expect(Math.abs(call - put - parity)).toBeLessThanOrEqual(1e-14 * (forward + strike));
      }),
      { numRuns: 2000 },
    );
  });

  it('greeks match central finite differences within two standard deviations of the money', () => {
    // Steps scale with σ√T so truncation (∝ step²) and rounding (∝ 1/step²) both stay below
    // 1e-6 relative; strikes beyond ±2 s.d. have greeks too small for differences to resolve.
    fc.assert(
      fc.property(
        sideArb,
        fc.double({ min: 50, max: 50_000, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: 1 / 365, max: 2, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        rateArb,
        (side, forward, deviations, years, sigma, rate) => {
          const totalVol = sigma * Math.sqrt(years);
          const strike = forward * Math.exp(deviations * totalVol);
          const greeks = black76Greeks(side, forward, strike, years, sigma, rate);
          const price = (f: number, t: number, s: number): number => black76Price(side, f, strike, t, s, rate);
          const hF = 1e-3 * forward * totalVol;
          const delta = (price(forward + hF, years, sigma) - price(forward - hF, years, sigma)) / (2 * hF);
          const gamma = (price(forward + hF, years, sigma) - 2 * price(forward, years, sigma) + price(forward - hF, years, sigma)) / (hF * hF);
          const hS = 1e-4 * sigma;
          const vegaPerPoint = ((price(forward, years, sigma + hS) - price(forward, years, sigma - hS)) / (2 * hS)) * 0.01;
          const hT = 1e-4 * years;
          const thetaPerDay = -((price(forward, years + hT, sigma) - price(forward, years - hT, sigma)) / (2 * hT)) / 365;
          const close = (analytic: number | undefined, numeric: number, scale: number): void => {
            expect(Math.abs((analytic as number) - numeric)).toBeLessThanOrEqual(1e-5 * Math.abs(numeric) + 1e-10 * scale);
          };
          close(greeks?.delta, delta, 1);
          close(greeks?.gamma, gamma, 1 / (forward * totalVol));
          close(greeks?.vegaPerVolPoint, vegaPerPoint, forward * Math.sqrt(years) * 0.01);
          close(greeks?.thetaPerDay, thetaPerDay, (forward * sigma) / Math.sqrt(years) / 365);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
