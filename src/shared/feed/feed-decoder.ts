/**
 * Walks the packets of one binary feed frame. A frame may hold several packets, each declaring
 * its own length; the walker checks that length against what remains before every read, hands
 * each well-formed packet to a visitor as (view, offset) with no copying, and reports each bad
 * packet with a stable code instead of throwing. It never reads outside the frame.
 *
 * Hot path: consumers read fields straight from the DataView using the offsets in
 * feed-layout.ts (see QuoteCache). `decodeFrame` below allocates objects and is meant for
 * tests, tools and the tick log.
 */
import { FEED_CODE, HEADER } from './feed-layout';

export type CodecErrorCode = 'CODEC_TRUNCATED' | 'CODEC_BAD_LENGTH' | 'CODEC_LENGTH_MISMATCH' | 'CODEC_UNKNOWN_CODE';

export const CODEC_ERROR_CODES: readonly CodecErrorCode[] = [
  'CODEC_TRUNCATED',
  'CODEC_BAD_LENGTH',
  'CODEC_LENGTH_MISMATCH',
  'CODEC_UNKNOWN_CODE',
];

export interface FeedFrameVisitor {
  /**
   * A well-formed packet of a known code. `view` and `offset` address its first header byte;
   * `length` is its declared length (≥ the layout's size for the code). Valid only during the call.
   */
  packet(code: number, segment: number, securityId: number, view: DataView, offset: number, length: number): void;
  /**
   * A packet that was not delivered. TRUNCATED and BAD_LENGTH end the frame (nothing after them
   * can be framed); LENGTH_MISMATCH and UNKNOWN_CODE skip by the declared length and go on.
   */
  reject(error: CodecErrorCode, offset: number, code: number, declaredLength: number): void;
}

/**
 * Minimum length of a known code, or -1. A switch rather than a table lookup: it compiles to
 * a jump table and keeps the walk loop monomorphic.
 */
function minimumLength(code: number): number {
  switch (code) {
    case FEED_CODE.TICKER:
      return 16;
    case FEED_CODE.QUOTE:
      return 50;
    case FEED_CODE.OI:
      return 12;
    case FEED_CODE.PREV_CLOSE:
      return 16;
    case FEED_CODE.FULL:
      return 162;
    case FEED_CODE.DISCONNECT:
      return 10;
    case FEED_CODE.INDEX:
    case FEED_CODE.MARKET_STATUS:
      return HEADER.BYTES;
    default:
      return -1;
  }
}

/** Visits every packet in the frame; returns how many were delivered to `visitor.packet`. */
export function walkFrame(view: DataView, visitor: FeedFrameVisitor): number {
  return walkPackets(view, 0, view.byteLength, visitor);
}

/**
 * Visits the packets of the frame that occupies bytes [start, end) of `view`. Offsets given to
 * the visitor are offsets into `view`. This lets a caller keep one DataView per socket buffer
 * and walk each frame inside it, instead of allocating a DataView per frame (DhanHQ sends one
 * packet per frame, so that would be an allocation per tick).
 */
export function walkPackets(view: DataView, start: number, end: number, visitor: FeedFrameVisitor): number {
  let offset = start;
  let delivered = 0;
  while (offset < end) {
    const remaining = end - offset;
    if (remaining < HEADER.BYTES) {
      visitor.reject('CODEC_TRUNCATED', offset, view.getUint8(offset), remaining);
      break;
    }
    const code = view.getUint8(offset);
    const length = view.getUint16(offset + HEADER.LENGTH, true);
    if (length < HEADER.BYTES) {
      visitor.reject('CODEC_BAD_LENGTH', offset, code, length);
      break;
    }
    if (length > remaining) {
      visitor.reject('CODEC_TRUNCATED', offset, code, length);
      break;
    }
    const minimum = minimumLength(code);
    if (minimum < 0) {
      visitor.reject('CODEC_UNKNOWN_CODE', offset, code, length);
    } else if (length < minimum) {
      visitor.reject('CODEC_LENGTH_MISMATCH', offset, code, length);
    } else {
      visitor.packet(
        code,
        view.getUint8(offset + HEADER.SEGMENT),
        view.getUint32(offset + HEADER.SECURITY_ID, true),
        view,
        offset,
        length,
      );
      delivered++;
    }
    offset += length;
  }
  return delivered;
}

/** Wraps bytes received from a socket (possibly a slice of a larger pooled buffer). */
export function frameView(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
