// Expected bytes were produced independently with Python's struct module using the layouts
// from ../shared/docs/dhanhq-v2.md (e.g. struct.pack('<BHBIfI', 2, 16, 0, 13, 24964.25, 1737791100)).
import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../../../src/shared/feed/feed-packets';
import {
  concatPackets,
  encodeDisconnect,
  encodeFull,
  encodeOi,
  encodePrevClose,
  encodeQuote,
  encodeRaw,
  encodeTicker,
} from '../../../src/shared/feed/feed-encoder';
import type { FullFields, QuoteFields } from '../../../src/shared/feed/feed-packets';

const hex = (s: string): Uint8Array => Uint8Array.from(s.trim().split(/\s+/).map((b) => Number.parseInt(b, 16)));
const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

const QUOTE: QuoteFields = {
  segment: 2,
  securityId: 55796,
  ltp: 152.3,
  ltq: 75,
  lttEpochS: 1_737_791_100,
  atp: 150.5,
  volume: 1_234_500,
  totalSellQty: 98_000,
  totalBuyQty: 87_500,
  open: 140,
  close: 0,
  high: 160.25,
  low: 138.75,
};

const FULL: FullFields = {
  ...QUOTE,
  oi: 4_500_000,
  oiDayHigh: 4_600_000,
  oiDayLow: 4_100_000,
  depth: [
    { bidQty: 750, askQty: 1500, bidOrders: 3, askOrders: 5, bidPrice: 152.25, askPrice: 152.35 },
    { bidQty: 900, askQty: 1200, bidOrders: 4, askOrders: 2, bidPrice: 152.2, askPrice: 152.4 },
    { bidQty: 1050, askQty: 600, bidOrders: 6, askOrders: 1, bidPrice: 152.15, askPrice: 152.45 },
    { bidQty: 75, askQty: 300, bidOrders: 1, askOrders: 2, bidPrice: 152.1, askPrice: 152.5 },
    { bidQty: 2250, askQty: 75, bidOrders: 9, askOrders: 1, bidPrice: 152.05, askPrice: 152.55 },
  ],
};

describe('feed codec: header and the real captured Full packet', () => {
  it('decodes the captured prefix 08 a2 00 02 f4 d9 00 00 cd 4c 18 43 4b 00 as code 8, length 162, NSE_FNO, 55796, LTP 152.30, LTQ 75', () => {
    const packet = new Uint8Array(162);
    packet.set(hex('08 a2 00 02 f4 d9 00 00 cd 4c 18 43 4b 00'));
    const { packets, rejections } = decodeFrame(packet);
    expect(rejections).toEqual([]);
    expect(packets).toHaveLength(1);
    const full = packets[0];
    if (full?.kind !== 'full') throw new Error('expected a full packet');
    expect(full.segment).toBe(2);
    expect(full.securityId).toBe(55796);
    expect(full.ltp).toBe(Math.fround(152.3));
    expect(full.ltq).toBe(75);
    expect(full.depth).toHaveLength(5);
  });

  it('encodes a full packet whose first 14 bytes equal the real capture', () => {
    const bytes = encodeFull({ ...FULL, ltp: 152.3, ltq: 75 });
    expect(bytes.length).toBe(162);
    expect(toHex(bytes.subarray(0, 14))).toBe('08 a2 00 02 f4 d9 00 00 cd 4c 18 43 4b 00');
  });
});

