import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/shared/util/clock';
import { DEMO_CLIENT_ID, jwtExpiryMs, makeDemoToken, startSimulator } from '../../src/sim';
import { ControlEndpoint } from '../../src/sim/control/control-endpoint';
import { FeedClient } from './helpers/feed-client';
import { startTestSim, TEN_AM_IST, type TestSim } from './helpers/sim-fixture';

let t: TestSim | null = null;
const clients: FeedClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await t?.sim.close();
  t = null;
});

async function control(path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${t!.sim.controlUrl}${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('loopback control endpoint', () => {
  it('triggers a feed disconnect that a plain ws client observes', async () => {
    t = await startTestSim();
    const client = await FeedClient.connect(t.feedUrl());
    clients.push(client);
    expect(await control('/fault', { action: 'disconnect', code: 806 })).toEqual({ status: 200, json: { ok: true, result: { affected: 1 } } });
    expect(await client.waitForClose()).toBe(1000);
    expect(client.packets()).toEqual([{ kind: 'disconnect', segment: 0, securityId: 0, reason: 806 }]);
  });

  it('sets a REST fault, shows it in the state, and resets it', async () => {
    t = await startTestSim();
    expect((await control('/fault', { action: 'rest', fault: { kind: 'html', endpoint: 'profile' } })).status).toBe(200);
    expect((await fetch(`${t.sim.apiUrl}/profile`, { headers: t.headers() })).headers.get('content-type')).toBe('text/html');
    const state = await control('/state');
    expect(state.json.faults).toMatchObject({ rest: { kind: 'html', endpoint: 'profile', remaining: null } });
    expect((state.json.stats as { rest: { faulted: number } }).rest.faulted).toBe(1);
    expect(await control('/reset', {})).toEqual({ status: 200, json: { ok: true } });
    expect((await fetch(`${t.sim.apiUrl}/profile`, { headers: t.headers() })).status).toBe(200);
  });

  it('renews the token and expires it on request', async () => {
    t = await startTestSim();
    const renewed = await control('/fault', { action: 'renew-token' });
    const token = (renewed.json.result as { token: string }).token;
    expect(t.sim.accessToken).toBe(token);
    expect(await control('/fault', { action: 'expire-token', inMs: 0 })).toEqual({ status: 200, json: { ok: true, result: { expiresAtMs: TEN_AM_IST } } });
    expect((await fetch(`${t.sim.apiUrl}/profile`, { headers: t.headers() })).status).toBe(401);
  });

  it('refuses malformed control requests with 400 and a reason', async () => {
    t = await startTestSim();
    const bad = await control('/fault', { action: 'disconnect', code: 'soon' });
    expect(bad.status).toBe(400);
    expect(bad.json.ok).toBe(false);
    expect(String(bad.json.error)).toContain('code');
    expect((await control('/fault', { action: 'explode' })).status).toBe(400);
  });

  it('refuses callers that are not on loopback', () => {
    const endpoint = new ControlEndpoint({} as never, new ManualClock(0), () => ({}));
    expect(endpoint.handle('GET', '/control/state', '10.0.0.5', '')).toEqual({ status: 403, body: { ok: false, error: 'control is loopback-only' } });
  });
});

describe('demo credentials', () => {
  it('issues a JWT with dhanClientId and an exp 24 h after iat', () => {
    const token = makeDemoToken('1100000001', 1_759_725_000_000);
    const [head, payload, signature] = token.split('.');
    expect(JSON.parse(Buffer.from(head!, 'base64url').toString())).toEqual({ typ: 'JWT', alg: 'HS512' });
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toMatchObject({
      iss: 'dhan',
      iat: 1_759_725_000,
      exp: 1_759_725_000 + 86_400,
      dhanClientId: '1100000001',
      tokenConsumerType: 'SELF',
    });
    expect(signature!.length).toBeGreaterThan(0);
    expect(jwtExpiryMs(token)).toBe((1_759_725_000 + 86_400) * 1000);
    expect(jwtExpiryMs('not-a-jwt')).toBeNull();
  });

  it('hands out an env pointing at itself with the demo credentials', async () => {
    t = await startTestSim();
    expect(t.sim.env()).toEqual({
      DHAN_API_URL: `http://127.0.0.1:${t.sim.port}/v2`,
      DHAN_FEED_URL: `ws://127.0.0.1:${t.sim.port}/`,
      DHAN_SCRIP_MASTER_URL: `http://127.0.0.1:${t.sim.port}/api-data/api-scrip-master-detailed.csv`,
      DHAN_CLIENT_ID: DEMO_CLIENT_ID,
      DHAN_ACCESS_TOKEN: makeDemoToken(DEMO_CLIENT_ID, TEN_AM_IST),
    });
  });

  it('refuses a non-loopback host and a busy port with stable codes', async () => {
    await expect(startSimulator({ host: '0.0.0.0' })).rejects.toMatchObject({ code: 'SIM_INVALID_OPTIONS' });
    t = await startTestSim();
    await expect(startSimulator({ port: t.sim.port, clock: new ManualClock(TEN_AM_IST) })).rejects.toMatchObject({ code: 'SIM_START_FAILED' });
  });
});
