/**
 * Packet field shapes and an allocating decoder for tests, tools and the tick log. The encoders
 * take the same shapes, so a decoded packet re-encodes to the same bytes.
 */
import { DEPTH, DISCONNECT, FEED_CODE, FULL, OI, PREV_CLOSE, QUOTE, TICKER } from './feed-layout';
import { walkFrame, frameView, type CodecErrorCode } from './feed-decoder';

interface PacketAddress {
  /** Numeric exchange segment (see exchange-segment.ts). */
  readonly segment: number;
  readonly securityId: number;
}

export interface TickerFields extends PacketAddress {
  readonly ltp: number;
  readonly lttEpochS: number;
}

export interface QuoteFields extends PacketAddress {
  readonly ltp: number;
  readonly ltq: number;
  readonly lttEpochS: number;
  readonly atp: number;
  readonly volume: number;
  readonly totalSellQty: number;
  readonly totalBuyQty: number;
  readonly open: number;
  readonly close: number;
  readonly high: number;
  readonly low: number;
}

export interface OiFields extends PacketAddress {
  readonly oi: number;
}

export interface PrevCloseFields extends PacketAddress {
  readonly prevClose: number;
  readonly prevOi: number;
}

export interface DepthLevel {
  readonly bidQty: number;
  readonly askQty: number;
  readonly bidOrders: number;
  readonly askOrders: number;
  readonly bidPrice: number;
  readonly askPrice: number;
}

export interface FullFields extends QuoteFields {
  readonly oi: number;
  readonly oiDayHigh: number;
  readonly oiDayLow: number;
  /** Up to five levels, best first; missing levels encode as zeros. */
  readonly depth: readonly DepthLevel[];
}

/** FullFields an encoding loop fills in place: one object per writer, not one per packet. */
export type FullFieldsScratch = { -readonly [K in Exclude<keyof FullFields, 'depth'>]: FullFields[K] } & {
  depth: { -readonly [K in keyof DepthLevel]: DepthLevel[K] }[];
};

/** A depth level with nothing in it, as a full packet encodes a missing level. */
export const EMPTY_DEPTH_LEVEL: DepthLevel = Object.freeze({
  bidQty: 0,
  askQty: 0,
  bidOrders: 0,
  askOrders: 0,
  bidPrice: 0,
  askPrice: 0,
});

/** All zeros, with every depth level. */
export function blankFullFields(): FullFieldsScratch {
  const depth = Array.from({ length: DEPTH.LEVELS }, () => ({ ...EMPTY_DEPTH_LEVEL }));
  return {
    segment: 0,
    securityId: 0,
    ltp: 0,
    ltq: 0,
    lttEpochS: 0,
    atp: 0,
    volume: 0,
    totalSellQty: 0,
    totalBuyQty: 0,
    open: 0,
    close: 0,
    high: 0,
    low: 0,
    oi: 0,
    oiDayHigh: 0,
    oiDayLow: 0,
    depth,
  };
}

export interface DisconnectFields extends PacketAddress {
  readonly reason: number;
}

export interface RawFields extends PacketAddress {
  readonly code: number;
  /** The packet's bytes after the header, copied. */
  readonly payload: Uint8Array;
}

export type DecodedPacket =
  | ({ readonly kind: 'ticker' } & TickerFields)
  | ({ readonly kind: 'quote' } & QuoteFields)
  | ({ readonly kind: 'oi' } & OiFields)
  | ({ readonly kind: 'prev-close' } & PrevCloseFields)
  | ({ readonly kind: 'full' } & FullFields)
  | ({ readonly kind: 'disconnect' } & DisconnectFields)
  | ({ readonly kind: 'market-status' | 'index' } & RawFields);

export interface DecodeRejection {
  readonly error: CodecErrorCode;
  readonly offset: number;
  readonly code: number;
  readonly declaredLength: number;
}

export interface DecodedFrame {
  readonly packets: DecodedPacket[];
  readonly rejections: DecodeRejection[];
}

/** Decodes one frame into objects. Allocates: not for the hot path. */
export function decodeFrame(bytes: Uint8Array): DecodedFrame {
  const packets: DecodedPacket[] = [];
  const rejections: DecodeRejection[] = [];
  walkFrame(frameView(bytes), {
    packet(code, segment, securityId, view, offset, length) {
      packets.push(decodePacket(code, segment, securityId, view, offset, length));
    },
    reject(error, offset, code, declaredLength) {
      rejections.push({ error, offset, code, declaredLength });
    },
  });
  return { packets, rejections };
}

