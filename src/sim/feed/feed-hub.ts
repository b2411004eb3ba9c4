/**
 * The simulated Live Market Feed: accepts WebSocket upgrades, keeps each connection's
 * subscriptions within DhanHQ's limits, fans ticks out as binary frames, pings and drops silent
 * clients, and carries out the feed faults.
 *
 * Limits (DhanHQ documents the numbers, not what happens beyond them; these are our choices):
 * more than 100 instruments in one message, or more than 5000 on one connection, is answered
 * with a disconnect packet 804 ("instruments exceed limit") and a close. A sixth connection
 * kicks the oldest with a disconnect packet 805 and a close, as DhanHQ does.
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { instrumentKey } from '../../shared/feed/exchange-segment';
import { FEED_CODE, FEED_LIMITS, PACKET_BYTES } from '../../shared/feed/feed-layout';
import type { Clock, Scheduler, TimerHandle } from '../../shared/util/clock';
import type { TokenRegistry } from '../auth/token-registry';
import type { FaultController, FeedFaultTarget } from '../faults/fault-controller';
import type { ConnectionTarget, MalformedKind } from '../faults/fault-types';
import type { Universe } from '../instruments/universe';
import type { MarketHours } from '../market/market-hours';
import type { MarketState } from '../market/market-state';
import type { PacketWriter } from '../market/packet-writer';
import type { TickSelector } from '../market/tick-selector';
import type { RecordedFrame } from '../../shared/feed/recording-format';
import { redactTokenParam, type SimLogger } from '../util/sim-logger';
import { FeedConnection, type ConnectionStats } from './feed-connection';
import { decideHandshake, type HandshakeDecision } from './feed-handshake';
import { malformedFrame } from './malformed-frames';
import { ReplayPlayer } from './replay-player';
import { parseFeedRequest, type FeedRequest } from './subscription-request';

export interface FeedLimits {
  /** Default 100. */
  readonly instrumentsPerMessage: number;
  /** Default 5000. */
  readonly instrumentsPerConnection: number;
  /** Default 5. */
  readonly connections: number;
  /** Default 10 000 ms. */
  readonly pingIntervalMs: number;
  /** A client whose last pong is older than this at a ping turn is dropped. Default 40 000 ms. */
  readonly pongTimeoutMs: number;
}

export const DEFAULT_FEED_LIMITS: FeedLimits = Object.freeze({
  instrumentsPerMessage: FEED_LIMITS.INSTRUMENTS_PER_MESSAGE,
  instrumentsPerConnection: FEED_LIMITS.INSTRUMENTS_PER_CONNECTION,
  connections: FEED_LIMITS.CONNECTIONS_PER_USER,
  pingIntervalMs: FEED_LIMITS.SERVER_PING_INTERVAL_MS,
  pongTimeoutMs: FEED_LIMITS.SERVER_PONG_TIMEOUT_MS,
});

export interface FeedHubDeps {
  readonly universe: Universe;
  readonly market: MarketState;
  readonly writer: PacketWriter;
  readonly selector: TickSelector;
  readonly faults: FaultController;
  readonly tokens: TokenRegistry;
  readonly hours: MarketHours;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger: SimLogger;
  readonly clientId: string;
  /** When set, connections get these frames instead of generated ticks. */
  readonly replay: { readonly frames: readonly RecordedFrame[]; readonly speed: number } | null;
  readonly limits: FeedLimits;
}

export interface FeedTotals {
  readonly handshakesAccepted: number;
  readonly handshakesRejected: number;
  /** Oldest connections disconnected with 805 when a sixth opened. */
  readonly kicked: number;
  readonly pongTimeouts: number;
  readonly disconnectsSent: number;
  readonly drops: number;
  readonly socketErrors: number;
}

