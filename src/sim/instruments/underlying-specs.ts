/**
 * The six index underlyings the simulator lists, with contract facts as of late 2025. These are
 * the simulator's own choices (documented in src/sim/README.md); the client must read them from the
 * scrip master, never assume them.
 *
 * Expiry calendars: NSE index options expire on Tuesdays (since Sep 2025), BSE on Thursdays.
 * Only NIFTY and SENSEX have weeklies; every underlying has three monthlies (the last expiry
 * weekday of the month); BANKNIFTY and NIFTY add quarterlies, and NIFTY half-yearlies out to
 * five years, like the long-dated contracts in DhanHQ's real expiry list.
 */
import type { ExchangeSegmentName } from '../../shared/model/instruments';
import type { VolSurfaceParams } from '../pricing/vol-surface';

export interface StrikeBand {
  /** Strike step in rupees. */
  readonly step: number;
  /** Strikes listed on each side of the at-the-money strike. */
  readonly eachSide: number;
}

export interface ExpiryRule {
  /** 2 = Tuesday (NSE), 4 = Thursday (BSE). */
  readonly weekday: number;
  readonly weeklies: number;
  readonly monthlies: number;
  readonly quarterlies: number;
  /** June and December expiries out to this many years (0 = none). */
  readonly halfYearlyYears: number;
}

export interface UnderlyingSpec {
  readonly symbol: string;
  /** IDX_I security id (the chain REST and the feed use it). */
  readonly spotSecurityId: number;
  readonly derivativeSegment: Extract<ExchangeSegmentName, 'NSE_FNO' | 'BSE_FNO'>;
  readonly exchange: 'NSE' | 'BSE';
  /** The index row's display name. */
  readonly indexDisplayName: string;
  /** UNDERLYING_SECURITY_ID on derivative rows: the exchange's index token, deliberately not the IDX_I id. */
  readonly exchangeIndexToken: number;
  /** BSE derivative rows carry a mnemonic in SM_SYMBOL_NAME; NSE rows leave it blank. */
  readonly optionMnemonic: string;
  readonly futureMnemonic: string;
  /** A typical level; each seed moves it by up to ±3%. */
  readonly referenceSpot: number;
  readonly lotSize: number;
  readonly freezeQty: number;
  readonly expiries: ExpiryRule;
  /** Expiries up to 35 days away. */
  readonly nearStrikes: StrikeBand;
  /** Expiries up to 200 days away. */
  readonly midStrikes: StrikeBand;
  /** Long-dated expiries. */
  readonly farStrikes: StrikeBand;
  readonly vol: VolSurfaceParams;
  /** How busy its contracts are relative to NIFTY (1): scales OI, volume and book sizes. */
  readonly popularity: number;
}

const NSE_TUESDAY = 2;
const BSE_THURSDAY = 4;

