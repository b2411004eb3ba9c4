/**
 * The child-process side of a benchmark: reads the CaseConfig from argv, runs the case, stamps
 * os.loadavg() before and after, and writes one CaseResult file. A case that throws still
 * writes a result (with `error`), so the report says what failed instead of going quiet.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { CaseConfig, CaseResult, FigureResult } from './bench-result';

/** What a case body returns; the wrapper adds name, load and duration. */
export interface CaseOutcome {
  readonly title: string;
  readonly workload: string;
  readonly figures: readonly FigureResult[];
  readonly notes?: readonly string[];
}

/** Rounded to two decimals, as printed. */
function load(): number[] {
  return loadavg().map((v) => Math.round(v * 100) / 100);
}

/**
 * Runs `body` as this process's benchmark and exits when it settles (exit code 0 either way:
 * the parent reads success or failure from the result file).
 */
export function caseMain(body: (config: CaseConfig) => Promise<CaseOutcome>): void {
  const config = JSON.parse(process.argv[2] ?? '{}') as CaseConfig;
  const startLoad = load();
  const started = performance.now();
  const finish = (result: CaseResult): void => {
    writeFileSync(config.resultFile, JSON.stringify(result, null, 2));
    // Benchmarks leave sockets, servers and browsers behind only by mistake; do not wait on them.
    process.exit(0);
  };
  body(config).then(
    (outcome) =>
      finish({
        name: config.name,
        title: outcome.title,
        workload: outcome.workload,
        figures: outcome.figures,
        notes: outcome.notes ?? [],
        loadavg: { start: startLoad, end: load() },
        durationMs: Math.round(performance.now() - started),
      }),
    (error: unknown) =>
      finish({
        name: config.name,
        title: config.name,
        workload: '',
        figures: [],
        notes: [],
        loadavg: { start: startLoad, end: load() },
        durationMs: Math.round(performance.now() - started),
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
  );
}

/** Progress for the person watching; goes to stderr so it never mixes with results. */
export function progress(message: string): void {
  process.stderr.write(`  · ${message}\n`);
}
