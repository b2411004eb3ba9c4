/**
 * A full packet's bytes 18–161 reach the cache as eighteen float64 copies (QuoteCache.copyFull).
 * Eight bytes that happen to spell a NaN, an infinity, a negative zero or a subnormal must still
 * arrive bit for bit — an engine that canonicalised NaNs on the way would zero a neighbouring
 * field. Integer fields are set to values that make the double they sit in exactly such a
 * pattern, and prices to raw NaN bit patterns; every field must read back exactly, both the
 * first time (interpreted) and after enough packets that V8 has optimised the path.
 */
import { describe, expect, it } from 'vitest';
import { QuoteCache } from '../../../src/shared/cache/quote-cache';
import { frameView, walkFrame } from '../../../src/shared/feed/feed-decoder';
import { writeFull } from '../../../src/shared/feed/feed-encoder';
import { DEPTH, FULL, PACKET_BYTES, FEED_CODE } from '../../../src/shared/feed/feed-layout';
import { blankFullFields, type FullFieldsScratch } from '../../../src/shared/feed/feed-packets';
import { DEPTH_WORD, RECORD, WORD } from '../../../src/shared/cache/quote-record';

const NSE_FNO = 2;
const FULL_BYTES = PACKET_BYTES[FEED_CODE.FULL] as number;

/** As the high word of a little-endian double: +∞, signalling NaNs, quiet NaNs, −0, a subnormal, the largest values. */
const SPECIAL_WORDS = [
  0x7ff0_0000, 0x7ff0_0001, 0x7ff7_ffff, 0x7ff8_0000, 0x7fff_ffff, 0xfff0_0001, 0xfff8_0000, 0xffff_ffff,
  0x8000_0000, 0x000f_ffff, 0x0000_0000, 0xdead_beef,
];
/** Raw float32 words written over prices: NaNs whose bits also make the double around them a NaN. */
const NAN_PRICE_WORDS = [0x7ff0_0001, 0xfff8_0000, 0x7fff_ffff];
const CASES = 48;

interface Expected {
  readonly ints: number[];
  readonly prices: number[];
}

function special(i: number, field: number): number {
  return SPECIAL_WORDS[(i * 7 + field) % SPECIAL_WORDS.length] as number;
}

/** Case i's fields: every integer a special word, every price finite. */
function fieldsFor(i: number, full: FullFieldsScratch): void {
  full.segment = NSE_FNO;
  full.securityId = 50_000 + i;
  full.ltp = 100.5 + i;
  full.ltq = 75;
  full.lttEpochS = 1_737_970_200;
  full.atp = 99.25 + i;
  full.volume = special(i, 0);
  full.totalSellQty = special(i, 1);
  full.totalBuyQty = special(i, 2);
  full.oi = special(i, 3);
  full.oiDayHigh = special(i, 4);
  full.oiDayLow = special(i, 5);
  full.open = 98.5;
  full.close = 97.75;
  full.high = 110.25;
  full.low = 90.125;
  full.depth.forEach((level, l) => {
    const orders = special(i, 8 + l);
    level.bidQty = special(i, 13 + l);
    level.askQty = special(i, 18 + l);
    level.bidOrders = orders & 0xffff;
    level.askOrders = orders >>> 16;
    level.bidPrice = 100 - l * 0.05;
    level.askPrice = 100.05 + l * 0.05;
  });
}

/** Builds one frame of CASES full packets; every third case carries raw NaN words as prices. */
function buildFrame(): { frame: Uint8Array; expected: Expected[] } {
  const frame = new Uint8Array(CASES * FULL_BYTES);
  const view = new DataView(frame.buffer);
  const full = blankFullFields();
  const expected: Expected[] = [];
  for (let i = 0; i < CASES; i++) {
    const at = i * FULL_BYTES;
    fieldsFor(i, full);
    writeFull(view, at, full);
    const nanPrices = i % 3 === 0;
    if (nanPrices) {
      const word = NAN_PRICE_WORDS[i % NAN_PRICE_WORDS.length] as number;
      for (const offset of [FULL.ATP, FULL.OPEN, FULL.HIGH]) view.setUint32(at + offset, word, true);
      for (let l = 0; l < DEPTH.LEVELS; l++)
        view.setUint32(at + FULL.DEPTH + l * DEPTH.LEVEL_BYTES + DEPTH.ASK_PRICE, word, true);
    }
    expected.push({
      ints: [
        full.volume,
        full.totalSellQty,
        full.totalBuyQty,
        full.oi,
        full.oiDayHigh,
        full.oiDayLow,
        ...full.depth.flatMap((d) => [d.bidQty, d.askQty, d.bidOrders, d.askOrders]),
      ],
      prices: [
        nanPrices ? Number.NaN : Math.fround(full.atp),
        nanPrices ? Number.NaN : Math.fround(full.open),
        Math.fround(full.close),
        nanPrices ? Number.NaN : Math.fround(full.high),
        Math.fround(full.low),
        ...full.depth.flatMap((d) => [
          Math.fround(d.bidPrice),
          nanPrices ? Number.NaN : Math.fround(d.askPrice),
        ]),
      ],
    });
  }
  return { frame, expected };
}

