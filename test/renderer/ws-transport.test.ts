import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { apiSocketUrl, readAccessKey } from '../../src/renderer/src/api/access-key';
import { selectApi } from '../../src/renderer/src/api/select-api';
import type { TransportStatus } from '../../src/renderer/src/api/transport-status';
import { WebSocketTransport, type SocketLike, type TransportFault } from '../../src/renderer/src/api/ws-transport';
import { buildApi } from '../../src/shared/api/api-bridge';
import type { ChainLensApi } from '../../src/shared/api/api-contract';
import { ManualClock } from '../../src/shared/util/clock';
import { FAKE_NOW_MS, FakeEngine, fakeAppState } from './fake-api';
import { ManualScheduler } from './helpers';

const KEY = 'k3y-Secret_42';

interface Received {
  readonly id: number;
  readonly method: string;
  readonly request: unknown;
}

/** A loopback API server: records requests and connection URLs, answers when told. */
class LoopbackServer {
  readonly requests: Received[] = [];
  readonly urls: string[] = [];
  readonly sockets: WebSocket[] = [];
  private readonly waiting: ((r: Received) => void)[] = [];
  autoAnswer: ((r: Received) => unknown) | null = null;

  private constructor(readonly wss: WebSocketServer) {
    wss.on('connection', (socket, request) => {
      this.urls.push(request.url ?? '');
      this.sockets.push(socket);
      socket.on('message', (data: RawData) => {
        const received = JSON.parse(String(data)) as Received;
        this.requests.push(received);
        if (this.autoAnswer) this.reply(socket, received.id, { ok: true, value: this.autoAnswer(received) });
        this.waiting.shift()?.(received);
      });
    });
  }

  static async start(): Promise<LoopbackServer> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(wss, 'listening');
    return new LoopbackServer(wss);
  }

  get url(): string {
    const { port } = this.wss.address() as AddressInfo;
    return `ws://127.0.0.1:${port}/api?key=${KEY}`;
  }

  nextRequest(): Promise<Received> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  reply(socket: WebSocket, id: number, result: unknown): void {
    socket.send(JSON.stringify({ id, result }));
  }

  push(event: string, payload: unknown): void {
    for (const socket of this.sockets) if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ event, payload }));
  }

  async dropAll(code = 1011): Promise<void> {
    await Promise.all(
      this.sockets.filter((s) => s.readyState === WebSocket.OPEN).map((s) => {
        const closed = once(s, 'close');
        s.close(code, 'test');
        return closed;
      }),
    );
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options: { requestTimeoutMs?: number } = {}) {
  const server = await LoopbackServer.start();
  const clock = new ManualClock(FAKE_NOW_MS);
  const scheduler = new ManualScheduler(clock);
  const faults: TransportFault[] = [];
  const statuses: TransportStatus[] = [];
  const transport = new WebSocketTransport({
    url: server.url,
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    scheduler,
    reportFault: (fault) => faults.push(fault),
    ...options,
  });
  transport.onStatus((status) => statuses.push(status));
  cleanups.push(
    () => server.close(),
    () => transport.dispose(),
  );
  const api: ChainLensApi = buildApi(transport);
  return { server, transport, api, scheduler, faults, statuses };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!condition()) throw new Error('condition not met');
}

