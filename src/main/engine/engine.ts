/**
 * The engine: credentials → instrument master → skeleton → quote cache → planned feed
 * subscriptions → chain views, plus the diagnostics that explain every step. It runs the same
 * in the Electron main process, the browser mode, the doctor command and the tests.
 */
import type {
  AppState,
  ChainSelection,
  ChainSnapshot,
  CredentialCheckResult,
  CredentialSummary,
  DiagnosticsSnapshot,
  DisconnectRecord,
  InstrumentMasterStatus,
  ProgressStep,
  ProgressStepId,
  RestLogEntry,
  UpdaterStatus,
} from '../../shared/api/view-types';
import { AppError, isAppError, problemOf, type AppProblem } from '../../shared/errors/app-error';
import type { ErrorCode } from '../../shared/errors/error-catalog';
import { QuoteCache } from '../../shared/cache/quote-cache';
import { TickLog } from '../../shared/cache/tick-log';
import { EXCHANGE_SEGMENT_CODE } from '../../shared/feed/exchange-segment';
import type { Skeleton, UnderlyingSkeleton } from '../../shared/model/instruments';
import type { TimerHandle } from '../../shared/util/clock';
import { CredentialService } from '../credentials/credential-service';
import type { DhanCredentials } from '../dhan/dhan-credentials';
import { FeedPool } from '../dhan/feed-pool';
import { DhanRestClient } from '../dhan/rest-client';
import { BoundedLog } from './bounded-log';
import { ChainView } from './chain-view';
import { ENGINE_DEFAULTS, type EngineOptions, type SkeletonProgress } from './engine-options';
import { activeProblems, blockingProblem, masterProblem, type EngineFacts, type MasterFacts } from './engine-problems';
import { FeedIngest, type FrameSink } from './feed-ingest';
import type { RecordedInstrument } from '../../shared/feed/recording-format';
import { RateMeter } from './rate-meter';
import { fillFromRestChain } from './rest-snapshot';
import { needsReplan, planSubscriptions, type PlanFocus, type SubscriptionPlan } from './subscription-planner';
import { buildDiagnostics } from './engine-diagnostics';
import { skeletonSummary, initialProgress, initialMasterStatus, labelIndex } from './engine-state-parts';

/** A connected UI's chain: the engine pushes its batches through `push`. */
export interface ChainSubscriber {
  readonly id: string;
  pushBatch(out: ReturnType<ChainView['flush']>): void;
}

interface ClientChain {
  readonly subscriber: ChainSubscriber;
  view: ChainView | null;
}

type StateListener = () => void;

const STOPPING_FEED_ACTIONS = new Set(['stop', 'await-token']);
/** Chains kept for the JSON endpoint and the doctor beyond what clients have open. */
const MAX_QUERY_VIEWS = 4;

export class Engine {
  readonly credentials: CredentialService;
  readonly rest: DhanRestClient;
  private readonly pool: FeedPool;
  private readonly tickLog = new TickLog(ENGINE_DEFAULTS.tickLogCapacity);
  private readonly disconnects = new BoundedLog<DisconnectRecord>(ENGINE_DEFAULTS.disconnectHistory);
  private readonly restLog = new BoundedLog<RestLogEntry>(ENGINE_DEFAULTS.restLogSize);
  private readonly packetRate = new RateMeter();
  private readonly tickRate = new RateMeter();
  private readonly clients = new Map<string, ClientChain>();
  private readonly stateListeners = new Set<StateListener>();
  private readonly timers: TimerHandle[] = [];
  /** REST clients for credential checks, closed with the engine. */
  private readonly probes = new Set<DhanRestClient>();
  private readonly progress = new Map<ProgressStepId, ProgressStep>();
  private cache: QuoteCache | null = null;
  private ingest: FeedIngest | null = null;
  private frameRecorder: FrameSink | null = null;
  private skeleton: Skeleton | null = null;
  private labels = new Map<number, string>();
  private master: InstrumentMasterStatus;
  private masterError: AppProblem | null = null;
  private plan: SubscriptionPlan | null = null;
  private focus: PlanFocus | null = null;
  private feedStop: { code: ErrorCode; message: string } | null = null;
  private updater: UpdaterStatus = { state: 'disabled', version: null, message: 'Updates are not available in this build.', checkedAtMs: null };
  private startupDone = false;
  private stopped = false;
  /**
   * The open views the cache's queue follows (set by watchViews, right after each drain), as an
   * array: draining visits them once per changed slot, so no iterator per slot.
   */
  private views: ChainView[] = [];
  /** The cache `views` were last set to watch (see watchViews). */
  private watchedCache: QuoteCache | null = null;
  private readonly drainVisitor = (slot: number): void => {
    const views = this.views;
    for (let i = 0; i < views.length; i++) (views[i] as ChainView).onSlotChanged(slot);
  };

