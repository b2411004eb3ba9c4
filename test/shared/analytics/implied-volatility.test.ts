import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { black76Greeks, black76Price } from '../../../src/shared/analytics/black76';
import { blackScholesPrice } from '../../../src/shared/analytics/black-scholes';
import { parityForward } from '../../../src/shared/analytics/forward';
import { impliedVolatility } from '../../../src/shared/analytics/implied-volatility';
import { expectDigits } from './reference-digits';

const MINUTE_IN_YEARS = 1 / (365 * 24 * 60);

describe('implied volatility reference vectors (to 1e-9 in σ)', () => {
  it('#3b recovers σ = 0.2 from the Black–Scholes ATM price 5.87602423383 (F = S·e^{rT})', () => {
    const forward = 100 * Math.exp(0.01 * 0.5);
    const sigma = impliedVolatility('CE', 5.87602423383, forward, 100, 0.5, 0.01);
    expect(Math.abs((sigma as number) - 0.2)).toBeLessThan(1e-9);
  });

  it('#6 recovers σ = 0.232323232 from the undiscounted ATM call 6.54635543387', () => {
    const sigma = impliedVolatility('CE', 6.54635543387, 100, 100, 0.5);
    expect(Math.abs((sigma as number) - 0.232323232)).toBeLessThan(1e-9);
  });

  it('#7 NIFTY F=23659 T=5.6199 days: 23650 CE at 226.20 has IV 18.93 %, Δ 0.5111, Γ 0.000718, Θ −19.72/day, vega 11.707', () => {
    const years = 5.6199 / 365;
    const sigma = impliedVolatility('CE', 226.2, 23659, 23650, years) as number;
    expectDigits(sigma * 100, '18.93');
    const greeks = black76Greeks('CE', 23659, 23650, years, sigma);
    expectDigits(greeks?.delta, '0.5111');
    expectDigits(greeks?.gamma, '0.000718');
    expectDigits(greeks?.thetaPerDay, '-19.72');
    expectDigits(greeks?.vegaPerVolPoint, '11.707');
  });

  it('#8 Dhan sample: parity forward 24960.05 from 25000 CE 125.05 / PE 165 gives one IV ≈ 11.07 % for both legs', () => {
    const years = 6.23 / 365;
    const forward = parityForward(25000, 125.05, 165, years);
    expectDigits(forward, '24960.05');
    const call = impliedVolatility('CE', 125.05, forward, 25000, years) as number;
    const put = impliedVolatility('PE', 165, forward, 25000, years) as number;
    expectDigits(call * 100, '11.07');
    expectDigits(put * 100, '11.07');
    expect(Math.abs(call - put)).toBeLessThan(1e-12);
  });

  it('#1 Hull recovers σ = 0.2 from the exact Black–Scholes prices of both legs', () => {
    const forward = 42 * Math.exp(0.1 * 0.5);
    for (const side of ['CE', 'PE'] as const) {
      const price = blackScholesPrice(side, 42, 40, 0.5, 0.2, 0.1);
      expect(Math.abs((impliedVolatility(side, price, forward, 40, 0.5, 0.1) as number) - 0.2)).toBeLessThan(1e-12);
    }
  });
});

