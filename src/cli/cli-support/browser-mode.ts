/**
 * Starts the browser mode end to end: folders and log, the simulated market (demo), the engine,
 * the server; then prints the URL and runs the engine's startup path in the background so the
 * page can show its progress. `stop` undoes all of it in reverse order.
 */
import { homedir } from 'node:os';
import { Redactor } from '../../main/logging/redactor';
import type { Logger, LoggerOptions } from '../../main/logging/logger';
import type { FullAppRuntime } from '../../main/app/create-app-runtime';
import { startBrowserServer, type BrowserServer } from '../../main/serve/browser-server';
import { checkRendererDir } from '../../main/serve/static-files';
import { systemClock, systemScheduler } from '../../main/util/system-clock';
import { resolveAppDirs, type AppDirs } from './app-dirs';
import { openCliLog } from './cli-log';
import { createCliRuntime } from './cli-runtime';
import { startDemoMarket, type DemoMarket } from './demo-market';
import { builtRendererDir, packageVersion } from './project-paths';

export const SERVE_LOG_FILE = 'chainlens-serve.log';

const LOG_LEVELS: readonly NonNullable<LoggerOptions['level']>[] = ['debug', 'info', 'warn', 'error', 'silent'];

export interface BrowserModeOptions {
  readonly demo: boolean;
  /** 0 picks a free port. */
  readonly port: number;
  /** Simulated market seed (demo only). Default 1. */
  readonly seed?: number;
  /** The environment (process.env): DHAN_*, CHAINLENS_DATA_DIR, CHAINLENS_LOG_DIR, CHAINLENS_LOG_LEVEL, CHAINLENS_RENDERER_DIR. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The checkout's root (for out/renderer and the version). */
  readonly root: string;
  /** Where the URL and instructions go (stdout). */
  readonly out: NodeJS.WritableStream;
  /** Where human-readable log lines go; default stderr, null for none. */
  readonly terminal?: NodeJS.WritableStream | null;
  /** Default os.homedir() and process.platform (for the folder conventions). */
  readonly homeDir?: string;
  readonly platform?: string;
}

export interface BrowserModeRun {
  readonly server: BrowserServer;
  readonly runtime: FullAppRuntime;
  readonly demo: DemoMarket | null;
  readonly dirs: AppDirs;
  readonly logger: Logger;
  /** Resolves when the engine's startup path has finished (it never rejects). */
  readonly started: Promise<void>;
  /** Closes the server, the engine, the simulator and the log, in that order. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Rejects with AppError SERVE_RENDERER_MISSING before starting anything when the built renderer
 * is missing, or SERVE_START_FAILED / SIM_START_FAILED when a server cannot listen; whatever
 * had started is stopped again first.
 */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserModeRun> {
  const { env } = options;
  const rendererDir = env.CHAINLENS_RENDERER_DIR?.trim() || builtRendererDir(options.root);
  await checkRendererDir(rendererDir);
  const dirs = resolveAppDirs({ env, platform: options.platform ?? process.platform, homeDir: options.homeDir ?? homedir() });
  const redactor = new Redactor();
  const log = openCliLog({
    logDir: dirs.logDir,
    fileName: SERVE_LOG_FILE,
    redactor,
    level: LOG_LEVELS.find((level) => level === env.CHAINLENS_LOG_LEVEL) ?? 'info',
    base: { app: 'chainlens', mode: options.demo ? 'demo' : 'live', frontDoor: 'browser' },
    terminal: options.terminal === undefined ? process.stderr : options.terminal,
  });
  const logger = log.logger;
  const steps: (() => Promise<void>)[] = [() => log.close()];
  const stopAll = async (): Promise<void> => {
    let first: unknown = null;
    while (steps.length > 0) {
      try {
        await steps.pop()?.();
      } catch (error) {
        logger.error({ err: error }, 'a stop step failed');
        first ??= error;
      }
    }
    if (first !== null) throw first;
  };

  try {
    logger.info({ dataDir: dirs.dataDir, logDir: dirs.logDir, rendererDir, demo: options.demo }, 'browser mode starting');
    let demo: DemoMarket | null = null;
    if (options.demo) {
      demo = await startDemoMarket({ seed: options.seed ?? 1, logger, redactor });
      const market = demo;
      steps.push(() => market.close());
    }
    const runtime = await createCliRuntime({
      demo: options.demo,
      dirs,
      env: { ...env, ...(demo?.env() ?? {}) },
      appVersion: packageVersion(options.root),
      logger,
      redactor,
    });
    steps.push(() => runtime.stop());
    const server = await startBrowserServer({
      backend: runtime.backend,
      chains: runtime.engine,
      rendererDir,
      port: options.port,
      logger,
      redactor,
      clock: systemClock,
      scheduler: systemScheduler,
    });
    steps.push(() => server.close());
    printWelcome(options.out, server, options.demo);
    const started = runtime.start().catch((error: unknown) => logger.error({ err: error }, 'the engine startup path rejected'));
    let stopping: Promise<void> | null = null;
    return { server, runtime, demo, dirs, logger, started, stop: () => (stopping ??= stopAll()) };
  } catch (error) {
    logger.error({ err: error }, 'browser mode could not start');
    await stopAll().catch(() => undefined);
    throw error;
  }
}

function printWelcome(out: NodeJS.WritableStream, server: BrowserServer, demo: boolean): void {
  const market = demo ? 'the SIMULATED market (demo)' : 'DhanHQ';
  out.write(
    [
      `ChainLens browser mode on ${market}. Open this URL in a browser on this machine:`,
      '',
      `  ${server.url}`,
      '',
      'Scripts: the JSON endpoint takes the same key as a bearer token, e.g.',
      `  curl -H "Authorization: Bearer ${server.accessKey}" "${server.origin}/api/v2/options/live?underlying=NIFTY&expiry=YYYY-MM-DD"`,
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
}
