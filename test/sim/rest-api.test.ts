import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { black76ImpliedVol } from '../../src/sim/pricing/black76';
import { expiryEpochMs } from '../../src/sim/util/ist-time';
import { postJson, startTestSim, type TestSim } from './helpers/sim-fixture';

const NIFTY = { UnderlyingScrip: 13, UnderlyingSeg: 'IDX_I' };
const SIDE_KEYS = [
  'average_price',
  'greeks',
  'implied_volatility',
  'last_price',
  'oi',
  'previous_close_price',
  'previous_oi',
  'previous_volume',
  'security_id',
  'top_ask_price',
  'top_ask_quantity',
  'top_bid_price',
  'top_bid_quantity',
  'volume',
];

interface Side {
  last_price: number;
  top_bid_price: number;
  top_ask_price: number;
  implied_volatility: number;
  security_id?: number;
  [key: string]: unknown;
}
interface Chain {
  data: { last_price: number; oc: Record<string, { ce: Side; pe: Side }> };
  status: string;
}

let t: TestSim;
beforeEach(async () => {
  t = await startTestSim();
});
afterEach(async () => {
  await t.sim.close();
});

describe('GET /v2/profile', () => {
  it('answers the documented profile fields with the token validity in IST', async () => {
    const response = await fetch(`${t.sim.apiUrl}/profile`, { headers: t.headers() });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      dhanClientId: '1100000001',
      tokenValidity: '07/10/2025 10:00',
      activeSegment: 'Equity, Derivative, Currency, Commodity',
      ddpi: 'Active',
      mtf: 'Active',
      dataPlan: 'Active',
      dataValidity: '2026-10-06 23:59:59.0',
    });
  });

  it('answers 401 DH-901 in the trading envelope for a bad token', async () => {
    const response = await fetch(`${t.sim.apiUrl}/profile`, { headers: { 'access-token': 'nope', 'client-id': t.sim.clientId } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      errorType: 'Invalid_Authentication',
      errorCode: 'DH-901',
      errorMessage: 'Client ID or user generated access token is invalid or expired.',
    });
  });
});

describe('POST /v2/optionchain/expirylist', () => {
  it('lists the underlying expiries ascending', async () => {
    const { status, json } = await postJson(t, '/optionchain/expirylist', NIFTY);
    expect(status).toBe(200);
    expect(json).toEqual({
      data: t.sim.market.skeleton().underlyings[0]!.expiries.map((e) => e.expiry),
      status: 'success',
    });
    expect((json as { data: string[] }).data.slice(0, 4)).toEqual(['2025-10-07', '2025-10-14', '2025-10-21', '2025-10-28']);
  });
});

