/**
 * A realistic fake engine for renderer tests and the visual harness: a `ChainLensApi` built
 * with the real `buildApi` over an in-memory transport, answering every operation with
 * plausible data (a NIFTY chain, six underlyings, diagnostics) and letting a test push events,
 * override answers and see every call.
 */
import { buildApi, type ApiTransport } from '../../src/shared/api/api-bridge';
import type {
  ApiResult,
  ChainLensApi,
  EventMap,
  EventName,
  InvokeMap,
  InvokeMethod,
  TickLogWatchRequest,
} from '../../src/shared/api/api-contract';
import type {
  AppMode,
  AppState,
  ChainBatch,
  ChainRow,
  ChainSelection,
  ChainSnapshot,
  CredentialSummary,
  DiagnosticsSnapshot,
  ProgressStep,
  RecordingStatus,
  SeriesPoint,
  SkeletonSummary,
  TickLogEntry,
} from '../../src/shared/api/view-types';
import type { AppProblem } from '../../src/shared/errors/app-error';
import { ERROR_CATALOG, type ErrorCode } from '../../src/shared/errors/error-catalog';
import { createChainModel, summarize, tickModel, windowRows, type ChainModel } from './fake-chain';

/** 10:30 IST on Tuesday 13 Jan 2026. */
export const FAKE_NOW_MS = Date.UTC(2026, 0, 13, 5, 0, 0);

export type Handler<M extends InvokeMethod> = (request: InvokeMap[M]['req']) => ApiResult<InvokeMap[M]['res']> | Promise<ApiResult<InvokeMap[M]['res']>>;

export interface FakeEngineOptions {
  readonly mode?: AppMode;
  /** Strikes in each NIFTY expiry. Default 81. */
  readonly strikeCount?: number;
  /** Default selection's strike window. Default 15. */
  readonly strikeWindow?: number;
  readonly nowMs?: () => number;
}

export function ok<T>(value: T): ApiResult<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message?: string): ApiResult<never> {
  return { ok: false, error: { code, message: message ?? ERROR_CATALOG[code].title, remedy: ERROR_CATALOG[code].remedy } };
}

const UNDERLYINGS: readonly { symbol: string; spotSecurityId: number; segment: string; lot: number; strikes: number }[] = [
  { symbol: 'NIFTY', spotSecurityId: 13, segment: 'NSE_FNO', lot: 75, strikes: 81 },
  { symbol: 'BANKNIFTY', spotSecurityId: 25, segment: 'NSE_FNO', lot: 35, strikes: 101 },
  { symbol: 'FINNIFTY', spotSecurityId: 27, segment: 'NSE_FNO', lot: 65, strikes: 71 },
  { symbol: 'MIDCPNIFTY', spotSecurityId: 442, segment: 'NSE_FNO', lot: 140, strikes: 61 },
  { symbol: 'SENSEX', spotSecurityId: 51, segment: 'BSE_FNO', lot: 20, strikes: 91 },
  { symbol: 'BANKEX', spotSecurityId: 69, segment: 'BSE_FNO', lot: 30, strikes: 51 },
];

const NSE_EXPIRIES = ['2026-01-20', '2026-01-27', '2026-02-03', '2026-02-24', '2026-03-31'];
const BSE_EXPIRIES = ['2026-01-15', '2026-01-22', '2026-01-29', '2026-02-26'];

export function fakeSkeleton(niftyStrikes = 81): SkeletonSummary {
  const underlyings = UNDERLYINGS.map((u) => ({
    symbol: u.symbol,
    spotSecurityId: u.spotSecurityId,
    derivativeSegment: u.segment,
    expiries: (u.segment === 'BSE_FNO' ? BSE_EXPIRIES : NSE_EXPIRIES).map((expiry, i, all) => ({
      expiry,
      expiryFlag: i === all.length - 1 || expiry.endsWith('-24') || expiry.endsWith('-26') ? 'M' : 'W',
      strikes: u.symbol === 'NIFTY' ? niftyStrikes : u.strikes,
      lotSize: u.lot,
    })),
  }));
  const expiries = underlyings.reduce((n, u) => n + u.expiries.length, 0);
  const strikes = underlyings.reduce((n, u) => n + u.expiries.reduce((m, e) => m + e.strikes, 0), 0);
  return { counts: { underlyings: underlyings.length, expiries, strikes, tokens: strikes * 2 }, underlyings };
}

