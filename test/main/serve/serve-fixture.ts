/**
 * Runs the real engine (createAppRuntime) against the real simulator, behind a real browser-mode
 * server on 127.0.0.1, with a throwaway renderer folder, in-memory credentials and a memory
 * log. By default the simulator's clock is frozen, so the market does not move under a test.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createAppRuntime, type FullAppRuntime } from '../../../src/main/app/create-app-runtime';
import { createMemoryLogger } from '../../../src/main/logging/logger';
import { Redactor } from '../../../src/main/logging/redactor';
import { startBrowserServer, type BrowserServer } from '../../../src/main/serve/browser-server';
import { systemClock, systemScheduler } from '../../../src/main/util/system-clock';
import { ManualClock, type Clock } from '../../../src/shared/util/clock';
import { ManualScheduler, startSimulator, type SimulatorHandle, type SimulatorOptions } from '../../../src/sim';

import { MemoryCredentialStore } from '../../../src/main/credentials/memory-credential-store';

export { MemoryCredentialStore };

export const INDEX_HTML = '<!doctype html><html><head><title>ChainLens test page</title></head><body><div id="root"></div></body></html>';
export const APP_JS = 'console.log("chainlens test bundle");';
/** A file next to (outside) the renderer folder, which no request may read. */
export const OUTSIDE_SECRET = 'outside-the-renderer-folder';

export interface RigOptions {
  /** 'sim': the simulator's credentials in the environment; 'missing': none anywhere. */
  readonly credentials?: 'sim' | 'missing';
  /** 'frozen' (default): the simulator's clock never moves, so prices stay put. 'moving': real time. */
  readonly market?: 'frozen' | 'moving';
  readonly sim?: SimulatorOptions;
  /** The server's clock (ages in the JSON endpoint); default the system clock. */
  readonly serverClock?: Clock;
  readonly maxBufferedBytes?: number;
  readonly maxPayloadBytes?: number;
}

export interface Rig {
  readonly sim: SimulatorHandle;
  readonly runtime: FullAppRuntime;
  readonly server: BrowserServer;
  readonly redactor: Redactor;
  readonly logLines: () => string[];
  readonly rootDir: string;
  /** http://127.0.0.1:PORT + path */
  href(path: string): string;
  close(): Promise<void>;
}

/** Only NIFTY's two nearest expiries: enough for every test, and quick to load. */
const SMALL_UNIVERSE = { CHAINLENS_UNDERLYINGS: 'NIFTY', CHAINLENS_MAX_EXPIRIES: '2' };

export async function startRig(options: RigOptions = {}): Promise<Rig> {
  const simClock = new ManualClock(Date.now());
  const time = options.market === 'moving' ? { ticksPerSecond: 400 } : { ticksPerSecond: 0, clock: simClock, scheduler: new ManualScheduler(simClock) };
  const sim = await startSimulator({ seed: 7, ...time, ...options.sim });
  const rootDir = await mkdtemp(join(tmpdir(), 'chainlens-serve-'));
  const rendererDir = join(rootDir, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), INDEX_HTML);
  await writeFile(join(rendererDir, 'assets', 'app.js'), APP_JS);
  await writeFile(join(rootDir, 'secret.txt'), OUTSIDE_SECRET);
  const redactor = new Redactor();
  const { logger, lines } = createMemoryLogger(redactor, 'debug');
  const simEnv = sim.env();
  const env =
    options.credentials === 'missing'
      ? { DHAN_API_URL: simEnv.DHAN_API_URL, DHAN_FEED_URL: simEnv.DHAN_FEED_URL, DHAN_SCRIP_MASTER_URL: simEnv.DHAN_SCRIP_MASTER_URL, ...SMALL_UNIVERSE }
      : { ...simEnv, ...SMALL_UNIVERSE };
  const runtime = await createAppRuntime(
    {
      mode: 'demo',
      dataDir: join(rootDir, 'data'),
      logDir: join(rootDir, 'logs'),
      versions: { app: 'test', node: process.version, electron: null, chromium: null, platform: process.platform },
      logger,
      redactor,
      env,
    },
    { credentialStore: new MemoryCredentialStore(), marketHours: 'always-open' },
  );
  await runtime.start();
  const server = await startBrowserServer({
    backend: runtime.backend,
    chains: runtime.engine,
    rendererDir,
    logger,
    redactor,
    clock: options.serverClock ?? systemClock,
    scheduler: systemScheduler,
    ...(options.maxBufferedBytes === undefined ? {} : { maxBufferedBytes: options.maxBufferedBytes }),
    ...(options.maxPayloadBytes === undefined ? {} : { maxPayloadBytes: options.maxPayloadBytes }),
  });
  let closing: Promise<void> | null = null;
  return {
    sim,
    runtime,
    server,
    redactor,
    logLines: lines,
    rootDir,
    href: (path) => `${server.origin}${path}`,
    close() {
      closing ??= (async () => {
        await server.close();
        await runtime.stop();
        await sim.close();
        await rm(rootDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

/** Headers that carry the key the way a script does. */
export function bearer(rig: Rig): Record<string, string> {
  return { authorization: `Bearer ${rig.server.accessKey}` };
}

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  json(): unknown;
}

/** A plain fetch that keeps the body as text for scanning. */
export async function get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await fetch(url, { headers, redirect: 'manual' });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) as unknown };
}

/** A `ws` client with our own origin and key; resolves once open. Frames land in `frames`. */
export async function openApiSocket(
  rig: Rig,
  options: { origin?: string; key?: string | null; host?: string } = {},
): Promise<{ socket: WebSocket; frames: string[] }> {
  const key = options.key === undefined ? rig.server.accessKey : options.key;
  const url = `ws://127.0.0.1:${rig.server.port}/api${key === null ? '' : `?key=${encodeURIComponent(key)}`}`;
  const socket = new WebSocket(url, {
    origin: options.origin ?? rig.server.origin,
    ...(options.host ? { headers: { host: options.host } } : {}),
  });
  const frames: string[] = [];
  socket.on('message', (data) => frames.push(String(data)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { socket, frames };
}

/** Resolves with the HTTP status a refused upgrade answered with. */
export function refusedUpgradeStatus(url: string, options: WebSocket.ClientOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options);
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      response.resume();
      socket.terminate();
    });
    socket.once('open', () => {
      socket.close();
      reject(new Error('the upgrade was accepted'));
    });
    socket.once('error', (error) => reject(error));
  });
}

/**
 * Polls `check` until it returns something other than undefined/false. The deadline only turns
 * a hang into a readable failure; no test asserts on how long anything takes.
 */
export async function waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
