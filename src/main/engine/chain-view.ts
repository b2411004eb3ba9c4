/**
 * One option chain as a client sees it: the expiry's strikes, their CE/PE contracts' live
 * values from the QuoteCache, our analytics (ChainAnalytics) and DhanHQ's broker values, kept
 * apart. The engine tells it which cache slots changed; at each flush it recomputes analytics
 * and emits only what changed in the rows inside the strike window (or a fresh snapshot when the
 * window itself moved).
 */
import type {
  ChainBatch,
  ChainRow,
  ChainRowPatch,
  ChainSelection,
  ChainSnapshot,
  ChainSummary,
  SeriesPoint,
  SideView,
} from '../../shared/api/view-types';
import type { AppProblem } from '../../shared/errors/app-error';
import { ChainAnalytics } from '../../shared/analytics/chain-analytics';
import { expiryEpochMsOf } from '../../shared/analytics/time-to-expiry';
import { chainRowPatch } from '../../shared/api/chain-row-patch';
import { QUOTE_SOURCE, type QuoteCache } from '../../shared/cache/quote-cache';
import { EXCHANGE_SEGMENT_CODE } from '../../shared/feed/exchange-segment';
import { roundPrice, roundTo } from '../../shared/format/price';
import type { ExpirySkeleton, OptionSide, UnderlyingSkeleton } from '../../shared/model/instruments';
import type { Clock } from '../../shared/util/clock';

/** DhanHQ's own IV and greeks for a contract, from the REST option chain. */
export interface BrokerValues {
  readonly iv: number | null;
  readonly delta: number | null;
  readonly gamma: number | null;
  readonly theta: number | null;
  readonly vega: number | null;
}

export interface ChainViewOptions {
  readonly underlying: UnderlyingSkeleton;
  readonly expiry: ExpirySkeleton;
  readonly cache: QuoteCache;
  readonly clock: Clock;
  readonly strikeWindow: number;
  /** Slot of the underlying's spot in the cache. */
  readonly spotSlot: number;
  /** Slot of the future expiring with this chain, or -1 when there is none. */
  readonly futureSlot: number;
  readonly isMarketOpen: () => boolean;
  /** How often the ATM straddle is sampled for the day's series. Default 15 s. */
  readonly straddleSampleMs?: number;
  /** Most points kept in the straddle series. Default 1 700 (a 7-hour session at 15 s). */
  readonly maxSeriesPoints?: number;
  /**
   * A row's analytics (IV and greeks of both sides, which move with the forward and time) are
   * refreshed at most this often. Default 250 ms. A side with a tick of its own is rebuilt and
   * sent at once, with fresh analytics; the row's other side keeps the values last sent until
   * the row's refresh is due.
   */
  readonly analyticsRefreshMs?: number;
}

/** See ChainViewOptions.analyticsRefreshMs. */
export const ANALYTICS_REFRESH_MS = 250;

const SIDES: readonly OptionSide[] = ['CE', 'PE'];
const NO_BROKER: BrokerValues = { iv: null, delta: null, gamma: null, theta: null, vega: null };

export class ChainView {
  readonly underlyingSymbol: string;
  readonly expiryDate: string;
  private strikeWindow: number;
  private readonly strikes: readonly number[];
  private readonly slots: Int32Array; // strikeIndex·2 + side → cache slot, or -1
  /** Cache slot → strikeIndex·2 + side, or -1: read for every changed slot of every batch. */
  private readonly contractOfSlot: Int32Array;
  /** The option slots this view shows. */
  private readonly contractSlots: number[] = [];
  private readonly analytics: ChainAnalytics;
  /** Sides (strikeIndex·2 + side) with a tick or new broker values since the last flush: rebuilt at the next one. */
  private readonly dirtySides: Uint8Array;
  /** Rows whose analytics changed: rebuilt whole once their last refresh is old enough. */
  private readonly staleRows: Uint8Array;
  /** When each row was last rebuilt whole (clock ms), whether or not it then looked different. */
  private readonly refreshedAtMs: Float64Array;
  private readonly broker: BrokerValues[];
  private readonly series: SeriesPoint[] = [];
  private lastSampleMs = Number.NEGATIVE_INFINITY;
  private lastTickAtMs: number | null = null;
  private sentWindow: [number, number] = [-1, -1];
  /** Strike index the window is centred on, or -1 before the first window. */
  private windowCentre = -1;
  private lastSummaryJson = '';
  /** Each row as last sent: a recompute that moves no displayed digit sends nothing. */
  private readonly sentRows = new Map<number, ChainRow>();
  private seq = 0;

