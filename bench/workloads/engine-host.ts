/**
 * The real engine as the app composes it (createAppRuntime), pointed at a simulator, with one
 * connected client that has the default chain open — the browser mode minus its HTTP server.
 * Every event the client receives is serialised to JSON, as the browser mode's WebSocket does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createAppRuntime, type FullAppRuntime } from '../../src/main/app/create-app-runtime';
import type { CredentialStore } from '../../src/main/credentials/credential-store';
import type { DhanCredentials } from '../../src/main/dhan/dhan-credentials';
import { createLogger } from '../../src/main/logging/logger';
import { Redactor } from '../../src/main/logging/redactor';
import type { ApiSession } from '../../src/shared/api/api-session';
import type { ChainSelection } from '../../src/shared/api/view-types';

/** Holds nothing: the engine takes credentials from the simulator's DHAN_* environment. */
class NoSavedCredentials implements CredentialStore {
  readonly description = 'none (benchmark)';
  load(): Promise<DhanCredentials | null> {
    return Promise.resolve(null);
  }
  save(): Promise<void> {
    return Promise.reject(new Error('the benchmark does not save credentials'));
  }
  clear(): Promise<boolean> {
    return Promise.resolve(false);
  }
}

/** A log destination that keeps nothing (the app writes to a file; at info level nothing logs per tick). */
export const discardingStream = (): Writable =>
  new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });

export interface EngineHost {
  readonly runtime: FullAppRuntime;
  /** Null when `connectClient` was false. */
  readonly session: ApiSession | null;
  readonly selection: ChainSelection;
  /** Events the client received, and their JSON bytes. */
  readonly received: { events: number; bytes: number; batches: number };
  /** Wall-clock time spent inside the engine's 50 ms batch (Engine.flush) and how many ran, since the last reset. */
  readonly batches: { ms: number; count: number };
  /** The listener the client runs for each event, e.g. to look for a changed cell. */
  onEvent: ((event: string, payload: unknown) => void) | null;
  close(): Promise<void>;
}

export interface EngineHostOptions {
  /** The simulator's DHAN_* variables. */
  readonly env: Record<string, string>;
  /** Strikes each side of ATM on screen. Default 15. */
  readonly strikeWindow?: number;
  /** Open the chain on start (default true). Needs `connectClient`. */
  readonly openChain?: boolean;
  /** Connect the JSON-serialising client session (default true); false when a real browser is the client. */
  readonly connectClient?: boolean;
  /** Reuse this data folder (instrument-master cache); default a fresh temporary one, removed on close. */
  readonly dataDir?: string;
}

export async function startEngineHost(options: EngineHostOptions): Promise<EngineHost> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'chainlens-bench-engine-'));
  const redactor = new Redactor();
  const logger = createLogger({ destination: discardingStream(), redactor, level: 'info' });
  const runtime = await createAppRuntime(
    {
      mode: 'demo',
      dataDir,
      logDir: dataDir,
      versions: {
        app: 'bench',
        node: process.version,
        electron: null,
        chromium: null,
        platform: process.platform,
      },
      logger,
      redactor,
      env: options.env,
    },
    { credentialStore: new NoSavedCredentials(), marketHours: 'always-open' },
  );
  await runtime.start();
  const batches = timeBatches(runtime);
  const received = { events: 0, bytes: 0, batches: 0 };
  const listener: { current: EngineHost['onEvent'] } = { current: null };
  const connect = options.connectClient !== false;
  const session = !connect
    ? null
    : runtime.backend.connect({
        id: 'bench-client',
        emit(event, payload) {
          received.events++;
          received.bytes += JSON.stringify({ event, payload }).length;
          if (event === 'chainBatch') received.batches++;
          listener.current?.(event, payload);
        },
      });
  const state = runtime.engine.appState();
  if (!state.defaultSelection) {
    throw new Error(
      `the engine has no chain to open (phase ${state.phase}: ${state.problems.map((p) => p.code).join(', ')})`,
    );
  }
  const selection = { ...state.defaultSelection, strikeWindow: options.strikeWindow ?? 15 };
  if (session && options.openChain !== false) {
    const opened = await session.invoke('selectChain', selection);
    if (!opened.ok) throw new Error(`selectChain failed: ${opened.error.code} ${opened.error.message}`);
  }
  const host: EngineHost = {
    runtime,
    session,
    selection,
    received,
    batches,
    get onEvent() {
      return listener.current;
    },
    set onEvent(fn) {
      listener.current = fn;
    },
    async close() {
      session?.close();
      await runtime.stop();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return host;
}

/**
 * Times each call of Engine.flush (the 50 ms batch: drain, chain views, analytics, the batch
 * sent to each client) from outside, by replacing the method on this instance: the engine's
 * batch timer calls it through `this`. Wall clock, so a GC pause or preemption inside a batch
 * counts; the figure is for telling the batch's share of the engine's work, not a target.
 */
function timeBatches(runtime: FullAppRuntime): { ms: number; count: number } {
  const totals = { ms: 0, count: 0 };
  const engine = runtime.engine;
  const flush = engine.flush.bind(engine);
  engine.flush = () => {
    const start = performance.now();
    try {
      flush();
    } finally {
      totals.ms += performance.now() - start;
      totals.count++;
    }
  };
  return totals;
}
