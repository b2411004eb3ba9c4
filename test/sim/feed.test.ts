import { afterEach, describe, expect, it } from 'vitest';
import { decodeFrame, type DecodedPacket } from '../../src/shared/feed/feed-packets';
import { REQUEST_CODE } from '../../src/shared/feed/feed-layout';
import { istEpochMs } from '../../src/sim/util/ist-time';
import { FeedClient, HandshakeRefused } from './helpers/feed-client';
import { TRADING_DATE, advanceInSteps, postJson, settle, startTestSim, until, type TestSim } from './helpers/sim-fixture';

let t: TestSim;
const clients: FeedClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await t.sim.close();
});

async function connect(url = t.feedUrl(), options: { autoPong?: boolean } = {}): Promise<FeedClient> {
  const client = await FeedClient.connect(url, options, () => t.clock.nowMs());
  clients.push(client);
  return client;
}

/** The at-the-money NIFTY weekly strike and its contracts. */
function atmNifty(): { strike: number; ce: number; pe: number } {
  const expiry = t.sim.market.skeleton().underlyings[0]!.expiries[0]!;
  const spot = t.sim.market.spot('NIFTY')!;
  const row = expiry.strikes.reduce((best, s) => (Math.abs(s.strike - spot) < Math.abs(best.strike - spot) ? s : best));
  return { strike: row.strike, ce: row.ceSecurityId, pe: row.peSecurityId };
}

const kinds = (packets: DecodedPacket[]): string[] => packets.map((p) => p.kind);

describe('feed handshake', () => {
  it('refuses an unknown token with HTTP 401 and a wrong version with 400', async () => {
    t = await startTestSim();
    await expect(FeedClient.connect(t.feedUrl('not-the-token'))).rejects.toEqual(new HandshakeRefused(401));
    await expect(FeedClient.connect(t.feedUrl().replace('version=2', 'version=1'))).rejects.toEqual(new HandshakeRefused(400));
    expect(t.sim.market.stats().feed.totals.handshakesRejected).toBe(2);
  });

  it('accepts the URL with no path and disconnects a wrong client id with 810', async () => {
    t = await startTestSim();
    const client = await connect(t.feedUrl(undefined, '999'));
    expect(await client.waitForClose()).toBe(1000);
    expect(client.packets()).toEqual([{ kind: 'disconnect', segment: 0, securityId: 0, reason: 810 }]);
  });
});