describe('POST /v2/optionchain', () => {
  it('answers strikes keyed with six decimals, each side with every documented field', async () => {
    const { status, json } = await postJson(t, '/optionchain', { ...NIFTY, Expiry: '2025-10-07' });
    expect(status).toBe(200);
    const chain = json as Chain;
    expect(chain.status).toBe('success');
    const keys = Object.keys(chain.data.oc);
    expect(keys).toHaveLength(301);
    expect(keys.every((k) => /^\d+\.000000$/.test(k))).toBe(true);
    const listed = t.sim.market.skeleton().underlyings[0]!.expiries[0]!.strikes;
    expect(keys.map(Number)).toEqual(listed.map((s) => s.strike));
    const first = chain.data.oc[keys[0]!]!;
    expect(Object.keys(first.ce).sort()).toEqual(SIDE_KEYS);
    expect(Object.keys(first.pe).sort()).toEqual(SIDE_KEYS);
    expect(first.ce.security_id).toBe(listed[0]!.ceSecurityId);
    expect(first.pe.security_id).toBe(listed[0]!.peSecurityId);
    expect(Object.keys(first.ce.greeks as object)).toEqual(['delta', 'theta', 'gamma', 'vega']);
    // The underlying's price travels as float32, as DhanHQ's does.
    expect(chain.data.last_price).toBe(Math.fround(t.sim.market.quote('IDX_I', 13)!.ltp));
  });

  it('omits security_id and average_price like the January 2025 server when asked', async () => {
    await t.sim.close();
    t = await startTestSim({ legacyChainFields: true });
    const chain = (await postJson(t, '/optionchain', { ...NIFTY, Expiry: '2025-10-07' })).json as Chain;
    const side = Object.values(chain.data.oc)[0]!.ce;
    expect(Object.keys(side).sort()).toEqual(SIDE_KEYS.filter((k) => k !== 'security_id' && k !== 'average_price'));
  });

  it('holds put-call parity within the spread and gives call and put one IV near the money', async () => {
    for (const expiry of ['2025-10-07', '2025-10-28', '2025-12-30']) {
      const chain = (await postJson(t, '/optionchain', { ...NIFTY, Expiry: expiry })).json as Chain;
      const spot = chain.data.last_price;
      const years = (expiryEpochMs(expiry) - t.clock.nowMs()) / (365 * 86_400_000);
      const mid = (s: Side): number => (s.top_bid_price + s.top_ask_price) / 2;
      const halfSpread = (s: Side): number => (s.top_ask_price - s.top_bid_price) / 2;
      const near = Object.entries(chain.data.oc)
        .map(([k, v]) => ({ strike: Number(k), ...v }))
        .filter((row) => Math.abs(row.strike / spot - 1) < 0.02);
      expect(near.length).toBeGreaterThanOrEqual(9);
      const atm = near.reduce((best, row) => (Math.abs(mid(row.ce) - mid(row.pe)) < Math.abs(mid(best.ce) - mid(best.pe)) ? row : best));
      const forward = atm.strike + mid(atm.ce) - mid(atm.pe);
      for (const row of near) {
        const parityGap = Math.abs(mid(row.ce) - mid(row.pe) - (forward - row.strike));
        expect(parityGap).toBeLessThanOrEqual(halfSpread(row.ce) + halfSpread(row.pe) + halfSpread(atm.ce) + halfSpread(atm.pe) + 1e-9);
        const callIv = black76ImpliedVol('call', mid(row.ce), { forward, strike: row.strike, years })!;
        const putIv = black76ImpliedVol('put', mid(row.pe), { forward, strike: row.strike, years })!;
        expect(Math.abs(callIv - putIv) * 100).toBeLessThan(0.5);
        expect(Math.abs(callIv * 100 - row.ce.implied_volatility)).toBeLessThan(0.5);
        for (const side of [row.ce, row.pe]) {
          expect(side.top_bid_price).toBeLessThanOrEqual(side.last_price);
          expect(side.last_price).toBeLessThanOrEqual(side.top_ask_price);
          expect(Math.round(side.last_price * 100) % 5).toBe(0); // on the ₹0.05 grid
        }
      }
    }
  });

  it('answers data-API errors: 808 bad token, 807 expired token, 810 missing client id', async () => {
    const body = { ...NIFTY, Expiry: '2025-10-07' };
    const bad = await postJson(t, '/optionchain', body, { ...t.headers(), 'access-token': 'not-a-token' });
    expect([bad.status, bad.json]).toEqual([401, { data: { 808: 'Authentication Failed - Client ID or Access Token invalid' }, status: 'failed' }]);
    const noClient = await postJson(t, '/optionchain', body, { 'access-token': t.sim.accessToken, 'content-type': 'application/json' });
    expect([noClient.status, noClient.json]).toEqual([401, { data: { 810: 'Client ID is invalid' }, status: 'failed' }]);
    t.sim.faults.expireTokenNow();
    const expired = await postJson(t, '/optionchain', body);
    expect([expired.status, expired.json]).toEqual([401, { data: { 807: 'Access token is expired' }, status: 'failed' }]);
    const profile = await fetch(`${t.sim.apiUrl}/profile`, { headers: t.headers() });
    expect(profile.status).toBe(401);
    expect(((await profile.json()) as { errorCode: string }).errorCode).toBe('DH-901');
  });

  it('validates requests: 814 not JSON, 813 unknown underlying, 812 bad date, 811 unlisted expiry', async () => {
    const raw = await fetch(`${t.sim.apiUrl}/optionchain`, { method: 'POST', headers: t.headers(), body: '{nope' });
    expect([raw.status, await raw.json()]).toEqual([400, { data: { 814: 'Invalid Request' }, status: 'failed' }]);
    const cases: [unknown, number, number][] = [
      [{ UnderlyingScrip: 999, UnderlyingSeg: 'IDX_I', Expiry: '2025-10-07' }, 400, 813],
      [{ ...NIFTY, UnderlyingSeg: 'NSE_FNO', Expiry: '2025-10-07' }, 400, 813],
      [{ ...NIFTY, Expiry: '07-10-2025' }, 400, 812],
      [{ ...NIFTY, Expiry: '2025-10-08' }, 400, 811],
      [{ ...NIFTY }, 400, 814],
    ];
    for (const [body, status, code] of cases) {
      const answer = await postJson(t, '/optionchain', body);
      expect([answer.status, Object.keys((answer.json as { data: object }).data)]).toEqual([status, [String(code)]]);
    }
  });

  it('answers unknown paths and methods with Spring-style bodies', async () => {
    const missing = await fetch(`${t.sim.apiUrl}/marketfeed/nothing`, { headers: t.headers() });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ timestamp: new Date(t.clock.nowMs()).toISOString(), status: 404, error: 'Not Found', path: '/v2/marketfeed/nothing' });
    const wrongMethod = await fetch(`${t.sim.apiUrl}/optionchain`, { headers: t.headers() });
    expect(wrongMethod.status).toBe(405);
  });
});

