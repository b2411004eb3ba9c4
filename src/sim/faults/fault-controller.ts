/**
 * Holds the fault switches the feed and REST servers read, performs the one-off actions through
 * the feed, and keeps a history so tests and support staff can see what was triggered when.
 */
import type { Clock, Scheduler, TimerHandle } from '../../shared/util/clock';
import type { TokenRegistry } from '../auth/token-registry';
import type { SimLogger } from '../util/sim-logger';
import type {
  ConnectionTarget,
  FaultControl,
  FaultEvent,
  FaultState,
  MalformedKind,
  RestEndpoint,
  RestFault,
} from './fault-types';

/** What the fault controller asks of the feed server. */
export interface FeedFaultTarget {
  disconnect(code: number, target: ConnectionTarget): number;
  drop(target: ConnectionTarget): number;
  sendMalformed(kind: MalformedKind, target: ConnectionTarget): number;
  /** Disconnects (code 807) every connection opened with `token`. */
  expireConnectionsUsing(token: string): number;
}

export interface FaultControllerDeps {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly tokens: TokenRegistry;
  readonly logger: SimLogger;
  /** Issues a fresh token for renewToken(). */
  readonly issueToken: () => string;
}

const HISTORY_LIMIT = 1000;

export class FaultController implements FaultControl {
  silent = false;
  serverPings = true;
  answerPings = true;
  packetsPerFrame = 1;
  private handshake: { status: 401 | 429; remaining: number | null } | null = null;
  private rest: (RestFault & { remaining: number | null }) | null = null;
  private readonly events: FaultEvent[] = [];
  private expiryTimer: TimerHandle | null = null;
  private feed: FeedFaultTarget | null = null;

  constructor(private readonly deps: FaultControllerDeps) {}

  /** Connects the feed once it exists, and arms the current token's expiry. */
  attachFeed(feed: FeedFaultTarget): void {
    this.feed = feed;
    this.armExpiry();
  }

  disconnect(code: number, target: ConnectionTarget = 'all'): number {
    if (!Number.isInteger(code) || code < 0 || code > 0xffff) throw new RangeError(`disconnect code must be a 16-bit integer, got ${code}`);
    const affected = this.feed?.disconnect(code, target) ?? 0;
    this.record('disconnect', { code, target: String(target), affected });
    return affected;
  }

  drop(target: ConnectionTarget = 'all'): number {
    const affected = this.feed?.drop(target) ?? 0;
    this.record('drop', { target: String(target), affected });
    return affected;
  }

  setSilent(on: boolean): void {
    this.silent = on;
    this.record('silent', { on });
  }

  setServerPings(on: boolean): void {
    this.serverPings = on;
    this.record('server-pings', { on });
  }

  setAnswerPings(on: boolean): void {
    this.answerPings = on;
    this.record('answer-pings', { on });
  }

  setPacketsPerFrame(n: number): void {
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw new RangeError(`packets per frame must be 1..1000, got ${n}`);
    this.packetsPerFrame = n;
    this.record('packets-per-frame', { n });
  }

  rejectHandshakes(status: 401 | 429, times?: number): void {
    this.handshake = { status, remaining: times ?? null };
    this.record('reject-handshakes', { status, times: times ?? null });
  }

  sendMalformed(kind: MalformedKind, target: ConnectionTarget = 'all'): number {
    const affected = this.feed?.sendMalformed(kind, target) ?? 0;
    this.record('malformed', { kind, target: String(target), affected });
    return affected;
  }

  setRestFault(fault: RestFault | null): void {
    this.rest = fault === null ? null : { ...fault, remaining: fault.times ?? null };
    this.record('rest-fault', { kind: fault?.kind ?? null, endpoint: fault?.endpoint ?? (fault === null ? null : 'any') });
  }

  expireTokenAt(epochMs: number): void {
    this.deps.tokens.expireAt(epochMs);
    this.record('expire-token-at', { atMs: epochMs });
    this.armExpiry();
  }

  expireTokenNow(): void {
    this.expireTokenAt(this.deps.clock.nowMs());
  }

  setValidToken(token: string): void {
    if (token.length === 0) throw new RangeError('a token cannot be empty');
    this.deps.tokens.replace(token);
    this.record('set-valid-token', {});
    this.armExpiry();
  }

  renewToken(): string {
    const token = this.deps.issueToken();
    this.setValidToken(token);
    return token;
  }

  state(): FaultState {
    return {
      silent: this.silent,
      serverPings: this.serverPings,
      answerPings: this.answerPings,
      packetsPerFrame: this.packetsPerFrame,
      handshake: this.handshake === null ? null : { ...this.handshake },
      rest: this.rest === null ? null : { ...this.rest },
      tokenExpiresAtMs: this.deps.tokens.expiryMs,
    };
  }

  history(): readonly FaultEvent[] {
    return [...this.events];
  }

  reset(): void {
    this.silent = false;
    this.serverPings = true;
    this.answerPings = true;
    this.packetsPerFrame = 1;
    this.handshake = null;
    this.rest = null;
    this.record('reset', {});
  }

  /** The handshake status to answer instead of 101, consuming one use; null to proceed. */
  takeHandshakeRejection(): 401 | 429 | null {
    const h = this.handshake;
    if (h === null) return null;
    if (h.remaining !== null) {
      h.remaining--;
      if (h.remaining <= 0) this.handshake = null;
    }
    return h.status;
  }

  /** The REST fault for a request to `endpoint`, consuming one use; null to answer normally. */
  takeRestFault(endpoint: Exclude<RestEndpoint, 'any'>): RestFault | null {
    const f = this.rest;
    if (f === null || (f.endpoint !== undefined && f.endpoint !== 'any' && f.endpoint !== endpoint)) return null;
    if (f.remaining !== null) {
      f.remaining--;
      if (f.remaining <= 0) this.rest = null;
    }
    return f;
  }

  /** Stops the expiry timer (simulator shutdown). */
  dispose(): void {
    this.deps.scheduler.clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
  }

  private armExpiry(): void {
    this.deps.scheduler.clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
    const at = this.deps.tokens.expiryMs;
    if (at === null || this.feed === null) return;
    const token = this.deps.tokens.token;
    const fire = (): void => {
      this.expiryTimer = null;
      const affected = this.feed?.expireConnectionsUsing(token) ?? 0;
      this.record('token-expired', { affected });
    };
    const delay = at - this.deps.clock.nowMs();
    // Node timers cap at about 24.8 days; a later expiry is re-armed when it comes closer.
    const MAX_DELAY = 2_000_000_000;
    if (delay > MAX_DELAY) {
      this.expiryTimer = this.deps.scheduler.setTimeout(() => this.armExpiry(), MAX_DELAY);
    } else if (delay <= 0) {
      fire();
    } else {
      this.expiryTimer = this.deps.scheduler.setTimeout(fire, delay);
    }
  }

  private record(action: string, detail: FaultEvent['detail']): void {
    this.events.push({ atMs: this.deps.clock.nowMs(), action, detail });
    if (this.events.length > HISTORY_LIMIT) this.events.splice(0, this.events.length - HISTORY_LIMIT);
    this.deps.logger.info({ action, ...detail }, 'simulator fault');
  }
}
