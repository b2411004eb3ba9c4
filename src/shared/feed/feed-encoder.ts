/**
 * Binary packet encoders, for the simulator, benchmarks and tests. `write*` functions write
 * into a caller's DataView at an offset and return the bytes written (no allocation, for
 * pre-built buffers); `encode*` return a fresh packet. Prices are written as float32, exactly
 * as DhanHQ sends them.
 */
import { DEPTH, DISCONNECT, FEED_CODE, FULL, HEADER, OI, PACKET_BYTES, PREV_CLOSE, QUOTE, TICKER } from './feed-layout';
import {
  EMPTY_DEPTH_LEVEL,
  type DisconnectFields,
  type FullFields,
  type OiFields,
  type PrevCloseFields,
  type QuoteFields,
  type TickerFields,
} from './feed-packets';

/** Writes an 8-byte header. `length` is the whole packet's declared length. */
export function writeHeader(
  view: DataView,
  at: number,
  code: number,
  length: number,
  segment: number,
  securityId: number,
): void {
  view.setUint8(at + HEADER.CODE, code);
  view.setUint16(at + HEADER.LENGTH, length, true);
  view.setUint8(at + HEADER.SEGMENT, segment);
  view.setUint32(at + HEADER.SECURITY_ID, securityId, true);
}

export function writeTicker(view: DataView, at: number, f: TickerFields): number {
  const length = PACKET_BYTES[FEED_CODE.TICKER] as number;
  writeHeader(view, at, FEED_CODE.TICKER, length, f.segment, f.securityId);
  view.setFloat32(at + TICKER.LTP, f.ltp, true);
  view.setUint32(at + TICKER.LTT, f.lttEpochS, true);
  return length;
}

export function writeQuote(view: DataView, at: number, f: QuoteFields): number {
  const length = PACKET_BYTES[FEED_CODE.QUOTE] as number;
  writeHeader(view, at, FEED_CODE.QUOTE, length, f.segment, f.securityId);
  view.setFloat32(at + QUOTE.LTP, f.ltp, true);
  view.setUint16(at + QUOTE.LTQ, f.ltq, true);
  view.setUint32(at + QUOTE.LTT, f.lttEpochS, true);
  view.setFloat32(at + QUOTE.ATP, f.atp, true);
  view.setUint32(at + QUOTE.VOLUME, f.volume, true);
  view.setUint32(at + QUOTE.TOTAL_SELL_QTY, f.totalSellQty, true);
  view.setUint32(at + QUOTE.TOTAL_BUY_QTY, f.totalBuyQty, true);
  view.setFloat32(at + QUOTE.OPEN, f.open, true);
  view.setFloat32(at + QUOTE.CLOSE, f.close, true);
  view.setFloat32(at + QUOTE.HIGH, f.high, true);
  view.setFloat32(at + QUOTE.LOW, f.low, true);
  return length;
}

export function writeOi(view: DataView, at: number, f: OiFields): number {
  const length = PACKET_BYTES[FEED_CODE.OI] as number;
  writeHeader(view, at, FEED_CODE.OI, length, f.segment, f.securityId);
  view.setUint32(at + OI.OI, f.oi, true);
  return length;
}

export function writePrevClose(view: DataView, at: number, f: PrevCloseFields): number {
  const length = PACKET_BYTES[FEED_CODE.PREV_CLOSE] as number;
  writeHeader(view, at, FEED_CODE.PREV_CLOSE, length, f.segment, f.securityId);
  view.setFloat32(at + PREV_CLOSE.PRICE, f.prevClose, true);
  view.setUint32(at + PREV_CLOSE.OI, f.prevOi, true);
  return length;
}

