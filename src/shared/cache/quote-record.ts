/**
 * Layout of one instrument's entries in the QuoteCache. Each slot has three records, all in
 * 4-byte words read through Float32Array / Uint32Array views over one memory. Prices are
 * float32, exactly as they arrive on the wire: the cache copies their 32-bit patterns from the
 * packet into the u32 view, and the f32 view over the same bytes reads them back as the very
 * same float32.
 *
 * - The meta record (META_RECORD.WORDS, 8 bytes): the slot's state word (known fields, where
 *   its price is, source, batch epoch, watched) and the receive time. Every packet reads and
 *   writes it, so it is kept small: 25 000 of them are 200 KB and stay in the CPU's cache
 *   while a busy feed streams megabytes past it.
 * - The hot record (RECORD.HOT_WORDS, 8 bytes): a ticker packet's LTP and LTT. A ticker packet
 *   touches nothing else besides the meta record. 25 000 hot records are another 200 KB, where
 *   the same fields inside a 192-byte record (4.8 MB for 25 000) missed the cache on most
 *   packets (ticker decode + apply 43 → 55 M/s with this and the changes beside it,
 *   bench/analysis.md).
 * - The cold record (RECORD.WORDS, 192 bytes): everything a quote, full, OI or prev-close
 *   packet brings, LTP and LTT included (words 1–2), so that those packets touch no line
 *   outside it but the meta record's (full packets decoded and applied 36 → 38–41 M/s:
 *   bench/analysis.md).
 *   Depth levels keep the wire's own 20-byte layout (bid qty, ask qty, bid and ask orders as
 *   two u16 in one word, bid price, ask price), inside the block a full packet copies whole
 *   (see WORD).
 *
 * So the LTP and LTT are in the hot record after a ticker packet, and in the cold record after
 * a quote or full packet: STATE.PRICE_COLD says which.
 */

/** Word offsets within a meta record. */
export enum META {
  STATE = 0, // i32: see STATE
  UPDATED_MS = 1, // receive time in ms after the cache's base time (u32: 49 days of range)
}

/**
 * The meta record's size (an enum of its own: RECORD's members must differ, and the hot record
 * has the same size). 8-byte aligned, so a meta record never straddles a cache line.
 */
export enum META_RECORD {
  /** Words per meta record. */
  WORDS = 2,
  /** log2(WORDS): a slot's meta record starts at word slot << SHIFT. */
  SHIFT = 1,
}

/** Word offsets within a hot record. */
export enum HOT {
  LTP = 0, // f32
  LTT = 1, // epoch seconds as sent by DhanHQ
}
/**
 * Word offsets within a cold record. `f32` fields are prices; the rest are unsigned integers.
 * From ATP to the last depth word the record repeats a full packet's bytes 18–161 in their wire
 * order, so a full packet copies them as one block (FULL_BLOCK_WORDS). The block starts 16 bytes
 * into the record, so the WebAssembly path copies it in nine aligned 16-byte stores, none of
 * them split across cache lines (JavaScript copies it eight bytes at a time).
 */
export enum WORD {
  LTQ = 0,
  LTP = 1, // f32, when STATE.PRICE_COLD is set
  LTT = 2, // when STATE.PRICE_COLD is set
  // word 3 is spare: it puts ATP on a 16-byte boundary
  ATP = 4, // f32
  VOLUME = 5,
  TOTAL_SELL_QTY = 6,
  TOTAL_BUY_QTY = 7,
  OI = 8,
  OI_DAY_HIGH = 9,
  OI_DAY_LOW = 10,
  OPEN = 11, // f32
  CLOSE = 12, // f32
  HIGH = 13, // f32
  LOW = 14, // f32
  DEPTH = 15, // 5 levels × RECORD.DEPTH_LEVEL_WORDS
  PREV_CLOSE = 40, // f32
  PREV_OI = 41,
}

/** Word offsets within a depth level. */
export enum DEPTH_WORD {
  BID_QTY = 0,
  ASK_QTY = 1,
  ORDERS = 2, // bid orders in the low 16 bits, ask orders in the high 16 bits
  BID_PRICE = 3, // f32
  ASK_PRICE = 4, // f32
}
/** Record sizes. */
export enum RECORD {
  /** Words per cold record: 42 are used; 48 keeps records 64-byte aligned (three cache lines each). */
  WORDS = 48,
  /** Words per hot record: 8-byte aligned, so a hot record never straddles a cache line. */
  HOT_WORDS = 2,
  /** log2(HOT_WORDS): a slot's hot record starts at word slot << HOT_SHIFT. */
  HOT_SHIFT = 1,
  /** Words per depth level, as on the wire. */
  DEPTH_LEVEL_WORDS = 5,
  /** Words a full packet copies as one block: ATP … the last depth word (bytes 18–161 on the wire). */
  FULL_BLOCK_WORDS = 36,
}

/** Which field groups of a record hold real values (the rest read as null). */
export enum KNOWN {
  LTP = 1 << 0, // LTP, LTT
  QUOTE = 1 << 1, // LTQ, ATP, volume, total buy/sell, OHLC
  OI = 1 << 2,
  PREV = 1 << 3, // previous close, previous OI
  DEPTH = 1 << 4, // 5 levels; level 0 is best bid/ask
  OI_RANGE = 1 << 5, // day-high/low OI
  VOLUME = 1 << 6, // volume only (REST snapshots)
  BEST = 1 << 7, // best bid/ask only (REST snapshots)
  ATP = 1 << 8, // average price only (REST snapshots)
}

/** Where a record's latest values came from. */
export const QUOTE_SOURCE = Object.freeze({ NONE: 0, FEED: 1, REST: 2 });

/**
 * Bit positions inside a slot's state word (the meta record's first word, an Int32Array element).
 *
 * The batch epoch says in which batch the slot was last queued: a slot whose epoch is the
 * cache's current one is already in the next batch. Draining a batch moves the cache to the
 * next epoch instead of clearing a flag in each drained slot's meta record — those are tens of
 * thousands of random writes a second on a busy feed. When the epochs run out (every 8 191
 * drains, about 7 minutes at 20 batches a second) every slot's epoch is reset to 0, which no
 * batch uses.
 *
 * Bit 31 says whether the slot's changes are queued at all (QuoteCache.queueOnly). It sits in
 * the word the packet path reads and writes anyway, so telling a watched slot from another
 * costs no memory access of its own: with a byte a slot elsewhere, the ticker path spent about
 * a twentieth of its time on that load.
 */
export enum STATE {
  KNOWN_MASK = 0x7fff,
  /** Set when the slot's LTP and LTT are in its cold record (WORD.LTP), clear when in its hot record. */
  PRICE_COLD = 1 << 15,
  SOURCE_SHIFT = 16,
  SOURCE_MASK = 0x3 << 16,
  SOURCE_FEED = 1 << 16, // QUOTE_SOURCE.FEED
  SOURCE_REST = 2 << 16, // QUOTE_SOURCE.REST
  EPOCH_SHIFT = 18,
  EPOCH_MASK = 0x1fff << 18, // bits 18–30: 1 … 8191 in use, 0 for "not queued since the last reset"
  EPOCH_LAST = 0x1fff,
  /** Set when the slot's changes are queued for batches (QuoteCache.queueOnly). */
  WATCHED = 1 << 31,
  WATCHED_SHIFT = 31,
}
