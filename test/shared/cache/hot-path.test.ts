/**
 * The WebAssembly hot path (hot-path.wat) against the JavaScript path it replaces: the same
 * frames, applied to two caches with the same instruments, must leave every readable value,
 * every counter and the batch queue identical. Frames are random: every packet code, payloads
 * of random bytes (so prices spell NaNs, infinities and subnormals), declared lengths that are
 * short, long or beyond the frame, instruments that are not registered, live in the hash table
 * or carry a segment code over 4 bits, and frames cut short anywhere. The tick logs the two
 * caches keep must read the same too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuoteCache } from '../../../src/shared/cache/quote-cache';
import { TickLog } from '../../../src/shared/cache/tick-log';
import type { TickRing } from '../../../src/shared/cache/tick-ring';
import { concatPackets, encodeRaw, encodeTicker } from '../../../src/shared/feed/feed-encoder';
import { PACKET_BYTES } from '../../../src/shared/feed/feed-layout';

const NSE_FNO = 2;
const BSE_FNO = 8;
/** Registered 10 million ids apart: too wide for a direct table, so these live in the hash table. */
const SPARSE = 5;
const REGISTERED: readonly (readonly [number, number])[] = [
  [NSE_FNO, 40_001],
  [NSE_FNO, 40_002],
  [NSE_FNO, 41_500],
  [BSE_FNO, 1_120_004],
  [SPARSE, 10],
  [SPARSE, 10_000_010],
];
const CODES = [1, 2, 4, 5, 6, 7, 8, 50, 3, 99];

const packet = fc
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

const frame = fc
  .tuple(fc.array(packet, { minLength: 1, maxLength: 6 }), fc.option(fc.nat(), { nil: undefined }))
  .map(([packets, cut]) => {
    const bytes = concatPackets(packets);
    return cut === undefined ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
  });

/** Every value a reader of the cache can see for every slot, and the counters. */
function everything(cache: QuoteCache): unknown {
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

const TICKS = 64;

/** Which slots have their changes queued: all (the default), or a random few. */
const watchedSlots = fc.option(fc.subarray(REGISTERED.map((_, slot) => slot)), { nil: null });

/** The tick log a cache keeps, as a client reads it. */
function ticks(log: TickLog): unknown {
  return log.since(
    0,
    TICKS,
    (segment, id) => `${segment}:${id}`,
    (price) => price,
  );
}

/** Two caches with the same instruments and a tick log each: WebAssembly and JavaScript. */
function twin(options: { scratchBytes?: number } = {}): { hot: QuoteCache; js: QuoteCache; logs: TickLog[] } {
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

describe('the WebAssembly hot path', () => {
  // 64 bytes of scratch: most frames are applied a window at a time, packets straddle windows,
  // and a full packet (162 bytes) does not fit at all.
  it.each([{ scratchBytes: undefined }, { scratchBytes: 64 }])(
    'leaves the values, counters, batch queue and tick log of the JavaScript path, frame for frame (scratch $scratchBytes)',
    ({ scratchBytes }) => {
      fc.assert(
        fc.property(
          fc.array(frame, { minLength: 1, maxLength: 12 }),
          fc.nat(9),
          watchedSlots,
          (frames, drainEvery, watch) => {
            const { hot, js, logs } = twin(scratchBytes === undefined ? {} : { scratchBytes });
            hot.queueOnly(watch);
            js.queueOnly(watch);
            const queued: [number[], number[]] = [[], []];
            frames.forEach((bytes, i) => {
              hot.setFrameTime(1_700_000_000_000 + i);
              js.setFrameTime(1_700_000_000_000 + i);
              expect(hot.applyFrame(bytes)).toBe(js.applyFrame(bytes));
              if (i % (drainEvery + 1) === 0) {
                hot.drainDirty((slot) => queued[0].push(slot));
                js.drainDirty((slot) => queued[1].push(slot));
              }
            });
            expect(everything(hot)).toEqual(everything(js));
            expect(queued[0]).toEqual(queued[1]);
            expect(ticks(logs[0] as TickLog)).toEqual(ticks(logs[1] as TickLog));
            expect(logs[0]?.total).toBe(logs[1]?.total);
          },
        ),
        { numRuns: 400, seed: 20_261_126 },
      );
    },
  );

  it('applies a frame longer than its scratch a window at a time, recording every packet in the tick log', () => {
    const { hot, js, logs } = twin({ scratchBytes: 32 });
    const packets = [40_001, 40_002, 41_500].map((id, i) =>
      encodeTicker({ segment: NSE_FNO, securityId: id, ltp: 100 + i, lttEpochS: 7 }),
    );
    const socketRead = new Uint8Array(80);
    socketRead.set(concatPackets(packets), 11);
    const longFrame = socketRead.subarray(11, 59);
    for (const cache of [hot, js]) {
      cache.setFrameTime(1_700_000_000_500);
      expect([cache.applyFrame(longFrame), cache.applyFrame(packets[0] as Uint8Array)]).toEqual([3, 1]);
    }
    expect(everything(hot)).toEqual(everything(js));
    expect(
      logs.map((log) =>
        log
          .since(
            0,
            TICKS,
            () => '',
            (price) => price,
          )
          .map((t) => [t.atMs, t.securityId, t.ltp]),
      ),
    ).toEqual(
      [0, 1].map(() => [
        [1_700_000_000_500, 40_001, 100],
        [1_700_000_000_500, 40_002, 101],
        [1_700_000_000_500, 41_500, 102],
        [1_700_000_000_500, 40_001, 100],
      ]),
    );
  });
});
