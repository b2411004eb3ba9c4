/**
 * The user's Live Market Feed: up to five connections of up to 5000 instruments each, opened
 * lazily as the engine's subscription list grows and closed when they empty. The engine says
 * what it wants (`setSubscriptions`); the pool works out what each socket must subscribe,
 * unsubscribe or change mode, and reports what could not fit.
 */
import type { ConnectionDiagnostics, DisconnectRecord, FeedState } from '../../shared/api/view-types';
import type { Clock, Scheduler } from '../../shared/util/clock';
import type { Logger } from '../logging/logger';
import type { RandomSource } from './backoff';
import type { DhanCredentials } from './dhan-credentials';
import {
  assignSubscriptions,
  DHAN_FEED_POOL_LIMITS,
  type FeedPoolLimits,
  type RejectedSubscription,
} from './feed-assignment';
import { createFeedSocket, FeedConnection, type FeedSocketFactory } from './feed-connection';
import type { FeedSubscription } from './feed-subscription';
import { DEFAULT_FEED_TIMING, type FeedTiming } from './feed-timing';
import { buildFeedUrl, redactFeedUrl } from './feed-url';

export interface FeedPoolOptions {
  /** Feed base URL (DHAN_FEED_URL), e.g. wss://api-feed.dhan.co. */
  readonly feedUrl: string;
  /** Default null: connections wait (feed state 'awaiting-token') until updateCredentials. */
  readonly credentials?: DhanCredentials | null;
  /** Default: a plain `ws` client (createFeedSocket). */
  readonly createSocket?: FeedSocketFactory;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  /** Jitter source for back-off; default Math.random. */
  readonly random?: RandomSource;
  /** Market hours (see createMarketHours().isOpen). */
  readonly isMarketOpen: (nowMs: number) => boolean;
  /**
   * Every binary frame of every connection, unmodified and valid only during the call. A throw
   * is counted (counters().consumerErrors) and logged; the socket is unaffected.
   */
  readonly onFrame: (bytes: Uint8Array, connectionId: number) => void;
  /** A connection changed state or subscription count. */
  readonly onStateChange?: (diagnostics: ConnectionDiagnostics) => void;
  /** A connection was disconnected or refused; the engine keeps the history. */
  readonly onDisconnect?: (record: DisconnectRecord) => void;
  /** Default 5 connections × 5000 instruments (DhanHQ's limits). */
  readonly limits?: Partial<FeedPoolLimits>;
  /** Default DEFAULT_FEED_TIMING; fields given here replace single defaults. */
  readonly timing?: Partial<FeedTiming>;
}

export interface SubscriptionOutcome {
  /** Instruments assigned to a connection. */
  readonly accepted: number;
  /** Instruments not assigned, with the reason; the engine shows them as left out. */
  readonly rejected: readonly RejectedSubscription[];
  /** Repeats of an instrument already in the list, ignored. */
  readonly duplicates: number;
  /** Connections the assignment needs. */
  readonly connections: number;
}

export interface FeedPoolCounters {
  readonly frames: number;
  readonly packets: number;
  readonly textFrames: number;
  readonly consumerErrors: number;
}

