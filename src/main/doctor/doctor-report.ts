/**
 * The doctor's verdict, built from facts only: what the engine reported after the real startup
 * path and the watch window go in; the report object (the JSON contract in docs/doctor.md), its
 * verdict and the process exit code come out. No I/O, no clock, so every rule is unit-tested.
 */
import type {
  AppMode,
  ChainRow,
  CredentialSource,
  CredentialStatus,
  CredentialSummary,
  FeedSummary,
  InstrumentMasterStatus,
  SideView,
} from '../../shared/api/view-types';
import { problemOf, type AppProblem } from '../../shared/errors/app-error';
import type { ErrorCode, Severity } from '../../shared/errors/error-catalog';
import { roundPrice, roundTo } from '../../shared/format/price';
import type { SkeletonCounts } from '../../shared/model/instruments';

export type DoctorVerdict = 'healthy' | 'degraded' | 'failed';

/** Process exit codes, part of the support contract (scripts branch on them). */
export const DOCTOR_EXIT_CODE = Object.freeze({
  healthy: 0,
  degraded: 1,
  credentials: 2,
  master: 3,
  feed: 4,
});

/** Which startup step a problem belongs to; decides the exit code of an error. */
export type ProblemArea = 'credentials' | 'master' | 'feed' | 'other';

/** The statuses the report may show (a completed startup never leaves credentials "unchecked"). */
export type ReportedCredentialStatus = Exclude<CredentialStatus, 'unchecked'>;

export interface DoctorCredentials {
  readonly source: CredentialSource;
  readonly status: ReportedCredentialStatus;
  readonly message: string;
  readonly remedy: string;
  readonly clientIdMasked: string | null;
  readonly tokenExpiresAtMs: number | null;
  readonly dataPlan: string | null;
}

export interface DoctorMaster {
  readonly state: InstrumentMasterStatus['state'];
  readonly source: InstrumentMasterStatus['source'];
  readonly date: string | null;
  /** Where it was downloaded from (public; DHAN_SCRIP_MASTER_URL or DhanHQ's). */
  readonly url: string;
  readonly rowsRead: number;
  readonly rowsKept: number;
  readonly rowsRejected: number;
}

export interface DoctorFeed {
  readonly state: FeedSummary['state'];
  readonly marketOpen: boolean;
  readonly connections: number;
  readonly subscribed: number;
  readonly packets: number;
  readonly packetsDuringWatch: number;
  readonly decodeErrors: number;
  readonly lastDisconnectCode: number | null;
  readonly watchSeconds: number;
}

export interface DoctorSide {
  readonly securityId: number;
  readonly ltp: number | null;
  readonly prevClose: number | null;
  readonly oi: number | null;
  readonly volume: number | null;
  readonly bidPrice: number | null;
  readonly bidQty: number | null;
  readonly askPrice: number | null;
  readonly askQty: number | null;
  readonly iv: number | null;
  /** Where the values came from: the live feed, the REST snapshot, or nowhere yet. */
  readonly source: SideView['source'];
}

export interface DoctorRow {
  readonly strike: number;
  /** Null when the instrument master lists no call (or put) at this strike. */
  readonly ce: DoctorSide | null;
  readonly pe: DoctorSide | null;
}

export interface DoctorChain {
  readonly underlying: string;
  /** Null when no expiry could be chosen (no skeleton, or an unknown underlying). */
  readonly expiry: string | null;
  readonly spot: number | null;
  /** Every strike of the expiry, ascending; empty when the chain could not be opened. */
  readonly rows: readonly DoctorRow[];
}

export interface DoctorError {
  readonly code: ErrorCode;
  readonly severity: Severity;
  readonly title: string;
  readonly message: string;
  readonly remedy: string;
}

export interface DoctorReport {
  readonly verdict: DoctorVerdict;
  readonly exitCode: number;
  readonly mode: AppMode;
  readonly credentials: DoctorCredentials;
  readonly instrumentMaster: DoctorMaster;
  readonly skeleton: SkeletonCounts;
  readonly feed: DoctorFeed;
  readonly chain: DoctorChain;
  /** Every active problem, most fundamental first, each code once. */
  readonly errors: readonly DoctorError[];
}

