/**
 * Layout of one instrument's record in the QuoteCache: 48 little 4-byte words per slot in one
 * ArrayBuffer, read through Float32Array / Uint32Array views. Prices are float32, exactly as
 * they arrive on the wire: the cache copies their 32-bit patterns from the packet into the u32
 * view, and the f32 view over the same bytes reads them back as the very same float32.
 *
 * Depth levels keep the wire's own 20-byte layout (bid qty, ask qty, bid and ask orders as two
 * u16 in one word, bid price, ask price), so a full packet's depth is a straight copy of 25
 * words.
 *
 * What a ticker packet writes (LTP, LTT, receive time) shares the record's first 64-byte cache
 * line. The per-slot state (known fields, source, queued flag) is not in the record but in a
 * small array of its own (see QuoteCache): applying a packet must read the state, and a read of
 * a record that is not in the CPU cache stalls, while writes do not. 25 000 records are about
 * 4.8 MB; 25 000 states are 100 KB and stay cached.
 */

/** Word offsets within a record. `f32` fields are prices; the rest are unsigned integers. */
export const WORD = Object.freeze({
  LTP: 0, // f32
  LTT: 1, // epoch seconds as sent by DhanHQ
  UPDATED_MS: 2, // receive time in ms after the cache's base time (u32: 49 days of range)
  LTQ: 3,
  ATP: 4, // f32
  VOLUME: 5,
  TOTAL_SELL_QTY: 6,
  TOTAL_BUY_QTY: 7,
  OI: 8,
  OI_DAY_HIGH: 9,
  OI_DAY_LOW: 10,
  OPEN: 11, // f32
  CLOSE: 12, // f32
  HIGH: 13, // f32
  LOW: 14, // f32
  DEPTH: 15, // 5 levels × DEPTH_WORDS
  PREV_CLOSE: 40, // f32
  PREV_OI: 41,
});

/** Words per depth level, as on the wire. */
export const DEPTH_WORDS = 5;
/** Word offsets within a depth level. */
export const DEPTH_WORD = Object.freeze({
  BID_QTY: 0,
  ASK_QTY: 1,
  ORDERS: 2, // bid orders in the low 16 bits, ask orders in the high 16 bits
  BID_PRICE: 3, // f32
  ASK_PRICE: 4, // f32
});
/** 42 words are used; 48 keeps records 64-byte aligned (three cache lines each). */
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

/**
 * Bit positions inside a slot's state word (an Int32Array element, so the queued flag is the
 * sign bit and every state is a small integer to the JIT).
 */
export const STATE = Object.freeze({
  KNOWN_MASK: 0xffff,
  SOURCE_SHIFT: 16,
  SOURCE_MASK: 0x3 << 16,
  SOURCE_FEED: QUOTE_SOURCE.FEED << 16,
  SOURCE_REST: QUOTE_SOURCE.REST << 16,
  QUEUED: 1 << 31,
});
