import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { erf, erfc, erfcx, normCdf, normPdf } from '../../../src/shared/analytics/normal-distribution';

/** Exact values rounded to double, from a 40-digit evaluation (mpmath). */
const ERF_FAMILY: ReadonlyArray<readonly [x: number, erf: number, erfc: number, erfcx: number]> = [
  [0.25, 0.27632639016823696, 0.7236736098317631, 0.7703465477309968],
  [0.46875, 0.49261347321793797, 0.507386526782062, 0.6320696892495561],
  [1, 0.8427007929497149, 0.15729920705028513, 0.427583576155807],
  [3.5, 0.9999992569016276, 7.430983723414128e-7, 0.1552936556088943],
  [5, 0.9999999999984626, 1.537459794428035e-12, 0.11070463773306863],
  [10, 1, 2.088487583762545e-45, 0.05614099274382259],
  [-1, -0.8427007929497149, 1.8427007929497148, 5.008980080762283],
  [-3, -0.9999779095030014, 1.9999779095030015, 16205.988853999586],
];

const NORMAL: ReadonlyArray<readonly [z: number, cdf: number, pdf: number]> = [
  [0, 0.5, 0.3989422804014327],
  [1.96, 0.9750021048517795, 0.05844094433345146],
  [-1.96, 0.024997895148220435, 0.05844094433345146],
  [-5, 2.866515718791939e-7, 1.4867195147342977e-6],
  [-10, 7.619853024160525e-24, 7.694598626706419e-23],
  [-20, 2.7536241186062337e-89, 5.520948362159764e-88],
  [-37, 5.725571222524577e-300, 2.1200065515246056e-298],
  [8, 0.9999999999999993, 5.052271083536892e-15],
];

const relativeError = (actual: number, expected: number): number => Math.abs(actual - expected) / Math.abs(expected);

describe('error function family (Cody)', () => {
  it.each(ERF_FAMILY)('erf, erfc and erfcx at %d agree with the exact values to 1e-15 relative', (x, erfExact, erfcExact, erfcxExact) => {
    expect(relativeError(erf(x), erfExact)).toBeLessThan(1e-15);
    expect(relativeError(erfc(x), erfcExact)).toBeLessThan(1e-15);
    expect(relativeError(erfcx(x), erfcxExact)).toBeLessThan(1e-15);
  });

  it('keeps erfc accurate in the far tail and erfcx finite where erfc underflows', () => {
    expect(relativeError(erfc(26), 5.663192408856143e-296)).toBeLessThan(1e-14);
    expect(erfc(27)).toBe(0);
    expect(relativeError(erfcx(100), 0.005641613782989433)).toBeLessThan(1e-15);
    expect(erfcx(-30)).toBe(Number.POSITIVE_INFINITY);
  });

  it('is odd (erf) and complementary (erfc) across the whole line', () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (x) => {
        expect(erf(-x)).toBe(-erf(x));
        expect(Math.abs(erf(x) + erfc(x) - 1)).toBeLessThanOrEqual(2 * Number.EPSILON);
      }),
    );
  });
});

describe('standard normal', () => {
  it.each(NORMAL)('N(%d) and φ agree with the exact values', (z, cdfExact, pdfExact) => {
    // The tail's relative condition number is about z², so allow a few ulps per unit of z².
    expect(relativeError(normCdf(z), cdfExact)).toBeLessThan(2e-16 * Math.max(1, z * z));
    expect(relativeError(normPdf(z), pdfExact)).toBeLessThan(2e-16 * Math.max(1, z * z));
  });

  it('satisfies N(z) + N(−z) = 1 and is non-decreasing', () => {
    fc.assert(
      fc.property(fc.double({ min: -40, max: 40, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), (z, step) => {
        expect(Math.abs(normCdf(z) + normCdf(-z) - 1)).toBeLessThanOrEqual(2 * Number.EPSILON);
        expect(normCdf(z + step)).toBeGreaterThanOrEqual(normCdf(z));
      }),
    );
  });
});
