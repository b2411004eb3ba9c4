/**
 * The DhanHQ Live Market Feed v2 wire layout: one table of codes, sizes and byte offsets that
 * the decoder, the encoders and the simulator all read. Offsets are 0-based from the first
 * header byte; every multi-byte field is little-endian. See ../shared/docs/dhanhq-v2.md §5–6.
 *
 * The codes and offsets the per-packet path reads are TypeScript enums, not frozen objects:
 * both bundlers this project uses (Rolldown for the app, esbuild for the benchmarks) replace
 * an enum member with its number at build time, while a frozen object's property is loaded
 * at run time on every use — about 80 loads per full packet (decode + apply 13 → 17 M full
 * packets/s when they became numbers; bench/analysis.md). Nothing may iterate these enums
 * (a numeric enum also maps each number back to its name).
 */

/** Response header: code u8 · length u16 (whole packet, header included) · segment u8 · security id u32. */
export enum HEADER {
  CODE = 0,
  LENGTH = 1,
  SEGMENT = 3,
  SECURITY_ID = 4,
  BYTES = 8,
}

/** Feed response codes (byte 0). */
export enum FEED_CODE {
  INDEX = 1,
  TICKER = 2,
  QUOTE = 4,
  OI = 5,
  PREV_CLOSE = 6,
  MARKET_STATUS = 7,
  FULL = 8,
  DISCONNECT = 50,
}

/**
 * Bytes each known packet type occupies. INDEX and MARKET_STATUS payloads are undocumented:
 * only their header is required, and their bytes are kept raw.
 */
export const PACKET_BYTES = Object.freeze({
  [FEED_CODE.INDEX]: 8,
  [FEED_CODE.TICKER]: 16,
  [FEED_CODE.QUOTE]: 50,
  [FEED_CODE.OI]: 12,
  [FEED_CODE.PREV_CLOSE]: 16,
  [FEED_CODE.MARKET_STATUS]: 8,
  [FEED_CODE.FULL]: 162,
  [FEED_CODE.DISCONNECT]: 10,
}) as Readonly<Record<number, number>>;

/** Code 2: LTP f32 · LTT u32 (epoch seconds). */
export enum TICKER {
  LTP = 8,
  LTT = 12,
}

/** Code 4. */
export enum QUOTE {
  LTP = 8, // f32
  LTQ = 12, // u16
  LTT = 14, // u32 epoch seconds
  ATP = 18, // f32
  VOLUME = 22, // u32
  TOTAL_SELL_QTY = 26, // u32
  TOTAL_BUY_QTY = 30, // u32
  OPEN = 34, // f32
  CLOSE = 38, // f32, only after market close
  HIGH = 42, // f32
  LOW = 46, // f32
}

/** Code 5: OI u32. */
export enum OI {
  OI = 8,
}

/** Code 6: previous close f32 · previous OI u32. */
export enum PREV_CLOSE {
  PRICE = 8,
  OI = 12,
}

/** Code 8. OHLC sits 12 bytes later than in QUOTE because OI, OI high and OI low come first. */
export enum FULL {
  LTP = 8, // f32
  LTQ = 12, // u16
  LTT = 14, // u32
  ATP = 18, // f32
  VOLUME = 22, // u32
  TOTAL_SELL_QTY = 26, // u32
  TOTAL_BUY_QTY = 30, // u32
  OI = 34, // u32
  OI_HIGH = 38, // u32, NSE_FNO only
  OI_LOW = 42, // u32, NSE_FNO only
  OPEN = 46, // f32
  CLOSE = 50, // f32, only after market close
  HIGH = 54, // f32
  LOW = 58, // f32
  DEPTH = 62, // 5 levels × 20 bytes
}

/** One depth level inside a FULL packet, offsets relative to the level's first byte. */
export enum DEPTH {
  LEVELS = 5,
  LEVEL_BYTES = 20,
  BID_QTY = 0, // u32
  ASK_QTY = 4, // u32
  BID_ORDERS = 8, // u16
  ASK_ORDERS = 10, // u16
  BID_PRICE = 12, // f32
  ASK_PRICE = 16, // f32
}

/** Code 50: reason u16 (the 8xx Data-API code). */
export enum DISCONNECT {
  REASON = 8,
}

/** JSON request codes sent to the feed. Unsubscribe is subscribe + 1. */
export const REQUEST_CODE = Object.freeze({
  DISCONNECT: 12,
  SUBSCRIBE_TICKER: 15,
  UNSUBSCRIBE_TICKER: 16,
  SUBSCRIBE_QUOTE: 17,
  UNSUBSCRIBE_QUOTE: 18,
  SUBSCRIBE_FULL: 21,
  UNSUBSCRIBE_FULL: 22,
});

/** DhanHQ's documented feed limits and keep-alive timings. */
export const FEED_LIMITS = Object.freeze({
  INSTRUMENTS_PER_MESSAGE: 100,
  INSTRUMENTS_PER_CONNECTION: 5000,
  CONNECTIONS_PER_USER: 5,
  SERVER_PING_INTERVAL_MS: 10_000,
  SERVER_PONG_TIMEOUT_MS: 40_000,
});

/** The packet length a code requires, or -1 for a code this layout does not know. */
export function requiredPacketBytes(code: number): number {
  return PACKET_BYTES[code] ?? -1;
}
