/**
 * Staged frames (QuoteCache.stageFrame / applyStaged): the frames of one socket read copied
 * into the cache's scratch one after another and applied in one pass of the hot path. Staging
 * must never change what the cache ends up holding, in what order, or with which receive time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuoteCache } from '../../../src/shared/cache/quote-cache';
import { TickLog } from '../../../src/shared/cache/tick-log';
import type { TickRing } from '../../../src/shared/cache/tick-ring';
import { concatPackets, encodeRaw, encodeTicker } from '../../../src/shared/feed/feed-encoder';
import { everything, frame, NSE_FNO, packet, ticks, twin, watchedSlots } from './hot-path-fixtures';

const T0 = 1_700_000_000_000;
const A = 40_001;
const B = 40_002;

const tick = (securityId: number, ltp: number): Uint8Array =>
  encodeTicker({ segment: NSE_FNO, securityId, ltp, lttEpochS: 7 });

/** A cache with A and B registered and a tick log, on the WebAssembly path unless asked otherwise. */
function cacheWithLog(options: { scratchBytes?: number; hotPath?: 'auto' | 'javascript' } = {}) {
  const cache = new QuoteCache(4, T0, { ...options, tickLogCapacity: 8 });
  const slots = [A, B].map((id) => cache.register(NSE_FNO, id)) as [number, number];
  const log = new TickLog(8);
  log.moveTo(cache.tickRing as TickRing);
  cache.setFrameTime(T0 + 1);
  return { cache, slots, log, ltps: () => slots.map((s) => cache.ltp(s)) };
}

const loggedLtps = (log: TickLog): unknown =>
  log
    .since(
      0,
      8,
      () => '',
      (price) => price,
    )
    .map((t) => [t.securityId, t.ltp]);