  constructor(private readonly options: EngineOptions) {
    const { clock, scheduler, logger, redactor } = options;
    this.master = initialMasterStatus(options.endpoints.scripMasterUrl);
    for (const step of initialProgress()) this.progress.set(step.id, step);
    this.rest = new DhanRestClient({
      baseUrl: options.endpoints.apiUrl,
      credentials: () => this.credentials.current(),
      clock,
      scheduler,
      logger: logger.child({ component: 'rest' }),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      onCall: (entry) => this.restLog.push(entry),
    });
    this.credentials = new CredentialService({
      store: options.credentialStore,
      env: options.env,
      checkProfile: (credentials) => this.checkProfile(credentials),
      clock,
      logger: logger.child({ component: 'credentials' }),
      redactor,
    });
    this.credentials.onChange(() => this.notify());
    this.pool = new FeedPool({
      feedUrl: options.endpoints.feedUrl,
      clock,
      scheduler,
      logger: logger.child({ component: 'feed' }),
      isMarketOpen: options.isMarketOpen,
      onFrame: (bytes) => this.ingest?.onFrame(bytes),
      onStateChange: () => this.notify(),
      onDisconnect: (record) => this.onDisconnect(record),
      ...(options.createSocket ? { createSocket: options.createSocket } : {}),
      ...(options.feedTiming ? { timing: options.feedTiming } : {}),
    });
  }

  // ── Lifecycle ─────────────────────────────────────────────────────────────────────────────

  /** Runs the startup path. Never rejects: every failure becomes a named problem. */
  async start(): Promise<void> {
    const { logger } = this.options;
    logger.info({ mode: this.options.mode, api: this.options.endpoints.apiUrl, feed: this.options.endpoints.feedUrl }, 'engine starting');
    await this.startCredentials();
    if (this.stopped) return;
    await this.loadSkeleton();
    // stop() may have run while we awaited: start nothing that would outlive it.
    if (this.stopped) return;
    this.startTimers();
    this.connectFeed();
    this.startupDone = true;
    this.notify();
    logger.info({ counts: this.skeleton?.counts ?? null, credentials: this.credentials.status() }, 'engine started');
  }

  /** Closes the feed (with a timeout inside the pool) and stops every timer. Safe to call twice. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const timer of this.timers) this.options.scheduler.clearInterval(timer);
    this.timers.length = 0;
    this.setFrameRecorder(null);
    this.rest.close();
    for (const probe of this.probes) probe.close();
    await this.pool.close();
    this.options.logger.info({}, 'engine stopped');
  }

  onStateChange(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  // ── Operations behind the API ────────────────────────────────────────────────────────────

  appState(): AppState {
    const facts = this.facts();
    const problems = activeProblems(facts);
    const hasError = problems.some((p) => p.severity === 'error');
    return {
      mode: this.options.mode,
      phase: !this.startupDone ? 'starting' : this.skeleton === null ? 'failed' : hasError ? 'degraded' : 'ready',
      progress: [...this.progress.values()],
      credentials: this.credentials.summary(),
      instrumentMaster: this.master,
      skeleton: this.skeleton ? skeletonSummary(this.skeleton) : null,
      feedState: this.pool.feedState(),
      lastPacketAgeMs: this.lastPacketAgeMs(),
      problems,
      defaultSelection: this.defaultSelection(),
      updater: this.updater,
    };
  }

  diagnostics(): DiagnosticsSnapshot {
    const facts = this.facts();
    return buildDiagnostics({
      nowMs: this.options.clock.nowMs(),
      mode: this.options.mode,
      versions: this.options.versions,
      credentials: this.credentials.summary(),
      master: this.master,
      skeleton: this.skeleton?.counts ?? null,
      plan: this.plan?.summary ?? null,
      connections: this.pool.diagnostics(),
      feedState: this.pool.feedState(),
      marketOpen: facts.marketOpen,
      cache: this.cache,
      packetsPerSec: this.packetRate.perSecond,
      ticksPerSec: this.tickRate.perSecond,
      lastPacketAgeMs: this.lastPacketAgeMs(),
      disconnects: this.disconnects.list(),
      rest: this.restLog.list(),
      problems: activeProblems(facts),
      updater: this.updater,
    });
  }

  /** Opens (or re-opens) a client's chain: a snapshot now, a REST fill shortly, batches after. */
  openChain(subscriber: ChainSubscriber, selection: ChainSelection, takeFocus = true): ChainSnapshot {
    const { underlying, expiry } = this.resolveSelection(selection);
    const cache = this.requireCache();
    const spotSlot = cache.slotOf(EXCHANGE_SEGMENT_CODE[underlying.spot.segment], underlying.spot.securityId);
    const future = underlying.futures.find((f) => f.expiry === expiry.expiry);
    const futureSlot = future ? cache.slotOf(EXCHANGE_SEGMENT_CODE[future.segment], future.securityId) : -1;
    const view = new ChainView({
      underlying,
      expiry,
      cache,
      clock: this.options.clock,
      strikeWindow: selection.strikeWindow,
      spotSlot,
      futureSlot,
      isMarketOpen: () => this.options.isMarketOpen(this.options.clock.nowMs()),
    });
    const client = this.clients.get(subscriber.id) ?? { subscriber, view: null };
    client.view = view;
    this.clients.set(subscriber.id, client);
    if (takeFocus) {
      this.focus = { underlying: underlying.symbol, expiry: expiry.expiry };
      this.replan();
    }
    if (this.options.restSnapshots !== false) void this.fetchSnapshot(view, underlying);
    return view.snapshot(blockingProblem(this.facts(), view.hasPrices()));
  }