export interface FeedStats {
  /** Open connections first (oldest first), then recently closed ones. */
  readonly connections: readonly ConnectionStats[];
  readonly openConnections: number;
  /** Distinct instruments subscribed across connections. */
  readonly subscribedInstruments: number;
  readonly totals: FeedTotals;
}

const CLOSED_HISTORY = 50;

export class FeedHub implements FeedFaultTarget {
  private readonly wss: WebSocketServer;
  private readonly open: FeedConnection[] = [];
  private readonly closed: FeedConnection[] = [];
  private readonly subscribers: Uint16Array;
  private readonly replayers = new Map<FeedConnection, ReplayPlayer>();
  private readonly pingTimer: TimerHandle;
  private lengths = new Int32Array(4096);
  private nextId = 1;
  private readonly totals = {
    handshakesAccepted: 0,
    handshakesRejected: 0,
    kicked: 0,
    pongTimeouts: 0,
    disconnectsSent: 0,
    drops: 0,
    socketErrors: 0,
  };

  constructor(private readonly deps: FeedHubDeps) {
    // autoPong off: answering client pings is a fault switch (see onOpen).
    this.wss = new WebSocketServer({ noServer: true, autoPong: false, perMessageDeflate: false, maxPayload: 1 << 20, clientTracking: false });
    this.subscribers = new Uint16Array(deps.universe.instruments.length);
    this.pingTimer = deps.scheduler.setInterval(() => this.pingAll(), deps.limits.pingIntervalMs);
  }

  /** True when some connection subscribes to instrument `i` (its state is what the feed last sent). */
  isSubscribed(i: number): boolean {
    return (this.subscribers[i] ?? 0) > 0;
  }

  get replaying(): boolean {
    return this.deps.replay !== null;
  }

  /** Handles an HTTP upgrade request addressed to the feed. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', (error) => {
      this.totals.socketErrors++;
      this.deps.logger.warn({ error: error.message }, 'feed socket error');
    });
    const decision = decideHandshake(request.url ?? '/', this.deps.tokens, this.deps.clientId, this.deps.faults.takeHandshakeRejection());
    const url = redactTokenParam(request.url ?? '/');
    if (decision.action === 'reject') {
      this.totals.handshakesRejected++;
      this.deps.logger.info({ url, status: decision.status, reason: decision.reason }, 'feed handshake refused');
      refuseUpgrade(socket, decision.status);
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.onOpen(ws, socket, decision));
  }

  /** Sends one tick for each picked instrument to every connection subscribed to it. */
  broadcast(picks: Int32Array, nowMs: number): void {
    if (this.deps.faults.silent || this.open.length === 0 || picks.length === 0) return;
    const { writer } = this.deps;
    let total = 0;
    for (const conn of this.open) {
      for (let p = 0; p < picks.length; p++) {
        const mode = conn.modes[picks[p]!] ?? 0;
        if (mode !== 0) total += writer.bytesFor(picks[p]!, mode);
      }
    }
    if (total === 0) return;
    // One slab per step, never reused: ws and the socket hold on to it until the bytes are sent.
    const slab = new Uint8Array(total);
    const view = new DataView(slab.buffer);
    const closedSession = !this.deps.hours.isOpen(nowMs);
    let at = 0;
    for (const conn of this.open) {
      const start = at;
      let count = 0;
      for (let p = 0; p < picks.length; p++) {
        const i = picks[p]!;
        const mode = conn.modes[i] ?? 0;
        if (mode === 0) continue;
        for (const code of writer.codesFor(i, mode)) {
          const length = writer.write(view, at, i, code, closedSession);
          this.lengthSlot(count);
          this.lengths[count++] = length;
          at += length;
        }
      }
      if (count > 0) this.sendBatch(conn, slab, start, count);
    }
  }

  disconnect(code: number, target: ConnectionTarget): number {
    return this.select(target).filter((conn) => this.disconnectConnection(conn, code)).length;
  }

