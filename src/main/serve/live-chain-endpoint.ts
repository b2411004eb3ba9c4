/**
 * GET /api/v2/options/live?underlying=NIFTY&expiry=YYYY-MM-DD — the read-only JSON endpoint of
 * the system this app replaces, kept so existing scripts work. Unlike the old one it never
 * answers a bare 404 from an empty cache: 404 means the underlying or expiry is not in the
 * instrument master, and a chain that cannot be shown answers 503 with the engine's named
 * reason and remedy.
 */
import type { ChainRow, ChainSummary, SideView } from '../../shared/api/view-types';
import type { ApiErrorPayload } from '../../shared/api/api-contract';
import { isAppError, type AppProblem } from '../../shared/errors/app-error';
import type { ErrorCode } from '../../shared/errors/error-catalog';
import { roundPrice } from '../../shared/format/price';
import { errorBody } from './http-replies';

export const LIVE_CHAIN_PATH = '/api/v2/options/live';

/** What the endpoint needs from the engine (Engine satisfies it). */
export interface LiveChainSource {
  chainNow(selection: { underlying: string; expiry: string }): {
    view: { allRows(): ChainRow[]; summary(): ChainSummary };
    problem: AppProblem | null;
  };
}

export interface LiveSide {
  readonly ltp: number | null;
  readonly oi: number | null;
  readonly volume: number | null;
  readonly bid: number | null;
  readonly ask: number | null;
  /** Ours (Black-76 on the chain's forward), percent. */
  readonly iv: number | null;
  /** Milliseconds since this contract's last update; null when it never had one. */
  readonly ageMs: number | null;
}

export interface LiveChainBody {
  readonly underlying: string;
  readonly expiry: string;
  readonly spot: number | null;
  /** ISO time of the newest contract update; null when nothing has arrived. */
  readonly asOf: string | null;
  /** Strike (as written by JavaScript, e.g. "23000") → sides; a side is null when not listed. */
  readonly strikes: Record<string, { readonly CE: LiveSide | null; readonly PE: LiveSide | null }>;
}

export type LiveChainAnswer =
  | { readonly status: 200; readonly body: LiveChainBody }
  | { readonly status: 400 | 404 | 500 | 503; readonly body: ApiErrorPayload };

const UNDERLYING_PATTERN = /^[A-Z0-9&_-]{1,32}$/;
const EXPIRY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const NOT_FOUND_CODES: ReadonlySet<ErrorCode> = new Set(['CHAIN_UNKNOWN_UNDERLYING', 'CHAIN_UNKNOWN_EXPIRY']);

/**
 * Answers one request. `reportInternal` receives errors that are not AppErrors (bugs), which
 * the caller logs; the client sees API_INTERNAL.
 */
export function answerLiveChain(
  source: LiveChainSource,
  query: URLSearchParams,
  nowMs: number,
  reportInternal: (error: unknown) => void,
): LiveChainAnswer {
  const params = readParams(query);
  if ('error' in params) return { status: 400, body: errorBody('API_BAD_REQUEST', params.error) };
  let chain: ReturnType<LiveChainSource['chainNow']>;
  try {
    chain = source.chainNow(params);
  } catch (error) {
    if (!isAppError(error)) {
      reportInternal(error);
      return { status: 500, body: errorBody('API_INTERNAL', 'The option chain could not be read.') };
    }
    if (NOT_FOUND_CODES.has(error.code)) return { status: 404, body: errorBody(error.code, error.message) };
    if (error.code === 'API_INTERNAL') return { status: 500, body: errorBody(error.code, error.message) };
    // Anything else thrown here is a readiness problem (instrument master not loaded or failed).
    return { status: 503, body: errorBody(error.code, error.message) };
  }
  if (chain.problem) return { status: 503, body: errorBody(chain.problem.code, chain.problem.message) };
  return { status: 200, body: chainBody(params, chain.view.summary(), chain.view.allRows(), nowMs) };
}

function readParams(query: URLSearchParams): { underlying: string; expiry: string } | { error: string } {
  const underlyings = query.getAll('underlying');
  const expiries = query.getAll('expiry');
  if (underlyings.length !== 1 || expiries.length !== 1) {
    return { error: 'Give exactly one underlying and one expiry, e.g. ?underlying=NIFTY&expiry=2025-10-07.' };
  }
  const underlying = (underlyings[0] ?? '').trim().toUpperCase();
  const expiry = (expiries[0] ?? '').trim();
  if (!UNDERLYING_PATTERN.test(underlying)) return { error: 'underlying must be a symbol such as NIFTY or BANKNIFTY.' };
  if (!EXPIRY_PATTERN.test(expiry)) return { error: 'expiry must be a date written YYYY-MM-DD.' };
  return { underlying, expiry };
}

function chainBody(params: { underlying: string; expiry: string }, summary: ChainSummary, rows: readonly ChainRow[], nowMs: number): LiveChainBody {
  const strikes: LiveChainBody['strikes'] = {};
  let newestMs: number | null = null;
  for (const row of rows) {
    strikes[String(row.strike)] = { CE: liveSide(row.ce, nowMs), PE: liveSide(row.pe, nowMs) };
    for (const side of [row.ce, row.pe]) {
      const at = side?.updatedAtMs ?? null;
      if (at !== null && (newestMs === null || at > newestMs)) newestMs = at;
    }
  }
  return {
    underlying: params.underlying,
    expiry: params.expiry,
    spot: roundPrice(summary.spot),
    asOf: newestMs === null ? null : new Date(newestMs).toISOString(),
    strikes,
  };
}

function liveSide(side: SideView | null, nowMs: number): LiveSide | null {
  if (!side) return null;
  return {
    ltp: roundPrice(side.ltp),
    oi: side.oi,
    volume: side.volume,
    bid: roundPrice(side.bidPrice),
    ask: roundPrice(side.askPrice),
    iv: side.iv,
    ageMs: side.updatedAtMs === null ? null : Math.max(0, nowMs - side.updatedAtMs),
  };
}
