/**
 * Shared by the tests that hold the WebAssembly hot path against the JavaScript path
 * (hot-path.test.ts, quote-cache-staging.test.ts): registered instruments of every kind the
 * id index has (direct table, hash table), random frames of every packet code with random
 * payloads and lengths, two caches to apply them to, and everything a reader can see.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { QuoteCache } from '../../../src/shared/cache/quote-cache';
import { TickLog } from '../../../src/shared/cache/tick-log';
import type { TickRing } from '../../../src/shared/cache/tick-ring';
import { concatPackets, encodeRaw } from '../../../src/shared/feed/feed-encoder';
import { PACKET_BYTES } from '../../../src/shared/feed/feed-layout';

export const NSE_FNO = 2;
const BSE_FNO = 8;
/** Registered 10 million ids apart: too wide for a direct table, so these live in the hash table. */
const SPARSE = 5;
export const REGISTERED: readonly (readonly [number, number])[] = [
  [NSE_FNO, 40_001],
  [NSE_FNO, 40_002],
  [NSE_FNO, 41_500],
  [BSE_FNO, 1_120_004],
  [SPARSE, 10],
  [SPARSE, 10_000_010],
];
const CODES = [1, 2, 4, 5, 6, 7, 8, 50, 3, 99];

export const packet = fc
  .record({
    code: fc.constantFrom(...CODES),
    address: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...REGISTERED) },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.constantFrom(NSE_FNO, BSE_FNO, SPARSE, 20, 255), fc.nat(2 ** 32 - 1)),
      },
    ),
    lengthChange: fc.oneof(
      { weight: 8, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: -20, max: 20 }) },
    ),
    seed: fc.uint8Array({ minLength: 200, maxLength: 200 }),
  })
  .map(({ code, address, lengthChange, seed }) => {
    const size = Math.max(0, (PACKET_BYTES[code] ?? 16) - 8 + lengthChange);
    return encodeRaw(code, address[0], address[1], seed.subarray(0, size));
  });

export const frame = fc
  .tuple(fc.array(packet, { minLength: 1, maxLength: 6 }), fc.option(fc.nat(), { nil: undefined }))
  .map(([packets, cut]) => {
    const bytes = concatPackets(packets);
    return cut === undefined ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
  });

/** Every value a reader of the cache can see for every slot, and the counters. */
export function everything(cache: QuoteCache): unknown {
  const slots = REGISTERED.map(([segment, id]) => cache.slotOf(segment, id));
  return {
    counters: cache.counters,
    pending: cache.pendingCount,
    slots: slots.map((s) => ({
      ltp: cache.ltp(s),
      ltt: cache.lttEpochS(s),
      updated: cache.updatedAtMs(s),
      source: cache.source(s),
      quote: [cache.ltq(s), cache.atp(s), cache.volume(s), cache.totalBuyQty(s), cache.totalSellQty(s)],
      ohlc: [cache.open(s), cache.high(s), cache.low(s), cache.close(s)],
      oi: [cache.oi(s), cache.oiDayHigh(s), cache.oiDayLow(s), cache.prevClose(s), cache.prevOi(s)],
      depth: [0, 1, 2, 3, 4].map((level) => cache.depthLevel(s, level)),
    })),
  };
}

export const TICKS = 64;

/** Which slots have their changes queued: all (the default), or a random few. */
export const watchedSlots = fc.option(fc.subarray(REGISTERED.map((_, slot) => slot)), { nil: null });

/** The tick log a cache keeps, as a client reads it. */
export function ticks(log: TickLog): unknown {
  return log.since(
    0,
    TICKS,
    (segment, id) => `${segment}:${id}`,
    (price) => price,
  );
}

/** Two caches with the same instruments and a tick log each: WebAssembly and JavaScript. */
export function twin(options: { scratchBytes?: number } = {}): {
  hot: QuoteCache;
  js: QuoteCache;
  logs: TickLog[];
} {
  const made = (['auto', 'javascript'] as const).map((hotPath) => {
    const cache = new QuoteCache(REGISTERED.length, 1_700_000_000_000, {
      ...options,
      hotPath,
      tickLogCapacity: TICKS,
    });
    for (const [segment, id] of REGISTERED) cache.register(segment, id);
    const log = new TickLog(TICKS);
    log.moveTo(cache.tickRing as TickRing);
    return { cache, log };
  });
  const [hot, js] = made.map((m) => m.cache) as [QuoteCache, QuoteCache];
  expect([hot.hotPathBecause, js.hotPathBecause]).toEqual([null, 'the JavaScript path was asked for']);
  return { hot, js, logs: made.map((m) => m.log) };
}
