/**
 * The simulated instrument universe for one trading date: each underlying's index row, its near
 * futures and its option chains, with security ids. Everything follows from (seed, trading date),
 * so the scrip master, the REST chain and the feed all describe the same contracts.
 */
import { EXCHANGE_SEGMENT_CODE, instrumentKey } from '../../shared/feed/exchange-segment';
import type { ExchangeSegmentName } from '../../shared/model/instruments';
import { hashSigned, hashUnit } from '../util/prng';
import { daysBetween, expiryEpochMs } from '../util/ist-time';
import { expiryCalendar, monthlyExpiries } from './expiry-calendar';
import {
  FUTURE_MONTHS,
  FUTURE_TICK_PAISE,
  INDEX_TICK_PAISE,
  MID_BAND_MAX_DAYS,
  NEAR_BAND_MAX_DAYS,
  OPTION_TICK_PAISE,
  UNDERLYING_SPECS,
  type StrikeBand,
  type UnderlyingSpec,
} from './underlying-specs';

export type InstrumentKind = 'index' | 'future' | 'call' | 'put';

export interface SimInstrument {
  /** Position in `Universe.instruments` (and in the market's typed arrays). */
  readonly index: number;
  readonly kind: InstrumentKind;
  /** Position of the underlying in `Universe.underlyings`. */
  readonly underlying: number;
  readonly segment: ExchangeSegmentName;
  readonly segmentCode: number;
  readonly securityId: number;
  /** YYYY-MM-DD, '' for the index. */
  readonly expiry: string;
  /** 15:30 IST on the expiry date; +Infinity for the index. */
  readonly expiryMs: number;
  /** 'W' / 'M' for derivatives, '' for the index. */
  readonly expiryFlag: '' | 'W' | 'M';
  /** 0 for the index and futures. */
  readonly strike: number;
  readonly lotSize: number;
  readonly tickPaise: number;
  readonly tickRupees: number;
}

export interface SimExpiry {
  readonly date: string;
  readonly flag: 'W' | 'M';
  readonly expiryMs: number;
  /** Ascending. */
  readonly strikes: readonly number[];
  /** Instrument indices, parallel to `strikes`. */
  readonly calls: readonly number[];
  readonly puts: readonly number[];
}

export interface SimUnderlying {
  readonly position: number;
  readonly spec: UnderlyingSpec;
  /** Instrument index of the IDX_I row. */
  readonly spot: number;
  /** The seeded opening level of the index for this trading date. */
  readonly initialSpot: number;
  /** Instrument indices of the futures, nearest first. */
  readonly futures: readonly number[];
  readonly expiries: readonly SimExpiry[];
}

export interface Universe {
  readonly seed: number;
  readonly tradingDate: string;
  readonly underlyings: readonly SimUnderlying[];
  readonly instruments: readonly SimInstrument[];
  /** Instrument index by `instrumentKey(segmentCode, securityId)`. */
  readonly byKey: ReadonlyMap<number, number>;
}

/** First security ids handed out per derivative segment (realistic magnitudes, not real ids). */
const FIRST_ID: Record<'NSE_FNO' | 'BSE_FNO', number> = { NSE_FNO: 35_000, BSE_FNO: 825_000 };

export interface UniverseOptions {
  /** Default UNDERLYING_SPECS. */
  readonly specs?: readonly UnderlyingSpec[];
  /** Multiplies every band's strikes per side; 1 (default) lists about 20 000 options, 1.3 about 26 000. */
  readonly strikeRangeScale?: number;
}

