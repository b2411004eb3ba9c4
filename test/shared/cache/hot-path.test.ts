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
import { TickLog } from '../../../src/shared/cache/tick-log';
import { concatPackets, encodeTicker } from '../../../src/shared/feed/feed-encoder';
import { everything, frame, NSE_FNO, ticks, TICKS, twin, watchedSlots } from './hot-path-fixtures';

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
