import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeTicker } from '../../../src/shared/feed/feed-encoder';
import { LoopbackFeedServer, type ServerConnection } from '../../fixtures/dhan/loopback-feed-server';
import {
  CREDENTIALS,
  feedHarness,
  instruments,
  MARKET_OPEN_MS,
  subscribedCount,
  untilState,
  waitFor,
  type FeedHarness,
} from './feed-test-kit';

let server: LoopbackFeedServer | null = null;
let harness: FeedHarness | null = null;

afterEach(async () => {
  await harness?.pool.close();
  await server?.close();
  harness = null;
  server = null;
});

async function startWith(
  count: number,
  policy?: Parameters<typeof LoopbackFeedServer.start>[0],
): Promise<{
  h: FeedHarness;
  s: LoopbackFeedServer;
  conn: ServerConnection;
}> {
  server = await LoopbackFeedServer.start(policy);
  harness = feedHarness(server);
  harness.pool.setSubscriptions(instruments(count));
  const conn = await server.connection(1);
  await conn.until((c) => subscribedCount(c.messages) === count);
  return { h: harness, s: server, conn };
}

describe('feed pool: spreading instruments over connections', () => {
  it('spreads 12 000 instruments over 3 connections with 120 subscribe messages (5000, 5000, 2000)', async () => {
    server = await LoopbackFeedServer.start();
    harness = feedHarness(server);
    const outcome = harness.pool.setSubscriptions(instruments(12_000));
    expect(outcome).toEqual({ accepted: 12_000, rejected: [], duplicates: 0, connections: 3 });

    const conns = await Promise.all([1, 2, 3].map((n) => server!.connection(n)));
    const expected = [5000, 5000, 2000];
    await Promise.all(conns.map((c, i) => c.until((x) => subscribedCount(x.messages) === expected[i])));

    expect(conns.map((c) => c.messages.length)).toEqual([50, 50, 20]);
    expect(
      conns.flatMap((c) => c.messages).every((m) => m.RequestCode === 17 && (m.InstrumentCount ?? 0) <= 100),
    ).toBe(true);
    expect(conns.map((c) => c.subscribed().size)).toEqual([5000, 5000, 2000]);
    // Every instrument exactly once across the three sockets.
    const all = new Set(conns.flatMap((c) => [...c.subscribed().keys()]));
    expect(all.size).toBe(12_000);
    expect(conns[0]?.subscribed().has('NSE_FNO:40000')).toBe(true);
    expect(conns[2]?.subscribed().has('NSE_FNO:51999')).toBe(true);
    expect(harness.pool.diagnostics().map((d) => [d.id, d.state, d.subscribed])).toEqual([
      [1, 'open', 5000],
      [2, 'open', 5000],
      [3, 'open', 2000],
    ]);
    expect(server.attempts).toHaveLength(3);
  });

  it('accepts 25 000 instruments on 5 connections and reports the rest as over the limit', async () => {
    server = await LoopbackFeedServer.start();
    harness = feedHarness(server);
    const requested = instruments(25_003);
    const outcome = harness.pool.setSubscriptions(requested);

    expect(outcome.accepted).toBe(25_000);
    expect(outcome.connections).toBe(5);
    expect(outcome.rejected.map((r) => [r.subscription.securityId, r.reason])).toEqual([
      [65_000, 'limit'],
      [65_001, 'limit'],
      [65_002, 'limit'],
    ]);
    const conns = await Promise.all([1, 2, 3, 4, 5].map((n) => server!.connection(n)));
    await Promise.all(conns.map((c) => c.until((x) => subscribedCount(x.messages) === 5000)));
    expect(conns.map((c) => c.messages.length)).toEqual([50, 50, 50, 50, 50]);
    expect(
      harness.logLines().some((l) => l.includes('FEED_SUBSCRIPTION_LIMIT') && l.includes('"overLimit":3')),
    ).toBe(true);
  });

  it('opens no connection until something is subscribed', async () => {
    server = await LoopbackFeedServer.start();
    harness = feedHarness(server);
    expect(harness.pool.setSubscriptions([])).toEqual({
      accepted: 0,
      rejected: [],
      duplicates: 0,
      connections: 0,
    });
    expect(harness.pool.diagnostics()).toEqual([]);
    expect(harness.pool.feedState()).toBe('idle');
  });

  it('fills the open connection before opening another, and closes a connection that empties', async () => {
    const { h, s, conn } = await startWith(4000);
    h.pool.setSubscriptions(instruments(5500));
    const second = await s.connection(2);
    await conn.until((c) => subscribedCount(c.messages) === 5000);
    await second.until((c) => subscribedCount(c.messages) === 500);
    expect(conn.messages.slice(40).map((m) => [m.RequestCode, m.InstrumentCount])).toEqual(
      Array.from({ length: 10 }, () => [17, 100]),
    );
    expect(second.subscribed().has('NSE_FNO:45000')).toBe(true);

    // Dropping the last 500 empties connection 2, which is closed (its slot frees up).
    h.pool.setSubscriptions(instruments(5000));
    await second.until((c) => c.closed);
    expect(h.pool.diagnostics().map((d) => d.id)).toEqual([1]);
    expect(conn.closed).toBe(false);
  });

  it('unsubscribes removed instruments and changes mode by unsubscribing the old mode first', async () => {
    const { h, conn } = await startWith(5);
    const next = [
      { segment: 'NSE_FNO' as const, securityId: 40_000, mode: 'quote' as const },
      { segment: 'NSE_FNO' as const, securityId: 40_001, mode: 'full' as const },
      { segment: 'NSE_FNO' as const, securityId: 40_002, mode: 'ticker' as const },
      { segment: 'BSE_FNO' as const, securityId: 900_001, mode: 'quote' as const },
    ];
    h.pool.setSubscriptions(next);
    await conn.until((c) => c.messages.length === 5);
    const list = (...ids: [string, number][]): { ExchangeSegment: string; SecurityId: string }[] =>
      ids.map(([seg, id]) => ({ ExchangeSegment: seg, SecurityId: String(id) }));
    expect(conn.messages.slice(1)).toEqual([
      {
        RequestCode: 18,
        InstrumentCount: 4,
        InstrumentList: list(
          ['NSE_FNO', 40_001],
          ['NSE_FNO', 40_002],
          ['NSE_FNO', 40_003],
          ['NSE_FNO', 40_004],
        ),
      },
      { RequestCode: 15, InstrumentCount: 1, InstrumentList: list(['NSE_FNO', 40_002]) },
      { RequestCode: 17, InstrumentCount: 1, InstrumentList: list(['BSE_FNO', 900_001]) },
      { RequestCode: 21, InstrumentCount: 1, InstrumentList: list(['NSE_FNO', 40_001]) },
    ]);
    expect([...conn.subscribed()].sort()).toEqual([
      ['BSE_FNO:900001', 17],
      ['NSE_FNO:40000', 17],
      ['NSE_FNO:40001', 21],
      ['NSE_FNO:40002', 15],
    ]);
    expect(h.pool.diagnostics()[0]?.subscribed).toBe(4);
  });
});

