/**
 * The simulated DhanHQ REST API under /v2: GET /profile, POST /optionchain/expirylist and
 * POST /optionchain, with DhanHQ's headers, envelopes, validation codes and pacing.
 *
 * Authentication answers (our reading of the observed behaviour; see src/sim/README.md):
 * - /v2/profile is trading-style: a bad or expired token → 401 DH-901; client-id is not checked.
 * - data endpoints need both headers: unknown token → 401 data 808, expired token → 401 data 807,
 *   missing or wrong client-id → 401 data 810.
 * Pacing: one unique request (endpoint + underlying + expiry) per 3 s; a repeat inside the
 * window → HTTP 429 DH-904 by default, or 429 with the data envelope 805 (`pacingAnswer`).
 */
import type { Clock } from '../../shared/util/clock';
import type { TokenRegistry } from '../auth/token-registry';
import type { FaultController } from '../faults/fault-controller';
import type { RestFault } from '../faults/fault-types';
import { findUnderlyingBySpotId, type Universe } from '../instruments/universe';
import type { MarketState } from '../market/market-state';
import { isIsoDate, istParts, IST_OFFSET_MS } from '../util/ist-time';
import type { SimLogger } from '../util/sim-logger';
import { optionChainBody } from './option-chain-body';
import type { RequestPacer } from './request-pacer';
import {
  dataError,
  htmlErrorPage,
  jsonAnswer,
  serverException,
  springError,
  tradingError,
  type RestAnswer,
} from './rest-responses';

export type PacingAnswer = 'dh-904' | 'data-805';

export interface RestRouterDeps {
  readonly universe: Universe;
  readonly market: MarketState;
  readonly tokens: TokenRegistry;
  readonly faults: FaultController;
  readonly pacer: RequestPacer;
  readonly clock: Clock;
  readonly logger: SimLogger;
  readonly clientId: string;
  readonly legacyChainFields: boolean;
  readonly pacingAnswer: PacingAnswer;
  readonly isStreamed: (i: number) => boolean;
}

export interface RestRequest {
  readonly method: string;
  /** Path without the query, e.g. /v2/optionchain. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** 'hang' means: never answer. */
export type RestOutcome = RestAnswer | 'hang';

type Endpoint = 'profile' | 'expirylist' | 'optionchain';

const ROUTES: Readonly<Record<string, { method: string; endpoint: Endpoint }>> = {
  '/v2/profile': { method: 'GET', endpoint: 'profile' },
  '/v2/optionchain/expirylist': { method: 'POST', endpoint: 'expirylist' },
  '/v2/optionchain': { method: 'POST', endpoint: 'optionchain' },
};

export interface RestCounters {
  requests: number;
  rateLimited: number;
  faulted: number;
  rejected: number;
}

export class RestRouter {
  readonly counters: RestCounters = { requests: 0, rateLimited: 0, faulted: 0, rejected: 0 };

  constructor(private readonly deps: RestRouterDeps) {}

  handle(request: RestRequest): RestOutcome {
    this.counters.requests++;
    const now = this.deps.clock.nowMs();
    const route = ROUTES[request.path.replace(/\/+$/, '')];
    if (route === undefined) return springError(404, request.path, now);
    if (request.method !== route.method) return springError(405, request.path, now);
    const fault = this.deps.faults.takeRestFault(route.endpoint);
    if (fault !== null) {
      this.counters.faulted++;
      return faultAnswer(fault);
    }
    const answer = this.answer(route.endpoint, request, now);
    if (answer.status >= 400) this.counters.rejected++;
    return answer;
  }

  private answer(endpoint: Endpoint, request: RestRequest, now: number): RestAnswer {
    const token = header(request, 'access-token');
    if (endpoint === 'profile') {
      return this.deps.tokens.status(token) === 'valid' ? this.profile(now) : tradingError(401, 'DH-901');
    }
    const tokenStatus = this.deps.tokens.status(token);
    if (tokenStatus === 'invalid') return dataError(401, 808);
    if (tokenStatus === 'expired') return dataError(401, 807);
    if (header(request, 'client-id') !== this.deps.clientId) return dataError(401, 810);

    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(request.body);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return dataError(400, 814);
      body = parsed as Record<string, unknown>;
    } catch {
      return dataError(400, 814);
    }
    const paceKey = `${endpoint}|${String(body.UnderlyingScrip)}|${String(body.UnderlyingSeg)}|${endpoint === 'optionchain' ? String(body.Expiry) : ''}`;
    if (!this.deps.pacer.admit(paceKey, now)) {
      this.counters.rateLimited++;
      this.deps.logger.info({ endpoint, key: paceKey }, 'REST request over the 3-second pacing rule');
      return this.deps.pacingAnswer === 'dh-904' ? tradingError(429, 'DH-904') : dataError(429, 805);
    }

    const scrip = typeof body.UnderlyingScrip === 'string' && /^\d+$/.test(body.UnderlyingScrip) ? Number(body.UnderlyingScrip) : body.UnderlyingScrip;
    if (typeof scrip !== 'number' || !Number.isInteger(scrip) || typeof body.UnderlyingSeg !== 'string') return dataError(400, 814);
    const underlying = findUnderlyingBySpotId(this.deps.universe, scrip);
    if (body.UnderlyingSeg !== 'IDX_I' || underlying === null) return dataError(400, 813);
    if (endpoint === 'expirylist') {
      return jsonAnswer(200, { data: underlying.expiries.map((e) => e.date), status: 'success' });
    }
    const expiry = body.Expiry;
    if (typeof expiry !== 'string') return dataError(400, 814);
    if (!isIsoDate(expiry)) return dataError(400, 812);
    const chain = underlying.expiries.find((e) => e.date === expiry);
    if (chain === undefined) return dataError(400, 811);
    return jsonAnswer(
      200,
      optionChainBody(this.deps.market, underlying, chain, now, { legacyFields: this.deps.legacyChainFields, isStreamed: this.deps.isStreamed }),
    );
  }

  private profile(now: number): RestAnswer {
    const rest = this.deps.faults.state().rest;
    const expiry = this.deps.tokens.expiryMs;
    const validity = istParts(now + 365 * 86_400_000).date;
    return jsonAnswer(200, {
      dhanClientId: this.deps.clientId,
      tokenValidity: expiry === null ? '' : formatIstMinute(expiry),
      activeSegment: 'Equity, Derivative, Currency, Commodity',
      ddpi: 'Active',
      mtf: 'Active',
      dataPlan: rest?.kind === 'no-data-plan' ? 'Deactive' : 'Active',
      dataValidity: `${validity} 23:59:59.0`,
    });
  }
}

function header(request: RestRequest, name: string): string | null {
  const value = request.headers[name];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

/** "DD/MM/YYYY HH:mm" in IST, as /v2/profile writes tokenValidity. */
function formatIstMinute(epochMs: number): string {
  const d = new Date(epochMs + IST_OFFSET_MS);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

function faultAnswer(fault: RestFault): RestOutcome {
  switch (fault.kind) {
    case 'auth-invalid':
      return tradingError(401, 'DH-901');
    case 'no-data-plan':
      return fault.envelope === 'trading' ? tradingError(fault.httpStatus ?? 403, 'DH-902') : dataError(fault.httpStatus ?? 401, 806);
    case 'rate-limited':
      return tradingError(429, 'DH-904');
    case 'server-error':
      return serverException();
    case 'html':
      return htmlErrorPage();
    case 'hang':
      return 'hang';
  }
}
