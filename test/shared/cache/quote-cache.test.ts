import { describe, expect, it } from 'vitest';
import { EMPTY_REST_QUOTE, QuoteCache, QUOTE_SOURCE, type RestQuote } from '../../../src/shared/cache/quote-cache';
import {
  concatPackets,
  encodeFull,
  encodeOi,
  encodePrevClose,
  encodeQuote,
  encodeRaw,
  encodeTicker,
} from '../../../src/shared/feed/feed-encoder';

const NSE_FNO = 2;
const BSE_FNO = 8;

function apply(cache: QuoteCache, frame: Uint8Array, atMs = 1_000): number {
  cache.setFrameTime(atMs);
  return cache.applyFrame(frame);
}

function drained(cache: QuoteCache): number[] {
  const slots: number[] = [];
  cache.drainDirty((slot) => slots.push(slot));
  return slots;
}

// Every test runs against both ways of applying a frame: the WebAssembly hot path (with the
// JavaScript path taking what it leaves) and the JavaScript path alone.
describe.each(['webassembly', 'javascript'] as const)('QuoteCache, frames applied in %s', (path) => {
  const newCache = (capacity: number, baseTimeMs: number): QuoteCache => {
    const cache = new QuoteCache(capacity, baseTimeMs, { hotPath: path === 'javascript' ? 'javascript' : 'auto' });
    expect(cache.hotPathBecause).toBe(path === 'javascript' ? 'the JavaScript path was asked for' : null);
    return cache;
  };

  it('reads every field as null until a packet delivers it', () => {
    const cache = newCache(4, 0);
    const slot = cache.register(NSE_FNO, 40000);
    expect([cache.ltp(slot), cache.oi(slot), cache.volume(slot), cache.bidPrice(slot), cache.prevClose(slot)]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(cache.source(slot)).toBe(QUOTE_SOURCE.NONE);
    expect(cache.updatedAtMs(slot)).toBeNull();
  });

  it('keeps security ids of different segments apart', () => {
    const cache = newCache(4, 0);
    const nse = cache.register(NSE_FNO, 500);
    const bse = cache.register(BSE_FNO, 500);
    expect(nse).not.toBe(bse);
    expect(cache.register(NSE_FNO, 500)).toBe(nse);
    apply(cache, encodeTicker({ segment: BSE_FNO, securityId: 500, ltp: 77.5, lttEpochS: 9 }));
    expect(cache.ltp(bse)).toBe(77.5);
    expect(cache.ltp(nse)).toBeNull();
  });

  it('applies a ticker, then OI and prev close, keeping the float32 LTP', () => {
    const cache = newCache(4, 1_700_000_000_000);
    const slot = cache.register(NSE_FNO, 55796);
    const frame = concatPackets([
      encodeTicker({ segment: NSE_FNO, securityId: 55796, ltp: 152.3, lttEpochS: 1_737_791_100 }),
      encodeOi({ segment: NSE_FNO, securityId: 55796, oi: 4_500_000 }),
      encodePrevClose({ segment: NSE_FNO, securityId: 55796, prevClose: 140.05, prevOi: 4_200_000 }),
    ]);
    expect(apply(cache, frame, 1_700_000_012_345)).toBe(3);
    expect(cache.ltp(slot)).toBe(Math.fround(152.3));
    expect(cache.lttEpochS(slot)).toBe(1_737_791_100);
    expect(cache.oi(slot)).toBe(4_500_000);
    expect(cache.prevClose(slot)).toBe(Math.fround(140.05));
    expect(cache.prevOi(slot)).toBe(4_200_000);
    expect(cache.volume(slot)).toBeNull();
    expect(cache.source(slot)).toBe(QUOTE_SOURCE.FEED);
    expect(cache.updatedAtMs(slot)).toBe(1_700_000_012_345);
    expect(cache.counters.applied).toBe(3);
  });

  it('applies a quote packet with OHLC and volume', () => {
    const cache = newCache(2, 0);
    const slot = cache.register(NSE_FNO, 7);
    apply(
      cache,
      encodeQuote({
        segment: NSE_FNO,
        securityId: 7,
        ltp: 101.5,
        ltq: 150,
        lttEpochS: 99,
        atp: 100.25,
        volume: 987_654,
        totalSellQty: 1200,
        totalBuyQty: 3400,
        open: 95,
        close: 0,
        high: 105.5,
        low: 94.25,
      }),
    );
    expect([cache.ltp(slot), cache.ltq(slot), cache.atp(slot), cache.volume(slot)]).toEqual([101.5, 150, 100.25, 987_654]);
    expect([cache.open(slot), cache.high(slot), cache.low(slot), cache.close(slot)]).toEqual([95, 105.5, 94.25, null]);
    expect([cache.totalBuyQty(slot), cache.totalSellQty(slot)]).toEqual([3400, 1200]);
    expect(cache.bidPrice(slot)).toBeNull();
  });

  it('applies a full packet with five depth levels and best bid/ask from level 0', () => {
    const cache = newCache(2, 0);
    const slot = cache.register(NSE_FNO, 8);
    apply(
      cache,
      encodeFull({
        segment: NSE_FNO,
        securityId: 8,
        ltp: 250.5,
        ltq: 75,
        lttEpochS: 5,
        atp: 249,
        volume: 1_000_000,
        totalSellQty: 10,
        totalBuyQty: 20,
        oi: 600_000,
        oiDayHigh: 650_000,
        oiDayLow: 550_000,
        open: 240,
        close: 0,
        high: 260,
        low: 238.5,
        depth: [
          { bidQty: 750, askQty: 1500, bidOrders: 3, askOrders: 5, bidPrice: 250.25, askPrice: 250.75 },
          { bidQty: 900, askQty: 1200, bidOrders: 4, askOrders: 2, bidPrice: 250, askPrice: 251 },
        ],
      }),
    );
    expect([cache.bidPrice(slot), cache.bidQty(slot), cache.askPrice(slot), cache.askQty(slot)]).toEqual([250.25, 750, 250.75, 1500]);
    expect([cache.oi(slot), cache.oiDayHigh(slot), cache.oiDayLow(slot)]).toEqual([600_000, 650_000, 550_000]);
    expect(cache.depthLevel(slot, 1)).toEqual({ bidQty: 900, askQty: 1200, bidOrders: 4, askOrders: 2, bidPrice: 250, askPrice: 251 });
    expect(cache.depthLevel(slot, 4)).toEqual({ bidQty: 0, askQty: 0, bidOrders: 0, askOrders: 0, bidPrice: 0, askPrice: 0 });
    expect(cache.depthLevel(slot, 5)).toBeNull();
  });

  it('queues each changed slot once per batch, in first-change order', () => {
    const cache = newCache(8, 0);
    const a = cache.register(NSE_FNO, 1);
    const b = cache.register(NSE_FNO, 2);
    cache.register(NSE_FNO, 3);
    const tick = (id: number, ltp: number): Uint8Array => encodeTicker({ segment: NSE_FNO, securityId: id, ltp, lttEpochS: 1 });
    apply(cache, concatPackets([tick(2, 10), tick(1, 11), tick(2, 12), tick(1, 13), tick(2, 14)]));
    expect(cache.pendingCount).toBe(2);
    expect(drained(cache)).toEqual([b, a]);
    expect(cache.ltp(b)).toBe(14);
    expect(drained(cache)).toEqual([]);
    apply(cache, tick(1, 15));
    expect(drained(cache)).toEqual([a]);
  });

  it('hands every queued slot to the drain once, in order, for any number of them', () => {
    const cache = newCache(16, 0);
    const ids = Array.from({ length: 11 }, (_, k) => 100 + k);
    const slotOf = new Map(ids.map((id) => [id, cache.register(NSE_FNO, id)]));
    const tick = (id: number): Uint8Array => encodeTicker({ segment: NSE_FNO, securityId: id, ltp: 1, lttEpochS: 1 });
    for (const count of [11, 8, 7, 5, 4, 3, 1]) {
      // Changed in reverse registration order, so the queue's order is not the slots' order.
      const changed = ids.slice(0, count).reverse();
      apply(cache, concatPackets(changed.map(tick)));
      expect(drained(cache)).toEqual(changed.map((id) => slotOf.get(id)));
    }
  });

  it('queues only the slots it is told to watch, while still storing every packet', () => {
    const cache = newCache(8, 0);
    const [a, b, c] = [1, 2, 3].map((id) => cache.register(NSE_FNO, id)) as [number, number, number];
    const tick = (id: number, ltp: number): Uint8Array => encodeTicker({ segment: NSE_FNO, securityId: id, ltp, lttEpochS: 1 });
    cache.queueOnly([c, a, 99, -1]);
    apply(cache, concatPackets([tick(2, 10), tick(1, 11), tick(3, 12), tick(2, 13)]));
    expect([drained(cache), cache.ltp(b), cache.counters.applied]).toEqual([[a, c], 13, 4]);
    cache.queueOnly([]);
    apply(cache, concatPackets([tick(1, 14), tick(3, 15)]));
    expect([drained(cache), cache.ltp(a), cache.ltp(c)]).toEqual([[], 14, 15]);
    cache.queueOnly(null);
    apply(cache, concatPackets([tick(2, 16), tick(1, 17)]));
    expect(drained(cache)).toEqual([b, a]);
  });

  it("keeps a slot's values, batch and watch when its id's direct table grows downwards, then turns into a hash table", () => {
    const cache = newCache(8, 0);
    const tick = (id: number, ltp: number): Uint8Array => encodeTicker({ segment: NSE_FNO, securityId: id, ltp, lttEpochS: 1 });
    const a = cache.register(NSE_FNO, 5_000);
    cache.queueOnly([a]);
    apply(cache, tick(5_000, 10), 1_000);
    // A lower id: the table now starts at 1 000, and 5 000's entry moves up; its slot and records stay.
    const b = cache.register(NSE_FNO, 1_000);
    expect([cache.ltp(a), cache.updatedAtMs(a), cache.ltp(b)]).toEqual([10, 1_000, null]);
    // a is queued once in this batch; b, registered after queueOnly named slots, is not watched.
    apply(cache, concatPackets([tick(5_000, 11), tick(1_000, 12)]), 2_000);
    expect([drained(cache), cache.ltp(a), cache.ltp(b)]).toEqual([[a], 11, 12]);
    // An id too far away for one table: the segment's ids move to the hash table, records and all.
    apply(cache, tick(5_000, 13), 3_000);
    const c = cache.register(NSE_FNO, 200_000);
    expect([cache.ltp(a), cache.updatedAtMs(a), cache.ltp(b), cache.ltp(c)]).toEqual([13, 3_000, 12, null]);
    apply(cache, concatPackets([tick(5_000, 14), tick(200_000, 15), tick(1_000, 16)]), 4_000);
    expect([drained(cache), cache.ltp(a), cache.ltp(b), cache.ltp(c)]).toEqual([[a], 14, 16, 15]);
  });

  it('still queues a slot after the batch epochs run out and start again (8 191 drains)', () => {
    const cache = newCache(4, 0);
    const a = cache.register(NSE_FNO, 1);
    const b = cache.register(NSE_FNO, 2);
    const tick = (id: number, ltp: number): Uint8Array => encodeTicker({ segment: NSE_FNO, securityId: id, ltp, lttEpochS: 1 });
    apply(cache, tick(1, 10));
    expect(drained(cache)).toEqual([a]);
    // a was queued in the first epoch; 8 190 more drains bring the epoch round to the first again.
    let visited = 0;
    for (let i = 0; i < 8_190; i++) visited += cache.drainDirty(() => undefined);
    expect(visited).toBe(0);
    apply(cache, concatPackets([tick(1, 11), tick(2, 12), tick(1, 13)]));
    expect(drained(cache)).toEqual([a, b]);
    expect(cache.ltp(a)).toBe(13);
  });

  it('queues a slot once when the feed and a REST snapshot both change it in one batch', () => {
    const cache = newCache(2, 0);
    const slot = cache.register(NSE_FNO, 42);
    const rest = (ltp: number, oi: number): RestQuote => ({ ...EMPTY_REST_QUOTE, ltp, oi });
    expect(cache.applyRest(slot, rest(134, 1_000), 500, 600)).toBe(true);
    apply(cache, encodeTicker({ segment: NSE_FNO, securityId: 42, ltp: 135.5, lttEpochS: 1 }), 700);
    expect([cache.pendingCount, drained(cache)]).toEqual([1, [slot]]);
    apply(cache, encodeTicker({ segment: NSE_FNO, securityId: 42, ltp: 136, lttEpochS: 2 }), 800);
    expect(cache.applyRest(slot, rest(137, 1_100), 900, 950)).toBe(true);
    cache.markDirty(slot);
    expect([cache.pendingCount, drained(cache), cache.oi(slot)]).toEqual([1, [slot], 1_100]);
  });

  it('counts packets for unknown instruments, undocumented codes, disconnects and rejections without storing them', () => {
    const cache = newCache(2, 0);
    cache.register(NSE_FNO, 1);
    const frame = concatPackets([
      encodeTicker({ segment: NSE_FNO, securityId: 999, ltp: 1, lttEpochS: 1 }),
      encodeRaw(7, 0, 0, Uint8Array.of(1)),
      encodeRaw(1, 0, 13, Uint8Array.of(1)),
      encodeRaw(50, 0, 0, Uint8Array.of(0x27, 0x03)),
      encodeRaw(99, 2, 1, Uint8Array.of(1)),
      encodeRaw(2, 2, 1, new Uint8Array(4), 0),
    ]);
    apply(cache, frame);
    expect(cache.counters).toEqual({
      applied: 0,
      unknownInstrument: 1,
      undocumented: 2,
      disconnects: 1,
      rejected: { CODEC_TRUNCATED: 0, CODEC_BAD_LENGTH: 1, CODEC_LENGTH_MISMATCH: 0, CODEC_UNKNOWN_CODE: 1 },
    });
    expect(cache.pendingCount).toBe(0);
  });

  it('fills a slot from a REST snapshot, then lets the feed take over', () => {
    const cache = newCache(2, 0);
    const slot = cache.register(NSE_FNO, 42);
    const rest = {
      ltp: 134,
      prevClose: 120.5,
      oi: 1_000_000,
      prevOi: 900_000,
      volume: 5_000_000,
      atp: 130.45,
      bidPrice: 133.95,
      bidQty: 1125,
      askPrice: 134.1,
      askQty: 375,
    };
    expect(cache.applyRest(slot, rest, 500, 600)).toBe(true);
    expect([cache.ltp(slot), cache.prevClose(slot), cache.oi(slot), cache.prevOi(slot), cache.volume(slot)]).toEqual([
      134,
      120.5,
      1_000_000,
      900_000,
      5_000_000,
    ]);
    expect([cache.bidPrice(slot), cache.bidQty(slot), cache.askPrice(slot), cache.askQty(slot)]).toEqual([
      Math.fround(133.95),
      1125,
      Math.fround(134.1),
      375,
    ]);
    expect(cache.source(slot)).toBe(QUOTE_SOURCE.REST);
    expect(cache.updatedAtMs(slot)).toBe(600);
    apply(cache, encodeTicker({ segment: NSE_FNO, securityId: 42, ltp: 135.5, lttEpochS: 1 }), 700);
    expect(cache.ltp(slot)).toBe(135.5);
    expect(cache.source(slot)).toBe(QUOTE_SOURCE.FEED);
    // A snapshot requested before the feed's last update is older than what we hold: ignored.
    expect(cache.applyRest(slot, { ...rest, ltp: 1 }, 650, 800)).toBe(false);
    expect(cache.ltp(slot)).toBe(135.5);
  });

  it('reads the LTP and LTT of the last ticker, quote or full packet, past OI, prev close and REST', () => {
    const cache = newCache(2, 0);
    const slot = cache.register(NSE_FNO, 9);
    const other = cache.register(NSE_FNO, 10);
    const id = { segment: NSE_FNO, securityId: 9 };
    const sizes = { ltq: 25, atp: 1, volume: 2, totalSellQty: 3, totalBuyQty: 4 };
    const quote = { ...id, ...sizes, open: 5, close: 0, high: 6, low: 7 };
    const full = { ...quote, oi: 8, oiDayHigh: 9, oiDayLow: 10, depth: [] };
    const price = (): [number | null, number | null] => [cache.ltp(slot), cache.lttEpochS(slot)];
    apply(cache, encodeTicker({ ...id, ltp: 100.5, lttEpochS: 1 }));
    expect(price()).toEqual([100.5, 1]);
    apply(cache, encodeFull({ ...full, ltp: 101.5, lttEpochS: 2 }));
    expect(price()).toEqual([101.5, 2]);
    apply(cache, encodeTicker({ ...id, ltp: 102.5, lttEpochS: 3 }));
    expect(price()).toEqual([102.5, 3]);
    apply(cache, encodeQuote({ ...quote, ltp: 103.5, lttEpochS: 4 }));
    expect(price()).toEqual([103.5, 4]);
    apply(
      cache,
      concatPackets([encodeOi({ ...id, oi: 11 }), encodePrevClose({ ...id, prevClose: 99.5, prevOi: 12 })]),
      2_000,
    );
    expect([...price(), cache.updatedAtMs(slot)]).toEqual([103.5, 4, 2_000]);
    // A snapshot brings no trade time: its LTP goes where the feed's is, beside the feed's LTT.
    expect(cache.applyRest(slot, { ...EMPTY_REST_QUOTE, ltp: 104.5 }, 2_500, 3_000)).toBe(true);
    expect(price()).toEqual([104.5, 4]);
    apply(cache, encodeTicker({ ...id, ltp: 105.5, lttEpochS: 5 }), 4_000);
    expect(cache.applyRest(slot, { ...EMPTY_REST_QUOTE, ltp: 106.5 }, 4_500, 5_000)).toBe(true);
    expect(price()).toEqual([106.5, 5]);
    expect([cache.ltp(other), cache.lttEpochS(other)]).toEqual([null, null]);
  });

  it('refuses to register beyond its capacity', () => {
    const cache = newCache(1, 0);
    cache.register(NSE_FNO, 1);
    expect(() => cache.register(NSE_FNO, 2)).toThrow('QuoteCache is full (1 instruments)');
  });

  it('finds every one of 25 000 registered instruments after hash collisions', () => {
    const cache = newCache(25_000, 0);
    for (let i = 0; i < 25_000; i++) cache.register(i % 2 === 0 ? NSE_FNO : BSE_FNO, 35_000 + i * 13);
    let found = 0;
    for (let i = 0; i < 25_000; i++) {
      if (cache.slotOf(i % 2 === 0 ? NSE_FNO : BSE_FNO, 35_000 + i * 13) === i) found++;
    }
    expect(found).toBe(25_000);
    expect(cache.slotOf(NSE_FNO, 35_013)).toBe(-1);
  });
});
