/**
 * Decides what to stream within DhanHQ's 5 connections × 5000 instruments. A full index-options
 * universe is larger than that, so instruments are taken in priority order until the budget
 * runs out, and everything left out is counted with its reason:
 *   1. every underlying's spot (ticker) and futures (quote: the forward for matching expiries);
 *   2. the chain on screen, every strike, full mode (depth and OI);
 *   3. every underlying's expiries, nearest first, strikes nearest ATM first: quote mode for the
 *      nearest expiry (OI for PCR and max pain), ticker mode beyond it, until the budget is used.
 */
import type { SubscriptionSummary } from '../../shared/api/view-types';
import type { FeedMode, OptionContract, Skeleton, UnderlyingSkeleton } from '../../shared/model/instruments';
import type { FeedSubscription } from '../dhan/feed-subscription';

export interface PlanFocus {
  readonly underlying: string;
  readonly expiry: string;
}

export interface PlannerOptions {
  /** Instruments the feed can carry in all. Default 25 000 (5 × 5000). */
  readonly budget?: number;
  /** Expiries per underlying streamed beyond the chain on screen. Default: all, budget permitting. */
  readonly backgroundExpiries?: number;
}

export interface SubscriptionPlan {
  readonly subscriptions: readonly FeedSubscription[];
  /** Per underlying, the strike each background chain was centred on (for re-planning on moves). */
  readonly centres: ReadonlyMap<string, number>;
  readonly summary: Omit<SubscriptionSummary, 'subscribed'>;
}

interface Candidate {
  readonly contract: OptionContract;
  readonly mode: FeedMode;
  /** Lower first: expiry rank dominates, then distance from ATM in strikes. */
  readonly priority: number;
}

const DEFAULT_BUDGET = 25_000;

/** Builds the plan. `spotOf` gives the latest spot (or forward) per underlying, null if unknown yet. */
export function planSubscriptions(
  skeleton: Skeleton,
  focus: PlanFocus | null,
  spotOf: (underlying: string) => number | null,
  options: PlannerOptions = {},
): SubscriptionPlan {
  const budget = options.budget ?? DEFAULT_BUDGET;
  const backgroundExpiries = options.backgroundExpiries ?? Number.POSITIVE_INFINITY;
  const chosen = new Map<string, FeedSubscription>();
  const take = (sub: FeedSubscription): boolean => {
    const key = `${sub.segment}:${sub.securityId}`;
    if (chosen.has(key)) return true;
    if (chosen.size >= budget) return false;
    chosen.set(key, sub);
    return true;
  };

  for (const u of skeleton.underlyings) {
    take({ segment: u.spot.segment, securityId: u.spot.securityId, mode: 'ticker' });
    for (const future of u.futures) take({ segment: future.segment, securityId: future.securityId, mode: 'quote' });
  }

  const focusContracts = focus ? contractsOf(skeleton, focus.underlying, focus.expiry) : [];
  let focusLeftOut = 0;
  for (const contract of focusContracts) {
    if (!take({ segment: contract.segment, securityId: contract.securityId, mode: 'full' })) focusLeftOut++;
  }

  const centres = new Map<string, number>();
  const candidates: Candidate[] = [];
  for (const u of skeleton.underlyings) {
    const centre = centreStrike(u, spotOf(u.symbol));
    if (centre !== null) centres.set(u.symbol, centre);
    u.expiries.slice(0, backgroundExpiries).forEach((expiry, rank) => {
      if (focus && u.symbol === focus.underlying && expiry.expiry === focus.expiry) return;
      const ordered = [...expiry.strikes].sort((a, b) => Math.abs(a.strike - (centre ?? 0)) - Math.abs(b.strike - (centre ?? 0)));
      ordered.forEach((strike, distance) => {
        for (const contract of [strike.ce, strike.pe]) {
          if (contract) candidates.push({ contract, mode: rank === 0 ? 'quote' : 'ticker', priority: rank * 100_000 + distance });
        }
      });
    });
  }
  candidates.sort((a, b) => a.priority - b.priority);
  const backgroundLeftOut = new Map<string, number>();
  for (const c of candidates) {
    if (!take({ segment: c.contract.segment, securityId: c.contract.securityId, mode: c.mode })) {
      backgroundLeftOut.set(c.contract.underlying, (backgroundLeftOut.get(c.contract.underlying) ?? 0) + 1);
    }
  }

  const subscriptions = [...chosen.values()];
  const byMode: Record<FeedMode, number> = { ticker: 0, quote: 0, full: 0 };
  for (const s of subscriptions) byMode[s.mode]++;
  const plannedOptions = subscriptions.length - countNonOptions(skeleton, chosen);
  const leftOut = skeleton.counts.tokens - plannedOptions;
  return {
    subscriptions,
    centres,
    summary: {
      skeletonTokens: skeleton.counts.tokens,
      planned: subscriptions.length,
      byMode,
      leftOut,
      leftOutReasons: reasons(skeleton, focusLeftOut, backgroundLeftOut, backgroundExpiries, leftOut, budget),
    },
  };
}