  constructor(private readonly options: ChainViewOptions) {
    const { underlying, expiry, cache } = options;
    this.underlyingSymbol = underlying.symbol;
    this.expiryDate = expiry.expiry;
    this.strikeWindow = options.strikeWindow;
    this.strikes = expiry.strikes.map((s) => s.strike);
    this.slots = new Int32Array(this.strikes.length * 2).fill(-1);
    this.contractOfSlot = new Int32Array(cache.capacity).fill(-1);
    expiry.strikes.forEach((strike, i) => {
      SIDES.forEach((side, s) => {
        const contract = side === 'CE' ? strike.ce : strike.pe;
        if (!contract) return;
        const slot = cache.slotOf(EXCHANGE_SEGMENT_CODE[contract.segment], contract.securityId);
        if (slot < 0) return;
        this.slots[i * 2 + s] = slot;
        this.contractOfSlot[slot] = i * 2 + s;
        this.contractSlots.push(slot);
      });
    });
    this.analytics = new ChainAnalytics({
      strikes: this.strikes,
      lotSize: expiry.lotSize,
      expiryEpochMs: expiryEpochMsOf(expiry.expiry),
      clock: options.clock,
      // Rows whose only change is analytics are sent this often, so holding the forward as long costs nothing on screen.
      forwardRefreshMs: options.analyticsRefreshMs ?? ANALYTICS_REFRESH_MS,
    });
    this.dirtySides = new Uint8Array(this.strikes.length * 2);
    this.staleRows = new Uint8Array(this.strikes.length);
    this.refreshedAtMs = new Float64Array(this.strikes.length).fill(Number.NEGATIVE_INFINITY);
    this.broker = Array.from({ length: this.strikes.length * 2 }, () => NO_BROKER);
    this.reload();
  }

  /** The cache slots whose changes this view needs to hear about: its contracts and its future. */
  watchedSlots(): number[] {
    const futureSlot = this.options.futureSlot;
    return futureSlot >= 0 ? [...this.contractSlots, futureSlot] : [...this.contractSlots];
  }

  /**
   * Reads every contract and the future from the cache again, as if each had changed: for a
   * view whose slots were not yet watched when their changes arrived (see Engine.flush).
   */
  reload(): void {
    for (let key = 0; key < this.slots.length; key++) if ((this.slots[key] as number) >= 0) this.loadContract(key);
    this.loadFuture();
  }

  get selection(): ChainSelection {
    return { underlying: this.underlyingSymbol, expiry: this.expiryDate, strikeWindow: this.strikeWindow };
  }

  setStrikeWindow(strikeWindow: number): void {
    this.strikeWindow = strikeWindow;
    this.sentWindow = [-1, -1];
    this.windowCentre = -1;
  }

  /** Called for every cache slot that changed since the last flush. */
  onSlotChanged(slot: number): void {
    const key = slot >= 0 && slot < this.contractOfSlot.length ? (this.contractOfSlot[slot] as number) : -1;
    if (key >= 0) {
      this.loadContract(key);
      const updated = this.options.cache.updatedAtMs(slot);
      if (updated !== null && (this.lastTickAtMs === null || updated > this.lastTickAtMs)) this.lastTickAtMs = updated;
    } else if (slot === this.options.futureSlot) {
      this.loadFuture();
    }
  }

  /** Stores DhanHQ's values for one contract (from a REST snapshot); shown beside ours, never mixed. */
  setBroker(strike: number, side: OptionSide, values: BrokerValues): void {
    const index = this.analytics.strikeIndexOf(strike);
    if (index < 0) return;
    const key = index * 2 + (side === 'CE' ? 0 : 1);
    this.broker[key] = values;
    this.dirtySides[key] = 1;
  }

  /** A full picture of the chain (the strike window only, when one is set). */
  snapshot(problem: AppProblem | null): ChainSnapshot {
    const result = this.analytics.recompute();
    this.sample(result.summary.straddleRupees);
    const [lo, hi] = this.windowRange(result.summary.atmStrike);
    this.sentWindow = [lo, hi];
    this.dirtySides.fill(0);
    this.staleRows.fill(0);
    const summary = this.buildSummary();
    this.lastSummaryJson = JSON.stringify(summary);
    const rows: ChainRow[] = [];
    this.sentRows.clear();
    const now = this.options.clock.nowMs();
    for (let i = lo; i <= hi; i++) {
      const row = this.row(i);
      this.sentRows.set(i, row);
      this.refreshedAtMs[i] = now;
      rows.push(row);
    }
    return {
      selection: this.selection,
      seq: ++this.seq,
      summary,
      rows,
      totalStrikes: this.strikes.length,
      problem,
      straddleSeries: [...this.series],
    };
  }

