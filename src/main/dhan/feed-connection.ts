/**
 * One Live Market Feed socket and everything that keeps it useful: connect with a handshake
 * timeout, subscribe what it was given (again after every reconnect: DhanHQ forgets
 * subscriptions), hand binary frames to the engine, watch for stalls, and decide from the
 * disconnect reason whether to reconnect, cool off, stop, or wait for a new token.
 *
 * Time, sockets and randomness are injected; nothing here touches a global.
 */
import type { ClientRequest, IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import type {
  ConnectionDiagnostics,
  DisconnectAction,
  DisconnectRecord,
  FeedConnectionState,
} from '../../shared/api/view-types';
import type { ErrorCode } from '../../shared/errors/error-catalog';
import { describeDisconnect } from '../../shared/feed/disconnect-codes';
import { DISCONNECT_MESSAGE } from '../../shared/feed/subscription-messages';
import type { Clock, Scheduler, TimerHandle } from '../../shared/util/clock';
import type { Logger } from '../logging/logger';
import { backoffDelayMs, type BackoffPolicy, type RandomSource } from './backoff';
import { scanFeedFrame, type FrameScan } from './feed-frame-scan';
import { subscriptionMessages, type FeedSubscription } from './feed-subscription';
import type { FeedTiming } from './feed-timing';
import { redactFeedUrl } from './feed-url';
import { closeSocketWithin } from './socket-close';
import { TurnClock } from '../util/turn-clock';

/** Opens a client socket to a full feed URL. Tests and the simulator use the default. */
export type FeedSocketFactory = (url: string) => WebSocket;

/** A plain `ws` client: no compression (DhanHQ sends small binary frames), 16 MiB frame cap. */
export const createFeedSocket: FeedSocketFactory = (url) =>
  new WebSocket(url, { perMessageDeflate: false, maxPayload: 16 * 1024 * 1024 });

/** How a connection's socket is doing, for the feed-wide state shown in the header strip. */
export type FeedActivity = 'live' | 'silent' | 'market-closed';

export interface FeedConnectionCounters {
  /** Binary frames received. */
  readonly frames: number;
  /** Packets in those frames, framed by their declared lengths. */
  readonly packets: number;
  /** Text frames received; DhanHQ sends none, so any is worth a look. */
  readonly textFrames: number;
  /** Frames whose consumer (onFrame) threw. */
  readonly consumerErrors: number;
}

export interface FeedConnectionOptions {
  /** 1-based slot number, shown in diagnostics. */
  readonly id: number;
  /** The full feed URL with the current token, built at every connect; null while there are no credentials. */
  readonly url: () => string | null;
  readonly createSocket: FeedSocketFactory;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  readonly random: RandomSource;
  /** True during market hours; outside them a quiet socket is normal. */
  readonly isMarketOpen: (nowMs: number) => boolean;
  readonly timing: FeedTiming;
  /** Every binary frame, as received. A throw is counted and logged; the socket stays up. */
  readonly onFrame: (bytes: Uint8Array, connectionId: number) => void;
  /** After every state or subscription-count change. */
  readonly onStateChange: (diagnostics: ConnectionDiagnostics) => void;
  /** After every disconnect, handshake refusal or watchdog action. */
  readonly onDisconnect: (record: DisconnectRecord) => void;
}

/** Per-socket facts; handlers compare against `active` so events of a replaced socket are ignored. */
interface ActiveSocket {
  readonly socket: WebSocket;
  opened: boolean;
  pingSeen: boolean;
  handshakeStatus: number | null;
  retryAfterMs: number | null;
  handshakeTimedOut: boolean;
  error: string | null;
  handshakeTimer: TimerHandle | null;
}

export class FeedConnection {
  readonly id: number;
  private state: FeedConnectionState = 'idle';
  private active: ActiveSocket | null = null;
  private desired: ReadonlyMap<number, FeedSubscription> = new Map();
  private sent: ReadonlyMap<number, FeedSubscription> = new Map();
  private awaitingToken = false;
  private attempts = 0;
  private nextRetryAtMs: number | null = null;
  private retryTimer: TimerHandle | null = null;
  private watchdogTimer: TimerHandle | null = null;
  private lastDisconnect: DisconnectRecord | null = null;
  private displayUrl = '';
  private lastInboundAtMs = 0;
  private quietSinceMs = 0;
  /**
   * When the last frame arrived (clock ms), NaN before the first; diagnostics show NaN as null.
   * A number field, never null: V8 keeps a field that only ever held numbers unboxed, while a
   * `number | null` field allocates a heap number at each store of a value outside V8's small
   * integers, as every Date.now() is (about 10 ns and 16 bytes a frame, measured).
   */
  private lastPacketAtMs = Number.NaN;
  private frameSeenSinceOpen = false;
  private frames = 0;
  private packets = 0;
  private textFrames = 0;
  private consumerErrors = 0;
  private readonly scan: FrameScan = { packets: 0, disconnectReason: -1 };
  private readonly closing = new Set<Promise<void>>();
  private readonly log: Logger;

  /** Messages of one socket read share one receive time (see TurnClock). */
  private readonly turnClock: TurnClock;

  constructor(private readonly options: FeedConnectionOptions) {
    this.id = options.id;
    this.log = options.logger.child({ feedConnection: options.id });
    this.turnClock = new TurnClock(options.clock);
  }

  /** Connects if idle. A stopped connection waits for `resume()`. */
  start(): void {
    if (this.state === 'idle') this.connect();
  }

  /**
   * Replaces the instruments this socket should carry. While open, only the difference is
   * sent; otherwise the whole set is subscribed on the next open.
   */
  setSubscriptions(desired: ReadonlyMap<number, FeedSubscription>): void {
    this.desired = desired;
    if (this.isOpen()) this.sendSubscriptions();
  }

  /** Instruments assigned to this connection, sent or not. */
  get assigned(): number {
    return this.desired.size;
  }

  /** True after 807 or a 401 handshake: only a new token helps. */
  get isAwaitingToken(): boolean {
    return this.awaitingToken;
  }

  get currentState(): FeedConnectionState {
    return this.state;
  }

  /**
   * Connects now, forgetting the back-off: after new credentials, or the user's Reconnect.
   * Open and connecting sockets are left alone.
   */
  resume(): void {
    if (this.state === 'closed' || this.state === 'open' || this.state === 'connecting') return;
    this.options.scheduler.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.nextRetryAtMs = null;
    this.attempts = 0;
    this.awaitingToken = false;
    this.connect();
  }

  /** Closes for good: sends the disconnect request, then closes within closeTimeoutMs. Safe to call twice. */
  async close(): Promise<void> {
    if (this.state !== 'closed') {
      const socket = this.active?.socket;
      if (socket !== undefined && socket.readyState === WebSocket.OPEN)
        socket.send(DISCONNECT_MESSAGE, () => undefined);
      this.options.scheduler.clearTimeout(this.retryTimer);
      this.retryTimer = null;
      this.nextRetryAtMs = null;
      this.detach(true);
      this.setState('closed');
    }
    await Promise.all([...this.closing]);
  }

  diagnostics(): ConnectionDiagnostics {
    return {
      id: this.id,
      state: this.state,
      subscribed: this.sent.size,
      packets: this.packets,
      lastPacketAtMs: Number.isNaN(this.lastPacketAtMs) ? null : this.lastPacketAtMs,
      lastDisconnect: this.lastDisconnect,
      reconnectAttempts: this.attempts,
      nextRetryAtMs: this.nextRetryAtMs,
      url: this.displayUrl,
    };
  }

  counters(): FeedConnectionCounters {
    return {
      frames: this.frames,
      packets: this.packets,
      textFrames: this.textFrames,
      consumerErrors: this.consumerErrors,
    };
  }

  /** For an open socket: ticking, silent during market hours, or quiet because the market is closed. */
  activity(nowMs: number): FeedActivity {
    if (!this.options.isMarketOpen(nowMs)) return 'market-closed';
    if (this.sent.size > 0 && nowMs - this.quietSinceMs > this.options.timing.silentNoticeMs) return 'silent';
    return 'live';
  }

  // ── Connecting ──────────────────────────────────────────────────────────────────────────

  private connect(): void {
    const url = this.options.url();
    if (url === null) {
      this.setState('idle');
      return;
    }
    this.displayUrl = redactFeedUrl(url);
    let socket: WebSocket;
    try {
      socket = this.options.createSocket(url);
    } catch (error) {
      // A URL the socket library refuses will not heal by retrying.
      this.report('FEED_HANDSHAKE_FAILED', null, `The feed URL was refused: ${messageOf(error)}`, 'stop');
      this.apply('stop');
      return;
    }
    const active: ActiveSocket = {
      socket,
      opened: false,
      pingSeen: false,
      handshakeStatus: null,
      retryAfterMs: null,
      handshakeTimedOut: false,
      error: null,
      handshakeTimer: null,
    };
    this.active = active;
    this.attachHandlers(active);
    active.handshakeTimer = this.options.scheduler.setTimeout(() => {
      if (this.active === active && !active.opened) {
        active.handshakeTimedOut = true;
        socket.terminate();
      }
    }, this.options.timing.handshakeTimeoutMs);
    this.setState('connecting');
  }

  private attachHandlers(active: ActiveSocket): void {
    const { socket } = active;
    socket.on('open', () => this.active === active && this.onOpen(active));
    socket.on('message', (data, isBinary) => this.active === active && this.onMessage(data, isBinary));
    socket.on('ping', () => {
      if (this.active !== active) return;
      active.pingSeen = true;
      this.lastInboundAtMs = this.options.clock.nowMs();
    });
    socket.on('pong', () => {
      if (this.active === active) this.lastInboundAtMs = this.options.clock.nowMs();
    });
    socket.on('unexpected-response', (_request: ClientRequest, response: IncomingMessage) => {
      active.handshakeStatus = response.statusCode ?? null;
      active.retryAfterMs = retryAfterMs(response.headers['retry-after']);
      // Handling this event makes us responsible for aborting the handshake; 'close' follows.
      response.resume();
      socket.terminate();
    });
    // Always listened to, also after the socket is replaced: an unhandled 'error' would crash the process.
    socket.on('error', (error) => {
      active.error = messageOf(error);
      this.log.debug({ error: active.error, current: this.active === active }, 'feed socket error');
    });
    socket.on('close', (code) => this.active === active && this.onClose(active, code));
  }

  private onOpen(active: ActiveSocket): void {
    active.opened = true;
    this.options.scheduler.clearTimeout(active.handshakeTimer);
    const now = this.options.clock.nowMs();
    this.lastInboundAtMs = now;
    this.quietSinceMs = now;
    this.frameSeenSinceOpen = false;
    this.sent = new Map();
    this.log.info({ url: this.displayUrl, instruments: this.desired.size }, 'feed connection open');
    this.setState('open');
    this.sendSubscriptions();
    this.watchdogTimer = this.options.scheduler.setInterval(
      () => this.watchdog(),
      this.options.timing.watchdogIntervalMs,
    );
  }

  private sendSubscriptions(): void {
    const socket = this.active?.socket;
    if (socket === undefined) return;
    const messages = subscriptionMessages(this.sent, this.desired);
    const before = this.sent.size;
    for (const message of messages) {
      socket.send(message, (error) => {
        if (error) this.log.warn({ error: messageOf(error) }, 'feed subscription message not sent');
      });
    }
    this.sent = new Map(this.desired);
    if (messages.length > 0) {
      // The silence clock starts when there is something to be silent about.
      this.quietSinceMs = this.options.clock.nowMs();
      this.log.debug({ messages: messages.length, instruments: this.sent.size }, 'feed subscriptions sent');
    }
    if (this.sent.size !== before) this.notify();
  }

  // ── Receiving ───────────────────────────────────────────────────────────────────────────

  private onMessage(data: WebSocket.RawData, isBinary: boolean): void {
    const now = this.turnClock.nowMs();
    this.lastInboundAtMs = now;
    if (!isBinary) {
      this.textFrames++;
      if (worthLogging(this.textFrames)) {
        this.log.warn(
          { count: this.textFrames, text: rawText(data).slice(0, 200) },
          'unexpected text frame from the feed',
        );
      }
      return;
    }
    const bytes = asBytes(data);
    this.frames++;
    scanFeedFrame(bytes, this.scan);
    this.packets += this.scan.packets;
    this.lastPacketAtMs = now;
    this.quietSinceMs = now;
    if (!this.frameSeenSinceOpen) {
      // Data flows again: the next failure starts its back-off from the beginning.
      this.frameSeenSinceOpen = true;
      this.attempts = 0;
    }
    const disconnectReason = this.scan.disconnectReason;
    try {
      this.options.onFrame(bytes, this.id);
    } catch (error) {
      this.consumerErrors++;
      if (worthLogging(this.consumerErrors)) {
        this.log.error(
          { code: 'FEED_CONSUMER_FAILED', count: this.consumerErrors, error: messageOf(error) },
          'feed frame consumer threw',
        );
      }
    }
    if (disconnectReason >= 0) this.onServerDisconnect(disconnectReason);
  }

  private onServerDisconnect(reason: number): void {
    const meaning = describeDisconnect(reason);
    this.report(meaning.errorCode, reason, meaning.meaning, meaning.action);
    this.detach(true);
    this.apply(meaning.action);
  }

  private onClose(active: ActiveSocket, closeCode: number): void {
    this.releaseSocket();
    if (this.state === 'closed') return;
    if (active.opened) {
      this.report(
        'FEED_DROPPED',
        null,
        `The connection closed without a disconnect reason (WebSocket close ${closeCode})`,
        'reconnect',
      );
      this.apply('reconnect');
      return;
    }
    const status = active.handshakeStatus;
    if (status === 429) {
      this.report(
        'FEED_HANDSHAKE_RATE_LIMITED',
        429,
        'Handshake refused with HTTP 429: too many connection attempts',
        'back-off',
      );
      this.apply('back-off', active.retryAfterMs ?? 0);
    } else if (status === 401) {
      this.report(
        'FEED_HANDSHAKE_UNAUTHORIZED',
        401,
        'Handshake refused with HTTP 401: the token or client id was rejected',
        'await-token',
      );
      this.apply('await-token');
    } else {
      const meaning =
        status !== null
          ? `Handshake refused with HTTP ${status}`
          : active.handshakeTimedOut
            ? `No handshake answer within ${this.options.timing.handshakeTimeoutMs} ms`
            : `Could not connect: ${active.error ?? 'the connection closed during the handshake'}`;
      this.report('FEED_HANDSHAKE_FAILED', status, meaning, 'reconnect');
      this.apply('reconnect');
    }
  }

  // ── Watchdog ────────────────────────────────────────────────────────────────────────────

  private watchdog(): void {
    if (!this.isOpen()) return;
    const now = this.options.clock.nowMs();
    const { timing } = this.options;
    if (this.active?.pingSeen && now - this.lastInboundAtMs > timing.pingTimeoutMs) {
      this.replaceSocket(
        'FEED_PING_TIMEOUT',
        `Nothing received, not even a ping, for ${now - this.lastInboundAtMs} ms`,
      );
      return;
    }
    if (!this.options.isMarketOpen(now)) {
      // Outside market hours silence is normal; the clock restarts when the session opens.
      this.quietSinceMs = now;
      return;
    }
    if (this.sent.size > 0 && now - this.quietSinceMs > timing.silentAfterMs) {
      this.replaceSocket('FEED_SILENT', `No packet for ${now - this.quietSinceMs} ms during market hours`);
    }
  }

  private replaceSocket(errorCode: ErrorCode, meaning: string): void {
    this.report(errorCode, null, meaning, 'reconnect');
    // A stalled socket will not answer a close handshake either.
    this.detach(false);
    this.apply('reconnect');
  }

  // ── Decisions ───────────────────────────────────────────────────────────────────────────

  private apply(action: DisconnectAction, minimumDelayMs = 0): void {
    const { timing } = this.options;
    switch (action) {
      case 'reconnect':
        this.scheduleReconnect(timing.reconnect, minimumDelayMs);
        break;
      case 'back-off':
        this.scheduleReconnect(timing.coolOff, minimumDelayMs);
        break;
      case 'stop':
      case 'await-token':
        this.awaitingToken = action === 'await-token';
        this.setState('stopped');
        break;
    }
  }

  private scheduleReconnect(policy: BackoffPolicy, minimumDelayMs: number): void {
    const delay = Math.max(minimumDelayMs, backoffDelayMs(this.attempts, policy, this.options.random));
    this.attempts++;
    this.nextRetryAtMs = this.options.clock.nowMs() + delay;
    this.retryTimer = this.options.scheduler.setTimeout(() => {
      this.retryTimer = null;
      this.nextRetryAtMs = null;
      this.connect();
    }, delay);
    this.setState('reconnecting');
  }

  private report(errorCode: ErrorCode, code: number | null, meaning: string, action: DisconnectAction): void {
    const record: DisconnectRecord = {
      atMs: this.options.clock.nowMs(),
      connectionId: this.id,
      code,
      errorCode,
      meaning,
      action,
    };
    this.lastDisconnect = record;
    this.log.warn({ code: errorCode, reason: code, action, url: this.displayUrl }, meaning);
    this.options.onDisconnect(record);
  }

  // ── Plumbing ────────────────────────────────────────────────────────────────────────────

  private isOpen(): boolean {
    return this.state === 'open' && this.active !== null && this.active.socket.readyState === WebSocket.OPEN;
  }

  /** Forgets the current socket and closes it in the background (politely, or by destroying it). */
  private detach(graceful: boolean): void {
    const active = this.active;
    if (active === null) return;
    this.releaseSocket();
    if (graceful) {
      const closing = closeSocketWithin(
        active.socket,
        this.options.timing.closeTimeoutMs,
        this.options.scheduler,
      );
      this.closing.add(closing);
      void closing.then(() => this.closing.delete(closing));
    } else {
      active.socket.terminate();
    }
  }

  private releaseSocket(): void {
    const active = this.active;
    if (active === null) return;
    this.options.scheduler.clearTimeout(active.handshakeTimer);
    this.options.scheduler.clearInterval(this.watchdogTimer);
    this.watchdogTimer = null;
    this.active = null;
    const hadSubscriptions = this.sent.size > 0;
    this.sent = new Map();
    if (hadSubscriptions) this.notify();
  }

  private setState(state: FeedConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.notify();
  }

  private notify(): void {
    this.options.onStateChange(this.diagnostics());
  }
}

/** Logs the first few occurrences, then every power of ten, so a tick-rate fault cannot flood the log. */
function worthLogging(count: number): boolean {
  if (count <= 3) return true;
  const magnitude = 10 ** Math.floor(Math.log10(count));
  return count === magnitude;
}

function asBytes(data: WebSocket.RawData): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (Array.isArray(data)) return Buffer.concat(data);
  return data;
}

function rawText(data: WebSocket.RawData): string {
  return Buffer.from(asBytes(data)).toString('utf8');
}

function retryAfterMs(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return null;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
