/**
 * What ChainAnalytics reports. Our computed values carry a type-level brand that only this
 * folder can produce, so a broker value (Dhan's REST `implied_volatility` or `greeks`) can
 * never be passed where one of ours is expected without a visible cast.
 */
import type { BuildUp, ChainTotals } from '../api/view-types';
import type { Clock } from '../util/clock';
import type { ForwardSource } from './forward';
import type { IvPriceOptions, IvPriceSource } from './iv-input-price';

declare const COMPUTED_BY_CHAINLENS: unique symbol;

/** One contract's analytics, computed by ChainAnalytics from the contract's own prices. */
export interface ContractAnalytics {
  /** Type-level brand; absent at runtime. */
  readonly [COMPUTED_BY_CHAINLENS]: true;
  /** Black-76 IV on the chain's forward, percent; null when no volatility solves. */
  readonly ivPercent: number | null;
  readonly delta: number | null;
  readonly gamma: number | null;
  /** Rupees per unit per calendar day. */
  readonly thetaPerDay: number | null;
  /** Rupees per unit per volatility point. */
  readonly vegaPerVolPoint: number | null;
  /** The price IV was solved from. */
  readonly ivInputPriceRupees: number | null;
  readonly ivPriceSource: IvPriceSource | null;
  /** LTP − previous close, rupees. */
  readonly priceChange: number | null;
  /** OI − previous-day OI, feed units. */
  readonly oiChange: number | null;
  readonly buildUp: BuildUp | null;
}

/** Chain-wide figures (the grid footer and header). */
export interface ChainAnalyticsSummary {
  readonly forward: number | null;
  readonly forwardSource: ForwardSource | null;
  /** The strike the parity forward came from; null when the future was used or none. */
  readonly parityStrike: number | null;
  /** The clock instant T below refers to, epoch ms. */
  readonly computedAtMs: number;
  readonly yearsToExpiry: number;
  readonly daysToExpiry: number;
  readonly atmStrike: number | null;
  /** Mean of the ATM call and put IV when both solve, else whichever solves, percent. */
  readonly atmIvPercent: number | null;
  /** ATM call LTP + put LTP, rupees; null unless both have traded. */
  readonly straddleRupees: number | null;
  /** Σ put OI / Σ call OI. */
  readonly pcr: number | null;
  readonly maxPainStrike: number | null;
  /** OI and volume totals in the feed's units (quantity). */
  readonly totals: ChainTotals;
  readonly lotSize: number;
}

/** What one recompute() did. */
export interface RecomputeResult {
  /**
   * Ascending indices of strikes whose call or put analytics (IV, greeks, OI change,
   * build-up) may have changed. A view into a buffer reused by the next recompute(): copy it
   * to keep it.
   */
  readonly changedStrikeIndices: Int32Array;
  /** True when the forward or T moved, so every contract was recomputed. */
  readonly fullRecompute: boolean;
  readonly summary: ChainAnalyticsSummary;
}

/** Everything a REST snapshot or a test knows about one contract; undefined leaves a field unchanged. */
export interface ContractQuote {
  readonly ltp?: number | null;
  readonly bid?: number | null;
  readonly ask?: number | null;
  readonly prevClose?: number | null;
  readonly oi?: number | null;
  readonly prevOi?: number | null;
  readonly volume?: number | null;
}

export interface ChainAnalyticsOptions {
  /** Every strike of the expiry, ascending and distinct, rupees. */
  readonly strikes: readonly number[];
  /** Contract lot size from the instrument master (it changes over time: never a constant). */
  readonly lotSize: number;
  /** 15:30 IST on the expiry date; see expiryEpochMsOf(). */
  readonly expiryEpochMs: number;
  /** Injected clock; T is measured from its nowMs(). */
  readonly clock: Clock;
  /** Continuously compounded annual rate as a fraction, used only for discounting. Default 0. */
  readonly rate?: number;
  /** When the mid is used for IV; defaults in DEFAULT_IV_PRICE_OPTIONS. */
  readonly ivPrice?: IvPriceOptions;
  /**
   * T is held fixed between full recomputes so every contract in a batch shares it; a
   * recompute() this long after the last full one refreshes T and recomputes everything.
   * Default 1000 ms.
   */
  readonly retimeIntervalMs?: number;
  /**
   * A move of the forward (a future tick, or the parity strike's prices) recomputes every
   * contract. With a busy future that is every batch; this holds the forward, and every IV
   * and greek solved on it, for at least this long after it was last derived. The move is
   * taken at the first recompute() after that; the first forward (none was known) is taken
   * at once. Default 0: every recompute takes it.
   */
  readonly forwardRefreshMs?: number;
}