  /**
   * Every strike of a chain right now (for the JSON endpoint and the doctor). Reuses a client's
   * view of that chain when there is one; otherwise keeps a query view that does not move the
   * subscription focus away from what the user is watching.
   */
  chainNow(selection: Omit<ChainSelection, 'strikeWindow'>): { view: ChainView; problem: AppProblem | null } {
    const { underlying, expiry } = this.resolveSelection({ ...selection, strikeWindow: 0 });
    const matches = (v: ChainView | null): v is ChainView => v !== null && v.underlyingSymbol === underlying.symbol && v.expiryDate === expiry.expiry;
    let view = [...this.clients.values()].map((c) => c.view).find(matches);
    if (!view) {
      const id = `query:${underlying.symbol}:${expiry.expiry}`;
      this.openChain({ id, pushBatch: () => undefined }, { ...selection, strikeWindow: 0 }, false);
      this.trimQueryViews(id);
      view = this.clients.get(id)?.view ?? undefined;
      if (!view) throw new AppError('API_INTERNAL', 'The chain view could not be opened.');
    }
    return { view, problem: blockingProblem(this.facts(), view.hasPrices()) };
  }

  /** Query views are recomputed every batch: keep only the few most recently asked for. */
  private trimQueryViews(newest: string): void {
    const queries = [...this.clients.keys()].filter((id) => id.startsWith('query:') && id !== newest);
    for (const id of queries.slice(0, Math.max(0, queries.length - (MAX_QUERY_VIEWS - 1)))) this.clients.delete(id);
  }

  disconnectClient(id: string): void {
    this.clients.delete(id);
  }

  testCredentials(input: DhanCredentials): Promise<CredentialCheckResult> {
    return this.credentials.test(input);
  }

  async saveCredentials(input: DhanCredentials): Promise<CredentialSummary> {
    const summary = await this.credentials.save(input);
    this.feedStop = null;
    this.connectFeed();
    return summary;
  }

  async clearCredentials(): Promise<CredentialSummary> {
    const summary = await this.credentials.clear();
    this.connectFeed();
    return summary;
  }

  /**
   * The user's Reconnect: checks the credentials again (the plan may have been activated, a
   * token renewed) so a status the feed or REST set does not linger, then reconnects the feed.
   */
  async reconnectFeed(): Promise<void> {
    this.feedStop = null;
    this.options.logger.info({}, 'feed reconnect requested');
    await this.credentials.verify();
    this.connectFeed();
    this.pool.reconnect();
    this.notify();
  }

  async reloadInstrumentMaster(): Promise<void> {
    await this.loadSkeleton();
    this.connectFeed();
    this.notify();
  }