/** What the run observed; everything the verdict is built from. */
export interface DoctorFacts {
  readonly mode: AppMode;
  readonly credentials: CredentialSummary;
  readonly instrumentMaster: InstrumentMasterStatus;
  /** Null when no skeleton was built. */
  readonly skeleton: SkeletonCounts | null;
  readonly feed: FeedSummary;
  /** Instruments subscribed across connections at the end of the watch. */
  readonly subscribed: number;
  readonly watch: { readonly seconds: number; readonly packetsBefore: number };
  readonly chain: {
    readonly underlying: string;
    readonly expiry: string | null;
    readonly spot: number | null;
    readonly rows: readonly ChainRow[];
  };
  /** The engine's active problems (appState().problems), most fundamental first. */
  readonly problems: readonly AppProblem[];
  /** Problems the doctor met itself: the chain would not open, its snapshot failed, it has no prices. */
  readonly doctorProblems: readonly AppProblem[];
}

const NO_COUNTS: SkeletonCounts = { underlyings: 0, expiries: 0, strikes: 0, tokens: 0 };

/** The startup step a code belongs to. An unknown chain selection is a fact about the instrument master. */
export function problemArea(code: ErrorCode): ProblemArea {
  if (code.startsWith('CRED_') || code === 'KEYCHAIN_UNAVAILABLE') return 'credentials';
  if (code.startsWith('MASTER_') || code.startsWith('SKELETON_') || code.startsWith('CHAIN_UNKNOWN_')) return 'master';
  if (code.startsWith('FEED_') || code.startsWith('CODEC_')) return 'feed';
  return 'other';
}

/**
 * Failed when credentials, the instrument master/skeleton or the feed has an error; degraded
 * for any other warning or error; info (subscription limit, market closed) never degrades.
 */
export function verdictOf(problems: readonly Pick<AppProblem, 'code' | 'severity'>[]): DoctorVerdict {
  if (problems.some((p) => p.severity === 'error' && problemArea(p.code) !== 'other')) return 'failed';
  if (problems.some((p) => p.severity !== 'info')) return 'degraded';
  return 'healthy';
}

/** Exit code precedence: credentials (2) > master/skeleton (3) > feed (4) > degraded (1) > healthy (0). */
export function exitCodeOf(problems: readonly Pick<AppProblem, 'code' | 'severity'>[]): number {
  const erroring = new Set(problems.filter((p) => p.severity === 'error').map((p) => problemArea(p.code)));
  if (erroring.has('credentials')) return DOCTOR_EXIT_CODE.credentials;
  if (erroring.has('master')) return DOCTOR_EXIT_CODE.master;
  if (erroring.has('feed')) return DOCTOR_EXIT_CODE.feed;
  return verdictOf(problems) === 'degraded' ? DOCTOR_EXIT_CODE.degraded : DOCTOR_EXIT_CODE.healthy;
}

