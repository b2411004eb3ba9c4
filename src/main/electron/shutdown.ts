/**
 * Crash-safe shutdown. The first quit request (window closed, Cmd+Q, SIGINT/SIGTERM, an
 * update restart) is held back while the app stops cleanly — feed sockets closed, recordings
 * flushed, logs written — bounded by a timeout, then the process exits. Uncaught exceptions
 * and unhandled rejections in the main process are logged with a stable code, never silent.
 */
import type { Scheduler } from '../../shared/util/clock';
import type { Logger } from '../logging/logger';
import type { AppPort, ProcessPort } from './electron-ports';

export const SHUTDOWN_TIMEOUT_MS = 10_000;

export interface ShutdownOptions {
  readonly app: Pick<AppPort, 'on' | 'quit' | 'exit'>;
  readonly process: Pick<ProcessPort, 'on' | 'off' | 'stderr'>;
  /** Stops everything (runtime, updater timers); called exactly once. */
  readonly stop: () => Promise<void>;
  /** Runs after `stop` settles or times out, right before exit (closing the log file). */
  readonly finalize?: () => Promise<void>;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  /** Default SHUTDOWN_TIMEOUT_MS (10 s). */
  readonly timeoutMs?: number;
}

export interface ShutdownController {
  readonly phase: 'running' | 'stopping' | 'exited';
  /** How many uncaught errors and unhandled rejections were logged. */
  readonly uncaughtErrors: number;
  /** Quits through the normal clean stop, exiting with at least `exitCode` (e.g. 1 after a startup failure). */
  quit(exitCode: number): void;
  /** Removes the process listeners (used by tests and after exit). */
  dispose(): void;
}

export function installShutdown(options: ShutdownOptions): ShutdownController {
  const { app, logger, scheduler } = options;
  const timeoutMs = options.timeoutMs ?? SHUTDOWN_TIMEOUT_MS;
  let phase: ShutdownController['phase'] = 'running';
  let uncaughtErrors = 0;
  let requestedExitCode = 0;

  const stopWithTimeout = async (): Promise<number> => {
    let timer: ReturnType<Scheduler['setTimeout']> | null = null;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = scheduler.setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const outcome = await Promise.race([options.stop().then(() => 'stopped' as const), timedOut]);
      if (outcome === 'timeout') {
        logger.warn({ code: 'SHELL_SHUTDOWN_TIMEOUT', timeoutMs }, 'shutdown timed out; exiting anyway');
        return 1;
      }
      logger.info({}, 'stopped cleanly');
      return 0;
    } catch (error) {
      logger.error(
        { code: 'SHELL_UNCAUGHT_ERROR', error: describe(error) },
        'stopping failed; exiting anyway',
      );
      return 1;
    } finally {
      scheduler.clearTimeout(timer);
    }
  };

  const shutDown = async (): Promise<void> => {
    const exitCode = Math.max(await stopWithTimeout(), requestedExitCode);
    try {
      await options.finalize?.();
    } catch (error) {
      // The log file may be what failed to close; stderr is the last place left to say so.
      options.process.stderr.write(`ChainLens: closing the logs failed: ${describe(error)}\n`);
    }
    dispose();
    phase = 'exited';
    app.exit(exitCode);
  };

  app.on('before-quit', (event) => {
    if (phase === 'exited') return;
    event.preventDefault();
    if (phase === 'stopping') return;
    phase = 'stopping';
    logger.info({}, 'shutting down');
    void shutDown();
  });

  const onSignal = (): void => {
    if (phase === 'running') {
      logger.info({}, 'termination signal received');
      app.quit();
      return;
    }
    // A second Ctrl+C while stopping means "now": skip the rest of the clean stop.
    logger.warn({ code: 'SHELL_SHUTDOWN_TIMEOUT' }, 'second termination signal; exiting immediately');
    dispose();
    phase = 'exited';
    app.exit(130);
  };
  const onUncaught = (error: unknown): void => {
    uncaughtErrors += 1;
    logger.error(
      { code: 'SHELL_UNCAUGHT_ERROR', error: describe(error), stack: stackOf(error), uncaughtErrors },
      'uncaught error in the main process',
    );
  };

  options.process.on('SIGINT', onSignal);
  options.process.on('SIGTERM', onSignal);
  options.process.on('uncaughtException', onUncaught);
  options.process.on('unhandledRejection', onUncaught);

  let disposed = false;
  const dispose = (): void => {
    if (disposed) return;
    disposed = true;
    options.process.off('SIGINT', onSignal);
    options.process.off('SIGTERM', onSignal);
    options.process.off('uncaughtException', onUncaught);
    options.process.off('unhandledRejection', onUncaught);
  };

  return {
    get phase() {
      return phase;
    },
    get uncaughtErrors() {
      return uncaughtErrors;
    },
    quit(exitCode) {
      requestedExitCode = Math.max(requestedExitCode, exitCode);
      app.quit();
    },
    dispose,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function stackOf(error: unknown): string | null {
  return error instanceof Error && error.stack !== undefined
    ? error.stack.split('\n').slice(0, 12).join('\n')
    : null;
}
