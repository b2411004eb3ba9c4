/**
 * What the engine tells the UI (over Electron IPC or the browser-mode WebSocket), and what the
 * doctor command and the support bundle export. Plain JSON-safe data: numbers, strings, null.
 * Prices are rupees rounded at the engine's report edge (see src/shared/format/price.ts).
 * Nothing in here may ever hold the access token.
 */
import type { AppProblem } from '../errors/app-error';
import type { ErrorCode } from '../errors/error-catalog';
import type { FeedMode, IsoDate, SkeletonCounts } from '../model/instruments';

export type AppMode = 'live' | 'demo';

// ── Credentials ──────────────────────────────────────────────────────────────────────────────

export type CredentialSource = 'env' | 'keychain' | 'none';
export type CredentialStatus = 'unchecked' | 'ok' | 'missing' | 'invalid' | 'expired' | 'no-data-plan' | 'unreachable';

/** All the renderer ever learns about credentials. */
export interface CredentialSummary {
  readonly source: CredentialSource;
  readonly status: CredentialStatus;
  /** e.g. "11••••89"; null when absent. */
  readonly clientIdMasked: string | null;
  /** From the JWT `exp` claim, epoch ms; null when unknown. */
  readonly tokenExpiresAtMs: number | null;
  readonly checkedAtMs: number | null;
  readonly message: string;
  readonly remedy: string;
  readonly keychainAvailable: boolean;
  /** From GET /profile: "Active" / "Deactive"; null when not checked. */
  readonly dataPlan: string | null;
}

export interface CredentialCheckResult {
  readonly status: CredentialStatus;
  readonly message: string;
  readonly remedy: string;
  readonly dataPlan: string | null;
  readonly tokenExpiresAtMs: number | null;
}

// ── Startup progress ─────────────────────────────────────────────────────────────────────────

export type ProgressStepId = 'credentials' | 'master-download' | 'master-parse' | 'skeleton' | 'snapshot' | 'feed';
export type ProgressState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface ProgressStep {
  readonly id: ProgressStepId;
  readonly label: string;
  readonly state: ProgressState;
  /** e.g. "12.4 MB of 38.1 MB", "212 000 rows", "3 of 5 connections". */
  readonly detail: string;
  readonly done: number | null;
  readonly total: number | null;
}

// ── Instrument master and skeleton ──────────────────────────────────────────────────────────

export interface InstrumentMasterStatus {
  readonly state: 'not-loaded' | 'loading' | 'loaded' | 'failed';
  /** download: fetched today; cache: today's saved copy; stale-cache: an older copy after a failed download. */
  readonly source: 'download' | 'cache' | 'stale-cache' | null;
  /** The trading day the file was downloaded for (IST), YYYY-MM-DD. */
  readonly date: IsoDate | null;
  readonly url: string;
  readonly rowsRead: number;
  readonly rowsKept: number;
  readonly rowsRejected: number;
  readonly bytes: number;
  readonly loadedAtMs: number | null;
  readonly warning: string | null;
}

export interface ExpirySummary {
  readonly expiry: IsoDate;
  readonly expiryFlag: string;
  readonly strikes: number;
  readonly lotSize: number;
}

export interface UnderlyingSummary {
  readonly symbol: string;
  readonly spotSecurityId: number;
  readonly derivativeSegment: string;
  readonly expiries: readonly ExpirySummary[];
}

export interface SkeletonSummary {
  readonly counts: SkeletonCounts;
  readonly underlyings: readonly UnderlyingSummary[];
}

// ── Feed ─────────────────────────────────────────────────────────────────────────────────────

export type FeedConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'stopped' | 'closed';

/** The feed as a whole, as the header strip shows it. */
export type FeedState =
  | 'idle'
  | 'connecting'
  | 'live'
  | 'silent'
  | 'market-closed'
  | 'reconnecting'
  | 'awaiting-token'
  | 'stopped';

/** What the client does after a disconnect. */
export type DisconnectAction = 'reconnect' | 'back-off' | 'stop' | 'await-token';

export interface DisconnectRecord {
  readonly atMs: number;
  readonly connectionId: number;
  /** DhanHQ reason code (805…810), HTTP status at handshake, or null for a dropped socket. */
  readonly code: number | null;
  readonly errorCode: ErrorCode;
  readonly meaning: string;
  readonly action: DisconnectAction;
}

