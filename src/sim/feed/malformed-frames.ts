/**
 * Deliberately broken frames for the malformed-packet faults (see MalformedKind), built from a
 * real instrument's packets so a client sees plausible headers around the damage.
 */
import { concatPackets, encodeRaw } from '../../shared/feed/feed-encoder';
import { FEED_CODE, PACKET_BYTES } from '../../shared/feed/feed-layout';
import type { MalformedKind } from '../faults/fault-types';
import type { MarketState } from '../market/market-state';
import type { PacketWriter } from '../market/packet-writer';

/** An unknown packet code no DhanHQ layout uses. */
const UNKNOWN_CODE = 99;

/** The frame for `kind` about instrument `i`, and how many packets it holds. */
export function malformedFrame(kind: MalformedKind, i: number, market: MarketState, writer: PacketWriter): { frame: Uint8Array; packets: number } {
  const { segmentCode: segment, securityId } = market.instrument(i);
  const packet = (code: number): Uint8Array => {
    const bytes = new Uint8Array(PACKET_BYTES[code]!);
    writer.write(new DataView(bytes.buffer), 0, i, code, false);
    return bytes;
  };
  switch (kind) {
    case 'truncated':
      return { frame: packet(FEED_CODE.FULL).slice(0, 100), packets: 1 };
    case 'bad-length':
      return { frame: encodeRaw(FEED_CODE.TICKER, segment, securityId, new Uint8Array(8), 4), packets: 1 };
    case 'length-mismatch':
      return { frame: encodeRaw(FEED_CODE.QUOTE, segment, securityId, new Uint8Array(12)), packets: 1 };
    case 'unknown-code':
      return { frame: concatPackets([encodeRaw(UNKNOWN_CODE, segment, securityId, new Uint8Array(12)), packet(FEED_CODE.TICKER)]), packets: 2 };
    case 'concatenated':
      return { frame: concatPackets([packet(FEED_CODE.PREV_CLOSE), packet(FEED_CODE.TICKER), packet(FEED_CODE.OI)]), packets: 3 };
  }
}
