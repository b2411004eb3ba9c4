/**
 * Live analytics for one displayed option chain (one underlying, one expiry), kept
 * incrementally. The engine creates one per chain, feeds it each contract's prices and OI as
 * ticks arrive (by strike index and side; nothing is computed then), and calls recompute() once
 * per batch, which brings the forward, T, ATM and the aggregates up to date and marks IV and
 * greeks as owed for the contracts that changed — or for all of them when the forward or T
 * moved. An owed contract is solved at the first read of its IV or a greek, from the inputs of
 * the recompute that owed it (the forward, T and IV input prices change only in recompute(), so
 * the values are the ones an eager solve would have given). A chain's far strikes, which the
 * engine reads only for a full table, cost nothing until then.
 *
 * Storage is typed arrays per side (./side-columns.ts); ticks and recomputes allocate nothing
 * per contract. IV and greeks only ever come from this class's own solve: there is no setter
 * for them, so broker values cannot leak in.
 *
 * Read semantics: IV, greeks, forward, ATM and max pain are as of the last recompute(); OI
 * change, price change, build-up, PCR and totals are read straight from the inputs.
 */
import type { BuildUp, ChainTotals } from '../api/view-types';
import { AppError } from '../errors/app-error';
import type { OptionSide } from '../model/instruments';
import type { Clock } from '../util/clock';
import { atmStrikeIndex } from './atm-strike';
import { writeBlack76Greeks } from './black76';
import { buildUpOf } from './build-up';
import type {
  ChainAnalyticsOptions,
  ChainAnalyticsSummary,
  ContractAnalytics,
  ContractQuote,
  RecomputeResult,
} from './chain-analytics-types';
import { parityForward, parityStrikeIndex, type ForwardSource } from './forward';
import { impliedSigmaOrNaN } from './implied-volatility';
import { isSaneSpread, resolveIvPriceOptions, type IvPriceSource, type ResolvedIvPriceOptions } from './iv-input-price';
import { maxPainIndex } from './max-pain';
import { putCallRatio } from './put-call-ratio';
import {
  createSideColumns,
  DIRTY_OI,
  DIRTY_PRICE,
  IV_SOURCE_LTP,
  IV_SOURCE_MID,
  IV_SOURCE_NONE,
  nullIfNaN,
  type SideColumns,
} from './side-columns';
import { daysToExpiry, yearsToExpiry } from './time-to-expiry';

const DEFAULT_RETIME_INTERVAL_MS = 1000;
const CALL = 0;
const PUT = 1;

type InputField = 'ltp' | 'bid' | 'ask' | 'prevClose' | 'oi' | 'prevOi' | 'volume';

export class ChainAnalytics {
  private readonly strikes: Float64Array;
  private readonly clock: Clock;
  private readonly rate: number;
  private readonly ivPriceOptions: ResolvedIvPriceOptions;
  private readonly retimeIntervalMs: number;
  private readonly forwardRefreshMs: number;
  private readonly ce: SideColumns;
  private readonly pe: SideColumns;
  /** Contract keys (strikeIndex·2 + side) with any dirty bit, in arrival order. */
  private readonly dirtyKeys: Int32Array;
  private dirtyCount = 0;
  private readonly changedStrikes: Int32Array;
  private readonly strikeMarks: Uint8Array;
  /** Set by setOi/setPrevOi; max pain is rescanned at the next recompute. */
  private oiChanged = false;
  /** A price the forward depends on (the future's, or an IV input price) changed since it was derived. */
  private forwardPending = false;
  /** When the forward was last derived (clock ms). */
  private forwardAtMs = Number.NEGATIVE_INFINITY;
  private futureLtp = Number.NaN;
  private forward = Number.NaN;
  private forwardSource: ForwardSource | null = null;
  private parityIndex = -1;
  private atmIndex = -1;
  private maxPainAt = -1;
  private timeAtMs: number;
  private years: number;
  private computedOnce = false;
  private totalCeOi = 0;
  private totalPeOi = 0;
  private totalCeVolume = 0;
  private totalPeVolume = 0;

  /** The expiry's lot size, as given. */
  readonly lotSize: number;
  /** 15:30 IST on the expiry date, epoch ms. */
  readonly expiryEpochMs: number;

