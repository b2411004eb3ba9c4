/** Order statistics for benchmark samples. */

/** The smallest, middle and largest sample (median of an even count is the mean of the middle two). */
export function summarise(samples: readonly number[]): { min: number; median: number; max: number } {
  if (samples.length === 0) return { min: Number.NaN, median: Number.NaN, max: Number.NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    min: sorted[0] as number,
    median: quantileSorted(sorted, 0.5),
    max: sorted[sorted.length - 1] as number,
  };
}

export function median(samples: readonly number[]): number {
  return summarise(samples).median;
}

/** The q-quantile (0…1) of already sorted values, interpolating between neighbours. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const position = (n - 1) * q;
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (position - lo);
}

/** The q-quantile of unsorted values (copies and sorts them). */
export function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  return quantileSorted(sorted, q);
}