export const UNDERLYING_SPECS: readonly UnderlyingSpec[] = [
  {
    symbol: 'NIFTY',
    spotSecurityId: 13,
    derivativeSegment: 'NSE_FNO',
    exchange: 'NSE',
    indexDisplayName: 'Nifty 50',
    exchangeIndexToken: 26000,
    optionMnemonic: '',
    futureMnemonic: '',
    referenceSpot: 25_000,
    lotSize: 75,
    freezeQty: 1800,
    expiries: { weekday: NSE_TUESDAY, weeklies: 4, monthlies: 3, quarterlies: 3, halfYearlyYears: 5 },
    nearStrikes: { step: 50, eachSide: 150 },
    midStrikes: { step: 100, eachSide: 125 },
    farStrikes: { step: 100, eachSide: 100 },
    vol: { atmVol: 0.12, shortTermPremium: 0.15, skew: -0.08, smile: 0.02 },
    popularity: 1,
  },
  {
    symbol: 'BANKNIFTY',
    spotSecurityId: 25,
    derivativeSegment: 'NSE_FNO',
    exchange: 'NSE',
    indexDisplayName: 'Nifty Bank',
    exchangeIndexToken: 26009,
    optionMnemonic: '',
    futureMnemonic: '',
    referenceSpot: 56_000,
    lotSize: 35,
    freezeQty: 900,
    expiries: { weekday: NSE_TUESDAY, weeklies: 0, monthlies: 3, quarterlies: 3, halfYearlyYears: 0 },
    nearStrikes: { step: 100, eachSide: 150 },
    midStrikes: { step: 100, eachSide: 125 },
    farStrikes: { step: 200, eachSide: 60 },
    vol: { atmVol: 0.14, shortTermPremium: 0.12, skew: -0.07, smile: 0.02 },
    popularity: 0.5,
  },
  {
    symbol: 'FINNIFTY',
    spotSecurityId: 27,
    derivativeSegment: 'NSE_FNO',
    exchange: 'NSE',
    indexDisplayName: 'Nifty Fin Service',
    exchangeIndexToken: 26037,
    optionMnemonic: '',
    futureMnemonic: '',
    referenceSpot: 26_500,
    lotSize: 65,
    freezeQty: 1800,
    expiries: { weekday: NSE_TUESDAY, weeklies: 0, monthlies: 3, quarterlies: 0, halfYearlyYears: 0 },
    nearStrikes: { step: 50, eachSide: 150 },
    midStrikes: { step: 100, eachSide: 100 },
    farStrikes: { step: 100, eachSide: 60 },
    vol: { atmVol: 0.13, shortTermPremium: 0.12, skew: -0.07, smile: 0.02 },
    popularity: 0.15,
  },
  {
    symbol: 'MIDCPNIFTY',
    spotSecurityId: 442,
    derivativeSegment: 'NSE_FNO',
    exchange: 'NSE',
    indexDisplayName: 'Nifty Midcap Select',
    exchangeIndexToken: 26074,
    optionMnemonic: '',
    futureMnemonic: '',
    referenceSpot: 13_000,
    lotSize: 140,
    freezeQty: 2800,
    expiries: { weekday: NSE_TUESDAY, weeklies: 0, monthlies: 3, quarterlies: 0, halfYearlyYears: 0 },
    nearStrikes: { step: 25, eachSide: 150 },
    midStrikes: { step: 50, eachSide: 100 },
    farStrikes: { step: 50, eachSide: 60 },
    vol: { atmVol: 0.17, shortTermPremium: 0.12, skew: -0.06, smile: 0.025 },
    popularity: 0.15,
  },
  {
    symbol: 'SENSEX',
    spotSecurityId: 51,
    derivativeSegment: 'BSE_FNO',
    exchange: 'BSE',
    indexDisplayName: 'S&P BSE SENSEX',
    exchangeIndexToken: 1,
    optionMnemonic: 'BSXOPT',
    futureMnemonic: 'BSXFUT',
    referenceSpot: 82_000,
    lotSize: 20,
    freezeQty: 1000,
    expiries: { weekday: BSE_THURSDAY, weeklies: 4, monthlies: 3, quarterlies: 0, halfYearlyYears: 0 },
    nearStrikes: { step: 100, eachSide: 250 },
    midStrikes: { step: 100, eachSide: 150 },
    farStrikes: { step: 200, eachSide: 60 },
    vol: { atmVol: 0.12, shortTermPremium: 0.15, skew: -0.08, smile: 0.02 },
    popularity: 0.8,
  },
  {
    symbol: 'BANKEX',
    spotSecurityId: 69,
    derivativeSegment: 'BSE_FNO',
    exchange: 'BSE',
    indexDisplayName: 'S&P BSE BANKEX',
    exchangeIndexToken: 12,
    optionMnemonic: 'BKXOPT',
    futureMnemonic: 'BKXFUT',
    referenceSpot: 63_000,
    lotSize: 30,
    freezeQty: 900,
    expiries: { weekday: BSE_THURSDAY, weeklies: 0, monthlies: 3, quarterlies: 0, halfYearlyYears: 0 },
    nearStrikes: { step: 100, eachSide: 150 },
    midStrikes: { step: 100, eachSide: 100 },
    farStrikes: { step: 200, eachSide: 60 },
    vol: { atmVol: 0.15, shortTermPremium: 0.12, skew: -0.07, smile: 0.02 },
    popularity: 0.1,
  },
];

/** Option contracts tick in paise of 5 (₹0.05); index futures in 10 (₹0.10), as the scrip master writes them. */
export const OPTION_TICK_PAISE = 5;
export const FUTURE_TICK_PAISE = 10;
export const INDEX_TICK_PAISE = 5;

/** Days to expiry up to which an expiry lists the near strike band, then the mid band. */
export const NEAR_BAND_MAX_DAYS = 35;
export const MID_BAND_MAX_DAYS = 200;

/** Index futures: the three nearest monthly expiries. */
export const FUTURE_MONTHS = 3;

/** Annual cost of carry (rate minus dividend yield) that puts futures and forwards above spot. */
export const CARRY_PER_YEAR = 0.055;