describe('feed pool: reconnecting', () => {
  it('reconnects after the server drops the socket without a close frame and resubscribes everything', async () => {
    const { h, s, conn } = await startWith(150);
    conn.drop();
    await untilState(h, 1, 'reconnecting');
    expect(h.disconnects).toEqual([
      {
        atMs: MARKET_OPEN_MS,
        connectionId: 1,
        code: null,
        errorCode: 'FEED_DROPPED',
        meaning: 'The connection closed without a disconnect reason (WebSocket close 1006)',
        action: 'reconnect',
      },
    ]);
    expect(h.pool.diagnostics()[0]).toMatchObject({
      state: 'reconnecting',
      subscribed: 0,
      reconnectAttempts: 1,
      nextRetryAtMs: MARKET_OPEN_MS + 1000,
    });
    expect(h.pool.feedState()).toBe('reconnecting');

    h.time.advance(1000);
    const again = await s.connection(2);
    await again.until((c) => subscribedCount(c.messages) === 150);
    expect(again.messages.map((m) => m.InstrumentCount)).toEqual([100, 50]);
    await untilState(h, 1, 'open');
    expect(h.pool.diagnostics()[0]).toMatchObject({
      subscribed: 150,
      reconnectAttempts: 1,
      nextRetryAtMs: null,
    });

    // The first frame on the new socket proves it works: the back-off starts over.
    again.send(encodeTicker({ segment: 2, securityId: 40_000, ltp: 10, lttEpochS: 1 }));
    await waitFor(() => h.pool.diagnostics()[0]?.reconnectAttempts === 0);
  });

  it('doubles the delay while reconnects keep failing', async () => {
    const { h, s, conn } = await startWith(1);
    conn.drop();
    await untilState(h, 1, 'reconnecting');
    const delays: number[] = [h.pool.diagnostics()[0]!.nextRetryAtMs! - h.time.nowMs()];
    for (let n = 2; n <= 4; n++) {
      h.time.advance(delays[delays.length - 1]!);
      (await s.connection(n)).drop();
      await waitFor(() => h.disconnects.length === n);
      await untilState(h, 1, 'reconnecting');
      delays.push(h.pool.diagnostics()[0]!.nextRetryAtMs! - h.time.nowMs());
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000]);
  });

  it('backs off 60 s after disconnect code 805 (too many connections)', async () => {
    const { h, s, conn } = await startWith(10);
    conn.sendDisconnect(805);
    await untilState(h, 1, 'reconnecting');
    expect(h.disconnects).toEqual([
      {
        atMs: MARKET_OPEN_MS,
        connectionId: 1,
        code: 805,
        errorCode: 'FEED_TOO_MANY_CONNECTIONS',
        meaning: 'Too many requests or connections',
        action: 'back-off',
      },
    ]);
    expect(h.pool.diagnostics()[0]?.nextRetryAtMs).toBe(MARKET_OPEN_MS + 60_000);
    expect(h.pool.diagnostics()[0]?.lastDisconnect?.code).toBe(805);

    h.time.advance(59_999);
    expect(h.pool.diagnostics()[0]?.state).toBe('reconnecting');
    h.time.advance(1);
    const again = await s.connection(2);
    await again.until((c) => subscribedCount(c.messages) === 10);
  });

  it.each([
    [806, 'FEED_NO_DATA_PLAN', 'Data APIs not subscribed'],
    [808, 'FEED_AUTH_FAILED', 'Authentication failed: client id or access token invalid'],
    [809, 'FEED_TOKEN_INVALID', 'Access token is invalid'],
    [810, 'FEED_CLIENT_ID_INVALID', 'Client id is invalid'],
  ])('stops and reports on disconnect code %i', async (code, errorCode, meaning) => {
    const { h, s, conn } = await startWith(10);
    conn.sendDisconnect(code);
    await untilState(h, 1, 'stopped');
    expect(h.disconnects).toEqual([
      { atMs: MARKET_OPEN_MS, connectionId: 1, code, errorCode, meaning, action: 'stop' },
    ]);
    expect(h.pool.feedState()).toBe('stopped');
    expect(h.pool.diagnostics()[0]).toMatchObject({ state: 'stopped', subscribed: 0, nextRetryAtMs: null });
    await conn.until((c) => c.closed);

    // Nothing is scheduled to bring it back: ten minutes later it is still stopped.
    h.time.advance(600_000);
    expect(h.pool.diagnostics()[0]?.state).toBe('stopped');
    expect(s.attempts).toHaveLength(1);

    // The user's Reconnect brings it back with its subscriptions.
    h.pool.reconnect();
    const again = await s.connection(2);
    await again.until((c) => subscribedCount(c.messages) === 10);
  });

  it('waits for a new token after 807, then resumes every connection with the new token and every subscription', async () => {
    server = await LoopbackFeedServer.start();
    harness = feedHarness(server);
    const h = harness;
    h.pool.setSubscriptions(instruments(6000));
    const [first, second] = await Promise.all([server.connection(1), server.connection(2)]);
    await first!.until((c) => subscribedCount(c.messages) === 5000);
    await second!.until((c) => subscribedCount(c.messages) === 1000);

    first!.sendDisconnect(807);
    second!.sendDisconnect(807);
    await untilState(h, 1, 'stopped');
    await untilState(h, 2, 'stopped');
    expect(h.disconnects.map((d) => [d.connectionId, d.code, d.errorCode, d.action]).sort()).toEqual([
      [1, 807, 'FEED_AUTH_EXPIRED', 'await-token'],
      [2, 807, 'FEED_AUTH_EXPIRED', 'await-token'],
    ]);
    expect(h.pool.feedState()).toBe('awaiting-token');
    h.time.advance(600_000);
    expect(server.attempts).toHaveLength(2);

    const renewed = 'eyJhbGciOiJIUzUxMiJ9.renewed-token-payload.signature';
    h.pool.updateCredentials({ clientId: CREDENTIALS.clientId, accessToken: renewed });
    const [third, fourth] = await Promise.all([server.connection(3), server.connection(4)]);
    await waitFor(() => subscribedCount(third!.messages) + subscribedCount(fourth!.messages) === 6000);
    expect([third!.query.get('token'), fourth!.query.get('token')]).toEqual([renewed, renewed]);
    expect([subscribedCount(third!.messages), subscribedCount(fourth!.messages)].sort()).toEqual([
      1000, 5000,
    ]);
    const restored = new Set([...third!.subscribed().keys(), ...fourth!.subscribed().keys()]);
    expect(restored.size).toBe(6000);
    await untilState(h, 1, 'open');
    await untilState(h, 2, 'open');
    expect(h.pool.feedState()).toBe('live');
    expect(JSON.stringify(h.pool.diagnostics())).not.toContain(renewed);
  });
});