describe('implied volatility returns null where no volatility solves', () => {
  it.each([
    ['a call below intrinsic', 'CE', 4.99, 105, 100, 0.1],
    ['a call exactly at intrinsic', 'CE', 5, 105, 100, 0.1],
    ['a put below intrinsic', 'PE', 9.5, 90, 100, 0.1],
    ['a zero price', 'CE', 0, 100, 100, 0.1],
    ['a negative price', 'PE', -1, 100, 100, 0.1],
    ['a NaN price', 'CE', Number.NaN, 100, 100, 0.1],
    ['an infinite price', 'CE', Number.POSITIVE_INFINITY, 100, 100, 0.1],
    ['T = 0 (at expiry)', 'CE', 2, 100, 100, 0],
    ['T < 0 (after expiry)', 'CE', 2, 100, 100, -0.001],
    ['a call at or above the forward', 'CE', 100, 100, 90, 0.1],
    ['a put at or above the strike', 'PE', 100, 80, 100, 0.1],
    ['a zero forward', 'CE', 1, 0, 100, 0.1],
    ['a zero strike', 'PE', 1, 100, 0, 0.1],
  ] as const)('for %s', (_label, side, price, forward, strike, years) => {
    expect(impliedVolatility(side, price, forward, strike, years)).toBeNull();
  });

  it('uses the discounted intrinsic value as the floor when r > 0', () => {
    // Discounted intrinsic of the 100 put on F = 90 at r = 10 %, T = 1: 10·e^{−0.1} = 9.048…
    expect(impliedVolatility('PE', 9.04, 90, 100, 1, 0.1)).toBeNull();
    expect(impliedVolatility('PE', 9.06, 90, 100, 1, 0.1)).toBeGreaterThan(0);
  });

  it('returns null or a positive finite σ for any input whatsoever', () => {
    const anyNumber = fc.double();
    fc.assert(
      fc.property(fc.constantFrom('CE' as const, 'PE' as const), anyNumber, anyNumber, anyNumber, anyNumber, fc.double({ min: -1, max: 1 }), (side, price, forward, strike, years, rate) => {
        const sigma = impliedVolatility(side, price, forward, strike, years, rate);
        if (sigma !== null) {
          expect(Number.isFinite(sigma)).toBe(true);
          expect(sigma).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

// Round-trip domain: σ from 0.5 % to 400 %, T from one minute to five years, strikes from 35
// standard deviations (σ√T) below the forward to 35 above, forwards 1…100 000, r 0…15 %.
const sideArb = fc.constantFrom('CE' as const, 'PE' as const);
const sigmaArb = fc.double({ min: 0.005, max: 4, noNaN: true });
const yearsArb = fc.double({ min: MINUTE_IN_YEARS, max: 5, noNaN: true });
const deviationsArb = fc.double({ min: -35, max: 35, noNaN: true });
const forwardArb = fc.double({ min: 1, max: 100_000, noNaN: true });
const rateArb = fc.double({ min: 0, max: 0.15, noNaN: true });

interface Case {
  readonly side: 'CE' | 'PE';
  readonly forward: number;
  readonly strike: number;
  readonly years: number;
  readonly sigma: number;
  readonly rate: number;
}

const caseArb = fc
  .tuple(sideArb, forwardArb, deviationsArb, yearsArb, sigmaArb, rateArb)
  .map(([side, forward, deviations, years, sigma, rate]): Case => ({
    side,
    forward,
    strike: forward * Math.exp(deviations * sigma * Math.sqrt(years)),
    years,
    sigma,
    rate,
  }));

const isOutOfTheMoney = (c: Case): boolean => (c.side === 'CE' ? c.strike >= c.forward : c.strike <= c.forward);

describe('implied volatility round trip IV(price(σ)) = σ', () => {
  it('recovers σ to 1e-9 (absolute and relative) for out-of-the-money and at-the-money legs', () => {
    // Every OTM premium in the domain that is a normal double (> 1e-290) carries enough
    // digits; below that, subnormal prices have too few bits to define σ.
    fc.assert(
      fc.property(caseArb, (c) => {
        fc.pre(isOutOfTheMoney(c));
        const price = black76Price(c.side, c.forward, c.strike, c.years, c.sigma, c.rate);
        fc.pre(price > 1e-290);
        const solved = impliedVolatility(c.side, price, c.forward, c.strike, c.years, c.rate);
        expect(solved).not.toBeNull();
        expect(Math.abs((solved as number) - c.sigma)).toBeLessThanOrEqual(1e-9 * Math.min(1, c.sigma));
      }),
      { numRuns: 3000 },
    );
  });

  it('recovers σ for in-the-money legs to 1e-9 plus what one rounding of the premium is worth', () => {
    // An ITM premium is intrinsic + time value; rounding the premium to a double moves the
    // time value by up to ε·price/2, which moves σ by ε·price/vega. Where that exceeds 1e-9
    // σ is not determined by the premium, and where the time value rounds away entirely the
    // premium equals intrinsic and null is the right answer.
    fc.assert(
      fc.property(caseArb, (c) => {
        fc.pre(!isOutOfTheMoney(c));
        const price = black76Price(c.side, c.forward, c.strike, c.years, c.sigma, c.rate);
        const discountedIntrinsic = Math.exp(-c.rate * c.years) * Math.abs(c.forward - c.strike);
        const solved = impliedVolatility(c.side, price, c.forward, c.strike, c.years, c.rate);
        if (solved === null) {
          expect(price - discountedIntrinsic).toBeLessThanOrEqual(4 * Number.EPSILON * price);
          return;
        }
        const vegaAnnual = (black76Greeks(c.side, c.forward, c.strike, c.years, c.sigma, c.rate)?.vegaPerVolPoint ?? 0) * 100;
        const roundingWorth = (4 * Number.EPSILON * price) / vegaAnnual;
        expect(Math.abs(solved - c.sigma)).toBeLessThanOrEqual(1e-9 * Math.min(1, c.sigma) + roundingWorth);
      }),
      { numRuns: 3000 },
    );
  });

  it('solves a NIFTY weekly chain five minutes before expiry, deep strikes included', () => {
    const forward = 24_000;
    const years = 5 * MINUTE_IN_YEARS;
    for (let strike = 23_700; strike <= 24_300; strike += 50) {
      for (const side of ['CE', 'PE'] as const) {
        const price = black76Price(side, forward, strike, years, 0.14, 0);
        const solved = impliedVolatility(side, price, forward, strike, years);
        const otm = side === 'CE' ? strike >= forward : strike <= forward;
        if (otm) expect(Math.abs((solved as number) - 0.14)).toBeLessThan(1e-9);
        else if (solved !== null) expect(Math.abs(solved - 0.14)).toBeLessThan(1e-6);
      }
    }
  });
});
