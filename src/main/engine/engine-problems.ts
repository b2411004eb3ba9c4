/**
 * Names every reason the screen could be empty or stale. The engine's facts go in; the active
 * problems (each with a stable code, message and remedy) come out, most fundamental first, so
 * the UI shows the cause, not a symptom: no credentials before no prices, no instrument master
 * before an empty chain.
 */
import type {
  CredentialStatus,
  DisconnectRecord,
  FeedState,
  InstrumentMasterStatus,
  SubscriptionSummary,
} from '../../shared/api/view-types';
import { problemOf, type AppProblem } from '../../shared/errors/app-error';
import type { ErrorCode } from '../../shared/errors/error-catalog';
import type { SkeletonCounts } from '../../shared/model/instruments';

export interface EngineFacts {
  readonly credentialProblems: readonly AppProblem[];
  readonly credentialStatus: CredentialStatus;
  readonly master: InstrumentMasterStatus;
  readonly masterError: AppProblem | null;
  readonly skeleton: SkeletonCounts | null;
  readonly feedState: FeedState;
  /** The code of the disconnect that stopped the feed (FEED_*), if one did. */
  readonly feedStopCode: ErrorCode | null;
  readonly feedStopMessage: string | null;
  /** The newest disconnect, to name why a reconnecting feed is waiting. */
  readonly lastDisconnect: DisconnectRecord | null;
  readonly startupDone: boolean;
  readonly subscriptions: Omit<SubscriptionSummary, 'subscribed'> | null;
  readonly marketOpen: boolean;
}

const SKELETON_CHECKS: readonly [keyof SkeletonCounts, ErrorCode, string][] = [
  ['underlyings', 'SKELETON_NO_UNDERLYINGS', 'underlyings'],
  ['expiries', 'SKELETON_NO_EXPIRIES', 'expiries'],
  ['strikes', 'SKELETON_NO_STRIKES', 'strikes'],
  ['tokens', 'SKELETON_NO_TOKENS', 'option contracts'],
];

/** Every active problem, most fundamental first. */
export function activeProblems(facts: EngineFacts): AppProblem[] {
  const out: AppProblem[] = [...facts.credentialProblems];
  if (facts.masterError) out.push(facts.masterError);
  if (facts.master.warning && facts.master.source === 'stale-cache') out.push(problemOf('MASTER_STALE_CACHE', facts.master.warning));
  if (facts.master.rowsRejected > 0) {
    out.push(problemOf('MASTER_ROWS_REJECTED', `${facts.master.rowsRejected} of ${facts.master.rowsRead} instrument-master rows were skipped.`));
  }
  out.push(...skeletonProblems(facts.skeleton));
  const feed = feedProblem(facts);
  if (feed) out.push(feed);
  if (facts.subscriptions && facts.subscriptions.leftOut > 0) {
    out.push(problemOf('FEED_SUBSCRIPTION_LIMIT', `${facts.subscriptions.leftOut} of ${facts.subscriptions.skeletonTokens} option contracts are not streamed.`));
  }
  if (!facts.marketOpen && facts.startupDone) out.push(problemOf('MARKET_CLOSED'));
  return out;
}

/** The problems that empty the grid (errors only), most fundamental first. */
export function blockingProblem(facts: EngineFacts, chainHasPrices: boolean): AppProblem | null {
  const credential = facts.credentialProblems.find((p) => p.severity === 'error');
  if (credential && !chainHasPrices) return credential;
  const master = masterProblem(facts);
  if (master || chainHasPrices) return master;
  return feedProblem(facts) ?? problemOf('CACHE_EMPTY');
}

/** The facts a chain that has prices is checked on: fields the engine holds, cheap to read. */
export type MasterFacts = Pick<EngineFacts, 'master' | 'masterError' | 'skeleton'>;

/**
 * The problem that empties a chain even when it has prices (the instrument master, the
 * skeleton built from it): `blockingProblem(facts, true)`, without the credential and feed facts
 * it does not look at then.
 */
export function masterProblem(facts: MasterFacts): AppProblem | null {
  if (facts.masterError) return facts.masterError;
  if (facts.master.state !== 'loaded') {
    return problemOf('MASTER_NOT_LOADED', facts.master.state === 'loading' ? 'The instrument master is loading…' : undefined);
  }
  return skeletonProblems(facts.skeleton)[0] ?? null;
}

function skeletonProblems(counts: SkeletonCounts | null): AppProblem[] {
  if (!counts) return [];
  for (const [field, code, noun] of SKELETON_CHECKS) {
    if (counts[field] === 0) {
      return [problemOf(code, `The instrument master produced 0 ${noun} (underlyings ${counts.underlyings}, expiries ${counts.expiries}, strikes ${counts.strikes}, tokens ${counts.tokens}).`)];
    }
  }
  return [];
}

function feedProblem(facts: EngineFacts): AppProblem | null {
  if (facts.feedStopCode) return problemOf(facts.feedStopCode, facts.feedStopMessage ?? undefined);
  // Without a skeleton there is nothing to subscribe: the master problem is the cause to show.
  if (!facts.startupDone || facts.skeleton === null) return null;
  switch (facts.feedState) {
    case 'silent':
      return problemOf('FEED_SILENT');
    case 'awaiting-token':
    case 'stopped':
    case 'idle':
      return facts.credentialStatus === 'ok' || facts.credentialStatus === 'unreachable' ? problemOf('FEED_NOT_CONNECTED') : null;
    case 'reconnecting': {
      // A cool-off (805, HTTP 429) has its own cause and remedy: show that, not a generic drop.
      const last = facts.lastDisconnect;
      if (last && last.action === 'back-off') return problemOf(last.errorCode, last.meaning);
      return problemOf('FEED_DROPPED', 'The live feed is reconnecting.');
    }
    default:
      return null;
  }
}
