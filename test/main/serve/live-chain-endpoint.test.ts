import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundPrice } from '../../../src/shared/format/price';
import { ERROR_CATALOG } from '../../../src/shared/errors/error-catalog';
import type { LiveChainBody } from '../../../src/main/serve/live-chain-endpoint';
import { bearer, get, startRig, waitFor, type Rig } from './serve-fixture';

const LIVE = '/api/v2/options/live';

describe('GET /api/v2/options/live with the simulator market', () => {
  let rig: Rig;
  let nowMs = 0;
  let expiry = '';

  beforeAll(async () => {
    rig = await startRig({ serverClock: { nowMs: () => nowMs } });
    const state = rig.runtime.engine.appState();
    expiry = state.defaultSelection?.expiry ?? '';
    // The first query opens the chain and asks DhanHQ (the simulator) for its REST snapshot.
    rig.runtime.engine.chainNow({ underlying: 'NIFTY', expiry });
    await waitFor(() => rig.runtime.engine.chainNow({ underlying: 'NIFTY', expiry }).view.allRows().every((r) => r.ce?.ltp != null && r.pe?.ltp != null), 'the chain to fill');
  });
  afterAll(() => rig.close());

  it('answers every strike with the simulator’s own ltp, oi, volume, bid and ask', async () => {
    nowMs = Date.now() + 5_000;
    const reply = await get(rig.href(`${LIVE}?underlying=NIFTY&expiry=${expiry}`), bearer(rig));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const body = reply.json() as LiveChainBody;
    const listing = rig.sim.market.skeleton().underlyings.find((u) => u.symbol === 'NIFTY')?.expiries.find((e) => e.expiry === expiry);
    expect(listing).toBeDefined();
    expect(body.underlying).toBe('NIFTY');
    expect(body.expiry).toBe(expiry);
    expect(Object.keys(body.strikes)).toEqual(listing?.strikes.map((s) => String(s.strike)));
    const segment = 'NSE_FNO' as const;
    for (const strike of listing?.strikes ?? []) {
      for (const [side, id] of [['CE', strike.ceSecurityId], ['PE', strike.peSecurityId]] as const) {
        const quote = rig.sim.market.quote(segment, id);
        expect(quote, `${strike.strike} ${side}`).not.toBeNull();
        const got = body.strikes[String(strike.strike)]?.[side];
        expect({ strike: strike.strike, side, ...got, iv: undefined, ageMs: undefined }).toEqual({
          strike: strike.strike,
          side,
          ltp: roundPrice(quote?.ltp),
          oi: quote?.oi,
          volume: quote?.volume,
          bid: roundPrice(quote?.bid),
          ask: roundPrice(quote?.ask),
          iv: undefined,
          ageMs: undefined,
        });
      }
    }
  });

  it('stamps each side with its age, the newest update as asOf, and carries our IV and the spot', async () => {
    nowMs = Date.now() + 5_000;
    const reply = await get(rig.href(`${LIVE}?underlying=NIFTY&expiry=${expiry}`), bearer(rig));
    const body = reply.json() as LiveChainBody;
    const { view } = rig.runtime.engine.chainNow({ underlying: 'NIFTY', expiry });
    const rows = view.allRows();
    const newest = Math.max(...rows.flatMap((r) => [r.ce?.updatedAtMs ?? 0, r.pe?.updatedAtMs ?? 0]));
    expect(body.asOf).toBe(new Date(newest).toISOString());
    expect(body.spot).toBe(roundPrice(rig.sim.market.spot('NIFTY')));
    for (const row of rows) {
      const entry = body.strikes[String(row.strike)];
      expect(entry?.CE?.ageMs).toBe(nowMs - (row.ce?.updatedAtMs ?? Number.NaN));
      expect(entry?.PE?.ageMs).toBe(nowMs - (row.pe?.updatedAtMs ?? Number.NaN));
      expect(entry?.CE?.iv).toBe(row.ce?.iv);
      expect(entry?.PE?.iv).toBe(row.pe?.iv);
    }
    expect(rows.some((r) => typeof r.ce?.iv === 'number')).toBe(true);
  });

  it('answers 404 CHAIN_UNKNOWN_EXPIRY for an expiry the instrument master does not list', async () => {
    const reply = await get(rig.href(`${LIVE}?underlying=NIFTY&expiry=1999-01-01`), bearer(rig));
    expect(reply.status).toBe(404);
    expect(reply.json()).toEqual({
      code: 'CHAIN_UNKNOWN_EXPIRY',
      message: 'NIFTY has no 1999-01-01 expiry in the instrument master.',
      remedy: ERROR_CATALOG.CHAIN_UNKNOWN_EXPIRY.remedy,
    });
  });

  it('answers 404 CHAIN_UNKNOWN_UNDERLYING for an underlying the instrument master does not list', async () => {
    const reply = await get(rig.href(`${LIVE}?underlying=NOSUCHINDEX&expiry=${expiry}`), bearer(rig));
    expect(reply.status).toBe(404);
    expect(reply.json()).toEqual({
      code: 'CHAIN_UNKNOWN_UNDERLYING',
      message: 'NOSUCHINDEX is not in the instrument master.',
      remedy: ERROR_CATALOG.CHAIN_UNKNOWN_UNDERLYING.remedy,
    });
  });

  it.each([
    ['no parameters', ''],
    ['no expiry', '?underlying=NIFTY'],
    ['no underlying', '?expiry=2025-10-07'],
    ['an expiry that is not a date', '?underlying=NIFTY&expiry=next-week'],
    ['two underlyings', '?underlying=NIFTY&underlying=BANKNIFTY&expiry=2025-10-07'],
  ])('answers 400 API_BAD_REQUEST for %s', async (_name, query) => {
    const reply = await get(rig.href(`${LIVE}${query}`), bearer(rig));
    expect(reply.status).toBe(400);
    const body = reply.json() as { code: string; remedy: string; message: string };
    expect(body.code).toBe('API_BAD_REQUEST');
    expect(body.remedy).toBe(ERROR_CATALOG.API_BAD_REQUEST.remedy);
    expect(body.message.length).toBeGreaterThan(10);
  });

  it('answers 401 API_UNAUTHORIZED without the key', async () => {
    const reply = await get(rig.href(`${LIVE}?underlying=NIFTY&expiry=${expiry}`));
    expect(reply.status).toBe(401);
    expect(reply.json()).toEqual({
      code: 'API_UNAUTHORIZED',
      message: 'A valid access key is required.',
      remedy: ERROR_CATALOG.API_UNAUTHORIZED.remedy,
    });
  });

  it('answers 403 API_FORBIDDEN to a request from another origin, even with the key', async () => {
    const reply = await get(rig.href(`${LIVE}?underlying=NIFTY&expiry=${expiry}`), { ...bearer(rig), origin: 'https://evil.example' });
    expect(reply.status).toBe(403);
    expect((reply.json() as { code: string }).code).toBe('API_FORBIDDEN');
  });
});

describe('GET /api/v2/options/live while credentials are missing', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({ credentials: 'missing' });
  });
  afterAll(() => rig.close());

  it('answers 503 with CRED_MISSING, its message and its remedy', async () => {
    const expiry = rig.runtime.engine.appState().defaultSelection?.expiry ?? '';
    const reply = await get(rig.href(`${LIVE}?underlying=NIFTY&expiry=${expiry}`), bearer(rig));
    expect(reply.status).toBe(503);
    expect(reply.headers.get('retry-after')).toBe('5');
    const problem = rig.runtime.engine.appState().problems.find((p) => p.code === 'CRED_MISSING');
    expect(problem).toBeDefined();
    expect(reply.json()).toEqual({ code: 'CRED_MISSING', message: problem?.message, remedy: ERROR_CATALOG.CRED_MISSING.remedy });
  });
});
