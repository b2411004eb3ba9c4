/**
 * A plain `ws` client that records every frame it gets, the way a test wants to see them.
 */
import WebSocket from 'ws';
import { decodeFrame, type DecodedPacket } from '../../../src/shared/feed/feed-packets';

export interface ClientOptions {
  /** false: do not answer the server's pings (ws answers them by default). */
  readonly autoPong?: boolean;
}

export class FeedClient {
  readonly frames: Uint8Array[] = [];
  readonly arrivals: number[] = [];
  pings = 0;
  pongs = 0;
  closeCode: number | null = null;
  private readonly closed: Promise<number>;
  private waiters: { count: number; resolve: () => void }[] = [];

  private constructor(
    readonly ws: WebSocket,
    private readonly nowMs: () => number,
  ) {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) return;
      this.frames.push(new Uint8Array(data));
      this.arrivals.push(this.nowMs());
      this.waiters = this.waiters.filter((w) => {
        if (this.frames.length >= w.count) w.resolve();
        return this.frames.length < w.count;
      });
    });
    ws.on('ping', () => this.pings++);
    ws.on('pong', () => this.pongs++);
    ws.on('error', () => undefined); // abnormal closes surface as close code 1006
    this.closed = new Promise((resolve) =>
      ws.on('close', (code: number) => {
        this.closeCode = code;
        resolve(code);
      }),
    );
  }

  /** Opens a connection; rejects with the HTTP status when the handshake is refused. */
  static connect(url: string, options: ClientOptions = {}, nowMs: () => number = Date.now): Promise<FeedClient> {
    const ws = new WebSocket(url, { autoPong: options.autoPong ?? true });
    const client = new FeedClient(ws, nowMs);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => {
        reject(new HandshakeRefused(res.statusCode ?? 0));
        ws.terminate();
      });
      ws.once('error', reject);
    });
  }

  send(request: unknown): void {
    this.ws.send(JSON.stringify(request));
  }

  subscribe(requestCode: number, instruments: readonly { segment: string; securityId: number }[]): void {
    this.send({
      RequestCode: requestCode,
      InstrumentCount: instruments.length,
      InstrumentList: instruments.map((i) => ({ ExchangeSegment: i.segment, SecurityId: String(i.securityId) })),
    });
  }

  /** Resolves when at least `count` frames have arrived. */
  waitForFrames(count: number): Promise<void> {
    if (this.frames.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  waitForClose(): Promise<number> {
    return this.closed;
  }

  /** Every packet of every frame so far, decoded. */
  packets(): DecodedPacket[] {
    return this.frames.flatMap((f) => decodeFrame(f).packets);
  }

  /** The first packet code of each frame. */
  codes(): number[] {
    return this.frames.map((f) => f[0]!);
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
  }
}

export class HandshakeRefused extends Error {
  constructor(readonly status: number) {
    super(`handshake refused with HTTP ${status}`);
  }
}
