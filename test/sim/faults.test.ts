import { afterEach, describe, expect, it } from 'vitest';
import { decodeFrame } from '../../src/shared/feed/feed-packets';
import { REQUEST_CODE } from '../../src/shared/feed/feed-layout';
import type { RestFault } from '../../src/sim';
import { FeedClient, HandshakeRefused } from './helpers/feed-client';
import { advanceInSteps, postJson, settle, startTestSim, until, type TestSim } from './helpers/sim-fixture';

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

const NIFTY_CHAIN = { UnderlyingScrip: 13, UnderlyingSeg: 'IDX_I', Expiry: '2025-10-07' };

function firstCall(): number {
  return t.sim.market.skeleton().underlyings[0]!.expiries[0]!.strikes[150]!.ceSecurityId;
}

describe('feed faults', () => {
  it('disconnects with any 8xx code: a disconnect packet, then a close', async () => {
    t = await startTestSim();
    for (const code of [800, 804, 805, 806, 807, 808, 809, 810]) {
      const client = await connect();
      expect(t.sim.faults.disconnect(code)).toBe(1);
      expect(await client.waitForClose()).toBe(1000);
      expect(client.packets()).toEqual([{ kind: 'disconnect', segment: 0, securityId: 0, reason: code }]);
    }
  });

  it('drops the TCP connection without a close frame', async () => {
    t = await startTestSim();
    const client = await connect();
    expect(t.sim.faults.drop('oldest')).toBe(1);
    expect(await client.waitForClose()).toBe(1006);
    expect(client.frames).toHaveLength(0);
    expect(t.sim.market.stats().feed.connections[0]!.closeReason).toBe('dropped');
  });

  it('stays connected but silent: no data, pings go on, data resumes when cleared', async () => {
    t = await startTestSim({ ticksPerSecond: 1000 });
    t.sim.faults.setSilent(true);
    const client = await connect();
    client.subscribe(REQUEST_CODE.SUBSCRIBE_TICKER, [{ segment: 'IDX_I', securityId: 13 }]);
    await until(() => t.sim.market.stats().feed.connections[0]!.instruments === 1);
    await advanceInSteps(t, 20_000, 5000);
    expect([client.frames.length, client.pings, client.closeCode]).toEqual([0, 2, null]);
    t.sim.faults.setSilent(false);
    await advanceInSteps(t, 500, 500);
    await until(() => client.frames.length > 0);
    expect(decodeFrame(client.frames[0]!).packets[0]!.kind).toBe('ticker');
  });

  it('stops answering client pings and stops checking pongs, until restored', async () => {
    t = await startTestSim();
    t.sim.faults.setAnswerPings(false);
    const client = await connect(t.feedUrl(), { autoPong: false });
    client.ws.ping();
    await advanceInSteps(t, 60_000, 10_000);
    expect([client.pongs, client.pings, client.closeCode]).toEqual([0, 6, null]);
    t.sim.faults.setAnswerPings(true);
    client.ws.ping();
    await until(() => client.pongs === 1);
  });

  it('stops pinging when server pings are off', async () => {
    t = await startTestSim();
    t.sim.faults.setServerPings(false);
    const client = await connect(t.feedUrl(), { autoPong: false });
    await advanceInSteps(t, 60_000, 10_000);
    expect([client.pings, client.closeCode]).toEqual([0, null]);
  });

  it('answers handshakes with 429 for the given count, and with 401 until reset', async () => {
    t = await startTestSim();
    t.sim.faults.rejectHandshakes(429, 2);
    await expect(FeedClient.connect(t.feedUrl())).rejects.toEqual(new HandshakeRefused(429));
    await expect(FeedClient.connect(t.feedUrl())).rejects.toEqual(new HandshakeRefused(429));
    (await connect()).close();
    t.sim.faults.rejectHandshakes(401);
    await expect(FeedClient.connect(t.feedUrl())).rejects.toEqual(new HandshakeRefused(401));
    expect(t.sim.faults.state().handshake).toEqual({ status: 401, remaining: null });
    t.sim.faults.reset();
    await connect();
  });

  it('sends truncated, bad-length, short, unknown-code and concatenated frames that a decoder flags', async () => {
    t = await startTestSim();
    const client = await connect();
    const ce = firstCall();
    client.subscribe(REQUEST_CODE.SUBSCRIBE_TICKER, [{ segment: 'NSE_FNO', securityId: ce }]);
    await client.waitForFrames(2);
    for (const kind of ['truncated', 'bad-length', 'length-mismatch', 'unknown-code', 'concatenated'] as const) {
      expect(t.sim.faults.sendMalformed(kind)).toBe(1);
    }
    await client.waitForFrames(7);
    const decoded = client.frames.slice(2).map((f) => decodeFrame(f));
    expect(decoded.map((d) => [d.rejections.map((r) => r.error), d.packets.map((p) => p.kind)])).toEqual([
      [['CODEC_TRUNCATED'], []],
      [['CODEC_BAD_LENGTH'], []],
      [['CODEC_LENGTH_MISMATCH'], []],
      [['CODEC_UNKNOWN_CODE'], ['ticker']],
      [[], ['prev-close', 'ticker', 'oi']],
    ]);
    expect(client.frames[2]!.length).toBe(100);
    expect(decoded.flatMap((d) => d.packets).every((p) => p.securityId === ce)).toBe(true);
  });

  it('packs several packets per frame when asked', async () => {
    t = await startTestSim();
    t.sim.faults.setPacketsPerFrame(3);
    const client = await connect();
    const { strikes } = t.sim.market.skeleton().underlyings[0]!.expiries[0]!;
    client.subscribe(REQUEST_CODE.SUBSCRIBE_FULL, strikes.slice(0, 3).map((s) => ({ segment: 'NSE_FNO', securityId: s.ceSecurityId })));
    await client.waitForFrames(2);
    await settle();
    expect(client.frames.map((f) => decodeFrame(f).packets.map((p) => p.kind))).toEqual([
      ['prev-close', 'full', 'prev-close'],
      ['full', 'prev-close', 'full'],
    ]);
  });

  it('expires the token at a set moment: feed 807, REST 807 / DH-901, then resumes with a new token', async () => {
    t = await startTestSim();
    const oldToken = t.sim.accessToken;
    const client = await connect();
    t.sim.faults.expireTokenAt(t.clock.nowMs() + 5000);
    await advanceInSteps(t, 4000, 4000);
    expect(client.closeCode).toBeNull();
    await advanceInSteps(t, 1000, 1000);
    expect(await client.waitForClose()).toBe(1000);
    expect(client.packets()).toEqual([{ kind: 'disconnect', segment: 0, securityId: 0, reason: 807 }]);
    expect((await postJson(t, '/optionchain', NIFTY_CHAIN)).json).toEqual({ data: { 807: 'Access token is expired' }, status: 'failed' });
    expect((await fetch(`${t.sim.apiUrl}/profile`, { headers: t.headers() })).status).toBe(401);
    const late = await connect();
    expect(await late.waitForClose()).toBe(1000);
    expect(late.packets()).toEqual([{ kind: 'disconnect', segment: 0, securityId: 0, reason: 807 }]);

    const fresh = t.sim.faults.renewToken();
    expect(fresh).not.toBe(oldToken);
    expect(t.sim.accessToken).toBe(fresh);
    expect((await postJson(t, '/optionchain', NIFTY_CHAIN)).status).toBe(200);
    const resumed = await connect(t.feedUrl(fresh));
    resumed.subscribe(REQUEST_CODE.SUBSCRIBE_TICKER, [{ segment: 'IDX_I', securityId: 13 }]);
    await resumed.waitForFrames(2);
    expect((await postJson(t, '/optionchain/expirylist', { UnderlyingScrip: 13, UnderlyingSeg: 'IDX_I' }, { ...t.headers(), 'access-token': oldToken })).status).toBe(401);
    expect(t.sim.faults.history().map((e) => e.action)).toEqual(['expire-token-at', 'token-expired', 'set-valid-token']);
  });
});

