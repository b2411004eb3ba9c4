/**
 * The API contract over one WebSocket per browser tab (src/shared/api/ws-protocol.ts). Each
 * socket becomes an ApiClient of the backend: pushed events go out as `{event, payload}`,
 * `{id, method, request}` frames are validated and answered as `{id, result}`. Nothing a tab
 * sends can crash the server or reach the engine unvalidated, and a tab that stops reading is
 * disconnected (1013) before its queue grows without bound; it reconnects to a fresh snapshot.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { ApiResult, EventMap, EventName } from '../../shared/api/api-contract';
import { failure, type ApiBackend, type ApiSession } from '../../shared/api/api-session';
import type { WsServerMessage } from '../../shared/api/ws-protocol';
import type { Scheduler } from '../../shared/util/clock';
import type { Logger } from '../logging/logger';
import type { Redactor } from '../logging/redactor';
import { readInvokeFrame } from './ws-messages';

export interface WsApiHostOptions {
  readonly backend: ApiBackend;
  readonly logger: Logger;
  /** Every outgoing frame passes through it, so no registered secret can reach a page. */
  readonly redactor: Redactor;
  readonly scheduler: Scheduler;
  /** Largest frame a tab may send; larger ones close the socket with 1009. Default 256 KiB. */
  readonly maxPayloadBytes?: number;
  /** Unsent bytes a tab may have queued before it is closed with 1013. Default 4 MiB. */
  readonly maxBufferedBytes?: number;
  /** How long `close()` waits for tabs to acknowledge before cutting them off. Default 1000 ms. */
  readonly closeGraceMs?: number;
}

export const WS_DEFAULTS = Object.freeze({
  maxPayloadBytes: 256 * 1024,
  maxBufferedBytes: 4 * 1024 * 1024,
  closeGraceMs: 1_000,
});

/** Close codes this host uses (RFC 6455 §7.4.1). */
export const WS_CLOSE = Object.freeze({ goingAway: 1001, internalError: 1011, tryAgainLater: 1013 });

/** Counted here and shown in the log, so a misbehaving page is never silent. */
export interface WsApiCounters {
  connections: number;
  open: number;
  invokes: number;
  /** Frames that were refused with a typed error result (they had a usable id). */
  rejectedWithReply: number;
  /** Frames that could not be answered at all (no usable id, binary, not JSON). */
  unanswerable: number;
  /** Sockets closed by the ws library for a protocol error (e.g. a frame over maxPayload). */
  protocolErrors: number;
  slowClientsClosed: number;
}

interface Connection {
  readonly id: string;
  readonly socket: WebSocket;
  session: ApiSession | null;
  closed: boolean;
}

export class WsApiHost {
  readonly counters: WsApiCounters = {
    connections: 0,
    open: 0,
    invokes: 0,
    rejectedWithReply: 0,
    unanswerable: 0,
    protocolErrors: 0,
    slowClientsClosed: 0,
  };
  private readonly server: WebSocketServer;
  private readonly connections = new Set<Connection>();
  private readonly maxBufferedBytes: number;