describe('subscriptions', () => {
  it('answers each mode with a prev-close packet and the mode packets, one packet per frame', async () => {
    t = await startTestSim();
    const { ce, pe } = atmNifty();
    const expectations: [number, string, number, string[]][] = [
      [REQUEST_CODE.SUBSCRIBE_TICKER, 'NSE_FNO', ce, ['prev-close', 'ticker']],
      [REQUEST_CODE.SUBSCRIBE_QUOTE, 'NSE_FNO', pe, ['prev-close', 'quote', 'oi']],
      [REQUEST_CODE.SUBSCRIBE_FULL, 'NSE_FNO', ce, ['prev-close', 'full']],
      [REQUEST_CODE.SUBSCRIBE_QUOTE, 'IDX_I', 13, ['prev-close', 'quote']],
      [REQUEST_CODE.SUBSCRIBE_FULL, 'IDX_I', 25, ['prev-close', 'quote']],
    ];
    for (const [code, segment, securityId, expected] of expectations) {
      const client = await connect();
      client.subscribe(code, [{ segment, securityId }]);
      await client.waitForFrames(expected.length);
      await settle();
      expect(kinds(client.packets())).toEqual(expected);
      for (const frame of client.frames) expect(frame.length).toBe(frame[1]! | (frame[2]! << 8));
      expect(client.packets().every((p) => p.securityId === securityId)).toBe(true);
    }
  });

  it("sends a ticker LTP equal to the REST chain's last_price at the same frozen moment", async () => {
    t = await startTestSim();
    const { strike, ce, pe } = atmNifty();
    const client = await connect();
    client.subscribe(REQUEST_CODE.SUBSCRIBE_TICKER, [{ segment: 'NSE_FNO', securityId: ce }]);
    client.subscribe(REQUEST_CODE.SUBSCRIBE_FULL, [{ segment: 'NSE_FNO', securityId: pe }]);
    await client.waitForFrames(4);
    const chain = (await postJson(t, '/optionchain', { UnderlyingScrip: 13, UnderlyingSeg: 'IDX_I', Expiry: '2025-10-07' })).json as {
      data: { oc: Record<string, { ce: Record<string, number>; pe: Record<string, number> }> };
    };
    const row = chain.data.oc[strike.toFixed(6)]!;
    const packets = client.packets();
    const ticker = packets.find((p) => p.kind === 'ticker')!;
    const full = packets.find((p) => p.kind === 'full')!;
    const prevClose = packets.find((p) => p.kind === 'prev-close' && p.securityId === pe)!;
    if (ticker.kind !== 'ticker' || full.kind !== 'full' || prevClose.kind !== 'prev-close') throw new Error('missing packets');
    expect(ticker.ltp).toBe(Math.fround(row.ce.last_price!));
    expect(full.ltp).toBe(Math.fround(row.pe.last_price!));
    expect(full.depth[0]!.bidPrice).toBe(Math.fround(row.pe.top_bid_price!));
    expect(full.depth[0]!.askPrice).toBe(Math.fround(row.pe.top_ask_price!));
    expect(full.depth[0]!.bidQty).toBe(row.pe.top_bid_quantity);
    expect(full.oi).toBe(row.pe.oi);
    expect(full.volume).toBe(row.pe.volume);
    expect(prevClose.prevClose).toBe(Math.fround(row.pe.previous_close_price!));
    expect(prevClose.prevOi).toBe(row.pe.previous_oi);
    // LTT is IST wall-clock seconds written as if UTC.
    expect(ticker.lttEpochS).toBe(t.sim.market.quote('NSE_FNO', ce)!.lastTradeEpochS + 19_800);
  });

  it('streams ticks in the subscribed mode as the market clock advances, each consistent with the market', async () => {
    t = await startTestSim({ ticksPerSecond: 1000 });
    const { ce, pe } = atmNifty();
    const client = await connect();
    client.subscribe(REQUEST_CODE.SUBSCRIBE_QUOTE, [
      { segment: 'NSE_FNO', securityId: ce },
      { segment: 'NSE_FNO', securityId: pe },
    ]);
    await client.waitForFrames(6);
    await advanceInSteps(t, 2000, 500);
    await settle();
    const live = client.packets().slice(6);
    expect(live.length).toBeGreaterThan(20);
    expect(new Set(kinds(live))).toEqual(new Set(['quote', 'oi']));
    for (let i = 0; i < live.length; i += 2) expect([live[i]!.kind, live[i + 1]!.kind, live[i]!.securityId]).toEqual(['quote', 'oi', live[i + 1]!.securityId]);
    const lastQuote = [...live].reverse().find((p) => p.kind === 'quote' && p.securityId === ce)!;
    const market = t.sim.market.quote('NSE_FNO', ce)!;
    if (lastQuote.kind !== 'quote') throw new Error('no quote');
    expect([lastQuote.ltp, lastQuote.volume, lastQuote.lttEpochS]).toEqual([Math.fround(market.ltp), market.volume, market.lastTradeEpochS + 19_800]);
    expect(lastQuote.close).toBe(0); // day close only after the session
    expect(t.sim.market.stats().feed.connections[0]!.packetsSent).toBe(client.frames.length);
  });

  it('stops ticking an instrument after unsubscribe and ignores unsubscribes of another mode', async () => {
    t = await startTestSim({ ticksPerSecond: 1000 });
    const { ce } = atmNifty();
    const client = await connect();
    client.subscribe(REQUEST_CODE.SUBSCRIBE_TICKER, [{ segment: 'NSE_FNO', securityId: ce }]);
    await client.waitForFrames(2);
    client.subscribe(REQUEST_CODE.UNSUBSCRIBE_FULL, [{ segment: 'NSE_FNO', securityId: ce }]);
    await until(() => t.sim.market.stats().feed.connections[0]!.requests === 2);
    await advanceInSteps(t, 500, 500);
    await until(() => client.frames.length > 2);
    client.subscribe(REQUEST_CODE.UNSUBSCRIBE_TICKER, [{ segment: 'NSE_FNO', securityId: ce }]);
    await until(() => t.sim.market.stats().feed.connections[0]!.instruments === 0);
    const before = client.frames.length;
    await advanceInSteps(t, 2000, 500);
    expect(client.frames.length).toBe(before);
  });

  it('ignores malformed requests and unknown instruments without closing', async () => {
    t = await startTestSim();
    const client = await connect();
    client.ws.send('{"RequestCode":');
    client.send({ RequestCode: 15, InstrumentCount: 1, InstrumentList: [{ ExchangeSegment: 'NSE_FNO', SecurityId: '9999999' }] });
    await until(() => t.sim.market.stats().feed.connections[0]!.requests === 2);
    const stats = t.sim.market.stats().feed.connections[0]!;
    expect([stats.rejectedRequests, stats.instruments, stats.packetsSent, stats.closedAtMs]).toEqual([1, 1, 0, null]);
  });

  it('closes the connection when the client sends the disconnect request (code 12)', async () => {
    t = await startTestSim();
    const client = await connect();
    client.send({ RequestCode: 12 });
    expect(await client.waitForClose()).toBe(1000);
    expect(t.sim.market.stats().feed.connections[0]!.closeReason).toBe('client-disconnect-request');
  });
});

