/**
 * Command-line flags of `npm run sim` (node:util parseArgs), turned into simulator options and
 * start-up faults. Kept apart from cli.ts so tests can check the parsing without a process.
 */
import { parseArgs } from 'node:util';
import { AppError } from '../shared/errors/app-error';
import type { RestFault } from './faults/fault-types';
import type { SimulatorOptions } from './simulator-types';

export const CLI_USAGE = `Usage: npm run sim -- [options]
  --port N                  TCP port on 127.0.0.1 (default 0: a free port)
  --seed S                  seed for the universe and prices (default 1)
  --ticks-per-second R      instrument ticks per second (default 300)
  --market-hours MODE       always-open (default) | ist (09:15–15:30 IST, Mon–Fri)
  --trading-date YYYY-MM-DD list contracts as of this IST date (default: today)
  --compact                 point DHAN_SCRIP_MASTER_URL at the compact scrip master
  --filler-rows N           add N non-index rows to the scrip master (200000 for a live-size file)
  --legacy-chain            omit security_id and average_price from the option chain (Jan 2025 server)
  --replay FILE             replay a feed recording instead of generating prices
  --replay-speed X          replay speed (default 1)
  --reject-handshakes 401|429   refuse feed handshakes with this status
  --rest-fault KIND         auth-invalid | no-data-plan | rate-limited | server-error | html | hang
  --expire-token-in SECONDS expire the access token after this many seconds
  --silent                  accept feed connections but send no data
  --no-server-pings         do not ping feed clients
  --verbose                 debug logging on stderr
  --help                    show this help`;

export interface CliPlan {
  readonly options: SimulatorOptions;
  readonly startupFaults: {
    readonly rejectHandshakes?: 401 | 429;
    readonly restFault?: RestFault;
    readonly expireTokenInMs?: number;
    readonly silent?: boolean;
    readonly noServerPings?: boolean;
  };
  readonly verbose: boolean;
  readonly help: boolean;
}

const REST_KINDS = ['auth-invalid', 'no-data-plan', 'rate-limited', 'server-error', 'html', 'hang'] as const;

const bad = (message: string): AppError => new AppError('SIM_INVALID_OPTIONS', message);

function numberFlag(value: string | undefined, name: string, check: (n: number) => boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || !check(n)) throw bad(`--${name} has an invalid value: ${value}`);
  return n;
}

/** Parses argv (without node and script); throws SIM_INVALID_OPTIONS on a bad flag. */
export function parseCliArgs(argv: readonly string[]): CliPlan {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        seed: { type: 'string' },
        'ticks-per-second': { type: 'string' },
        'market-hours': { type: 'string' },
        'trading-date': { type: 'string' },
        compact: { type: 'boolean' },
        'filler-rows': { type: 'string' },
        'legacy-chain': { type: 'boolean' },
        replay: { type: 'string' },
        'replay-speed': { type: 'string' },
        'reject-handshakes': { type: 'string' },
        'rest-fault': { type: 'string' },
        'expire-token-in': { type: 'string' },
        silent: { type: 'boolean' },
        'no-server-pings': { type: 'boolean' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new AppError('SIM_INVALID_OPTIONS', (error as Error).message, {}, { cause: error });
  }
  const str = (name: string): string | undefined => values[name] as string | undefined;
  const hours = str('market-hours');
  if (hours !== undefined && hours !== 'ist' && hours !== 'always-open') throw bad(`--market-hours must be ist or always-open, not ${hours}`);
  const reject = numberFlag(str('reject-handshakes'), 'reject-handshakes', (n) => n === 401 || n === 429) as 401 | 429 | undefined;
  const restKind = str('rest-fault');
  if (restKind !== undefined && !(REST_KINDS as readonly string[]).includes(restKind)) throw bad(`--rest-fault must be one of ${REST_KINDS.join(', ')}`);
  const seedText = str('seed');
  const seed = seedText === undefined ? undefined : /^\d+$/.test(seedText) ? Number(seedText) : seedText;
  const expireIn = numberFlag(str('expire-token-in'), 'expire-token-in', (n) => n >= 0);
  const options: SimulatorOptions = {
    port: numberFlag(str('port'), 'port', (n) => Number.isInteger(n) && n >= 0 && n <= 65_535),
    seed,
    ticksPerSecond: numberFlag(str('ticks-per-second'), 'ticks-per-second', (n) => n >= 0),
    marketHours: hours as SimulatorOptions['marketHours'],
    tradingDate: str('trading-date'),
    scripMasterFormat: values.compact === true ? 'compact' : 'detailed',
    scripMasterFillerRows: numberFlag(str('filler-rows'), 'filler-rows', (n) => Number.isInteger(n) && n >= 0),
    legacyChainFields: values['legacy-chain'] === true,
    replayFile: str('replay'),
    replaySpeed: numberFlag(str('replay-speed'), 'replay-speed', (n) => n > 0),
  };
  return {
    options: Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as SimulatorOptions,
    startupFaults: {
      ...(reject === undefined ? {} : { rejectHandshakes: reject }),
      ...(restKind === undefined ? {} : { restFault: { kind: restKind } as RestFault }),
      ...(expireIn === undefined ? {} : { expireTokenInMs: expireIn * 1000 }),
      ...(values.silent === true ? { silent: true } : {}),
      ...(values['no-server-pings'] === true ? { noServerPings: true } : {}),
    },
    verbose: values.verbose === true,
    help: values.help === true,
  };
}