describe('QuoteCache staged frames', () => {
  it('holds a staged frame until applyStaged, which applies it and counts its packet', () => {
    const { cache, slots, log, ltps } = cacheWithLog();
    expect(cache.stageFrame(tick(A, 101.5))).toBe(true);
    expect([ltps(), cache.pendingCount, log.total]).toEqual([[null, null], 0, 0]);
    expect(cache.applyStaged()).toBe(1);
    expect([ltps(), cache.pendingCount, log.total, cache.updatedAtMs(slots[0])]).toEqual([
      [101.5, null],
      1,
      1,
      T0 + 1,
    ]);
    expect(cache.applyStaged()).toBe(0);
  });

  it('stages only a frame that is exactly one packet of a kind it stores, at least that kind’s length', () => {
    const raw = (code: number, payloadBytes: number): Uint8Array =>
      encodeRaw(code, NSE_FNO, A, new Uint8Array(payloadBytes));
    const trailing = new Uint8Array(20);
    trailing.set(tick(A, 1));
    const cases: [string, Uint8Array, boolean][] = [
      ['ticker', raw(2, 8), true],
      ['quote', raw(4, 42), true],
      ['OI', raw(5, 4), true],
      ['previous close', raw(6, 8), true],
      ['full', raw(8, 154), true],
      ['a ticker declaring 4 bytes more than it needs', raw(2, 12), true],
      ['a ticker 4 bytes short', raw(2, 4), false],
      ['a ticker with bytes after it', trailing, false],
      ['two tickers', concatPackets([tick(A, 1), tick(B, 2)]), false],
      ['index', raw(1, 8), false],
      ['market status', raw(7, 0), false],
      ['disconnect', raw(50, 2), false],
      ['an unknown code', raw(99, 8), false],
      ['7 bytes', new Uint8Array(7).fill(2), false],
      ['a full packet declaring 600 bytes', raw(8, 592), false],
    ];
    const { cache } = cacheWithLog();
    expect(cases.map(([name, bytes]) => [name, cache.stageFrame(bytes)])).toEqual(
      cases.map(([name, , staged]) => [name, staged]),
    );
    expect(cacheWithLog({ hotPath: 'javascript' }).cache.stageFrame(tick(A, 1))).toBe(false);
    expect(cacheWithLog({ scratchBytes: 64 }).cache.stageFrame(raw(8, 154))).toBe(false);
  });

  it('applies staged frames before a frame it applies at once, and counts them in what applyFrame returns', () => {
    const { cache, log, ltps } = cacheWithLog();
    expect([cache.stageFrame(tick(A, 10)), cache.stageFrame(tick(B, 20))]).toEqual([true, true]);
    expect(cache.applyFrame(concatPackets([tick(A, 11), tick(B, 21)]))).toBe(4);
    expect(ltps()).toEqual([11, 21]);
    expect(cache.stageFrame(tick(A, 12))).toBe(true);
    expect(cache.applyStaged()).toBe(1);
    expect(loggedLtps(log)).toEqual([
      [A, 10],
      [B, 20],
      [A, 11],
      [B, 21],
      [A, 12],
    ]);
  });

  it('keeps the receive time a frame was staged under, and counts frames applied on the way at the next applyStaged', () => {
    const { cache, slots } = cacheWithLog();
    cache.setFrameTime(T0 + 5);
    cache.stageFrame(tick(A, 10));
    cache.setFrameTime(T0 + 9);
    cache.stageFrame(tick(B, 20));
    expect(cache.applyStaged()).toBe(2);
    expect(slots.map((s) => cache.updatedAtMs(s))).toEqual([T0 + 5, T0 + 9]);
  });

  it('applies staged frames before draining the batch queue', () => {
    const { cache, slots } = cacheWithLog();
    cache.stageFrame(tick(B, 20));
    const visited: number[] = [];
    expect(cache.drainDirty((slot) => visited.push(slot))).toBe(1);
    expect([visited, cache.ltp(slots[1]), cache.applyStaged()]).toEqual([[slots[1]], 20, 1]);
  });

  it('applies what it holds when the next frame would not fit in the scratch', () => {
    const { cache, ltps } = cacheWithLog({ scratchBytes: 64 });
    const staged = [10, 11, 12, 13].map((ltp) => cache.stageFrame(tick(A, ltp)));
    expect([staged, ltps()]).toEqual([
      [true, true, true, true],
      [null, null],
    ]);
    expect([cache.stageFrame(tick(B, 20)), ltps()]).toEqual([true, [13, null]]);
    expect([cache.applyStaged(), ltps()]).toEqual([5, [13, 20]]);
  });

  it('counts a staged packet for an instrument it does not hold as unknown, not as rejected', () => {
    const { cache } = cacheWithLog();
    cache.stageFrame(tick(99_999, 5));
    expect(cache.applyStaged()).toBe(1);
    const { unknownInstrument, rejected } = cache.counters;
    expect([unknownInstrument, cache.rejectedTotal, rejected]).toEqual([
      1,
      0,
      { CODEC_TRUNCATED: 0, CODEC_BAD_LENGTH: 0, CODEC_LENGTH_MISMATCH: 0, CODEC_UNKNOWN_CODE: 0 },
    ]);
  });

  // Random frames, a third of them single packets (the ones that can be staged), with random
  // turn ends: the WebAssembly cache stages what it can and applies the rest at once, the
  // JavaScript cache applies every frame as it comes. Both must end up the same.
  it.each([{ scratchBytes: undefined }, { scratchBytes: 64 }])(
    'leaves what applying each frame at once leaves: values, counters, batch queue and tick log (scratch $scratchBytes)',
    ({ scratchBytes }) => {
      const step = fc.tuple(
        fc.oneof({ weight: 2, arbitrary: frame }, { weight: 1, arbitrary: packet }),
        fc.boolean(),
      );
      fc.assert(
        fc.property(
          fc.array(step, { minLength: 1, maxLength: 16 }),
          fc.nat(9),
          watchedSlots,
          (steps, drainEvery, watch) => {
            const { hot, js, logs } = twin(scratchBytes === undefined ? {} : { scratchBytes });
            hot.queueOnly(watch);
            js.queueOnly(watch);
            const delivered = { staged: 0, atOnce: 0 };
            const queued: [number[], number[]] = [[], []];
            let turn = 0;
            for (const cache of [hot, js]) cache.setFrameTime(T0);
            steps.forEach(([bytes, turnEnds], i) => {
              delivered.atOnce += js.applyFrame(bytes);
              if (!hot.stageFrame(bytes)) delivered.staged += hot.applyFrame(bytes);
              if (turnEnds) {
                delivered.staged += hot.applyStaged();
                turn++;
                for (const cache of [hot, js]) cache.setFrameTime(T0 + turn);
              }
              if (i % (drainEvery + 1) === 0) {
                hot.drainDirty((slot) => queued[0].push(slot));
                js.drainDirty((slot) => queued[1].push(slot));
              }
            });
            delivered.staged += hot.applyStaged();
            expect(delivered.staged).toBe(delivered.atOnce);
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
});