/** Builds the universe for `tradingDate` (YYYY-MM-DD, IST). */
export function buildUniverse(seed: number, tradingDate: string, options: UniverseOptions = {}): Universe {
  const specs = options.specs ?? UNDERLYING_SPECS;
  const scale = options.strikeRangeScale ?? 1;
  const instruments: SimInstrument[] = [];
  const nextId: Record<'NSE_FNO' | 'BSE_FNO', number> = {
    NSE_FNO: FIRST_ID.NSE_FNO + Math.floor(hashUnit(seed, 1) * 5000),
    BSE_FNO: FIRST_ID.BSE_FNO + Math.floor(hashUnit(seed, 2) * 5000),
  };
  const allocateId = (segment: 'NSE_FNO' | 'BSE_FNO'): number => {
    const id = nextId[segment];
    // Real ids are not dense: leave an occasional gap so no client can assume id arithmetic.
    nextId[segment] = id + 1 + (hashUnit(seed, 3, id) < 0.15 ? 1 + Math.floor(hashUnit(seed, 4, id) * 3) : 0);
    return id;
  };
  const add = (fields: Omit<SimInstrument, 'index' | 'segmentCode' | 'tickRupees'>): number => {
    const index = instruments.length;
    instruments.push({ ...fields, index, segmentCode: EXCHANGE_SEGMENT_CODE[fields.segment], tickRupees: fields.tickPaise / 100 });
    return index;
  };

  const underlyings = specs.map((spec, position): SimUnderlying => {
    const initialSpot = Math.round(spec.referenceSpot * (1 + 0.03 * hashSigned(seed, 10, position)) * 20) / 20;
    const spot = add({
      kind: 'index',
      underlying: position,
      segment: 'IDX_I',
      securityId: spec.spotSecurityId,
      expiry: '',
      expiryMs: Number.POSITIVE_INFINITY,
      expiryFlag: '',
      strike: 0,
      lotSize: 1,
      tickPaise: INDEX_TICK_PAISE,
    });
    const futures = monthlyExpiries(tradingDate, spec.expiries.weekday, FUTURE_MONTHS).map((date) =>
      add({
        kind: 'future',
        underlying: position,
        segment: spec.derivativeSegment,
        securityId: allocateId(spec.derivativeSegment),
        expiry: date,
        expiryMs: expiryEpochMs(date),
        expiryFlag: 'M',
        strike: 0,
        lotSize: spec.lotSize,
        tickPaise: FUTURE_TICK_PAISE,
      }),
    );
    const expiries = expiryCalendar(tradingDate, spec.expiries).map((expiry): SimExpiry => {
      const band = strikeBand(spec, daysBetween(tradingDate, expiry.date));
      const strikes = strikeLadder(initialSpot, { step: band.step, eachSide: Math.max(1, Math.round(band.eachSide * scale)) });
      const calls: number[] = [];
      const puts: number[] = [];
      for (const strike of strikes) {
        for (const kind of ['call', 'put'] as const) {
          const index = add({
            kind,
            underlying: position,
            segment: spec.derivativeSegment,
            securityId: allocateId(spec.derivativeSegment),
            expiry: expiry.date,
            expiryMs: expiryEpochMs(expiry.date),
            expiryFlag: expiry.flag,
            strike,
            lotSize: spec.lotSize,
            tickPaise: OPTION_TICK_PAISE,
          });
          (kind === 'call' ? calls : puts).push(index);
        }
      }
      return { date: expiry.date, flag: expiry.flag, expiryMs: expiryEpochMs(expiry.date), strikes, calls, puts };
    });
    return { position, spec, spot, initialSpot, futures, expiries };
  });

  const byKey = new Map<number, number>();
  for (const instrument of instruments) byKey.set(instrumentKey(instrument.segmentCode, instrument.securityId), instrument.index);
  return { seed, tradingDate, underlyings, instruments, byKey };
}

/** The strike band an expiry `days` away lists. */
export function strikeBand(spec: UnderlyingSpec, days: number): StrikeBand {
  if (days <= NEAR_BAND_MAX_DAYS) return spec.nearStrikes;
  return days <= MID_BAND_MAX_DAYS ? spec.midStrikes : spec.farStrikes;
}

/** Strikes centred on the at-the-money strike, ascending, all positive. */
export function strikeLadder(spot: number, band: StrikeBand): number[] {
  const atm = Math.round(spot / band.step) * band.step;
  const strikes: number[] = [];
  for (let i = -band.eachSide; i <= band.eachSide; i++) {
    const strike = atm + i * band.step;
    if (strike > 0) strikes.push(strike);
  }
  return strikes;
}

/** The instrument with this segment and security id, or null. */
export function findInstrument(universe: Universe, segmentCode: number, securityId: number): SimInstrument | null {
  const index = universe.byKey.get(instrumentKey(segmentCode, securityId));
  return index === undefined ? null : (universe.instruments[index] ?? null);
}

/** The underlying whose IDX_I id is `spotSecurityId`, or null. */
export function findUnderlyingBySpotId(universe: Universe, spotSecurityId: number): SimUnderlying | null {
  return universe.underlyings.find((u) => u.spec.spotSecurityId === spotSecurityId) ?? null;
}
