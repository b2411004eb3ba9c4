import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InstrumentMaster } from '../../../src/main/dhan/instrument-master';
import { createMarketHours } from '../../../src/main/dhan/market-hours';
import { createMemoryLogger } from '../../../src/main/logging/logger';
import { Redactor } from '../../../src/main/logging/redactor';
import { DEFAULT_UNDERLYINGS } from '../../../src/shared/model/instruments';
import { buildSkeleton } from '../../../src/shared/model/skeleton-builder';
import { LoopbackHttpServer } from '../../fixtures/dhan/loopback-http-server';
import {
  writeScripMaster,
  type GeneratedCounts,
  type GeneratorSpec,
} from '../../fixtures/dhan/scrip-master-generator';
import { VirtualTime } from '../../fixtures/dhan/virtual-time';

// 6 underlyings × 10 expiries × 150 strikes × 2 sides = 18 000 index options among 200 000 filler rows.
const SPEC: GeneratorSpec = {
  format: 'detailed',
  expiriesPerUnderlying: 10,
  strikesPerExpiry: 150,
  fillerRows: 200_000,
};

let dir = '';
let file = '';
let counts: GeneratedCounts;
let server: LoopbackHttpServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chainlens-large-master-'));
  file = join(dir, 'api-scrip-master-detailed.csv');
  counts = await writeScripMaster(file, SPEC);
  const size = (await stat(file)).size;
  server = await LoopbackHttpServer.start(() => ({
    stream: (res) => {
      res.writeHead(200, { 'Content-Type': 'text/csv', 'Content-Length': String(size) });
      createReadStream(file).pipe(res);
    },
  }));
}, 120_000);

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a scrip master of more than 200 000 rows', () => {
  it('streams, parses and builds the skeleton with the exact counts it was generated with', async () => {
    expect(counts.rows).toBe(218_024);
    const time = new VirtualTime(Date.parse('2026-01-07T08:00:00+05:30'));
    let peakRss = process.memoryUsage().rss;
    const sample = (): void => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    };
    const sampler = setInterval(sample, 20);
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    try {
      const master = new InstrumentMaster({
        url: `${server.url}/api-scrip-master-detailed.csv`,
        cacheDir: join(dir, 'cache'),
        underlyings: DEFAULT_UNDERLYINGS,
        clock: time,
        scheduler: time,
        logger: createMemoryLogger(new Redactor(), 'warn').logger,
        marketHours: createMarketHours(),
        onProgress: sample,
      });
      const load = await master.load();
      const parsedMs = performance.now() - started;
      const skeleton = buildSkeleton(load.data, { underlyings: DEFAULT_UNDERLYINGS });
      const totalMs = performance.now() - started;
      sample();

      expect([load.status.rowsRead, load.status.rowsKept, load.status.rowsRejected]).toEqual([
        218_024,
        18_000 + 18 + 6,
        0,
      ]);
      expect(load.status.bytes).toBe((await stat(file)).size);
      expect(skeleton.counts).toEqual({ underlyings: 6, expiries: 60, strikes: 9_000, tokens: 18_000 });
      expect(skeleton.counts).toEqual({
        underlyings: counts.underlyings,
        expiries: counts.expiries,
        strikes: counts.strikes,
        tokens: counts.tokens,
      });

      const mb = (n: number): string => (n / 1_048_576).toFixed(1);
      console.log(
        `[scrip master ${counts.rows} rows, ${mb(load.status.bytes)} MB] download+parse+cache ${parsedMs.toFixed(0)} ms, ` +
          `with skeleton ${totalMs.toFixed(0)} ms; RSS before ${mb(rssBefore)} MB, peak ${mb(peakRss)} MB`,
      );
    } finally {
      clearInterval(sampler);
    }
  }, 120_000);
});