/** True when spot has moved far enough from a background chain's centre to re-plan. */
export function needsReplan(plan: SubscriptionPlan, skeleton: Skeleton, spotOf: (u: string) => number | null, strikes = 5): boolean {
  for (const u of skeleton.underlyings) {
    const planned = plan.centres.get(u.symbol);
    const now = centreStrike(u, spotOf(u.symbol));
    if (now === null) continue;
    if (planned === undefined) return true;
    const step = strikeStep(u);
    if (step > 0 && Math.abs(now - planned) >= strikes * step) return true;
  }
  return false;
}

function contractsOf(skeleton: Skeleton, underlying: string, expiry: string): OptionContract[] {
  const u = skeleton.underlyings.find((x) => x.symbol === underlying);
  const e = u?.expiries.find((x) => x.expiry === expiry);
  if (!e) return [];
  return e.strikes.flatMap((s) => [s.ce, s.pe].filter((c): c is OptionContract => c !== null));
}

/** The strike nearest spot in the nearest expiry (the middle strike when spot is unknown yet). */
function centreStrike(u: UnderlyingSkeleton, spot: number | null): number | null {
  const strikes = u.expiries[0]?.strikes ?? [];
  if (strikes.length === 0) return null;
  if (spot === null) return strikes[Math.floor(strikes.length / 2)]?.strike ?? null;
  let best = strikes[0]!.strike;
  for (const s of strikes) if (Math.abs(s.strike - spot) < Math.abs(best - spot)) best = s.strike;
  return best;
}

function strikeStep(u: UnderlyingSkeleton): number {
  const strikes = u.expiries[0]?.strikes ?? [];
  let step = Number.POSITIVE_INFINITY;
  for (let i = 1; i < strikes.length; i++) step = Math.min(step, strikes[i]!.strike - strikes[i - 1]!.strike);
  return Number.isFinite(step) ? step : 0;
}

function countNonOptions(skeleton: Skeleton, chosen: ReadonlyMap<string, FeedSubscription>): number {
  let count = 0;
  for (const u of skeleton.underlyings) {
    if (chosen.has(`${u.spot.segment}:${u.spot.securityId}`)) count++;
    for (const f of u.futures) if (chosen.has(`${f.segment}:${f.securityId}`)) count++;
  }
  return count;
}

function reasons(
  skeleton: Skeleton,
  focusLeftOut: number,
  backgroundLeftOut: ReadonlyMap<string, number>,
  backgroundExpiries: number,
  leftOut: number,
  budget: number,
): string[] {
  const out: string[] = [];
  if (focusLeftOut > 0) out.push(`${focusLeftOut} contracts of the chain on screen: the ${budget}-instrument limit is used up`);
  for (const [underlying, count] of backgroundLeftOut) {
    out.push(`${count} ${underlying} contracts farthest from ATM: DhanHQ allows 5 connections × 5000 instruments`);
  }
  const beyond = leftOut - focusLeftOut - [...backgroundLeftOut.values()].reduce((a, b) => a + b, 0);
  if (beyond > 0) {
    out.push(`${beyond} contracts of expiries beyond the nearest ${backgroundExpiries} per underlying (open that chain to stream it)`);
  }
  if (skeleton.counts.tokens === 0) out.push('The skeleton has no option contracts');
  return out;
}
