/**
 * A bounded log of the most recent packets, for support staff watching the raw feed. Each
 * packet's first bytes are kept as they arrived, in a ring (tick-ring.ts) that the QuoteCache
 * writes on its per-packet path; entries become objects only when a client asks for them, a
 * few times a second.
 */
import { FEED_CODE, FULL, HEADER, OI, PREV_CLOSE, QUOTE, TICKER } from '../feed/feed-layout';
import type { TickKind, TickLogEntry } from '../api/view-types';
import { ownTickRing, TICK_ENTRY_BYTES, ticksWritten, type TickRing } from './tick-ring';

const KINDS: readonly TickKind[] = [
  'ticker',
  'quote',
  'oi',
  'prev-close',
  'full',
  'market-status',
  'index',
  'disconnect',
  'unknown',
];

function kindIndex(code: number): number {
  switch (code) {
    case FEED_CODE.TICKER:
      return 0;
    case FEED_CODE.QUOTE:
      return 1;
    case FEED_CODE.OI:
      return 2;
    case FEED_CODE.PREV_CLOSE:
      return 3;
    case FEED_CODE.FULL:
      return 4;
    case FEED_CODE.MARKET_STATUS:
      return 5;
    case FEED_CODE.INDEX:
      return 6;
    case FEED_CODE.DISCONNECT:
      return 7;
    default:
      return 8;
  }
}

export class TickLog {
  readonly capacity: number;
  private ring: TickRing;

  /** @param capacity entries kept (default 5000). */
  constructor(capacity = 5_000) {
    this.capacity = capacity;
    this.ring = ownTickRing(capacity);
  }

  /** Entries written since construction (a cursor for `since`). */
  get total(): number {
    return ticksWritten(this.ring);
  }

  /**
   * Goes on in `ring` (a QuoteCache's, so that its hot path records there), taking the entries
   * and the count written so far along: a client's cursor stays valid.
   */
  moveTo(ring: TickRing): void {
    if (ring.capacity !== this.capacity)
      throw new RangeError(
        `a tick log of ${this.capacity} entries cannot move to a ring of ${ring.capacity}`,
      );
    if (ring === this.ring) return;
    ring.entries.set(this.ring.entries);
    ring.cursor.set(this.ring.cursor);
    this.ring = ring;
  }

  /**
   * Entries written after cursor `since` (at most `limit`, the newest ones), oldest first.
   * Prices are rounded by `round`; `labelOf` names the instrument.
   */
  since(
    since: number,
    limit: number,
    labelOf: (segment: number, securityId: number) => string,
    round: (price: number | null) => number | null,
  ): TickLogEntry[] {
    const written = this.total;
    const from = Math.max(since, written - this.capacity, written - limit);
    const view = this.ring.view;
    const out: TickLogEntry[] = [];
    for (let n = from; n < written; n++) {
      const entry = this.ring.entries.byteOffset + (n % this.capacity) * TICK_ENTRY_BYTES;
      const at = entry + 8;
      const segment = view.getUint8(at + HEADER.SEGMENT);
      const securityId = view.getUint32(at + HEADER.SECURITY_ID, true);
      const kind = kindIndex(view.getUint8(at + HEADER.CODE));
      out.push({
        atMs: view.getFloat64(entry, true),
        segment,
        securityId,
        kind: KINDS[kind] as TickKind,
        label: labelOf(segment, securityId),
        ...fields(kind, view, at, round),
      });
    }
    return out;
  }
}

/** The values a packet of this kind carries; null for those it does not. */
function fields(
  kind: number,
  view: DataView,
  at: number,
  round: (price: number | null) => number | null,
): Pick<TickLogEntry, 'ltp' | 'ltq' | 'oi' | 'volume'> {
  const price = (offset: number): number | null => {
    const value = view.getFloat32(at + offset, true);
    return round(Number.isNaN(value) ? null : value);
  };
  switch (kind) {
    case 0:
      return { ltp: price(TICKER.LTP), ltq: null, oi: null, volume: null };
    case 1:
      return {
        ltp: price(QUOTE.LTP),
        ltq: view.getUint16(at + QUOTE.LTQ, true),
        oi: null,
        volume: view.getUint32(at + QUOTE.VOLUME, true),
      };
    case 2:
      return { ltp: null, ltq: null, oi: view.getUint32(at + OI.OI, true), volume: null };
    case 3:
      return {
        ltp: price(PREV_CLOSE.PRICE),
        ltq: null,
        oi: view.getUint32(at + PREV_CLOSE.OI, true),
        volume: null,
      };
    case 4:
      return {
        ltp: price(FULL.LTP),
        ltq: view.getUint16(at + FULL.LTQ, true),
        oi: view.getUint32(at + FULL.OI, true),
        volume: view.getUint32(at + FULL.VOLUME, true),
      };
    default:
      return { ltp: null, ltq: null, oi: null, volume: null };
  }
}