  drop(target: ConnectionTarget): number {
    const now = this.deps.clock.nowMs();
    const conns = this.select(target);
    for (const conn of conns) {
      this.retire(conn, now, 'dropped');
      this.totals.drops++;
      conn.ws.terminate();
    }
    return conns.length;
  }

  sendMalformed(kind: MalformedKind, target: ConnectionTarget): number {
    const conns = this.select(target);
    for (const conn of conns) {
      const { frame, packets } = malformedFrame(kind, this.firstKnownSubscription(conn), this.deps.market, this.deps.writer);
      conn.sendFrame(frame, packets);
    }
    return conns.length;
  }

  expireConnectionsUsing(token: string): number {
    return this.open.filter((conn) => conn.token === token).filter((conn) => this.disconnectConnection(conn, 807)).length;
  }

  stats(): FeedStats {
    let subscribed = 0;
    for (let i = 0; i < this.subscribers.length; i++) if ((this.subscribers[i] ?? 0) > 0) subscribed++;
    return {
      connections: [...this.open, ...this.closed].map((c) => c.stats()),
      openConnections: this.open.length,
      subscribedInstruments: subscribed,
      totals: { ...this.totals },
    };
  }

  /** Terminates every connection and stops the timers; never waits on a client. */
  close(): void {
    this.deps.scheduler.clearInterval(this.pingTimer);
    const now = this.deps.clock.nowMs();
    for (const conn of [...this.open]) {
      this.retire(conn, now, 'simulator-closed');
      conn.ws.terminate();
    }
    this.wss.close();
  }

  private onOpen(ws: WebSocket, socket: Duplex, decision: Extract<HandshakeDecision, { action: 'accept' }>): void {
    const now = this.deps.clock.nowMs();
    const conn = new FeedConnection(this.nextId++, ws, socket, decision.token, now, this.deps.universe.instruments.length);
    this.open.push(conn);
    this.totals.handshakesAccepted++;
    this.deps.logger.info({ connection: conn.id, open: this.open.length }, 'feed connection opened');
    ws.on('message', (data: RawData, isBinary: boolean) => this.onMessage(conn, data, isBinary));
    ws.on('pong', () => {
      conn.lastPongMs = this.deps.clock.nowMs();
    });
    ws.on('ping', (data: Buffer) => {
      if (this.deps.faults.answerPings && conn.isOpen) ws.pong(data);
    });
    ws.on('close', (code: number) => {
      this.retire(conn, this.deps.clock.nowMs(), `client-close-${code}`);
      this.deps.logger.info({ connection: conn.id, code, reason: conn.closeReason }, 'feed connection closed');
    });
    ws.on('error', (error: Error) => {
      this.totals.socketErrors++;
      this.deps.logger.warn({ connection: conn.id, error: error.message }, 'feed connection error');
    });
    if (decision.tokenStatus === 'expired') {
      this.disconnectConnection(conn, 807);
      return;
    }
    if (!decision.clientIdOk) {
      this.disconnectConnection(conn, 810);
      return;
    }
    while (this.open.length > this.deps.limits.connections) {
      const oldest = this.open[0]!;
      this.totals.kicked++;
      this.disconnectConnection(oldest, 805);
    }
  }

  private onMessage(conn: FeedConnection, data: RawData, isBinary: boolean): void {
    if (!conn.isOpen) return;
    conn.requests++;
    if (isBinary) {
      conn.rejectedRequests++;
      this.deps.logger.warn({ connection: conn.id }, 'feed request ignored: binary frame from the client');
      return;
    }
    const request = parseFeedRequest(rawText(data));
    switch (request.kind) {
      case 'invalid':
        conn.rejectedRequests++;
        this.deps.logger.warn({ connection: conn.id, reason: request.reason }, 'feed request ignored');
        return;
      case 'disconnect':
        this.retire(conn, this.deps.clock.nowMs(), 'client-disconnect-request');
        conn.ws.close(1000);
        return;
      case 'subscribe':
        this.subscribe(conn, request);
        return;
      case 'unsubscribe':
        this.unsubscribe(conn, request);
        return;
    }
  }

