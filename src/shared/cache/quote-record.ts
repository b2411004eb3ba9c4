/**
 * Layout of one instrument's record in the QuoteCache: 48 little 4-byte words per slot in one
 * ArrayBuffer, read through Float32Array / Uint32Array views. One record is 192 contiguous bytes, so applying a packet touches a few cache
 * lines instead of one per field. Prices are float32, exactly as they arrive on the wire.
 */

/** Word offsets within a record. `f32` fields are prices; the rest are unsigned integers. */
export const WORD = Object.freeze({
  LTP: 0, // f32
  LTQ: 1,
  LTT: 2, // epoch seconds as sent by DhanHQ
  ATP: 3, // f32
  VOLUME: 4,
  TOTAL_SELL_QTY: 5,
  TOTAL_BUY_QTY: 6,
  OI: 7,
  OI_DAY_HIGH: 8,
  OI_DAY_LOW: 9,
  OPEN: 10, // f32
  CLOSE: 11, // f32
  HIGH: 12, // f32
  LOW: 13, // f32
  DEPTH: 14, // 5 levels × DEPTH_WORDS
  PREV_CLOSE: 44, // f32
  PREV_OI: 45,
  STATE: 46, // KNOWN.* groups (bits 0–15) · source (bits 16–17) · queued-for-batch flag (bit 31)
  UPDATED_MS: 47, // receive time in ms after the cache's base time (u32: 49 days of range)
});

/** Words per depth level: bid qty, ask qty, bid orders, ask orders, bid price (f32), ask price (f32). */
export const DEPTH_WORDS = 6;
export const RECORD_WORDS = 48;

/** Which field groups of a record hold real values (the rest read as null). */
export const KNOWN = Object.freeze({
  LTP: 1 << 0, // LTP, LTT
  QUOTE: 1 << 1, // LTQ, ATP, volume, total buy/sell, OHLC
  OI: 1 << 2,
  PREV: 1 << 3, // previous close, previous OI
  DEPTH: 1 << 4, // 5 levels; level 0 is best bid/ask
  OI_RANGE: 1 << 5, // day-high/low OI
  VOLUME: 1 << 6, // volume only (REST snapshots)
  BEST: 1 << 7, // best bid/ask only (REST snapshots)
  ATP: 1 << 8, // average price only (REST snapshots)
});

/** Where a record's latest values came from. */
export const QUOTE_SOURCE = Object.freeze({ NONE: 0, FEED: 1, REST: 2 });

/** Bit positions inside WORD.STATE. Keeping them in the record means one cache line per update. */
export const STATE = Object.freeze({
  KNOWN_MASK: 0xffff,
  SOURCE_SHIFT: 16,
  SOURCE_MASK: 0x3 << 16,
  SOURCE_FEED: QUOTE_SOURCE.FEED << 16,
  SOURCE_REST: QUOTE_SOURCE.REST << 16,
  QUEUED: 0x80000000,
});
