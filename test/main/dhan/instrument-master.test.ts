import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  InstrumentMaster,
  type InstrumentMasterOptions,
  type MasterProgress,
} from '../../../src/main/dhan/instrument-master';
import { createMarketHours } from '../../../src/main/dhan/market-hours';
import { masterCachePath } from '../../../src/main/dhan/master-cache';
import { createMemoryLogger } from '../../../src/main/logging/logger';
import { Redactor } from '../../../src/main/logging/redactor';
import { isAppError } from '../../../src/shared/errors/app-error';
import { DEFAULT_UNDERLYINGS } from '../../../src/shared/model/instruments';
import { buildSkeleton } from '../../../src/shared/model/skeleton-builder';
import { LoopbackHttpServer, type Handler } from '../../fixtures/dhan/loopback-http-server';
import { scripMasterText, type GeneratorSpec } from '../../fixtures/dhan/scrip-master-generator';
import { VirtualTime } from '../../fixtures/dhan/virtual-time';

/** Wednesday 2026-01-07 08:00 IST. */
const WEDNESDAY_MS = Date.parse('2026-01-07T08:00:00+05:30');
const DAY_MS = 86_400_000;
const SPEC: GeneratorSpec = {
  format: 'detailed',
  expiriesPerUnderlying: 2,
  strikesPerExpiry: 3,
  fillerRows: 40,
};
const CSV = scripMasterText(SPEC);

let server: LoopbackHttpServer | null = null;
let cacheDir = '';

beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'chainlens-master-'));
});

afterEach(async () => {
  await server?.close();
  server = null;
  await rm(cacheDir, { recursive: true, force: true });
});

interface Harness {
  readonly master: InstrumentMaster;
  readonly time: VirtualTime;
  readonly progress: MasterProgress[];
  readonly server: LoopbackHttpServer;
  readonly logLines: () => string[];
}

async function harness(
  handler: Handler,
  overrides: Partial<InstrumentMasterOptions> = {},
  startMs = WEDNESDAY_MS,
): Promise<Harness> {
  server ??= await LoopbackHttpServer.start(handler);
  server.setHandler(handler);
  const time = new VirtualTime(startMs);
  const progress: MasterProgress[] = [];
  const { logger, lines } = createMemoryLogger(new Redactor());
  const master = new InstrumentMaster({
    url: `${server.url}/api-data/api-scrip-master-detailed.csv`,
    cacheDir,
    underlyings: DEFAULT_UNDERLYINGS,
    clock: time,
    scheduler: time,
    logger,
    marketHours: createMarketHours(),
    onProgress: (p) => progress.push(p),
    ...overrides,
  });
  return { master, time, progress, server, logLines: lines };
}