describe('3-second pacing per unique request', () => {
  it('answers a repeat within 3 s with 429 DH-904, lets other requests through, and admits it again after 3 s', async () => {
    const body = { ...NIFTY, Expiry: '2025-10-07' };
    expect((await postJson(t, '/optionchain', body)).status).toBe(200);
    const repeat = await postJson(t, '/optionchain', body);
    expect([repeat.status, repeat.json]).toEqual([
      429,
      { errorType: 'Input_Exception', errorCode: 'DH-904', errorMessage: 'Too many requests on server from single user breaching rate limits. Try throttling API calls.' },
    ]);
    expect((await postJson(t, '/optionchain', { ...NIFTY, Expiry: '2025-10-14' })).status).toBe(200);
    expect((await postJson(t, '/optionchain/expirylist', NIFTY)).status).toBe(200);
    t.clock.advance(2999);
    expect((await postJson(t, '/optionchain', body)).status).toBe(429);
    t.clock.advance(1);
    expect((await postJson(t, '/optionchain', body)).status).toBe(200);
    expect(t.sim.market.stats().rest.rateLimited).toBe(2);
  });

  it('can answer pacing violations with the 805 data envelope instead', async () => {
    await t.sim.close();
    t = await startTestSim({ pacingAnswer: 'data-805' });
    await postJson(t, '/optionchain/expirylist', NIFTY);
    const repeat = await postJson(t, '/optionchain/expirylist', NIFTY);
    expect([repeat.status, repeat.json]).toEqual([
      429,
      { data: { 805: 'Too many requests or connections. Further requests may result in the user being blocked.' }, status: 'failed' },
    ]);
  });
});

describe('scrip master files', () => {
  it('serves the detailed file at scripMasterUrl and the compact one beside it', async () => {
    const detailed = await fetch(t.sim.scripMasterUrl);
    expect(detailed.status).toBe(200);
    expect(detailed.headers.get('content-type')).toBe('text/csv');
    expect((await detailed.text()).startsWith('EXCH_ID,SEGMENT,SECURITY_ID,')).toBe(true);
    const compact = await fetch(t.sim.scripMasterUrl.replace('-detailed', ''));
    expect((await compact.text()).startsWith('SEM_EXM_EXCH_ID,SEM_SEGMENT,')).toBe(true);
    expect(t.sim.env().DHAN_SCRIP_MASTER_URL).toBe(`http://127.0.0.1:${t.sim.port}/api-data/api-scrip-master-detailed.csv`);
  });
});
