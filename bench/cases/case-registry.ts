/**
 * Every benchmark `npm run bench` runs, in order: which bundled entry, with what options, and
 * how long it may take. Cheap, self-contained cases first; the long soak last.
 */
export interface CaseSpec {
  /** Name for --only and the report. */
  readonly name: string;
  /** Entry file under bench/cases, without extension (several cases may share one). */
  readonly entry: string;
  readonly options?: Readonly<Record<string, string | number | boolean>>;
  readonly nodeArgs?: readonly string[];
  /** Other entries under bench/cases the case starts as separate programs, bundled on their own. */
  readonly helpers?: readonly string[];
  /** Upper bound on the case's run time, full and quick. */
  readonly timeoutMs: { readonly full: number; readonly quick: number };
}

export const CASES: readonly CaseSpec[] = [
  {
    name: 'codec-ticker',
    entry: 'codec.case',
    options: { kind: 'ticker', path: 'decode' },
    timeoutMs: { full: 180_000, quick: 60_000 },
  },
  {
    name: 'codec-full',
    entry: 'codec.case',
    options: { kind: 'full', path: 'decode' },
    timeoutMs: { full: 240_000, quick: 90_000 },
  },
  {
    name: 'ingest-ticker',
    entry: 'codec.case',
    options: { kind: 'ticker', path: 'ingest' },
    timeoutMs: { full: 240_000, quick: 90_000 },
  },
  {
    name: 'ingest-full',
    entry: 'codec.case',
    options: { kind: 'full', path: 'ingest' },
    timeoutMs: { full: 240_000, quick: 90_000 },
  },
  { name: 'analytics', entry: 'analytics.case', timeoutMs: { full: 180_000, quick: 60_000 } },
  {
    name: 'startup',
    entry: 'startup.case',
    helpers: ['startup-app.entry'],
    timeoutMs: { full: 300_000, quick: 120_000 },
  },
  {
    name: 'feed-e2e',
    entry: 'feed-e2e.case',
    options: { ticksPerSecond: 90_000 },
    timeoutMs: { full: 300_000, quick: 150_000 },
  },
  {
    name: 'tick-to-screen',
    entry: 'tick-to-screen.case',
    options: { rates: '2000,20000' },
    timeoutMs: { full: 360_000, quick: 180_000 },
  },
  { name: 'soak', entry: 'soak.case', timeoutMs: { full: 900_000, quick: 180_000 } },
];
