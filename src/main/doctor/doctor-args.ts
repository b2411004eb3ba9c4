/**
 * The doctor's command line: `doctor [--json] [--watch SECONDS] [--underlying SYMBOL]
 * [--expiry YYYY-MM-DD] [--demo] [--verbose]`, parsed with node:util parseArgs into plain
 * options, or a usage error worded for the person who typed it.
 */
import { parseArgs } from 'node:util';
import { DOCTOR_DEFAULT_UNDERLYING, DOCTOR_DEFAULT_WATCH_SECONDS } from './doctor-defaults';

/** Exit code for a command line the doctor cannot understand (BSD EX_USAGE; 0–4 are verdicts). */
export const DOCTOR_USAGE_EXIT_CODE = 64;

/** The longest watch accepted, in seconds: the doctor is a check, not a monitor. */
export const DOCTOR_MAX_WATCH_SECONDS = 3600;

export const DOCTOR_USAGE = `Usage: npm run doctor -- [options]

Runs ChainLens's startup path (credentials, instrument master, skeleton, option-chain snapshot,
live feed), watches the feed, and reports what works and what does not, with the remedy.

Options:
  --json                 Print exactly one JSON object on stdout (see docs/doctor.md).
  --watch SECONDS        How long to watch the live feed. Default ${DOCTOR_DEFAULT_WATCH_SECONDS}.
  --underlying SYMBOL    The chain to check. Default ${DOCTOR_DEFAULT_UNDERLYING}.
  --expiry YYYY-MM-DD    The expiry to check. Default: the underlying's nearest.
  --demo                 Run against the built-in simulated DhanHQ instead of the real one.
  --verbose              Also write the engine's log lines to stderr.
  -h, --help             Show this help.

Exit codes: 0 healthy, 1 degraded, 2 credentials problem, 3 instrument master or skeleton
problem, 4 feed problem, ${DOCTOR_USAGE_EXIT_CODE} bad command line.
Endpoints come from DHAN_API_URL, DHAN_FEED_URL and DHAN_SCRIP_MASTER_URL (default: DhanHQ's);
credentials from DHAN_CLIENT_ID and DHAN_ACCESS_TOKEN, else the OS keychain.`;

export interface DoctorCliOptions {
  readonly json: boolean;
  readonly watchSeconds: number;
  readonly underlying: string;
  /** Null: the underlying's nearest expiry. */
  readonly expiry: string | null;
  readonly demo: boolean;
  readonly verbose: boolean;
}

export type DoctorArgs =
  | { readonly kind: 'run'; readonly options: DoctorCliOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

/** Parses the arguments after the script name. Never throws: a bad command line is a value. */
export function parseDoctorArgs(argv: readonly string[]): DoctorArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        json: { type: 'boolean', default: false },
        watch: { type: 'string' },
        underlying: { type: 'string' },
        expiry: { type: 'string' },
        demo: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { kind: 'help' };
  const watchSeconds = values.watch === undefined ? DOCTOR_DEFAULT_WATCH_SECONDS : Number(values.watch);
  if (values.watch !== undefined && (values.watch.trim() === '' || !Number.isFinite(watchSeconds) || watchSeconds < 0 || watchSeconds > DOCTOR_MAX_WATCH_SECONDS)) {
    return { kind: 'error', message: `--watch needs a number of seconds from 0 to ${DOCTOR_MAX_WATCH_SECONDS}, not "${values.watch}".` };
  }
  const underlying = (values.underlying ?? DOCTOR_DEFAULT_UNDERLYING).trim().toUpperCase();
  if (!/^[A-Z0-9]{1,20}$/.test(underlying)) {
    return { kind: 'error', message: `--underlying needs a symbol such as NIFTY or BANKNIFTY, not "${values.underlying ?? ''}".` };
  }
  if (values.expiry !== undefined && !isCalendarDate(values.expiry)) {
    return { kind: 'error', message: `--expiry needs a date as YYYY-MM-DD, not "${values.expiry}".` };
  }
  return {
    kind: 'run',
    options: { json: values.json, watchSeconds, underlying, expiry: values.expiry ?? null, demo: values.demo, verbose: values.verbose },
  };
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