  private subscribe(conn: FeedConnection, request: Extract<FeedRequest, { kind: 'subscribe' }>): void {
    const { limits, universe, market, selector } = this.deps;
    if (request.instruments.length > limits.instrumentsPerMessage) {
      this.deps.logger.warn({ connection: conn.id, count: request.instruments.length }, 'subscription over the per-message limit');
      this.disconnectConnection(conn, 804);
      return;
    }
    const keys = new Set(request.instruments.map((r) => instrumentKey(r.segmentCode, r.securityId)));
    let added = 0;
    for (const key of keys) if (!conn.keys.has(key)) added++;
    if (conn.keys.size + added > limits.instrumentsPerConnection) {
      this.deps.logger.warn({ connection: conn.id, subscribed: conn.keys.size, added }, 'subscription over the per-connection limit');
      this.disconnectConnection(conn, 804);
      return;
    }
    const now = this.deps.clock.nowMs();
    const snapshot: number[] = [];
    for (const key of keys) {
      conn.keys.set(key, request.mode);
      const i = universe.byKey.get(key);
      if (i === undefined) continue;
      if (conn.modes[i] === 0) {
        const before = this.subscribers[i] ?? 0;
        this.subscribers[i] = before + 1;
        if (before === 0) {
          market.mark(i, now);
          selector.add(i);
        }
      }
      conn.modes[i] = request.mode;
      snapshot.push(i);
    }
    this.deps.logger.debug({ connection: conn.id, mode: request.mode, requested: keys.size, known: snapshot.length }, 'subscribed');
    if (this.deps.replay !== null) {
      this.startReplay(conn);
      return;
    }
    if (!this.deps.faults.silent) this.sendSnapshot(conn, snapshot, now);
  }

  private unsubscribe(conn: FeedConnection, request: Extract<FeedRequest, { kind: 'unsubscribe' }>): void {
    for (const r of request.instruments) {
      const key = instrumentKey(r.segmentCode, r.securityId);
      if (conn.keys.get(key) !== request.mode) continue; // unsubscribing another mode leaves the subscription alone
      this.release(conn, key);
    }
  }

  /** On subscription DhanHQ sends the previous close (code 6), then the mode's current packets. */
  private sendSnapshot(conn: FeedConnection, indices: readonly number[], nowMs: number): void {
    if (indices.length === 0) return;
    const { writer } = this.deps;
    const prevCloseBytes = PACKET_BYTES[FEED_CODE.PREV_CLOSE]!;
    let total = 0;
    for (const i of indices) total += prevCloseBytes + writer.bytesFor(i, conn.modes[i] ?? 0);
    const slab = new Uint8Array(total);
    const view = new DataView(slab.buffer);
    const closedSession = !this.deps.hours.isOpen(nowMs);
    let at = 0;
    let count = 0;
    for (const i of indices) {
      this.lengthSlot(count + 4);
      at += this.lengths[count++] = writer.write(view, at, i, FEED_CODE.PREV_CLOSE, closedSession);
      for (const code of writer.codesFor(i, conn.modes[i] ?? 0)) {
        at += this.lengths[count++] = writer.write(view, at, i, code, closedSession);
      }
    }
    this.sendBatch(conn, slab, 0, count);
  }

  private sendBatch(conn: FeedConnection, slab: Uint8Array, start: number, count: number): void {
    conn.cork();
    try {
      conn.sendPackets(slab, start, this.lengths, count, this.deps.faults.packetsPerFrame);
    } finally {
      conn.uncork();
    }
  }

