/**
 * The one place where wire values become report values. Prices travel as float32 on the
 * feed (152.3 arrives as 152.3000030517578) and are kept that way in the cache; they are
 * rounded only here, on the way to a screen, a JSON answer or a report.
 */

/** Rounds to 2 decimals, or to the contract's tick when one is given; null/NaN/∞ stay null. */
export function roundPrice(value: number | null | undefined, tickSizeRupees?: number): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  if (tickSizeRupees !== undefined && tickSizeRupees > 0) {
    const ticks = Math.round(value / tickSizeRupees);
    return roundTo(ticks * tickSizeRupees, 2);
  }
  return roundTo(value, 2);
}

/** 10 ** n for the decimals the app rounds to, exact: read instead of a power at every call (a chain batch rounds about 400 values). */
const POWERS_OF_TEN: readonly number[] = [
  1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
];

/** Rounds to `decimals` places, half away from zero, without binary-representation surprises. */
export function roundTo(value: number, decimals: number): number {
  const factor = POWERS_OF_TEN[decimals] ?? 10 ** decimals;
  const scaled = Math.abs(value) * factor;
  const rounded = Math.round(scaled + scaled * Number.EPSILON) / factor;
  return value < 0 ? -rounded : rounded;
}

/** Masks an identifier for display: keeps the first and last two characters. */
export function maskIdentifier(value: string): string {
  if (value.length <= 4) return '•'.repeat(value.length);
  return `${value.slice(0, 2)}${'•'.repeat(Math.min(value.length - 4, 6))}${value.slice(-2)}`;
}
