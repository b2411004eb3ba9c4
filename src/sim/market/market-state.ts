/**
 * The simulated market: every instrument's last trade, book and open interest in typed arrays
 * indexed like `Universe.instruments`, and each underlying's random walk.
 *
 * Two ways a contract's state moves:
 * - `trade(i)`: a tick the feed broadcasts (new LTP within the spread, volume, OI);
 * - `mark(i)`: a re-quote from the model without broadcasting, used for contracts nobody
 *   subscribes to when the REST chain is asked for them (so snapshots are fresh) and when a
 *   contract is first subscribed.
 * Per-instrument randomness comes from stateless hashes of (seed, instrument, trade count), so a
 * REST snapshot never disturbs the sequence of frames the feed sends.
 */
import { black76Greeks, black76Price, type Black76Greeks } from '../pricing/black76';
import { surfaceVol } from '../pricing/vol-surface';
import { CARRY_PER_YEAR } from '../instruments/underlying-specs';
import type { SimInstrument, Universe } from '../instruments/universe';
import { SeededRandom, hashSigned, hashUnit } from '../util/prng';
import type { MarketHours } from './market-hours';

const DAY_MS = 86_400_000;

/** A depth level the market fills in place (the shared DepthLevel is readonly). */
export interface MutableDepthLevel {
  bidQty: number;
  askQty: number;
  bidOrders: number;
  askOrders: number;
  bidPrice: number;
  askPrice: number;
}
const YEAR_MS = 365 * DAY_MS;
/** Trading time per year (252 sessions of 6 h 15 min): the walk moves only while the market is open. */
const TRADING_YEAR_MS = 252 * 375 * 60_000;
const SESSION_MS = 375 * 60_000;
/** OI of the busiest contract, in lots, before popularity and activity scale it. */
const PEAK_OI_LOTS = 60_000;
/** Day volume of the busiest contract, in lots. */
const PEAK_VOLUME_LOTS = 800_000;

export interface MarketStateOptions {
  readonly seed: number;
  /** The instant the market starts at (the simulator's start). */
  readonly startMs: number;
  readonly hours: MarketHours;
  /** Annual carry for futures and forwards. Default CARRY_PER_YEAR. */
  readonly carryPerYear?: number;
  /** Multiplies the walk's volatility; 1 (default) = each index's ATM vol in trading time. */
  readonly walkVolScale?: number;
}

/** Snaps a rupee price to a tick given in paise (5 = ₹0.05), half away from zero. */
export function snapToTick(rupees: number, tickPaise: number): number {
  return (Math.round((rupees * 100) / tickPaise) * tickPaise) / 100;
}

function floorToTick(rupees: number, tickPaise: number): number {
  return (Math.floor((rupees * 100) / tickPaise + 1e-9) * tickPaise) / 100;
}

