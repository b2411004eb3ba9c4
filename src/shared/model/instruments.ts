/**
 * The option-chain skeleton: underlyings → expiries → strikes → CE/PE contracts, as read
 * from DhanHQ's instrument master. Plain readonly data, shared by every process.
 */

/** Exchange segment names as DhanHQ's JSON APIs spell them. */
export type ExchangeSegmentName =
  | 'IDX_I'
  | 'NSE_EQ'
  | 'NSE_FNO'
  | 'NSE_CURRENCY'
  | 'BSE_EQ'
  | 'MCX_COMM'
  | 'BSE_CURRENCY'
  | 'BSE_FNO';

export type OptionSide = 'CE' | 'PE';

/** Feed subscription mode: ticker (LTP), quote (LTP, OHLC, volume, OI), full (quote + depth). */
export type FeedMode = 'ticker' | 'quote' | 'full';

export interface InstrumentRef {
  readonly segment: ExchangeSegmentName;
  readonly securityId: number;
}

/** Expiry dates are calendar dates in IST, formatted YYYY-MM-DD. */
export type IsoDate = string;

export interface OptionContract extends InstrumentRef {
  readonly underlying: string;
  readonly expiry: IsoDate;
  readonly strike: number;
  readonly side: OptionSide;
  readonly lotSize: number;
  /** Minimum price step in rupees (the master's paise value already divided by 100). */
  readonly tickSizeRupees: number;
  readonly tradingSymbol: string;
}

export interface FutureContract extends InstrumentRef {
  readonly underlying: string;
  readonly expiry: IsoDate;
  readonly lotSize: number;
  readonly tickSizeRupees: number;
  readonly tradingSymbol: string;
}

export interface StrikeSkeleton {
  readonly strike: number;
  readonly ce: OptionContract | null;
  readonly pe: OptionContract | null;
}

export interface ExpirySkeleton {
  readonly expiry: IsoDate;
  /** 'W' weekly, 'M' monthly, as the master flags it ('' when blank). */
  readonly expiryFlag: string;
  /** Ascending by strike. */
  readonly strikes: readonly StrikeSkeleton[];
  /** Lot size of this expiry's contracts; two sizes can coexist across expiries. */
  readonly lotSize: number;
  readonly tickSizeRupees: number;
}

export interface UnderlyingSkeleton {
  readonly symbol: string;
  /** The index itself on IDX_I (e.g. NIFTY 13); the option chain REST and the feed use it. */
  readonly spot: InstrumentRef;
  /** Where this underlying's options and futures trade (NSE_FNO or BSE_FNO). */
  readonly derivativeSegment: ExchangeSegmentName;
  /** Ascending by expiry. */
  readonly futures: readonly FutureContract[];
  /** Ascending by expiry. */
  readonly expiries: readonly ExpirySkeleton[];
}

export interface SkeletonCounts {
  readonly underlyings: number;
  /** Distinct (underlying, expiry) pairs. */
  readonly expiries: number;
  /** Distinct (underlying, expiry, strike) triples. */
  readonly strikes: number;
  /** Option contracts (CE and PE counted separately). */
  readonly tokens: number;
}

export interface Skeleton {
  readonly underlyings: readonly UnderlyingSkeleton[];
  readonly counts: SkeletonCounts;
}

/** The six index underlyings the app knows by default, with their IDX_I spot ids. */
export const DEFAULT_UNDERLYINGS = [
  { symbol: 'NIFTY', spotSecurityId: 13, derivativeSegment: 'NSE_FNO' },
  { symbol: 'BANKNIFTY', spotSecurityId: 25, derivativeSegment: 'NSE_FNO' },
  { symbol: 'FINNIFTY', spotSecurityId: 27, derivativeSegment: 'NSE_FNO' },
  { symbol: 'MIDCPNIFTY', spotSecurityId: 442, derivativeSegment: 'NSE_FNO' },
  { symbol: 'SENSEX', spotSecurityId: 51, derivativeSegment: 'BSE_FNO' },
  { symbol: 'BANKEX', spotSecurityId: 69, derivativeSegment: 'BSE_FNO' },
] as const satisfies readonly {
  symbol: string;
  spotSecurityId: number;
  derivativeSegment: ExchangeSegmentName;
}[];

export type DefaultUnderlyingSymbol = (typeof DEFAULT_UNDERLYINGS)[number]['symbol'];
