import { afterEach, describe, expect, it } from 'vitest';
import type { ChainSnapshot, SideView } from '../../../src/shared/api/view-types';
import type { ApiResult } from '../../../src/shared/api/api-contract';
import { EXCHANGE_SEGMENT_CODE } from '../../../src/shared/feed/exchange-segment';
import { encodeTicker } from '../../../src/shared/feed/feed-encoder';
import { roundPrice } from '../../../src/shared/format/price';
import { ManualClock } from '../../../src/shared/util/clock';
import { ManualScheduler } from '../../../src/sim';
import { MemoryCredentialStore, startHarness, waitFor, type Harness } from '../../fixtures/engine-harness';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

function value<T>(result: ApiResult<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function openDefaultChain(h: Harness, strikeWindow = 0): Promise<ChainSnapshot> {
  const selection = h.runtime.engine.appState().defaultSelection;
  if (!selection) throw new Error('no default selection');
  return value<ChainSnapshot>(await h.session.invoke('selectChain', { ...selection, strikeWindow }));
}

describe('engine against the simulator: a healthy start', () => {
  it('verifies a skeleton whose counts equal what the simulator lists', async () => {
    harness = await startHarness();
    const state = harness.runtime.engine.appState();
    const listed = harness.sim.market.skeleton().counts;
    expect(state.skeleton?.counts).toEqual({
      underlyings: listed.underlyings,
      expiries: listed.expiries,
      strikes: listed.strikes,
      tokens: listed.options,
    });
    expect(state.skeleton?.underlyings.map((u) => u.symbol)).toEqual(['NIFTY', 'BANKNIFTY', 'FINNIFTY', 'MIDCPNIFTY', 'SENSEX', 'BANKEX']);
    expect(state.credentials).toMatchObject({ source: 'env', status: 'ok', dataPlan: 'Active' });
    expect(state.phase).toBe('ready');
    expect(state.progress.map((p) => [p.id, p.state])).toEqual([
      ['credentials', 'done'],
      ['master-download', 'done'],
      ['master-parse', 'done'],
      ['skeleton', 'done'],
      ['snapshot', 'pending'],
      ['feed', 'done'],
    ]);
    expect(state.defaultSelection).toEqual({ underlying: 'NIFTY', expiry: harness.sim.market.skeleton().underlyings[0]!.expiries[0]!.expiry, strikeWindow: 15 });
  });

  it('shows every contract of the chain at exactly the price the simulator holds', async () => {
    // The simulator's own clock and timers stand still, so its market does not move while the
    // engine (on real time) fetches and streams it.
    const simClock = new ManualClock(Date.now());
    harness = await startHarness({ sim: { ticksPerSecond: 0, clock: simClock, scheduler: new ManualScheduler(simClock) } });
    const h = harness;
    await openDefaultChain(h);
    const nifty = h.sim.market.skeleton().underlyings[0]!;
    const listed = nifty.expiries[0]!.strikes;
    // Wait until the REST snapshot has filled every contract.
    const rows = await waitFor(() => {
      const { view } = h.runtime.engine.chainNow({ underlying: 'NIFTY', expiry: nifty.expiries[0]!.expiry });
      const all = view.allRows();
      return all.every((r) => r.ce?.ltp !== null && r.pe?.ltp !== null) ? all : undefined;
    }, 10_000, 'the REST snapshot');
    expect(rows.map((r) => r.strike)).toEqual(listed.map((s) => s.strike));
    const expectSide = (side: SideView | null, securityId: number): void => {
      const q = h.sim.market.quote('NSE_FNO', securityId)!;
      expect(side).toMatchObject({
        securityId,
        ltp: roundPrice(q.ltp),
        prevClose: roundPrice(q.prevClose),
        oi: q.oi,
        prevOi: q.prevOi,
        volume: q.volume,
        bidPrice: roundPrice(q.bid),
        bidQty: q.bidQty,
        askPrice: roundPrice(q.ask),
        askQty: q.askQty,
      });
    };
    rows.forEach((row, i) => {
      expectSide(row.ce, listed[i]!.ceSecurityId);
      expectSide(row.pe, listed[i]!.peSecurityId);
    });
    const summary = h.runtime.engine.chainNow({ underlying: 'NIFTY', expiry: nifty.expiries[0]!.expiry }).view.summary();
    expect(summary.spot).toBe(roundPrice(h.sim.market.spot('NIFTY')));
  });

  it('sends a chain opened between two batches the ticks that arrived before its first batch', async () => {
    // The cache queues changes only for slots an open view watches, and the watch follows the
    // views at each batch: a tick for a chain opened since the last batch was not queued, so the
    // view must read its contracts again at its first batch for the row to go out.
    const simClock = new ManualClock(Date.now());
    harness = await startHarness({ sim: { ticksPerSecond: 0, clock: simClock, scheduler: new ManualScheduler(simClock) } });
    const h = harness;
    await openDefaultChain(h);
    const ingest = await waitFor(() => h.runtime.engine.feedIngest() ?? undefined, 10_000, 'the feed');
    const other = h.sim.market.skeleton().underlyings.find((u) => u.symbol !== 'NIFTY')!;
    const expiry = other.expiries[0]!;
    const engine = h.runtime.engine;
    engine.flush();
    // From the view's creation to the batch in one run of microtasks, so that no batch of the
    // engine's own timer falls in between.
    const opened = value<ChainSnapshot>(
      await h.session.invoke('selectChain', { underlying: other.symbol, expiry: expiry.expiry, strikeWindow: 5 }),
    );
    const strike = opened.rows[Math.floor(opened.rows.length / 2)]!;
    const segment = EXCHANGE_SEGMENT_CODE[other.derivativeSegment];
    ingest.onFrame(encodeTicker({ segment, securityId: strike.ce!.securityId, ltp: 4321.5, lttEpochS: 1_737_970_200 }));
    engine.flush();
    const batch = h.last('chainBatch');
    expect([batch?.underlying, batch?.rows.find((r) => r.strike === strike.strike)?.ce?.ltp]).toEqual([other.symbol, 4321.5]);
  });

  it('streams only changed rows after the snapshot, with IVs of call and put within 0.5 points near ATM', async () => {
    harness = await startHarness({ sim: { ticksPerSecond: 2_000 } });
    const h = harness;
    const snapshot = await openDefaultChain(h, 10);
    expect(snapshot.rows).toHaveLength(21);
    const batch = await waitFor(() => {
      const b = h.last('chainBatch');
      return b && b.rows.length > 0 && b.summary.atmStrike !== null ? b : undefined;
    }, 10_000, 'a chain batch');
    expect(batch.seq).toBeGreaterThan(snapshot.seq);
    expect(batch.rows.length).toBeLessThanOrEqual(21);
    await waitFor(() => h.runtime.engine.diagnostics().feed.state === 'live', 10_000, 'the feed to be live');
    const { view } = h.runtime.engine.chainNow({ underlying: batch.underlying, expiry: batch.expiry });
    const atm = batch.summary.atmStrike!;
    const near = view.allRows().filter((r) => Math.abs(r.strike - atm) <= 100 && r.ce?.iv !== null && r.pe?.iv !== null);
    expect(near.length).toBeGreaterThan(0);
    for (const row of near) expect(Math.abs(row.ce!.iv! - row.pe!.iv!)).toBeLessThan(0.5);
    const diagnostics = h.runtime.engine.diagnostics();
    expect(diagnostics.subscriptions.subscribed).toBe(diagnostics.subscriptions.planned);
    expect(diagnostics.feed.decodeErrorsTotal).toBe(0);
    expect([diagnostics.feed.decoding, diagnostics.feed.decodingSlowerBecause]).toEqual(['webassembly', null]);
  });
});

describe('engine against the simulator: credential statuses', () => {
  it('is missing, with the dialog reason on the chain, when no credentials exist anywhere', async () => {
    harness = await startHarness({ env: (e) => ({ ...e, DHAN_CLIENT_ID: undefined, DHAN_ACCESS_TOKEN: undefined }) });
    const state = harness.runtime.engine.appState();
    expect(state.credentials).toMatchObject({ source: 'none', status: 'missing' });
    expect(state.problems[0]?.code).toBe('CRED_MISSING');
    expect(state.phase).toBe('degraded');
    expect(state.progress.find((p) => p.id === 'feed')?.state).toBe('skipped');
    const snapshot = await openDefaultChain(harness);
    expect(snapshot.problem?.code).toBe('CRED_MISSING');
    expect(snapshot.problem?.remedy).toMatch(/^Open Credentials/);
    expect(harness.sim.market.stats().feed.connections).toHaveLength(0);
  });

  it('is invalid when DhanHQ rejects the token (DH-901)', async () => {
    harness = await startHarness({ env: (e) => ({ ...e, DHAN_ACCESS_TOKEN: 'not-a-valid-token-123' }) });
    const state = harness.runtime.engine.appState();
    expect(state.credentials.status).toBe('invalid');
    expect(state.problems.map((p) => p.code)).toContain('CRED_INVALID');
  });

  it('is no-data-plan, not invalid, when DhanHQ answers 806', async () => {
    harness = await startHarness({ env: (e) => ({ ...e, DHAN_CLIENT_ID: undefined }) });
    const h = harness;
    h.sim.faults.setRestFault({ kind: 'no-data-plan', endpoint: 'profile' });
    const result = await h.runtime.engine.testCredentials({ clientId: h.sim.clientId, accessToken: h.sim.accessToken });
    expect(result.status).toBe('no-data-plan');
    expect(result.remedy).toMatch(/^The token is valid, but live data needs the Data API subscription/);
  });

  it('is unreachable when the API cannot be reached', async () => {
    harness = await startHarness({ env: (e) => ({ ...e, DHAN_API_URL: 'http://127.0.0.1:9/v2' }) });
    expect(harness.runtime.engine.appState().credentials.status).toBe('unreachable');
  });

  it('says the keychain is unavailable and still runs on environment credentials', async () => {
    const broken = new MemoryCredentialStore(null, 'Cannot autolaunch D-Bus without X11 $DISPLAY');
    harness = await startHarness({ store: broken });
    const state = harness.runtime.engine.appState();
    expect(state.credentials).toMatchObject({ source: 'env', status: 'ok', keychainAvailable: false });
    expect(state.problems.map((p) => p.code)).toContain('KEYCHAIN_UNAVAILABLE');
  });
});

describe('engine against the simulator: token expiry mid-run', () => {
  it('stops on 807, explains it, and resumes every subscription with a new token', async () => {
    harness = await startHarness({ sim: { ticksPerSecond: 200 } });
    const h = harness;
    await openDefaultChain(h, 5);
    const planned = await waitFor(() => {
      const d = h.runtime.engine.diagnostics();
      return d.subscriptions.subscribed > 0 && d.subscriptions.subscribed === d.subscriptions.planned ? d.subscriptions.planned : undefined;
    }, 10_000, 'subscriptions');
    h.sim.faults.expireTokenNow();
    const stopped = await waitFor(() => {
      const s = h.runtime.engine.appState();
      return s.credentials.status === 'expired' ? s : undefined;
    }, 10_000, 'the 807 disconnect');
    expect(stopped.problems.map((p) => p.code).slice(0, 2)).toEqual(['CRED_EXPIRED', 'FEED_AUTH_EXPIRED']);
    expect(h.runtime.engine.diagnostics().feed.lastDisconnectCode).toBe(807);
    const fresh = h.sim.faults.renewToken();
    // Credentials typed by the user replace the environment's for the rest of the session.
    const summary = value<{ status: string }>(await h.session.invoke('saveCredentials', { clientId: h.sim.clientId, accessToken: fresh }));
    expect(summary.status).toBe('ok');
    await waitFor(() => {
      const d = h.runtime.engine.diagnostics();
      return d.feed.state === 'live' && d.subscriptions.subscribed === planned ? d : undefined;
    }, 10_000, 'the feed to resume');
    expect(h.runtime.engine.appState().problems.map((p) => p.code)).not.toContain('FEED_AUTH_EXPIRED');
  });
});

describe('engine against the simulator: instrument master and limits', () => {
  it('names an empty instrument master as a skeleton failure instead of showing an empty grid', async () => {
    const { createServer } = await import('node:http');
    const header = 'EXCH_ID,SEGMENT,SECURITY_ID,ISIN,INSTRUMENT,UNDERLYING_SECURITY_ID,UNDERLYING_SYMBOL,SYMBOL_NAME,DISPLAY_NAME,INSTRUMENT_TYPE,SERIES,LOT_SIZE,SM_EXPIRY_DATE,STRIKE_PRICE,OPTION_TYPE,TICK_SIZE,EXPIRY_FLAG,\n';
    const server = createServer((_req, res) => res.end(header));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      harness = await startHarness({ env: (e) => ({ ...e, DHAN_SCRIP_MASTER_URL: `http://127.0.0.1:${port}/empty.csv` }) });
      const state = harness.runtime.engine.appState();
      // An empty file never replaces a good saved copy; with none saved, startup names the cause.
      expect(state.skeleton).toBeNull();
      expect(state.phase).toBe('failed');
      expect(state.problems.map((p) => p.code)).toEqual(['MASTER_EMPTY']);
      expect(state.problems[0]?.message).toBe('The downloaded file (0 rows) lists no index options of the configured underlyings');
      expect(state.progress.find((p) => p.id === 'skeleton')).toMatchObject({ state: 'skipped' });
      expect(state.defaultSelection).toBeNull();
      const refused = await harness.session.invoke('selectChain', { underlying: 'NIFTY', expiry: '2026-12-01', strikeWindow: 5 });
      expect(refused.ok ? 'ok' : refused.error.code).toBe('MASTER_EMPTY');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('subscribes exactly 25 000 instruments over 5 connections when the universe is larger', async () => {
    harness = await startHarness({ sim: { ticksPerSecond: 0, strikeRangeScale: 1.3 } });
    const h = harness;
    expect(h.runtime.engine.appState().skeleton!.counts.tokens).toBeGreaterThan(25_000);
    await openDefaultChain(h, 5);
    const diagnostics = await waitFor(() => {
      const d = h.runtime.engine.diagnostics();
      return d.subscriptions.subscribed === 25_000 ? d : undefined;
    }, 20_000, '25 000 subscriptions');
    expect(diagnostics.subscriptions.planned).toBe(25_000);
    expect(diagnostics.feed.connections.map((c) => c.subscribed)).toEqual([5_000, 5_000, 5_000, 5_000, 5_000]);
    expect(diagnostics.subscriptions.leftOut).toBe(diagnostics.subscriptions.skeletonTokens - (25_000 - 6 - h.sim.market.skeleton().counts.futures));
    expect(diagnostics.problems.map((p) => p.code)).toContain('FEED_SUBSCRIPTION_LIMIT');
  });
});
