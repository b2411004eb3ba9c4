/**
 * Builds the option-chain skeleton (underlying → expiries → strikes → CE/PE contracts) from
 * the rows kept from the instrument master, and counts it. Pure and deterministic: the same
 * rows give the same skeleton whatever their order in the file.
 */
import type { ErrorCode } from '../errors/error-catalog';
import type {
  ExpirySkeleton,
  FutureContract,
  IsoDate,
  OptionContract,
  Skeleton,
  SkeletonCounts,
  StrikeSkeleton,
  UnderlyingSkeleton,
} from './instruments';
import type { InstrumentMasterData, MasterOption, UnderlyingConfig } from './master-data';

export interface SkeletonOptions {
  /** In display order; only these underlyings are built. */
  readonly underlyings: readonly UnderlyingConfig[];
  /** Keep only the nearest N expiries of each underlying; default every expiry. */
  readonly maxExpiriesPerUnderlying?: number;
  /** Drop expiries (and futures) before this date, e.g. today's IST date; default keep all. */
  readonly minExpiry?: IsoDate;
}

/**
 * Groups the options of each configured underlying (on its derivative segment) by expiry and
 * strike. A repeated (expiry, strike, side) keeps its first row. Underlyings without options
 * are left out; `findSkeletonGaps` names them.
 */
export function buildSkeleton(data: InstrumentMasterData, options: SkeletonOptions): Skeleton {
  const maxExpiries = options.maxExpiriesPerUnderlying ?? Number.POSITIVE_INFINITY;
  const minExpiry = options.minExpiry ?? '';
  const byUnderlying = groupOptions(data.options, minExpiry);
  const underlyings: UnderlyingSkeleton[] = [];
  for (const config of options.underlyings) {
    const expiries = byUnderlying.get(underlyingKey(config.symbol, config.derivativeSegment));
    if (expiries === undefined) continue;
    const chosen = [...expiries.keys()].sort().slice(0, Math.max(0, maxExpiries));
    if (chosen.length === 0) continue;
    underlyings.push({
      symbol: config.symbol,
      spot: { segment: 'IDX_I', securityId: config.spotSecurityId },
      derivativeSegment: config.derivativeSegment,
      futures: futuresOf(data, config, minExpiry),
      expiries: chosen.map((expiry) =>
        expirySkeleton(expiry, expiries.get(expiry) as Map<number, MasterOption[]>),
      ),
    });
  }
  return { underlyings, counts: countSkeleton(underlyings) };
}

/** Counts as the startup check shows them: expiries per underlying, strikes per expiry, tokens = contracts. */
export function countSkeleton(underlyings: readonly UnderlyingSkeleton[]): SkeletonCounts {
  let expiries = 0;
  let strikes = 0;
  let tokens = 0;
  for (const u of underlyings) {
    expiries += u.expiries.length;
    for (const e of u.expiries) {
      strikes += e.strikes.length;
      for (const s of e.strikes) tokens += (s.ce === null ? 0 : 1) + (s.pe === null ? 0 : 1);
    }
  }
  return { underlyings: underlyings.length, expiries, strikes, tokens };
}

export interface SkeletonGaps {
  /** Configured underlyings with no options in the skeleton. */
  readonly missingUnderlyings: readonly string[];
  /** The first empty level, as a catalogue code; null when every count is above zero. */
  readonly problem: ErrorCode | null;
}

/** What is missing, for the loud startup check (a zero count is a failure, never an empty grid). */
export function findSkeletonGaps(skeleton: Skeleton, configured: readonly UnderlyingConfig[]): SkeletonGaps {
  const present = new Set(skeleton.underlyings.map((u) => u.symbol));
  const { counts } = skeleton;
  const problem: ErrorCode | null =
    counts.underlyings === 0
      ? 'SKELETON_NO_UNDERLYINGS'
      : counts.expiries === 0
        ? 'SKELETON_NO_EXPIRIES'
        : counts.strikes === 0
          ? 'SKELETON_NO_STRIKES'
          : counts.tokens === 0
            ? 'SKELETON_NO_TOKENS'
            : null;
  return { missingUnderlyings: configured.map((u) => u.symbol).filter((s) => !present.has(s)), problem };
}

type ExpiryGroups = Map<IsoDate, Map<number, MasterOption[]>>;

function underlyingKey(symbol: string, segment: string): string {
  return `${symbol.toUpperCase()}|${segment}`;
}

function groupOptions(rows: readonly MasterOption[], minExpiry: IsoDate): Map<string, ExpiryGroups> {
  const groups = new Map<string, ExpiryGroups>();
  for (const row of rows) {
    if (row.expiry < minExpiry) continue;
    const key = underlyingKey(row.underlying, row.segment);
    let expiries = groups.get(key);
    if (expiries === undefined) groups.set(key, (expiries = new Map()));
    let strikes = expiries.get(row.expiry);
    if (strikes === undefined) expiries.set(row.expiry, (strikes = new Map()));
    const atStrike = strikes.get(row.strike);
    if (atStrike === undefined) strikes.set(row.strike, [row]);
    else atStrike.push(row);
  }
  return groups;
}

function expirySkeleton(expiry: IsoDate, strikes: Map<number, MasterOption[]>): ExpirySkeleton {
  const rows: StrikeSkeleton[] = [];
  const all: MasterOption[] = [];
  for (const strike of [...strikes.keys()].sort((a, b) => a - b)) {
    const contracts = strikes.get(strike) as MasterOption[];
    const ce = contracts.find((c) => c.side === 'CE');
    const pe = contracts.find((c) => c.side === 'PE');
    rows.push({ strike, ce: ce ? contract(ce) : null, pe: pe ? contract(pe) : null });
    all.push(...contracts);
  }
  return {
    expiry,
    expiryFlag: mostCommon(
      all.map((c) => c.expiryFlag).filter((f) => f !== ''),
      '',
    ),
    strikes: rows,
    lotSize: mostCommon(
      all.map((c) => c.lotSize),
      0,
    ),
    tickSizeRupees: mostCommon(
      all.map((c) => c.tickSizeRupees),
      0,
    ),
  };
}

function futuresOf(
  data: InstrumentMasterData,
  config: UnderlyingConfig,
  minExpiry: IsoDate,
): FutureContract[] {
  const seen = new Set<number>();
  const futures: FutureContract[] = [];
  for (const f of data.futures) {
    if (f.underlying.toUpperCase() !== config.symbol.toUpperCase() || f.segment !== config.derivativeSegment)
      continue;
    if (f.expiry < minExpiry || seen.has(f.securityId)) continue;
    seen.add(f.securityId);
    futures.push({
      segment: f.segment,
      securityId: f.securityId,
      underlying: config.symbol,
      expiry: f.expiry,
      lotSize: f.lotSize,
      tickSizeRupees: f.tickSizeRupees,
      tradingSymbol: f.tradingSymbol,
    });
  }
  return futures.sort((a, b) =>
    a.expiry < b.expiry ? -1 : a.expiry > b.expiry ? 1 : a.securityId - b.securityId,
  );
}

function contract(row: MasterOption): OptionContract {
  return {
    segment: row.segment,
    securityId: row.securityId,
    underlying: row.underlying,
    expiry: row.expiry,
    strike: row.strike,
    side: row.side,
    lotSize: row.lotSize,
    tickSizeRupees: row.tickSizeRupees,
    tradingSymbol: row.tradingSymbol,
  };
}

/** The value most rows agree on (ties: the smallest); `none` for no rows. */
function mostCommon<T extends number | string>(values: readonly T[], none: T): T {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = none;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && value < best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}
