/**
 * What a benchmark case reports, and the shape both sides of the child-process boundary agree
 * on: `bench/run.ts` spawns one bundled case per process and reads back one CaseResult.
 */

/** One measured figure: a sample per repetition, beside its same-run baseline when it has one. */
export interface FigureResult {
  /** Stable id, e.g. 'codec.ticker'. */
  readonly id: string;
  /** What was measured, in words. */
  readonly label: string;
  /** Unit of every sample, e.g. 'M packets/s', 'ms'. */
  readonly unit: string;
  /** Decides which way a ratio or a target reads. */
  readonly higherIsBetter: boolean;
  /** One value per repetition, in run order. */
  readonly samples: readonly number[];
  /** The same-run baseline, measured on the same data. */
  readonly baseline?: { readonly label: string; readonly samples: readonly number[] };
  /** The headline ratio, e.g. "framing limit ÷ decode" = 4.1 (how it is read is in `label`). */
  readonly ratio?: { readonly label: string; readonly value: number };
  /**
   * The target from the issue, whether the median met it (null when it does not apply), and
   * when it did not, by how much (see missedBy).
   */
  readonly target?: { readonly text: string; readonly met: boolean | null; readonly miss?: string };
  /** Anything a reader needs to interpret the figure. */
  readonly note?: string;
}

export interface CaseResult {
  /** The case name, as passed to `--only`. */
  readonly name: string;
  readonly title: string;
  /** The workload, precisely enough to rerun it. */
  readonly workload: string;
  readonly figures: readonly FigureResult[];
  /** os.loadavg() when the case started and ended, so machine noise is visible. */
  readonly loadavg: { readonly start: readonly number[]; readonly end: readonly number[] };
  readonly durationMs: number;
  /** Observations: what a profile showed, what was left out, why a figure is missing. */
  readonly notes: readonly string[];
  /** Set when the case could not run; the report shows it instead of figures. */
  readonly error?: string;
}

/** What the parent hands each child process (JSON in argv[2]). */
export interface CaseConfig {
  readonly name: string;
  /** The short development mode: fewer repetitions, shorter windows. */
  readonly quick: boolean;
  /** Where the child writes its CaseResult as JSON. */
  readonly resultFile: string;
  /** Repository root, for cases that need files from it (e.g. the renderer build). */
  readonly repoRoot: string;
  /** Extra case-specific settings from the registry and the command line, e.g. soak minutes. */
  readonly options: Readonly<Record<string, string | number | boolean>>;
  /** Bundled helper entries of this case (name → .mjs file), e.g. a minimal app entry for startup timing. */
  readonly helpers: Readonly<Record<string, string>>;
}
