/**
 * The instrument master going wrong on a trading morning: the download fails (an older cache
 * stands in, with a warning), the connection is cut mid-file, the file is truncated, columns
 * are reordered or renamed, rows are blank or malformed. A loopback HTTP server serves modified
 * copies of the simulator's own CSV; the engine runs against the simulator for everything else.
 * The assertions are the user-visible outcome (master status, problems, phase) and recovery by
 * "Reload instrument master" without a restart.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMarketHours } from '../../src/main/dhan/market-hours';
import type { AppState } from '../../src/shared/api/view-types';
import { problemOf } from '../../src/shared/errors/app-error';
import { startSimulator, type SimulatorHandle } from '../../src/sim';
import { LoopbackHttpServer, type Reply } from '../fixtures/dhan/loopback-http-server';
import { waitFor } from '../fixtures/engine-harness';
import { offsetClock, startEngineOn, type EngineRun } from '../fixtures/engine-on-simulator';

const DAY_MS = 86_400_000;

let sim: SimulatorHandle | null = null;
let server: LoopbackHttpServer | null = null;
let dataDir: string | null = null;
const runs: EngineRun[] = [];

afterEach(async () => {
  for (const run of runs.splice(0)) await run.close();
  await server?.close();
  await sim?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  sim = null;
  server = null;
  dataDir = null;
});

interface Setup {
  readonly sim: SimulatorHandle;
  readonly server: LoopbackHttpServer;
  readonly dataDir: string;
  /** The simulator's detailed CSV, as lines without their newline (the last line is the header's … last row). */
  readonly lines: string[];
  readonly masterUrl: string;
}

async function setup(): Promise<Setup> {
  sim = await startSimulator({ seed: 11, ticksPerSecond: 100 });
  dataDir = await mkdtemp(join(tmpdir(), 'chainlens-master-'));
  const text = await (await fetch(sim.scripMasterUrl)).text();
  const lines = text.split('\n').filter((l) => l.length > 0);
  server = await LoopbackHttpServer.start(() => csv(lines));
  return { sim, server, dataDir, lines, masterUrl: `${server.url}/api-data/api-scrip-master-detailed.csv` };
}

function csv(lines: readonly string[]): Reply {
  return { status: 200, body: `${lines.join('\n')}\n`, headers: { 'Content-Type': 'text/csv' } };
}

async function run(s: Setup, options: { underlyings?: string; clock?: { nowMs(): number } } = {}): Promise<EngineRun> {
  const engine = await startEngineOn(s.sim, {
    dataDir: s.dataDir,
    env: { DHAN_SCRIP_MASTER_URL: s.masterUrl, CHAINLENS_UNDERLYINGS: options.underlyings ?? 'FINNIFTY' },
    overrides: options.clock ? { clock: options.clock } : {},
  });
  runs.push(engine);
  return engine;
}

function appState(r: EngineRun): AppState {
  return r.runtime.engine.appState();
}

/** What the simulator lists for FINNIFTY, as the engine counts it. */
function finniftyCounts(s: Setup): { underlyings: number; expiries: number; strikes: number; tokens: number } {
  const u = s.sim.market.skeleton().underlyings.find((x) => x.symbol === 'FINNIFTY')!;
  const strikes = u.expiries.reduce((n, e) => n + e.strikes.length, 0);
  return { underlyings: 1, expiries: u.expiries.length, strikes, tokens: strikes * 2 };
}

async function reload(r: EngineRun): Promise<void> {
  expect(await r.session.invoke('reloadInstrumentMaster', undefined)).toEqual({ ok: true, value: null });
}

async function waitForLiveFeed(r: EngineRun): Promise<void> {
  await waitFor(() => {
    const d = r.runtime.engine.diagnostics();
    return d.feed.state === 'live' && d.subscriptions.subscribed > 0 && d.subscriptions.subscribed === d.subscriptions.planned;
  }, 10_000, 'the feed to be live');
}

