import { describe, expect, it } from 'vitest';
import { black76Greeks, black76ImpliedVol, black76Price } from '../../src/sim/pricing/black76';
import { normalCdf } from '../../src/sim/pricing/normal-distribution';
import { surfaceVol } from '../../src/sim/pricing/vol-surface';

// Reference values from ../shared/docs/analytics.md, checked there by independent implementations.
describe("the simulator's own Black-76", () => {
  it('computes the normal CDF to double precision', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 15);
    expect(normalCdf(8)).toBeCloseTo(1 - 6.22096057427178e-16, 15);
  });

  it('prices the Haug/QuantLib ATM case: call = put = 1.701050725236268', () => {
    const inputs = { forward: 19, strike: 19, years: 0.75, vol: 0.28, rate: 0.1 };
    expect(black76Price('call', inputs)).toBeCloseTo(1.701050725236268, 12);
    expect(black76Price('put', inputs)).toBeCloseTo(1.701050725236268, 12);
  });

  it('prices discounted and undiscounted at-the-money calls (vector 3c)', () => {
    expect(black76Price('call', { forward: 100, strike: 100, years: 0.5, vol: 0.2, rate: 0.02 })).toBeCloseTo(5.5811067246, 9);
    expect(black76Price('call', { forward: 100, strike: 100, years: 0.5, vol: 0.2 })).toBeCloseTo(5.637197779701664, 12);
  });

  it('gives delta, gamma, vega per point and theta per day (vector 4b)', () => {
    const inputs = { forward: 49, strike: 50, years: 0.3846, vol: 0.2, rate: 0.05 };
    const call = black76Greeks('call', inputs);
    expect(call.delta).toBeCloseTo(0.45107017482, 9);
    expect(call.gamma).toBeCloseTo(0.0640646706, 9);
    expect(call.vega).toBeCloseTo(0.1183177856, 9);
    expect(call.theta).toBeCloseTo(-0.00816236877, 10);
    expect(black76Greeks('put', inputs).theta).toBeCloseTo(-0.00802799155, 10);
  });

  it('solves the implied vol of a limited-solve case (vector 6)', () => {
    expect(black76ImpliedVol('call', 6.54635543387, { forward: 100, strike: 100, years: 0.5 })).toBeCloseTo(0.232323232, 9);
  });

  it('matches the NIFTY reference (vector 7): IV 18.93%, delta 0.5111, theta -19.72/day, vega 11.707', () => {
    const years = 5.6199 / 365;
    const vol = black76ImpliedVol('call', 226.2, { forward: 23659, strike: 23650, years })!;
    expect(vol * 100).toBeCloseTo(18.93, 2);
    const g = black76Greeks('call', { forward: 23659, strike: 23650, years, vol });
    expect(g.delta).toBeCloseTo(0.5111, 4);
    expect(g.gamma).toBeCloseTo(0.000718, 6);
    expect(g.theta).toBeCloseTo(-19.72, 2);
    expect(g.vega).toBeCloseTo(11.707, 3);
  });

  it('returns null for a price below intrinsic and the intrinsic value at expiry', () => {
    expect(black76ImpliedVol('call', 5, { forward: 110, strike: 100, years: 0.1 })).toBeNull();
    expect(black76Price('put', { forward: 90, strike: 100, years: 0, vol: 0.2 })).toBe(10);
  });

  it('gives puts a higher vol than calls the same distance away (put skew) and one vol per strike', () => {
    const params = { atmVol: 0.12, shortTermPremium: 0.15, skew: -0.08, smile: 0.02 };
    const below = surfaceVol(params, 25_000, 24_000, 30 / 365);
    const above = surfaceVol(params, 25_000, 26_000, 30 / 365);
    expect(below).toBeGreaterThan(above);
    expect(surfaceVol(params, 25_000, 25_000, 30 / 365)).toBeCloseTo(0.12 * (1 + 0.15 * Math.exp(-30 / 365 / 0.04)), 12);
  });
});
