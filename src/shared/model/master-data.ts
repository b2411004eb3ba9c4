/**
 * What the app keeps from DhanHQ's instrument master: only the index options, index futures
 * and index spot rows of the configured underlyings (a few tens of thousands of the file's
 * hundreds of thousands of rows). Plain JSON-safe data: it is cached on disk as is, and the
 * skeleton builder turns it into the option-chain skeleton.
 */
import type { ExchangeSegmentName, FutureContract, OptionContract } from './instruments';

export interface MasterOption extends OptionContract {
  /** 'W' weekly, 'M' monthly, '' when the file leaves it blank or NA. */
  readonly expiryFlag: string;
}

export interface MasterFuture extends FutureContract {
  readonly expiryFlag: string;
}

/** An index row of the file (segment I), e.g. NIFTY 13. */
export interface MasterIndex {
  readonly symbol: string;
  readonly securityId: number;
}

export interface InstrumentMasterData {
  readonly options: readonly MasterOption[];
  readonly futures: readonly MasterFuture[];
  readonly indices: readonly MasterIndex[];
}

/** An underlying the app follows; DEFAULT_UNDERLYINGS in instruments.ts lists the six indices. */
export interface UnderlyingConfig {
  readonly symbol: string;
  /** Its IDX_I security id, used by the option-chain REST and the feed. */
  readonly spotSecurityId: number;
  /** Where its options and futures trade. */
  readonly derivativeSegment: ExchangeSegmentName;
}
