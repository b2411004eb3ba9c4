import { describe, expect, it } from 'vitest';
import { scanFeedFrame, type FrameScan } from '../../../src/main/dhan/feed-frame-scan';
import {
  concatPackets,
  encodeDisconnect,
  encodeOi,
  encodeRaw,
  encodeTicker,
} from '../../../src/shared/feed/feed-encoder';

const scan = (bytes: Uint8Array): FrameScan => {
  const out = { packets: -1, disconnectReason: -2 };
  scanFeedFrame(bytes, out);
  return out;
};

const tick = encodeTicker({ segment: 2, securityId: 55_796, ltp: 152.3, lttEpochS: 1 });

describe('header-only frame scan', () => {
  it('counts one packet in a one-tick frame', () => {
    expect(scan(tick)).toEqual({ packets: 1, disconnectReason: -1 });
  });

  it('counts every packet of a frame holding several', () => {
    expect(scan(concatPackets([tick, encodeOi({ segment: 2, securityId: 1, oi: 5 }), tick]))).toEqual({
      packets: 3,
      disconnectReason: -1,
    });
  });

  it('finds the reason of a disconnect packet', () => {
    expect(scan(encodeDisconnect({ segment: 0, securityId: 0, reason: 807 }))).toEqual({
      packets: 1,
      disconnectReason: 807,
    });
    expect(scan(concatPackets([tick, encodeDisconnect({ segment: 0, securityId: 0, reason: 805 })]))).toEqual(
      {
        packets: 2,
        disconnectReason: 805,
      },
    );
  });

  it('stops counting at a packet that declares more bytes than remain, or fewer than a header', () => {
    expect(scan(concatPackets([tick, tick.slice(0, 12)]))).toEqual({ packets: 1, disconnectReason: -1 });
    expect(scan(concatPackets([tick, encodeRaw(2, 2, 1, new Uint8Array(0), 4), tick]))).toEqual({
      packets: 1,
      disconnectReason: -1,
    });
    expect(scan(new Uint8Array([2, 16, 0]))).toEqual({ packets: 0, disconnectReason: -1 });
  });

  it('ignores a code-50 packet too short to carry a reason', () => {
    expect(scan(encodeRaw(50, 0, 0, new Uint8Array(0)))).toEqual({ packets: 1, disconnectReason: -1 });
  });
});
