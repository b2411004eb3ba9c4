/**
 * Assembles the one diagnostics snapshot support staff read: the same object the UI's panel
 * shows, the doctor prints and the support bundle exports (after redaction).
 */
import type {
  AppMode,
  ConnectionDiagnostics,
  CredentialSummary,
  DiagnosticsSnapshot,
  DisconnectRecord,
  FeedState,
  InstrumentMasterStatus,
  RestLogEntry,
  SubscriptionSummary,
  UpdaterStatus,
  VersionInfo,
} from '../../shared/api/view-types';
import type { AppProblem } from '../../shared/errors/app-error';
import type { QuoteCache } from '../../shared/cache/quote-cache';
import type { SkeletonCounts } from '../../shared/model/instruments';

export interface DiagnosticsInput {
  readonly nowMs: number;
  readonly mode: AppMode;
  readonly versions: VersionInfo;
  readonly credentials: CredentialSummary;
  readonly master: InstrumentMasterStatus;
  readonly skeleton: SkeletonCounts | null;
  readonly plan: Omit<SubscriptionSummary, 'subscribed'> | null;
  readonly connections: readonly ConnectionDiagnostics[];
  readonly feedState: FeedState;
  readonly marketOpen: boolean;
  readonly cache: QuoteCache | null;
  readonly packetsPerSec: number;
  readonly ticksPerSec: number;
  readonly lastPacketAgeMs: number | null;
  readonly disconnects: readonly DisconnectRecord[];
  readonly rest: readonly RestLogEntry[];
  readonly problems: readonly AppProblem[];
  readonly updater: UpdaterStatus;
}

export function buildDiagnostics(input: DiagnosticsInput): DiagnosticsSnapshot {
  const counters = input.cache?.counters;
  const decodeErrors: Record<string, number> = { ...(counters?.rejected ?? {}) };
  const decodeErrorsTotal = Object.values(decodeErrors).reduce((a, b) => a + b, 0);
  const packetsTotal = input.connections.reduce((sum, c) => sum + c.packets, 0);
  const subscribed = input.connections.reduce((sum, c) => sum + c.subscribed, 0);
  return {
    generatedAtMs: input.nowMs,
    mode: input.mode,
    versions: input.versions,
    credentials: input.credentials,
    instrumentMaster: input.master,
    skeleton: input.skeleton,
    subscriptions: {
      skeletonTokens: input.plan?.skeletonTokens ?? input.skeleton?.tokens ?? 0,
      planned: input.plan?.planned ?? 0,
      subscribed,
      byMode: input.plan?.byMode ?? { ticker: 0, quote: 0, full: 0 },
      leftOut: input.plan?.leftOut ?? 0,
      leftOutReasons: input.plan?.leftOutReasons ?? [],
    },
    feed: {
      state: input.feedState,
      marketOpen: input.marketOpen,
      connections: input.connections,
      packetsTotal,
      packetsPerSec: Math.round(input.packetsPerSec),
      ticksPerSec: Math.round(input.ticksPerSec),
      lastPacketAgeMs: input.lastPacketAgeMs,
      decodeErrorsTotal,
      decodeErrors,
      lastDisconnectCode: input.disconnects[0]?.code ?? null,
      decoding: input.cache === null ? null : input.cache.hotPathBecause === null ? 'webassembly' : 'javascript',
      decodingSlowerBecause: input.cache?.hotPathBecause ?? null,
    },
    disconnects: input.disconnects,
    rest: input.rest,
    problems: input.problems,
    updater: input.updater,
  };
}
