/**
 * Writes one instrument's feed packets from the market state into a caller's buffer, with the
 * shared codec's write* functions. The field objects handed to them are scratch objects reused
 * for every packet, so the hot path allocates nothing per tick.
 */
import { EXCHANGE_SEGMENT_CODE } from '../../shared/feed/exchange-segment';
import {
  writeDisconnect,
  writeFull,
  writeOi,
  writePrevClose,
  writeQuote,
  writeTicker,
} from '../../shared/feed/feed-encoder';
import { FEED_CODE, PACKET_BYTES } from '../../shared/feed/feed-layout';
import { blankFullFields, type FullFieldsScratch } from '../../shared/feed/feed-packets';
import { IST_OFFSET_MS } from '../util/ist-time';
import type { MarketState } from './market-state';

/** Subscription modes, as stored per connection and instrument (0 = not subscribed). */
export const MODE = Object.freeze({ NONE: 0, TICKER: 1, QUOTE: 2, FULL: 3 });
export type ModeCode = 0 | 1 | 2 | 3;

/**
 * How LTT is stamped: 'ist-wall-clock' writes IST wall-clock seconds as if they were UTC (what
 * community clients report DhanHQ does: true UTC = value − 19 800); 'utc' writes true epoch seconds.
 */
export type LttConvention = 'ist-wall-clock' | 'utc';

const TICKER_CODES: readonly number[] = [FEED_CODE.TICKER];
const QUOTE_CODES: readonly number[] = [FEED_CODE.QUOTE, FEED_CODE.OI];
const INDEX_QUOTE_CODES: readonly number[] = [FEED_CODE.QUOTE];
const FULL_CODES: readonly number[] = [FEED_CODE.FULL];
const NO_CODES: readonly number[] = [];

export class PacketWriter {
  private readonly lttOffsetS: number;
  private readonly scratch: FullFieldsScratch;
  private readonly nseFno = EXCHANGE_SEGMENT_CODE.NSE_FNO;

  constructor(
    private readonly market: MarketState,
    ltt: LttConvention = 'ist-wall-clock',
  ) {
    this.lttOffsetS = ltt === 'ist-wall-clock' ? IST_OFFSET_MS / 1000 : 0;
    this.scratch = blankFullFields();
  }

  /**
   * The packet codes one tick of instrument `i` produces in `mode`: ticker → 2; quote → 4 and 5
   * (an index has no OI, so 4 alone); full → 8 (an index gets 4: DhanHQ sends indices as 2/4/6).
   */
  codesFor(i: number, mode: number): readonly number[] {
    const isIndex = this.market.instrument(i).kind === 'index';
    switch (mode) {
      case MODE.TICKER:
        return TICKER_CODES;
      case MODE.QUOTE:
        return isIndex ? INDEX_QUOTE_CODES : QUOTE_CODES;
      case MODE.FULL:
        return isIndex ? INDEX_QUOTE_CODES : FULL_CODES;
      default:
        return NO_CODES;
    }
  }

  /** Bytes one tick of `i` in `mode` takes. */
  bytesFor(i: number, mode: number): number {
    let bytes = 0;
    for (const code of this.codesFor(i, mode)) bytes += PACKET_BYTES[code] ?? 0;
    return bytes;
  }

  /**
   * Writes packet `code` for instrument `i` at `at`; returns its length. `sessionClosed` fills the
   * day-close field, which DhanHQ sends only after the close.
   */
  write(view: DataView, at: number, i: number, code: number, sessionClosed: boolean): number {
    const f = this.fill(i, sessionClosed);
    switch (code) {
      case FEED_CODE.TICKER:
        return writeTicker(view, at, f);
      case FEED_CODE.QUOTE:
        return writeQuote(view, at, f);
      case FEED_CODE.OI:
        return writeOi(view, at, f);
      case FEED_CODE.FULL:
        this.fillDepth(i);
        return writeFull(view, at, f);
      case FEED_CODE.PREV_CLOSE: {
        const m = this.market;
        return writePrevClose(view, at, {
          segment: f.segment,
          securityId: f.securityId,
          prevClose: m.prevClose[i] ?? 0,
          prevOi: m.prevOi[i] ?? 0,
        });
      }
      default:
        throw new RangeError(`the simulator does not generate packet code ${code}`);
    }
  }

  /** Writes a disconnect packet (code 50) with an 8xx reason; returns its length. */
  writeDisconnect(view: DataView, at: number, reason: number): number {
    return writeDisconnect(view, at, { segment: 0, securityId: 0, reason });
  }

  private fill(i: number, sessionClosed: boolean): FullFieldsScratch {
    const m = this.market;
    const instrument = m.instrument(i);
    const f = this.scratch;
    const ltp = m.ltp[i] ?? 0;
    f.segment = instrument.segmentCode;
    f.securityId = instrument.securityId;
    f.ltp = ltp;
    f.ltq = Math.min(65_535, m.ltq[i] ?? 0);
    f.lttEpochS = (m.lastTradeS[i] ?? 0) + this.lttOffsetS;
    f.atp = m.atp[i] ?? 0;
    f.volume = m.volume[i] ?? 0;
    f.totalSellQty = m.totalSellQty[i] ?? 0;
    f.totalBuyQty = m.totalBuyQty[i] ?? 0;
    f.open = m.open[i] ?? 0;
    f.close = sessionClosed ? ltp : 0;
    f.high = m.high[i] ?? 0;
    f.low = m.low[i] ?? 0;
    f.oi = m.oi[i] ?? 0;
    const nse = instrument.segmentCode === this.nseFno;
    f.oiDayHigh = nse ? (m.oiHigh[i] ?? 0) : 0;
    f.oiDayLow = nse ? (m.oiLow[i] ?? 0) : 0;
    return f;
  }

  private fillDepth(i: number): void {
    this.market.fillDepth(i, this.scratch.depth);
  }
}