  /**
   * The changes since the last flush: a batch of changed rows, a snapshot when the strike
   * window moved (ATM shifted), or null when nothing a client shows has changed.
   */
  flush(problem: AppProblem | null): { batch: ChainBatch } | { snapshot: ChainSnapshot } | null {
    const result = this.analytics.recompute();
    for (const i of result.changedStrikeIndices) this.staleRows[i] = 1;
    const point = this.sample(result.summary.straddleRupees);
    const [lo, hi] = this.windowRange(result.summary.atmStrike);
    if (lo !== this.sentWindow[0] || hi !== this.sentWindow[1]) return { snapshot: this.snapshot(problem) };
    const now = this.options.clock.nowMs();
    const refreshMs = this.options.analyticsRefreshMs ?? ANALYTICS_REFRESH_MS;
    const rows: ChainRowPatch[] = [];
    for (let i = lo; i <= hi; i++) {
      const ticked = this.dirtySides[i * 2] === 1 || this.dirtySides[i * 2 + 1] === 1;
      // A forward move recomputes every contract, so each row's IV and greeks move every
      // `refreshMs` on a busy feed. A row is rebuilt whole for that once its last whole rebuild
      // is `refreshMs` old (rows fall due at different times, which spreads the work).
      const refresh = this.staleRows[i] === 1 && now - (this.refreshedAtMs[i] as number) >= refreshMs;
      if (!ticked && !refresh) continue;
      const sent = this.sentRows.get(i);
      const row = refresh || sent === undefined ? this.refreshedRow(i, now) : this.tickedRow(i, sent);
      // Most recomputes move no displayed digit (IV to 2 decimals, delta to 4): only rows that
      // look different are sent, and of those only what changed.
      const patch = sent === undefined ? row : chainRowPatch(sent, row);
      if (patch === null) continue;
      this.sentRows.set(i, row);
      rows.push(patch);
    }
    this.dirtySides.fill(0);
    const summary = this.buildSummary();
    const summaryJson = JSON.stringify(summary);
    if (rows.length === 0 && point === null && summaryJson === this.lastSummaryJson) return null;
    this.lastSummaryJson = summaryJson;
    return {
      batch: {
        seq: ++this.seq,
        underlying: this.underlyingSymbol,
        expiry: this.expiryDate,
        summary,
        rows,
        problem,
        straddlePoint: point,
      },
    };
  }

  /** Every strike (ignoring the window), for the JSON endpoint and the doctor. */
  allRows(): ChainRow[] {
    this.analytics.recompute();
    return this.strikes.map((_, i) => this.row(i));
  }

  summary(): ChainSummary {
    this.analytics.recompute();
    return this.buildSummary();
  }

  /** True once any contract of the chain has a value from the feed or a snapshot. */
  hasPrices(): boolean {
    for (const slot of this.contractSlots) if (this.options.cache.source(slot) !== QUOTE_SOURCE.NONE) return true;
    return false;
  }

  private loadContract(key: number): void {
    const slot = this.slots[key] as number;
    const cache = this.options.cache;
    const i = key >> 1;
    const side = SIDES[key & 1] as OptionSide;
    this.analytics.setQuote(i, side, {
      ltp: cache.ltp(slot),
      bid: cache.bidPrice(slot),
      ask: cache.askPrice(slot),
      prevClose: cache.prevClose(slot),
      oi: cache.oi(slot),
      prevOi: cache.prevOi(slot),
      volume: cache.volume(slot),
    });
    this.dirtySides[key] = 1;
  }

  private loadFuture(): void {
    const slot = this.options.futureSlot;
    this.analytics.setFuturePrice(slot >= 0 ? this.options.cache.ltp(slot) : null);
  }

  private windowRange(atmStrike: number | null): [number, number] {
    const last = this.strikes.length - 1;
    if (this.strikeWindow <= 0 || last < 0) return [0, last];
    let centre = atmStrike === null ? -1 : this.analytics.strikeIndexOf(atmStrike);
    if (centre < 0) centre = this.nearestIndex(this.options.cache.ltp(this.options.spotSlot)) ?? Math.floor(last / 2);
    // A forward hovering between two strikes flips ATM back and forth; moving the window with
    // it would resend the whole window each time. The window follows once ATM is more than a
    // tenth of the window (at least one strike) away from its centre, so ATM stays well inside.
    const slack = Math.max(1, Math.floor(this.strikeWindow / 10));
    if (this.windowCentre >= 0 && Math.abs(centre - this.windowCentre) <= slack) centre = this.windowCentre;
    this.windowCentre = centre;
    return [Math.max(0, centre - this.strikeWindow), Math.min(last, centre + this.strikeWindow)];
  }