export interface ConnectionDiagnostics {
  readonly id: number;
  readonly state: FeedConnectionState;
  readonly subscribed: number;
  readonly packets: number;
  readonly lastPacketAtMs: number | null;
  readonly lastDisconnect: DisconnectRecord | null;
  readonly reconnectAttempts: number;
  readonly nextRetryAtMs: number | null;
  /** The feed URL with the token and client id redacted. */
  readonly url: string;
}

export interface SubscriptionSummary {
  readonly skeletonTokens: number;
  readonly planned: number;
  readonly subscribed: number;
  readonly byMode: Readonly<Record<FeedMode, number>>;
  readonly leftOut: number;
  /** Plain-language reasons, e.g. "2 140 far-OTM BANKNIFTY strikes: connection limit 5 × 5000". */
  readonly leftOutReasons: readonly string[];
}

export interface FeedSummary {
  readonly state: FeedState;
  readonly marketOpen: boolean;
  readonly connections: readonly ConnectionDiagnostics[];
  readonly packetsTotal: number;
  readonly packetsPerSec: number;
  readonly ticksPerSec: number;
  readonly lastPacketAgeMs: number | null;
  readonly decodeErrorsTotal: number;
  /** Keyed by CODEC_* error code. */
  readonly decodeErrors: Readonly<Record<string, number>>;
  readonly lastDisconnectCode: number | null;
  /**
   * How the engine applies feed packets: its WebAssembly hot path, or the same work in
   * JavaScript (about twice the CPU) where that could not load; null before the engine has a
   * cache (no skeleton yet).
   */
  readonly decoding: 'webassembly' | 'javascript' | null;
  /** Why packets are applied in JavaScript (the runtime's words), or null. */
  readonly decodingSlowerBecause: string | null;
}

export interface RestLogEntry {
  readonly atMs: number;
  readonly method: string;
  /** Path only, e.g. "/v2/optionchain"; never a header or query secret. */
  readonly endpoint: string;
  readonly status: number | null;
  readonly latencyMs: number;
  readonly errorCode: ErrorCode | null;
}

export type TickKind = 'ticker' | 'quote' | 'oi' | 'prev-close' | 'full' | 'market-status' | 'index' | 'disconnect' | 'unknown';

export interface TickLogEntry {
  readonly atMs: number;
  readonly segment: number;
  readonly securityId: number;
  readonly kind: TickKind;
  /** e.g. "NIFTY 2026-12-01 25000 CE"; empty for instruments outside the skeleton. */
  readonly label: string;
  readonly ltp: number | null;
  readonly ltq: number | null;
  readonly oi: number | null;
  readonly volume: number | null;
}

export interface UpdaterStatus {
  readonly state: 'disabled' | 'idle' | 'checking' | 'available' | 'downloading' | 'ready' | 'up-to-date' | 'error';
  readonly version: string | null;
  readonly message: string;
  readonly checkedAtMs: number | null;
}

export interface VersionInfo {
  readonly app: string;
  readonly node: string;
  readonly electron: string | null;
  readonly chromium: string | null;
  readonly platform: string;
}

export interface DiagnosticsSnapshot {
  readonly generatedAtMs: number;
  readonly mode: AppMode;
  readonly versions: VersionInfo;
  readonly credentials: CredentialSummary;
  readonly instrumentMaster: InstrumentMasterStatus;
  readonly skeleton: SkeletonCounts | null;
  readonly subscriptions: SubscriptionSummary;
  readonly feed: FeedSummary;
  /** Newest first, bounded. */
  readonly disconnects: readonly DisconnectRecord[];
  /** Newest first, bounded. */
  readonly rest: readonly RestLogEntry[];
  readonly problems: readonly AppProblem[];
  readonly updater: UpdaterStatus;
}

// ── App state (low rate, pushed on change) ──────────────────────────────────────────────────

export interface AppState {
  readonly mode: AppMode;
  readonly phase: 'starting' | 'ready' | 'degraded' | 'failed';
  readonly progress: readonly ProgressStep[];
  readonly credentials: CredentialSummary;
  readonly instrumentMaster: InstrumentMasterStatus;
  readonly skeleton: SkeletonSummary | null;
  readonly feedState: FeedState;
  readonly lastPacketAgeMs: number | null;
  readonly problems: readonly AppProblem[];
  /** The chain to open first (NIFTY's nearest expiry by default). */
  readonly defaultSelection: ChainSelection | null;
  readonly updater: UpdaterStatus;
}

// ── The option chain ─────────────────────────────────────────────────────────────────────────

export interface ChainSelection {
  readonly underlying: string;
  readonly expiry: IsoDate;
  /** Strikes on each side of ATM to stream and show; 0 means every strike. */
  readonly strikeWindow: number;
}

