import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuoteCache } from '../../../src/shared/cache/quote-cache';
import { frameView, walkFrame, type CodecErrorCode } from '../../../src/shared/feed/feed-decoder';
import { decodeFrame } from '../../../src/shared/feed/feed-packets';
import {
  concatPackets,
  encodeDisconnect,
  encodeFull,
  encodeOi,
  encodePrevClose,
  encodeQuote,
  encodeTicker,
} from '../../../src/shared/feed/feed-encoder';

/** Walks a frame and checks the walker's invariants; returns what it saw. */
function walkChecked(frame: Uint8Array): { packets: number; rejections: CodecErrorCode[] } {
  let consumed = 0;
  let packets = 0;
  const rejections: CodecErrorCode[] = [];
  const delivered = walkFrame(frameView(frame), {
    packet(_code, _segment, _securityId, _view, offset, length) {
      // Packets arrive in order, inside the frame, without overlap.
      expect(offset).toBe(consumed);
      expect(offset + length).toBeLessThanOrEqual(frame.length);
      consumed = offset + length;
      packets++;
    },
    reject(error, offset, _code, declaredLength) {
      expect(offset).toBeGreaterThanOrEqual(consumed);
      expect(offset).toBeLessThan(frame.length);
      if (error === 'CODEC_UNKNOWN_CODE' || error === 'CODEC_LENGTH_MISMATCH') consumed = offset + declaredLength;
      rejections.push(error);
    },
  });
  expect(delivered).toBe(packets);
  return { packets, rejections };
}

const VALID_PACKETS: readonly Uint8Array[] = [
  encodeTicker({ segment: 2, securityId: 40001, ltp: 101.25, lttEpochS: 1_700_000_000 }),
  encodeOi({ segment: 2, securityId: 40001, oi: 1_500 }),
  encodePrevClose({ segment: 8, securityId: 800_123, prevClose: 55.5, prevOi: 75_000 }),
  encodeQuote({ segment: 0, securityId: 13, ltp: 25_000.5, ltq: 0, lttEpochS: 1, atp: 25_001, volume: 0, totalSellQty: 0, totalBuyQty: 0, open: 24_900, close: 0, high: 25_100, low: 24_850 }),
  encodeFull({ segment: 2, securityId: 40002, ltp: 152.3, ltq: 75, lttEpochS: 2, atp: 150, volume: 9, totalSellQty: 1, totalBuyQty: 2, oi: 3, oiDayHigh: 4, oiDayLow: 1, open: 1, close: 0, high: 2, low: 0.5, depth: [{ bidQty: 75, askQty: 150, bidOrders: 1, askOrders: 2, bidPrice: 152.25, askPrice: 152.35 }] }),
  encodeDisconnect({ segment: 0, securityId: 0, reason: 805 }),
];

/** mulberry32: a tiny seeded PRNG so the corpus is the same bytes on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** 10 000 frames: a third random bytes, two thirds valid frames with bytes flipped, cut, stretched or spliced. */
function corpus(): Uint8Array[] {
  const random = prng(20_261_125);
  const int = (n: number): number => Math.floor(random() * n);
  const frames: Uint8Array[] = [];
  for (let i = 0; i < 10_000; i++) {
    if (i % 3 === 0) {
      frames.push(Uint8Array.from({ length: int(400) }, () => int(256)));
      continue;
    }
    const parts = Array.from({ length: 1 + int(4) }, () => VALID_PACKETS[int(VALID_PACKETS.length)] as Uint8Array);
    const frame = concatPackets(parts).slice();
    switch (i % 5) {
      case 0:
        for (let k = 0; k < 1 + int(4); k++) frame[int(frame.length)] = int(256);
        frames.push(frame);
        break;
      case 1:
        frames.push(frame.subarray(0, int(frame.length)));
        break;
      case 2: // corrupt a length field
        frame[1] = int(256);
        frame[2] = int(3);
        frames.push(frame);
        break;
      case 3: // splice random bytes into the middle
        frames.push(concatPackets([frame.subarray(0, int(frame.length)), Uint8Array.from({ length: int(40) }, () => int(256))]));
        break;
      default:
        frames.push(frame);
    }
  }
  return frames;
}

describe('feed decoder under bad input', () => {
  it('never throws, stays inside the frame and accounts for every byte on arbitrary frames (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 1_024 }), (bytes) => {
        const { packets, rejections } = walkChecked(bytes);
        // Anything that was not framed as packets is reported; an empty frame reports nothing.
        if (bytes.length > 0 && packets === 0) expect(rejections.length).toBeGreaterThan(0);
      }),
      { numRuns: 5_000, seed: 42 },
    );
  });

  it('survives valid frames with any byte changed (property)', () => {
    const base = concatPackets([...VALID_PACKETS]);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(base.length - 1), fc.nat(255)), { minLength: 1, maxLength: 8 }), fc.nat(base.length), (edits, cut) => {
        const frame = base.slice(0, cut);
        for (const [at, value] of edits) if (at < frame.length) frame[at] = value;
        walkChecked(frame);
        expect(() => decodeFrame(frame)).not.toThrow();
      }),
      { numRuns: 5_000, seed: 7 },
    );
  });

  it('walks a fixed corpus of 10 000 random and mutated frames and counts every rejection', () => {
    const frames = corpus();
    const digest = createHash('sha256');
    for (const f of frames) digest.update(f);
    // The corpus is generated from a fixed seed: this pins it to the same bytes everywhere.
    expect(frames).toHaveLength(10_000);
    expect(digest.digest('hex').slice(0, 16)).toBe(CORPUS_DIGEST);
    const cache = new QuoteCache(16, 0);
    for (const id of [40001, 40002]) cache.register(2, id);
    cache.register(8, 800_123);
    cache.register(0, 13);
    let packets = 0;
    const seen: Record<CodecErrorCode, number> = { CODEC_TRUNCATED: 0, CODEC_BAD_LENGTH: 0, CODEC_LENGTH_MISMATCH: 0, CODEC_UNKNOWN_CODE: 0 };
    for (const frame of frames) {
      const result = walkChecked(frame);
      packets += result.packets;
      for (const r of result.rejections) seen[r]++;
      walkFrame(frameView(frame), cache);
    }
    // The cache counted exactly what the walker rejected.
    expect(cache.counters.rejected).toEqual(seen);
    expect({ packets, ...seen }).toEqual(CORPUS_OUTCOME);
  });
});

const CORPUS_DIGEST = '85961c0698f322e2';
/**
 * What the walker makes of the corpus. Pinned so any change in framing or validation rules
 * shows up here and is reviewed, not slipped in.
 */
const CORPUS_OUTCOME = {
  packets: 8_888,
  CODEC_TRUNCATED: 7_318,
  CODEC_BAD_LENGTH: 141,
  CODEC_LENGTH_MISMATCH: 82,
  CODEC_UNKNOWN_CODE: 124,
};
