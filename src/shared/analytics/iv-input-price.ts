/**
 * Which price an option's IV is solved from: the mid of the best bid and ask when both are
 * live and the spread is sane, else the last traded price. The mid reflects the market now; the
 * LTP of a thin far strike may be minutes old.
 *
 * "Sane", precisely: bid > 0, ask ≥ bid, and ask − bid ≤ max(maxSpreadFractionOfMid × mid,
 * spreadAllowanceRupees). The allowance keeps one- or two-tick spreads on cheap options
 * (0.05 / 0.10) usable although they are a large fraction of the mid.
 */
import { AppError } from '../errors/app-error';

export type IvPriceSource = 'mid' | 'ltp';

/** How strict the spread check is. */
export interface IvPriceOptions {
  /** Widest spread, as a fraction of the mid, at which the mid is still used. Default 0.1 (10 %). */
  readonly maxSpreadFractionOfMid?: number;
  /** A spread this small, in rupees, is always sane. Default 0.10 (two NSE ticks). */
  readonly spreadAllowanceRupees?: number;
}

/** {@link IvPriceOptions} with every default filled in. */
export interface ResolvedIvPriceOptions {
  readonly maxSpreadFractionOfMid: number;
  readonly spreadAllowanceRupees: number;
}

export const DEFAULT_IV_PRICE_OPTIONS: ResolvedIvPriceOptions = Object.freeze({
  maxSpreadFractionOfMid: 0.1,
  spreadAllowanceRupees: 0.1,
});

/** The price chosen for one contract and where it came from. */
export interface IvInputPrice {
  readonly priceRupees: number;
  readonly source: IvPriceSource;
}

/**
 * Fills in defaults and rejects negative or non-finite settings.
 * @throws AppError ANALYTICS_INVALID_INPUT
 */
export function resolveIvPriceOptions(options: IvPriceOptions = {}): ResolvedIvPriceOptions {
  const resolved = {
    maxSpreadFractionOfMid: options.maxSpreadFractionOfMid ?? DEFAULT_IV_PRICE_OPTIONS.maxSpreadFractionOfMid,
    spreadAllowanceRupees: options.spreadAllowanceRupees ?? DEFAULT_IV_PRICE_OPTIONS.spreadAllowanceRupees,
  };
  for (const [name, value] of Object.entries(resolved)) {
    if (!(value >= 0 && Number.isFinite(value))) {
      throw new AppError('ANALYTICS_INVALID_INPUT', `${name} must be a finite number ≥ 0, got ${value}`, { option: name });
    }
  }
  return resolved;
}

/** True when bid and ask are both live and their spread is sane (see the file comment). */
export function isSaneSpread(bid: number, ask: number, options: ResolvedIvPriceOptions): boolean {
  if (!(bid > 0 && ask >= bid && Number.isFinite(ask))) return false;
  const spread = ask - bid;
  const mid = 0.5 * (bid + ask);
  return spread <= Math.max(options.maxSpreadFractionOfMid * mid, options.spreadAllowanceRupees);
}

/**
 * The price to solve IV from and its source, or null when there is neither a sane mid nor a
 * positive LTP.
 *
 * @param bid best bid, rupees; NaN/0 when the book side is empty.
 * @param ask best ask, rupees; NaN/0 when the book side is empty.
 * @param ltp last traded price, rupees; NaN/0 when never traded.
 * @param options spread limits; defaults in {@link DEFAULT_IV_PRICE_OPTIONS}.
 */
export function ivInputPrice(bid: number, ask: number, ltp: number, options: ResolvedIvPriceOptions = DEFAULT_IV_PRICE_OPTIONS): IvInputPrice | null {
  if (isSaneSpread(bid, ask, options)) return { priceRupees: 0.5 * (bid + ask), source: 'mid' };
  return ltp > 0 && Number.isFinite(ltp) ? { priceRupees: ltp, source: 'ltp' } : null;
}