/** Decodes one packet already validated by walkFrame. */
export function decodePacket(
  code: number,
  segment: number,
  securityId: number,
  view: DataView,
  at: number,
  length: number,
): DecodedPacket {
  const address = { segment, securityId };
  switch (code) {
    case FEED_CODE.TICKER:
      return {
        kind: 'ticker',
        ...address,
        ltp: view.getFloat32(at + TICKER.LTP, true),
        lttEpochS: view.getUint32(at + TICKER.LTT, true),
      };
    case FEED_CODE.QUOTE:
      return { kind: 'quote', ...address, ...readQuoteBody(view, at) };
    case FEED_CODE.OI:
      return { kind: 'oi', ...address, oi: view.getUint32(at + OI.OI, true) };
    case FEED_CODE.PREV_CLOSE:
      return {
        kind: 'prev-close',
        ...address,
        prevClose: view.getFloat32(at + PREV_CLOSE.PRICE, true),
        prevOi: view.getUint32(at + PREV_CLOSE.OI, true),
      };
    case FEED_CODE.FULL:
      return { kind: 'full', ...address, ...readFullBody(view, at) };
    case FEED_CODE.DISCONNECT:
      return { kind: 'disconnect', ...address, reason: view.getUint16(at + DISCONNECT.REASON, true) };
    default:
      return {
        kind: code === FEED_CODE.INDEX ? 'index' : 'market-status',
        ...address,
        code,
        payload: new Uint8Array(view.buffer.slice(view.byteOffset + at + 8, view.byteOffset + at + length)),
      };
  }
}

function readQuoteBody(view: DataView, at: number): Omit<QuoteFields, 'segment' | 'securityId'> {
  return {
    ltp: view.getFloat32(at + QUOTE.LTP, true),
    ltq: view.getUint16(at + QUOTE.LTQ, true),
    lttEpochS: view.getUint32(at + QUOTE.LTT, true),
    atp: view.getFloat32(at + QUOTE.ATP, true),
    volume: view.getUint32(at + QUOTE.VOLUME, true),
    totalSellQty: view.getUint32(at + QUOTE.TOTAL_SELL_QTY, true),
    totalBuyQty: view.getUint32(at + QUOTE.TOTAL_BUY_QTY, true),
    open: view.getFloat32(at + QUOTE.OPEN, true),
    close: view.getFloat32(at + QUOTE.CLOSE, true),
    high: view.getFloat32(at + QUOTE.HIGH, true),
    low: view.getFloat32(at + QUOTE.LOW, true),
  };
}

function readFullBody(view: DataView, at: number): Omit<FullFields, 'segment' | 'securityId'> {
  const depth: DepthLevel[] = [];
  for (let level = 0; level < DEPTH.LEVELS; level++) {
    depth.push(readDepthLevel(view, at, level));
  }
  return {
    ltp: view.getFloat32(at + FULL.LTP, true),
    ltq: view.getUint16(at + FULL.LTQ, true),
    lttEpochS: view.getUint32(at + FULL.LTT, true),
    atp: view.getFloat32(at + FULL.ATP, true),
    volume: view.getUint32(at + FULL.VOLUME, true),
    totalSellQty: view.getUint32(at + FULL.TOTAL_SELL_QTY, true),
    totalBuyQty: view.getUint32(at + FULL.TOTAL_BUY_QTY, true),
    oi: view.getUint32(at + FULL.OI, true),
    oiDayHigh: view.getUint32(at + FULL.OI_HIGH, true),
    oiDayLow: view.getUint32(at + FULL.OI_LOW, true),
    open: view.getFloat32(at + FULL.OPEN, true),
    close: view.getFloat32(at + FULL.CLOSE, true),
    high: view.getFloat32(at + FULL.HIGH, true),
    low: view.getFloat32(at + FULL.LOW, true),
    depth,
  };
}

/** Reads depth level `level` (0 = best) of the FULL packet at `packetOffset`. */
export function readDepthLevel(view: DataView, packetOffset: number, level: number): DepthLevel {
  const at = packetOffset + FULL.DEPTH + level * DEPTH.LEVEL_BYTES;
  return {
    bidQty: view.getUint32(at + DEPTH.BID_QTY, true),
    askQty: view.getUint32(at + DEPTH.ASK_QTY, true),
    bidOrders: view.getUint16(at + DEPTH.BID_ORDERS, true),
    askOrders: view.getUint16(at + DEPTH.ASK_ORDERS, true),
    bidPrice: view.getFloat32(at + DEPTH.BID_PRICE, true),
    askPrice: view.getFloat32(at + DEPTH.ASK_PRICE, true),
  };
}