describe('limits', () => {
  it('disconnects with 804 when one message lists more than 100 instruments', async () => {
    t = await startTestSim();
    const client = await connect();
    client.subscribe(REQUEST_CODE.SUBSCRIBE_TICKER, Array.from({ length: 101 }, (_, i) => ({ segment: 'NSE_FNO', securityId: 900_000 + i })));
    expect(await client.waitForClose()).toBe(1000);
    expect(client.packets()).toEqual([{ kind: 'disconnect', segment: 0, securityId: 0, reason: 804 }]);
  });

  it('accepts 5000 instruments on a connection and disconnects with 804 on the 5001st', async () => {
    t = await startTestSim();
    const client = await connect();
    for (let m = 0; m < 50; m++) {
      client.subscribe(REQUEST_CODE.SUBSCRIBE_TICKER, Array.from({ length: 100 }, (_, i) => ({ segment: 'NSE_FNO', securityId: 900_000 + m * 100 + i })));
    }
    await until(() => t.sim.market.stats().feed.connections[0]!.instruments === 5000);
    expect(client.closeCode).toBeNull();
    client.subscribe(REQUEST_CODE.SUBSCRIBE_TICKER, [{ segment: 'NSE_FNO', securityId: 1 }]);
    expect(await client.waitForClose()).toBe(1000);
    expect(client.packets()).toEqual([{ kind: 'disconnect', segment: 0, securityId: 0, reason: 804 }]);
  });

  it('kicks the oldest connection with 805 when a sixth opens', async () => {
    t = await startTestSim();
    const five = [];
    for (let i = 0; i < 5; i++) five.push(await connect());
    const sixth = await connect();
    expect(await five[0]!.waitForClose()).toBe(1000);
    expect(five[0]!.packets()).toEqual([{ kind: 'disconnect', segment: 0, securityId: 0, reason: 805 }]);
    await settle();
    expect(five.slice(1).map((c) => c.closeCode)).toEqual([null, null, null, null]);
    expect(sixth.closeCode).toBeNull();
    const stats = t.sim.market.stats().feed;
    expect([stats.openConnections, stats.totals.kicked]).toEqual([5, 1]);
  });
});

describe('keep-alive', () => {
  it('pings every 10 s and keeps a client that answers', async () => {
    t = await startTestSim();
    const client = await connect();
    await advanceInSteps(t, 60_000, 10_000);
    await settle();
    expect(client.pings).toBe(6);
    expect(client.closeCode).toBeNull();
  });

  it('drops a client that stops answering pings once 40 s pass, without a close frame', async () => {
    t = await startTestSim();
    const client = await connect(t.feedUrl(), { autoPong: false });
    await advanceInSteps(t, 40_000, 10_000);
    expect(client.closeCode).toBeNull();
    expect(client.pings).toBe(4);
    await advanceInSteps(t, 10_000, 10_000);
    expect(await client.waitForClose()).toBe(1006);
    expect(t.sim.market.stats().feed.totals.pongTimeouts).toBe(1);
  });
});

describe('market hours', () => {
  it('after the IST close sends one packet per instrument on subscribe, with the day close, then silence', async () => {
    t = await startTestSim({ marketHours: 'ist', ticksPerSecond: 1000 }, istEpochMs(TRADING_DATE, 16 * 60));
    expect(t.sim.market.isOpen()).toBe(false);
    const { ce } = atmNifty();
    const client = await connect();
    client.subscribe(REQUEST_CODE.SUBSCRIBE_QUOTE, [{ segment: 'NSE_FNO', securityId: ce }]);
    await client.waitForFrames(3);
    const quote = client.packets().find((p) => p.kind === 'quote')!;
    if (quote.kind !== 'quote') throw new Error('no quote');
    expect(quote.close).toBe(quote.ltp);
    await advanceInSteps(t, 5000, 1000);
    expect(kinds(client.packets())).toEqual(['prev-close', 'quote', 'oi']);
  });

  it('trades during the IST session', async () => {
    t = await startTestSim({ marketHours: 'ist', ticksPerSecond: 1000 }, istEpochMs(TRADING_DATE, 11 * 60));
    const client = await connect();
    client.subscribe(REQUEST_CODE.SUBSCRIBE_TICKER, [{ segment: 'IDX_I', securityId: 13 }]);
    await client.waitForFrames(2);
    await advanceInSteps(t, 1000, 500);
    await until(() => client.frames.length > 2);
    expect(decodeFrame(client.frames.at(-1)!).packets[0]!.kind).toBe('ticker');
  });
});