  constructor(private readonly options: WsApiHostOptions) {
    this.maxBufferedBytes = options.maxBufferedBytes ?? WS_DEFAULTS.maxBufferedBytes;
    this.server = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      maxPayload: options.maxPayloadBytes ?? WS_DEFAULTS.maxPayloadBytes,
    });
  }

  /** Completes an upgrade the HTTP layer has already authorised. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(request, socket, head, (ws) => this.attach(ws));
  }

  /** Says goodbye (1001) to every tab, cuts off those that do not answer in time, stops the server. */
  async close(): Promise<void> {
    const open = [...this.connections];
    for (const connection of open) this.end(connection, WS_CLOSE.goingAway, 'The server is shutting down');
    await new Promise<void>((resolve) => {
      const pending = open.filter((c) => c.socket.readyState !== WebSocket.CLOSED);
      if (pending.length === 0) {
        resolve();
        return;
      }
      let left = pending.length;
      const timer = this.options.scheduler.setTimeout(() => {
        for (const c of pending) c.socket.terminate();
      }, this.options.closeGraceMs ?? WS_DEFAULTS.closeGraceMs);
      for (const c of pending) {
        c.socket.once('close', () => {
          left -= 1;
          if (left === 0) {
            this.options.scheduler.clearTimeout(timer);
            resolve();
          }
        });
      }
    });
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private attach(socket: WebSocket): void {
    const connection: Connection = { id: `browser-${++this.counters.connections}`, socket, session: null, closed: false };
    this.connections.add(connection);
    this.counters.open = this.connections.size;
    const { logger } = this.options;
    socket.on('message', (data, isBinary) => {
      try {
        this.onFrame(connection, data, isBinary);
      } catch (error) {
        // A throw here would surface as an uncaught exception and end the whole process.
        logger.error({ client: connection.id, err: error }, 'API frame handling failed');
      }
    });
    socket.on('error', (error: Error & { code?: string }) => {
      this.counters.protocolErrors += 1;
      logger.warn({ client: connection.id, code: error.code ?? 'WS_ERROR', error: error.message }, 'browser socket error');
    });
    socket.on('close', (code) => {
      this.release(connection);
      this.connections.delete(connection);
      this.counters.open = this.connections.size;
      logger.info({ client: connection.id, code }, 'browser socket closed');
    });
    try {
      connection.session = this.options.backend.connect({
        id: connection.id,
        emit: <E extends EventName>(event: E, payload: EventMap[E]) => this.send(connection, { event, payload }),
      });
    } catch (error) {
      logger.error({ client: connection.id, err: error }, 'the engine refused a browser session');
      this.end(connection, WS_CLOSE.internalError, 'The engine could not open a session');
      return;
    }
    logger.info({ client: connection.id }, 'browser socket opened');
  }

  private onFrame(connection: Connection, data: RawData, isBinary: boolean): void {
    if (isBinary) {
      this.unanswerable(connection, 'a binary frame (the API speaks JSON text)');
      return;
    }
    const verdict = readInvokeFrame(rawText(data));
    if (verdict.kind === 'rejected') {
      if (verdict.id === null) {
        this.unanswerable(connection, verdict.message);
        return;
      }
      this.counters.rejectedWithReply += 1;
      this.options.logger.warn({ client: connection.id, id: verdict.id, reason: verdict.message }, 'malformed API frame refused');
      this.reply(connection, verdict.id, failure('API_BAD_REQUEST', verdict.message));
      return;
    }
    const session = connection.session;
    if (!session || connection.closed) return;
    this.counters.invokes += 1;
    session.invoke(verdict.method, verdict.request).then(
      (result) => {
        if (!result.ok && (result.error.code === 'API_BAD_REQUEST' || result.error.code === 'API_UNKNOWN_METHOD')) {
          this.counters.rejectedWithReply += 1;
          this.options.logger.warn({ client: connection.id, id: verdict.id, code: result.error.code, reason: result.error.message }, 'API request refused');
        }
        this.reply(connection, verdict.id, result);
      },
      // invoke is documented never to reject; if it does, the page still gets an answer.
      (error: unknown) => {
        this.options.logger.error({ client: connection.id, err: error }, 'API session rejected');
        this.reply(connection, verdict.id, failure('API_INTERNAL', 'The request failed unexpectedly.'));
      },
    );
  }

  private unanswerable(connection: Connection, reason: string): void {
    this.counters.unanswerable += 1;
    this.options.logger.warn({ client: connection.id, reason, count: this.counters.unanswerable }, 'unanswerable API frame dropped');
  }

  private reply(connection: Connection, id: number, result: ApiResult<unknown>): void {
    this.send(connection, { id, result });
  }

  private send(connection: Connection, message: WsServerMessage): void {
    const socket = connection.socket;
    if (connection.closed || socket.readyState !== WebSocket.OPEN) return;
    if (socket.bufferedAmount > this.maxBufferedBytes) {
      this.counters.slowClientsClosed += 1;
      this.options.logger.warn(
        { client: connection.id, code: 'SERVE_CLIENT_TOO_SLOW', bufferedBytes: socket.bufferedAmount, limitBytes: this.maxBufferedBytes },
        'browser tab too slow: closing it so it reconnects to a fresh snapshot',
      );
      this.end(connection, WS_CLOSE.tryAgainLater, 'Too far behind; reconnect for a fresh snapshot');
      return;
    }
    let text: string;
    try {
      text = JSON.stringify(message);
    } catch (error) {
      this.options.logger.error({ client: connection.id, err: error, kind: 'event' in message ? message.event : 'result' }, 'API message could not be encoded');
      if ('id' in message) this.send(connection, { id: message.id, result: failure('API_INTERNAL', 'The answer could not be encoded.') });
      return;
    }
    socket.send(this.options.redactor.redact(text), (error) => {
      if (error) this.options.logger.debug({ client: connection.id, error: error.message }, 'send to a closing browser socket failed');
    });
  }

  /** Stops pushing to a tab at once and starts the close handshake. */
  private end(connection: Connection, code: number, reason: string): void {
    this.release(connection);
    if (connection.socket.readyState === WebSocket.OPEN || connection.socket.readyState === WebSocket.CONNECTING) {
      connection.socket.close(code, reason);
    }
  }

  private release(connection: Connection): void {
    if (connection.closed) return;
    connection.closed = true;
    connection.session?.close();
    connection.session = null;
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