  setUpdaterStatus(status: UpdaterStatus): void {
    this.updater = status;
    this.notify();
  }

  /** Tick-log entries after `cursor` (at most the configured batch), and the new cursor. */
  tickLogSince(cursor: number): { entries: ReturnType<TickLog['since']>; cursor: number } {
    const limit = this.options.tickLogBatchLimit ?? ENGINE_DEFAULTS.tickLogBatchLimit;
    const entries = this.tickLog.since(cursor, limit, (segment, id) => this.labels.get(segment * 2 ** 32 + id) ?? '', (price) =>
      price === null ? null : Math.round(price * 100) / 100,
    );
    return { entries, cursor: this.tickLog.total };
  }

  /** Where raw frames enter the engine (its counters are read by benchmarks and load tests). */
  feedIngest(): FeedIngest | null {
    return this.ingest;
  }

  /** Sends every raw frame to `sink` (the feed recorder) until called with null. */
  setFrameRecorder(sink: FrameSink | null): void {
    this.frameRecorder = sink;
    this.ingest?.setRecorder(sink);
  }

  /** The instruments currently planned on the feed, for a recording's header. */
  recordedInstruments(): RecordedInstrument[] {
    return (this.plan?.subscriptions ?? []).map((s) => ({ segment: s.segment, securityId: s.securityId, mode: s.mode }));
  }

  // ── Startup steps ─────────────────────────────────────────────────────────────────────────

  private async startCredentials(): Promise<void> {
    this.setProgress('credentials', 'running', 'Reading credentials…');
    await this.credentials.resolve();
    const summary = await this.credentials.verify();
    this.setProgress('credentials', summary.status === 'ok' ? 'done' : 'failed', `${summary.source}: ${summary.message}`);
  }

  private async loadSkeleton(): Promise<void> {
    this.master = { ...this.master, state: 'loading' };
    this.masterError = null;
    this.setProgress('master-download', 'running', 'Downloading the instrument master…');
    try {
      const { skeleton, status } = await this.options.loadSkeleton((p) => this.onSkeletonProgress(p));
      this.master = status;
      this.adoptSkeleton(skeleton);
      this.setProgress('master-download', 'done', `${status.source ?? 'download'} · ${status.date ?? ''} · ${formatBytes(status.bytes)}`);
      this.setProgress('master-parse', 'done', `${status.rowsKept.toLocaleString('en-IN')} of ${status.rowsRead.toLocaleString('en-IN')} rows kept`);
      const c = skeleton.counts;
      const zero = c.underlyings === 0 || c.expiries === 0 || c.strikes === 0 || c.tokens === 0;
      this.setProgress('skeleton', zero ? 'failed' : 'done', `${c.underlyings} underlyings · ${c.expiries} expiries · ${c.strikes} strikes · ${c.tokens} tokens`);
      this.options.logger.info({ counts: c, source: status.source, date: status.date }, 'skeleton verified');
    } catch (error) {
      const problem = isAppError(error) ? error.toProblem(this.options.clock.nowMs()) : problemOf('MASTER_DOWNLOAD_FAILED', String(error));
      this.masterError = problem;
      this.master = { ...this.master, state: 'failed', warning: problem.message };
      this.setProgress('master-download', 'failed', problem.message);
      if (!this.skeleton) {
        this.setProgress('master-parse', 'skipped', 'No instrument master to parse.');
        this.setProgress('skeleton', 'skipped', 'No instrument master to build the skeleton from.');
      }
      this.options.logger.error({ code: problem.code, message: problem.message }, 'instrument master failed');
    }
  }

  private onSkeletonProgress(p: SkeletonProgress): void {
    this.setProgress(p.step, 'running', p.detail, p.done, p.total);
  }

