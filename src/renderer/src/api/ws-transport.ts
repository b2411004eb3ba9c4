/**
 * The browser mode's transport for the API contract: JSON text frames over one WebSocket to the
 * engine (see src/shared/api/ws-protocol.ts). It correlates answers by id, dispatches pushed
 * events, reconnects with capped exponential back-off and reports its state so the page can say
 * "connection to the engine lost" instead of freezing. Invokes always resolve to an ApiResult.
 */
import { EVENT_NAMES, type ApiResult, type EventMap, type EventName, type InvokeMethod } from '../../../shared/api/api-contract';
import type { ApiTransport } from '../../../shared/api/api-bridge';
import type { Scheduler, TimerHandle } from '../../../shared/util/clock';
import { failed } from './api-failure';
import type { TransportMonitor, TransportStatus } from './transport-status';

/** The part of the browser's WebSocket this transport uses (the `ws` client fits it too). */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  onclose: ((event: { readonly code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type SocketFactory = (url: string) => SocketLike;

/** What a failed handshake means: the key is stale (401), the server is down, or neither. */
export type AccessProbeResult = 'authorized' | 'unauthorized' | 'unreachable';

export type TransportFaultKind = 'malformed-message' | 'unknown-reply' | 'listener-threw' | 'socket-error';

/** A fault with no caller to return it to; reported, counted, never dropped silently. */
export interface TransportFault {
  readonly kind: TransportFaultKind;
  readonly detail: string;
}

export interface TransportCounters {
  malformedMessages: number;
  unknownReplies: number;
  listenerErrors: number;
  socketErrors: number;
  reconnects: number;
}

export interface WsTransportOptions {
  /** The socket URL with the access key, or null when the page has no key. Never logged. */
  readonly url: string | null;
  readonly createSocket: SocketFactory;
  readonly scheduler: Scheduler;
  /** First reconnect delay, doubled per failed attempt. Default 500 ms. */
  readonly initialBackoffMs?: number;
  /** Longest reconnect delay. Default 10 000 ms. */
  readonly maxBackoffMs?: number;
  /** How long an invoke waits for its answer (queued or sent). Default 30 000 ms. */
  readonly requestTimeoutMs?: number;
  /** Receives faults that no caller can see. Default: console.error. */
  readonly reportFault?: (fault: TransportFault) => void;
  /**
   * Asked after a handshake fails. Browsers hide the HTTP status of a refused upgrade (it
   * surfaces as close code 1006), so a tab whose key went stale (the server restarted) would
   * otherwise retry for ever. Default: none, every failure is retried.
   */
  readonly probeAccess?: () => Promise<AccessProbeResult>;
}

/** Close codes after which retrying with the same key cannot help. */
const UNAUTHORIZED_CLOSE_CODES: ReadonlySet<number> = new Set([1008, 4401, 4403]);
const SOCKET_OPEN = 1;

interface PendingInvoke {
  readonly method: InvokeMethod;
  readonly frame: string;
  readonly resolve: (result: ApiResult<unknown>) => void;
  readonly timer: TimerHandle;
  sent: boolean;
}

type AnyListener = (payload: unknown) => void;

export class WebSocketTransport implements ApiTransport, TransportMonitor {
  readonly kind = 'browser' as const;
  readonly counters: TransportCounters = {
    malformedMessages: 0,
    unknownReplies: 0,
    listenerErrors: 0,
    socketErrors: 0,
    reconnects: 0,
  };

  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly requestTimeoutMs: number;
  private readonly reportFault: (fault: TransportFault) => void;
  private readonly pending = new Map<number, PendingInvoke>();
  private readonly eventListeners = new Map<EventName, Set<AnyListener>>();
  private readonly statusListeners = new Set<(status: TransportStatus) => void>();
  private socket: SocketLike | null = null;
  private socketOpened = false;
  private retryTimer: TimerHandle | null = null;
  private nextId = 0;
  private disposed = false;
  private current: TransportStatus;

  constructor(private readonly options: WsTransportOptions) {
    this.initialBackoffMs = options.initialBackoffMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 10_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.reportFault = options.reportFault ?? ((fault) => console.error(`[chainlens transport] ${fault.kind}: ${fault.detail}`));
    this.current = {
      state: options.url === null ? 'unauthorized' : 'connecting',
      attempt: 0,
      retryInMs: null,
      lastCloseCode: null,
      everOpened: false,
    };
  }

  /** Opens the first connection. Calling it again does nothing. */
  start(): void {
    if (this.disposed || this.socket || this.retryTimer !== null || this.options.url === null) return;
    this.connect();
  }

  /** Closes the socket, cancels timers and answers every waiting invoke with API_DISCONNECTED. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.options.scheduler.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      detach(socket);
      socket.close(1000, 'page closed');
    }
    for (const [id, request] of this.pending) this.settle(id, failed('API_DISCONNECTED', `${request.method}: the page closed its connection`));
    this.eventListeners.clear();
    this.statusListeners.clear();
  }

  status(): TransportStatus {
    return this.current;
  }

  onStatus(listener: (status: TransportStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  invoke(method: InvokeMethod, request: unknown): Promise<ApiResult<unknown>> {
    if (this.disposed) return Promise.resolve(failed('API_DISCONNECTED', `${method}: the page closed its connection`));
    if (this.current.state === 'unauthorized') {
      return Promise.resolve(failed('API_UNAUTHORIZED', `${method}: the engine refused this page's access key`));
    }
    const id = ++this.nextId;
    let frame: string;
    try {
      frame = JSON.stringify({ id, method, request });
    } catch (error) {
      return Promise.resolve(failed('API_BAD_REQUEST', `${method}: the request could not be encoded (${describe(error)})`));
    }
    return new Promise((resolve) => {
      const timer = this.options.scheduler.setTimeout(() => this.expire(id), this.requestTimeoutMs);
      this.pending.set(id, { method, frame, resolve, timer, sent: false });
      this.trySend(id);
    });
  }

  subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    let listeners = this.eventListeners.get(event);
    if (!listeners) {
      listeners = new Set();
      this.eventListeners.set(event, listeners);
    }
    const wrapped = listener as AnyListener;
    listeners.add(wrapped);
    return () => {
      listeners.delete(wrapped);
    };
  }

  private connect(): void {
    const url = this.options.url;
    if (url === null || this.disposed) return;
    let socket: SocketLike;
    try {
      socket = this.options.createSocket(url);
    } catch (error) {
      // A constructor throw (bad URL, CSP refusal) is a failed attempt like any other.
      this.fault('socket-error', `could not open the socket: ${describe(error)}`, 'socketErrors');
      this.scheduleReconnect(null);
      return;
    }
    this.socket = socket;
    this.socketOpened = false;
    socket.onopen = () => this.handleOpen(socket);
    socket.onmessage = (event) => this.handleMessage(event.data);
    socket.onerror = () => this.fault('socket-error', 'the socket reported an error', 'socketErrors');
    socket.onclose = (event) => this.handleClose(socket, event.code);
  }

  private handleOpen(socket: SocketLike): void {
    if (socket !== this.socket) return;
    this.socketOpened = true;
    this.setStatus({ state: 'open', attempt: 0, retryInMs: null, lastCloseCode: this.current.lastCloseCode, everOpened: true });
    for (const id of [...this.pending.keys()].sort((a, b) => a - b)) this.trySend(id);
  }

  private handleClose(socket: SocketLike, code: number): void {
    if (socket !== this.socket) return;
    detach(socket);
    this.socket = null;
    for (const [id, request] of this.pending) {
      // The engine may or may not have acted on a sent request; say so rather than resend it.
      if (request.sent) {
        this.settle(id, failed('API_DISCONNECTED', `${request.method}: the connection to the engine closed before it answered`));
      }
    }
    if (UNAUTHORIZED_CLOSE_CODES.has(code)) {
      this.refuse(code);
      return;
    }
    if (!this.socketOpened && this.options.probeAccess) {
      void this.probeThenReconnect(this.options.probeAccess, code);
      return;
    }
    this.scheduleReconnect(code);
  }

  private async probeThenReconnect(probe: () => Promise<AccessProbeResult>, code: number): Promise<void> {
    let result: AccessProbeResult;
    try {
      result = await probe();
    } catch (error) {
      this.fault('socket-error', `the access probe failed: ${describe(error)}`, 'socketErrors');
      result = 'unreachable';
    }
    if (this.disposed || this.socket !== null || this.retryTimer !== null) return;
    if (result === 'unauthorized') this.refuse(code);
    else this.scheduleReconnect(code);
  }

  /** The engine refused this page's key: stop retrying and answer everything waiting. */
  private refuse(code: number): void {
    this.setStatus({ ...this.current, state: 'unauthorized', retryInMs: null, lastCloseCode: code });
    for (const [id, request] of this.pending) {
      this.settle(id, failed('API_UNAUTHORIZED', `${request.method}: the engine refused this page's access key`));
    }
  }

  private scheduleReconnect(closeCode: number | null): void {
    if (this.disposed) return;
    const attempt = this.current.attempt + 1;
    const delay = Math.min(this.maxBackoffMs, this.initialBackoffMs * 2 ** (attempt - 1));
    this.setStatus({
      state: 'reconnecting',
      attempt,
      retryInMs: delay,
      lastCloseCode: closeCode ?? this.current.lastCloseCode,
      everOpened: this.current.everOpened,
    });
    this.retryTimer = this.options.scheduler.setTimeout(() => {
      this.retryTimer = null;
      this.counters.reconnects += 1;
      this.connect();
    }, delay);
  }

  private handleMessage(data: unknown): void {
    if (typeof data !== 'string') {
      this.fault('malformed-message', 'a binary frame arrived; the API speaks JSON text', 'malformedMessages');
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      this.fault('malformed-message', `a frame of ${data.length} characters is not JSON`, 'malformedMessages');
      return;
    }
    if (isReply(message)) this.handleReply(message.id, message.result);
    else if (isEvent(message)) this.dispatch(message.event, message.payload);
    else this.fault('malformed-message', 'a frame is neither a reply nor a known event', 'malformedMessages');
  }

  private handleReply(id: number, result: ApiResult<unknown>): void {
    if (!this.pending.has(id)) {
      this.fault('unknown-reply', `a reply to request ${id} arrived after it was answered or timed out`, 'unknownReplies');
      return;
    }
    this.settle(id, result);
  }

  private dispatch(event: EventName, payload: unknown): void {
    const listeners = this.eventListeners.get(event);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      try {
        listener(payload);
      } catch (error) {
        this.fault('listener-threw', `a ${event} listener threw: ${describe(error)}`, 'listenerErrors');
      }
    }
  }

  private trySend(id: number): void {
    const request = this.pending.get(id);
    const socket = this.socket;
    if (!request || request.sent || !socket || socket.readyState !== SOCKET_OPEN) return;
    try {
      socket.send(request.frame);
      request.sent = true;
    } catch (error) {
      // Left queued: the close that follows a failed send triggers the reconnect that resends it.
      this.fault('socket-error', `sending ${request.method} failed: ${describe(error)}`, 'socketErrors');
    }
  }

  private expire(id: number): void {
    const request = this.pending.get(id);
    if (!request) return;
    const seconds = Math.round(this.requestTimeoutMs / 1000);
    this.settle(
      id,
      request.sent
        ? failed('API_TIMEOUT', `${request.method}: no answer from the engine within ${seconds} s`)
        : failed('API_DISCONNECTED', `${request.method}: not sent, the engine was unreachable for ${seconds} s`),
    );
  }

  private settle(id: number, result: ApiResult<unknown>): void {
    const request = this.pending.get(id);
    if (!request) return;
    this.pending.delete(id);
    this.options.scheduler.clearTimeout(request.timer);
    request.resolve(result);
  }

  private setStatus(status: TransportStatus): void {
    this.current = status;
    for (const listener of [...this.statusListeners]) {
      try {
        listener(status);
      } catch (error) {
        this.fault('listener-threw', `a status listener threw: ${describe(error)}`, 'listenerErrors');
      }
    }
  }

  private fault(kind: TransportFaultKind, detail: string, counter: keyof TransportCounters): void {
    this.counters[counter] += 1;
    this.reportFault({ kind, detail });
  }
}

function detach(socket: SocketLike): void {
  socket.onopen = null;
  socket.onmessage = null;
  socket.onerror = null;
  socket.onclose = null;
}

function isReply(message: unknown): message is { id: number; result: ApiResult<unknown> } {
  if (typeof message !== 'object' || message === null) return false;
  const candidate = message as { id?: unknown; result?: unknown };
  if (typeof candidate.id !== 'number' || typeof candidate.result !== 'object' || candidate.result === null) return false;
  return typeof (candidate.result as { ok?: unknown }).ok === 'boolean';
}

function isEvent(message: unknown): message is { event: EventName; payload: unknown } {
  if (typeof message !== 'object' || message === null) return false;
  const event = (message as { event?: unknown }).event;
  return typeof event === 'string' && (EVENT_NAMES as readonly string[]).includes(event) && 'payload' in message;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