  private nearestIndex(price: number | null): number | null {
    if (price === null) return null;
    let best = 0;
    this.strikes.forEach((strike, i) => {
      if (Math.abs(strike - price) < Math.abs((this.strikes[best] as number) - price)) best = i;
    });
    return best;
  }

  private sample(straddle: number | null): SeriesPoint | null {
    const now = this.options.clock.nowMs();
    if (straddle === null || now - this.lastSampleMs < (this.options.straddleSampleMs ?? 15_000)) return null;
    this.lastSampleMs = now;
    const point = { atMs: now, value: roundTo(straddle, 2) };
    this.series.push(point);
    if (this.series.length > (this.options.maxSeriesPoints ?? 1_700)) this.series.shift();
    return point;
  }

  private row(i: number): ChainRow {
    return { strike: this.strikes[i] as number, ce: this.side(i, 'CE'), pe: this.side(i, 'PE') };
  }

  /** Row `i` rebuilt whole, with both sides' analytics as of now. */
  private refreshedRow(i: number, now: number): ChainRow {
    this.staleRows[i] = 0;
    this.refreshedAtMs[i] = now;
    return this.row(i);
  }

  /**
   * Row `i` with only its ticked sides rebuilt; the other side is the one last sent. On a busy
   * chain most rows are sent because one of their contracts traded, and building a side is
   * most of a batch's work.
   */
  private tickedRow(i: number, sent: ChainRow): ChainRow {
    return {
      strike: sent.strike,
      ce: this.dirtySides[i * 2] === 1 ? this.side(i, 'CE') : sent.ce,
      pe: this.dirtySides[i * 2 + 1] === 1 ? this.side(i, 'PE') : sent.pe,
    };
  }

  private side(i: number, side: OptionSide): SideView | null {
    const key = i * 2 + (side === 'CE' ? 0 : 1);
    const slot = this.slots[key] as number;
    if (slot < 0) return null;
    const cache = this.options.cache;
    const a = this.analytics;
    const broker = this.broker[key] ?? NO_BROKER;
    const tick = this.options.expiry.tickSizeRupees;
    const ltp = cache.ltp(slot);
    const prevClose = cache.prevClose(slot);
    const change = a.priceChange(i, side);
    const source = cache.source(slot);
    return {
      securityId: cache.securityId(slot),
      ltp: roundPrice(ltp, tick),
      change: roundPrice(change),
      changePct: change !== null && prevClose !== null && prevClose > 0 ? roundTo((change / prevClose) * 100, 2) : null,
      prevClose: roundPrice(prevClose, tick),
      oi: cache.oi(slot),
      prevOi: cache.prevOi(slot),
      oiChange: a.oiChange(i, side),
      volume: cache.volume(slot),
      bidPrice: roundPrice(cache.bidPrice(slot), tick),
      bidQty: cache.bidQty(slot),
      askPrice: roundPrice(cache.askPrice(slot), tick),
      askQty: cache.askQty(slot),
      iv: round(a.ivPercent(i, side), 2),
      delta: round(a.delta(i, side), 4),
      gamma: round(a.gamma(i, side), 6),
      theta: round(a.thetaPerDay(i, side), 2),
      vega: round(a.vegaPerVolPoint(i, side), 2),
      brokerIv: round(broker.iv, 2),
      brokerDelta: round(broker.delta, 4),
      brokerGamma: round(broker.gamma, 6),
      brokerTheta: round(broker.theta, 2),
      brokerVega: round(broker.vega, 2),
      buildUp: a.buildUp(i, side),
      source: source === QUOTE_SOURCE.FEED ? 'feed' : source === QUOTE_SOURCE.REST ? 'rest' : null,
      updatedAtMs: cache.updatedAtMs(slot),
    };
  }

  private buildSummary(): ChainSummary {
    const s = this.analytics.summary();
    return {
      underlying: this.underlyingSymbol,
      expiry: this.expiryDate,
      spot: roundPrice(this.options.cache.ltp(this.options.spotSlot)),
      forward: roundPrice(s.forward),
      forwardSource: s.forwardSource,
      daysToExpiry: round(s.daysToExpiry, 2),
      lotSize: this.options.expiry.lotSize,
      tickSizeRupees: this.options.expiry.tickSizeRupees,
      pcr: round(s.pcr, 2),
      maxPain: s.maxPainStrike,
      atmStrike: s.atmStrike,
      atmIv: round(s.atmIvPercent, 2),
      straddle: roundPrice(s.straddleRupees),
      totals: s.totals,
      lastTickAtMs: this.lastTickAtMs,
      marketOpen: this.options.isMarketOpen(),
    };
  }
}

function round(value: number | null, decimals: number): number | null {
  return value === null || !Number.isFinite(value) ? null : roundTo(value, decimals);
}
