/**
 * A bounded log of the most recent packets, for support staff watching the raw feed. Packets
 * are written into preallocated typed arrays (no allocation per packet); entries become
 * objects only when a client asks for them, a few times a second.
 */
import { FEED_CODE, FULL, OI, PREV_CLOSE, QUOTE, TICKER } from '../feed/feed-layout';
import type { TickKind, TickLogEntry } from '../api/view-types';

const KINDS: readonly TickKind[] = ['ticker', 'quote', 'oi', 'prev-close', 'full', 'market-status', 'index', 'disconnect', 'unknown'];

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
  private readonly atMs: Float64Array;
  private readonly segment: Uint8Array;
  private readonly securityId: Uint32Array;
  private readonly kind: Uint8Array;
  private readonly ltp: Float64Array;
  private readonly ltq: Float64Array;
  private readonly oi: Float64Array;
  private readonly volume: Float64Array;
  /** Total entries ever written; the newest is at (written - 1) % capacity. */
  private written = 0;
  /** written % capacity, kept incrementally: a division per packet is measurable at 100 000 packets/s. */
  private next = 0;

  /** @param capacity entries kept (default 5000). */
  constructor(capacity = 5_000) {
    this.capacity = capacity;
    this.atMs = new Float64Array(capacity);
    this.segment = new Uint8Array(capacity);
    this.securityId = new Uint32Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.ltp = new Float64Array(capacity);
    this.ltq = new Float64Array(capacity);
    this.oi = new Float64Array(capacity);
    this.volume = new Float64Array(capacity);
  }

  /** Entries written since construction (a cursor for `since`). */
  get total(): number {
    return this.written;
  }

  /** Records one packet from a frame; NaN marks a field the packet does not carry. */
  record(atMs: number, code: number, segment: number, securityId: number, view: DataView, at: number): void {
    const i = this.next;
    this.next = i + 1 === this.capacity ? 0 : i + 1;
    this.written++;
    this.atMs[i] = atMs;
    this.segment[i] = segment;
    this.securityId[i] = securityId;
    const kind = kindIndex(code);
    this.kind[i] = kind;
    let ltp = Number.NaN;
    let ltq = Number.NaN;
    let oi = Number.NaN;
    let volume = Number.NaN;
    switch (kind) {
      case 0:
        ltp = view.getFloat32(at + TICKER.LTP, true);
        break;
      case 1:
        ltp = view.getFloat32(at + QUOTE.LTP, true);
        ltq = view.getUint16(at + QUOTE.LTQ, true);
        volume = view.getUint32(at + QUOTE.VOLUME, true);
        break;
      case 2:
        oi = view.getUint32(at + OI.OI, true);
        break;
      case 3:
        ltp = view.getFloat32(at + PREV_CLOSE.PRICE, true);
        oi = view.getUint32(at + PREV_CLOSE.OI, true);
        break;
      case 4:
        ltp = view.getFloat32(at + FULL.LTP, true);
        ltq = view.getUint16(at + FULL.LTQ, true);
        volume = view.getUint32(at + FULL.VOLUME, true);
        oi = view.getUint32(at + FULL.OI, true);
        break;
      default:
        break;
    }
    this.ltp[i] = ltp;
    this.ltq[i] = ltq;
    this.oi[i] = oi;
    this.volume[i] = volume;
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
    const from = Math.max(since, this.written - this.capacity, this.written - limit);
    const out: TickLogEntry[] = [];
    for (let n = from; n < this.written; n++) {
      const i = n % this.capacity;
      const segment = this.segment[i] as number;
      const securityId = this.securityId[i] as number;
      out.push({
        atMs: this.atMs[i] as number,
        segment,
        securityId,
        kind: KINDS[this.kind[i] as number] as TickKind,
        label: labelOf(segment, securityId),
        ltp: round(nullIfNaN(this.ltp[i] as number)),
        ltq: nullIfNaN(this.ltq[i] as number),
        oi: nullIfNaN(this.oi[i] as number),
        volume: nullIfNaN(this.volume[i] as number),
      });
    }
    return out;
  }
}

function nullIfNaN(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}