  private startReplay(conn: FeedConnection): void {
    const replay = this.deps.replay;
    if (replay === null || this.replayers.has(conn)) return;
    const faults = this.deps.faults;
    const player = new ReplayPlayer(
      replay.frames,
      {
        keys: conn.keys,
        get isOpen() {
          return conn.isOpen;
        },
        sendFrame: (frame, packets) => {
          if (!faults.silent) conn.sendFrame(frame, packets);
        },
      },
      this.deps.clock,
      this.deps.scheduler,
      replay.speed,
    );
    this.replayers.set(conn, player);
    player.start();
  }

  private pingAll(): void {
    const { faults, clock, limits } = this.deps;
    const now = clock.nowMs();
    for (const conn of [...this.open]) {
      if (!faults.serverPings || !faults.answerPings) {
        // Not checking: the 40 s allowance starts again when checking resumes.
        conn.lastPongMs = now;
        if (!faults.serverPings) continue;
      } else if (now - conn.lastPongMs > limits.pongTimeoutMs) {
        this.totals.pongTimeouts++;
        this.retire(conn, now, 'pong-timeout');
        this.deps.logger.info({ connection: conn.id }, 'feed client stopped answering pings: dropped');
        conn.ws.terminate();
        continue;
      }
      if (conn.isOpen) conn.ws.ping();
    }
  }

  /** Sends a disconnect packet with `code`, then a close frame. False when the connection was already closing. */
  private disconnectConnection(conn: FeedConnection, code: number): boolean {
    if (!conn.isOpen) return false;
    const packet = new Uint8Array(PACKET_BYTES[FEED_CODE.DISCONNECT]!);
    this.deps.writer.writeDisconnect(new DataView(packet.buffer), 0, code);
    conn.sendFrame(packet, 1);
    this.totals.disconnectsSent++;
    this.retire(conn, this.deps.clock.nowMs(), `disconnect-${code}`);
    this.deps.logger.info({ connection: conn.id, code }, 'feed connection disconnected');
    conn.ws.close(1000);
    return true;
  }

  /** Marks a connection closed, releases its subscriptions and moves it to the history. */
  private retire(conn: FeedConnection, nowMs: number, reason: string): void {
    conn.markClosed(nowMs, reason);
    const at = this.open.indexOf(conn);
    if (at < 0) return;
    this.open.splice(at, 1);
    for (const key of [...conn.keys.keys()]) this.release(conn, key);
    this.replayers.get(conn)?.stop();
    this.replayers.delete(conn);
    this.closed.unshift(conn);
    if (this.closed.length > CLOSED_HISTORY) this.closed.length = CLOSED_HISTORY;
  }

  private release(conn: FeedConnection, key: number): void {
    conn.keys.delete(key);
    const i = this.deps.universe.byKey.get(key);
    if (i === undefined || conn.modes[i] === 0) return;
    conn.modes[i] = 0;
    const after = (this.subscribers[i] ?? 1) - 1;
    this.subscribers[i] = after;
    if (after === 0) this.deps.selector.remove(i);
  }

  private select(target: ConnectionTarget): FeedConnection[] {
    if (target === 'all') return [...this.open];
    if (target === 'oldest') return this.open.slice(0, 1);
    if (target === 'newest') return this.open.slice(-1);
    return this.open.filter((c) => c.id === target);
  }

  private firstKnownSubscription(conn: FeedConnection): number {
    for (const key of conn.keys.keys()) {
      const i = this.deps.universe.byKey.get(key);
      if (i !== undefined) return i;
    }
    return this.deps.universe.underlyings[0]?.spot ?? 0;
  }

  private lengthSlot(index: number): void {
    if (index < this.lengths.length) return;
    const grown = new Int32Array(Math.max(index + 1, this.lengths.length * 2));
    grown.set(this.lengths);
    this.lengths = grown;
  }
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** Answers an upgrade with a plain HTTP error and closes the socket, as a server refusing the handshake does. */
function refuseUpgrade(socket: Duplex, status: number): void {
  const text = STATUS_CODES[status] ?? 'Error';
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
}
