import { expect } from 'vitest';

/**
 * Asserts `actual` equals the published reference `expected` to every decimal it is printed
 * with: |actual − expected| ≤ half a unit in the last printed place. The expectation is a
 * string so that its number of decimals is exactly as published.
 */
export function expectDigits(actual: number | null | undefined, expected: string): void {
  const decimals = expected.includes('.') ? (expected.split('.')[1] as string).length : 0;
  const tolerance = 0.5 * 10 ** -decimals;
  expect(actual).not.toBeNull();
  expect(actual).not.toBeUndefined();
  const difference = Math.abs((actual as number) - Number(expected));
  // 1e-12 relative absorbs the binary rounding of `expected` itself, never a printed digit.
  expect(difference, `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance * (1 + 1e-12));
}