describe('feed codec: byte-exact vectors for each packet type', () => {
  it('encodes and decodes a ticker packet (code 2, 16 bytes)', () => {
    const bytes = encodeTicker({ segment: 0, securityId: 13, ltp: 24964.25, lttEpochS: 1_737_791_100 });
    expect(toHex(bytes)).toBe('02 10 00 00 0d 00 00 00 80 08 c3 46 7c 96 94 67');
    expect(decodeFrame(bytes).packets).toEqual([
      { kind: 'ticker', segment: 0, securityId: 13, ltp: 24964.25, lttEpochS: 1_737_791_100 },
    ]);
  });

  it('encodes and decodes a prev-close packet (code 6, 16 bytes)', () => {
    const bytes = encodePrevClose({ segment: 2, securityId: 40000, prevClose: 120.5, prevOi: 3_000_000 });
    expect(toHex(bytes)).toBe('06 10 00 02 40 9c 00 00 00 00 f1 42 c0 c6 2d 00');
    expect(decodeFrame(bytes).packets).toEqual([
      { kind: 'prev-close', segment: 2, securityId: 40000, prevClose: 120.5, prevOi: 3_000_000 },
    ]);
  });

  it('encodes and decodes an OI packet (code 5, 12 bytes)', () => {
    const bytes = encodeOi({ segment: 8, securityId: 1_145_236, oi: 123_456 });
    expect(toHex(bytes)).toBe('05 0c 00 08 94 79 11 00 40 e2 01 00');
    expect(decodeFrame(bytes).packets).toEqual([{ kind: 'oi', segment: 8, securityId: 1_145_236, oi: 123_456 }]);
  });

  it('encodes and decodes a quote packet (code 4, 50 bytes) with OHLC at offsets 34..49', () => {
    const bytes = encodeQuote(QUOTE);
    expect(bytes.length).toBe(50);
    expect(toHex(bytes.subarray(0, 18))).toBe('04 32 00 02 f4 d9 00 00 cd 4c 18 43 4b 00 7c 96 94 67');
    expect(toHex(bytes.subarray(34, 50))).toBe('00 00 0c 43 00 00 00 00 00 40 20 43 00 c0 0a 43');
    const decoded = decodeFrame(bytes).packets[0];
    expect(decoded).toEqual({ kind: 'quote', ...QUOTE, ltp: Math.fround(152.3) });
  });

  it('decodes a full packet with five depth levels at offset 62, 20 bytes each', () => {
    const bytes = encodeFull(FULL);
    // OI at 34, OHLC from 46 (12 bytes later than in a quote packet).
    expect(toHex(bytes.subarray(34, 46))).toBe('20 aa 44 00 c0 30 46 00 a0 8f 3e 00');
    expect(toHex(bytes.subarray(46, 50))).toBe('00 00 0c 43');
    // Level 0: bid qty 750, ask qty 1500, 3 and 5 orders, bid 152.25, ask 152.35.
    expect(toHex(bytes.subarray(62, 82))).toBe('ee 02 00 00 dc 05 00 00 03 00 05 00 00 40 18 43 9a 59 18 43');
    const decoded = decodeFrame(bytes).packets[0];
    if (decoded?.kind !== 'full') throw new Error('expected full');
    expect(decoded.oi).toBe(4_500_000);
    expect(decoded.oiDayHigh).toBe(4_600_000);
    expect(decoded.oiDayLow).toBe(4_100_000);
    expect(decoded.open).toBe(140);
    expect(decoded.high).toBe(160.25);
    expect(decoded.low).toBe(138.75);
    expect(decoded.depth.map((d) => [d.bidQty, d.askQty, d.bidOrders, d.askOrders])).toEqual([
      [750, 1500, 3, 5],
      [900, 1200, 4, 2],
      [1050, 600, 6, 1],
      [75, 300, 1, 2],
      [2250, 75, 9, 1],
    ]);
    expect(decoded.depth.map((d) => [d.bidPrice, d.askPrice])).toEqual(
      FULL.depth.map((d) => [Math.fround(d.bidPrice), Math.fround(d.askPrice)]),
    );
  });

  it('decodes a disconnect packet (code 50, 10 bytes) with reason 807', () => {
    const bytes = encodeDisconnect({ segment: 0, securityId: 0, reason: 807 });
    expect(toHex(bytes)).toBe('32 0a 00 00 00 00 00 00 27 03');
    expect(decodeFrame(bytes).packets).toEqual([{ kind: 'disconnect', segment: 0, securityId: 0, reason: 807 }]);
  });

  it('keeps the raw bytes of undocumented market-status (7) and index (1) packets', () => {
    const status = encodeRaw(7, 0, 0, Uint8Array.of(2, 0));
    const index = encodeRaw(1, 0, 13, Uint8Array.of(1, 2, 3, 4));
    const { packets, rejections } = decodeFrame(concatPackets([status, index]));
    expect(rejections).toEqual([]);
    expect(packets).toEqual([
      { kind: 'market-status', segment: 0, securityId: 0, code: 7, payload: Uint8Array.of(2, 0) },
      { kind: 'index', segment: 0, securityId: 13, code: 1, payload: Uint8Array.of(1, 2, 3, 4) },
    ]);
  });
});

