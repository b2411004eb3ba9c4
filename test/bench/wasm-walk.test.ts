import { beforeAll, describe, expect, it } from 'vitest';
import { compileWasmWalk, WasmWalkCache } from '../../bench/experiments/wasm-walk';
import { QuoteCache } from '../../src/shared/cache/quote-cache';
import { DEPTH_WORD, HOT, KNOWN, RECORD, STATE, WORD } from '../../src/shared/cache/quote-record';
import { EXCHANGE_SEGMENT_CODE } from '../../src/shared/feed/exchange-segment';
import { frameView, walkFrame } from '../../src/shared/feed/feed-decoder';
import { concatPackets, encodeFull, encodeQuote, encodeTicker } from '../../src/shared/feed/feed-encoder';
import { blankFullFields } from '../../src/shared/feed/feed-packets';

const FNO = EXCHANGE_SEGMENT_CODE.NSE_FNO;
const BFO = EXCHANGE_SEGMENT_CODE.BSE_FNO;
const BASE_MS = 1_737_970_000_000;
const RECEIVED_MS = 4_321;
const instruments = [
  { segment: FNO, securityId: 35_001 },
  { segment: FNO, securityId: 35_090 },
  { segment: BFO, securityId: 1_120_004 },
];

function full(segment: number, securityId: number, ltp: number) {
  const f = blankFullFields();
  Object.assign(f, { segment, securityId, ltp, ltq: 75, lttEpochS: 1_737_970_201, atp: ltp - 0.5 });
  Object.assign(f, { volume: 1_250_000, totalSellQty: 40_000, totalBuyQty: 52_500, oi: 9_800_000 });
  Object.assign(f, {
    oiDayHigh: 9_900_000,
    oiDayLow: 9_100_000,
    open: 120,
    close: 0,
    high: 131.5,
    low: 118.25,
  });
  f.depth.forEach((level, i) =>
    Object.assign(level, {
      bidQty: 100 * (i + 1),
      askQty: 150 * (i + 1),
      bidOrders: i + 2,
      askOrders: i + 3,
    }),
  );
  f.depth.forEach((level, i) =>
    Object.assign(level, { bidPrice: ltp - 0.05 * (i + 1), askPrice: ltp + 0.05 * (i + 1) }),
  );
  return encodeFull(f);
}

/** Every field QuoteCache reads, taken from the walker's raw records with QuoteCache's layout. */
function walkerValues(walker: WasmWalkCache, slot: number) {
  const hot = new DataView(walker.hotRecord(slot).buffer);
  const cold = new DataView(walker.coldRecord(slot).buffer);
  const f32 = (word: number) => cold.getFloat32(word * 4, true);
  const u32 = (word: number) => cold.getUint32(word * 4, true);
  const state = hot.getInt32(HOT.STATE * 4, true);
  const depth = [0, 1, 2, 3, 4].map((level) => {
    const at = WORD.DEPTH + level * RECORD.DEPTH_LEVEL_WORDS;
    const orders = u32(at + DEPTH_WORD.ORDERS);
    return {
      bidQty: u32(at + DEPTH_WORD.BID_QTY),
      askQty: u32(at + DEPTH_WORD.ASK_QTY),
      bidOrders: orders & 0xffff,
      askOrders: orders >>> 16,
      bidPrice: f32(at + DEPTH_WORD.BID_PRICE),
      askPrice: f32(at + DEPTH_WORD.ASK_PRICE),
    };
  });
  return {
    ltp: hot.getFloat32(HOT.LTP * 4, true),
    ltt: hot.getUint32(HOT.LTT * 4, true),
    receivedMs: hot.getUint32(HOT.UPDATED_MS * 4, true),
    known: state & STATE.KNOWN_MASK,
    source: (state & STATE.SOURCE_MASK) >>> STATE.SOURCE_SHIFT,
    ...((state & KNOWN.DEPTH) === 0
      ? {}
      : {
          ltq: u32(WORD.LTQ),
          atp: f32(WORD.ATP),
          volume: u32(WORD.VOLUME),
          oi: u32(WORD.OI),
          high: f32(WORD.HIGH),
          depth,
        }),
  };
}