  private adoptSkeleton(skeleton: Skeleton): void {
    const instruments = skeleton.underlyings.flatMap((u) => [
      u.spot,
      ...u.futures,
      ...u.expiries.flatMap((e) => e.strikes.flatMap((s) => [s.ce, s.pe].filter((c) => c !== null))),
    ]);
    const cache = new QuoteCache(Math.max(instruments.length, 1), this.options.clock.nowMs(), {
      tickLogCapacity: this.tickLog.capacity,
    });
    if (cache.hotPathBecause !== null) {
      this.options.logger.warn(
        { code: 'CACHE_JS_HOT_PATH', reason: cache.hotPathBecause, aligned: cache.recordsAligned, instruments: instruments.length },
        'feed packets are applied in JavaScript, not WebAssembly: prices are right, decoding takes about twice the CPU',
      );
    }
    for (const i of instruments) cache.register(EXCHANGE_SEGMENT_CODE[i.segment], i.securityId);
    this.skeleton = skeleton;
    this.cache = cache;
    this.labels = labelIndex(skeleton);
    const ingest = new FeedIngest(cache, this.tickLog, this.options.clock, this.options.logger.child({ component: 'ingest' }));
    ingest.setRecorder(this.frameRecorder);
    this.ingest = ingest;
    for (const client of this.clients.values()) client.view = null;
    this.focus = this.focus && this.resolvable(this.focus) ? this.focus : this.defaultFocus();
  }

  private connectFeed(): void {
    if (!this.skeleton || this.stopped) return;
    const credentials = this.credentials.current();
    const status = this.credentials.status();
    const usable = credentials !== null && (status === 'ok' || status === 'unreachable' || status === 'unchecked');
    if (!usable) {
      this.setProgress('feed', 'skipped', `Waiting for working credentials (${status}).`);
      return;
    }
    this.pool.updateCredentials(credentials);
    this.replan();
    this.setProgress('feed', 'done', `${this.pool.diagnostics().length} connection(s) for ${this.plan?.summary.planned ?? 0} instruments`);
  }

  private replan(): void {
    if (!this.skeleton || !this.cache) return;
    const cache = this.cache;
    const spotOf = (symbol: string): number | null => {
      const u = this.skeleton?.underlyings.find((x) => x.symbol === symbol);
      return u ? cache.ltp(cache.slotOf(EXCHANGE_SEGMENT_CODE[u.spot.segment], u.spot.securityId)) : null;
    };
    this.plan = planSubscriptions(this.skeleton, this.focus, spotOf, { budget: this.options.subscriptionBudget ?? ENGINE_DEFAULTS.subscriptionBudget });
    if (this.credentials.current() === null) return;
    const outcome = this.pool.setSubscriptions(this.plan.subscriptions);
    if (outcome.rejected.length > 0) {
      this.options.logger.warn({ rejected: outcome.rejected.length }, 'feed pool could not place every planned instrument');
    }
  }

  // ── Timers ────────────────────────────────────────────────────────────────────────────────

  private startTimers(): void {
    if (this.timers.length > 0) return;
    const { scheduler } = this.options;
    this.timers.push(scheduler.setInterval(() => this.flush(), this.options.batchIntervalMs ?? ENGINE_DEFAULTS.batchIntervalMs));
    this.timers.push(scheduler.setInterval(() => this.sampleRates(), this.options.diagnosticsIntervalMs ?? ENGINE_DEFAULTS.diagnosticsIntervalMs));
    this.timers.push(scheduler.setInterval(() => this.checkReplan(), ENGINE_DEFAULTS.replanCheckMs));
  }

  /** One batch: changed slots → chain views → one message per client with what changed. */
  flush(): void {
    const cache = this.cache;
    if (!cache) return;
    cache.drainDirty(this.drainVisitor);
    this.watchViews(cache);
    // All the facts (about 25 µs on a busy feed) are read at most once a batch, and only for a
    // chain without prices: one with prices is checked on the master's alone.
    let facts: EngineFacts | null = null;
    for (const client of this.clients.values()) {
      const view = client.view;
      if (!view) continue;
      try {
        const problem = view.hasPrices()
          ? masterProblem(this.masterFacts())
          : blockingProblem((facts ??= this.facts()), false);
        client.subscriber.pushBatch(view.flush(problem));
      } catch (error) {
        this.options.logger.error({ err: error, client: client.subscriber.id }, 'chain batch failed');
      }
    }
  }

  /**
   * The cache queues changes only for the slots the open views watch: on a busy feed that is a
   * few thousand of the ~90 000 changes a second, and the batch no longer walks the rest. When
   * the views change, the watch follows, right after a drain; a view opened since the last
   * batch reads all its contracts again, because their changes until now were not queued.
   */
  private watchViews(cache: QuoteCache): void {
    const views = [...this.clients.values()].map((c) => c.view).filter((v): v is ChainView => v !== null);
    const same = views.length === this.views.length && views.every((v, i) => v === this.views[i]);
    if (same && this.watchedCache === cache) return;
    cache.queueOnly(views.flatMap((v) => v.watchedSlots()));
    for (const view of views) if (!this.views.includes(view) || this.watchedCache !== cache) view.reload();
    this.views = views;
    this.watchedCache = cache;
  }

