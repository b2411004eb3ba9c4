/**
 * Runs the real startup path headlessly — credentials → profile → instrument master →
 * skeleton → the chosen chain (with its REST snapshot) → feed — watches the feed for a few
 * seconds, and turns what the engine saw into the doctor's report. Logs go only to the logger
 * it is given (a memory one by default), never to stdout; the report and text are redacted.
 */
import { setTimeout as sleepMs } from 'node:timers/promises';
import type { AppMode, AppState, ChainRow, VersionInfo } from '../../shared/api/view-types';
import { isAppError, problemOf, type AppProblem } from '../../shared/errors/app-error';
import { isErrorCode } from '../../shared/errors/error-catalog';
import { createAppRuntime, type FullAppRuntime, type RuntimeOverrides } from '../app/create-app-runtime';
import { createMemoryLogger, type Logger } from '../logging/logger';
import { Redactor } from '../logging/redactor';
import { DOCTOR_DEFAULT_UNDERLYING, DOCTOR_DEFAULT_WATCH_SECONDS } from './doctor-defaults';
import { buildDoctorReport, type DoctorFacts, type DoctorReport } from './doctor-report';
import { renderDoctorText } from './doctor-text';

const DOCTOR_CLIENT_ID = 'doctor';
const POLL_MS = 100;