describe('feed codec: framing', () => {
  const ticker = encodeTicker({ segment: 2, securityId: 1001, ltp: 10.5, lttEpochS: 100 });
  const oi = encodeOi({ segment: 2, securityId: 1001, oi: 5000 });
  const full = encodeFull(FULL);
  const frame = concatPackets([ticker, full, oi]);

  it('decodes several packets in one frame by their length fields', () => {
    const { packets, rejections } = decodeFrame(frame);
    expect(rejections).toEqual([]);
    expect(packets.map((p) => p.kind)).toEqual(['ticker', 'full', 'oi']);
  });

  it('decodes a packet inside a larger pooled buffer without reading outside its slice', () => {
    const pool = new Uint8Array(64);
    pool.fill(0xff);
    pool.set(ticker, 24);
    const { packets, rejections } = decodeFrame(pool.subarray(24, 40));
    expect(rejections).toEqual([]);
    expect(packets).toEqual([{ kind: 'ticker', segment: 2, securityId: 1001, ltp: 10.5, lttEpochS: 100 }]);
  });

  it('at every split point, decodes the whole packets before it and reports one truncation, never throwing', () => {
    const boundaries = new Set([0, 16, 178, 190]);
    for (let cut = 1; cut < frame.length; cut++) {
      const head = decodeFrame(frame.subarray(0, cut));
      const complete = cut >= 178 ? 2 : cut >= 16 ? 1 : 0;
      expect(head.packets).toHaveLength(complete);
      if (boundaries.has(cut)) {
        expect(head.rejections).toEqual([]);
      } else {
        expect(head.rejections).toHaveLength(1);
        expect(head.rejections[0]?.error).toBe('CODEC_TRUNCATED');
      }
      // The tail starts mid-packet: whatever it holds is rejected or decoded, never thrown.
      expect(() => decodeFrame(frame.subarray(cut))).not.toThrow();
    }
  });

  it('skips an unknown code by its declared length and decodes what follows', () => {
    const unknown = encodeRaw(99, 2, 7, new Uint8Array(4));
    const { packets, rejections } = decodeFrame(concatPackets([unknown, ticker]));
    expect(rejections).toEqual([{ error: 'CODEC_UNKNOWN_CODE', offset: 0, code: 99, declaredLength: 12 }]);
    expect(packets.map((p) => p.kind)).toEqual(['ticker']);
  });

  it('reports length 0 as CODEC_BAD_LENGTH and abandons the rest of the frame', () => {
    const bad = encodeRaw(2, 2, 7, new Uint8Array(8), 0);
    const { packets, rejections } = decodeFrame(concatPackets([ticker, bad, ticker]));
    expect(packets).toHaveLength(1);
    expect(rejections).toEqual([{ error: 'CODEC_BAD_LENGTH', offset: 16, code: 2, declaredLength: 0 }]);
  });

  it('reports a declared length longer than the frame as CODEC_TRUNCATED', () => {
    const long = encodeRaw(2, 2, 7, new Uint8Array(8), 400);
    const { packets, rejections } = decodeFrame(long);
    expect(packets).toEqual([]);
    expect(rejections).toEqual([{ error: 'CODEC_TRUNCATED', offset: 0, code: 2, declaredLength: 400 }]);
  });

  it('reports a known code shorter than its layout as CODEC_LENGTH_MISMATCH and continues', () => {
    const short = encodeRaw(8, 2, 7, new Uint8Array(12));
    const { packets, rejections } = decodeFrame(concatPackets([short, ticker]));
    expect(rejections).toEqual([{ error: 'CODEC_LENGTH_MISMATCH', offset: 0, code: 8, declaredLength: 20 }]);
    expect(packets.map((p) => p.kind)).toEqual(['ticker']);
  });

  it('decodes the known prefix of a packet longer than its layout and skips the extra bytes', () => {
    const longer = new Uint8Array(20);
    longer.set(ticker);
    new DataView(longer.buffer).setUint16(1, 20, true);
    const { packets, rejections } = decodeFrame(concatPackets([longer, oi]));
    expect(rejections).toEqual([]);
    expect(packets.map((p) => p.kind)).toEqual(['ticker', 'oi']);
  });

  it('reports fewer than 8 trailing bytes as CODEC_TRUNCATED', () => {
    const { packets, rejections } = decodeFrame(concatPackets([ticker, Uint8Array.of(2, 16, 0)]));
    expect(packets).toHaveLength(1);
    expect(rejections).toEqual([{ error: 'CODEC_TRUNCATED', offset: 16, code: 2, declaredLength: 3 }]);
  });

  it('decodes an empty frame to nothing', () => {
    expect(decodeFrame(new Uint8Array(0))).toEqual({ packets: [], rejections: [] });
  });
});
