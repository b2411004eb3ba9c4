/**
 * The instruments benchmarks address: option contracts of the simulator's universe (seed 1,
 * strikeRangeScale 1.3, about 26 000 options over NSE_FNO and BSE_FNO), so security ids have
 * realistic magnitudes and gaps rather than 0…n−1.
 */
import { buildUniverse } from '../../src/sim/instruments/universe';

export interface BenchInstrument {
  readonly segment: number;
  readonly securityId: number;
}

/** A fixed trading date keeps the universe (and so every id) identical from run to run. */
export const BENCH_TRADING_DATE = '2025-01-27';

/** The first `count` option contracts of the benchmark universe. Throws if it lists fewer. */
export function benchInstruments(count: number): BenchInstrument[] {
  const universe = buildUniverse(1, BENCH_TRADING_DATE, { strikeRangeScale: 1.3 });
  const options = universe.instruments.filter((i) => i.kind === 'call' || i.kind === 'put');
  if (options.length < count)
    throw new Error(`the benchmark universe lists ${options.length} options, fewer than ${count}`);
  return options.slice(0, count).map((i) => ({ segment: i.segmentCode, securityId: i.securityId }));
}