describe('feed pool: watchdog and market hours', () => {
  it('replaces a subscribed socket that stays silent for 60 s during market hours', async () => {
    const { h, s, conn } = await startWith(20);
    for (let elapsed = 5_000; elapsed <= 60_000; elapsed += 5_000) {
      h.time.advance(5_000);
      if (elapsed === 15_000) expect(h.pool.feedState()).toBe('silent');
    }
    expect(h.disconnects).toEqual([]);
    h.time.advance(5_000);
    expect(h.disconnects).toEqual([
      {
        atMs: MARKET_OPEN_MS + 65_000,
        connectionId: 1,
        code: null,
        errorCode: 'FEED_SILENT',
        meaning: 'No packet for 65000 ms during market hours',
        action: 'reconnect',
      },
    ]);
    await conn.until((c) => c.closed);
    h.time.advance(1_000);
    const again = await s.connection(2);
    await again.until((c) => subscribedCount(c.messages) === 20);
  });

  it('shows a quiet socket as market-closed outside market hours and keeps it', async () => {
    const { h, conn } = await startWith(20);
    h.marketOpen = false;
    for (let i = 0; i < 120; i++) h.time.advance(5_000);
    expect(h.disconnects).toEqual([]);
    expect(h.pool.feedState()).toBe('market-closed');
    expect(h.pool.diagnostics()[0]?.state).toBe('open');
    expect(conn.closed).toBe(false);

    // When the session opens, the silence clock starts then, not at the last packet.
    h.marketOpen = true;
    h.time.advance(55_000);
    expect(h.disconnects).toEqual([]);
    h.time.advance(10_000);
    expect(h.disconnects.map((d) => d.errorCode)).toEqual(['FEED_SILENT']);
  });

  it('reports live while packets keep arriving', async () => {
    const { h, conn } = await startWith(1);
    for (let i = 0; i < 20; i++) {
      h.time.advance(5_000);
      conn.send(encodeTicker({ segment: 2, securityId: 40_000, ltp: 100 + i, lttEpochS: i }));
      await waitFor(() => h.pool.counters().frames === i + 1);
    }
    expect(h.disconnects).toEqual([]);
    expect(h.pool.feedState()).toBe('live');
    expect(h.pool.diagnostics()[0]?.lastPacketAtMs).toBe(MARKET_OPEN_MS + 100_000);
  });

  it('declares the socket dead when the server stops pinging, even with the market closed', async () => {
    const { h, s, conn } = await startWith(1);
    h.marketOpen = false;
    conn.socket.ping('1');
    await conn.until((c) => c.pongs.length === 1);
    h.time.advance(45_000);
    expect(h.disconnects).toEqual([]);
    h.time.advance(5_000);
    expect(h.disconnects).toEqual([
      {
        atMs: MARKET_OPEN_MS + 50_000,
        connectionId: 1,
        code: null,
        errorCode: 'FEED_PING_TIMEOUT',
        meaning: 'Nothing received, not even a ping, for 50000 ms',
        action: 'reconnect',
      },
    ]);
    h.time.advance(1_000);
    await (await s.connection(2)).until((c) => subscribedCount(c.messages) === 1);
  });
});

