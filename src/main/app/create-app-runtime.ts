/**
 * Builds the whole engine for a front door (Electron, browser mode, doctor): endpoints and
 * settings from the environment, the keychain store, the instrument master with its disk
 * cache, the engine and its API backend. Front doors only start it, connect clients, stop it.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readdir } from 'node:fs/promises';
import { buildSkeleton } from '../../shared/model/skeleton-builder';
import { DEFAULT_UNDERLYINGS } from '../../shared/model/instruments';
import type { UnderlyingConfig } from '../../shared/model/master-data';
import type { Clock, Scheduler } from '../../shared/util/clock';
import type { CredentialStore } from '../credentials/credential-store';
import { KeytarCredentialStore } from '../credentials/keytar-credential-store';
import { dhanEndpointsFromEnv } from '../dhan/dhan-endpoints';
import type { FeedTiming } from '../dhan/feed-timing';
import { InstrumentMaster } from '../dhan/instrument-master';
import { createMarketHours, istDateOf } from '../dhan/market-hours';
import { Engine } from '../engine/engine';
import { EngineBackend } from '../engine/engine-backend';
import { FeedRecorder } from '../engine/feed-recorder';
import type { SkeletonLoader } from '../engine/engine-options';
import { writeSupportBundle } from '../engine/support-bundle';
import { systemClock, systemScheduler } from '../util/system-clock';
import type { AppRuntime, AppRuntimeOptions } from './app-runtime';

/** Optional overrides for tests and the doctor; production passes none. */
export interface RuntimeOverrides {
  readonly clock?: Clock;
  readonly scheduler?: Scheduler;
  readonly credentialStore?: CredentialStore;
  /** 'ist' (default): the real 09:15–15:30 session. 'always-open': demo on the simulator. */
  readonly marketHours?: 'ist' | 'always-open';
  readonly openExternal?: (url: string) => Promise<boolean>;
  readonly restartToUpdate?: () => Promise<void>;
  readonly restSnapshots?: boolean;
  /** Feed delays (back-off, watchdog); tests shorten them. */
  readonly feedTiming?: Partial<FeedTiming>;
  /** Engine push periods; tests shorten them. */
  readonly batchIntervalMs?: number;
}

export interface FullAppRuntime extends AppRuntime {
  readonly engine: Engine;
}

export async function createAppRuntime(options: AppRuntimeOptions, overrides: RuntimeOverrides = {}): Promise<FullAppRuntime> {
  const clock = overrides.clock ?? systemClock;
  const scheduler = overrides.scheduler ?? systemScheduler;
  const { env, logger, redactor } = options;
  const endpoints = dhanEndpointsFromEnv(env);
  const marketHours = createMarketHours();
  const isMarketOpen = overrides.marketHours === 'always-open' ? () => true : (nowMs: number) => marketHours.isOpen(nowMs);
  const underlyings = underlyingsFromEnv(env.CHAINLENS_UNDERLYINGS);
  const maxExpiries = positiveInt(env.CHAINLENS_MAX_EXPIRIES);

  const master = new InstrumentMaster({
    url: endpoints.scripMasterUrl,
    // One cache per source URL: a demo run's simulated instruments must never stand in for DhanHQ's.
    cacheDir: join(options.dataDir, 'instrument-master', createHash('sha256').update(endpoints.scripMasterUrl).digest('hex').slice(0, 12)),
    underlyings,
    clock,
    scheduler,
    logger: logger.child({ component: 'instrument-master' }),
    marketHours,
  });
  const loadSkeleton: SkeletonLoader = async (onProgress) => {
    const load = await master.load({ force: false });
    onProgress({ step: 'skeleton', detail: 'Building the option-chain skeleton…', done: null, total: null });
    const skeleton = buildSkeleton(load.data, {
      underlyings,
      minExpiry: istDateOf(clock.nowMs()),
      ...(maxExpiries ? { maxExpiriesPerUnderlying: maxExpiries } : {}),
    });
    return { skeleton, status: load.status };
  };

  const engine = new Engine({
    mode: options.mode,
    versions: options.versions,
    endpoints,
    env,
    credentialStore: overrides.credentialStore ?? new KeytarCredentialStore({ service: env.CHAINLENS_KEYCHAIN_SERVICE ?? 'ChainLens' }),
    loadSkeleton,
    clock,
    scheduler,
    logger,
    redactor,
    dataDir: options.dataDir,
    isMarketOpen,
    ...(overrides.restSnapshots === undefined ? {} : { restSnapshots: overrides.restSnapshots }),
    ...(overrides.feedTiming ? { feedTiming: overrides.feedTiming } : {}),
    ...(overrides.batchIntervalMs ? { batchIntervalMs: overrides.batchIntervalMs } : {}),
  });
  const recorder = new FeedRecorder({ dir: join(options.dataDir, 'recordings'), clock, logger: logger.child({ component: 'recorder' }) });
  const backend = new EngineBackend({
    engine,
    scheduler,
    logger: logger.child({ component: 'api' }),
    exportSupportBundle: async () =>
      writeSupportBundle({
        dir: join(options.dataDir, 'support'),
        nowMs: clock.nowMs(),
        diagnostics: engine.diagnostics(),
        appState: engine.appState(),
        logFiles: await listLogFiles(options.logDir),
        redactor,
        secrets: [engine.credentials.current()?.accessToken ?? ''].filter((s) => s.length > 0),
      }),
    startRecording: () => recorder.start(engine),
    stopRecording: () => recorder.stop(engine),
    ...(overrides.openExternal ? { openExternal: overrides.openExternal } : {}),
    ...(overrides.restartToUpdate ? { restartToUpdate: overrides.restartToUpdate } : {}),
  });

  let stopping: Promise<void> | null = null;
  return {
    engine,
    backend,
    start: () => engine.start(),
    stop: () => {
      stopping ??= (async () => {
        await recorder.stop(engine).catch((error: unknown) => logger.error({ err: error }, 'closing the feed recording failed'));
        backend.close();
        master.close();
        await engine.stop();
      })();
      return stopping;
    },
    setUpdaterStatus: (status) => engine.setUpdaterStatus(status),
  };
}

function underlyingsFromEnv(value: string | undefined): UnderlyingConfig[] {
  if (!value?.trim()) return [...DEFAULT_UNDERLYINGS];
  const wanted = value.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  return DEFAULT_UNDERLYINGS.filter((u) => wanted.includes(u.symbol));
}

function positiveInt(value: string | undefined): number | null {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : null;
}

async function listLogFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.log')).map((f) => join(dir, f));
  } catch {
    return [];
  }
}