describe('REST faults', () => {
  const cases: [RestFault, number, string, unknown][] = [
    [{ kind: 'auth-invalid' }, 401, 'application/json', { errorType: 'Invalid_Authentication', errorCode: 'DH-901', errorMessage: 'Client ID or user generated access token is invalid or expired.' }],
    [{ kind: 'no-data-plan' }, 401, 'application/json', { data: { 806: 'Data APIs not Subscribed' }, status: 'failed' }],
    [{ kind: 'no-data-plan', httpStatus: 200 }, 200, 'application/json', { data: { 806: 'Data APIs not Subscribed' }, status: 'failed' }],
    [{ kind: 'no-data-plan', envelope: 'trading' }, 403, 'application/json', { errorType: 'Invalid_Access', errorCode: 'DH-902', errorMessage: 'User has not subscribed to Data APIs or does not have access to Trading APIs.' }],
    [{ kind: 'rate-limited' }, 429, 'application/json', { errorType: 'Input_Exception', errorCode: 'DH-904', errorMessage: 'Too many requests on server from single user breaching rate limits. Try throttling API calls.' }],
    [{ kind: 'server-error' }, 500, 'application/json', { errorCode: 'INTERNAL_SERVER_ERROR', httpStatus: 'INTERNAL_SERVER_ERROR', internalErrorCode: 'RS-9005', internalErrorMessage: 'Something went wrong. Please try again later.' }],
  ];

  it.each(cases)('answers %j with its status and envelope', async (fault, status, type, body) => {
    t = await startTestSim();
    t.sim.faults.setRestFault(fault);
    const response = await fetch(`${t.sim.apiUrl}/optionchain`, { method: 'POST', headers: t.headers(), body: JSON.stringify(NIFTY_CHAIN) });
    expect([response.status, response.headers.get('content-type'), await response.json()]).toEqual([status, type, body]);
  });

  it('answers with an HTML page when asked', async () => {
    t = await startTestSim();
    t.sim.faults.setRestFault({ kind: 'html', endpoint: 'optionchain' });
    const response = await fetch(`${t.sim.apiUrl}/optionchain`, { method: 'POST', headers: t.headers(), body: JSON.stringify(NIFTY_CHAIN) });
    expect([response.status, response.headers.get('content-type')]).toEqual([401, 'text/html']);
    expect(await response.text()).toContain('<title>401 Authorization Required</title>');
  });

  it('limits a fault to one endpoint and to a number of answers', async () => {
    t = await startTestSim();
    t.sim.faults.setRestFault({ kind: 'server-error', endpoint: 'expirylist', times: 1 });
    expect((await fetch(`${t.sim.apiUrl}/profile`, { headers: t.headers() })).status).toBe(200);
    const body = { UnderlyingScrip: 13, UnderlyingSeg: 'IDX_I' };
    expect((await postJson(t, '/optionchain/expirylist', body)).status).toBe(500);
    expect((await postJson(t, '/optionchain/expirylist', body)).status).toBe(200);
    expect(t.sim.faults.state().rest).toBeNull();
  });

  it('shows dataPlan Deactive in the profile while a no-data-plan fault targets data endpoints', async () => {
    t = await startTestSim();
    t.sim.faults.setRestFault({ kind: 'no-data-plan', endpoint: 'optionchain' });
    const profile = (await (await fetch(`${t.sim.apiUrl}/profile`, { headers: t.headers() })).json()) as { dataPlan: string };
    expect(profile.dataPlan).toBe('Deactive');
  });

  it('hangs a request until the simulator closes, and close does not wait for it', async () => {
    t = await startTestSim();
    t.sim.faults.setRestFault({ kind: 'hang' });
    let outcome = 'pending';
    const request = fetch(`${t.sim.apiUrl}/profile`, { headers: t.headers() }).then(
      () => (outcome = 'answered'),
      () => (outcome = 'failed'),
    );
    await until(() => t.sim.market.stats().rest.faulted === 1);
    await settle(20);
    expect(outcome).toBe('pending');
    await t.sim.close();
    await request;
    expect(outcome).toBe('failed');
  });
});

describe('fault bookkeeping', () => {
  it('reports the active faults and clears them all on reset', async () => {
    t = await startTestSim();
    t.sim.faults.setSilent(true);
    t.sim.faults.setServerPings(false);
    t.sim.faults.setRestFault({ kind: 'rate-limited', times: 2 });
    expect(t.sim.faults.state()).toEqual({
      silent: true,
      serverPings: false,
      answerPings: true,
      packetsPerFrame: 1,
      handshake: null,
      rest: { kind: 'rate-limited', times: 2, remaining: 2 },
      tokenExpiresAtMs: t.clock.nowMs() + 86_400_000,
    });
    t.sim.faults.reset();
    expect(t.sim.faults.state()).toEqual({
      silent: false,
      serverPings: true,
      answerPings: true,
      packetsPerFrame: 1,
      handshake: null,
      rest: null,
      tokenExpiresAtMs: t.clock.nowMs() + 86_400_000,
    });
    expect(t.sim.faults.history().map((e) => [e.action, e.atMs])).toEqual([
      ['silent', t.clock.nowMs()],
      ['server-pings', t.clock.nowMs()],
      ['rest-fault', t.clock.nowMs()],
      ['reset', t.clock.nowMs()],
    ]);
  });
});