describe('WebSocketTransport against a loopback server', () => {
  it('connects to the socket URL with the access key and reports the link open', async () => {
    const { server, transport, statuses } = await setup();
    transport.start();
    await until(() => transport.status().state === 'open');
    expect(server.urls).toEqual([`/api?key=${KEY}`]);
    expect(statuses.map((s) => s.state)).toEqual(['open']);
    expect(transport.kind).toBe('browser');
  });

  it('queues invokes made before the socket opens and sends them on open', async () => {
    const { server, transport, api } = await setup();
    server.autoAnswer = () => fakeAppState('live', FAKE_NOW_MS, 15, 81);
    const pending = api.getAppState();
    transport.start();
    const result = await pending;
    expect(server.requests).toEqual([{ id: 1, method: 'getAppState', request: null }]);
    expect(result.ok && result.value.defaultSelection).toEqual({ underlying: 'NIFTY', expiry: '2026-01-20', strikeWindow: 15 });
  });

  it('matches answers to requests by id when the server answers out of order', async () => {
    const { server, transport, api } = await setup();
    transport.start();
    await until(() => transport.status().state === 'open');
    const first = api.selectChain({ underlying: 'NIFTY', expiry: '2026-01-20', strikeWindow: 10 });
    const second = api.reconnectFeed();
    await until(() => server.requests.length === 2);
    const socket = server.sockets[0]!;
    server.reply(socket, 2, { ok: true, value: null });
    server.reply(socket, 1, { ok: false, error: { code: 'CHAIN_UNKNOWN_EXPIRY', message: 'gone', remedy: 'pick another' } });
    expect(await second).toEqual({ ok: true, value: null });
    expect(await first).toEqual({ ok: false, error: { code: 'CHAIN_UNKNOWN_EXPIRY', message: 'gone', remedy: 'pick another' } });
    expect(server.requests.map((r) => [r.id, r.method])).toEqual([
      [1, 'selectChain'],
      [2, 'reconnectFeed'],
    ]);
  });

  it('dispatches pushed events to subscribers until they unsubscribe', async () => {
    const { server, transport, api } = await setup();
    const engine = new FakeEngine();
    const seqs: number[] = [];
    const modes: string[] = [];
    const unsubscribe = api.onChainBatch((batch) => seqs.push(batch.seq));
    api.onAppState((state) => modes.push(state.mode));
    transport.start();
    await until(() => transport.status().state === 'open');
    server.push('chainBatch', engine.batch({ strikes: [24950] }));
    server.push('chainBatch', engine.batch({ strikes: [25000] }));
    await until(() => seqs.length === 2);
    unsubscribe();
    server.push('chainBatch', engine.batch({ strikes: [25050] }));
    // Frames arrive in order: once this one is seen, the batch before it has been dispatched.
    server.push('appState', fakeAppState('demo', FAKE_NOW_MS, 15, 81));
    await until(() => modes.length === 1);
    expect(seqs).toEqual([101, 102]);
  });

  it('answers an in-flight invoke with API_DISCONNECTED when the socket drops, then reconnects with back-off', async () => {
    const { server, transport, api, scheduler, statuses } = await setup();
    transport.start();
    await until(() => transport.status().state === 'open');
    const inFlight = api.exportSupportBundle();
    await until(() => server.requests.length === 1);
    await server.dropAll(1011);
    expect(await inFlight).toEqual({
      ok: false,
      error: {
        code: 'API_DISCONNECTED',
        message: 'exportSupportBundle: the connection to the engine closed before it answered',
        remedy:
          'The page reconnects by itself with back-off. If it does not come back, check that `npm run serve` (or the app) is still running, then reload the page.',
      },
    });
    await until(() => transport.status().state === 'reconnecting');
    expect(transport.status()).toEqual({ state: 'reconnecting', attempt: 1, retryInMs: 500, lastCloseCode: 1011, everOpened: true });
    expect(scheduler.pendingDelays()).toEqual([500]);
    scheduler.advance(500);
    await until(() => transport.status().state === 'open');
    expect(server.urls).toEqual([`/api?key=${KEY}`, `/api?key=${KEY}`]);
    expect(statuses.map((s) => s.state)).toEqual(['open', 'reconnecting', 'open']);
    expect(transport.counters.reconnects).toBe(1);
  });

  it('doubles the delay after each failed attempt, up to the cap', async () => {
    const clock = new ManualClock(FAKE_NOW_MS);
    const scheduler = new ManualScheduler(clock);
    const delays: (number | null)[] = [];
    const transport = new WebSocketTransport({
      url: 'ws://127.0.0.1:9/api?key=x',
      createSocket: () => {
        throw new Error('refused');
      },
      scheduler,
      initialBackoffMs: 500,
      maxBackoffMs: 3_000,
      reportFault: () => undefined,
    });
    cleanups.push(() => transport.dispose());
    transport.onStatus((status) => delays.push(status.retryInMs));
    transport.start();
    for (let i = 0; i < 5; i += 1) scheduler.advance(scheduler.pendingDelays()[0]!);
    expect(delays).toEqual([500, 1_000, 2_000, 3_000, 3_000, 3_000]);
    expect(transport.counters.socketErrors).toBe(6);
  });

  it('stops and says unauthorised when the server refuses the key with close code 4401', async () => {
    const { server, transport, api, scheduler } = await setup();
    transport.start();
    await until(() => transport.status().state === 'open');
    await server.dropAll(4401);
    await until(() => transport.status().state === 'unauthorized');
    expect(scheduler.pendingDelays()).toEqual([]);
    expect(await api.getDiagnostics()).toEqual({
      ok: false,
      error: {
        code: 'API_UNAUTHORIZED',
        message: "getDiagnostics: the engine refused this page's access key",
        remedy: "Open the exact URL printed by `npm run serve`; it carries this run's access key.",
      },
    });
  });

  it('times out an invoke the engine never answers with API_TIMEOUT', async () => {
    const { server, transport, api, scheduler } = await setup({ requestTimeoutMs: 5_000 });
    transport.start();
    await until(() => transport.status().state === 'open');
    const pending = api.reloadInstrumentMaster();
    await until(() => server.requests.length === 1);
    scheduler.advance(5_000);
    expect(await pending).toEqual({
      ok: false,
      error: {
        code: 'API_TIMEOUT',
        message: 'reloadInstrumentMaster: no answer from the engine within 5 s',
        remedy: 'Nothing is lost: try again. If it repeats, the engine is overloaded or stuck; export a support bundle.',
      },
    });
  });

  it('counts and reports malformed frames and late replies without the key in any message', async () => {
    const { server, transport, faults } = await setup();
    transport.start();
    await until(() => transport.status().state === 'open');
    const socket = server.sockets[0]!;
    socket.send('not json');
    socket.send(JSON.stringify({ hello: 'world' }));
    socket.send(JSON.stringify({ id: 99, result: { ok: true, value: null } }));
    socket.send(Buffer.from([1, 2, 3]));
    await until(() => faults.length === 4);
    expect(faults.map((f) => f.kind)).toEqual(['malformed-message', 'malformed-message', 'unknown-reply', 'malformed-message']);
    expect(transport.counters).toEqual({ malformedMessages: 3, unknownReplies: 1, listenerErrors: 0, socketErrors: 0, reconnects: 0 });
    expect(faults.some((f) => f.detail.includes(KEY))).toBe(false);
  });

  it('keeps delivering events to other listeners when one throws, and reports it', async () => {
    const { server, transport, api, faults } = await setup();
    const received: number[] = [];
    api.onTickLog(() => {
      throw new Error('listener bug');
    });
    api.onTickLog((entries) => received.push(entries.length));
    transport.start();
    await until(() => transport.status().state === 'open');
    server.push('tickLog', []);
    await until(() => received.length === 1);
    expect([received, faults.map((f) => f.detail), transport.counters.listenerErrors]).toEqual([[0], ['a tickLog listener threw: listener bug'], 1]);
  });

  it('answers every waiting invoke when disposed and closes the socket', async () => {
    const { server, transport, api } = await setup();
    transport.start();
    await until(() => transport.status().state === 'open');
    const pending = api.getDiagnostics();
    await until(() => server.requests.length === 1);
    const closed = once(server.sockets[0]!, 'close');
    transport.dispose();
    expect((await pending).ok).toBe(false);
    await closed;
    expect((await api.getAppState()).ok).toBe(false);
  });
});