const serveCsv: Handler = () => ({ status: 200, body: CSV });

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('instrument master download and daily cache', () => {
  it('downloads, parses, reports progress against Content-Length and caches with the trading day', async () => {
    const h = await harness(serveCsv);
    const load = await h.master.load();
    const bytes = Buffer.byteLength(CSV);
    expect(load.status).toEqual({
      state: 'loaded',
      source: 'download',
      date: '2026-01-07',
      url: `${h.server.url}/api-data/api-scrip-master-detailed.csv`,
      rowsRead: 40 + 72 + 18 + 6,
      rowsKept: 72 + 18 + 6,
      rowsRejected: 0,
      bytes,
      loadedAtMs: WEDNESDAY_MS,
      warning: null,
    });
    expect(load.problems).toEqual([]);
    expect(buildSkeleton(load.data, { underlyings: DEFAULT_UNDERLYINGS }).counts).toEqual({
      underlyings: 6,
      expiries: 12,
      strikes: 36,
      tokens: 72,
    });
    expect(h.progress.at(-1)).toEqual({ bytes, totalBytes: bytes, rows: 136 });
    const cached = JSON.parse(await readFile(masterCachePath(cacheDir), 'utf8')) as {
      date: string;
      data: { options: unknown[] };
    };
    expect([cached.date, cached.data.options.length]).toEqual(['2026-01-07', 72]);
  });

  it('reports progress without a total when the server sends no Content-Length', async () => {
    const h = await harness(() => ({ stream: (res) => res.writeHead(200).end(CSV) }));
    await h.master.load();
    expect(h.progress.at(-1)).toEqual({ bytes: Buffer.byteLength(CSV), totalBytes: null, rows: 136 });
  });

  it("uses today's cache without downloading again", async () => {
    const first = await harness(serveCsv);
    await first.master.load();
    const second = await harness(serveCsv, {}, WEDNESDAY_MS + 6 * 3_600_000);
    const load = await second.master.load();
    expect([load.status.source, load.status.date, load.data.options.length]).toEqual([
      'cache',
      '2026-01-07',
      72,
    ]);
    expect(second.server.requests).toHaveLength(1);
  });

  it('counts a weekend as the Friday before, and downloads again on Monday', async () => {
    const friday = WEDNESDAY_MS + 2 * DAY_MS;
    await (await harness(serveCsv, {}, friday)).master.load();
    const saturday = await harness(serveCsv, {}, friday + DAY_MS);
    expect((await saturday.master.load()).status).toMatchObject({ source: 'cache', date: '2026-01-09' });
    const monday = await harness(serveCsv, {}, friday + 3 * DAY_MS);
    expect((await monday.master.load()).status).toMatchObject({ source: 'download', date: '2026-01-12' });
    expect(monday.server.requests).toHaveLength(2);
  });

  it('joins a load already running instead of downloading twice', async () => {
    const h = await harness(serveCsv);
    const [a, b] = await Promise.all([h.master.load(), h.master.load()]);
    expect(a).toBe(b);
    expect(h.server.requests).toHaveLength(1);
  });

  it('downloads again when forced', async () => {
    const h = await harness(serveCsv);
    await h.master.load();
    expect((await h.master.load({ force: true })).status.source).toBe('download');
    expect(h.server.requests).toHaveLength(2);
  });

  it('falls back to the newest cache with a visible warning when the download fails', async () => {
    await (await harness(serveCsv, {}, WEDNESDAY_MS - DAY_MS)).master.load();
    const h = await harness(() => ({ status: 503, body: '<html>down</html>' }));
    const load = await h.master.load();
    const warning =
      "Today's instrument master could not be loaded (The instrument master download answered HTTP 503); using the copy from 2026-01-06.";
    expect(load.status).toMatchObject({
      state: 'loaded',
      source: 'stale-cache',
      date: '2026-01-06',
      warning,
      rowsKept: 96,
    });
    expect(load.problems.map((p) => [p.code, p.message])).toEqual([['MASTER_STALE_CACHE', warning]]);
    expect(load.data.options.length).toBe(72);
  });

  it('fails loudly with MASTER_DOWNLOAD_FAILED when there is no cache to fall back on', async () => {
    const h = await harness(() => ({ status: 404, body: '<html>Not Found</html>' }));
    expect(await failure(h.master.load())).toEqual({
      code: 'MASTER_DOWNLOAD_FAILED',
      message: 'The instrument master download answered HTTP 404',
    });
    expect(h.master.status()).toMatchObject({
      state: 'failed',
      source: null,
      warning: 'The instrument master download answered HTTP 404',
    });
  });

  it('fails with MASTER_BAD_HEADER for a file of another format, and keeps a good cache instead', async () => {
    const bad: Handler = () => ({ status: 200, body: 'A,B,C\n1,2,3\n' });
    expect((await failure((await harness(bad)).master.load())).code).toBe('MASTER_BAD_HEADER');
    await (await harness(serveCsv, {}, WEDNESDAY_MS - DAY_MS)).master.load();
    const load = await (await harness(bad)).master.load();
    expect([load.status.source, load.problems[0]?.code]).toEqual(['stale-cache', 'MASTER_STALE_CACHE']);
    expect(load.status.warning).toContain(
      'The header has neither SEM_SMST_SECURITY_ID nor SECURITY_ID (first columns: A, B, C)',
    );
  });

  it('does not replace a good cache with a file that has no index options', async () => {
    await (await harness(serveCsv, {}, WEDNESDAY_MS - DAY_MS)).master.load();
    const empty = scripMasterText({ ...SPEC, expiriesPerUnderlying: 0 });
    const load = await (await harness(() => ({ status: 200, body: empty }))).master.load();
    expect(load.status.source).toBe('stale-cache');
    expect(load.status.warning).toContain('lists no index options of the configured underlyings');
    const cached = JSON.parse(await readFile(masterCachePath(cacheDir), 'utf8')) as { date: string };
    expect(cached.date).toBe('2026-01-06');
  });

  it('reports a connection cut in the middle of the file as a failed download', async () => {
    const h = await harness(() => ({
      stream: (res) => {
        res.writeHead(200, { 'Content-Length': String(Buffer.byteLength(CSV)) });
        res.write(CSV.slice(0, 3_000), () => res.socket?.destroy());
      },
    }));
    const error = await failure(h.master.load());
    expect(error.code).toBe('MASTER_DOWNLOAD_FAILED');
    expect(error.message).toMatch(/^The instrument master could not be downloaded: /);
  });

  it('abandons a download that stops sending data for 30 s', async () => {
    const h = await harness(() => ({
      stream: (res) => {
        res.writeHead(200, { 'Content-Length': String(Buffer.byteLength(CSV)) });
        res.write(CSV.slice(0, 3_000));
      },
    }));
    const pending = failure(h.master.load());
    while (h.progress.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    h.time.advance(29_999);
    expect(h.master.status().state).toBe('loading');
    h.time.advance(1);
    expect(await pending).toEqual({
      code: 'MASTER_DOWNLOAD_FAILED',
      message: 'The instrument master download stalled: no data for 30000 ms',
    });
  });

  it('ignores a corrupt cache file, logs why, and downloads', async () => {
    await writeFile(masterCachePath(cacheDir), '{"version":1,"date":');
    const h = await harness(serveCsv);
    expect((await h.master.load()).status.source).toBe('download');
    expect(
      h.logLines().some((l) => l.includes('instrument master cache ignored') && l.includes('not JSON')),
    ).toBe(true);
  });

  it('downloads again when the cache was made for fewer underlyings', async () => {
    await (await harness(serveCsv, { underlyings: DEFAULT_UNDERLYINGS.slice(0, 2) })).master.load();
    const h = await harness(serveCsv);
    expect((await h.master.load()).status.source).toBe('download');
  });

  it('surfaces rejected rows as MASTER_ROWS_REJECTED with the reasons', async () => {
    const withBad = CSV.replace(',75.0,2026-01-08,24950.00000,CE,', ',0.0,2026-01-08,24950.00000,CE,').concat(
      'NSE,D,1,OPTIDX\n',
    );
    const load = await (await harness(() => ({ status: 200, body: withBad }))).master.load();
    expect(load.status.rowsRejected).toBe(2);
    expect(load.rejectReasons).toEqual({ 'bad-lot-size': 1, 'short-row': 1 });
    expect(load.problems.map((p) => [p.code, p.message])).toEqual([
      ['MASTER_ROWS_REJECTED', '2 malformed rows were skipped (bad-lot-size 1, short-row 1)'],
    ]);
  });
});