export function writeFull(view: DataView, at: number, f: FullFields): number {
  const length = PACKET_BYTES[FEED_CODE.FULL] as number;
  writeHeader(view, at, FEED_CODE.FULL, length, f.segment, f.securityId);
  view.setFloat32(at + FULL.LTP, f.ltp, true);
  view.setUint16(at + FULL.LTQ, f.ltq, true);
  view.setUint32(at + FULL.LTT, f.lttEpochS, true);
  view.setFloat32(at + FULL.ATP, f.atp, true);
  view.setUint32(at + FULL.VOLUME, f.volume, true);
  view.setUint32(at + FULL.TOTAL_SELL_QTY, f.totalSellQty, true);
  view.setUint32(at + FULL.TOTAL_BUY_QTY, f.totalBuyQty, true);
  view.setUint32(at + FULL.OI, f.oi, true);
  view.setUint32(at + FULL.OI_HIGH, f.oiDayHigh, true);
  view.setUint32(at + FULL.OI_LOW, f.oiDayLow, true);
  view.setFloat32(at + FULL.OPEN, f.open, true);
  view.setFloat32(at + FULL.CLOSE, f.close, true);
  view.setFloat32(at + FULL.HIGH, f.high, true);
  view.setFloat32(at + FULL.LOW, f.low, true);
  for (let level = 0; level < DEPTH.LEVELS; level++) {
    const d = f.depth[level] ?? EMPTY_DEPTH_LEVEL;
    const base = at + FULL.DEPTH + level * DEPTH.LEVEL_BYTES;
    view.setUint32(base + DEPTH.BID_QTY, d.bidQty, true);
    view.setUint32(base + DEPTH.ASK_QTY, d.askQty, true);
    view.setUint16(base + DEPTH.BID_ORDERS, d.bidOrders, true);
    view.setUint16(base + DEPTH.ASK_ORDERS, d.askOrders, true);
    view.setFloat32(base + DEPTH.BID_PRICE, d.bidPrice, true);
    view.setFloat32(base + DEPTH.ASK_PRICE, d.askPrice, true);
  }
  return length;
}

export function writeDisconnect(view: DataView, at: number, f: DisconnectFields): number {
  const length = PACKET_BYTES[FEED_CODE.DISCONNECT] as number;
  writeHeader(view, at, FEED_CODE.DISCONNECT, length, f.segment, f.securityId);
  view.setUint16(at + DISCONNECT.REASON, f.reason, true);
  return length;
}

function encodeWith<F>(code: number, write: (view: DataView, at: number, f: F) => number, fields: F): Uint8Array {
  const bytes = new Uint8Array(PACKET_BYTES[code] as number);
  write(new DataView(bytes.buffer), 0, fields);
  return bytes;
}

export const encodeTicker = (f: TickerFields): Uint8Array => encodeWith(FEED_CODE.TICKER, writeTicker, f);
export const encodeQuote = (f: QuoteFields): Uint8Array => encodeWith(FEED_CODE.QUOTE, writeQuote, f);
export const encodeOi = (f: OiFields): Uint8Array => encodeWith(FEED_CODE.OI, writeOi, f);
export const encodePrevClose = (f: PrevCloseFields): Uint8Array => encodeWith(FEED_CODE.PREV_CLOSE, writePrevClose, f);
export const encodeFull = (f: FullFields): Uint8Array => encodeWith(FEED_CODE.FULL, writeFull, f);
export const encodeDisconnect = (f: DisconnectFields): Uint8Array => encodeWith(FEED_CODE.DISCONNECT, writeDisconnect, f);

/**
 * Any packet: a header declaring `declaredLength` followed by `payload`. For the undocumented
 * codes (1, 7), unknown codes, and deliberately malformed packets in fault tests.
 */
export function encodeRaw(
  code: number,
  segment: number,
  securityId: number,
  payload: Uint8Array = new Uint8Array(0),
  declaredLength: number = HEADER.BYTES + payload.length,
): Uint8Array {
  const bytes = new Uint8Array(HEADER.BYTES + payload.length);
  writeHeader(new DataView(bytes.buffer), 0, code, declaredLength, segment, securityId);
  bytes.set(payload, HEADER.BYTES);
  return bytes;
}

/** Concatenates packets into one frame (DhanHQ sends one per frame; the protocol allows more). */
export function concatPackets(packets: readonly Uint8Array[]): Uint8Array {
  const total = packets.reduce((sum, p) => sum + p.length, 0);
  const frame = new Uint8Array(total);
  let at = 0;
  for (const p of packets) {
    frame.set(p, at);
    at += p.length;
  }
  return frame;
}