export class FeedPool {
  private readonly limits: FeedPoolLimits;
  private readonly timing: FeedTiming;
  private readonly connections = new Map<number, FeedConnection>();
  private slotOf: ReadonlyMap<number, number> = new Map();
  private credentials: DhanCredentials | null;
  private retired: FeedCounterTotals = { frames: 0, packets: 0, textFrames: 0, consumerErrors: 0 };
  private readonly closing = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly options: FeedPoolOptions) {
    this.limits = { ...DHAN_FEED_POOL_LIMITS, ...options.limits };
    this.timing = { ...DEFAULT_FEED_TIMING, ...options.timing };
    this.credentials = options.credentials ?? null;
  }

  /**
   * Makes the pool carry exactly `subscriptions` (the engine's full desired set, highest
   * priority first). Unchanged instruments stay on their connection; removed ones are
   * unsubscribed; a mode change unsubscribes the old mode and subscribes the new one;
   * connections open only when needed and close when they empty.
   */
  setSubscriptions(subscriptions: readonly FeedSubscription[]): SubscriptionOutcome {
    if (this.closed) return { accepted: 0, rejected: [], duplicates: 0, connections: 0 };
    const inUse = new Set([...this.connections.keys()].map((id) => id - 1));
    const assignment = assignSubscriptions(this.slotOf, inUse, subscriptions, this.limits);
    this.slotOf = assignment.slotOf;
    let needed = 0;
    assignment.slots.forEach((slot, index) => {
      const id = index + 1;
      const existing = this.connections.get(id);
      if (slot.size === 0) {
        if (existing !== undefined) this.retire(existing);
        return;
      }
      needed++;
      const connection = existing ?? this.open(id);
      connection.setSubscriptions(slot);
      if (this.credentials !== null && !this.halted()) connection.start();
    });
    const limited = assignment.rejected.filter((r) => r.reason === 'limit').length;
    if (assignment.rejected.length > 0) {
      this.options.logger.warn(
        {
          code: 'FEED_SUBSCRIPTION_LIMIT',
          overLimit: limited,
          invalid: assignment.rejected.length - limited,
        },
        'some instruments were not subscribed',
      );
    }
    return {
      accepted: assignment.slotOf.size,
      rejected: assignment.rejected,
      duplicates: assignment.duplicates,
      connections: needed,
    };
  }

  /**
   * New token or client id: every connection that is not open (stopped, awaiting a token,
   * backing off, or never started) reconnects now with a URL built from them and subscribes
   * everything it carries. Open sockets stay as they are; DhanHQ authenticated them already.
   */
  updateCredentials(credentials: DhanCredentials): void {
    this.credentials = credentials;
    if (this.closed) return;
    for (const connection of this.connections.values()) {
      if (connection.currentState === 'idle') connection.start();
      else connection.resume();
    }
  }

  /** The user's Reconnect: resumes stopped and backing-off connections at once. */
  reconnect(): void {
    if (this.closed || this.credentials === null) return;
    for (const connection of this.connections.values()) {
      if (connection.currentState === 'idle') connection.start();
      else connection.resume();
    }
  }

  diagnostics(): ConnectionDiagnostics[] {
    return [...this.connections.values()].sort((a, b) => a.id - b.id).map((c) => c.diagnostics());
  }

  /** The feed as a whole, worst condition first. */
  feedState(): FeedState {
    const connections = [...this.connections.values()];
    if (connections.length === 0) return this.closed ? 'stopped' : 'idle';
    if (this.credentials === null || connections.some((c) => c.isAwaitingToken)) return 'awaiting-token';
    const states = connections.map((c) => c.currentState);
    if (states.includes('stopped') || states.includes('closed')) return 'stopped';
    if (states.includes('reconnecting')) return 'reconnecting';
    if (states.includes('connecting') || states.includes('idle')) return 'connecting';
    const now = this.options.clock.nowMs();
    const activities = connections.map((c) => c.activity(now));
    if (activities.includes('market-closed')) return 'market-closed';
    return activities.includes('silent') ? 'silent' : 'live';
  }

  /** Totals since the pool was created, including connections already closed. */
  counters(): FeedPoolCounters {
    const totals = { ...this.retired };
    for (const connection of this.connections.values()) addCounters(totals, connection.counters());
    return totals;
  }

  /** The base URL with nothing secret in it, for diagnostics before any connection exists. */
  displayUrl(): string {
    return redactFeedUrl(this.options.feedUrl);
  }

  /** Closes every connection (each within closeTimeoutMs); safe to call twice. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      for (const connection of this.connections.values()) this.track(connection.close());
    }
    await Promise.all([...this.closing]);
  }

  /** After a fatal code (806, 808–810) or 807, no new connection opens until reconnect() or new credentials. */
  private halted(): boolean {
    return [...this.connections.values()].some((c) => c.currentState === 'stopped');
  }

  private open(id: number): FeedConnection {
    const { options } = this;
    const connection = new FeedConnection({
      id,
      url: () => (this.credentials === null ? null : buildFeedUrl(options.feedUrl, this.credentials)),
      createSocket: options.createSocket ?? createFeedSocket,
      clock: options.clock,
      scheduler: options.scheduler,
      logger: options.logger,
      random: options.random ?? Math.random,
      isMarketOpen: options.isMarketOpen,
      timing: this.timing,
      onFrame: options.onFrame,
      onStateChange: (diagnostics) => options.onStateChange?.(diagnostics),
      onDisconnect: (record) => options.onDisconnect?.(record),
    });
    this.connections.set(id, connection);
    return connection;
  }

  private retire(connection: FeedConnection): void {
    this.connections.delete(connection.id);
    addCounters(this.retired, connection.counters());
    this.track(connection.close());
  }

  private track(closing: Promise<void>): void {
    this.closing.add(closing);
    void closing.then(() => this.closing.delete(closing));
  }
}

type FeedCounterTotals = { -readonly [K in keyof FeedPoolCounters]: number };

function addCounters(into: FeedCounterTotals, add: FeedPoolCounters): void {
  into.frames += add.frames;
  into.packets += add.packets;
  into.textFrames += add.textFrames;
  into.consumerErrors += add.consumerErrors;
}