describe('the download fails on a later trading day', () => {
  it("uses the older cache with MASTER_STALE_CACHE, keeps the app working, and clears the warning on a good reload", async () => {
    const s = await setup();
    // A week ago (same weekday, so always another trading day): the first run downloads and caches.
    const weekAgo = offsetClock(-7 * DAY_MS);
    const first = await run(s, { clock: weekAgo });
    const cachedDate = createMarketHours().tradingDayOf(weekAgo.nowMs());
    expect(appState(first).instrumentMaster).toMatchObject({ state: 'loaded', source: 'download', date: cachedDate });
    await first.close();

    s.server.setHandler(() => ({ status: 500, body: 'upstream unavailable' }));
    const today = await run(s);
    const state = appState(today);
    const warning = `Today's instrument master could not be loaded (The instrument master download answered HTTP 500); using the copy from ${cachedDate}.`;
    expect(state.instrumentMaster).toMatchObject({ state: 'loaded', source: 'stale-cache', date: cachedDate, warning, rowsRejected: 0 });
    expect(state.problems).toEqual([problemOf('MASTER_STALE_CACHE', warning)]);
    expect(state.problems[0]!.remedy).toBe(
      "Today's download failed, so the last saved copy is in use; new contracts listed today are missing. Press Reload instrument master when the network is back.",
    );
    expect(state.phase).toBe('ready');
    expect(state.skeleton?.counts).toEqual(finniftyCounts(s));
    await waitForLiveFeed(today);

    s.server.setHandler(() => csv(s.lines));
    await reload(today);
    const reloaded = appState(today);
    expect(reloaded.instrumentMaster).toMatchObject({ state: 'loaded', source: 'download', date: createMarketHours().tradingDayOf(Date.now()), warning: null });
    expect(reloaded.problems).toEqual([]);
    await waitForLiveFeed(today);
  });

  it('fails loudly with MASTER_DOWNLOAD_FAILED when there is no cache, and starts the feed after a good reload', async () => {
    const s = await setup();
    s.server.setHandler(() => ({ status: 503, body: 'maintenance' }));
    const r = await run(s);
    const state = appState(r);
    expect(state.phase).toBe('failed');
    expect(state.skeleton).toBeNull();
    expect(state.problems).toEqual([problemOf('MASTER_DOWNLOAD_FAILED', 'The instrument master download answered HTTP 503', state.problems[0]?.sinceMs)]);
    expect(state.progress.map((p) => [p.id, p.state])).toEqual([
      ['credentials', 'done'],
      ['master-download', 'failed'],
      ['master-parse', 'skipped'],
      ['skeleton', 'skipped'],
      ['snapshot', 'pending'],
      ['feed', 'pending'],
    ]);
    expect(s.sim.market.stats().feed.connections).toEqual([]);

    s.server.setHandler(() => csv(s.lines));
    await reload(r);
    expect(appState(r).phase).toBe('ready');
    expect(appState(r).problems).toEqual([]);
    await waitForLiveFeed(r);
  });
});

describe('a file cut short', () => {
  it('names a connection cut mid-download as MASTER_DOWNLOAD_FAILED and recovers on reload', async () => {
    const s = await setup();
    const body = Buffer.from(`${s.lines.join('\n')}\n`);
    s.server.setHandler(() => ({
      stream: (res) => {
        res.writeHead(200, { 'Content-Type': 'text/csv', 'Content-Length': String(body.length) });
        res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
      },
    }));
    const r = await run(s);
    const state = appState(r);
    expect(state.phase).toBe('failed');
    expect(state.problems.map((p) => p.code)).toEqual(['MASTER_DOWNLOAD_FAILED']);
    expect(state.problems[0]!.message).toBe('The instrument master could not be downloaded: terminated (other side closed)');
    expect(state.instrumentMaster.state).toBe('failed');

    s.server.setHandler(() => csv(s.lines));
    await reload(r);
    expect(appState(r).phase).toBe('ready');
    expect(appState(r).skeleton?.counts).toEqual(finniftyCounts(s));
    await waitForLiveFeed(r);
  });

  it('keeps every complete row of a file truncated mid-row and counts the cut row as malformed', async () => {
    const s = await setup();
    // Cut inside the 300th FINNIFTY option row, just after its INSTRUMENT column.
    const firstOption = s.lines.findIndex((l) => l.includes(',OPTIDX,') && l.includes(',FINNIFTY,'));
    const cutAt = firstOption + 299;
    const cutLine = s.lines[cutAt]!;
    const kept = s.lines.slice(0, cutAt);
    const truncated = `${kept.join('\n')}\n${cutLine.slice(0, cutLine.indexOf(',OPTIDX,') + ',OPTIDX,'.length)}`;
    s.server.setHandler(() => ({ status: 200, body: truncated, headers: { 'Content-Type': 'text/csv' } }));
    const r = await run(s);
    const state = appState(r);
    const dataRows = cutAt; // the header is line 0, so lines 1..cutAt-1 plus the cut one
    expect(state.instrumentMaster).toMatchObject({ state: 'loaded', source: 'download', rowsRead: dataRows, rowsRejected: 1 });
    expect(state.problems).toEqual([problemOf('MASTER_ROWS_REJECTED', `1 of ${dataRows} instrument-master rows were skipped.`)]);
    expect(state.skeleton?.counts.tokens).toBe(299);
    expect(state.phase).toBe('ready');
  });
});