  private sampleRates(): void {
    const now = this.options.clock.nowMs();
    this.packetRate.sample(this.ingest?.packetsDelivered ?? 0, now);
    this.tickRate.sample(this.cache?.counters.applied ?? 0, now);
    this.notify();
  }

  private checkReplan(): void {
    if (!this.plan || !this.skeleton || !this.cache) return;
    const cache = this.cache;
    const spotOf = (symbol: string): number | null => {
      const u = this.skeleton?.underlyings.find((x) => x.symbol === symbol);
      return u ? cache.ltp(cache.slotOf(EXCHANGE_SEGMENT_CODE[u.spot.segment], u.spot.securityId)) : null;
    };
    if (needsReplan(this.plan, this.skeleton, spotOf)) {
      this.options.logger.info({}, 'spot moved: re-planning subscriptions');
      this.replan();
    }
  }

  // ── Events from the feed and REST ────────────────────────────────────────────────────────

  private onDisconnect(record: DisconnectRecord): void {
    this.disconnects.push(record);
    this.options.logger.warn({ code: record.code, errorCode: record.errorCode, action: record.action, connection: record.connectionId }, record.meaning);
    if (STOPPING_FEED_ACTIONS.has(record.action)) {
      this.feedStop = { code: record.errorCode, message: `${record.meaning} (${record.code ?? 'no code'})` };
      if (record.errorCode === 'FEED_AUTH_EXPIRED') this.credentials.markRejected('expired', 'DhanHQ closed the feed: the access token expired (807).');
      if (record.errorCode === 'FEED_NO_DATA_PLAN') this.credentials.markRejected('no-data-plan', 'DhanHQ closed the feed: Data APIs not subscribed (806).');
      if (record.errorCode === 'FEED_AUTH_FAILED' || record.errorCode === 'FEED_TOKEN_INVALID' || record.errorCode === 'FEED_CLIENT_ID_INVALID' || record.errorCode === 'FEED_HANDSHAKE_UNAUTHORIZED') {
        this.credentials.markRejected('invalid', `DhanHQ refused the feed: ${record.meaning}.`);
      }
    }
    this.notify();
  }

  private async checkProfile(credentials: DhanCredentials): Promise<{ dataPlan: string | null; dataValidity: string | null }> {
    const probe = new DhanRestClient({
      baseUrl: this.options.endpoints.apiUrl,
      credentials: () => credentials,
      clock: this.options.clock,
      scheduler: this.options.scheduler,
      logger: this.options.logger.child({ component: 'rest' }),
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      onCall: (entry) => this.restLog.push(entry),
      maxAttempts: 1,
    });
    if (this.stopped) probe.close();
    this.probes.add(probe);
    try {
      const profile = await probe.getProfile();
      return { dataPlan: profile.dataPlan, dataValidity: profile.dataValidity };
    } catch (error) {
      // /profile answers DH-901 to an expired and to an unknown token alike; a data endpoint
      // answers 807 for expired and 808 for unknown, so ask one before telling the user which.
      if (!isAppError(error) || error.code !== 'REST_AUTH_INVALID') throw error;
      const spot = this.skeleton?.underlyings[0]?.spot ?? { segment: 'IDX_I' as const, securityId: 13 };
      await probe.getExpiryList({ underlyingSecurityId: spot.securityId, underlyingSegment: spot.segment }).catch((dataError: unknown) => {
        if (isAppError(dataError) && dataError.code === 'REST_AUTH_EXPIRED') throw dataError;
      });
      throw error;
    } finally {
      this.probes.delete(probe);
    }
  }