export interface RunDoctorOptions {
  /** Where DHAN_* endpoints and credentials come from (process.env, plus the simulator's in demo). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The data folder: the instrument-master cache lives in `instrument-master/` inside it. */
  readonly dataDir: string;
  /** The log folder support bundles read. Default: `dataDir`. */
  readonly logDir?: string;
  /** Default 'live'; 'demo' marks the report as SIMULATED. */
  readonly mode?: AppMode;
  /** Seconds to watch the feed after startup. Default 5. */
  readonly watchSeconds?: number;
  /** Underlying of the chain to check. Default 'NIFTY'. */
  readonly underlying?: string;
  /** Expiry (YYYY-MM-DD) of the chain to check. Default: the underlying's nearest. */
  readonly expiry?: string;
  /**
   * Where the engine logs, with the Redactor that scrubs it (the same instance must be both
   * the logger's and the runtime's). Default: an in-memory logger, so nothing is printed.
   */
  readonly log?: { readonly logger: Logger; readonly redactor: Redactor };
  /** Default: this Node, no Electron, app version "unknown". */
  readonly versions?: VersionInfo;
  /** Passed to createAppRuntime: credential store, market hours, clock, scheduler. Default none. */
  readonly runtime?: RuntimeOverrides;
  /** How long to wait, at most, for feed handshakes before the watch starts. Default 15 000 ms (the handshake timeout). */
  readonly connectGraceMs?: number;
  /** How long to wait, at most, for a REST snapshot still running after the watch. Default 10 000 ms. */
  readonly snapshotGraceMs?: number;
  /**
   * Real-time wait for the watch window. Default: node:timers/promises setTimeout, which keeps
   * the process alive (the engine's own timers are unref'd and would let a CLI exit early).
   */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface DoctorRun {
  /** The JSON contract (docs/doctor.md), redacted. */
  readonly report: DoctorReport;
  /** The plain-language rendering, redacted. */
  readonly text: string;
}

/** Runs the doctor once. Never rejects for a diagnosable problem: those end up in the report. */
export async function runDoctor(options: RunDoctorOptions): Promise<DoctorRun> {
  const { logger, redactor } = options.log ?? memoryLog();
  const sleep = options.sleep ?? ((ms: number) => sleepMs(ms));
  const runtime = await createAppRuntime(
    {
      mode: options.mode ?? 'live',
      dataDir: options.dataDir,
      logDir: options.logDir ?? options.dataDir,
      versions: options.versions ?? defaultVersions(),
      logger,
      redactor,
      env: options.env,
    },
    options.runtime,
  );
  try {
    const facts = await observe(runtime, options, sleep, logger);
    const report = redactor.redactValue(buildDoctorReport(facts));
    logger.info({ verdict: report.verdict, exitCode: report.exitCode, errors: report.errors.map((e) => e.code) }, 'doctor finished');
    return { report, text: redactor.redact(renderDoctorText(report)) };
  } finally {
    await runtime.stop();
  }
}

async function observe(runtime: FullAppRuntime, options: RunDoctorOptions, sleep: (ms: number) => Promise<void>, logger: Logger): Promise<DoctorFacts> {
  const { engine } = runtime;
  await runtime.start();
  const underlying = (options.underlying ?? DOCTOR_DEFAULT_UNDERLYING).trim().toUpperCase();
  const expiry = options.expiry ?? nearestExpiry(engine.appState(), underlying);
  const doctorProblems: AppProblem[] = [];
  const opened = openChain(runtime, underlying, expiry, logger);
  if (opened) doctorProblems.push(opened);

  const requested = options.watchSeconds ?? DOCTOR_DEFAULT_WATCH_SECONDS;
  // Nothing can arrive on a feed with no connection, or whose connections wait for a usable token.
  const feed = engine.diagnostics().feed;
  const watchSeconds = feed.connections.length > 0 && feed.state !== 'awaiting-token' ? requested : 0;
  // The window measures a connected feed, not the handshakes before it.
  if (watchSeconds > 0) await waitWhile(() => engine.diagnostics().feed.state === 'connecting', options.connectGraceMs ?? 15_000, sleep);
  const packetsBefore = engine.diagnostics().feed.packetsTotal;
  logger.info({ underlying, expiry, watchSeconds }, 'doctor watching the feed');
  if (watchSeconds > 0) await sleep(watchSeconds * 1000);
  await settleSnapshot(runtime, options.snapshotGraceMs ?? 10_000, sleep);
  engine.flush();

  const state = engine.appState();
  const diagnostics = engine.diagnostics();
  const chain = opened === null && expiry !== null ? readChain(runtime, underlying, expiry) : { rows: [], spot: null, problem: null };
  if (chain.problem) doctorProblems.push(chain.problem);
  const snapshot = snapshotProblem(state, diagnostics.rest);
  if (snapshot) doctorProblems.push(snapshot);
  return {
    mode: state.mode,
    credentials: state.credentials,
    instrumentMaster: state.instrumentMaster,
    skeleton: state.skeleton?.counts ?? null,
    feed: diagnostics.feed,
    subscribed: diagnostics.subscriptions.subscribed,
    watch: { seconds: watchSeconds, packetsBefore },
    chain: { underlying, expiry, spot: chain.spot, rows: chain.rows },
    problems: state.problems,
    doctorProblems,
  };
}

/** Opens the chosen chain in full (every strike streamed); the reason when it cannot be opened. */
function openChain(runtime: FullAppRuntime, underlying: string, expiry: string | null, logger: Logger): AppProblem | null {
  const { engine } = runtime;
  const skeleton = engine.appState().skeleton;
  if (skeleton !== null && expiry === null && skeleton.underlyings.some((u) => u.symbol === underlying)) {
    return problemOf('SKELETON_NO_EXPIRIES', `${underlying} has no expiry in the instrument master.`);
  }
  try {
    engine.openChain({ id: DOCTOR_CLIENT_ID, pushBatch: () => undefined }, { underlying, expiry: expiry ?? '', strikeWindow: 0 });
    return null;
  } catch (error) {
    const problem = isAppError(error) ? error.toProblem() : problemOf('API_INTERNAL', String(error));
    logger.warn({ code: problem.code, underlying, expiry }, 'doctor could not open the chain');
    return problem;
  }
}

function readChain(runtime: FullAppRuntime, underlying: string, expiry: string): { rows: ChainRow[]; spot: number | null; problem: AppProblem | null } {
  const { view, problem } = runtime.engine.chainNow({ underlying, expiry });
  return { rows: view.allRows(), spot: view.summary().spot, problem };
}

function nearestExpiry(state: AppState, underlying: string): string | null {
  return state.skeleton?.underlyings.find((u) => u.symbol === underlying)?.expiries[0]?.expiry ?? null;
}

/** Gives a REST snapshot that is still in flight after the watch a bounded time to land. */
async function settleSnapshot(runtime: FullAppRuntime, graceMs: number, sleep: (ms: number) => Promise<void>): Promise<void> {
  await waitWhile(() => snapshotStep(runtime.engine.appState())?.state === 'running', graceMs, sleep);
}

/** Polls `condition` every 100 ms while it holds, for at most `limitMs`. */
async function waitWhile(condition: () => boolean, limitMs: number, sleep: (ms: number) => Promise<void>): Promise<void> {
  for (let waited = 0; waited < limitMs && condition(); waited += POLL_MS) await sleep(POLL_MS);
}

/** The snapshot's failure with the REST code that caused it (the progress step only has words). */
function snapshotProblem(state: AppState, rest: readonly { endpoint: string; errorCode: string | null }[]): AppProblem | null {
  const step = snapshotStep(state);
  if (!step || (step.state !== 'failed' && step.state !== 'running')) return null;
  if (step.state === 'running') return problemOf('REST_TIMEOUT', 'The option-chain snapshot had not answered by the end of the watch.');
  const code = rest.find((r) => r.endpoint.endsWith('/optionchain') && r.errorCode !== null)?.errorCode;
  return problemOf(code && isErrorCode(code) ? code : 'REST_UNEXPECTED', `The option-chain snapshot failed: ${step.detail}`);
}

function snapshotStep(state: AppState): AppState['progress'][number] | undefined {
  return state.progress.find((p) => p.id === 'snapshot');
}

function memoryLog(): { logger: Logger; redactor: Redactor } {
  const redactor = new Redactor();
  return { logger: createMemoryLogger(redactor, 'info').logger, redactor };
}

function defaultVersions(): VersionInfo {
  return { app: 'unknown', node: process.version, electron: null, chromium: null, platform: process.platform };
}