describe('columns moved or renamed', () => {
  it('loads exactly the same contracts when the columns are reordered and the header is re-cased and padded', async () => {
    const s = await setup();
    const width = s.lines[0]!.split(',').length;
    const order = Array.from({ length: width }, (_, i) => width - 1 - i);
    const shuffled = s.lines.map((line, n) => {
      const fields = line.split(',');
      const moved = order.map((i) => fields[i] ?? '');
      return n === 0 ? moved.map((name) => (name ? ` ${name.toLowerCase()} ` : name)).join(',') : moved.join(',');
    });
    s.server.setHandler(() => csv(shuffled));
    const r = await run(s);
    const state = appState(r);
    expect(state.problems).toEqual([]);
    expect(state.instrumentMaster).toMatchObject({ state: 'loaded', rowsRejected: 0, rowsRead: s.lines.length - 1 });
    expect(state.skeleton?.counts).toEqual(finniftyCounts(s));
    await waitForLiveFeed(r);
  });

  it('refuses a header whose required column was renamed, with MASTER_BAD_HEADER naming it, and recovers on reload', async () => {
    const s = await setup();
    const renamed = [s.lines[0]!.replace('STRIKE_PRICE', 'STRIKE'), ...s.lines.slice(1)];
    s.server.setHandler(() => csv(renamed));
    const r = await run(s);
    const state = appState(r);
    expect(state.phase).toBe('failed');
    expect(state.problems).toEqual([problemOf('MASTER_BAD_HEADER', 'The detailed header lacks required columns: STRIKE_PRICE', state.problems[0]?.sinceMs)]);
    expect(state.problems[0]!.remedy).toBe(
      'DhanHQ may have changed the file format. Export a support bundle and send it to support; the app keeps the last good copy if it has one.',
    );

    s.server.setHandler(() => csv(s.lines));
    await reload(r);
    expect(appState(r).phase).toBe('ready');
    expect(appState(r).problems).toEqual([]);
  });

  it('keeps the last good copy when the new file has an unknown header', async () => {
    const s = await setup();
    const weekAgo = offsetClock(-7 * DAY_MS);
    await (await run(s, { clock: weekAgo })).close();
    const foreign = [s.lines[0]!.replace('SECURITY_ID', 'SCRIP_CODE'), ...s.lines.slice(1)];
    s.server.setHandler(() => csv(foreign));
    const r = await run(s);
    const state = appState(r);
    expect(state.instrumentMaster.source).toBe('stale-cache');
    expect(state.instrumentMaster.warning).toBe(
      `Today's instrument master could not be loaded (The header has neither SEM_SMST_SECURITY_ID nor SECURITY_ID (first columns: EXCH_ID, SEGMENT, SCRIP_CODE, ISIN, INSTRUMENT)); using the copy from ${createMarketHours().tradingDayOf(weekAgo.nowMs())}.`,
    );
    expect(state.problems.map((p) => p.code)).toEqual(['MASTER_STALE_CACHE']);
    expect(state.skeleton?.counts).toEqual(finniftyCounts(s));
  });
});

describe('blank and malformed rows', () => {
  it('skips and counts each malformed row, ignores blank lines, and keeps every good contract', async () => {
    const s = await setup();
    const template = s.lines.find((l) => l.includes(',OPTIDX,') && l.includes(',FINNIFTY,'))!;
    const fields = template.split(',');
    const variant = (securityId: number, change: (f: string[]) => void): string => {
      const f = [...fields];
      f[2] = String(securityId);
      change(f);
      return f.join(',');
    };
    const malformed = [
      variant(990001, (f) => (f[13] = 'abc')), // strike
      variant(990002, (f) => (f[14] = 'XX')), // option type
      variant(990003, (f) => (f[12] = 'soon')), // expiry
      variant(990004, (f) => (f[11] = '-75')), // lot size
      variant(990005, (f) => (f[9] = '"OP')), // a quote that never closes
      fields.slice(0, 6).join(','), // short row
    ];
    const blanks = ['', '   ', ''];
    const middle = Math.floor(s.lines.length / 2);
    const edited = [...s.lines.slice(0, middle), ...blanks, ...malformed, ...s.lines.slice(middle)];
    s.server.setHandler(() => csv(edited));
    const r = await run(s);
    const state = appState(r);
    expect(state.instrumentMaster.rowsRejected).toBe(malformed.length);
    expect(state.problems).toEqual([
      problemOf('MASTER_ROWS_REJECTED', `${malformed.length} of ${state.instrumentMaster.rowsRead} instrument-master rows were skipped.`),
    ]);
    // Blank and whitespace-only lines are not rows; the malformed ones are read and counted.
    expect(state.instrumentMaster.rowsRead).toBe(s.lines.length - 1 + malformed.length);
    expect(state.skeleton?.counts).toEqual(finniftyCounts(s));
    expect(state.phase).toBe('ready');
    await waitForLiveFeed(r);
  });
});
