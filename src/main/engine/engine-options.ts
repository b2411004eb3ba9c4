/**
 * What the engine is built from. Everything with a side effect (time, sockets, HTTP, the
 * keychain, the instrument master) is injected, so tests and the doctor run the real startup
 * path against the simulator with controlled clocks.
 */
import type { AppMode, InstrumentMasterStatus, VersionInfo } from '../../shared/api/view-types';
import type { Skeleton } from '../../shared/model/instruments';
import type { Clock, Scheduler } from '../../shared/util/clock';
import type { CredentialStore } from '../credentials/credential-store';
import type { DhanEndpoints } from '../dhan/dhan-endpoints';
import type { FeedSocketFactory } from '../dhan/feed-connection';
import type { FeedTiming } from '../dhan/feed-timing';
import type { FetchFunction } from '../dhan/rest-client';
import type { Logger } from '../logging/logger';
import type { Redactor } from '../logging/redactor';

export interface SkeletonProgress {
  readonly step: 'master-download' | 'master-parse' | 'skeleton';
  readonly detail: string;
  readonly done: number | null;
  readonly total: number | null;
}

export interface SkeletonLoad {
  readonly skeleton: Skeleton;
  readonly status: InstrumentMasterStatus;
}

/**
 * Loads (or reloads) the instrument master and builds the skeleton. Rejects with an AppError
 * (MASTER_*) when there is nothing usable; a stale cache is a success with a warning in status.
 */
export type SkeletonLoader = (onProgress: (progress: SkeletonProgress) => void) => Promise<SkeletonLoad>;

export interface EngineOptions {
  readonly mode: AppMode;
  readonly versions: VersionInfo;
  readonly endpoints: DhanEndpoints;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly credentialStore: CredentialStore;
  readonly loadSkeleton: SkeletonLoader;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  readonly redactor: Redactor;
  /** Where support bundles and recordings are written. */
  readonly dataDir: string;
  /** Log files copied (redacted) into support bundles. Default: none. */
  readonly logFiles?: () => Promise<readonly string[]>;
  readonly isMarketOpen: (nowMs: number) => boolean;
  readonly fetch?: FetchFunction;
  readonly createSocket?: FeedSocketFactory;
  readonly feedTiming?: Partial<FeedTiming>;
  /** Per-client batch period, ms. Default 50 (20 batches a second at most). */
  readonly batchIntervalMs?: number;
  /** Diagnostics push period, ms. Default 1000. */
  readonly diagnosticsIntervalMs?: number;
  /** Tick-log push period, ms. Default 250. */
  readonly tickLogIntervalMs?: number;
  /** Most tick-log entries per push. Default 200. */
  readonly tickLogBatchLimit?: number;
  /** Instruments the feed may carry. Default 25 000 (5 × 5000). */
  readonly subscriptionBudget?: number;
  /** Default strike window for the first chain. Default 15 strikes each side of ATM. */
  readonly defaultStrikeWindow?: number;
  /** Fetch a REST option-chain snapshot when a chain is opened. Default true. */
  readonly restSnapshots?: boolean;
}

export const ENGINE_DEFAULTS = Object.freeze({
  batchIntervalMs: 50,
  diagnosticsIntervalMs: 1_000,
  tickLogIntervalMs: 250,
  tickLogBatchLimit: 200,
  subscriptionBudget: 25_000,
  defaultStrikeWindow: 15,
  tickLogCapacity: 5_000,
  disconnectHistory: 50,
  restLogSize: 100,
  replanCheckMs: 5_000,
});
