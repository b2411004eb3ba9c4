import { describe, expect, it } from 'vitest';
import { walkPackets, type CodecErrorCode } from '../../../src/shared/feed/feed-decoder';
import { concatPackets, encodeRaw, encodeTicker } from '../../../src/shared/feed/feed-encoder';

describe('walkPackets', () => {
  it('walks only the frame inside a larger buffer and gives offsets into that buffer', () => {
    const frame = concatPackets([
      encodeTicker({ segment: 2, securityId: 41, ltp: 10.5, lttEpochS: 1 }),
      encodeTicker({ segment: 2, securityId: 42, ltp: 11.5, lttEpochS: 2 }),
    ]);
    const pooled = new Uint8Array(100).fill(0xee);
    pooled.set(frame, 40);
    const seen: [number, number, number][] = [];
    const delivered = walkPackets(new DataView(pooled.buffer), 40, 40 + frame.length, {
      packet(_code, _segment, securityId, view, offset) {
        seen.push([securityId, offset, view.getFloat32(offset + 8, true)]);
      },
      reject() {
        throw new Error('no rejection expected');
      },
    });
    expect(delivered).toBe(2);
    expect(seen).toEqual([
      [41, 40, 10.5],
      [42, 56, 11.5],
    ]);
  });

  it('reports a truncated tail at its offset in the buffer and reads nothing past the frame end', () => {
    const frame = concatPackets([
      encodeTicker({ segment: 2, securityId: 41, ltp: 10.5, lttEpochS: 1 }),
      encodeRaw(2, 2, 43, new Uint8Array(8)),
    ]);
    const pooled = new Uint8Array(64);
    pooled.set(frame, 8);
    const rejections: [CodecErrorCode, number][] = [];
    const delivered = walkPackets(new DataView(pooled.buffer), 8, 8 + 16 + 10, {
      packet() {},
      reject(error, offset) {
        rejections.push([error, offset]);
      },
    });
    expect(delivered).toBe(1);
    expect(rejections).toEqual([['CODEC_TRUNCATED', 24]]);
  });
});