export function doneProgress(): ProgressStep[] {
  return [
    { id: 'credentials', label: 'Credentials', state: 'done', detail: 'Accepted by DhanHQ', done: null, total: null },
    { id: 'master-download', label: 'Instrument master download', state: 'done', detail: '38.1 MB', done: 38_100_000, total: 38_100_000 },
    { id: 'master-parse', label: 'Instrument master parse', state: 'done', detail: '212 480 rows', done: 212_480, total: 212_480 },
    { id: 'skeleton', label: 'Option-chain skeleton', state: 'done', detail: '6 underlyings', done: null, total: null },
    { id: 'snapshot', label: 'First snapshot', state: 'done', detail: 'NIFTY 2026-01-20', done: null, total: null },
    { id: 'feed', label: 'Feed connections', state: 'done', detail: '3 of 3 connections', done: 3, total: 3 },
  ];
}

export function okCredentials(nowMs: number): CredentialSummary {
  return {
    source: 'keychain',
    status: 'ok',
    clientIdMasked: '11••••89',
    tokenExpiresAtMs: nowMs + 45 * 60_000,
    checkedAtMs: nowMs - 60_000,
    message: 'Accepted by DhanHQ',
    remedy: '',
    keychainAvailable: true,
    dataPlan: 'Active',
  };
}

export function fakeAppState(mode: AppMode, nowMs: number, strikeWindow: number, niftyStrikes: number): AppState {
  return {
    mode,
    phase: 'ready',
    progress: doneProgress(),
    credentials: okCredentials(nowMs),
    instrumentMaster: {
      state: 'loaded',
      source: 'download',
      date: '2026-01-13',
      url: 'https://images.dhan.co/api-data/api-scrip-master-detailed.csv',
      rowsRead: 212_480,
      rowsKept: 18_240,
      rowsRejected: 3,
      bytes: 38_100_000,
      loadedAtMs: nowMs - 3_600_000,
      warning: null,
    },
    skeleton: fakeSkeleton(niftyStrikes),
    feedState: 'live',
    lastPacketAgeMs: 120,
    problems: [],
    defaultSelection: { underlying: 'NIFTY', expiry: '2026-01-20', strikeWindow },
    updater: { state: 'up-to-date', version: '0.1.0', message: 'ChainLens is up to date', checkedAtMs: nowMs - 7_200_000 },
  };
}

interface Call {
  readonly method: InvokeMethod;
  readonly request: unknown;
}

/** The in-memory engine behind a fake `ChainLensApi`. */
export class FakeEngine {
  readonly api: ChainLensApi;
  readonly calls: Call[] = [];
  appState: AppState;
  diagnostics: DiagnosticsSnapshot;
  recording: RecordingStatus = { recording: false, path: null, frames: 0, bytes: 0 };
  seq = 100;
  chainProblem: AppProblem | null = null;
  marketOpen = true;
  readonly models = new Map<string, ChainModel>();
  readonly straddle: SeriesPoint[] = [];
  /** Whether the page asked for tick-log pushes (watchTickLog), as the engine keeps it per client. */
  watchingTicks = false;
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  private readonly handlers = new Map<InvokeMethod, (request: unknown) => unknown>();
  private readonly now: () => number;
  private current: ChainSelection | null = null;

  constructor(private readonly options: FakeEngineOptions = {}) {
    this.now = options.nowMs ?? (() => FAKE_NOW_MS);
    const nowMs = this.now();
    this.appState = fakeAppState(options.mode ?? 'live', nowMs, options.strikeWindow ?? 15, options.strikeCount ?? 81);
    this.diagnostics = fakeDiagnostics(this.appState, nowMs);
    for (let i = 40; i >= 0; i -= 1) this.straddle.push({ atMs: nowMs - i * 180_000, value: 292 + Math.sin(i / 5) * 14 - i * 0.6 });
    const transport: ApiTransport = {
      kind: 'electron',
      invoke: async (method, request) => {
        this.calls.push({ method, request });
        const handler = this.handlers.get(method);
        const result = handler ? handler(request) : this.answer(method, request);
        return (await result) as ApiResult<unknown>;
      },
      subscribe: (event, listener) => {
        let set = this.listeners.get(event);
        if (!set) {
          set = new Set();
          this.listeners.set(event, set);
        }
        const wrapped = listener as (payload: unknown) => void;
        set.add(wrapped);
        return () => set.delete(wrapped);
      },
    };
    this.api = buildApi(transport);
  }

