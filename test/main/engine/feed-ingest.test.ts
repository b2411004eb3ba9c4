import { describe, expect, it } from 'vitest';
import { FeedIngest } from '../../../src/main/engine/feed-ingest';
import { createMemoryLogger } from '../../../src/main/logging/logger';
import { Redactor } from '../../../src/main/logging/redactor';
import { QuoteCache } from '../../../src/shared/cache/quote-cache';
import { TickLog } from '../../../src/shared/cache/tick-log';
import { concatPackets, encodeRaw, encodeTicker } from '../../../src/shared/feed/feed-encoder';
import { ManualClock } from '../../../src/shared/util/clock';

const NSE_FNO = 2;

function setup(startMs = 1_000) {
  const clock = new ManualClock(startMs);
  const tickLog = new TickLog(16);
  const cache = new QuoteCache(8, 0, { tickLogCapacity: tickLog.capacity });
  const { logger, lines } = createMemoryLogger(new Redactor(), 'debug');
  const ingest = new FeedIngest(cache, tickLog, clock, logger);
  const slots = [41, 42, 43].map((id) => cache.register(NSE_FNO, id));
  return { clock, cache, tickLog, ingest, lines, slots };
}

const tick = (securityId: number, ltp: number): Uint8Array => encodeTicker({ segment: NSE_FNO, securityId, ltp, lttEpochS: 7 });

describe('FeedIngest', () => {
  it('stamps frames of one event-loop turn with one receive time and reads the clock again next turn', async () => {
    const { clock, cache, ingest, slots } = setup(1_000);
    ingest.onFrame(tick(41, 10));
    clock.set(2_000);
    ingest.onFrame(tick(42, 11));
    await Promise.resolve();
    clock.set(3_000);
    ingest.onFrame(tick(43, 12));
    await Promise.resolve();
    expect(slots.map((s) => cache.updatedAtMs(s))).toEqual([1_000, 1_000, 3_000]);
  });

  it('applies the one-packet frames of a turn together when the turn ends, before anything else runs', async () => {
    const { cache, tickLog, ingest, slots } = setup();
    ingest.onFrame(tick(41, 10));
    ingest.onFrame(tick(42, 11));
    const during = [slots.map((s) => cache.ltp(s)), ingest.framesReceived, ingest.packetsDelivered, tickLog.total];
    await Promise.resolve();
    const after = [slots.map((s) => cache.ltp(s)), ingest.framesReceived, ingest.packetsDelivered, tickLog.total];
    expect([during, after]).toEqual([
      [[null, null, null], 2, 0, 0],
      [[10, 11, null], 2, 2, 2],
    ]);
  });

  it('applies the frames staged before a frame it cannot stage first, so a later tick is never overwritten by an earlier one', () => {
    const { cache, ingest, slots } = setup();
    ingest.onFrame(tick(41, 10));
    ingest.onFrame(concatPackets([tick(41, 11), tick(42, 12)]));
    expect([slots.map((s) => cache.ltp(s)), ingest.packetsDelivered]).toEqual([[11, 12, null], 3]);
  });

  it('counts and logs a failure to apply the staged frames', async () => {
    const { cache, ingest, lines } = setup();
    cache.applyStaged = () => {
      throw new Error('staged frames lost');
    };
    ingest.onFrame(tick(41, 10));
    await Promise.resolve();
    expect(ingest.ingestErrors).toBe(1);
    expect(lines().filter((l) => l.includes('feed frame processing failed') && l.includes('staged frames lost'))).toHaveLength(1);
  });

  it('applies frames that are slices of one socket buffer, each only within its own bytes', () => {
    const { cache, tickLog, ingest, slots } = setup();
    const chunk = new Uint8Array(64).fill(0xee);
    chunk.set(tick(41, 10.5), 3);
    chunk.set(concatPackets([tick(42, 11.5), tick(43, 12.5)]), 19);
    ingest.onFrame(chunk.subarray(3, 19));
    ingest.onFrame(chunk.subarray(19, 51));
    expect(slots.map((s) => cache.ltp(s))).toEqual([10.5, 11.5, 12.5]);
    expect([ingest.framesReceived, ingest.packetsDelivered, tickLog.total]).toEqual([2, 3, 3]);
    expect(cache.counters.rejected).toEqual({ CODEC_TRUNCATED: 0, CODEC_BAD_LENGTH: 0, CODEC_LENGTH_MISMATCH: 0, CODEC_UNKNOWN_CODE: 0 });
  });

  it('counts a rejected packet and logs its offset within the frame, not within the socket buffer', () => {
    const { cache, ingest, lines } = setup();
    const chunk = new Uint8Array(80);
    const frame = concatPackets([tick(41, 10), encodeRaw(99, NSE_FNO, 42, new Uint8Array(4))]);
    chunk.set(frame, 30);
    ingest.onFrame(chunk.subarray(30, 30 + frame.length));
    expect(cache.counters.rejected.CODEC_UNKNOWN_CODE).toBe(1);
    const warning = lines().map((l) => JSON.parse(l) as { msg: string; offset?: number; code?: string }).find((l) => l.msg === 'feed packet rejected');
    expect(warning).toMatchObject({ code: 'CODEC_UNKNOWN_CODE', offset: 16 });
  });

  it('counts and logs a recorder that throws, and never lets the error reach the socket', () => {
    const { ingest, lines } = setup();
    ingest.setRecorder({
      write() {
        throw new Error('disk full');
      },
    });
    expect(() => ingest.onFrame(tick(41, 10))).not.toThrow();
    expect(ingest.ingestErrors).toBe(1);
    expect(lines().some((l) => l.includes('feed frame processing failed') && l.includes('disk full'))).toBe(true);
  });
});