  private async fetchSnapshot(view: ChainView, underlying: UnderlyingSkeleton): Promise<void> {
    const status = this.credentials.status();
    if (this.credentials.current() === null || (status !== 'ok' && status !== 'unreachable')) return;
    this.setProgress('snapshot', 'running', `Option-chain snapshot for ${underlying.symbol} ${view.expiryDate}…`);
    const requestedAtMs = this.options.clock.nowMs();
    try {
      const chain = await this.rest.getOptionChain({
        underlyingSecurityId: underlying.spot.securityId,
        underlyingSegment: underlying.spot.segment,
        expiry: view.expiryDate,
      });
      const cache = this.cache;
      const expiry = underlying.expiries.find((e) => e.expiry === view.expiryDate);
      if (!cache || !expiry) return;
      const filled = fillFromRestChain(chain, underlying, expiry, cache, view, requestedAtMs, this.options.clock.nowMs());
      this.setProgress('snapshot', 'done', `${underlying.symbol} ${view.expiryDate}: ${filled} contracts from the REST snapshot`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.setProgress('snapshot', 'failed', message);
      this.options.logger.warn({ code: isAppError(error) ? error.code : 'UNKNOWN', message }, 'option-chain snapshot failed');
      if (isAppError(error) && credentialsSuspect(error)) void this.credentials.verify();
    }
  }

  // ── Helpers ───────────────────────────────────────────────────────────────────────────────

  private masterFacts(): MasterFacts {
    return { master: this.master, masterError: this.masterError, skeleton: this.skeleton?.counts ?? null };
  }

  private facts(): EngineFacts {
    return {
      credentialProblems: this.credentials.problems(),
      credentialStatus: this.credentials.status(),
      ...this.masterFacts(),
      feedState: this.pool.feedState(),
      feedStopCode: this.feedStop?.code ?? null,
      feedStopMessage: this.feedStop?.message ?? null,
      lastDisconnect: this.disconnects.newest ?? null,
      startupDone: this.startupDone,
      subscriptions: this.plan?.summary ?? null,
      marketOpen: this.options.isMarketOpen(this.options.clock.nowMs()),
    };
  }

  private lastPacketAgeMs(): number | null {
    const times = this.pool.diagnostics().map((c) => c.lastPacketAtMs).filter((t): t is number => t !== null);
    return times.length === 0 ? null : Math.max(0, this.options.clock.nowMs() - Math.max(...times));
  }

  private resolveSelection(selection: ChainSelection): { underlying: UnderlyingSkeleton; expiry: UnderlyingSkeleton['expiries'][number] } {
    if (!this.skeleton) throw new AppError(this.masterError?.code ?? 'MASTER_NOT_LOADED', this.masterError?.message);
    const underlying = this.skeleton.underlyings.find((u) => u.symbol === selection.underlying);
    if (!underlying) throw new AppError('CHAIN_UNKNOWN_UNDERLYING', `${selection.underlying} is not in the instrument master.`);
    const expiry = underlying.expiries.find((e) => e.expiry === selection.expiry);
    if (!expiry) throw new AppError('CHAIN_UNKNOWN_EXPIRY', `${selection.underlying} has no ${selection.expiry} expiry in the instrument master.`);
    return { underlying, expiry };
  }

  private requireCache(): QuoteCache {
    if (!this.cache) throw new AppError('MASTER_NOT_LOADED');
    return this.cache;
  }

  private resolvable(focus: PlanFocus): boolean {
    return this.skeleton?.underlyings.some((u) => u.symbol === focus.underlying && u.expiries.some((e) => e.expiry === focus.expiry)) ?? false;
  }

  private defaultFocus(): PlanFocus | null {
    const u = this.skeleton?.underlyings.find((x) => x.symbol === 'NIFTY') ?? this.skeleton?.underlyings[0];
    const e = u?.expiries[0];
    return u && e ? { underlying: u.symbol, expiry: e.expiry } : null;
  }

  private defaultSelection(): ChainSelection | null {
    const focus = this.defaultFocus();
    return focus ? { ...focus, strikeWindow: this.options.defaultStrikeWindow ?? ENGINE_DEFAULTS.defaultStrikeWindow } : null;
  }

  private setProgress(id: ProgressStepId, state: ProgressStep['state'], detail: string, done: number | null = null, total: number | null = null): void {
    const previous = this.progress.get(id);
    if (!previous) return;
    this.progress.set(id, { ...previous, state, detail, done, total });
    this.notify();
  }

  private notify(): void {
    for (const listener of this.stateListeners) listener();
  }
}

/** REST failures that may mean the credentials stopped working (DhanHQ's HTML 401 page included). */
function credentialsSuspect(error: AppError): boolean {
  if (error.code === 'REST_AUTH_INVALID' || error.code === 'REST_AUTH_EXPIRED' || error.code === 'REST_NO_DATA_PLAN') return true;
  const status = error.context.httpStatus;
  return error.code === 'REST_NOT_JSON' && (status === 401 || status === 403);
}

function formatBytes(bytes: number): string {
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}