  /** Replaces the answer to `method` until replaced again. */
  handle<M extends InvokeMethod>(method: M, handler: Handler<M>): void {
    this.handlers.set(method, handler as (request: unknown) => unknown);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(payload);
  }

  /** Pushes tick-log entries as the engine does: only while the page watches. True when they were sent. */
  pushTickLog(entries: TickLogEntry[]): boolean {
    if (!this.watchingTicks) return false;
    this.emit('tickLog', entries);
    return true;
  }

  listenerCount(event: EventName): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  callsOf(method: InvokeMethod): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.request);
  }

  /** The chain model for an underlying and expiry (built on first use). */
  model(underlying: string, expiry: string): ChainModel {
    const key = `${underlying}|${expiry}`;
    let model = this.models.get(key);
    if (!model) {
      const spec = UNDERLYINGS.find((u) => u.symbol === underlying) ?? UNDERLYINGS[0]!;
      const spots: Record<string, number> = { NIFTY: 24_964.25, BANKNIFTY: 53_412.6, FINNIFTY: 23_880.1, MIDCPNIFTY: 12_905.35, SENSEX: 81_790.4, BANKEX: 61_204.9 };
      const steps: Record<string, number> = { NIFTY: 50, BANKNIFTY: 100, FINNIFTY: 50, MIDCPNIFTY: 25, SENSEX: 100, BANKEX: 100 };
      model = createChainModel({
        underlying,
        expiry,
        spot: spots[underlying] ?? 24_964.25,
        step: steps[underlying] ?? 50,
        lotSize: spec.lot,
        strikeCount: underlying === 'NIFTY' ? (this.options.strikeCount ?? 81) : spec.strikes,
        daysToExpiry: Math.max(0.2, (Date.parse(`${expiry}T10:00:00Z`) - FAKE_NOW_MS) / 86_400_000),
        seed: key.length * 97 + expiry.charCodeAt(9),
        nowMs: this.now(),
      });
      this.models.set(key, model);
    }
    return model;
  }

  snapshot(selection: ChainSelection): ChainSnapshot {
    const model = this.model(selection.underlying, selection.expiry);
    this.current = selection;
    this.seq += 1;
    return {
      selection,
      seq: this.seq,
      summary: summarize(model, this.now(), this.marketOpen),
      rows: windowRows(model, selection),
      totalStrikes: model.strikes.length,
      problem: this.chainProblem,
      straddleSeries: [...this.straddle],
    };
  }

  /** A batch for the current chain with `count` re-priced rows (or exactly `strikes`). */
  /** A batch of whole rows (a whole row is a valid patch: view-types.ts, ChainRowPatch). */
  batch(
    options: { count?: number; strikes?: readonly number[]; rows?: readonly ChainRow[]; seq?: number } = {},
  ): ChainBatch & { readonly rows: readonly ChainRow[] } {
    const selection = this.current ?? this.appState.defaultSelection!;
    const model = this.model(selection.underlying, selection.expiry);
    const rows = options.rows ?? tickModel(model, this.now(), options.count ?? 6, options.strikes);
    this.seq = options.seq ?? this.seq + 1;
    const summary = summarize(model, this.now(), this.marketOpen);
    const point = summary.straddle !== null && this.seq % 20 === 0 ? { atMs: this.now(), value: summary.straddle } : null;
    if (point) this.straddle.push(point);
    return { seq: this.seq, underlying: selection.underlying, expiry: selection.expiry, summary, rows, problem: this.chainProblem, straddlePoint: point };
  }

  /** Tick-log entries describing `rows`, as the engine would send them. */
  tickLog(rows: readonly ChainRow[]): TickLogEntry[] {
    const selection = this.current ?? this.appState.defaultSelection!;
    return rows.flatMap((row) =>
      (['ce', 'pe'] as const).flatMap((side) => {
        const view = row[side];
        if (!view) return [];
        return [
          {
            atMs: this.now(),
            segment: 2,
            securityId: view.securityId,
            kind: 'full' as const,
            label: `${selection.underlying} ${selection.expiry} ${row.strike} ${side.toUpperCase()}`,
            ltp: view.ltp,
            ltq: 75,
            oi: view.oi,
            volume: view.volume,
          },
        ];
      }),
    );
  }

  private answer(method: InvokeMethod, request: unknown): ApiResult<unknown> {
    const nowMs = this.now();
    switch (method) {
      case 'getAppState':
        return ok(this.appState);
      case 'getDiagnostics':
        return ok(this.diagnostics);
      case 'selectChain':
        return ok(this.snapshot(request as ChainSelection));
      case 'watchTickLog':
        this.watchingTicks = (request as TickLogWatchRequest).watching;
        return ok(null);
      case 'testCredentials':
        return ok({ status: 'ok', message: 'Accepted by DhanHQ', remedy: '', dataPlan: 'Active', tokenExpiresAtMs: nowMs + 23 * 3_600_000 });
      case 'saveCredentials':
        return ok({ ...okCredentials(nowMs), tokenExpiresAtMs: nowMs + 23 * 3_600_000 });
      case 'clearCredentials':
        return ok({ ...okCredentials(nowMs), source: 'none', status: 'missing', clientIdMasked: null, tokenExpiresAtMs: null, dataPlan: null });
      case 'reconnectFeed':
      case 'reloadInstrumentMaster':
      case 'restartToUpdate':
        return ok(null);
      case 'exportSupportBundle':
        return ok({ path: '/home/trader/ChainLens/support/chainlens-support-20260113-103000.zip', bytes: 184_320, files: ['state.json', 'diagnostics.json', 'logs/main.log'] });
      case 'startRecording':
        this.recording = { recording: true, path: '/home/trader/ChainLens/recordings/feed-20260113-103000.clrec', frames: 0, bytes: 0 };
        return ok(this.recording);
      case 'stopRecording':
        this.recording = { ...this.recording, recording: false, frames: 18_422, bytes: 2_984_364 };
        return ok(this.recording);
      case 'openExternal':
        return ok({ opened: true });
    }
  }
}