/** Builds the report: facts in, the JSON contract with verdict and exit code out. */
export function buildDoctorReport(facts: DoctorFacts): DoctorReport {
  const problems = dedupe([...facts.problems, ...facts.doctorProblems, ...unopenedFeedProblem(facts), ...silentFeedProblem(facts)]);
  return {
    verdict: verdictOf(problems),
    exitCode: exitCodeOf(problems),
    mode: facts.mode,
    credentials: credentialsOf(facts.credentials),
    instrumentMaster: {
      state: facts.instrumentMaster.state,
      source: facts.instrumentMaster.source,
      date: facts.instrumentMaster.date,
      url: facts.instrumentMaster.url,
      rowsRead: facts.instrumentMaster.rowsRead,
      rowsKept: facts.instrumentMaster.rowsKept,
      rowsRejected: facts.instrumentMaster.rowsRejected,
    },
    skeleton: facts.skeleton ?? NO_COUNTS,
    feed: {
      state: facts.feed.state,
      marketOpen: facts.feed.marketOpen,
      connections: facts.feed.connections.length,
      subscribed: facts.subscribed,
      packets: facts.feed.packetsTotal,
      packetsDuringWatch: Math.max(0, facts.feed.packetsTotal - facts.watch.packetsBefore),
      decodeErrors: facts.feed.decodeErrorsTotal,
      lastDisconnectCode: facts.feed.lastDisconnectCode,
      watchSeconds: facts.watch.seconds,
    },
    chain: {
      underlying: facts.chain.underlying,
      expiry: facts.chain.expiry,
      spot: roundPrice(facts.chain.spot),
      rows: facts.chain.rows.map((row) => ({ strike: row.strike, ce: sideOf(row.ce), pe: sideOf(row.pe) })),
    },
    errors: problems.map((p) => ({ code: p.code, severity: p.severity, title: p.title, message: p.message, remedy: p.remedy })),
  };
}

/**
 * A feed that kept retrying without ever opening a connection is not connected, whatever the
 * engine's back-off state says (it shows a retry as a passing FEED_DROPPED warning).
 */
function unopenedFeedProblem(facts: DoctorFacts): AppProblem[] {
  const { connections } = facts.feed;
  if (facts.feed.packetsTotal > 0 || connections.some((c) => c.state === 'open')) return [];
  // Connections that never tried (waiting for a usable token) are the credentials' problem, not the feed's.
  const last = connections
    .map((c) => c.lastDisconnect)
    .filter((d) => d !== null)
    .sort((a, b) => b.atMs - a.atMs)[0];
  if (!last) return [];
  const message = `None of ${connections.length} feed connection(s) opened during the ${facts.watch.seconds} s watch; the last attempt ended with ${last.errorCode} (${last.meaning}).`;
  return [problemOf('FEED_NOT_CONNECTED', message)];
}

/**
 * "Connected but never ticked": an open connection that delivered no packet at all, not even
 * the snapshot DhanHQ sends on subscribe. (A feed that went quiet later is the engine's own
 * FEED_SILENT, from its watchdog.)
 */
function silentFeedProblem(facts: DoctorFacts): AppProblem[] {
  const open = facts.feed.connections.filter((c) => c.state === 'open').length;
  if (open === 0 || facts.feed.packetsTotal > 0) return [];
  const closed = facts.feed.marketOpen ? '' : ' The market is closed, but DhanHQ still sends the last values on subscribe.';
  return [problemOf('FEED_SILENT', `${open} feed connection(s) stayed open for the ${facts.watch.seconds} s watch and received no packet.${closed}`)];
}

function credentialsOf(summary: CredentialSummary): DoctorCredentials {
  return {
    source: summary.source,
    // "unchecked" only exists before startup has verified anything: the check did not complete.
    status: summary.status === 'unchecked' ? 'unreachable' : summary.status,
    message: summary.message,
    remedy: summary.remedy,
    clientIdMasked: summary.clientIdMasked,
    tokenExpiresAtMs: summary.tokenExpiresAtMs,
    dataPlan: summary.dataPlan,
  };
}

function sideOf(side: SideView | null): DoctorSide | null {
  if (side === null) return null;
  return {
    securityId: side.securityId,
    ltp: roundPrice(side.ltp),
    prevClose: roundPrice(side.prevClose),
    oi: side.oi,
    volume: side.volume,
    bidPrice: roundPrice(side.bidPrice),
    bidQty: side.bidQty,
    askPrice: roundPrice(side.askPrice),
    askQty: side.askQty,
    iv: side.iv === null ? null : roundTo(side.iv, 2),
    source: side.source,
  };
}

/** Keeps the first problem of each code: the engine's wording, most fundamental first. */
function dedupe(problems: readonly AppProblem[]): AppProblem[] {
  const seen = new Set<ErrorCode>();
  return problems.filter((p) => {
    if (seen.has(p.code)) return false;
    seen.add(p.code);
    return true;
  });
}
