/**
 * DhanHQ v2 REST: the profile (token and Data-API plan check), the expiry list and the option
 * chain. Every call has a timeout, is reported through `onCall` (path only, never headers),
 * and fails with one AppError whatever envelope DhanHQ used. Reads are retried on rate limits,
 * server errors, timeouts and network errors with capped back-off; the option-chain endpoints
 * are paced per unique request.
 */
import type { RestLogEntry } from '../../shared/api/view-types';
import { AppError, isAppError } from '../../shared/errors/app-error';
import type { IsoDate } from '../../shared/model/instruments';
import type { Clock, Scheduler } from '../../shared/util/clock';
import type { Logger } from '../logging/logger';
import { backoffDelayMs, type BackoffPolicy, type RandomSource } from './backoff';
import type { DhanCredentials } from './dhan-credentials';
import { KeyedPacer } from './keyed-pacer';
import { parseOptionChain, type OptionChainRequest, type OptionChainResult } from './option-chain-response';
import { RETRYABLE_REST_CODES, restErrorOf } from './rest-errors';
import { parseExpiryList, parseProfile, type DhanProfile } from './rest-responses';

/** The slice of WHATWG fetch the client uses; Node's global fetch by default. */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

export interface DhanRestClientOptions {
  /** REST base without a trailing slash (DHAN_API_URL), e.g. https://api.dhan.co/v2. */
  readonly baseUrl: string;
  /** Read at every call, so a new token applies at once; null means CRED_MISSING. */
  readonly credentials: () => DhanCredentials | null;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  /** Default: globalThis.fetch (undici). */
  readonly fetch?: FetchFunction;
  /** Every attempt, successful or not. */
  readonly onCall?: (entry: RestLogEntry) => void;
  /** Per attempt, covering headers and body. Default 10 000 ms. */
  readonly timeoutMs?: number;
  /** Attempts per call, the first included. Default 3. */
  readonly maxAttempts?: number;
  /** Delay between attempts. Default 500 ms doubling to 8 s, ±20 %. */
  readonly retryBackoff?: BackoffPolicy;
  /** Spacing of identical option-chain / expiry-list requests. Default 3100 ms. */
  readonly optionChainIntervalMs?: number;
  /** Jitter source; default Math.random. */
  readonly random?: RandomSource;
}

const DEFAULT_RETRY_BACKOFF: BackoffPolicy = Object.freeze({
  initialMs: 500,
  multiplier: 2,
  maxMs: 8_000,
  jitterRatio: 0.2,
});

interface CallSpec<T> {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: unknown;
  /** Requests with the same key are spaced by the option-chain interval. */
  readonly paceKey?: string;
  readonly parse: (json: unknown, endpoint: string) => T;
}

export class DhanRestClient {
  private readonly fetchFn: FetchFunction;
  private readonly pacer: KeyedPacer;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly retryBackoff: BackoffPolicy;
  private readonly random: RandomSource;
  /** Requests on the wire, aborted by close(). */
  private readonly inflight = new Set<AbortController>();
  private closed = false;
  private wakeOnClose: () => void = () => undefined;
  /** Resolves when close() is called, so pacing and retry waits end at once. */
  private readonly closing = new Promise<void>((resolve) => {
    this.wakeOnClose = resolve;
  });

  constructor(private readonly options: DhanRestClientOptions) {
    this.fetchFn = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
    this.pacer = new KeyedPacer(options.optionChainIntervalMs ?? 3_100, options.clock, options.scheduler);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.retryBackoff = options.retryBackoff ?? DEFAULT_RETRY_BACKOFF;
    this.random = options.random ?? Math.random;
  }

  /**
   * Aborts every request in flight and every pacing or retry wait; later calls fail at once with
   * REST_CANCELLED. The engine calls it on shutdown so no request outlives the app.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const controller of this.inflight) controller.abort();
    this.wakeOnClose();
  }

  /** GET /profile: proves the token works and says whether the Data-API plan is active. */
  getProfile(): Promise<DhanProfile> {
    return this.call({ method: 'GET', path: '/profile', parse: parseProfile });
  }

  /** POST /optionchain/expirylist: the underlying's expiries, ascending. */
  getExpiryList(underlying: Omit<OptionChainRequest, 'expiry'>): Promise<IsoDate[]> {
    return this.call({
      method: 'POST',
      path: '/optionchain/expirylist',
      body: { UnderlyingScrip: underlying.underlyingSecurityId, UnderlyingSeg: underlying.underlyingSegment },
      paceKey: `expirylist:${underlying.underlyingSegment}:${underlying.underlyingSecurityId}`,
      parse: parseExpiryList,
    });
  }