export function fakeDiagnostics(appState: AppState, nowMs: number): DiagnosticsSnapshot {
  return {
    generatedAtMs: nowMs,
    mode: appState.mode,
    versions: { app: '0.1.0', node: '20.20.0', electron: '45.5.0', chromium: '142.0.7444.52', platform: 'win32 x64' },
    credentials: appState.credentials,
    instrumentMaster: appState.instrumentMaster,
    skeleton: appState.skeleton?.counts ?? null,
    subscriptions: {
      skeletonTokens: appState.skeleton?.counts.tokens ?? 0,
      planned: 12_500,
      subscribed: 12_500,
      byMode: { ticker: 0, quote: 12_438, full: 62 },
      leftOut: Math.max(0, (appState.skeleton?.counts.tokens ?? 0) - 12_500),
      leftOutReasons: ['Far-OTM strikes of later expiries: the plan keeps 5 connections × 5000 for the nearest expiries around ATM'],
    },
    feed: {
      state: appState.feedState,
      marketOpen: true,
      connections: [1, 2, 3].map((id) => ({
        id,
        state: 'open' as const,
        subscribed: id === 3 ? 2_500 : 5_000,
        packets: 412_000 - id * 31_000,
        lastPacketAtMs: nowMs - 80 * id,
        lastDisconnect: null,
        reconnectAttempts: 0,
        nextRetryAtMs: null,
        url: 'wss://api-feed.dhan.co?version=2&token=[redacted]&clientId=[redacted]&authType=2',
      })),
      packetsTotal: 1_143_000,
      packetsPerSec: 1_842.5,
      ticksPerSec: 1_760.2,
      lastPacketAgeMs: 80,
      decodeErrorsTotal: 2,
      decodeErrors: { CODEC_UNKNOWN_CODE: 2 },
      lastDisconnectCode: 805,
      decoding: 'webassembly',
      decodingSlowerBecause: null,
    },
    disconnects: [
      {
        atMs: nowMs - 1_800_000,
        connectionId: 2,
        code: 805,
        errorCode: 'FEED_TOO_MANY_CONNECTIONS',
        meaning: 'Too many connections for this account',
        action: 'back-off',
      },
    ],
    rest: [
      { atMs: nowMs - 30_000, method: 'POST', endpoint: '/v2/optionchain', status: 200, latencyMs: 182, errorCode: null },
      { atMs: nowMs - 33_000, method: 'POST', endpoint: '/v2/optionchain', status: 429, latencyMs: 96, errorCode: 'REST_RATE_LIMITED' },
      { atMs: nowMs - 3_600_000, method: 'GET', endpoint: '/v2/profile', status: 200, latencyMs: 240, errorCode: null },
    ],
    problems: appState.problems,
    updater: appState.updater,
  };
}