function ceilToTick(rupees: number, tickPaise: number): number {
  return (Math.ceil((rupees * 100) / tickPaise - 1e-9) * tickPaise) / 100;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export class MarketState {
  readonly size: number;
  /** Per underlying. */
  readonly spot: Float64Array;
  readonly spotPrevClose: Float64Array;

  /** Per instrument: prices in rupees on the contract's tick grid. */
  readonly ltp: Float64Array;
  readonly bid: Float64Array;
  readonly ask: Float64Array;
  readonly atp: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly prevClose: Float64Array;
  /** Per instrument: quantities (units, not lots). */
  readonly bidQty: Float64Array;
  readonly askQty: Float64Array;
  readonly ltq: Float64Array;
  readonly volume: Float64Array;
  readonly prevVolume: Float64Array;
  readonly totalBuyQty: Float64Array;
  readonly totalSellQty: Float64Array;
  readonly oi: Float64Array;
  readonly oiHigh: Float64Array;
  readonly oiLow: Float64Array;
  readonly prevOi: Float64Array;
  /** True UTC epoch seconds of the last trade. */
  readonly lastTradeS: Float64Array;
  readonly tradeCount: Uint32Array;
  /** Model vol used at the last mark (options), as a fraction. */
  readonly vol: Float64Array;
  /** 0..1: how often a contract trades and how deep its book is (ATM and near expiries are busiest). */
  readonly activity: Float32Array;

  private readonly markMs: Float64Array;
  private readonly dailyVolume: Float64Array;
  private readonly walk: SeededRandom;
  private readonly carry: number;
  private readonly walkVolScale: number;
  private lastAdvanceMs: number;

  constructor(
    private readonly universe: Universe,
    private readonly options: MarketStateOptions,
  ) {
    const n = universe.instruments.length;
    const u = universe.underlyings.length;
    this.size = n;
    this.carry = options.carryPerYear ?? CARRY_PER_YEAR;
    this.walkVolScale = options.walkVolScale ?? 1;
    this.walk = new SeededRandom(options.seed ^ 0x5eed);
    this.lastAdvanceMs = options.startMs;
    this.spot = new Float64Array(u);
    this.spotPrevClose = new Float64Array(u);
    const f64 = (): Float64Array => new Float64Array(n);
    this.ltp = f64();
    this.bid = f64();
    this.ask = f64();
    this.atp = f64();
    this.open = f64();
    this.high = f64();
    this.low = f64();
    this.prevClose = f64();
    this.bidQty = f64();
    this.askQty = f64();
    this.ltq = f64();
    this.volume = f64();
    this.prevVolume = f64();
    this.totalBuyQty = f64();
    this.totalSellQty = f64();
    this.oi = f64();
    this.oiHigh = f64();
    this.oiLow = f64();
    this.prevOi = f64();
    this.lastTradeS = f64();
    this.vol = f64();
    this.markMs = new Float64Array(n).fill(Number.NaN);
    this.dailyVolume = f64();
    this.tradeCount = new Uint32Array(n);
    this.activity = new Float32Array(n);
    for (const underlying of universe.underlyings) {
      this.spot[underlying.position] = underlying.initialSpot;
      this.spotPrevClose[underlying.position] = round2(underlying.initialSpot * (1 + 0.008 * hashSigned(options.seed, 20, underlying.position)));
    }
    for (const instrument of universe.instruments) this.initialise(instrument);
  }

  instrument(i: number): SimInstrument {
    const instrument = this.universe.instruments[i];
    if (instrument === undefined) throw new RangeError(`no instrument ${i}`);
    return instrument;
  }

  /** Years from `nowMs` to the instrument's expiry (calendar time, as the analytics convention). */
  yearsToExpiry(i: number, nowMs: number): number {
    return (this.instrument(i).expiryMs - nowMs) / YEAR_MS;
  }

  /** The forward of underlying `u` for an expiry at `expiryMs`. */
  forward(u: number, expiryMs: number, nowMs: number): number {
    const years = Math.max(0, (expiryMs - nowMs) / YEAR_MS);
    return (this.spot[u] ?? 0) * Math.exp(this.carry * years);
  }

  /**
   * Moves every index along its random walk by the time since the last call. While the market
   * is closed the clock still advances but prices do not.
   */
  advanceUnderlyings(nowMs: number): void {
    const dtMs = nowMs - this.lastAdvanceMs;
    this.lastAdvanceMs = nowMs;
    if (dtMs <= 0 || !this.options.hours.isOpen(nowMs)) return;
    const dtYears = dtMs / TRADING_YEAR_MS;
    for (const underlying of this.universe.underlyings) {
      const sigma = underlying.spec.vol.atmVol * this.walkVolScale;
      const step = -0.5 * sigma * sigma * dtYears + sigma * Math.sqrt(dtYears) * this.walk.normal();
      const p = underlying.position;
      this.spot[p] = (this.spot[p] ?? 0) * Math.exp(step);
    }
  }

  /**
   * Re-quotes instrument `i` from the model at `nowMs` without a trade: fair value, bid/ask and a
   * last price inside them. While the market is closed an already-quoted contract stays frozen.
   */
  mark(i: number, nowMs: number): void {
    const last = this.markMs[i] ?? Number.NaN;
    if (last === nowMs) return;
    const open = this.options.hours.isOpen(nowMs);
    if (!open && !Number.isNaN(last)) return;
    this.markMs[i] = nowMs;
    const instrument = this.instrument(i);
    if (instrument.kind === 'index') {
      this.quoteIndex(i, instrument);
    } else {
      this.quoteDerivative(i, instrument, nowMs);
      if (open && !Number.isNaN(last) && nowMs > last) {
        // Trades nobody streamed still happened: accrue the day's volume for the elapsed time.
        const lots = Math.floor(((this.dailyVolume[i] ?? 0) / instrument.lotSize) * Math.min(1, (nowMs - last) / SESSION_MS));
        this.addVolume(i, lots * instrument.lotSize, this.ltp[i] ?? 0);
      }
    }
    this.touchRange(i);
  }

  /** A trade on instrument `i` at `nowMs`: the tick the feed will broadcast. */
  trade(i: number, nowMs: number): void {
    this.tradeCount[i] = (this.tradeCount[i] ?? 0) + 1;
    this.markMs[i] = Number.NaN; // force a fresh quote with the new trade count
    this.mark(i, nowMs);
    const instrument = this.instrument(i);
    this.lastTradeS[i] = Math.floor(nowMs / 1000);
    if (instrument.kind === 'index') return;
    const seed = this.options.seed;
    const count = this.tradeCount[i] ?? 0;
    const lot = instrument.lotSize;
    const lots = 1 + Math.floor(hashUnit(seed, i, count, 31) ** 3 * 30);
    this.ltq[i] = lots * lot;
    this.addVolume(i, lots * lot, this.ltp[i] ?? 0);
    const oiLots = Math.round(hashSigned(seed, i, count, 32) * 3 + 0.2);
    const oi = Math.max(0, (this.oi[i] ?? 0) + oiLots * lot);
    this.oi[i] = oi;
    if (oi > (this.oiHigh[i] ?? 0)) this.oiHigh[i] = oi;
    if (oi < (this.oiLow[i] ?? 0)) this.oiLow[i] = oi;
    const book = PEAK_OI_LOTS * 0.05 * (this.activity[i] ?? 0) * this.popularity(instrument) + 20;
    this.totalBuyQty[i] = lot * Math.round(book * (0.5 + hashUnit(seed, i, count, 33)));
    this.totalSellQty[i] = lot * Math.round(book * (0.5 + hashUnit(seed, i, count, 34)));
  }

  /** Model vol and greeks for option `i` at `nowMs` (zeros for the index and futures). */
  greeks(i: number, nowMs: number): Black76Greeks & { vol: number } {
    const instrument = this.instrument(i);
    if (instrument.kind !== 'call' && instrument.kind !== 'put') return { price: 0, delta: 0, gamma: 0, theta: 0, vega: 0, vol: 0 };
    const vol = this.vol[i] ?? 0;
    const g = black76Greeks(instrument.kind, {
      forward: this.forward(instrument.underlying, instrument.expiryMs, nowMs),
      strike: instrument.strike,
      years: this.yearsToExpiry(i, nowMs),
      vol,
    });
    return { ...g, vol };
  }

  /**
   * Fills the five depth levels of instrument `i`, best first: level 0 is the top of book
   * (bid/ask/bidQty/askQty), deeper levels step away by one to three ticks with sizes derived from
   * the trade count. Writes into `levels` so the feed's hot path allocates nothing.
   */
  fillDepth(i: number, levels: MutableDepthLevel[]): void {
    const instrument = this.instrument(i);
    const seed = this.options.seed;
    const count = this.tradeCount[i] ?? 0;
    const tick = instrument.tickRupees;
    const lot = instrument.lotSize;
    let bidPrice = this.bid[i] ?? 0;
    let askPrice = this.ask[i] ?? 0;
    for (let level = 0; level < levels.length; level++) {
      const d = levels[level]!;
      let bidQty: number;
      let askQty: number;
      if (level === 0) {
        bidQty = this.bidQty[i] ?? 0;
        askQty = this.askQty[i] ?? 0;
      } else {
        bidPrice = round2(bidPrice - tick * (1 + Math.floor(hashUnit(seed, i, count, 40 + level) * 3)));
        askPrice = round2(askPrice + tick * (1 + Math.floor(hashUnit(seed, i, count, 50 + level) * 3)));
        bidQty = this.bookQty(instrument, count, 60 + level);
        askQty = this.bookQty(instrument, count, 70 + level);
      }
      const hasBid = bidPrice >= tick && bidQty > 0;
      d.bidPrice = hasBid ? bidPrice : 0;
      d.bidQty = hasBid ? bidQty : 0;
      d.askPrice = askPrice;
      d.askQty = askQty;
      d.bidOrders = hasBid ? Math.max(1, Math.min(65_535, Math.round((bidQty / lot) * (0.2 + 0.5 * hashUnit(seed, i, count, 80 + level))))) : 0;
      d.askOrders = askQty > 0 ? Math.max(1, Math.min(65_535, Math.round((askQty / lot) * (0.2 + 0.5 * hashUnit(seed, i, count, 90 + level))))) : 0;
    }
  }

  private popularity(instrument: SimInstrument): number {
    return this.universe.underlyings[instrument.underlying]?.spec.popularity ?? 1;
  }

  private bookQty(instrument: SimInstrument, count: number, salt: number): number {
    const lots = 1 + Math.floor(hashUnit(this.options.seed, instrument.index, count, salt) * 60 * (this.activity[instrument.index] ?? 0) * this.popularity(instrument));
    return lots * instrument.lotSize;
  }

  private quoteIndex(i: number, instrument: SimInstrument): void {
    const value = round2(this.spot[instrument.underlying] ?? 0);
    this.ltp[i] = value;
    this.bid[i] = 0;
    this.ask[i] = 0;
  }

  private quoteDerivative(i: number, instrument: SimInstrument, nowMs: number): void {
    const seed = this.options.seed;
    const count = this.tradeCount[i] ?? 0;
    const tick = instrument.tickRupees;
    const years = this.yearsToExpiry(i, nowMs);
    const forward = this.forward(instrument.underlying, instrument.expiryMs, nowMs);
    let fair: number;
    let halfSpread: number;
    if (instrument.kind === 'future') {
      fair = forward;
      halfSpread = tick * (2 + Math.floor(hashUnit(seed, i, count, 11) * 4));
    } else if (instrument.kind === 'call' || instrument.kind === 'put') {
      const vol = surfaceVol(this.universe.underlyings[instrument.underlying]!.spec.vol, forward, instrument.strike, years);
      this.vol[i] = vol;
      fair = black76Price(instrument.kind, { forward, strike: instrument.strike, years, vol });
      const moneyness = Math.abs(Math.log(instrument.strike / forward)) / (vol * Math.sqrt(Math.max(years, 1 / 365)));
      // Spreads widen away from the money and on long-dated, thinly traded expiries.
      halfSpread = (tick * (1 + Math.floor(moneyness * 0.75)) + fair * 0.0008) * (1 + Math.max(years, 0) * 4);
    } else {
      return;
    }
    let bid = floorToTick(fair - halfSpread, instrument.tickPaise);
    const ask = Math.max(tick, ceilToTick(fair + halfSpread, instrument.tickPaise));
    if (bid < tick) bid = 0;
    const noisy = snapToTick(fair + 0.8 * halfSpread * hashSigned(seed, i, count, 12), instrument.tickPaise);
    this.ltp[i] = Math.min(ask, Math.max(bid > 0 ? bid : tick, noisy));
    this.bid[i] = bid;
    this.ask[i] = ask;
    this.bidQty[i] = bid > 0 ? this.bookQty(instrument, count, 13) : 0;
    this.askQty[i] = this.bookQty(instrument, count, 14);
  }

  private addVolume(i: number, qty: number, price: number): void {
    if (qty <= 0) return;
    const before = this.volume[i] ?? 0;
    const after = before + qty;
    this.atp[i] = round2(((this.atp[i] ?? 0) * before + price * qty) / after);
    this.volume[i] = after;
  }

  private touchRange(i: number): void {
    const ltp = this.ltp[i] ?? 0;
    if (ltp > (this.high[i] ?? 0)) this.high[i] = ltp;
    if (ltp < (this.low[i] ?? 0) || (this.low[i] ?? 0) === 0) this.low[i] = ltp;
  }

  /** The contract's state at the simulator's start: yesterday's close and OI, today's range so far. */
  private initialise(instrument: SimInstrument): void {
    const i = instrument.index;
    const seed = this.options.seed;
    const start = this.options.startMs;
    const u = instrument.underlying;
    const spot = this.spot[u] ?? 0;
    const prevSpot = this.spotPrevClose[u] ?? spot;
    const yearsAtPrevClose = (instrument.expiryMs - (start - DAY_MS)) / YEAR_MS;
    const spec = this.universe.underlyings[u]!.spec;
    const round = (value: number): number => (instrument.kind === 'index' ? round2(value) : snapToTick(value, instrument.tickPaise));

    if (instrument.kind === 'index') {
      this.activity[i] = 1;
      this.prevClose[i] = prevSpot;
    } else {
      const forward = spot * Math.exp(this.carry * Math.max(0, this.yearsToExpiry(i, start)));
      const prevForward = prevSpot * Math.exp(this.carry * Math.max(0, yearsAtPrevClose));
      if (instrument.kind === 'future') {
        this.activity[i] = this.universe.underlyings[u]!.futures[0] === i ? 0.9 : 0.3;
        this.prevClose[i] = round(prevForward);
      } else {
        const years = Math.max(this.yearsToExpiry(i, start), 1 / (365 * 24));
        const atmVol = spec.vol.atmVol;
        const m = Math.log(instrument.strike / forward) / (atmVol * Math.sqrt(years));
        const days = years * 365;
        this.activity[i] = Math.max(0.01, Math.exp(-Math.abs(m) / 1.5) / Math.sqrt(1 + days / 7));
        const prevVol = surfaceVol(spec.vol, prevForward, instrument.strike, yearsAtPrevClose);
        const prevPrice = black76Price(instrument.kind, { forward: prevForward, strike: instrument.strike, years: yearsAtPrevClose, vol: prevVol });
        this.prevClose[i] = Math.max(instrument.tickRupees, round(prevPrice));
      }
    }

    this.mark(i, start);
    const ltp = this.ltp[i] ?? 0;
    const openPrice = round(ltp * (1 + (instrument.kind === 'call' || instrument.kind === 'put' ? 0.1 : 0.004) * hashSigned(seed, i, 1, 101)));
    const floor = instrument.kind === 'index' ? 0.01 : instrument.tickRupees;
    this.open[i] = Math.max(floor, openPrice);
    this.high[i] = Math.max(floor, round(Math.max(openPrice, ltp) * (1 + 0.03 * hashUnit(seed, i, 1, 102))));
    this.low[i] = Math.max(floor, round(Math.min(openPrice, ltp) * (1 - 0.03 * hashUnit(seed, i, 1, 103))));
    this.lastTradeS[i] = Math.floor(start / 1000) - Math.floor(hashUnit(seed, i, 1, 104) * 30);
    if (instrument.kind === 'index') return;

    const activity = this.activity[i] ?? 0;
    const popularity = spec.popularity;
    const lot = instrument.lotSize;
    const futureBoost = instrument.kind === 'future' ? 3 : 1;
    const prevOiLots = Math.round(PEAK_OI_LOTS * futureBoost * popularity * activity ** 0.8 * (0.6 + 0.8 * hashUnit(seed, i, 1, 105)));
    this.prevOi[i] = prevOiLots * lot;
    const oi = Math.max(0, prevOiLots + Math.round(prevOiLots * 0.2 * hashSigned(seed, i, 1, 106))) * lot;
    this.oi[i] = oi;
    this.oiHigh[i] = Math.max(oi, this.prevOi[i] ?? 0);
    this.oiLow[i] = Math.min(oi, this.prevOi[i] ?? 0);
    const dailyLots = Math.round(PEAK_VOLUME_LOTS * popularity * activity ** 1.5 * (0.5 + hashUnit(seed, i, 1, 107)));
    this.dailyVolume[i] = dailyLots * lot;
    this.prevVolume[i] = Math.round(dailyLots * (0.8 + 0.4 * hashUnit(seed, i, 1, 108))) * lot;
    const volumeSoFar = Math.round(dailyLots * this.options.hours.sessionElapsed(start)) * lot;
    this.volume[i] = volumeSoFar;
    this.atp[i] = volumeSoFar > 0 ? round2((this.open[i]! + ltp) / 2) : 0;
    this.ltq[i] = lot;
    const book = PEAK_OI_LOTS * 0.05 * activity * popularity + 20;
    this.totalBuyQty[i] = lot * Math.round(book * (0.5 + hashUnit(seed, i, 1, 109)));
    this.totalSellQty[i] = lot * Math.round(book * (0.5 + hashUnit(seed, i, 1, 110)));
  }
}