/** An HTTP server that refuses WebSocket upgrades with `upgradeStatus` and answers pages with `pageStatus`. */
async function refusingServer(upgradeStatus: number, pageStatus: number): Promise<{ server: Server; port: number; upgrades: () => number }> {
  let upgrades = 0;
  const server = createServer((_request, response) => response.writeHead(pageStatus).end());
  server.on('upgrade', (_request, socket) => {
    upgrades += 1;
    socket.end(`HTTP/1.1 ${upgradeStatus} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { server, port: (server.address() as AddressInfo).port, upgrades: () => upgrades };
}

function pageWindow(port: number): Window {
  return {
    location: { protocol: 'http:', host: `127.0.0.1:${port}`, search: `?key=${KEY}`, href: `http://127.0.0.1:${port}/?key=${KEY}` },
    fetch: globalThis.fetch,
  } as unknown as Window;
}

describe('a refused handshake', () => {
  it('stops with API_UNAUTHORIZED when the page itself is refused too (the server restarted with a new key)', async () => {
    const { port, upgrades } = await refusingServer(401, 401);
    const scheduler = new ManualScheduler(new ManualClock(0));
    const selected = selectApi({ win: pageWindow(port), scheduler, createSocket: (url) => new WebSocket(url) as unknown as SocketLike });
    cleanups.push(selected.dispose);
    const waiting = selected.api.getAppState();
    await until(() => selected.monitor?.status().state === 'unauthorized');
    expect([upgrades(), scheduler.pendingDelays()]).toEqual([1, []]);
    expect(await waiting).toEqual({
      ok: false,
      error: {
        code: 'API_UNAUTHORIZED',
        message: "getAppState: the engine refused this page's access key",
        remedy: "Open the exact URL printed by `npm run serve`; it carries this run's access key.",
      },
    });
  });

  it('keeps retrying with back-off when the page is still served', async () => {
    const { port } = await refusingServer(503, 200);
    const scheduler = new ManualScheduler(new ManualClock(0));
    const selected = selectApi({ win: pageWindow(port), scheduler, createSocket: (url) => new WebSocket(url) as unknown as SocketLike });
    cleanups.push(selected.dispose);
    await until(() => selected.monitor?.status().state === 'reconnecting');
    expect([selected.monitor?.status().retryInMs, scheduler.pendingDelays()]).toEqual([500, [500]]);
  });
});

describe('choosing the link to the engine', () => {
  it('reads the access key from the query string and builds the socket URL for the same host', () => {
    expect(readAccessKey('?key=abc%2B1&x=2')).toBe('abc+1');
    expect(readAccessKey('?x=2')).toBeNull();
    expect(readAccessKey('?key=')).toBeNull();
    expect(apiSocketUrl({ protocol: 'http:', host: '127.0.0.1:5123' }, 'abc+1')).toBe('ws://127.0.0.1:5123/api?key=abc%2B1');
    expect(apiSocketUrl({ protocol: 'https:', host: 'example.test' }, 'k')).toBe('wss://example.test/api?key=k');
  });

  it('uses window.chainlens when the preload provided it', () => {
    const engine = new FakeEngine();
    const clock = new ManualClock(0);
    const selected = selectApi({ win: { chainlens: engine.api } as unknown as Window, scheduler: new ManualScheduler(clock) });
    expect([selected.api, selected.monitor]).toEqual([engine.api, null]);
  });

  it('opens a WebSocket to the serving host otherwise, and is unauthorised without a key', async () => {
    const server = await LoopbackServer.start();
    cleanups.push(() => server.close());
    const { port } = server.wss.address() as AddressInfo;
    const scheduler = new ManualScheduler(new ManualClock(0));
    const createSocket = (url: string) => new WebSocket(url) as unknown as SocketLike;
    const win = (search: string) => ({ location: { protocol: 'http:', host: `127.0.0.1:${port}`, search } }) as unknown as Window;

    const withKey = selectApi({ win: win(`?key=${KEY}`), scheduler, createSocket });
    cleanups.push(withKey.dispose);
    await until(() => withKey.monitor?.status().state === 'open');
    expect([withKey.api.transport, server.urls]).toEqual(['browser', [`/api?key=${KEY}`]]);

    const withoutKey = selectApi({ win: win(''), scheduler, createSocket });
    cleanups.push(withoutKey.dispose);
    expect(withoutKey.monitor?.status().state).toBe('unauthorized');
    expect((await withoutKey.api.getAppState()).ok).toBe(false);
    expect(server.urls.length).toBe(1);
  });
});