  /**
   * @throws AppError ANALYTICS_INVALID_INPUT when strikes are not ascending, distinct and
   * positive, or the lot size, expiry, rate or an option is not a valid number.
   */
  constructor(options: ChainAnalyticsOptions) {
    const { strikes, lotSize, expiryEpochMs, clock } = options;
    validateStrikes(strikes);
    requireValid(Number.isInteger(lotSize) && lotSize > 0, 'lotSize must be a positive integer', { lotSize });
    requireValid(Number.isFinite(expiryEpochMs), 'expiryEpochMs must be a finite number', { expiryEpochMs });
    const rate = options.rate ?? 0;
    requireValid(Number.isFinite(rate), 'rate must be a finite number', { rate });
    const retimeIntervalMs = options.retimeIntervalMs ?? DEFAULT_RETIME_INTERVAL_MS;
    requireValid(retimeIntervalMs >= 0, 'retimeIntervalMs must be ≥ 0', { retimeIntervalMs });
    const forwardRefreshMs = options.forwardRefreshMs ?? 0;
    requireValid(forwardRefreshMs >= 0, 'forwardRefreshMs must be ≥ 0', { forwardRefreshMs });

    const count = strikes.length;
    this.strikes = Float64Array.from(strikes);
    this.lotSize = lotSize;
    this.expiryEpochMs = expiryEpochMs;
    this.clock = clock;
    this.rate = rate;
    this.ivPriceOptions = resolveIvPriceOptions(options.ivPrice);
    this.retimeIntervalMs = retimeIntervalMs;
    this.forwardRefreshMs = forwardRefreshMs;
    this.ce = createSideColumns(count);
    this.pe = createSideColumns(count);
    this.dirtyKeys = new Int32Array(2 * count);
    this.changedStrikes = new Int32Array(count);
    this.strikeMarks = new Uint8Array(count);
    this.timeAtMs = clock.nowMs();
    this.years = yearsToExpiry(expiryEpochMs, this.timeAtMs);
  }

  /** Number of strikes in the chain. */
  get strikeCount(): number {
    return this.strikes.length;
  }

  /** The strike at `strikeIndex`, rupees. */
  strikeAt(strikeIndex: number): number {
    this.checkIndex(strikeIndex);
    return this.strikes[strikeIndex] as number;
  }

