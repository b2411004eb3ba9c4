/**
 * The error function family and the standard normal distribution, to about 1e-16 relative
 * accuracy, from W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev
 * approximations for the error function", Math. Comp. 23, 1969; the CALERF coefficients).
 * The implied-volatility solver needs this accuracy: a 1e-9 tolerance in σ is out of reach with
 * the 1e-7 approximations (Abramowitz & Stegun 26.2.17) that many chains use.
 *
 * Three ranges: |x| ≤ 0.46875 (erf directly), 0.46875 < |x| ≤ 4 and |x| > 4 (erfc scaled by
 * e^{x²}, called erfcx). Negative arguments use erfc(−x) = 2 − erfc(x).
 */

// Cody's published 18-digit coefficients, written as the nearest double (the same value at
// runtime; the shorter literal is what lint's no-loss-of-precision accepts).

// erf(x) = x · A(x²) / B(x²) for |x| ≤ 0.46875.
const A0 = 3.1611237438705655;
const A1 = 113.86415415105016;
const A2 = 377.485237685302;
const A3 = 3209.3775891384694;
const A4 = 0.18577770618460315;
const B0 = 23.601290952344122;
const B1 = 244.02463793444417;
const B2 = 1282.6165260773723;
const B3 = 2844.236833439171;

// erfcx(y) = C(y) / D(y) for 0.46875 < y ≤ 4.
const C0 = 0.5641884969886701;
const C1 = 8.883149794388377;
const C2 = 66.11919063714163;
const C3 = 298.6351381974001;
const C4 = 881.952221241769;
const C5 = 1712.0476126340707;
const C6 = 2051.0783778260716;
const C7 = 1230.3393547979972;
const C8 = 2.1531153547440383e-8;
const D0 = 15.744926110709835;
const D1 = 117.6939508913125;
const D2 = 537.1811018620099;
const D3 = 1621.3895745666903;
const D4 = 3290.7992357334597;
const D5 = 4362.619090143247;
const D6 = 3439.3676741437216;
const D7 = 1230.3393548037495;

// erfcx(y) = (1/√π − w·P(w)/Q(w)) / y with w = 1/y², for y > 4.
const P0 = 0.30532663496123236;
const P1 = 0.36034489994980445;
const P2 = 0.12578172611122926;
const P3 = 0.016083785148742275;
const P4 = 0.0006587491615298378;
const P5 = 0.016315387137302097;
const Q0 = 2.568520192289822;
const Q1 = 1.8729528499234673;
const Q2 = 0.5279051029514285;
const Q3 = 0.06051834131244132;
const Q4 = 0.0023352049762686918;

const SMALL_LIMIT = 0.46875;
const MID_LIMIT = 4;
const INV_SQRT_PI = 0.5641895835477563;
/** Beyond this, erfc(x) underflows to 0 in double precision. */
const ERFC_UNDERFLOW = 26.543;
/** Beyond this, erfcx(y) = 1/(y√π) to double precision. */
const ERFCX_ASYMPTOTIC = 6.71e7;
/** Below this, e^{x²} overflows, so erfcx(x) is +∞. */
const ERFCX_OVERFLOW = -26.628;

const INV_SQRT_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;

function erfSmall(x: number): number {
  const z = x * x;
  const num = (((A4 * z + A0) * z + A1) * z + A2) * z + A3;
  const den = (((z + B0) * z + B1) * z + B2) * z + B3;
  return (x * num) / den;
}

function erfcxMid(y: number): number {
  const num = (((((((C8 * y + C0) * y + C1) * y + C2) * y + C3) * y + C4) * y + C5) * y + C6) * y + C7;
  const den = (((((((y + D0) * y + D1) * y + D2) * y + D3) * y + D4) * y + D5) * y + D6) * y + D7;
  return num / den;
}

function erfcxLarge(y: number): number {
  if (y >= ERFCX_ASYMPTOTIC) return INV_SQRT_PI / y;
  const w = 1 / (y * y);
  const num = ((((P5 * w + P0) * w + P1) * w + P2) * w + P3) * w + P4;
  const den = ((((w + Q0) * w + Q1) * w + Q2) * w + Q3) * w + Q4;
  return (INV_SQRT_PI - (w * num) / den) / y;
}

/**
 * e^{−y²} without the cancellation error of squaring a large y in one step: y² is split into
 * a part exact in binary (y truncated to 1/16) and a small remainder.
 */
function expMinusSquare(y: number): number {
  const head = Math.trunc(y * 16) / 16;
  const tail = (y - head) * (y + head);
  return Math.exp(-head * head) * Math.exp(-tail);
}

/** e^{x²}, split like {@link expMinusSquare}. */
function expSquare(x: number): number {
  const head = Math.trunc(x * 16) / 16;
  const tail = (x - head) * (x + head);
  return Math.exp(head * head) * Math.exp(tail);
}

/** erfc(y) for y > 0.46875. */
function erfcPositive(y: number): number {
  if (y <= MID_LIMIT) return expMinusSquare(y) * erfcxMid(y);
  if (y >= ERFC_UNDERFLOW) return 0;
  return expMinusSquare(y) * erfcxLarge(y);
}

/** The error function erf(x) = 2/√π ∫₀ˣ e^{−t²} dt. */
export function erf(x: number): number {
  const y = Math.abs(x);
  if (y <= SMALL_LIMIT) return erfSmall(x);
  const complement = erfcPositive(y);
  const value = 0.5 - complement + 0.5;
  return x < 0 ? -value : value;
}

/** The complementary error function erfc(x) = 1 − erf(x), accurate in the far tail. */
export function erfc(x: number): number {
  const y = Math.abs(x);
  if (y <= SMALL_LIMIT) return 1 - erfSmall(x);
  const tail = erfcPositive(y);
  return x < 0 ? 2 - tail : tail;
}

/** The scaled complementary error function erfcx(x) = e^{x²}·erfc(x); finite where erfc underflows. */
export function erfcx(x: number): number {
  const y = Math.abs(x);
  let value: number;
  if (y <= SMALL_LIMIT) {
    return Math.exp(x * x) * (1 - erfSmall(x));
  } else if (y <= MID_LIMIT) {
    value = erfcxMid(y);
  } else {
    value = erfcxLarge(y);
  }
  if (x >= 0) return value;
  if (x < ERFCX_OVERFLOW) return Number.POSITIVE_INFINITY;
  const twiceGrowth = expSquare(x);
  return twiceGrowth + twiceGrowth - value;
}

/** Standard normal density φ(z). */
export function normPdf(z: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
}

/** Standard normal distribution function N(z), accurate in relative terms deep into the lower tail. */
export function normCdf(z: number): number {
  return 0.5 * erfc(-z * INV_SQRT_2);
}