function cacheValues(cache: QuoteCache, slot: number) {
  const stateKnown =
    (cache.depthLevel(slot, 0) === null ? 0 : KNOWN.QUOTE | KNOWN.OI | KNOWN.OI_RANGE | KNOWN.DEPTH) |
    KNOWN.LTP;
  return {
    ltp: cache.ltp(slot),
    ltt: cache.lttEpochS(slot),
    receivedMs: (cache.updatedAtMs(slot) as number) - BASE_MS,
    known: stateKnown,
    source: cache.source(slot),
    ...(cache.depthLevel(slot, 0) === null
      ? {}
      : {
          ltq: cache.ltq(slot),
          atp: cache.atp(slot),
          volume: cache.volume(slot),
          oi: cache.oi(slot),
          high: cache.high(slot),
          depth: [0, 1, 2, 3, 4].map((level) => cache.depthLevel(slot, level)),
        }),
  };
}

describe('the WebAssembly walker experiment', () => {
  let module: WebAssembly.Module;
  beforeAll(async () => {
    module = await compileWasmWalk();
  });

  function pair(): { walker: WasmWalkCache; cache: QuoteCache } {
    const walker = new WasmWalkCache(module, instruments, 4_096);
    walker.setReceivedMs(RECEIVED_MS);
    const cache = new QuoteCache(instruments.length, BASE_MS);
    for (const i of instruments) cache.register(i.segment, i.securityId);
    cache.setFrameTime(BASE_MS + RECEIVED_MS);
    return { walker, cache };
  }

  it('stores ticker and full packets exactly as QuoteCache does, and queues each changed slot once', () => {
    const { walker, cache } = pair();
    const frame = concatPackets([
      encodeTicker({ segment: FNO, securityId: 35_090, ltp: 101.25, lttEpochS: 1_737_970_200 }),
      full(BFO, 1_120_004, 88.4),
      encodeTicker({ segment: FNO, securityId: 35_090, ltp: 101.5, lttEpochS: 1_737_970_202 }),
      full(FNO, 35_001, 243.15),
    ]);
    expect(walker.walk(frame)).toBe(frame.length);
    expect(walkFrame(frameView(frame), cache)).toBe(4);
    expect(walker.applied).toBe(4);
    for (let slot = 0; slot < instruments.length; slot++)
      expect(walkerValues(walker, slot)).toEqual(cacheValues(cache, slot));
    expect(walkerValues(walker, 1)).toMatchObject({
      ltp: 101.5,
      ltt: 1_737_970_202,
      receivedMs: RECEIVED_MS,
      known: KNOWN.LTP,
      source: 1,
    });
    const cacheQueue: number[] = [];
    cache.drainDirty((slot) => cacheQueue.push(slot));
    expect(walker.drain()).toEqual([1, 2, 0]);
    expect(cacheQueue).toEqual([1, 2, 0]);
  });

  it('queues a slot again in the next batch, including after the epochs wrap', () => {
    const { walker } = pair();
    const tick = encodeTicker({ segment: FNO, securityId: 35_001, ltp: 7.5, lttEpochS: 1_737_970_200 });
    walker.walk(tick);
    expect(walker.drain()).toEqual([0]);
    for (let batch = 0; batch < 8_191; batch++) walker.nextBatch();
    walker.walk(tick);
    walker.walk(tick);
    expect(walker.drain()).toEqual([0]);
  });

  it('stops at a packet it does not handle and says where, so the JavaScript path can take it', () => {
    const { walker } = pair();
    const ticker = encodeTicker({ segment: FNO, securityId: 35_001, ltp: 7.5, lttEpochS: 1_737_970_200 });
    const quote = encodeQuote({ ...blankFullFields(), segment: FNO, securityId: 35_001, ltp: 7.55 });
    const unknown = encodeTicker({ segment: FNO, securityId: 35_002, ltp: 7.5, lttEpochS: 1_737_970_200 });
    expect(walker.walk(concatPackets([ticker, quote, ticker]))).toBe(16);
    expect(walker.walk(concatPackets([ticker, ticker, unknown]))).toBe(32);
    expect(walker.walk(concatPackets([ticker, ticker.subarray(0, 12)]))).toBe(16);
    expect(walker.applied).toBe(4);
  });
});
