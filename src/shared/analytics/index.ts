/**
 * Live option analytics: Black-76 IV and greeks on the chain's forward, and chain aggregates.
 * Conventions in ./README.md. Engines use {@link ChainAnalytics}; the pure functions are for
 * tests, the simulator and one-off calculations.
 */
export { ChainAnalytics } from './chain-analytics';
export type {
  ChainAnalyticsOptions,
  ChainAnalyticsSummary,
  ContractAnalytics,
  ContractQuote,
  RecomputeResult,
} from './chain-analytics-types';
export { atmStrikeIndex } from './atm-strike';
export { black76Greeks, black76Price, DAYS_PER_YEAR, type Black76Greeks } from './black76';
export { blackScholesPrice, blackScholesSpotDeltaGamma } from './black-scholes';
export { buildUpOf } from './build-up';
export { chainForward, parityForward, parityStrikeIndex, type ChainForward, type ChainForwardInput, type ForwardSource } from './forward';
export { impliedVolatility } from './implied-volatility';
export {
  DEFAULT_IV_PRICE_OPTIONS,
  ivInputPrice,
  isSaneSpread,
  resolveIvPriceOptions,
  type IvInputPrice,
  type IvPriceOptions,
  type IvPriceSource,
  type ResolvedIvPriceOptions,
} from './iv-input-price';
export { maxPainIndex, maxPainStrike, writersPayoutAt } from './max-pain';
export { normCdf, normPdf } from './normal-distribution';
export { putCallRatio } from './put-call-ratio';
export { daysToExpiry, expiryEpochMsOf, MS_PER_DAY, MS_PER_YEAR, yearsToExpiry } from './time-to-expiry';
