/**
 * Flags of `npm run serve` (and of `npm run demo` when it falls back to the browser mode).
 */
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/errors/app-error';

export interface ServeArgs {
  readonly help: boolean;
  /** Run on the built-in simulated market instead of DhanHQ. */
  readonly demo: boolean;
  /** 0 picks a free port. */
  readonly port: number;
  /** The simulated market's seed (demo only). */
  readonly seed: number;
}

export const SERVE_USAGE = `Usage: npm run serve -- [--demo] [--port N] [--seed N]

Runs the ChainLens engine headless and serves its screen to a browser on this machine
(127.0.0.1 only). Open the printed URL; it carries this run's access key.

  --demo      use the built-in simulated market (no DhanHQ account needed)
  --port N    listen on port N (default 0: a free port)
  --seed N    the simulated market's seed (default 1; with --demo)
  -h, --help  show this help

Environment: DHAN_CLIENT_ID / DHAN_ACCESS_TOKEN (else the OS keychain), CHAINLENS_DATA_DIR,
CHAINLENS_LOG_DIR, CHAINLENS_LOG_LEVEL, CHAINLENS_RENDERER_DIR (default out/renderer).`;

/** Throws AppError SERVE_INVALID_ARGUMENTS naming the flag. */
export function parseServeArgs(argv: readonly string[]): ServeArgs {
  let values: { help?: boolean; demo?: boolean; port?: string; seed?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        demo: { type: 'boolean' },
        port: { type: 'string' },
        seed: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new AppError('SERVE_INVALID_ARGUMENTS', error instanceof Error ? error.message : String(error));
  }
  return {
    help: values.help ?? false,
    demo: values.demo ?? false,
    port: wholeNumber('--port', values.port, 0, 0, 65_535),
    seed: wholeNumber('--seed', values.seed, 1, 0, 2 ** 32 - 1),
  };
}

function wholeNumber(flag: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new AppError('SERVE_INVALID_ARGUMENTS', `${flag} must be a whole number from ${min} to ${max}.`, { flag });
  }
  return value;
}