  /**
   * POST /optionchain for one expiry. Identical requests are queued 3.1 s apart (never failed).
   * A 401 or 810 answer is checked against /profile first: DhanHQ is known to answer so when
   * rate limiting the option chain, so a working profile turns it into REST_RATE_LIMITED.
   */
  async getOptionChain(request: OptionChainRequest): Promise<OptionChainResult> {
    try {
      return await this.call({
        method: 'POST',
        path: '/optionchain',
        body: {
          UnderlyingScrip: request.underlyingSecurityId,
          UnderlyingSeg: request.underlyingSegment,
          Expiry: request.expiry,
        },
        paceKey: `optionchain:${request.underlyingSegment}:${request.underlyingSecurityId}:${request.expiry}`,
        parse: (json, endpoint) => parseOptionChain(json, request, this.options.clock.nowMs(), endpoint),
      });
    } catch (error) {
      if (!isAppError(error) || !looksLikeChainRateLimit(error)) throw error;
      await this.getProfile(); // a dead token throws the profile's own error here
      throw new AppError(
        'REST_RATE_LIMITED',
        `The option chain answered ${String(error.context['dhanCode'] ?? error.context['httpStatus'])}, but the profile works: treated as rate limiting`,
        { ...error.context, profileChecked: true },
        { cause: error },
      );
    }
  }

  private async call<T>(spec: CallSpec<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (spec.paceKey !== undefined) await Promise.race([this.pacer.acquire(spec.paceKey), this.closing]);
      this.throwIfClosed(spec.path);
      try {
        return await this.attempt(spec);
      } catch (error) {
        const retry =
          isAppError(error) && RETRYABLE_REST_CODES.has(error.code) && attempt + 1 < this.maxAttempts;
        if (!retry) throw error;
        const delay = backoffDelayMs(attempt, this.retryBackoff, this.random);
        this.options.logger.info(
          { code: error.code, endpoint: spec.path, attempt: attempt + 1, delayMs: delay },
          'retrying DhanHQ request',
        );
        await Promise.race([new Promise<void>((resolve) => this.options.scheduler.setTimeout(resolve, delay)), this.closing]);
      }
    }
  }

  private throwIfClosed(endpoint: string): void {
    if (this.closed) throw new AppError('REST_CANCELLED', `${endpoint} was not sent: the app is closing`, { endpoint });
  }

  private async attempt<T>(spec: CallSpec<T>): Promise<T> {
    const credentials = this.options.credentials();
    const url = `${this.options.baseUrl}${spec.path}`;
    const endpoint = new URL(url).pathname;
    const startedAtMs = this.options.clock.nowMs();
    let status: number | null = null;
    try {
      if (credentials === null)
        throw new AppError('CRED_MISSING', 'No DhanHQ credentials to call the API with', { endpoint });
      const { httpStatus, json } = await this.exchange(url, spec, credentials, endpoint);
      status = httpStatus;
      const error = restErrorOf(httpStatus, json, endpoint);
      if (error !== null) throw error;
      const value = spec.parse(json, endpoint);
      this.report(spec.method, endpoint, startedAtMs, status, null);
      return value;
    } catch (error) {
      const appError = isAppError(error)
        ? error
        : new AppError(
            'REST_UNEXPECTED',
            `Unexpected failure on ${endpoint}`,
            { endpoint },
            { cause: error },
          );
      this.report(spec.method, endpoint, startedAtMs, status, appError.code);
      this.options.logger.warn(
        { code: appError.code, endpoint, httpStatus: status, dhanCode: appError.context['dhanCode'] ?? null },
        appError.message,
      );
      throw appError;
    }
  }

  /** One HTTP exchange under a timeout that covers the body; returns the status and the JSON (undefined if not JSON). */
  private async exchange(
    url: string,
    spec: CallSpec<unknown>,
    credentials: DhanCredentials,
    endpoint: string,
  ): Promise<{ httpStatus: number; json: unknown }> {
    const controller = new AbortController();
    const timer = this.options.scheduler.setTimeout(() => controller.abort(), this.timeoutMs);
    this.inflight.add(controller);
    try {
      const response = await this.fetchFn(url, {
        method: spec.method,
        headers: {
          'access-token': credentials.accessToken,
          'client-id': credentials.clientId,
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
        signal: controller.signal,
      });
      const text = await response.text();
      return { httpStatus: response.status, json: parseJson(text) };
    } catch (error) {
      this.throwIfClosed(endpoint);
      if (controller.signal.aborted) {
        throw new AppError('REST_TIMEOUT', `No answer from ${endpoint} within ${this.timeoutMs} ms`, {
          endpoint,
          httpStatus: null,
          dhanCode: null,
        });
      }
      throw new AppError('REST_UNREACHABLE', `Could not reach DhanHQ for ${endpoint}: ${causeText(error)}`, {
        endpoint,
        httpStatus: null,
        dhanCode: null,
      });
    } finally {
      this.inflight.delete(controller);
      this.options.scheduler.clearTimeout(timer);
    }
  }

  private report(
    method: string,
    endpoint: string,
    startedAtMs: number,
    status: number | null,
    errorCode: RestLogEntry['errorCode'],
  ): void {
    this.options.onCall?.({
      atMs: startedAtMs,
      method,
      endpoint,
      status,
      latencyMs: this.options.clock.nowMs() - startedAtMs,
      errorCode,
    });
  }
}

/** 401 (other than 806, which is the plan) or 810 on the option chain. */
function looksLikeChainRateLimit(error: AppError): boolean {
  const dhanCode = error.context['dhanCode'];
  return (error.context['httpStatus'] === 401 && dhanCode !== '806') || dhanCode === '810';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** undici hides the reason (ECONNREFUSED …) in `cause`. */
function causeText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}
