/**
 * One client connection to the simulated feed: its subscriptions (a mode per universe
 * instrument, plus every requested key so unknown ids still count toward the limits), its
 * keep-alive bookkeeping and its counters. Sends are batched: the caller corks the TCP socket
 * around a step's frames so they leave in one write.
 */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

export interface ConnectionStats {
  readonly id: number;
  readonly openedAtMs: number;
  readonly closedAtMs: number | null;
  /** Why it ended: 'client-close', 'disconnect-805', 'dropped', 'pong-timeout', 'client-disconnect-request', 'simulator-closed'… */
  readonly closeReason: string | null;
  /** Distinct instruments subscribed (known or not). */
  readonly instruments: number;
  readonly packetsSent: number;
  readonly framesSent: number;
  readonly bytesSent: number;
  /** Packets not sent because the client was not reading (send buffer over the limit). */
  readonly packetsDropped: number;
  readonly requests: number;
  /** Text frames that were not valid requests, and binary frames from the client. */
  readonly rejectedRequests: number;
  readonly lastPongMs: number;
}

/** Bytes queued in a connection beyond which ticks are dropped rather than buffered without bound. */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export class FeedConnection {
  /** Mode per universe instrument (0 = not subscribed). */
  readonly modes: Uint8Array;
  /** Mode per requested instrumentKey, including ids the universe does not know. */
  readonly keys = new Map<number, number>();
  lastPongMs: number;
  closedAtMs: number | null = null;
  closeReason: string | null = null;
  packetsSent = 0;
  framesSent = 0;
  bytesSent = 0;
  packetsDropped = 0;
  requests = 0;
  rejectedRequests = 0;

  constructor(
    readonly id: number,
    readonly ws: WebSocket,
    private readonly socket: Duplex,
    /** The token this connection authenticated with (expiry disconnects only its users). */
    readonly token: string,
    readonly openedAtMs: number,
    instrumentCount: number,
  ) {
    this.modes = new Uint8Array(instrumentCount);
    this.lastPongMs = openedAtMs;
  }

  get isOpen(): boolean {
    return this.closedAtMs === null && this.ws.readyState === this.ws.OPEN;
  }

  /** True when the client reads too slowly for more frames to be queued. */
  get congested(): boolean {
    return this.ws.bufferedAmount > MAX_BUFFERED_BYTES;
  }

  cork(): void {
    this.socket.cork();
  }

  uncork(): void {
    this.socket.uncork();
  }

  /**
   * Sends `packetCount` packets laid out back to back in `slab` from `start`, with the given
   * lengths, `packetsPerFrame` per frame. The slab must not be reused afterwards: ws and the
   * socket keep references to it until the kernel has taken the bytes.
   */
  sendPackets(slab: Uint8Array, start: number, lengths: Int32Array, packetCount: number, packetsPerFrame: number): void {
    if (!this.isOpen) return;
    if (this.congested) {
      this.packetsDropped += packetCount;
      return;
    }
    let at = start;
    for (let p = 0; p < packetCount; ) {
      const group = Math.min(packetsPerFrame, packetCount - p);
      let bytes = 0;
      for (let g = 0; g < group; g++) bytes += lengths[p + g]!;
      this.ws.send(Buffer.from(slab.buffer, slab.byteOffset + at, bytes));
      this.framesSent++;
      this.packetsSent += group;
      this.bytesSent += bytes;
      at += bytes;
      p += group;
    }
  }

  /** Sends one frame as is (replay, malformed-frame faults). */
  sendFrame(frame: Uint8Array, packets: number): void {
    if (!this.isOpen) return;
    this.ws.send(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength));
    this.framesSent++;
    this.packetsSent += packets;
    this.bytesSent += frame.byteLength;
  }

  markClosed(nowMs: number, reason: string): void {
    if (this.closedAtMs !== null) return;
    this.closedAtMs = nowMs;
    this.closeReason = reason;
  }

  stats(): ConnectionStats {
    return {
      id: this.id,
      openedAtMs: this.openedAtMs,
      closedAtMs: this.closedAtMs,
      closeReason: this.closeReason,
      instruments: this.keys.size,
      packetsSent: this.packetsSent,
      framesSent: this.framesSent,
      bytesSent: this.bytesSent,
      packetsDropped: this.packetsDropped,
      requests: this.requests,
      rejectedRequests: this.rejectedRequests,
      lastPongMs: this.lastPongMs,
    };
  }
}
