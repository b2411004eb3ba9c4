/** Number formatting shared by the console table and BENCHMARKS.md. */
import type { FigureResult } from './bench-result';
import { summarise } from './stats';

/** Three significant figures, thousands separated, no exponent. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** "median (min–max)" of a sample list. */
export function formatSpread(samples: readonly number[]): string {
  const s = summarise(samples);
  if (samples.length <= 1) return formatNumber(s.median);
  return `${formatNumber(s.median)} (${formatNumber(s.min)}–${formatNumber(s.max)})`;
}

export function formatVerdict(figure: FigureResult): string {
  if (!figure.target) return '';
  if (figure.target.met === null) return 'n/a';
  return figure.target.met ? 'met' : 'MISSED';
}

export function formatRatio(figure: FigureResult): string {
  return figure.ratio ? `${formatNumber(figure.ratio.value)}×` : '';
}

/**
 * How far `value` is from `goal`, in words: "20 % below 50 M/s" or "3.4× the 100 ms allowed".
 * Empty when the goal is met.
 */
export function missedBy(value: number, goal: number, atLeast: boolean, unit: string): string {
  if (atLeast ? value >= goal : value <= goal) return '';
  if (atLeast)
    return `${formatNumber(value)} ${unit} is ${formatNumber((1 - value / goal) * 100)} % below ${formatNumber(goal)} ${unit}`;
  return `${formatNumber(value)} ${unit} is ${formatNumber(value / goal)}× the ${formatNumber(goal)} ${unit} allowed`;
}

/** The non-empty parts, joined. */
export function misses(...parts: string[]): string {
  return parts.filter((p) => p.length > 0).join('; ');
}