function readBack(cache: QuoteCache, slot: number): Expected {
  const levels = Array.from({ length: DEPTH.LEVELS }, (_, l) => cache.depthLevel(slot, l));
  return {
    ints: [
      cache.volume(slot) as number,
      cache.totalSellQty(slot) as number,
      cache.totalBuyQty(slot) as number,
      cache.oi(slot) as number,
      cache.oiDayHigh(slot) as number,
      cache.oiDayLow(slot) as number,
      ...levels.flatMap((d) => [d?.bidQty, d?.askQty, d?.bidOrders, d?.askOrders] as number[]),
    ],
    prices: [
      cache.atp(slot) as number,
      cache.open(slot) as number,
      cache.close(slot) as number,
      cache.high(slot) as number,
      cache.low(slot) as number,
      ...levels.flatMap((d) => [d?.bidPrice, d?.askPrice] as number[]),
    ],
  };
}

describe('QuoteCache full-packet block copy', () => {
  it('keeps every field bit for bit when the bytes spell NaNs, infinities, −0 and subnormals', () => {
    const { frame, expected } = buildFrame();
    const cache = new QuoteCache(CASES, 0);
    const slots = expected.map((_, i) => cache.register(NSE_FNO, 50_000 + i));
    const view = frameView(frame);

    cache.setFrameTime(1_000);
    expect(walkFrame(view, cache)).toBe(CASES);
    expect(slots.map((slot) => readBack(cache, slot))).toEqual(expected);

    // 4 000 × 48 packets: enough for V8 to optimise the walk and the copy.
    for (let round = 0; round < 4_000; round++) {
      walkFrame(view, cache);
      cache.drainDirty(() => undefined);
    }
    expect(slots.map((slot) => readBack(cache, slot))).toEqual(expected);
    expect(cache.counters.applied).toBe(4_001 * CASES);
  });

  it('lays the cold record out as the wire does from ATP to the last depth word, ATP on an even word', () => {
    const wordOf = (wireOffset: number): number => WORD.ATP + (wireOffset - FULL.ATP) / 4;
    expect([
      wordOf(FULL.VOLUME),
      wordOf(FULL.TOTAL_SELL_QTY),
      wordOf(FULL.TOTAL_BUY_QTY),
      wordOf(FULL.OI),
      wordOf(FULL.OI_HIGH),
      wordOf(FULL.OI_LOW),
      wordOf(FULL.OPEN),
      wordOf(FULL.CLOSE),
      wordOf(FULL.HIGH),
      wordOf(FULL.LOW),
      wordOf(FULL.DEPTH),
      wordOf(FULL.DEPTH + DEPTH.ASK_QTY),
      wordOf(FULL.DEPTH + DEPTH.BID_ORDERS),
      wordOf(FULL.DEPTH + DEPTH.BID_PRICE),
      wordOf(FULL.DEPTH + DEPTH.ASK_PRICE),
      wordOf(FULL_BYTES),
    ]).toEqual([
      WORD.VOLUME,
      WORD.TOTAL_SELL_QTY,
      WORD.TOTAL_BUY_QTY,
      WORD.OI,
      WORD.OI_DAY_HIGH,
      WORD.OI_DAY_LOW,
      WORD.OPEN,
      WORD.CLOSE,
      WORD.HIGH,
      WORD.LOW,
      WORD.DEPTH,
      WORD.DEPTH + DEPTH_WORD.ASK_QTY,
      WORD.DEPTH + DEPTH_WORD.ORDERS,
      WORD.DEPTH + DEPTH_WORD.BID_PRICE,
      WORD.DEPTH + DEPTH_WORD.ASK_PRICE,
      WORD.ATP + RECORD.FULL_BLOCK_WORDS,
    ]);
    expect([WORD.ATP % 2, RECORD.WORDS % 2, RECORD.DEPTH_LEVEL_WORDS * 4, WORD.PREV_CLOSE]).toEqual([
      0,
      0,
      DEPTH.LEVEL_BYTES,
      WORD.ATP + RECORD.FULL_BLOCK_WORDS,
    ]);
  });
});
