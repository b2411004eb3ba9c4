import { afterEach, describe, expect, it } from 'vitest';
import { encodeQuote, encodeTicker, concatPackets } from '../../../src/shared/feed/feed-encoder';
import { LoopbackFeedServer } from '../../fixtures/dhan/loopback-feed-server';
import {
  CLIENT_ID,
  feedHarness,
  instruments,
  TOKEN,
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

describe('feed connection over a real loopback WebSocket', () => {
  it('connects with version 2, the token, the client id and authType 2, then subscribes', async () => {
    server = await LoopbackFeedServer.start();
    harness = feedHarness(server);
    harness.pool.setSubscriptions(instruments(3));
    const conn = await server.connection(1);
    await conn.until((c) => c.messages.length === 1);

    expect(Object.fromEntries(conn.query)).toEqual({
      version: '2',
      token: TOKEN,
      clientId: CLIENT_ID,
      authType: '2',
    });
    expect(conn.messages).toEqual([
      {
        RequestCode: 17,
        InstrumentCount: 3,
        InstrumentList: [
          { ExchangeSegment: 'NSE_FNO', SecurityId: '40000' },
          { ExchangeSegment: 'NSE_FNO', SecurityId: '40001' },
          { ExchangeSegment: 'NSE_FNO', SecurityId: '40002' },
        ],
      },
    ]);
    const [diag] = harness.pool.diagnostics();
    expect(diag).toMatchObject({
      id: 1,
      state: 'open',
      subscribed: 3,
      packets: 0,
      lastPacketAtMs: null,
      reconnectAttempts: 0,
    });
    expect(diag?.url).toBe(`${server.url}/?version=2&token=[REDACTED]&clientId=[REDACTED]&authType=2`);
  });

  it('hands every binary frame to onFrame with its connection id and counts the packets in it', async () => {
    server = await LoopbackFeedServer.start();
    harness = feedHarness(server);
    harness.pool.setSubscriptions(instruments(2));
    const conn = await server.connection(1);
    await conn.until((c) => c.messages.length === 1);
    const tick = encodeTicker({ segment: 2, securityId: 40_000, ltp: 101.5, lttEpochS: 1_767_760_200 });
    const quote = encodeQuote({
      segment: 2,
      securityId: 40_001,
      ltp: 55.25,
      ltq: 75,
      lttEpochS: 1_767_760_200,
      atp: 54,
      volume: 1500,
      totalSellQty: 900,
      totalBuyQty: 600,
      open: 50,
      close: 0,
      high: 56,
      low: 49,
    });
    harness.time.advance(1_000);
    conn.send(tick);
    conn.send(concatPackets([quote, tick]));
    const h = harness;
    await waitFor(() => h.frames.length === 2);

    expect(harness.frames.map((f) => [[...f.bytes], f.connectionId])).toEqual([
      [[...tick], 1],
      [[...concatPackets([quote, tick])], 1],
    ]);
    expect(harness.pool.diagnostics()[0]).toMatchObject({ packets: 3, lastPacketAtMs: harness.time.nowMs() });
    expect(harness.pool.counters()).toEqual({ frames: 2, packets: 3, textFrames: 0, consumerErrors: 0 });
  });

  it('answers a server ping with a pong carrying the same payload', async () => {
    server = await LoopbackFeedServer.start();
    harness = feedHarness(server);
    harness.pool.setSubscriptions(instruments(1));
    const conn = await server.connection(1);
    await untilState(harness, 1, 'open');
    conn.socket.ping('keepalive-1');
    await conn.until((c) => c.pongs.length === 1);
    expect(conn.pongs).toEqual(['keepalive-1']);
  });

  it('counts and logs a throwing frame consumer and keeps the socket open', async () => {
    server = await LoopbackFeedServer.start();
    let calls = 0;
    harness = feedHarness(server, {
      onFrame: () => {
        calls++;
        throw new Error('consumer bug');
      },
    });
    harness.pool.setSubscriptions(instruments(1));
    const conn = await server.connection(1);
    await conn.until((c) => c.messages.length === 1);
    const tick = encodeTicker({ segment: 2, securityId: 40_000, ltp: 1, lttEpochS: 1 });
    conn.send(tick);
    conn.send(tick);
    const h = harness;
    await waitFor(() => h.pool.counters().consumerErrors === 2);

    expect(calls).toBe(2);
    expect(harness.pool.diagnostics()[0]).toMatchObject({ state: 'open', packets: 2 });
    const logged = harness.logLines().filter((l) => l.includes('FEED_CONSUMER_FAILED'));
    expect(logged).toHaveLength(2);
    expect(logged[0]).toContain('consumer bug');
    expect(conn.closed).toBe(false);
  });

  it('counts and logs text frames from the server without passing them on', async () => {
    server = await LoopbackFeedServer.start();
    harness = feedHarness(server);
    harness.pool.setSubscriptions(instruments(1));
    const conn = await server.connection(1);
    await untilState(harness, 1, 'open');
    conn.sendText('{"unexpected":true}');
    const h = harness;
    await waitFor(() => h.pool.counters().textFrames === 1);
    expect(harness.frames).toEqual([]);
    expect(harness.logLines().filter((l) => l.includes('unexpected text frame'))).toHaveLength(1);
  });

  it('never writes the token to the log, the diagnostics or a disconnect record', async () => {
    server = await LoopbackFeedServer.start();
    harness = feedHarness(server);
    harness.pool.setSubscriptions(instruments(1));
    const conn = await server.connection(1);
    await untilState(harness, 1, 'open');
    conn.sendDisconnect(805);
    await untilState(harness, 1, 'reconnecting');
    const everything = [
      ...harness.logLines(),
      JSON.stringify(harness.pool.diagnostics()),
      JSON.stringify(harness.disconnects),
      JSON.stringify(harness.states),
    ].join('\n');
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(CLIENT_ID);
    expect(everything).toContain('token=[REDACTED]');
  });
});
