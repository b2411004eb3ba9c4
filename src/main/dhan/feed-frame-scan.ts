/**
 * A header-only pass over a binary feed frame, run by each connection on every frame before it
 * goes to the engine: it counts the packets (for per-connection diagnostics) and spots a
 * disconnect packet (code 50), which decides whether the connection reconnects. It reads two
 * header fields per packet and allocates nothing; full decoding and codec-error accounting
 * stay with the engine's walkFrame.
 */
import { DISCONNECT, FEED_CODE, HEADER, PACKET_BYTES } from '../../shared/feed/feed-layout';

const DISCONNECT_BYTES = PACKET_BYTES[FEED_CODE.DISCONNECT] as number;

/** Reused by its owner for every frame, so scanning allocates nothing. */
export interface FrameScan {
  /** Packets framed by their declared lengths; a malformed tail ends the count. */
  packets: number;
  /** The reason of the last disconnect packet in the frame, or -1 when there is none. */
  disconnectReason: number;
}

/** Fills `out` for `bytes`; never reads past the frame. */
export function scanFeedFrame(bytes: Uint8Array, out: FrameScan): void {
  let packets = 0;
  let reason = -1;
  let offset = 0;
  const end = bytes.length;
  while (end - offset >= HEADER.BYTES) {
    const length =
      (bytes[offset + HEADER.LENGTH] as number) | ((bytes[offset + HEADER.LENGTH + 1] as number) << 8);
    if (length < HEADER.BYTES || length > end - offset) break;
    if (bytes[offset] === FEED_CODE.DISCONNECT && length >= DISCONNECT_BYTES) {
      reason =
        (bytes[offset + DISCONNECT.REASON] as number) |
        ((bytes[offset + DISCONNECT.REASON + 1] as number) << 8);
    }
    packets++;
    offset += length;
  }
  out.packets = packets;
  out.disconnectReason = reason;
}