  /** Index of `strike` in the chain, or −1 when it is not listed. */
  strikeIndexOf(strike: number): number {
    let lo = 0;
    let hi = this.strikes.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const value = this.strikes[mid] as number;
      if (value === strike) return mid;
      if (value < strike) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  // ── Inputs (cheap: store and mark dirty) ──────────────────────────────────────────────────

  /** Last traded price, rupees; null when unknown. */
  setLtp(strikeIndex: number, side: OptionSide, ltpRupees: number | null): void {
    this.setInput(strikeIndex, side, 'ltp', ltpRupees, DIRTY_PRICE);
  }

  /** Best bid and ask, rupees; null (or 0) for an empty side of the book. */
  setBidAsk(strikeIndex: number, side: OptionSide, bidRupees: number | null, askRupees: number | null): void {
    this.setInput(strikeIndex, side, 'bid', bidRupees, DIRTY_PRICE);
    this.setInput(strikeIndex, side, 'ask', askRupees, DIRTY_PRICE);
  }

  /** Previous session's close, rupees (for the price change behind the build-up label). */
  setPrevClose(strikeIndex: number, side: OptionSide, prevCloseRupees: number | null): void {
    this.setInput(strikeIndex, side, 'prevClose', prevCloseRupees, DIRTY_OI);
  }

  /** Open interest in the feed's units. */
  setOi(strikeIndex: number, side: OptionSide, oi: number | null): void {
    const column = this.columnsOf(side).oi;
    const before = column[strikeIndex];
    this.setInput(strikeIndex, side, 'oi', oi, DIRTY_OI);
    const delta = countOrZero(column[strikeIndex]) - countOrZero(before);
    if (side === 'CE') this.totalCeOi += delta;
    else this.totalPeOi += delta;
    this.oiChanged = true;
  }

  /** Previous day's open interest (prev-close packet code 6 or REST `previous_oi`). */
  setPrevOi(strikeIndex: number, side: OptionSide, prevOi: number | null): void {
    this.setInput(strikeIndex, side, 'prevOi', prevOi, DIRTY_OI);
  }

  /** Volume traded today, in the feed's units. */
  setVolume(strikeIndex: number, side: OptionSide, volume: number | null): void {
    const column = this.columnsOf(side).volume;
    const before = column[strikeIndex];
    this.setInput(strikeIndex, side, 'volume', volume, 0);
    const delta = countOrZero(column[strikeIndex]) - countOrZero(before);
    if (side === 'CE') this.totalCeVolume += delta;
    else this.totalPeVolume += delta;
  }

  /** Any subset of one contract's fields at once (REST snapshots, tests); undefined fields are left as they are. */
  setQuote(strikeIndex: number, side: OptionSide, quote: ContractQuote): void {
    if (quote.ltp !== undefined) this.setLtp(strikeIndex, side, quote.ltp);
    if (quote.bid !== undefined) this.setInput(strikeIndex, side, 'bid', quote.bid, DIRTY_PRICE);
    if (quote.ask !== undefined) this.setInput(strikeIndex, side, 'ask', quote.ask, DIRTY_PRICE);
    if (quote.prevClose !== undefined) this.setPrevClose(strikeIndex, side, quote.prevClose);
    if (quote.oi !== undefined) this.setOi(strikeIndex, side, quote.oi);
    if (quote.prevOi !== undefined) this.setPrevOi(strikeIndex, side, quote.prevOi);
    if (quote.volume !== undefined) this.setVolume(strikeIndex, side, quote.volume);
  }

  /**
   * LTP of the future that expires with this chain; the engine passes it only when such a
   * future exists (same expiry date). null (or ≤ 0) falls back to the parity forward.
   */
  setFuturePrice(ltpRupees: number | null): void {
    const value = ltpRupees !== null && ltpRupees > 0 && Number.isFinite(ltpRupees) ? ltpRupees : Number.NaN;
    if (!sameNumber(value, this.futureLtp)) {
      this.futureLtp = value;
      this.forwardPending = true;
    }
  }

  // ── Batch end ─────────────────────────────────────────────────────────────────────────────

  /**
   * Brings every derived value up to date with the inputs set since the last call: the IV
   * input prices of changed contracts, the forward, then IV and greeks of the changed contracts
   * (of all contracts when the forward changed, on the first call, and every
   * `retimeIntervalMs`, when T is refreshed from the clock), ATM and max pain. A forward move
   * is taken at most every `forwardRefreshMs`; until then contracts with a tick of their own
   * are solved on the held forward, so a batch never mixes two forwards. IV and greeks are
   * owed here and solved at their first read (see the class comment); the summary's ATM IV is
   * read, so the two ATM contracts are solved before this returns.
   */
  recompute(): RecomputeResult {
    const nowMs = this.clock.nowMs();
    const pricesMoved = this.refreshIvInputPrices();
    let full = !this.computedOnce || nowMs - this.timeAtMs >= this.retimeIntervalMs;
    if (full) this.retime(nowMs);
    if (pricesMoved) this.forwardPending = true;
    // Without a forward there is nothing to hold: the first one is taken at once.
    const forwardDue =
      this.forwardPending && (Number.isNaN(this.forward) || nowMs - this.forwardAtMs >= this.forwardRefreshMs);
    if (full || forwardDue) {
      const forwardMoved = this.refreshForward(nowMs);
      if (forwardMoved && !full) {
        // Every contract is about to be recomputed anyway: let them share a fresh T.
        full = true;
        this.retime(nowMs);
        this.refreshForward(nowMs);
      }
      if (forwardMoved || full) this.atmIndex = atmStrikeIndex(this.strikes, this.forward);
    }
    if (full) this.oweAll();
    else this.oweDirty();
    if (this.oiChanged) this.maxPainAt = maxPainIndex(this.ce.oi, this.pe.oi);
    const changedCount = this.collectChangedStrikes(full);
    this.clearDirty();
    this.computedOnce = true;
    return {
      changedStrikeIndices: this.changedStrikes.subarray(0, changedCount),
      fullRecompute: full,
      summary: this.summary(),
    };
  }

  // ── Per-contract reads (allocation-free) ─────────────────────────────────────────────────

  /** Our IV in percent, as of the last recompute(); null when unsolvable or unknown. */
  ivPercent(strikeIndex: number, side: OptionSide): number | null {
    const sigma = this.solved(strikeIndex, side).sigma[strikeIndex] as number;
    return Number.isNaN(sigma) ? null : sigma * 100;
  }

  /** ∂premium/∂F, as of the last recompute(). */
  delta(strikeIndex: number, side: OptionSide): number | null {
    return nullIfNaN(this.solved(strikeIndex, side).delta[strikeIndex] as number);
  }

  /** ∂²premium/∂F², as of the last recompute(). */
  gamma(strikeIndex: number, side: OptionSide): number | null {
    return nullIfNaN(this.solved(strikeIndex, side).gamma[strikeIndex] as number);
  }

  /** Rupees per calendar day, as of the last recompute(). */
  thetaPerDay(strikeIndex: number, side: OptionSide): number | null {
    return nullIfNaN(this.solved(strikeIndex, side).thetaPerDay[strikeIndex] as number);
  }

  /** Rupees per volatility point, as of the last recompute(). */
  vegaPerVolPoint(strikeIndex: number, side: OptionSide): number | null {
    return nullIfNaN(this.solved(strikeIndex, side).vegaPerVolPoint[strikeIndex] as number);
  }

  /** The price the IV was solved from, rupees, as of the last recompute(). */
  ivInputPriceRupees(strikeIndex: number, side: OptionSide): number | null {
    return nullIfNaN(this.read(strikeIndex, side).ivInputPrice[strikeIndex] as number);
  }

  /** Whether that price was the mid or the LTP, as of the last recompute(). */
  ivPriceSource(strikeIndex: number, side: OptionSide): IvPriceSource | null {
    const source = this.read(strikeIndex, side).ivSource[strikeIndex];
    return source === IV_SOURCE_MID ? 'mid' : source === IV_SOURCE_LTP ? 'ltp' : null;
  }

  /** LTP − previous close, rupees; null unless both are known. */
  priceChange(strikeIndex: number, side: OptionSide): number | null {
    const columns = this.read(strikeIndex, side);
    return nullIfNaN((columns.ltp[strikeIndex] as number) - (columns.prevClose[strikeIndex] as number));
  }

  /** OI − previous-day OI; null unless both are known. */
  oiChange(strikeIndex: number, side: OptionSide): number | null {
    const columns = this.read(strikeIndex, side);
    return nullIfNaN((columns.oi[strikeIndex] as number) - (columns.prevOi[strikeIndex] as number));
  }

  /** The build-up label from the price and OI changes; null when either is zero or unknown. */
  buildUp(strikeIndex: number, side: OptionSide): BuildUp | null {
    const columns = this.read(strikeIndex, side);
    return buildUpOf(
      (columns.ltp[strikeIndex] as number) - (columns.prevClose[strikeIndex] as number),
      (columns.oi[strikeIndex] as number) - (columns.prevOi[strikeIndex] as number),
    );
  }

  /** Put OI / call OI at one strike; null when the call OI is zero or unknown. */
  pcrAt(strikeIndex: number): number | null {
    this.checkIndex(strikeIndex);
    return putCallRatio(this.pe.oi[strikeIndex] as number, this.ce.oi[strikeIndex] as number);
  }

  /** One contract's analytics as a plain object (allocates: for snapshots and tests, not per tick). */
  contract(strikeIndex: number, side: OptionSide): ContractAnalytics {
    return {
      ivPercent: this.ivPercent(strikeIndex, side),
      delta: this.delta(strikeIndex, side),
      gamma: this.gamma(strikeIndex, side),
      thetaPerDay: this.thetaPerDay(strikeIndex, side),
      vegaPerVolPoint: this.vegaPerVolPoint(strikeIndex, side),
      ivInputPriceRupees: this.ivInputPriceRupees(strikeIndex, side),
      ivPriceSource: this.ivPriceSource(strikeIndex, side),
      priceChange: this.priceChange(strikeIndex, side),
      oiChange: this.oiChange(strikeIndex, side),
      buildUp: this.buildUp(strikeIndex, side),
    } as ContractAnalytics;
  }

  /** Chain-wide figures; see {@link ChainAnalyticsSummary}. */
  summary(): ChainAnalyticsSummary {
    const atm = this.atmIndex;
    const totals: ChainTotals = {
      ceOi: this.totalCeOi,
      peOi: this.totalPeOi,
      ceVolume: this.totalCeVolume,
      peVolume: this.totalPeVolume,
    };
    return {
      forward: nullIfNaN(this.forward),
      forwardSource: this.forwardSource,
      parityStrike: this.forwardSource === 'parity' ? (this.strikes[this.parityIndex] as number) : null,
      computedAtMs: this.timeAtMs,
      yearsToExpiry: this.years,
      daysToExpiry: daysToExpiry(this.expiryEpochMs, this.timeAtMs),
      atmStrike: atm < 0 ? null : (this.strikes[atm] as number),
      atmIvPercent: atm < 0 ? null : this.atmIvPercent(atm),
      straddleRupees: atm < 0 ? null : this.straddleAt(atm),
      pcr: putCallRatio(this.totalPeOi, this.totalCeOi),
      maxPainStrike: this.maxPainAt < 0 ? null : (this.strikes[this.maxPainAt] as number),
      totals,
      lotSize: this.lotSize,
    };
  }

  // ── Internals ──────────────────────────────────────────────────────────────────────────────

  private setInput(strikeIndex: number, side: OptionSide, field: InputField, value: number | null, dirtyBit: number): void {
    this.checkIndex(strikeIndex);
    const stored = value === null ? Number.NaN : value;
    if (!(Number.isNaN(stored) || (stored >= 0 && stored < Number.POSITIVE_INFINITY))) {
      throw invalidInput(`${field} must be a finite number ≥ 0 or null`, { field, value: String(value), strikeIndex, side });
    }
    const columns = this.columnsOf(side);
    const column = columns[field];
    if (sameNumber(column[strikeIndex] as number, stored)) return;
    column[strikeIndex] = stored;
    if (dirtyBit === 0) return;
    if (columns.dirty[strikeIndex] === 0) {
      this.dirtyKeys[this.dirtyCount++] = strikeIndex * 2 + (side === 'CE' ? CALL : PUT);
    }
    columns.dirty[strikeIndex] = (columns.dirty[strikeIndex] as number) | dirtyBit;
  }

  /** Re-selects the IV input price of price-dirty contracts; true when any of them moved. */
  private refreshIvInputPrices(): boolean {
    let moved = false;
    for (let k = 0; k < this.dirtyCount; k++) {
      const key = this.dirtyKeys[k] as number;
      const i = key >> 1;
      const columns = (key & 1) === CALL ? this.ce : this.pe;
      if (((columns.dirty[i] as number) & DIRTY_PRICE) === 0) continue;
      const bid = columns.bid[i] as number;
      const ask = columns.ask[i] as number;
      const ltp = columns.ltp[i] as number;
      let price = Number.NaN;
      let source = IV_SOURCE_NONE;
      if (isSaneSpread(bid, ask, this.ivPriceOptions)) {
        price = 0.5 * (bid + ask);
        source = IV_SOURCE_MID;
      } else if (ltp > 0) {
        price = ltp;
        source = IV_SOURCE_LTP;
      }
      columns.ivSource[i] = source;
      if (sameNumber(price, columns.ivInputPrice[i] as number)) {
        // Same price: the IV and greeks already computed for it stand.
        columns.dirty[i] = (columns.dirty[i] as number) & ~DIRTY_PRICE;
      } else {
        columns.ivInputPrice[i] = price;
        moved = true;
      }
    }
    return moved;
  }

  /** Future LTP if known, else the parity forward with the held T; true when F changed. */
  private refreshForward(nowMs: number): boolean {
    let forward = Number.NaN;
    let source: ForwardSource | null = null;
    let parityIndex = -1;
    if (this.futureLtp > 0) {
      forward = this.futureLtp;
      source = 'future';
    } else {
      parityIndex = parityStrikeIndex(this.ce.ivInputPrice, this.pe.ivInputPrice);
      if (parityIndex >= 0) {
        const candidate = parityForward(
          this.strikes[parityIndex] as number,
          this.ce.ivInputPrice[parityIndex] as number,
          this.pe.ivInputPrice[parityIndex] as number,
          this.years,
          this.rate,
        );
        if (candidate > 0) {
          forward = candidate;
          source = 'parity';
        } else {
          parityIndex = -1;
        }
      }
    }
    this.forwardPending = false;
    this.forwardAtMs = nowMs;
    this.forwardSource = source;
    this.parityIndex = parityIndex;
    if (sameNumber(forward, this.forward)) return false;
    this.forward = forward;
    return true;
  }

  private retime(nowMs: number): void {
    this.timeAtMs = nowMs;
    this.years = yearsToExpiry(this.expiryEpochMs, nowMs);
  }

  private oweAll(): void {
    this.ce.owed.fill(1);
    this.pe.owed.fill(1);
  }

  private oweDirty(): void {
    for (let k = 0; k < this.dirtyCount; k++) {
      const key = this.dirtyKeys[k] as number;
      const i = key >> 1;
      const columns = (key & 1) === CALL ? this.ce : this.pe;
      if (((columns.dirty[i] as number) & DIRTY_PRICE) !== 0) columns.owed[i] = 1;
    }
  }

  /** The side's columns with this contract's IV and greeks solved, if the last recompute owed them. */
  private solved(strikeIndex: number, side: OptionSide): SideColumns {
    const columns = this.read(strikeIndex, side);
    if (columns.owed[strikeIndex] === 1) this.solve(strikeIndex, side === 'CE', columns);
    return columns;
  }

  private solve(i: number, isCall: boolean, columns: SideColumns): void {
    columns.owed[i] = 0;
    const strike = this.strikes[i] as number;
    const sigma = impliedSigmaOrNaN(isCall, columns.ivInputPrice[i] as number, this.forward, strike, this.years, this.rate);
    columns.sigma[i] = sigma;
    writeBlack76Greeks(columns, i, isCall, this.forward, strike, this.years, sigma, this.rate);
  }

  /** Fills changedStrikes with ascending strike indices; returns how many. */
  private collectChangedStrikes(full: boolean): number {
    const count = this.strikes.length;
    if (full) {
      for (let i = 0; i < count; i++) this.changedStrikes[i] = i;
      return count;
    }
    let marked = 0;
    for (let k = 0; k < this.dirtyCount; k++) {
      const key = this.dirtyKeys[k] as number;
      const i = key >> 1;
      const columns = (key & 1) === CALL ? this.ce : this.pe;
      if (columns.dirty[i] !== 0 && this.strikeMarks[i] === 0) {
        this.strikeMarks[i] = 1;
        marked++;
      }
    }
    if (marked === 0) return 0;
    let written = 0;
    for (let i = 0; i < count && written < marked; i++) {
      if (this.strikeMarks[i] === 1) {
        this.changedStrikes[written++] = i;
        this.strikeMarks[i] = 0;
      }
    }
    return written;
  }

  private clearDirty(): void {
    for (let k = 0; k < this.dirtyCount; k++) {
      const key = this.dirtyKeys[k] as number;
      const columns = (key & 1) === CALL ? this.ce : this.pe;
      columns.dirty[key >> 1] = 0;
    }
    this.dirtyCount = 0;
    this.oiChanged = false;
  }

  private atmIvPercent(atm: number): number | null {
    const call = this.solved(atm, 'CE').sigma[atm] as number;
    const put = this.solved(atm, 'PE').sigma[atm] as number;
    if (!Number.isNaN(call) && !Number.isNaN(put)) return 50 * (call + put);
    if (!Number.isNaN(call)) return call * 100;
    if (!Number.isNaN(put)) return put * 100;
    return null;
  }

  private straddleAt(atm: number): number | null {
    const call = this.ce.ltp[atm] as number;
    const put = this.pe.ltp[atm] as number;
    return call > 0 && put > 0 ? call + put : null;
  }

  private columnsOf(side: OptionSide): SideColumns {
    return side === 'CE' ? this.ce : this.pe;
  }

  private read(strikeIndex: number, side: OptionSide): SideColumns {
    this.checkIndex(strikeIndex);
    return this.columnsOf(side);
  }

  private checkIndex(strikeIndex: number): void {
    // Tested before building the error: this runs on every tick and every read.
    if (!(Number.isInteger(strikeIndex) && strikeIndex >= 0 && strikeIndex < this.strikes.length)) {
      throw invalidInput(`strike index ${strikeIndex} is outside 0…${this.strikes.length - 1}`, { strikeIndex });
    }
  }
}

function validateStrikes(strikes: readonly number[]): void {
  for (let i = 0; i < strikes.length; i++) {
    const strike = strikes[i] as number;
    requireValid(strike > 0 && Number.isFinite(strike), `strike ${strike} at index ${i} is not a positive number`, { index: i });
    if (i > 0) {
      const previous = strikes[i - 1] as number;
      requireValid(strike > previous, `strikes must be ascending and distinct: ${previous} then ${strike}`, { index: i });
    }
  }
}

/** Construction-time checks only; hot paths test first and call {@link invalidInput}. */
function requireValid(condition: boolean, message: string, context: Record<string, string | number | boolean | null>): void {
  if (!condition) throw invalidInput(message, context);
}

function invalidInput(message: string, context: Record<string, string | number | boolean | null>): AppError {
  return new AppError('ANALYTICS_INVALID_INPUT', message, context);
}

function sameNumber(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

function countOrZero(value: number | undefined): number {
  return value !== undefined && value > 0 ? value : 0;
}
