/**
 * Seeded randomness for the simulated market. Two kinds, on purpose:
 * - `SeededRandom`, a sequential generator (mulberry32) for things that happen in order (the
 *   random walk, which instrument ticks next);
 * - `hashUnit`, a stateless hash of integers for per-instrument facts (initial OI, trade noise),
 *   so a REST snapshot can price a contract without consuming the sequential stream and the
 *   feed's frames stay identical whether or not someone called REST in between.
 */

/** A 32-bit seed from any integer or string (FNV-1a over the decimal/text form). */
export function seedFrom(value: number | string): number {
  const text = String(value);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: tiny, fast, and good enough for a simulation (not for cryptography). */
export class SeededRandom {
  private state: number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return spare;
    }
    const u = 1 - this.next(); // (0, 1]: log(0) would be -Infinity
    const v = this.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }
}

function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A stateless uniform in [0, 1) from a seed and up to three integers. */
export function hashUnit(seed: number, a: number, b = 0, c = 0): number {
  let h = mix32(seed ^ 0x9e3779b9);
  h = mix32(h ^ Math.imul(a | 0, 0x85ebca6b));
  h = mix32(h ^ Math.imul(b | 0, 0xc2b2ae35));
  h = mix32(h ^ Math.imul(c | 0, 0x27d4eb2f));
  return h / 4294967296;
}

/** A stateless uniform in [-1, 1). */
export function hashSigned(seed: number, a: number, b = 0, c = 0): number {
  return hashUnit(seed, a, b, c) * 2 - 1;
}
