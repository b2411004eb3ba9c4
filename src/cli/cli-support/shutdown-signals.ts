/**
 * Clean shutdown for a command-line run: the first SIGINT or SIGTERM stops everything in order
 * and sets the exit code; a second one (someone pressing Ctrl+C again on a stuck stop) forces
 * the exit the caller provides. Library code never exits by itself.
 */
import type { Logger } from '../../main/logging/logger';

export type ShutdownSignal = 'SIGINT' | 'SIGTERM';

/** The slice of `process` this needs. */
export interface SignalProcess {
  on(signal: ShutdownSignal, listener: () => void): unknown;
  off(signal: ShutdownSignal, listener: () => void): unknown;
  exitCode?: number | string | undefined;
}

export interface ShutdownOptions {
  readonly process: SignalProcess;
  /** Stops servers, the engine and the simulator; a rejection means exit code 1. */
  readonly stop: () => Promise<void>;
  readonly logger: Logger;
  /** Called on the second signal with 128 + the signal number (130 or 143). */
  readonly forceExit: (code: number) => void;
}

export interface ShutdownHandle {
  /** Stops now, as the first signal would (the same promise on every call). */
  shutdown(reason: string): Promise<void>;
  /** Removes the signal listeners. */
  dispose(): void;
}

const SIGNAL_EXIT_CODES: Readonly<Record<ShutdownSignal, number>> = { SIGINT: 130, SIGTERM: 143 };

export function shutdownOnSignals(options: ShutdownOptions): ShutdownHandle {
  const { process: proc, logger } = options;
  let stopping: Promise<void> | null = null;
  const shutdown = (reason: string): Promise<void> => {
    stopping ??= options.stop().then(
      () => {
        proc.exitCode = 0;
      },
      (error: unknown) => {
        logger.error({ err: error, reason }, 'shutdown failed');
        proc.exitCode = 1;
      },
    );
    return stopping;
  };
  const listeners = (['SIGINT', 'SIGTERM'] as const).map((signal) => {
    const listener = (): void => {
      if (stopping) {
        logger.warn({ signal }, 'second signal: exiting without waiting for a clean stop');
        options.forceExit(SIGNAL_EXIT_CODES[signal]);
        return;
      }
      logger.info({ signal }, 'stopping (send the signal again to force)');
      void shutdown(signal);
    };
    proc.on(signal, listener);
    return { signal, listener };
  });
  return {
    shutdown,
    dispose() {
      for (const { signal, listener } of listeners) proc.off(signal, listener);
    },
  };
}