export type BuildUp = 'long-buildup' | 'short-buildup' | 'long-unwinding' | 'short-covering';

/** One option contract as the grid shows it. Null means "not known yet", shown as "—". */
export interface SideView {
  readonly securityId: number;
  readonly ltp: number | null;
  readonly change: number | null;
  readonly changePct: number | null;
  readonly prevClose: number | null;
  readonly oi: number | null;
  readonly prevOi: number | null;
  readonly oiChange: number | null;
  readonly volume: number | null;
  readonly bidPrice: number | null;
  readonly bidQty: number | null;
  readonly askPrice: number | null;
  readonly askQty: number | null;
  /** Ours (Black-76 on the chain's forward), percent. */
  readonly iv: number | null;
  readonly delta: number | null;
  readonly gamma: number | null;
  /** Rupees per calendar day. */
  readonly theta: number | null;
  /** Rupees per volatility point. */
  readonly vega: number | null;
  /** DhanHQ's REST values, kept apart from ours. */
  readonly brokerIv: number | null;
  readonly brokerDelta: number | null;
  readonly brokerGamma: number | null;
  readonly brokerTheta: number | null;
  readonly brokerVega: number | null;
  readonly buildUp: BuildUp | null;
  readonly source: 'feed' | 'rest' | null;
  /** When the engine last updated this contract, epoch ms. */
  readonly updatedAtMs: number | null;
}

export interface ChainRow {
  readonly strike: number;
  readonly ce: SideView | null;
  readonly pe: SideView | null;
}

/** The fields of a side that changed, with the contract's security id (chain-row-patch.ts). */
export type SidePatch = Partial<SideView> & { readonly securityId: number };

/**
 * A row of a batch: what changed since the row last sent to this client (chain-row-patch.ts).
 * A side left out is unchanged; null means the strike has no such contract. A whole ChainRow
 * is a patch too: the engine sends one for a row the client does not have yet.
 */
export interface ChainRowPatch {
  readonly strike: number;
  readonly ce?: SidePatch | null;
  readonly pe?: SidePatch | null;
}

export interface ChainTotals {
  readonly ceOi: number;
  readonly peOi: number;
  readonly ceVolume: number;
  readonly peVolume: number;
}

export interface ChainSummary {
  readonly underlying: string;
  readonly expiry: IsoDate;
  readonly spot: number | null;
  readonly forward: number | null;
  readonly forwardSource: 'future' | 'parity' | null;
  readonly daysToExpiry: number | null;
  readonly lotSize: number;
  readonly tickSizeRupees: number;
  readonly pcr: number | null;
  readonly maxPain: number | null;
  readonly atmStrike: number | null;
  readonly atmIv: number | null;
  readonly straddle: number | null;
  readonly totals: ChainTotals;
  readonly lastTickAtMs: number | null;
  readonly marketOpen: boolean;
}

export interface SeriesPoint {
  readonly atMs: number;
  readonly value: number;
}

export interface ChainSnapshot {
  readonly selection: ChainSelection;
  /** Increases with every snapshot and batch of this chain; a batch with a lower seq is stale. */
  readonly seq: number;
  readonly summary: ChainSummary;
  /** Ascending by strike; only the strike window when one is set. */
  readonly rows: readonly ChainRow[];
  /** Strikes in the whole expiry (before windowing). */
  readonly totalStrikes: number;
  /** Why the chain has no prices, when it has none; null otherwise. */
  readonly problem: AppProblem | null;
  /** ATM straddle price through the day, oldest first, bounded. */
  readonly straddleSeries: readonly SeriesPoint[];
}

/**
 * Only the rows that changed since the previous batch, latest value per contract, each as a
 * patch against the row last sent (apply them in order, after the snapshot they follow).
 */
export interface ChainBatch {
  readonly seq: number;
  readonly underlying: string;
  readonly expiry: IsoDate;
  readonly summary: ChainSummary;
  readonly rows: readonly ChainRowPatch[];
  readonly problem: AppProblem | null;
  /** A new straddle sample, when one was taken in this batch. */
  readonly straddlePoint: SeriesPoint | null;
}

// ── Support operations ──────────────────────────────────────────────────────────────────────

export interface SupportBundleResult {
  readonly path: string;
  readonly bytes: number;
  readonly files: readonly string[];
}

export interface RecordingStatus {
  readonly recording: boolean;
  readonly path: string | null;
  readonly frames: number;
  readonly bytes: number;
}