describe('feed pool: handshake refusals and closing', () => {
  it('reports HTTP 429 at the handshake as rate limited and cools off 60 s', async () => {
    server = await LoopbackFeedServer.start((_req, attempt) => (attempt === 1 ? { status: 429 } : null));
    harness = feedHarness(server);
    const h = harness;
    h.pool.setSubscriptions(instruments(3));
    await untilState(h, 1, 'reconnecting');
    expect(h.disconnects).toEqual([
      {
        atMs: MARKET_OPEN_MS,
        connectionId: 1,
        code: 429,
        errorCode: 'FEED_HANDSHAKE_RATE_LIMITED',
        meaning: 'Handshake refused with HTTP 429: too many connection attempts',
        action: 'back-off',
      },
    ]);
    expect(h.pool.diagnostics()[0]?.nextRetryAtMs).toBe(MARKET_OPEN_MS + 60_000);
    h.time.advance(60_000);
    await (await server.connection(1)).until((c) => subscribedCount(c.messages) === 3);
  });

  it('honours a Retry-After longer than the cool-off', async () => {
    server = await LoopbackFeedServer.start((_req, attempt) =>
      attempt === 1 ? { status: 429, headers: { 'Retry-After': '120' } } : null,
    );
    harness = feedHarness(server);
    harness.pool.setSubscriptions(instruments(1));
    await untilState(harness, 1, 'reconnecting');
    expect(harness.pool.diagnostics()[0]?.nextRetryAtMs).toBe(MARKET_OPEN_MS + 120_000);
  });

  it('reports HTTP 401 at the handshake as unauthorised and waits for new credentials', async () => {
    server = await LoopbackFeedServer.start((req) => (req.url?.includes('renewed') ? null : { status: 401 }));
    harness = feedHarness(server);
    const h = harness;
    h.pool.setSubscriptions(instruments(3));
    await untilState(h, 1, 'stopped');
    expect(h.disconnects).toEqual([
      {
        atMs: MARKET_OPEN_MS,
        connectionId: 1,
        code: 401,
        errorCode: 'FEED_HANDSHAKE_UNAUTHORIZED',
        meaning: 'Handshake refused with HTTP 401: the token or client id was rejected',
        action: 'await-token',
      },
    ]);
    expect(h.pool.feedState()).toBe('awaiting-token');
    h.pool.updateCredentials({ clientId: CREDENTIALS.clientId, accessToken: 'renewed-token-value' });
    await (await server.connection(1)).until((c) => subscribedCount(c.messages) === 3);
  });

  it('reports a refused TCP connection as a failed handshake and retries', async () => {
    server = await LoopbackFeedServer.start();
    const url = server.url;
    await server.close();
    server = null;
    harness = feedHarness({ url } as LoopbackFeedServer);
    harness.pool.setSubscriptions(instruments(1));
    await untilState(harness, 1, 'reconnecting');
    expect(harness.disconnects).toHaveLength(1);
    expect(harness.disconnects[0]).toMatchObject({
      code: null,
      errorCode: 'FEED_HANDSHAKE_FAILED',
      action: 'reconnect',
    });
    expect(harness.disconnects[0]?.meaning).toMatch(
      /^Could not connect: connect ECONNREFUSED 127\.0\.0\.1:\d+$/,
    );
  });

  it('gives up on a handshake that gets no answer within 15 s', async () => {
    // A TCP server that accepts and then never answers the HTTP upgrade.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    harness = feedHarness({ url: `ws://127.0.0.1:${port}` } as LoopbackFeedServer);
    const h = harness;
    try {
      h.pool.setSubscriptions(instruments(1));
      expect(h.pool.diagnostics()[0]?.state).toBe('connecting');
      await waitFor(() => sockets.size === 1);
      h.time.advance(14_999);
      expect(h.pool.diagnostics()[0]?.state).toBe('connecting');
      h.time.advance(1);
      await untilState(h, 1, 'reconnecting');
      expect(h.disconnects.map((d) => [d.code, d.errorCode, d.meaning, d.action])).toEqual([
        [null, 'FEED_HANDSHAKE_FAILED', 'No handshake answer within 15000 ms', 'reconnect'],
      ]);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('closes a socket whose peer stopped reading within the close timeout instead of hanging', async () => {
    const { h, conn } = await startWith(1);
    conn.request.socket.pause();
    let closed = false;
    const closing = h.pool.close().then(() => {
      closed = true;
    });
    await h.time.waitForTimer((t) => t.delayMs === 2_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed).toBe(false);
    h.time.advance(2_000);
    await closing;
    expect(closed).toBe(true);
    expect(h.pool.diagnostics()[0]?.state).toBe('closed');
    expect(h.pool.feedState()).toBe('stopped');
    // Closing twice is harmless.
    await h.pool.close();
    expect(h.pool.diagnostics().map((d) => d.state)).toEqual(['closed']);
  });
});
